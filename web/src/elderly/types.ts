// 养老 the elderly area's payloads, named once for its views. The assessment section's shapes are
// still written by hand in views/assessment/types.ts (their server views are not all documented yet).
export type { Assessment, PersonAssessments, PlanDetail, Profile, VisitPlan, Visit } from './views/assessment/types'
