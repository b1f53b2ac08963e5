// 工作计划进度: routes and menu items (我的任务, 进度总览, 进度提醒, 指标监测, 进度报告).
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { AlarmClock, DataLine, EditPen, Histogram, Printer } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'plan.read'
export const routes: RouteRecordRaw[] = [
  { path: 'plan/progress/mine', name: 'pl-progress-mine', component: () => import('../views/progress/MyTasksView.vue'), meta: { perm: R, title: 'pl.progress.menu.mine' } },
  { path: 'plan/progress/status', name: 'pl-progress-status', component: () => import('../views/progress/StatusView.vue'), meta: { perm: R, title: 'pl.progress.menu.status' } },
  { path: 'plan/progress/reminders', name: 'pl-progress-reminders', component: () => import('../views/progress/RemindersView.vue'), meta: { perm: R, title: 'pl.progress.menu.reminders' } },
  { path: 'plan/progress/indicators', name: 'pl-progress-indicators', component: () => import('../views/progress/IndicatorsView.vue'), meta: { perm: R, title: 'pl.progress.menu.indicators' } },
  { path: 'plan/progress/report', name: 'pl-progress-report', component: () => import('../views/progress/ReportPrint.vue'), meta: { perm: R, title: 'pl.progress.menu.report' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  const items: MenuItem[] = []
  // the units' own page: only accounts that report (an auditor reads the overview)
  if (can('plan.report')) items.push({ path: '/plan/progress/mine', label: t('pl.progress.menu.mine'), icon: markRaw(EditPen), testid: 'menu-pl-progress-mine' })
  items.push(
    { path: '/plan/progress/status', label: t('pl.progress.menu.status'), icon: markRaw(DataLine), testid: 'menu-pl-progress-status' },
    { path: '/plan/progress/reminders', label: t('pl.progress.menu.reminders'), icon: markRaw(AlarmClock), testid: 'menu-pl-progress-reminders' },
    { path: '/plan/progress/indicators', label: t('pl.progress.menu.indicators'), icon: markRaw(Histogram), testid: 'menu-pl-progress-indicators' },
    { path: '/plan/progress/report', label: t('pl.progress.menu.report'), icon: markRaw(Printer), testid: 'menu-pl-progress-report' },
  )
  return items
}
