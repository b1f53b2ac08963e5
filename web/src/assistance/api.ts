// 社会救助 API: one typed function per endpoint the console calls (paths under /api/v1, docs/api.md
// "Assistance"); payload types from the generated schema. Lists read by `usePagedList` take their path
// from here too.
import { download, get, post, type Query } from '../api'
import type { components } from '../api/schema'

type S = components['schemas']

export const applicationsPath = '/assistance/applications'
export const casesPath = '/assistance/cases'
export const noticesPath = '/assistance/notices'

export const getApplication = (id: number, unmask = false) => get<S['ApplicationDetail']>(`${applicationsPath}/${id}`, unmask ? { unmask: true } : undefined)
export const createApplication = (body: S['applications.CreateBody']) => post<S['ApplicationDetail']>(applicationsPath, body)
export const actOnApplication = (id: number, body: S['ActionBody']) => post<S['ApplicationDetail']>(`${applicationsPath}/${id}/actions`, body)
export const attachmentPath = (id: number, aid: number) => `${applicationsPath}/${id}/attachments/${aid}`

export const getCase = (id: number) => get<S['CaseDetail']>(`${casesPath}/${id}`)

export const listNotices = (query?: Query) => get<S['NoticeRecord'][]>(noticesPath, query)
export const getNotice = (id: number) => get<S['NoticeView']>(`${noticesPath}/${id}`)
export const closeNotice = (id: number) => post<S['NoticeView']>(`${noticesPath}/${id}/close`)

export const payrollRunsPath = '/assistance/payroll/runs'
export const listPayrollRuns = () => get<S['assistance.payroll.RunRecord'][]>(payrollRunsPath)
export const getPayrollRun = (id: number) => get<S['RunView']>(`${payrollRunsPath}/${id}`)
export const payrollLinesPath = (id: number) => `${payrollRunsPath}/${id}/lines`
export type PayrollFile = 'bank.xlsx' | 'bank.csv' | 'summary.xlsx'
/** Saves a run's bank file or summary sheet; answers the file's name. */
export const downloadPayrollFile = (id: number, file: PayrollFile) => download(`${payrollRunsPath}/${id}/${file}`, undefined, `run-${id}-${file}`)
