// 社会救助: the area's endpoints as typed functions (paths under /api/v1, docs/api.md "Social assistance"),
// so that no view spells a path. Lists give their path to `usePagedList` (and the export button its
// export path); payload types are the area's (types.ts, aliases of the generated schemas).
import { del, download, get, post, uploadFile } from '../api'
import type {
  Application,
  AssessResult,
  AssistanceStats,
  Attachment,
  CaseDetail,
  Holiday,
  Notice,
  ParamBody,
  ParamKeyInfo,
  ParamSaved,
  ParamValue,
  PayrollPreview,
  Relative,
  Run,
  RunRecord,
  SimulateResult,
  StandardCheck,
} from './types'
import type { components } from '../api/schema'

type S = components['schemas']

/** unmasked reads are asked for explicitly (and audited by the server) */
const unmasking = (unmask?: boolean) => (unmask ? { unmask: true } : undefined)

// 申请 applications
export const APPLICATIONS = '/assistance/applications'
export const applicationGet = (id: number, unmask?: boolean) => get<Application>(`${APPLICATIONS}/${id}`, unmasking(unmask))
export const applicationCreate = (body: S['applications.CreateBody']) => post<Application>(APPLICATIONS, body)
/** Takes a step of the workflow (the body names the action and the version the officer saw). */
export const applicationAct = (id: number, body: S['ActionBody']) => post<Application>(`${APPLICATIONS}/${id}/actions`, body)
export const attachmentUpload = (id: number, file: File) => uploadFile<Attachment>(`${APPLICATIONS}/${id}/attachments`, file)
/** Saves an attachment under its own name. */
export const attachmentDownload = (id: number, a: Attachment) => download(`${APPLICATIONS}/${id}/attachments/${a.id}`, undefined, a.file_name)
/** The means test of facts not yet applied for (the new application's preview). */
export const assess = (body: S['applications.AssessBody']) => post<AssessResult>('/assistance/assess', body)

// 公示 notices and objections
export const NOTICES = '/assistance/notices'
export const noticeGet = (id: number) => get<Notice>(`${NOTICES}/${id}`)
export const noticeCreate = (body: S['notices.CreateBody']) => post<Notice>(NOTICES, body)
export const noticeClose = (id: number) => post<Notice>(`${NOTICES}/${id}/close`)
export const objectionAdd = (noticeId: number, body: S['ObjectionBody']) => post<S['ObjectionRecord']>(`${NOTICES}/${noticeId}/objections`, body)
export const objectionDecide = (id: number, body: S['DecideBody']) => post<S['ObjectionRecord']>(`/assistance/objections/${id}/decide`, body)
/** The notice as the public sees it (no session). */
export const publicNoticeGet = (id: number) => get<Notice>(`/public/notices/${id}`)

// 在保 cases
export const CASES = '/assistance/cases'
export const caseGet = (id: number) => get<CaseDetail>(`${CASES}/${id}`)
/** A review or a death answers the case with the recalculation it caused; an exit answers the case. */
export const caseReview = (id: number, body: S['cases.ReviewBody']) => post<S['CaseChange']>(`${CASES}/${id}/review`, body)
export const caseDeath = (id: number, body: S['DeathBody']) => post<S['CaseChange']>(`${CASES}/${id}/death`, body)
export const caseExit = (id: number, body: S['ExitBody']) => post<CaseDetail>(`${CASES}/${id}/exit`, body)

// 发放 payroll
export const PAYROLL_RUNS = '/assistance/payroll/runs'
export const payrollPreview = (body: S['PayrollBody']) => post<PayrollPreview>('/assistance/payroll/preview', body)
export const payrollRuns = () => get<RunRecord[]>(PAYROLL_RUNS, { page_size: 200 })
/** Confirms the previewed payroll (its fingerprint: 409 when the data moved since). */
export const payrollConfirm = (body: S['PayrollBody']) => post<Run>(PAYROLL_RUNS, body)
export const payrollRunGet = (id: number) => get<Run>(`${PAYROLL_RUNS}/${id}`)
export const payrollRunLines = (id: number) => `${PAYROLL_RUNS}/${id}/lines`
export type PayrollFile = 'bank.xlsx' | 'bank.csv' | 'summary.xlsx'
/** Saves a run's bank file or summary sheet; answers the file's name. */
export const payrollFileDownload = (id: number, file: PayrollFile) => download(`${PAYROLL_RUNS}/${id}/${file}`, undefined, `run-${id}-${file}`)

// 政策参数 parameters, holidays, relatives of staff
export const paramKeysGet = () => get<ParamKeyInfo[]>('/assistance/param-keys')
export const paramsList = () => get<ParamValue[]>('/assistance/params')
export const paramSave = (body: ParamBody & { note: string }) => post<ParamSaved>('/assistance/params', body)
/** What a parameter's new value would change (nothing is saved). */
export const paramSimulate = (body: ParamBody) => post<SimulateResult>('/assistance/params/simulate', body)
export const standardCheck = () => get<StandardCheck>('/assistance/standard-check')

export const holidaysList = () => get<Holiday[]>('/assistance/holidays')
export const holidaySave = (body: Holiday) => post<Holiday>('/assistance/holidays', body)
export const holidayDelete = (day: string) => del(`/assistance/holidays/${day}`)

export const relativesList = () => get<Relative[]>('/assistance/relatives')
export const relativeAdd = (body: S['RelativeBody']) => post<Relative>('/assistance/relatives', body)
export const relativeDelete = (id: number) => del(`/assistance/relatives/${id}`)

// 统计 statistics
export const statsGet = (region?: string | null) => get<AssistanceStats>('/assistance/stats', { region })
export const statsExport = (region?: string | null) => download('/assistance/stats.xlsx', { region }, 'assistance-stats.xlsx')
