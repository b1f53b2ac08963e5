// 大民政工作计划: the routes and menu of the sections, merged (like src/charity/menu.ts). Quarterly
// progress reports, live indicators and the printable report come as further sections.
import type { MenuItem } from '../menu'
import type { RouteRecordRaw } from 'vue-router'
import * as plan from './sections/plan'
import * as progress from './sections/progress'

export type { MenuItem } from '../menu'

interface Section {
  routes: RouteRecordRaw[]
  menu: (can: (p: string) => boolean, t: (k: string) => string) => MenuItem[]
}

const sections: Section[] = [plan, progress]

/** The console's work-plan pages (children of the layout). */
export const planRoutes: RouteRecordRaw[] = sections.flatMap((s) => s.routes)

export function planMenu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  return sections.flatMap((s) => s.menu(can, t))
}
