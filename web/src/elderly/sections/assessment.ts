// capability assessment and visits: routes and menu items of this section of 养老助残儿童 (the elderly register itself is outreach's).
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { AlarmClock, Bell, DataAnalysis, EditPen } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'elderly.read'
const A = 'elderly.assess'
const V = 'visit.record'

export const routes: RouteRecordRaw[] = [
  { path: 'elderly/assessments', name: 'eld-assessments', component: () => import('../views/assessment/AssessmentsView.vue'), meta: { perm: R, title: 'eld.assessment.menu.assessments' } },
  { path: 'elderly/assessments/due', name: 'eld-assessments-due', component: () => import('../views/assessment/AssessmentsView.vue'), meta: { perm: R, title: 'eld.assessment.menu.due' }, props: { due: true } },
  { path: 'elderly/assess', name: 'eld-assess', component: () => import('../views/assessment/AssessFormView.vue'), meta: { perm: A, title: 'eld.assessment.menu.assess' } },
  { path: 'elderly/persons/:id(\\d+)/assessments', name: 'eld-person-assessments', component: () => import('../views/assessment/PersonAssessmentsView.vue'), meta: { perm: R, title: 'eld.assessment.person.title' } },
  { path: 'elderly/visits', name: 'eld-visits', component: () => import('../views/assessment/VisitsView.vue'), meta: { perm: R, title: 'eld.assessment.menu.visits' } },
  { path: 'elderly/visits/:id(\\d+)', name: 'eld-visit', component: () => import('../views/assessment/VisitRecordView.vue'), meta: { perm: R, title: 'eld.assessment.visit.title' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string, _providerKind?: string | null): MenuItem[] {
  const items: MenuItem[] = []
  if (can(A)) items.push({ path: '/elderly/assess', label: t('eld.assessment.menu.assess'), icon: markRaw(EditPen), testid: 'menu-eld-assess' })
  if (can(R)) {
    items.push({ path: '/elderly/assessments', label: t('eld.assessment.menu.assessments'), icon: markRaw(DataAnalysis), testid: 'menu-eld-assessments' })
    items.push({ path: '/elderly/assessments/due', label: t('eld.assessment.menu.due'), icon: markRaw(AlarmClock), testid: 'menu-eld-due' })
  }
  if (can(R) && can(V)) items.push({ path: '/elderly/visits', label: t('eld.assessment.menu.visits'), icon: markRaw(Bell), testid: 'menu-eld-visits' })
  return items
}
