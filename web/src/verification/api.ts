// 家庭经济状况核对 API: one typed function per endpoint the console calls (paths under /api/v1, docs/api.md
// "Verification"); payload types from the generated schema. Lists read by `usePagedList` take their
// path from here too.
import { get, post, type Query } from '../api'
import type { components } from '../api/schema'

type S = components['schemas']

export const listFeeds = () => get<S['FeedView'][]>('/verification/feeds')
export const listSnapshots = () => get<S['SnapshotOverview']>('/verification/snapshots')
export const snapshotRejected = (id: number) => get<S['RejectedRow'][]>(`/verification/snapshots/${id}/rejected`)
export const snapshotsPath = '/verification/snapshots'

export const runsPath = '/verification/runs'
export const listRuns = (query?: Query) => get<S['PageOf_reports.RunView']>(runsPath, query)
export const getRun = (id: number) => get<S['reports.RunView']>(`${runsPath}/${id}`)
export const startRun = (body: S['StartBody']) => post<S['reports.RunView']>(runsPath, body)

export const reportsPath = '/verification/reports'
export const getReport = (id: number, unmask = false) => get<S['reports.ReportView']>(`${reportsPath}/${id}`, unmask ? { unmask: true } : undefined)

export const flagsPath = '/verification/flags'
export const resolveFlag = (id: number, body: S['ResolveBody']) => post<S['FlagView']>(`${flagsPath}/${id}/resolve`, body)

export const samplingPath = '/verification/sampling'
export const listDraws = () => get<S['verification.sampling.DrawView'][]>(samplingPath)
export const getDraw = (id: number) => get<S['verification.sampling.DrawView']>(`${samplingPath}/${id}`)
export const createDraw = (body: S['DrawBody']) => post<S['verification.sampling.DrawView']>(samplingPath, body)
export const drawItemsPath = (id: number) => `${samplingPath}/${id}/items`
export const getSampleItem = (id: number) => get<S['verification.sampling.ItemView']>(`${samplingPath}/items/${id}`)
export const recordVisit = (id: number, body: S['sampling.VisitBody']) => post<S['verification.sampling.ItemView']>(`${samplingPath}/items/${id}/visit`, body)
