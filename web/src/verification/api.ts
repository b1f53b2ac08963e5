// 家庭经济状况核对: the area's endpoints as typed functions (paths under /api/v1, docs/api.md
// "Verification"), so that no view spells a path. Lists give their path to `usePagedList`; payload
// types are the area's (types.ts, aliases of the generated schemas).
import { get, post, uploadFile } from '../api'
import type { Page } from '../types'
import type { Draw, Feed, RejectedRow, Report, ReportRow, SampleItem, SnapshotLoaded, SnapshotsAnswer, VerificationFlag, VerificationRun } from './types'
import type { components } from '../api/schema'

type S = components['schemas']

/** unmasked reads are asked for explicitly (and audited by the server) */
const unmasking = (unmask?: boolean) => (unmask ? { unmask: true } : undefined)

// 数据源 feeds and their snapshots
export const feedsList = () => get<Feed[]>('/verification/feeds')
export const SNAPSHOTS = '/verification/snapshots'
export const snapshotsOverview = () => get<SnapshotsAnswer>(SNAPSHOTS)
/** Loads a feed's file as of a day (multipart `feed`, `as_of`, `file`); a refused file is a 422 naming its problems. */
export const snapshotLoad = (feed: string, asOf: string, file: File) => uploadFile<SnapshotLoaded>(SNAPSHOTS, file, { feed, as_of: asOf })
export const snapshotRejected = (id: number) => get<RejectedRow[]>(`${SNAPSHOTS}/${id}/rejected`)

// 核对批次 runs
export const RUNS = '/verification/runs'
export const runsRecent = (pageSize: number) => get<Page<VerificationRun>>(RUNS, { page_size: pageSize })
export const runGet = (id: number) => get<VerificationRun>(`${RUNS}/${id}`)
/** Starts a run; a single application's run answers when done, with its report's id. */
export const runStart = (body: S['StartBody']) => post<VerificationRun>(RUNS, body)

// 核对报告 reports and their flags
export const REPORTS = '/verification/reports'
export const reportsOf = (query: { application_id?: number; case_id?: number }, pageSize: number) => get<Page<ReportRow>>(REPORTS, { ...query, page_size: pageSize })
export const reportGet = (id: number, unmask?: boolean) => get<Report>(`${REPORTS}/${id}`, unmasking(unmask))
export const FLAGS = '/verification/flags'
export const flagResolve = (id: number, body: S['ResolveBody']) => post<VerificationFlag>(`${FLAGS}/${id}/resolve`, body)

// 抽查 sampling
export const SAMPLING = '/verification/sampling'
export const drawsList = () => get<Draw[]>(SAMPLING)
export const drawGet = (id: number) => get<Draw>(`${SAMPLING}/${id}`)
export const drawCreate = (body: S['DrawBody']) => post<Draw>(SAMPLING, body)
export const drawItems = (id: number) => `${SAMPLING}/${id}/items`
export const sampleItemGet = (id: number) => get<SampleItem>(`${SAMPLING}/items/${id}`)
export const sampleVisit = (id: number, body: S['sampling.VisitBody']) => post<SampleItem>(`${SAMPLING}/items/${id}/visit`, body)
