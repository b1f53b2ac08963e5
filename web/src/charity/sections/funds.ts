// 基金与项目: routes and menu items of this section of 慈善公益.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Coin } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/funds', name: 'ch-funds', component: () => import('../views/FundsView.vue'), meta: { perm: R, title: 'ch.menu.funds' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [{ path: '/charity/funds', label: t('ch.menu.funds'), icon: markRaw(Coin), testid: 'menu-ch-funds' }]
}
