// home care: providers, catalogue, orders, settlement: routes and menu items of this section of 养老助残儿童.
import type { RouteRecordRaw } from 'vue-router'
import type { MenuItem } from '../menu'

export const routes: RouteRecordRaw[] = []

export function menu(_can: (p: string) => boolean, _t: (k: string) => string): MenuItem[] {
  return []
}
