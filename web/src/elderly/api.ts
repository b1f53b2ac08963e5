// 养老 the elderly area's endpoints (docs/api.md "Elderly", "Home care", "Elderly services",
// "Capability assessment and visits"), typed once, so that no view spells a path. Lists give their
// path to `usePagedList` (and the export button its path), as in registry/api.ts.
import { download, get, post, put, uploadFile } from '../api'
import type { Page } from '../types'
import type {
  Alarm, Assessment, AssessmentForm, Canteen, CareVisit, CanteenSettlementRecord, Device, Duty, Eligibility, Enrolment, EnrolResult, Institution, Meal,
  MeansAssessment, Order, OutreachRun, OutreachTask, PersonAssessments, Photo, PlanDetail, Preview, Profile, Provider, Quote, RegionCount, Resident,
  ServiceItem, Settlement, SettlementDetail, SettlementRecord, SubsidyPreview, SubsidyRecord, TaskDetail, Indicators, VisitPlan,
} from './types'

type Body = Record<string, unknown>

// ---- assessment and visits
/** The assessment form (items, levels, vocabularies); the views cache it (views/assessment/types.ts). */
export const assessmentForm = () => get<AssessmentForm>('/elderly/assessment/form')
export const ASSESSMENTS = '/elderly/assessments'
export const ASSESSMENTS_DUE = '/elderly/assessments/due'
/** A person's assessments, the latest first. */
export const personAssessments = (personId: number) => get<PersonAssessments>(`/elderly/persons/${personId}/assessments`)
/** Records an assessment of a person (the body is the form's answers). */
export const assess = (personId: number, body: Body) => post<Assessment>(`/elderly/persons/${personId}/assessments`, body)
/** A person's living situation as recorded or derived. */
export const profile = (personId: number) => get<Profile>(`/elderly/persons/${personId}/profile`)
export const saveProfile = (personId: number, body: { living: string | null; note: string; version: number }) => put<Profile>(`/elderly/persons/${personId}/profile`, body)
export const VISIT_PLANS = '/elderly/visit-plans'
/** A person's visit plans. */
export const visitPlans = (personId: number) => get<VisitPlan[]>(`/elderly/persons/${personId}/visit-plans`)
export const createVisitPlan = (personId: number, body: Body) => post<VisitPlan>(`/elderly/persons/${personId}/visit-plans`, body)
/** A visit plan with its visits. */
export const visitPlan = (id: number) => get<PlanDetail>(`/elderly/visit-plans/${id}`)
/** Records a visit; the answer is the plan moved on. */
export const recordVisit = (id: number, body: { visited_on: string | null; findings: string; needs: string; version: number }) =>
  post<PlanDetail>(`/elderly/visit-plans/${id}/visits`, body)

// ---- home care: providers, catalogue, enrolments, orders, visits, settlements
export const providers = (query?: { kind?: string; status?: string }) => get<Provider[]>('/elderly/care/providers', query)
export const providerCreate = (body: Body) => post<Provider>('/elderly/care/providers', body)
export const providerUpdate = (id: number, body: Body) => put<Provider>(`/elderly/care/providers/${id}`, body)
export const serviceItems = (query?: { active?: boolean }) => get<ServiceItem[]>('/elderly/care/items', query)
export const serviceItemCreate = (body: Body) => post<ServiceItem>('/elderly/care/items', body)
export const serviceItemUpdate = (id: number, body: Body) => put<ServiceItem>(`/elderly/care/items/${id}`, body)
export const ENROLMENTS = '/elderly/care/enrolments'
export const enrolments = (query: { status?: string; page_size?: number }) => get<Page<Enrolment>>(ENROLMENTS, query)
export const eligibility = (personId: number, month: string) => get<Eligibility>(`/elderly/care/eligibility/${personId}`, { month })
export const enrol = (body: Body) => post<Enrolment>(ENROLMENTS, body)
export const endEnrolment = (id: number, body: { end_month: string; reason: string; version: number }) => post<Enrolment>(`/elderly/care/enrolments/${id}/end`, body)
export const ORDERS = '/elderly/care/orders'
export const orders = (query: Record<string, string | number | boolean | null | undefined>) => get<Page<Order>>(ORDERS, query)
export const order = (id: number, unmask?: boolean) => get<Order>(`/elderly/care/orders/${id}`, unmask ? { unmask: true } : undefined)
export const dispatch = (body: Body) => post<Order>(ORDERS, body)
/** A step of an order (start, end, confirm, cancel), version-checked; the answer is the order as it now is. */
export type OrderStep = 'start' | 'end' | 'confirm' | 'cancel'
export const orderStep = (id: number, step: OrderStep, body: Body) => post<Order>(`/elderly/care/orders/${id}/${step}`, body)
/** Records the elder's return visit of a finished order. */
export const orderVisit = (id: number, body: Body) => post<CareVisit>(`/elderly/care/orders/${id}/visits`, body)
export const orderPhoto = (id: number, file: File) => uploadFile<Photo>(`/elderly/care/orders/${id}/photos`, file)
export const CARE_VISITS = '/elderly/care/visits'
export const SETTLEMENTS = '/elderly/care/settlements'
export const settlements = () => get<SettlementRecord[]>(SETTLEMENTS)
export const settlementPreview = (providerId: number, month: string) => get<Preview>('/elderly/care/settlements/preview', { provider_id: providerId, month })
export const settle = (providerId: number, month: string) => post<SettlementDetail>(SETTLEMENTS, { provider_id: providerId, month })
export const settlement = (id: number) => get<SettlementDetail>(`/elderly/care/settlements/${id}`)
export const settlementExport = (id: number) => download(`/elderly/care/settlements/${id}/export`, undefined, 'settlement.xlsx')

// ---- services: 平安钟, 长者食堂, 养老机构
export const DEVICES = '/elderly/emergency/devices'
export const deviceInstall = (body: Body) => post<Device>(DEVICES, body)
export const deviceRemove = (id: number, body: { note: string; version: number }) => post<Device>(`/elderly/emergency/devices/${id}/remove`, body)
export const ALARMS = '/elderly/emergency/alarms'
export const alarm = (id: number) => get<Alarm>(`/elderly/emergency/alarms/${id}`)
export const alarmStep = (id: number, body: Body) => post<Alarm>(`/elderly/emergency/alarms/${id}/steps`, body)
export const duty = () => get<Duty>('/elderly/emergency/duty')
export const PRIORITY = '/elderly/emergency/priority'
export const CANTEENS = '/elderly/canteens'
export const canteens = (query: { status?: string; page_size?: number }) => get<Page<Canteen>>(CANTEENS, query)
export const canteenCreate = (body: Body) => post<Canteen>(CANTEENS, body)
export const canteenUpdate = (id: number, body: Body) => put<Canteen>(`/elderly/canteens/${id}`, body)
export const mealQuote = (canteenId: number, query: Record<string, string | number | undefined>) => get<Quote>(`/elderly/canteens/${canteenId}/quote`, query)
export const meals = (query: { canteen_id: number; served_on: string; page_size?: number }) => get<Page<Meal>>('/elderly/canteens/meals', query)
export const mealRecord = (canteenId: number, body: Body) => post<Meal>(`/elderly/canteens/${canteenId}/meals`, body)
export const canteenSettlement = (canteenId: number, month: string) => get<Settlement>(`/elderly/canteens/${canteenId}/settlements/${month}`)
export const canteenSettle = (canteenId: number, month: string) => post<Settlement>(`/elderly/canteens/${canteenId}/settlements/${month}`, {})
export const canteenSettlements = (canteenId?: number | null) => get<CanteenSettlementRecord[]>('/elderly/canteens/settlements', { canteen_id: canteenId })
export const INSTITUTIONS = '/elderly/institutions'
export const institutions = (query: { page_size?: number }) => get<Page<Institution>>(INSTITUTIONS, query)
export const institutionCreate = (body: Body) => post<Institution>(INSTITUTIONS, body)
export const institutionUpdate = (id: number, body: Body) => put<Institution>(`/elderly/institutions/${id}`, body)
export const residents = (institutionId: number, all?: boolean) => get<Resident[]>(`/elderly/institutions/${institutionId}/residents`, { all: all || undefined })
export const admit = (institutionId: number, body: Body) => post<Resident>(`/elderly/institutions/${institutionId}/residents`, body)
export const discharge = (id: number, body: { reason: string; version: number }) => post<Resident>(`/elderly/institutions/residents/${id}/discharge`, body)
export const subsidyPreview = (institutionId: number, year: number | string) => get<SubsidyPreview>(`/elderly/institutions/${institutionId}/subsidies/${year}`)
export const subsidyRecord = (institutionId: number, year: number | string) => post<SubsidyRecord[]>(`/elderly/institutions/${institutionId}/subsidies/${year}`, {})
export const subsidies = () => get<SubsidyRecord[]>('/elderly/institutions/subsidies', {})
export const indicators = (region?: string | null) => get<Indicators>('/elderly/institutions/indicators', { region })

// ---- the register and 事找人
export const REGISTER = '/elderly/register'
export const REGISTER_EXPORT = '/elderly/register.xlsx'
export const registerMap = (query: Record<string, string | number | boolean | null | undefined>) => get<RegionCount[]>('/elderly/register/map', query)
export const outreachRuns = () => get<OutreachRun[]>('/elderly/outreach/runs')
export const outreachRun = (id: number) => get<OutreachRun>(`/elderly/outreach/runs/${id}`)
export const outreachStart = () => post<OutreachRun>('/elderly/outreach/runs')
export const OUTREACH_TASKS = '/elderly/outreach/tasks'
export const outreachTask = (id: number, unmask?: boolean) => get<TaskDetail>(`/elderly/outreach/tasks/${id}`, unmask ? { unmask: true } : undefined)
/** The allowance a task's person would get (the means test, nothing stored). */
export const allowanceAssess = (body: Body) => post<MeansAssessment>('/elderly/allowances/assess', body)
export const outreachEnrol = (id: number, body: Body) => post<EnrolResult>(`/elderly/outreach/tasks/${id}/enrol`, body)
export const outreachClose = (id: number, mode: 'done' | 'dismiss', body: { note: string; version: number }) => post<OutreachTask>(`/elderly/outreach/tasks/${id}/${mode}`, body)

