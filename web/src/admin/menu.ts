// 系统管理: accounts, the audit log, the background jobs and the API document (the routes; the menu is built in layout/AppLayout.vue).
import type { RouteRecordRaw } from 'vue-router'

export const adminRoutes: RouteRecordRaw[] = [
  { path: 'system/accounts', name: 'accounts', component: () => import('./views/AccountsView.vue'), meta: { perm: 'account.manage', title: 'menu.accounts' } },
  { path: 'system/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { perm: 'audit.read', title: 'menu.audit' } },
  { path: 'system/jobs', name: 'jobs', component: () => import('./views/JobsView.vue'), meta: { perm: 'job.read', title: 'menu.jobs' } },
  { path: 'system/api', name: 'apidocs', component: () => import('./views/ApiDocsView.vue'), meta: { title: 'menu.apidocs' } },
]
