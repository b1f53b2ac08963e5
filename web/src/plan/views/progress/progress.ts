// 工作计划进度: the progress API's answers (quarterly reports, statuses, reminders, indicators, the
// printable report) named from the generated schemas, and the small helpers the progress pages share.
import { i18n } from '../../../i18n'
import type { components } from '../../../api/schema'
import type { UnitRef } from '../../types'
import './progress.css'

export type LineStatus = 'on_track' | 'at_risk' | 'overdue' | 'done'
export type ReportStatus = 'submitted' | 'confirmed' | 'returned'
export const LINE_STATUSES: LineStatus[] = ['on_track', 'at_risk', 'overdue', 'done']

// The answers are the server's (web/src/api/schema.d.ts); the codes the schema documents as text
// (`status`, `role`, `kind`, `source`) are narrowed to the ones the server writes.
type S = components['schemas']
export type PlanUnitRef = S['plan.progress.UnitRef']
/** GET /plan/me: the units the account acts for */
export type PlanMe = S['MeView']
export type ReportFile = S['ReportFile']
export type Report = Omit<S['ReportRecord'], 'status'> & { status: ReportStatus }
export type MyLine = Omit<S['MyLine'], 'status' | 'role' | 'latest'> & { status: LineStatus; role: 'lead' | 'related'; latest: Report | null }
export type StatusLine = Omit<S['StatusLine'], 'status'> & { status: LineStatus }
export type PlanStatus = Omit<S['StatusView'], 'lines'> & { lines: StatusLine[] }
export type Reminder = Omit<S['Reminder'], 'kind'> & { kind: 'deadline' | 'report_missing' }
export type Indicator = Omit<S['indicators.IndicatorView'], 'source'> & { source: 'live' | 'manual' }
export type ReportLine = Omit<S['ReportLine'], 'status'> & { status: LineStatus }
export type ProgressReport = Omit<S['plan.report.ReportView'], 'systems'> & { systems: { name: string; lines: ReportLine[] }[] }

/** The indicators the platform computes from its own data (the server's list of live codes). */
export const LIVE_CODES: { code: string; zh: string; en: string; unit: string; detail?: { unit: string; target_hundredths: number } }[] = [
  { code: 'beds_per_1000', zh: '每千名老年人养老床位', en: 'Care beds per 1000 elderly', unit: '张/千人' },
  { code: 'concentrated_rate', zh: '特困人员集中供养率', en: 'Share of 特困 persons in institutions', unit: '%' },
  { code: 'dibao_coverage', zh: '低保覆盖率（低保对象占户籍人口）', en: 'Dibao coverage (share of residents)', unit: '%' },
  { code: 'dibao_standard_share', zh: '低保标准占上年人均消费支出比例', en: 'Dibao standard against consumption per head', unit: '%' },
  // the figure per town is the number of centres (one each is the aim), not a share
  { code: 'day_care_towns', zh: '建有日间照料中心的镇（街）比例', en: 'Towns with a day-care centre', unit: '%', detail: { unit: '个', target_hundredths: 100 } },
]

/** What a live indicator's per-town figures are counted in and measured against. */
export function detailScale(x: Pick<Indicator, 'code' | 'unit' | 'target_hundredths'>): { unit: string; target_hundredths: number } {
  return LIVE_CODES.find((c) => c.code === x.code)?.detail ?? { unit: x.unit, target_hundredths: x.target_hundredths }
}

/** A plan text entry ([year, text] on the wire) as {year, text}. */
export const planEntry = (p: { year: number; text: string } | [number, string]) => (Array.isArray(p) ? { year: p[0], text: p[1] } : p)

/** A unit given as {id,name} or as its name. */
export const unitName = (u: UnitRef | string | null | undefined): string => (u ? (typeof u === 'string' ? u : u.name) : '')
export const unitNames = (us: (UnitRef | string)[] | string | null | undefined): string =>
  !us ? '' : typeof us === 'string' ? us : us.map(unitName).filter(Boolean).join('、')

/** The Element tag type of a line's status. */
export const statusType = (s: string) => (s === 'done' ? 'primary' : s === 'on_track' ? 'success' : s === 'at_risk' ? 'warning' : s === 'overdue' ? 'danger' : 'info')
/** The colour of a progress bar by the line's status. */
export const statusColor = (s: string) => (s === 'done' ? '#409eff' : s === 'on_track' ? '#67c23a' : s === 'at_risk' ? '#e6a23c' : s === 'overdue' ? '#f56c6c' : '#909399')
export const reportType = (s: string) => (s === 'confirmed' ? 'success' : s === 'returned' ? 'danger' : 'warning')

/** A line's status in the console's language (the server's Chinese text when it has one). */
export function statusText(s: string, zh?: string | null): string {
  const t = i18n.global.t
  const key = 'pl.progress.status.' + s
  if (String(i18n.global.locale.value).startsWith('en') || !zh) return i18n.global.te(key) ? t(key) : zh || s
  return zh
}

/** A quarter "2026-Q3" of a date (local time: the browser runs in the server's zone). */
export function quarterOf(d = new Date()): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`
}
/** The current quarter and the `n` before it, newest first. */
export function recentQuarters(n = 8, d = new Date()): string[] {
  let y = d.getFullYear()
  let q = Math.floor(d.getMonth() / 3) + 1
  const out: string[] = []
  for (let i = 0; i <= n; i++) {
    out.push(`${y}-Q${q}`)
    q--
    if (q === 0) {
      q = 4
      y--
    }
  }
  return out
}
/** "2026-Q3" → "2026年第三季度" / "Q3 2026". */
export function quarterText(p: string | null | undefined): string {
  if (!p) return ''
  const m = /^(\d{4})-Q([1-4])$/.exec(p)
  if (!m) return p
  const t = i18n.global.t
  return t('pl.progress.quarter', { year: m[1], q: t('pl.progress.quarterN.' + m[2]) })
}

/** A file's size as text: 834 B, 12.4 KB, 3.1 MB. */
export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** The files a unit may attach to a report (≤ 10 MB; PDF, JPG, PNG, .docx, .xlsx: the server checks the bytes). */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png'
export const MAX_FILE = 10 * 1024 * 1024
