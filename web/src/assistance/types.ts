// Social assistance (社会救助) API shapes, docs/api.md "Social assistance". Money is integer fen, months `YYYY-MM`.
import type { components } from '../api/schema'

type S = components['schemas']

export type Programme = S['Programme']
export type Stage = S['Stage']
export type SelfCare = S['SelfCare']

/** One member in a facts body sent to the server. The console sends every field, so these input types stay
 * stricter than the documented bodies (`FactsInput`, whose fields all have defaults). */
export interface MemberFactsInput {
  person_id: number
  able_to_work: boolean
  has_supporter: boolean
  self_care: SelfCare
  serious_illness: boolean
}

/** A member in stored facts (application and case detail): the input plus what the registry supplied
 * (names masked; a masked answer has `birth_year` instead of `birth_date`). */
export type MemberFactsStored = S['MemberFactsView']

export interface IncomeItem { person_id: number | null; kind: S['IncomeType']; amount: number }
export interface Assets { vehicles: number; dwellings: number; business_capital: number; monetary: number }

export interface Facts {
  members: MemberFactsInput[]
  incomes: IncomeItem[]
  assets: Assets
  single_parent: boolean
}
/** The facts of an application or a case as answered (`FactsView`). */
export type StoredFacts = S['FactsView']

export type AssistanceRequest = S['Request']

export interface Bilingual { zh: string; en: string }
export interface Reason extends Bilingual { code: string }
export interface Increment { person_id: number; category: string; permille: number; amount: number }
export interface MemberShare { person_id: number; name: string; base: number; increments: number; total: number }
export interface ParamUse { key: string; value: number; param_id: number | null; region_prefix: string | null; effective: string | null }

export type Assessment = S['Assessment']

export type Flag = S['Flag']
export type ActionBody = S['ActionBody']

export type AssessResult = S['AssessAnswer']

export type ApplicationRow = S['ApplicationSummary']

export type Attachment = S['AttachmentMeta']

/** A step of an application; `data` is the JSON text the step recorded (the home visit, a reason). */
export type AssistanceEvent = S['EventRecord']
/** A step of a case (enrolment, review, death, exit): `kind` where an application's step has `action`. */
export type CaseEvent = S['CaseEvent']

/** `allowed_actions` is a list of action codes; an object with `action` is read the same way. */
export type AllowedAction = string | { action: string }

/** The application as answered; `request` is documented as any JSON (the server keeps it as a JSON value),
 * so its shape is named here. */
export type Application = Omit<S['ApplicationDetail'], 'request'> & { request: AssistanceRequest | null }

export interface Visit { visited_on: string; visitors: string; findings: string; living_conditions: string }

export type NoticeItem = S['NoticeItem']
export type Objection = S['ObjectionRecord']
/** `contact_phone` is not in the contract; shown on the printed notice when the server sends it */
export type Notice = S['NoticeView'] & { contact_phone?: string | null }
/** A notice as listed: the list does not send the names and objections (their columns show —). */
export type NoticeRow = S['NoticeRecord'] & Partial<Pick<Notice, 'items' | 'objections'>>

export type Case = S['CaseSummary']
export type CaseDetail = S['CaseDetail']

export type CaseAction = 'review' | 'death' | 'exit'

export type TownTotal = S['TownTotal']
/** The totals a preview and a run share (the run's fingerprint is not shown). */
export type PayrollTotals = Omit<S['payroll.Totals'], 'fingerprint'>
export type PayrollPreview = S['Preview']
export type Run = S['RunView']
/** A confirmed run as listed (no town breakdown). */
export type RunRecord = S['assistance.payroll.RunRecord']
export type StandardCheck = S['StandardCheck']
export type RunLine = S['LineRecord']

export type ParamUnit = 'fen' | 'permille' | 'count' | 'working_days' | 'days' | 'months'
export type ParamKeyInfo = S['KeyView']
export type ParamValue = S['ParamRecord']
export interface ParamBody { key: string; region_prefix: string; effective_month: string; value: number }
export type SimulateResult = S['RecalcSummary']
export type Recalculation = S['RecalcSummary']
/** The answer to saving a parameter: the stored value and, when it changed amounts, the recalculation. */
export type ParamSaved = S['Saved']

export type Holiday = S['Holiday']
export type Relative = S['StaffRelative']

export type AssistanceStats = S['AssistanceStats']
