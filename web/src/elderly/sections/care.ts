// home care: providers, catalogue, orders, settlement: routes and menu items of this section of 养老助残儿童.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Checked, Coin, List, OfficeBuilding, Phone, Tickets, UserFilled } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'elderly.read'
export const routes: RouteRecordRaw[] = [
  { path: 'elderly/care/providers', name: 'care-providers', component: () => import('../views/care/ProvidersView.vue'), meta: { perm: R, title: 'eld.care.menu.providers' } },
  { path: 'elderly/care/items', name: 'care-items', component: () => import('../views/care/ItemsView.vue'), meta: { perm: R, title: 'eld.care.menu.items' } },
  { path: 'elderly/care/enrolments', name: 'care-enrolments', component: () => import('../views/care/EnrolmentsView.vue'), meta: { perm: R, title: 'eld.care.menu.enrolments' } },
  { path: 'elderly/care/orders', name: 'care-orders', component: () => import('../views/care/OrdersView.vue'), meta: { perm: R, title: 'eld.care.menu.orders' } },
  { path: 'elderly/care/my-orders', name: 'care-my-orders', component: () => import('../views/care/MyOrdersView.vue'), meta: { perm: 'homecare.serve', title: 'eld.care.menu.myOrders' } },
  { path: 'elderly/care/visits', name: 'care-visits', component: () => import('../views/care/VisitsView.vue'), meta: { perm: R, title: 'eld.care.menu.visits' } },
  { path: 'elderly/care/settlement', name: 'care-settlement', component: () => import('../views/care/SettlementView.vue'), meta: { perm: 'homecare.settle', title: 'eld.care.menu.settlement' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string, providerKind?: string | null): MenuItem[] {
  const items: MenuItem[] = []
  if (can('homecare.serve') && (providerKind ?? 'home_care') === 'home_care') items.push({ path: '/elderly/care/my-orders', label: t('eld.care.menu.myOrders'), icon: markRaw(Phone), testid: 'menu-care-my-orders' })
  if (can(R)) {
    items.push({ path: '/elderly/care/enrolments', label: t('eld.care.menu.enrolments'), icon: markRaw(UserFilled), testid: 'menu-care-enrolments' })
    items.push({ path: '/elderly/care/orders', label: t('eld.care.menu.orders'), icon: markRaw(Tickets), testid: 'menu-care-orders' })
    items.push({ path: '/elderly/care/visits', label: t('eld.care.menu.visits'), icon: markRaw(Checked), testid: 'menu-care-visits' })
    items.push({ path: '/elderly/care/providers', label: t('eld.care.menu.providers'), icon: markRaw(OfficeBuilding), testid: 'menu-care-providers' })
    items.push({ path: '/elderly/care/items', label: t('eld.care.menu.items'), icon: markRaw(List), testid: 'menu-care-items' })
  }
  if (can('homecare.settle')) items.push({ path: '/elderly/care/settlement', label: t('eld.care.menu.settlement'), icon: markRaw(Coin), testid: 'menu-care-settlement' })
  return items
}
