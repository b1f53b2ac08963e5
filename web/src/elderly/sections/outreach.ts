// allowances and 事找人: routes and menu items of this section of 养老助残儿童.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Aim, Notebook } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'elderly.read'

export const routes: RouteRecordRaw[] = [
  { path: 'elderly/register', name: 'eld-register', component: () => import('../views/outreach/RegisterView.vue'), meta: { perm: R, title: 'eld.outreach.menu.register' } },
  { path: 'elderly/outreach', name: 'eld-outreach', component: () => import('../views/outreach/OutreachView.vue'), meta: { perm: R, title: 'eld.outreach.menu.outreach' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string, _providerKind?: string | null): MenuItem[] {
  const items: MenuItem[] = []
  if (can(R)) {
    items.push({ path: '/elderly/register', label: t('eld.outreach.menu.register'), icon: markRaw(Notebook), testid: 'menu-eld-register' })
    items.push({ path: '/elderly/outreach', label: t('eld.outreach.menu.outreach'), icon: markRaw(Aim), testid: 'menu-eld-outreach' })
  }
  return items
}
