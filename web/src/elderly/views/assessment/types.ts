// 老年人能力评估 and 探访: the payloads of docs/api.md "Capability assessment and visits", and the form's cache.
import { assessmentForm } from '../../api'
// the payloads are the server's documented schemas (../../types)
import type { AssessmentForm } from '../../types'
export type { Assessment, AssessmentForm, FormItem, PersonAssessments, PlanDetail, Profile, Visit, VisitPlan } from '../../types'

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
