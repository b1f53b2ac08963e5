// 老年人能力评估 and 探访: the shapes of docs/api.md "Capability assessment and visits".
import { assessmentForm } from '../../api'
export type LevelCode = 'intact' | 'mild' | 'moderate' | 'severe' | 'total'
export interface Line { zh: string; en: string }
export interface FormOption { score: number; zh: string; en: string }
export interface FormItem { code: string; number: string; indicator: string; zh: string; en: string; hint_zh: string; hint_en: string; max: number; options: FormOption[] }
export interface Coded { code: string; zh: string; en: string }
export interface AssessmentForm {
  full_score: number
  indicators: (Coded & { max: number })[]
  items: FormItem[]
  levels: (Coded & { min: number; max: number; self_care: string })[]
  reasons: Coded[]
  living: Coded[]
  visit_categories: (Coded & { interval_days: number; child: boolean })[]
}
export interface Adjustments { coma: boolean; dementia: boolean; falls: number; choking: number; self_harm: number; wandering: number }
export interface Assessment {
  id: number; person_id: number; person_name: string | null; age: number | null; region_code: string; region_name: string | null
  assessed_on: string; reason: string; reason_zh: string; reason_en: string; items: Record<string, number>
  self_care_score: number; motor_score: number; mental_score: number; perception_score: number; total: number
  preliminary_level: LevelCode; level: LevelCode; level_zh: string; level_en: string; preliminary_zh: string; preliminary_en: string
  self_care: string | null; adjustments: Adjustments; explanation: Line[]; next_due_on: string; latest: boolean; overdue: boolean
  assessor: string; second_assessor: string; note: string; created_at: string
}
export interface PersonBrief { id: number; name: string; gender: string; age: number; region_code: string; region_name: string | null; alive: boolean }
export interface PersonAssessments { person: PersonBrief; latest: Assessment | null; items: Assessment[] }
export interface Profile { person_id: number; living: string | null; living_zh: string | null; living_en: string | null; recorded: boolean; derived: string | null; note: string; version: number }
export interface VisitPlan {
  id: number; person_id: number; person_name: string | null; age: number | null; region_code: string; region_name: string | null
  category: string; category_zh: string; category_en: string; interval_days: number; next_due_on: string; last_visited_on: string | null
  visits: number; active: boolean; overdue: boolean; days_overdue: number; version: number
}
export interface Visit { id: number; plan_id: number; visited_on: string; findings: string; needs: string; visitor: string; created_at: string }
export interface PlanDetail { plan: VisitPlan; visits: Visit[] }

/** Element Plus tag colour of a level. */
export function levelType(l: string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  return ({ intact: 'success', mild: 'primary', moderate: 'warning', severe: 'danger', total: 'danger' } as Record<string, 'success' | 'primary' | 'warning' | 'danger'>)[l] ?? 'info'
}

let cached: Promise<AssessmentForm> | null = null
/** The form from the server, fetched once per page load. */
export function loadForm(): Promise<AssessmentForm> {
  if (!cached) cached = assessmentForm().catch((e) => { cached = null; throw e })
  return cached
}
