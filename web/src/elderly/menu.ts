// 养老助残儿童: the routes and menu of the four sections, merged.
import type { RouteRecordRaw } from 'vue-router'
import * as register from './sections/register'
import * as care from './sections/care'
import * as services from './sections/services'
import * as outreach from './sections/outreach'

export interface MenuItem { path: string; label: string; icon: unknown; testid: string }

const sections = [register, outreach, care, services]

export const elderlyRoutes: RouteRecordRaw[] = sections.flatMap((s) => s.routes)

export function elderlyMenu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  return sections.flatMap((s) => s.menu(can, t))
}
