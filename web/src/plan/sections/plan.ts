// 大民政工作计划: routes and menu items (计划表, 责任矩阵, 责任单位).
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Grid, Memo, OfficeBuilding } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'plan.read'
export const routes: RouteRecordRaw[] = [
  { path: 'plan/plans', name: 'pl-plans', component: () => import('../views/PlansView.vue'), meta: { perm: R, title: 'pl.menu.plans' } },
  { path: 'plan/plans/:id(\\d+)', name: 'pl-plan', component: () => import('../views/PlanDetail.vue'), meta: { perm: R, title: 'pl.plan.detail' } },
  { path: 'plan/matrix', name: 'pl-matrix', component: () => import('../views/MatrixView.vue'), meta: { perm: R, title: 'pl.menu.matrix' } },
  { path: 'plan/units', name: 'pl-units', component: () => import('../views/UnitsView.vue'), meta: { perm: R, title: 'pl.menu.units' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [
    { path: '/plan/plans', label: t('pl.menu.plans'), icon: markRaw(Memo), testid: 'menu-pl-plans' },
    { path: '/plan/matrix', label: t('pl.menu.matrix'), icon: markRaw(Grid), testid: 'menu-pl-matrix' },
    { path: '/plan/units', label: t('pl.menu.units'), icon: markRaw(OfficeBuilding), testid: 'menu-pl-units' },
  ]
}
