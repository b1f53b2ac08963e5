// 账本与校验: routes and menu items of this section of 慈善公益.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Lock } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/ledger', name: 'ch-ledger', component: () => import('../views/LedgerView.vue'), meta: { perm: R, title: 'ch.menu.ledger' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [{ path: '/charity/ledger', label: t('ch.menu.ledger'), icon: markRaw(Lock), testid: 'menu-ch-ledger' }]
}
