// 养老助残儿童: the routes and menu of the four sections, merged.
import type { MenuItem } from '../menu'
import type { RouteRecordRaw } from 'vue-router'
import * as assessment from './sections/assessment'
import * as care from './sections/care'
import * as services from './sections/services'
import * as outreach from './sections/outreach'

export type { MenuItem } from '../menu'

const sections = [assessment, outreach, care, services]

export const elderlyRoutes: RouteRecordRaw[] = sections.flatMap((s) => s.routes)

/** `providerKind`: a provider's account sees only the pages of its kind (home_care, canteen, emergency_call). */
export function elderlyMenu(can: (p: string) => boolean, t: (k: string) => string, providerKind?: string | null): MenuItem[] {
  return sections.flatMap((s) => s.menu(can, t, providerKind))
}
