// 老年人名册 and 事找人: the API's shapes (crates/server/src/elderly/outreach.rs, docs/api.md) and filter vocabularies.

export const AGE_BANDS = ['60-69', '70-79', '80-89', '90-99', '100+'] as const
export const LIVING = ['alone', 'empty_nest', 'left_behind', 'with_family'] as const
export const ASSISTANCE = ['dibao', 'tekun', 'low_income', 'old_age', 'none'] as const
export const DISABILITY = ['any', 'severe', 'none'] as const
export const LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total', 'none'] as const
export const SERVICES = ['home_care', 'emergency_device', 'canteen', 'institution', 'none'] as const
export const RULES = ['turned_80', 'turned_90', 'turned_100', 'disability_in_dibao', 'severe_disability', 'orphaned', 'dibao_90_no_device', 'deceased_paid'] as const
/** Rules closed as done (a device installed, a death recorded on the allowance cases) rather than enrolled. */
export const DONE_RULES = ['dibao_90_no_device', 'deceased_paid']
export const TASK_STATUSES = ['open', 'enrolled', 'done', 'dismissed'] as const

export interface Elder {
  person_id: number
  region_code: string
  region_name: string | null
  household_id: number | null
  name: string
  id_number: string | null
  gender: string
  /** only unmasked; a masked answer has `birth_year` and the age by year */
  birth_date?: string
  birth_year?: number | null
  age: number
  age_band: string
  age_band_zh: string
  hukou_local: boolean
  living: string
  living_recorded: boolean
  dibao: boolean
  tekun: boolean
  low_income: boolean
  old_age: boolean
  disability_grade: number | null
  disability_kind: string | null
  level: string | null
  assessed_on: string | null
  home_care: boolean
  emergency_device: boolean
  canteen: boolean
  institution: boolean
  refreshed_at: string
  masked: boolean
}

export interface RegionCount {
  region_code: string
  region_name: string | null
  total: number
  aged_80: number
  alone: number
  empty_nest: number
  left_behind: number
  assisted: number
  disabled: number
}

export interface OutreachRun {
  id: number
  run_on: string
  kind: string
  status: 'running' | 'done' | 'failed'
  progress: number
  step: string
  elders: number
  found: number
  created: number
  by_rule: Record<string, number> | null
  error: string | null
  created_by: string
  started_at: string
  finished_at: string | null
}

export interface OutreachTask {
  id: number
  person_id: number
  region_code: string
  region_name: string | null
  rule: string
  rule_zh: string
  rule_en: string
  programme: string | null
  programme_zh: string | null
  /** left out of a masked answer of a birthday task (the day it was found is the birthday) */
  found_on?: string
  run_id?: number
  status: string
  note: string
  case_id: number | null
  handled_by: string | null
  handled_at: string | null
  version: number
  name: string
  id_number: string | null
  gender: string
  /** only unmasked; a masked answer has `birth_year` and the age by year */
  birth_date?: string
  birth_year?: number | null
  age: number
  phone: string | null
  household_id: number | null
  alive: boolean
  reason_zh: string
  reason_en: string
  masked: boolean
}

export interface Line { zh: string; en: string }
export interface Reason { code: string; zh: string; en: string }

/** The allowance's means-test result (core::assistance::means::Assessment), the parts the page shows. */
export interface Assessment {
  programme: string
  month: string
  eligible: boolean
  reasons: Reason[]
  monthly: number
  annual?: number | null
  explanation: Line[]
}

export interface TaskDetail extends OutreachTask {
  preview: Assessment | null
  counts: [string, string, number][]
}

export interface EnrolResult { case_id: number; programme: string; start_month: string; monthly: number; assessment: Assessment }
