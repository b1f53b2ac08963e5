export interface DictEntry { code: string; zh: string; en?: string }
export interface Dict {
  genders: DictEntry[]
  hukou_types: DictEntry[]
  ethnicities: DictEntry[]
  disability_kinds: DictEntry[]
  relations: DictEntry[]
  priority_care: DictEntry[]
  roles: DictEntry[]
  alt_id_types: DictEntry[]
}

export interface Me {
  id: number
  username: string
  display_name: string
  role: string
  region_code: string
  region_name: string
  /** the provider a `provider` account is bound to */
  provider_id?: number | null
  /** home_care | canteen | emergency_call | institution: a provider's account sees its kind's pages */
  provider_kind?: string | null
  /** the role only reads (the auditor): the console offers it no action that writes */
  read_only?: boolean
  permissions: string[]
}

export interface RegionRef { code: string; name: string; level: string }
export interface Region extends RegionRef {
  parent_code: string | null
  has_children: boolean
  path?: RegionRef[]
}

export interface Disability { kind: string; grade: number | null; certificate_no: string | null }

export interface Person {
  id: number
  id_number: string | null
  alt_id_type: string | null
  alt_id: string | null
  name: string
  gender: string | null
  /** only unmasked; a masked answer has `birth_year` (docs/api.md, Masking) */
  birth_date?: string | null
  birth_year?: number | null
  age: number | null
  ethnicity: string | null
  phone: string | null
  hukou_region_code: string | null
  hukou_region_name?: string | null
  region_code: string
  region_name?: string | null
  grid_code: string | null
  hukou_type: string | null
  alive: boolean
  death_date: string | null
  disability: Disability | null
  priority_care: string | null
  orphan: boolean
  household_id: number | null
  relation: string | null
  masked: boolean
  version: number
  created_at?: string
  updated_at?: string
}

export interface PersonInput {
  id_number: string | null
  alt_id_type: string | null
  alt_id: string | null
  name: string
  gender: string | null
  birth_date: string | null
  ethnicity: string | null
  phone: string | null
  hukou_region_code: string | null
  region_code: string | null
  hukou_type: string | null
  alive: boolean
  death_date: string | null
  disability: Disability | null
  priority_care: string | null
  orphan: boolean
  version?: number
}

export interface Member {
  person_id: number
  name: string
  id_number: string | null
  gender: string | null
  /** only unmasked; a masked answer has `birth_year` (docs/api.md, Masking) */
  birth_date?: string | null
  birth_year?: number | null
  age: number | null
  relation: string
  alive: boolean
}

export interface Household {
  id: number
  region_code: string
  region_name?: string
  address: string
  head_person_id: number | null
  head_name: string | null
  member_count: number
  members?: Member[]
  masked: boolean
  version: number
  created_at?: string
  updated_at?: string
}

export interface HistoryEntry { person_id: number; name: string; relation: string; joined_on: string; left_on: string | null }

export interface Page<T> { items: T[]; total: number; total_exact?: boolean; page: number; page_size: number }

export interface PopulationStats {
  region: RegionRef
  as_of: string
  persons: number
  alive: number
  households: number
  avg_household_size: number
  by_child: { code: string; name: string; persons: number; households: number; elderly_60: number }[]
  age_pyramid: { band: string; male: number; female: number }[]
  elderly: Record<string, number>
  disability: {
    total: number
    by_kind: { kind: string; count: number }[]
    by_grade: { grade: number; count: number }[]
    by_kind_grade?: { kind: string; grade: number; count: number }[]
  }
}

export interface ImportError { row: number; field: string | null; message: string; message_en?: string }
export interface ImportJob {
  id: number
  kind: string
  mode: string
  status: 'queued' | 'running' | 'done' | 'rejected' | 'failed' | string
  total: number
  processed: number
  percent: number
  inserted: number
  failed_rows: number
  errors: ImportError[]
}

export interface Account {
  id: number
  username: string
  display_name: string
  role: string
  region_code: string
  region_name?: string
  active: boolean
  locked_until: string | null
  created_at?: string
}

export interface AuditEntry {
  seq: number
  at: string
  actor: string | null
  action: string
  entity: string | null
  entity_id: string | number | null
  region_code: string | null
  ip: string | null
  detail: unknown
  prev_hash: string
  hash: string
}

export interface AuditVerify { ok: boolean; entries: number; first_broken: { seq: number; reason: string } | null }
