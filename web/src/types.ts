// The console's names for the API's payloads: aliases of the schemas generated from the server's
// document (src/api/schema.d.ts, `npm run gen:api`), so the console cannot drift from the server.
import type { components } from './api/schema'

type S = components['schemas']

export type DictEntry = S['DictEntry']
/** The dictionaries of GET /dict the console reads (the server answers a map by name). */
export type DictKind =
  | 'genders' | 'hukou_types' | 'ethnicities' | 'disability_kinds' | 'relations' | 'priority_care' | 'roles' | 'alt_id_types'
  | 'programmes' | 'stages' | 'actions' | 'income_types' | 'self_care' | 'increment_categories'
  | 'flag_codes' | 'conclusions' | 'visit_outcomes' | 'feeds' | 'sources' | 'charity_categories'
  | 'column_kinds' | 'run_scopes' | 'run_statuses' | 'snapshot_statuses' | 'flag_statuses' | 'resolutions' | 'samples' | 'sample_statuses'
export type Dict = Record<DictKind, DictEntry[]>

export type Me = S['Me']
export type RegionRef = S['RegionRef']
export type Region = S['RegionView']
export type Disability = S['DisabilityView']
export type Person = S['PersonView']
/** The person form's body (PersonInput and, for updates, the version read). */
export type PersonInput = S['PersonBody']
export type Member = S['MemberView']
export type Household = S['HouseholdView']
export type HistoryEntry = S['MembershipView']

/** A page of a list (the server's `PageOf_<View>` schemas, one shape). */
export interface Page<T> { items: T[]; total: number; total_exact?: boolean; page: number; page_size: number }

export type PopulationStats = S['PopulationView']
export type ImportError = S['RowErrorView']
export type ImportJob = S['ImportJobView']
export type Account = S['AccountView']
export type AuditEntry = S['AuditView']
export type AuditVerify = S['VerifyView']
