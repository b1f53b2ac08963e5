// 社会救助: the routes of the area (its menu is built in layout/AppLayout.vue).
import type { RouteRecordRaw } from 'vue-router'

const A = 'assistance.read'
export const assistanceRoutes: RouteRecordRaw[] = [
  { path: 'assistance/applications', name: 'asst-applications', component: () => import('./views/ApplicationsView.vue'), meta: { perm: A, title: 'asst.menu.applications' } },
  { path: 'assistance/applications/new', name: 'asst-apply', component: () => import('./views/ApplicationNew.vue'), meta: { perm: 'assistance.apply', title: 'asst.app.create' } },
  { path: 'assistance/applications/:id(\\d+)', name: 'asst-application', component: () => import('./views/ApplicationDetail.vue'), meta: { perm: A, title: 'asst.app.detail' } },
  { path: 'assistance/visit/:id(\\d+)', name: 'asst-visit', component: () => import('./views/VisitView.vue'), meta: { perm: A, title: 'asst.visit.title' } },
  { path: 'assistance/notices', name: 'asst-notices', component: () => import('./views/NoticesView.vue'), meta: { perm: A, title: 'asst.menu.notices' } },
  { path: 'assistance/notices/:id(\\d+)', name: 'asst-notice', component: () => import('./views/NoticeDetail.vue'), meta: { perm: A, title: 'asst.notice.detail' } },
  { path: 'assistance/cases', name: 'asst-cases', component: () => import('./views/CasesView.vue'), meta: { perm: A, title: 'asst.menu.cases' } },
  { path: 'assistance/cases/:id(\\d+)', name: 'asst-case', component: () => import('./views/CaseDetail.vue'), meta: { perm: A, title: 'asst.case.detail' } },
  { path: 'assistance/payroll', name: 'asst-payroll', component: () => import('./views/PayrollView.vue'), meta: { perm: 'payroll.run', title: 'asst.menu.payroll' } },
  { path: 'assistance/payroll/runs/:id(\\d+)', name: 'asst-run', component: () => import('./views/PayrollRunDetail.vue'), meta: { perm: 'payroll.run', title: 'asst.payroll.runDetail' } },
  { path: 'assistance/policy', name: 'asst-policy', component: () => import('./views/PolicyView.vue'), meta: { perm: A, title: 'asst.menu.policy' } },
  { path: 'assistance/stats', name: 'asst-stats', component: () => import('./views/StatsView.vue'), meta: { perm: A, title: 'asst.menu.stats' } },
]
