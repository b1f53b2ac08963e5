// Verification (家庭经济状况核对) API shapes, docs/api.md "Verification". Money is integer fen.
import type { Assessment, Programme, Reason } from '../assistance/types'
import type { components } from '../api/schema'

type S = components['schemas']

export type ColumnKind = 'id_number' | 'text' | 'yuan' | 'area' | 'count' | 'date' | 'month' | 'code'

export interface FeedColumn { header: string; key: string; kind: ColumnKind | string; required: boolean; zh: string; en: string }
export type Feed = S['FeedView']

/** A rejected row of a snapshot: `row` is the row number in the file (the header is row 1). The upload
 * dialog shows a refused file's problems in the same table, where a problem of the whole file has no row. */
export type RejectedRow = Omit<S['RejectedRow'], 'row' | 'column'> & { row: number | null; column: string | null }

/** `rejected` (at most 200) only in the answer to a load, whose 201 the document does not describe */
export type Snapshot = S['SnapshotRecord'] & { rejected?: RejectedRow[] }
export type FeedSnapshots = S['FeedSnapshots']
export type SnapshotsAnswer = S['SnapshotOverview']

export type RunScope = 'application' | 'cases' | 'pending'
export type VerificationRun = S['reports.RunView']

export type Conclusion = 'consistent' | 'inconsistent' | 'not_eligible'

export type ReportRow = S['ReportItem']

export interface Finding {
  feed: string
  feed_zh: string
  source_zh: string
  zh: string
  en: string
  amount: number | null
  quantity: number | null
  reference: string | null
  on_date: string | null
}
/** `relation`: the server sends the label (户主), a dictionary code is read too. */
export interface ReportMember { person_id: number; name: string; id_number: string | null; relation: string | null; findings: Finding[] }
export interface Comparison {
  item: string
  zh: string
  en: string
  /** not sent by the server (the comparisons are of the household) */
  person_id?: number | null
  declared: number | null
  found: number | null
  verified: number | null
  unit: 'fen' | 'count'
  differs: boolean
}
export interface ConsultedSnapshot { feed: string; feed_zh: string; snapshot_id: number; as_of: string }

export type VerificationFlag = S['FlagView']

export interface Report {
  id: number
  run_id: number
  household_id: number
  application_id: number | null
  case_id: number | null
  programme: Programme
  region_code: string
  region_name: string
  /** not in the contract; the server sends it (masked like the members) */
  applicant_name?: string
  created_by: string | null
  created_at: string
  month: string
  snapshots: ConsultedSnapshot[]
  members: ReportMember[]
  comparisons: Comparison[]
  declared: { eligible: boolean; per_capita_income: number; monthly: number }
  verified: Assessment
  conclusion: Conclusion
  conclusion_zh: string
  conclusion_en: string
  reasons: Reason[]
  flags: VerificationFlag[]
  masked: boolean
}

export interface DrawTown { town_code: string; town_name: string; population: number; city: number; district: number; done: number }
export type Draw = S['verification.sampling.DrawView']

export type VisitOutcome = 'consistent' | 'changed' | 'not_eligible' | 'absent'
export type SampleItem = S['verification.sampling.ItemView']
