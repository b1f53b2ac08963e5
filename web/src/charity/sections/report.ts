// 年度报告: routes and menu items of this section of 慈善公益 (and a link to the public portal).
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Histogram, Share } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/report', name: 'ch-report', component: () => import('../views/ReportView.vue'), meta: { perm: R, title: 'ch.menu.report' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [
    { path: '/charity/report', label: t('ch.menu.report'), icon: markRaw(Histogram), testid: 'menu-ch-report' },
    // the public portal (no login, outside the layout)
    { path: '/portal', label: t('ch.menu.portal'), icon: markRaw(Share), testid: 'menu-ch-portal' },
  ]
}
