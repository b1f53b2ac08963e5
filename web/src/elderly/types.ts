// 养老 the elderly area's payloads, named once for its views: aliases of the server's documented
// schemas (web/src/api/schema.d.ts, generated from web/openapi.json), so a change of an answer shows
// up in the build; the views' own type files (views/*/types.ts, care.ts, svc.ts) re-export them.
import type { components } from '../api/schema'

type S = components['schemas']

// 老年人能力评估, 探访
export type AssessmentForm = S['FormView']
export type FormItem = S['FormItem']
export type Assessment = S['AssessmentView']
export type PersonAssessments = S['PersonAssessments']
export type Profile = S['ProfileView']
export type VisitPlan = S['elderly.assessment.PlanView']
/** an assessment visit (the care section's return visit is `CareVisit`) */
export type Visit = S['elderly.assessment.VisitRecord']
export type PlanDetail = S['PlanDetail']

// 居家养老服务
export type Provider = S['ProviderView']
export type ServiceItem = S['ServiceItemRecord']
export type ParamUse = S['ParamUse']
export type Enrolment = S['EnrolmentRecord']
export type Eligibility = S['EligibilityView']
export type Photo = S['PhotoMeta']
/** a return visit of an order (the care section's; `Visit` is an assessment visit) */
export type CareVisit = S['elderly.care.VisitRecord']
export type Order = S['OrderDetail']
export type SettlementRecord = S['SettlementRecord']
export type SettlementDetail = S['SettlementDetail']
export type SettlementLine = S['SettlementLineRecord']
export type Preview = S['SettlementPreview']

// 平安钟, 长者食堂, 养老机构
export type Device = S['DeviceView']
export type Alarm = S['AlarmView']
export type Duty = S['DutyView']
export type PriorityPage = S['PriorityPage']
export type PriorityItem = S['PriorityItem']
export type Canteen = S['CanteenView']
export type Meal = S['MealView']
export type Quote = S['QuoteView']
export type Settlement = S['CanteenSettlementView']
export type CanteenSettlementRecord = S['CanteenSettlementRecord']
export type Institution = S['InstitutionView']
export type Resident = S['ResidentView']
export type SubsidyPreview = S['SubsidyPreview']
export type SubsidyItem = S['SubsidyItem']
export type SubsidyRecord = S['SubsidyRecord']
export type TownIndicators = S['TownIndicators']
export type Indicators = S['elderly.institution.IndicatorView']

// 老年人名册, 事找人
export type Elder = S['ElderView']
export type RegionCount = S['RegionCount']
export type OutreachRun = S['OutreachRun']
export type OutreachTask = S['elderly.outreach.TaskView']
export type TaskDetail = S['TaskDetail']
export type EnrolResult = S['EnrolResult']
/** the allowance's means-test result (core::assistance::means::Assessment) */
export type MeansAssessment = S['Assessment']
