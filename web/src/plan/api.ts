// 大民政工作计划: the plan's endpoints as typed functions (docs/api.md, docs/plan.md), so that no
// view spells a path.
import { del, download, get, post, put, uploadFile } from '../api'
import type {
  IndicatorBody, IndicatorRecord, LineBody, Matrix, MembersView, PlanBody, PlanDetail, PlanSummary, PlanUnit, ReportBody, ReviewBody, Target, TargetBody, ValueBody,
} from './types'
import type { Indicator, MyLine, PlanMe, PlanStatus, ProgressReport, Reminder, Report, ReportFile } from './views/progress/progress'

// plans, lines, targets, units
export const plansList = () => get<PlanSummary[]>('/plan/plans')
export const planGet = (id: number) => get<PlanDetail>(`/plan/plans/${id}`)
export const planCreate = (body: PlanBody) => post<PlanDetail>('/plan/plans', body)
/** Imports a plan from its table (multipart `name`, `file`); a table with any problem is refused whole. */
export const planImport = (file: File, name: string) => uploadFile<PlanDetail>('/plan/plans/import', file, { name })
export const lineAdd = (planId: number, body: LineBody) => post<PlanDetail>(`/plan/plans/${planId}/lines`, body)
export const matrixGet = (planId: number) => get<Matrix>(`/plan/plans/${planId}/matrix`)
export const unitsList = () => get<PlanUnit[]>('/plan/units')
export const unitMembersSet = (unitId: number, usernames: string[]) => put<MembersView>(`/plan/units/${unitId}/members`, { usernames })
export const targetAdd = (lineId: number, body: TargetBody) => post<Target>(`/plan/lines/${lineId}/targets`, body)
export const targetUpdate = (id: number, body: TargetBody) => put<Target>(`/plan/targets/${id}`, body)
export const targetDelete = (id: number) => del(`/plan/targets/${id}`)

// progress: the caller's units and lines, the quarterly reports and their files
export const planMe = () => get<PlanMe>('/plan/me')
export const myLines = (planId: number | null | undefined) => get<MyLine[]>('/plan/my-lines', { plan_id: planId })
export const lineReports = (lineId: number) => get<Report[]>(`/plan/lines/${lineId}/reports`)
export const reportSubmit = (lineId: number, body: ReportBody) => post<Report>(`/plan/lines/${lineId}/reports`, body)
/** The lead unit confirms a report or returns it (a note is required to return). */
export const reportReview = (id: number, mode: 'confirm' | 'return', body: ReviewBody) => post<Report>(`/plan/reports/${id}/${mode}`, body)
export const reportFileUpload = (reportId: number, file: File) => uploadFile<ReportFile>(`/plan/reports/${reportId}/files`, file)
export const reportFileDownload = (reportId: number, f: ReportFile) => download(`/plan/reports/${reportId}/files/${f.id}`, undefined, f.file_name)

// status, the printable report and its table, reminders, indicators
export const planStatus = (planId: number) => get<PlanStatus>(`/plan/plans/${planId}/status`)
export const planReport = (planId: number, system?: string) => get<ProgressReport>(`/plan/plans/${planId}/report`, { system: system || undefined })
export const planExport = (planId: number) => download(`/plan/plans/${planId}/export.xlsx`, undefined, `plan-${planId}-progress.xlsx`)
export const remindersList = (days: number) => get<Reminder[]>('/plan/reminders', { days })
export const indicatorsList = (planId: number) => get<Indicator[]>(`/plan/plans/${planId}/indicators`)
export const indicatorCreate = (planId: number, body: IndicatorBody) => post<IndicatorRecord>(`/plan/plans/${planId}/indicators`, body)
export const indicatorSetValue = (id: number, body: ValueBody) => put<IndicatorRecord>(`/plan/indicators/${id}`, body)
