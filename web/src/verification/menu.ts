// 核对: the routes of the area (its menu is built in layout/AppLayout.vue).
import type { RouteRecordRaw } from 'vue-router'

const V = 'verification.read'
// village workers record re-inspections (sampling.visit) without reading reports
const VS = [V, 'sampling.visit']
export const verificationRoutes: RouteRecordRaw[] = [
  { path: 'verification/snapshots', name: 'ver-snapshots', component: () => import('./views/SnapshotsView.vue'), meta: { perm: V, title: 'ver.menu.snapshots' } },
  { path: 'verification/runs', name: 'ver-runs', component: () => import('./views/RunsView.vue'), meta: { perm: V, title: 'ver.menu.runs' } },
  { path: 'verification/reports', name: 'ver-reports', component: () => import('./views/ReportsView.vue'), meta: { perm: V, title: 'ver.menu.reports' } },
  { path: 'verification/reports/:id(\\d+)', name: 'ver-report', component: () => import('./views/ReportDetail.vue'), meta: { perm: V, title: 'ver.report.detail' } },
  { path: 'verification/flags', name: 'ver-flags', component: () => import('./views/FlagsView.vue'), meta: { perm: V, title: 'ver.menu.flags' } },
  { path: 'verification/sampling', name: 'ver-sampling', component: () => import('./views/SamplingView.vue'), meta: { perm: VS, title: 'ver.menu.sampling' } },
  { path: 'verification/sampling/:id(\\d+)', name: 'ver-draw', component: () => import('./views/DrawDetail.vue'), meta: { perm: VS, title: 'ver.sampling.detail' } },
  { path: 'verification/sampling/items/:id(\\d+)', name: 'ver-sample-visit', component: () => import('./views/SampleVisitView.vue'), meta: { perm: 'sampling.visit', title: 'ver.sampling.visitTitle' } },
]

/** The printable 核对报告: no layout, but it holds personal data, so it needs a login (not `public`). */
export const verificationTopRoutes: RouteRecordRaw[] = [
  { path: '/print/verification/:id(\\d+)', name: 'ver-print', component: () => import('./views/ReportPrint.vue'), meta: { perm: V, title: 'ver.print.title' } },
]
