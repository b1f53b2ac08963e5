// Social assistance (社会救助) API shapes, docs/api.md "Social assistance". Money is integer fen, months `YYYY-MM`.
import type { components } from '../api/schema'

type S = components['schemas']

export type Programme = S['Programme']
export type Stage = 'investigation' | 'verification' | 'review' | 'notice' | 'approval' | 'approved' | 'rejected' | 'withdrawn'
export type SelfCare = S['SelfCare']

/** One member in a facts body sent to the server. */
export interface MemberFactsInput {
  person_id: number
  able_to_work: boolean
  has_supporter: boolean
  self_care: SelfCare
  serious_illness: boolean
}

/** A member in stored facts (application detail): the input plus what the registry supplied (names masked). */
export interface MemberFactsStored {
  person_id: number
  name?: string
  relation?: string | null
  /** only unmasked; a masked answer has `birth_year` */
  birth_date?: string | null
  birth_year?: number | null
  death_date?: string | null
  hukou_local?: boolean
  disability_kind?: string | null
  disability_grade?: number | null
  able_to_work?: boolean
  has_supporter?: boolean
  self_care?: SelfCare | null
  serious_illness?: boolean
}

export interface IncomeItem { person_id: number | null; kind: string; amount: number }
export interface Assets { vehicles: number; dwellings: number; business_capital: number; monetary: number }

export interface Facts {
  members: MemberFactsInput[]
  incomes: IncomeItem[]
  assets: Assets
  single_parent: boolean
}
export interface StoredFacts {
  members: MemberFactsStored[]
  incomes?: IncomeItem[]
  assets?: Partial<Assets>
  single_parent?: boolean
}

export interface AssistanceRequest {
  temporary_amount?: number | null
  medical_out_of_pocket?: number | null
  medical_paid_this_year?: number | null
}

export interface Bilingual { zh: string; en: string }
export interface Reason extends Bilingual { code: string }
export interface Increment { person_id: number; category: string; permille: number; amount: number }
export interface MemberShare { person_id: number; name: string; base: number; increments: number; total: number }
export interface ParamUse { key: string; value: number; param_id: number | null; region_prefix: string | null; effective: string | null }

export type Assessment = S['Assessment']

export type Flag = S['Flag']

export type AssessResult = S['AssessAnswer']

export interface ApplicationRow {
  id: number
  programme: Programme
  stage: Stage
  region_code: string
  region_name: string
  household_id: number
  applicant_name: string
  members: number
  monthly: number
  one_off: number
  eligible: boolean
  flags: number | Flag[]
  flag_count?: number
  accepted_on: string
  deadline: string | null
  overdue_days: number
  county_visit?: boolean
  version: number
}

export interface Attachment { id: number; file_name: string; content_type: string; size: number; created_at: string }

export interface AssistanceEvent {
  id: number
  action: string
  stage_from: string | null
  stage_to: string | null
  actor: string | null
  actor_role: string | null
  at: string
  note: string | null
  data: unknown
}

/** `allowed_actions` is a list of action codes; an object with `action` is read the same way. */
export type AllowedAction = string | { action: string }

export interface Application extends Omit<ApplicationRow, 'flags'> {
  facts: StoredFacts
  request: AssistanceRequest | null
  assessment: Assessment | null
  flags: Flag[]
  payee: { bank_name: string; bank_account: string } | null
  notice_id: number | null
  case_id: number | null
  attachments: Attachment[]
  events: AssistanceEvent[]
  allowed_actions: AllowedAction[]
  note?: string | null
}

export interface Visit { visited_on: string; visitors: string; findings: string; living_conditions: string }

export type NoticeItem = S['NoticeItem']
export type Objection = S['ObjectionRecord']
/** `contact_phone` is not in the contract; shown on the printed notice when the server sends it */
export type Notice = S['NoticeView'] & { contact_phone?: string | null }

export type Case = S['CaseSummary']
export interface CaseDetail extends Case {
  assessment: Assessment | null
  amounts: { from_month: string; monthly: number; reason: string | null; created_at: string }[]
  payments: { run_id: number; month: string; kind: string; for_month: string; amount: number }[]
  adjustments: { for_month: string; amount: number; reason: string | null; paid_in_run: number | null }[]
  events: AssistanceEvent[]
  /** not in the contract; when sent, the review dialog offers corrected facts */
  facts?: StoredFacts
}

export type CaseAction = 'review' | 'death' | 'exit'

export type TownTotal = S['TownTotal']
export interface PayrollTotals {
  households: number
  lines: number
  regular_total: number
  arrears_total: number
  recovery_total: number
  one_off_total: number
  total: number
}
export type PayrollPreview = S['Preview']
export type Run = S['RunView']
export interface RunLine {
  line_no: number
  case_id: number
  region_code: string
  kind: 'regular' | 'arrears' | 'recovery' | 'one_off'
  for_month: string
  amount: number
  payee_name: string
  bank_account: string
}

export type ParamUnit = 'fen' | 'permille' | 'count' | 'working_days' | 'days' | 'months'
export type ParamKeyInfo = S['KeyView']
export type ParamValue = S['ParamRecord']
export interface ParamBody { key: string; region_prefix: string; effective_month: string; value: number }
export type SimulateResult = S['RecalcSummary']
export interface Recalculation { cases: number; changed: number; arrears_total: number; recovery_total: number; exits_proposed: number }

export type Holiday = S['Holiday']
export interface Relative {
  id: number
  id_number: string
  name: string
  staff_name: string
  staff_post: string
  relation: string
  region_code: string
  region_name?: string
}

export type AssistanceStats = S['AssistanceStats']
