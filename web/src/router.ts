import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuth } from './stores/auth'
import { useDict } from './stores/dict'

declare module 'vue-router' {
  interface RouteMeta {
    perm?: string
    title?: string
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/HomeRedirect.vue') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { perm: 'stats.read', title: 'menu.dashboard' } },
      { path: 'persons', name: 'persons', component: () => import('./views/PersonsView.vue'), meta: { perm: 'person.read', title: 'menu.persons' } },
      { path: 'persons/:id', name: 'person', component: () => import('./views/PersonDetail.vue'), meta: { perm: 'person.read', title: 'person.detail' } },
      { path: 'households', name: 'households', component: () => import('./views/HouseholdsView.vue'), meta: { perm: 'person.read', title: 'menu.households' } },
      { path: 'households/:id', name: 'household', component: () => import('./views/HouseholdDetail.vue'), meta: { perm: 'person.read', title: 'household.detail' } },
      { path: 'imports', name: 'imports', component: () => import('./views/ImportsView.vue'), meta: { perm: 'person.import', title: 'menu.imports' } },
      { path: 'system/accounts', name: 'accounts', component: () => import('./views/AccountsView.vue'), meta: { perm: 'account.manage', title: 'menu.accounts' } },
      { path: 'system/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { perm: 'audit.read', title: 'menu.audit' } },
      { path: 'system/api', name: 'apidocs', component: () => import('./views/ApiDocsView.vue'), meta: { title: 'menu.apidocs' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/NotFound.vue'), props: { forbidden: true } },
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

/** The first page the account may open, in menu order. */
export function homeFor(can: (p: string) => boolean): string {
  if (can('stats.read')) return '/dashboard'
  if (can('person.read')) return '/persons'
  if (can('person.import')) return '/imports'
  if (can('account.manage')) return '/system/accounts'
  if (can('audit.read')) return '/system/audit'
  return '/system/api'
}

router.beforeEach(async (to) => {
  const auth = useAuth()
  if (to.meta.public) return true
  if (!auth.checked || !auth.me) await auth.load()
  if (!auth.me) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  useDict().load()
  if (to.meta.perm && !auth.can(to.meta.perm)) return { name: 'forbidden' }
  return true
})
