// emergency calls, canteens, institutions: routes and menu items of this section of 养老助残儿童.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { AlarmClock, Bell, Coin, DataAnalysis, Dish, ForkSpoon, House, Iphone, List, Money } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'elderly.read'
const H = 'emergency.handle'
export const routes: RouteRecordRaw[] = [
  { path: 'elderly/services/duty', name: 'services-duty', component: () => import('../views/services/DutyView.vue'), meta: { perm: [H, 'homecare.serve'], title: 'eld.services.menu.duty' } },
  { path: 'elderly/services/alarms', name: 'services-alarms', component: () => import('../views/services/AlarmsView.vue'), meta: { perm: [R, 'homecare.serve'], title: 'eld.services.menu.alarms' } },
  { path: 'elderly/services/devices', name: 'services-devices', component: () => import('../views/services/DevicesView.vue'), meta: { perm: [R, 'homecare.serve'], title: 'eld.services.menu.devices' } },
  { path: 'elderly/services/priority', name: 'services-priority', component: () => import('../views/services/PriorityView.vue'), meta: { perm: R, title: 'eld.services.menu.priority' } },
  { path: 'elderly/services/canteens', name: 'services-canteens', component: () => import('../views/services/CanteensView.vue'), meta: { perm: R, title: 'eld.services.menu.canteens' } },
  { path: 'elderly/services/meal', name: 'services-meal', component: () => import('../views/services/MealRecordView.vue'), meta: { perm: ['elderly.manage', 'homecare.serve'], title: 'eld.services.menu.meal' } },
  { path: 'elderly/services/canteen-settlement', name: 'services-canteen-settlement', component: () => import('../views/services/CanteenSettlementView.vue'), meta: { perm: R, title: 'eld.services.menu.canteenSettlement' } },
  { path: 'elderly/services/institutions', name: 'services-institutions', component: () => import('../views/services/InstitutionsView.vue'), meta: { perm: R, title: 'eld.services.menu.institutions' } },
  { path: 'elderly/services/subsidies', name: 'services-subsidies', component: () => import('../views/services/SubsidiesView.vue'), meta: { perm: R, title: 'eld.services.menu.subsidies' } },
  { path: 'elderly/services/indicators', name: 'services-indicators', component: () => import('../views/services/IndicatorsView.vue'), meta: { perm: R, title: 'eld.services.menu.indicators' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string, providerKind?: string | null): MenuItem[] {
  const items: MenuItem[] = []
  const add = (path: string, key: string, icon: unknown) => items.push({ path: `/elderly/services/${path}`, label: t(`eld.services.menu.${key}`), icon: markRaw(icon as object), testid: `menu-services-${path}` })
  // a provider's account (服务商): a 平安钟 operator sees the alarms and devices it runs (read
  // only), a canteen records meals; a home-care provider sees neither
  const P = can('homecare.serve')
  const operator = P && providerKind === 'emergency_call'
  const canteen = P && providerKind === 'canteen'
  if (can(H) || operator) add('duty', 'duty', AlarmClock)
  if (operator && !can(R)) {
    add('alarms', 'alarms', Bell)
    add('devices', 'devices', Iphone)
  }
  if (can(R)) {
    add('alarms', 'alarms', Bell)
    add('priority', 'priority', List)
    add('devices', 'devices', Iphone)
    add('canteens', 'canteens', ForkSpoon)
  }
  if (can('elderly.manage') || canteen) add('meal', 'meal', Dish)
  if (can(R)) {
    add('canteen-settlement', 'canteenSettlement', Coin)
    add('institutions', 'institutions', House)
    add('subsidies', 'subsidies', Money)
    add('indicators', 'indicators', DataAnalysis)
  }
  return items
}
