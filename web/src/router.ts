import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuth } from './stores/auth'
import { useDict } from './stores/dict'
import { elderlyRoutes } from './elderly/menu'
import { charityHome, charityRoutes, charityTopRoutes } from './charity/menu'
import { planRoutes } from './plan/menu'

declare module 'vue-router' {
  interface RouteMeta {
    /** the permission the page needs; a list: any one of them */
    perm?: string | string[]
    title?: string
    public?: boolean
  }
}

const A = 'assistance.read'
const assistanceRoutes: RouteRecordRaw[] = [
  { path: 'assistance/applications', name: 'asst-applications', component: () => import('./views/assistance/ApplicationsView.vue'), meta: { perm: A, title: 'asst.menu.applications' } },
  { path: 'assistance/applications/new', name: 'asst-apply', component: () => import('./views/assistance/ApplicationNew.vue'), meta: { perm: 'assistance.apply', title: 'asst.app.create' } },
  { path: 'assistance/applications/:id(\\d+)', name: 'asst-application', component: () => import('./views/assistance/ApplicationDetail.vue'), meta: { perm: A, title: 'asst.app.detail' } },
  { path: 'assistance/visit/:id(\\d+)', name: 'asst-visit', component: () => import('./views/assistance/VisitView.vue'), meta: { perm: A, title: 'asst.visit.title' } },
  { path: 'assistance/notices', name: 'asst-notices', component: () => import('./views/assistance/NoticesView.vue'), meta: { perm: A, title: 'asst.menu.notices' } },
  { path: 'assistance/notices/:id(\\d+)', name: 'asst-notice', component: () => import('./views/assistance/NoticeDetail.vue'), meta: { perm: A, title: 'asst.notice.detail' } },
  { path: 'assistance/cases', name: 'asst-cases', component: () => import('./views/assistance/CasesView.vue'), meta: { perm: A, title: 'asst.menu.cases' } },
  { path: 'assistance/cases/:id(\\d+)', name: 'asst-case', component: () => import('./views/assistance/CaseDetail.vue'), meta: { perm: A, title: 'asst.case.detail' } },
  { path: 'assistance/payroll', name: 'asst-payroll', component: () => import('./views/assistance/PayrollView.vue'), meta: { perm: 'payroll.run', title: 'asst.menu.payroll' } },
  { path: 'assistance/payroll/runs/:id(\\d+)', name: 'asst-run', component: () => import('./views/assistance/PayrollRunDetail.vue'), meta: { perm: 'payroll.run', title: 'asst.payroll.runDetail' } },
  { path: 'assistance/policy', name: 'asst-policy', component: () => import('./views/assistance/PolicyView.vue'), meta: { perm: A, title: 'asst.menu.policy' } },
  { path: 'assistance/stats', name: 'asst-stats', component: () => import('./views/assistance/StatsView.vue'), meta: { perm: A, title: 'asst.menu.stats' } },
]

const V = 'verification.read'
// village workers record re-inspections (sampling.visit) without reading reports
const VS = [V, 'sampling.visit']
const verificationRoutes: RouteRecordRaw[] = [
  { path: 'verification/snapshots', name: 'ver-snapshots', component: () => import('./views/verification/SnapshotsView.vue'), meta: { perm: V, title: 'ver.menu.snapshots' } },
  { path: 'verification/runs', name: 'ver-runs', component: () => import('./views/verification/RunsView.vue'), meta: { perm: V, title: 'ver.menu.runs' } },
  { path: 'verification/reports', name: 'ver-reports', component: () => import('./views/verification/ReportsView.vue'), meta: { perm: V, title: 'ver.menu.reports' } },
  { path: 'verification/reports/:id(\\d+)', name: 'ver-report', component: () => import('./views/verification/ReportDetail.vue'), meta: { perm: V, title: 'ver.report.detail' } },
  { path: 'verification/flags', name: 'ver-flags', component: () => import('./views/verification/FlagsView.vue'), meta: { perm: V, title: 'ver.menu.flags' } },
  { path: 'verification/sampling', name: 'ver-sampling', component: () => import('./views/verification/SamplingView.vue'), meta: { perm: VS, title: 'ver.menu.sampling' } },
  { path: 'verification/sampling/:id(\\d+)', name: 'ver-draw', component: () => import('./views/verification/DrawDetail.vue'), meta: { perm: VS, title: 'ver.sampling.detail' } },
  { path: 'verification/sampling/items/:id(\\d+)', name: 'ver-sample-visit', component: () => import('./views/verification/SampleVisitView.vue'), meta: { perm: 'sampling.visit', title: 'ver.sampling.visitTitle' } },
]

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  // the printable public notice: no layout, no login (GET /api/v1/public/notices/{id})
  { path: '/print/notices/:id(\\d+)', name: 'notice-print', component: () => import('./views/assistance/NoticePrint.vue'), meta: { public: true, title: 'asst.notice.print' } },
  // the printable 核对报告: no layout, but it holds personal data, so it needs a login (not `public`)
  { path: '/print/verification/:id(\\d+)', name: 'ver-print', component: () => import('./views/verification/ReportPrint.vue'), meta: { perm: V, title: 'ver.print.title' } },
  // 慈善: the printable receipt and annual report (login), and the public portal (/portal, no login)
  ...charityTopRoutes,
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
      ...assistanceRoutes,
      ...verificationRoutes,
      ...elderlyRoutes,
      ...charityRoutes,
      ...planRoutes,
      { path: 'system/accounts', name: 'accounts', component: () => import('./views/AccountsView.vue'), meta: { perm: 'account.manage', title: 'menu.accounts' } },
      { path: 'system/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { perm: 'audit.read', title: 'menu.audit' } },
      { path: 'system/jobs', name: 'jobs', component: () => import('./views/JobsView.vue'), meta: { perm: 'job.read', title: 'menu.jobs' } },
      { path: 'system/api', name: 'apidocs', component: () => import('./views/ApiDocsView.vue'), meta: { title: 'menu.apidocs' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/NotFound.vue'), props: { forbidden: true } },
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

/** The first page the account may open, in menu order. */
export function homeFor(can: (p: string) => boolean, providerKind?: string | null): string {
  // a provider's account (服务商) works on its kind's page
  if (can('homecare.serve')) {
    if (providerKind === 'canteen') return '/elderly/services/meal'
    if (providerKind === 'emergency_call') return '/elderly/services/duty'
    return '/elderly/care/my-orders'
  }
  // the verification office (核对员) works in its own area first
  if (can('verification.load')) return '/verification/snapshots'
  // the charity federation's clerks (慈善会) record donations first
  if (can('charity.record')) return charityHome(can) ?? '/charity/donations'
  if (can('stats.read')) return '/dashboard'
  if (can('person.read')) return '/persons'
  if (can('person.import')) return '/imports'
  if (can('payroll.run')) return '/assistance/payroll'
  if (can('assistance.read')) return '/assistance/applications'
  if (can('verification.read')) return '/verification/reports'
  if (can('sampling.visit')) return '/verification/sampling'
  const charity = charityHome(can)
  if (charity) return charity
  // a responsible unit's contact (责任单位联络员) reports on its tasks
  if (can('plan.report')) return '/plan/progress/mine'
  if (can('plan.read')) return '/plan/plans'
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
  const perm = to.meta.perm
  if (perm && !(Array.isArray(perm) ? perm.some(auth.can) : auth.can(perm))) return { name: 'forbidden' }
  return true
})
