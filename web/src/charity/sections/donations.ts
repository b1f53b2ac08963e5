// 捐赠登记 and 募捐活动: routes and menu items of this section of 慈善公益.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Flag, Present } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/donations', name: 'ch-donations', component: () => import('../views/DonationsView.vue'), meta: { perm: R, title: 'ch.menu.donations' } },
  { path: 'charity/donations/:id(\\d+)', name: 'ch-donation', component: () => import('../views/DonationDetail.vue'), meta: { perm: R, title: 'ch.donation.detail' } },
  { path: 'charity/campaigns', name: 'ch-campaigns', component: () => import('../views/CampaignsView.vue'), meta: { perm: R, title: 'ch.menu.campaigns' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  if (!can(R)) return []
  return [
    { path: '/charity/donations', label: t('ch.menu.donations'), icon: markRaw(Present), testid: 'menu-ch-donations' },
    { path: '/charity/campaigns', label: t('ch.menu.campaigns'), icon: markRaw(Flag), testid: 'menu-ch-campaigns' },
  ]
}
