// The console's names for the payloads every area shares: aliases of the schemas generated from the
// server's document (src/api/schema.d.ts, `npm run gen:api`), so the console cannot drift from the
// server. Each area names its own payloads in `<area>/types.ts`.
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

/** A page of a list (the server's `PageOf_<View>` schemas, one shape). */
export interface Page<T> { items: T[]; total: number; total_exact?: boolean; page: number; page_size: number }

// the registry's records that the other areas and the shared pickers show
export type { Household, Member, Person, Region } from './registry/types'
