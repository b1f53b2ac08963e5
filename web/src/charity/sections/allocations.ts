// 资金拨付 and 资金池: routes and menu items of this section of 慈善公益.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Money, Wallet } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/allocations', name: 'ch-allocations', component: () => import('../views/AllocationsView.vue'), meta: { perm: R, title: 'ch.menu.allocations' } },
  { path: 'charity/allocations/new', name: 'ch-allocation-new', component: () => import('../views/AllocationNew.vue'), meta: { perm: 'charity.allocate', title: 'ch.allocation.create' } },
  { path: 'charity/pools', name: 'ch-pools', component: () => import('../views/PoolsView.vue'), meta: { perm: R, title: 'ch.menu.pools' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [
    { path: '/charity/allocations', label: t('ch.menu.allocations'), icon: markRaw(Money), testid: 'menu-ch-allocations' },
    { path: '/charity/pools', label: t('ch.menu.pools'), icon: markRaw(Wallet), testid: 'menu-ch-pools' },
  ]
}
