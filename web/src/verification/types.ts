// Verification (家庭经济状况核对) API shapes, docs/api.md "Verification". Money is integer fen.
import type { components } from '../api/schema'

type S = components['schemas']

export type ColumnKind = S['Kind']
export type FeedColumn = S['Column']
export type Feed = S['FeedView']

/** A rejected row of a snapshot: `row` is the row number in the file (the header is row 1). The upload
 * dialog shows a refused file's problems in the same table, where a problem of the whole file has no row. */
export type RejectedRow = Omit<S['RejectedRow'], 'row' | 'column'> & { row: number | null; column: string | null }

export type Snapshot = S['SnapshotRecord']
/** The answer to a load: the snapshot and its rejected rows (at most 200). */
export type SnapshotLoaded = S['verification.snapshots.Loaded']
export type FeedSnapshots = S['FeedSnapshots']
export type SnapshotsAnswer = S['SnapshotOverview']

export type RunScope = S['RunKind']
export type StartBody = S['StartBody']
export type VerificationRun = S['reports.RunView']

export type Conclusion = 'consistent' | 'inconsistent' | 'not_eligible'

export type ReportRow = S['ReportItem']

export type Finding = S['Finding']
/** `relation`: the server sends the label (户主), a dictionary code is read too. */
export type ReportMember = S['ReportMember']
/** Declared against found and verified, of the household (`unit` fen or count); `person_id` is not sent
 * (the comparisons are of the household) but the views still read a member's line when there is one. */
export type Comparison = S['Comparison'] & { person_id?: number | null }
export type ConsultedSnapshot = S['SnapshotView']

export type VerificationFlag = S['FlagView']

/** A report as read (masked unless asked and allowed): the head, what each feed holds on each member,
 * the comparisons, the means test on verified facts, the snapshots consulted and the flags. */
export type Report = Omit<S['reports.ReportView'], 'comparisons'> & { comparisons: Comparison[] }

export type DrawTown = S['TownView']
export type DrawBody = S['DrawBody']
export type Draw = S['verification.sampling.DrawView']

export type VisitOutcome = S['VisitOutcome']
export type SampleItem = S['verification.sampling.ItemView']
