import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuth } from './stores/auth'
import { useDict } from './stores/dict'
import { elderlyRoutes } from './elderly/menu'
import { charityHome, charityRoutes, charityTopRoutes } from './charity/menu'
import { planRoutes } from './plan/menu'
import { registryRoutes } from './registry/menu'
import { assistanceRoutes } from './assistance/menu'
import { verificationRoutes, verificationTopRoutes } from './verification/menu'
import { adminRoutes } from './admin/menu'

declare module 'vue-router' {
  interface RouteMeta {
    /** the permission the page needs; a list: any one of them */
    perm?: string | string[]
    title?: string
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  // the printable public notice: no layout, no login (GET /api/v1/public/notices/{id})
  { path: '/print/notices/:id(\\d+)', name: 'notice-print', component: () => import('./assistance/views/NoticePrint.vue'), meta: { public: true, title: 'asst.notice.print' } },
  // the printable 核对报告: no layout, but it holds personal data, so it needs a login (not `public`)
  ...verificationTopRoutes,
  // 慈善: the printable receipt and annual report (login), and the public portal (/portal, no login)
  ...charityTopRoutes,
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/HomeRedirect.vue') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { perm: 'stats.read', title: 'menu.dashboard' } },
      ...registryRoutes,
      ...assistanceRoutes,
      ...verificationRoutes,
      ...elderlyRoutes,
      ...charityRoutes,
      ...planRoutes,
      ...adminRoutes,
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
