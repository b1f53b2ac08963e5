// 慈善公益: the routes and menu of the sections, merged (like src/elderly/menu.ts), plus the pages
// outside the console's layout: the printable receipt and annual report, and the public portal.
import type { MenuItem } from '../menu'
import type { RouteRecordRaw } from 'vue-router'
import * as donations from './sections/donations'
import * as funds from './sections/funds'
import * as allocations from './sections/allocations'
import * as supermarket from './sections/supermarket'
import * as ledger from './sections/ledger'
import * as report from './sections/report'

export type { MenuItem } from '../menu'

interface Section {
  routes: RouteRecordRaw[]
  menu: (can: (p: string) => boolean, t: (k: string) => string) => MenuItem[]
}

const sections: Section[] = [donations, funds, allocations, supermarket, ledger, report]

/** The console's charity pages (children of the layout). */
export const charityRoutes: RouteRecordRaw[] = sections.flatMap((s) => s.routes)

export function charityMenu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  return sections.flatMap((s) => s.menu(can, t))
}

const R = 'charity.read'
/** Pages without the layout: the printable 捐赠收据 and 年度报告 (login), and the public portal (no login). */
export const charityTopRoutes: RouteRecordRaw[] = [
  { path: '/print/charity/receipts/:id(\\d+)', name: 'ch-receipt-print', component: () => import('./views/ReceiptPrint.vue'), meta: { perm: R, title: 'ch.receipt.title' } },
  { path: '/print/charity/report/:year(\\d{4})', name: 'ch-report-print', component: () => import('./views/ReportPrint.vue'), meta: { perm: R, title: 'ch.report.printTitle' } },
  { path: '/portal', name: 'portal', component: () => import('./views/portal/PortalHome.vue'), meta: { public: true, title: 'ch.portal.title' } },
  { path: '/portal/trace/:code', name: 'portal-trace', component: () => import('./views/portal/PortalTrace.vue'), meta: { public: true, title: 'ch.portal.traceTitle' } },
]

/** The page a charity account starts on. */
export function charityHome(can: (p: string) => boolean): string | null {
  if (can('charity.record') || can('charity.read')) return '/charity/donations'
  if (can('charity.allocate')) return '/charity/allocations'
  const sm = supermarket.menu(can, (k) => k)[0]
  return sm ? sm.path : null
}
