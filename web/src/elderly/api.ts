// 养老 the elderly area's endpoints (docs/api.md "Capability assessment and visits"), typed once, so
// the views call functions instead of spelling paths. Sections move here one at a time; the
// assessment section is first.
import { get, post, put } from '../api'
import type { Assessment, PersonAssessments, PlanDetail, Profile, VisitPlan } from './types'

/** A person's assessments, the latest first. */
export const personAssessments = (personId: number) => get<PersonAssessments>(`/elderly/persons/${personId}/assessments`)
/** Records an assessment of a person (the body is the form's answers). */
export const assess = (personId: number, body: Record<string, unknown>) => post<Assessment>(`/elderly/persons/${personId}/assessments`, body)
/** A person's living situation as recorded or derived. */
export const profile = (personId: number) => get<Profile>(`/elderly/persons/${personId}/profile`)
export const saveProfile = (personId: number, body: { living: string | null; note: string; version: number }) => put<Profile>(`/elderly/persons/${personId}/profile`, body)
/** A person's visit plans. */
export const visitPlans = (personId: number) => get<VisitPlan[]>(`/elderly/persons/${personId}/visit-plans`)
export const createVisitPlan = (personId: number, body: Record<string, unknown>) => post<VisitPlan>(`/elderly/persons/${personId}/visit-plans`, body)
/** A visit plan with its visits. */
export const visitPlan = (id: number) => get<PlanDetail>(`/elderly/visit-plans/${id}`)
/** Records a visit; the answer is the plan moved on. */
export const recordVisit = (id: number, body: { visited_on: string | null; findings: string; needs: string; version: number }) =>
  post<PlanDetail>(`/elderly/visit-plans/${id}/visits`, body)
