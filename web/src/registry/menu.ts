// 人口信息: persons, households and imports (the routes; the menu is built in layout/AppLayout.vue).
import type { RouteRecordRaw } from 'vue-router'

export const registryRoutes: RouteRecordRaw[] = [
  { path: 'persons', name: 'persons', component: () => import('./views/PersonsView.vue'), meta: { perm: 'person.read', title: 'menu.persons' } },
  { path: 'persons/:id', name: 'person', component: () => import('./views/PersonDetail.vue'), meta: { perm: 'person.read', title: 'person.detail' } },
  { path: 'households', name: 'households', component: () => import('./views/HouseholdsView.vue'), meta: { perm: 'person.read', title: 'menu.households' } },
  { path: 'households/:id', name: 'household', component: () => import('./views/HouseholdDetail.vue'), meta: { perm: 'person.read', title: 'household.detail' } },
  { path: 'imports', name: 'imports', component: () => import('./views/ImportsView.vue'), meta: { perm: 'person.import', title: 'menu.imports' } },
]
