// 平安钟, 长者食堂, 养老机构: types of the API answers and the formatters the pages share.
import { i18n } from '../../../i18n'

// the payloads are the server's documented schemas (../../types)
export type { Alarm, Canteen, Device, Duty, Institution, Meal, PriorityItem, PriorityPage, Quote, Resident, Settlement, SubsidyItem, SubsidyRecord, TownIndicators } from '../../types'
type Ratio = import('../../types').TownIndicators['occupancy']
interface Line { zh: string; en: string }

/** fen → "12.50" (integer arithmetic). */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return ''
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(fen)
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** yuan typed by an officer → fen, or null when not a number with at most two decimals. */
export function toFen(s: string | number | null | undefined): number | null {
  const m = String(s ?? '').trim().match(/^(\d{1,7})(?:\.(\d{1,2}))?$/)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** tenths → "39.0", or "—". */
export function ratio(r: Ratio | null | undefined): string {
  if (!r || r.tenths == null) return '—'
  return `${Math.trunc(r.tenths / 10)}.${r.tenths % 10}`
}

/** seconds → "1分30秒" / "2小时5分". */
export function duration(s: number | null | undefined): string {
  if (s == null) return '—'
  const t = i18n.global.t
  if (s >= 3600) return t('eld.services.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) })
  return t('eld.services.seconds', { m: Math.floor(s / 60), s: s % 60 })
}

/** A vocabulary label of this section: `eld.services.<group>.<code>`. */
export function label(group: string, code: string | null | undefined): string {
  if (!code) return ''
  const key = `eld.services.${group}.${code}`
  const t = i18n.global.t
  const v = t(key)
  return v === key ? code : v
}

export function lines(l: Line[] | undefined): string[] {
  const en = String(i18n.global.locale.value) === 'en'
  return (l ?? []).map((x) => (en ? x.en : x.zh))
}

export const ALARM_STEPS = ['acknowledge', 'dispatch', 'call_family', 'arrive', 'close'] as const
export const OUTCOMES = ['false_alarm', 'resolved_by_phone', 'family_handled', 'on_site_help', 'hospital', 'other'] as const

/** The steps the core rule allows from a status (mirrors core emergency::advance). */
export function nextSteps(status: string): string[] {
  switch (status) {
    case 'raised': return ['acknowledge']
    case 'acknowledged': return ['dispatch', 'call_family', 'close']
    case 'dispatched': return ['dispatch', 'call_family', 'arrive', 'close']
    case 'arrived': return ['close']
    default: return []
  }
}
