// 平安钟, 长者食堂, 养老机构: types of the API answers and the formatters the pages share.
import { i18n } from '../../../i18n'

export interface Device {
  id: number; serial: string; person_id: number; person_name: string; id_number: string | null; region_code: string; region_name: string | null
  provider_id: number | null; kind: string; kind_zh: string; phone: string; installed_on: string; removed_on: string | null; status: string
  annual_fee: number; note: string; version: number
}
export interface PriorityItem {
  person_id: number; name: string; id_number: string | null; phone: string | null; age: number; region_code: string; region_name: string | null
  tier: number; reasons: { code: string; zh: string; en: string }[]; has_device: boolean; device_id: number | null; device_serial: string | null
}
export interface PriorityPage { items: PriorityItem[]; total: number; page: number; page_size: number; counts: { tier: number; total: number; missing: number }[] }
export interface AlarmStepEntry { step: string; at: string; by: string; note: string; outcome: string | null }
export interface Alarm {
  id: number; device_id: number; device_serial: string; device_phone: string; person_id: number; person_name: string; region_code: string; region_name: string | null
  kind: string; raised_at: string; acknowledged_at: string | null; dispatched_at: string | null; arrived_at: string | null; closed_at: string | null
  outcome: string | null; handler: string | null; steps: AlarmStepEntry[]; status: string; version: number
  response_seconds: number | null; arrival_seconds: number | null; elapsed_seconds: number
}
export interface Duty {
  now: string; since: string; open: number; last_24h: number; by_status: { status: string; zh: string; count: number }[]
  average_response_seconds: number | null; worst_response_seconds: number | null; longest_waiting_seconds: number | null; alarms: Alarm[]
}
export interface Canteen { id: number; name: string; region_code: string; region_name: string | null; provider_id: number | null; address: string; seats: number; meal_price: number; status: string; version: number }
export interface Line { zh: string; en: string }
export interface Meal {
  id: number; canteen_id: number; canteen_name: string; person_id: number; person_name: string; region_code: string; served_on: string; slot: string
  price: number; subsidy: number; tier: string; paid_by_elder: number; explanation: { explanation: Line[] }; recorded_by: string
}
export interface Quote { person_id: number; name: string; age: number; tier: string; price: number; subsidy: number; elder_pays: number; explanation: Line[] }
export interface Settlement {
  canteen_id: number; canteen_name: string; month: string; confirmed: boolean; meals: number; subsidy_total: number; paid_by_elders: number
  lines: { tier: string; meals: number; subsidy: number; paid_by_elders: number }[]; confirmed_by: string | null; confirmed_at: string | null
}
export interface Ratio { numerator: number; denominator: number; tenths: number | null }
export interface Institution {
  id: number; name: string; kind: string; ownership: string; region_code: string; region_name: string | null; provider_id: number | null; beds: number
  opened_on: string | null; licence: string; address: string; status: string; version: number; residents: number; occupancy: Ratio
}
export interface Resident {
  id: number; institution_id: number; person_id: number; person_name: string; id_number: string | null; age: number; bed: string; tekun: boolean
  admitted_on: string; left_on: string | null; leave_reason: string | null; version: number
}
export interface SubsidyItem { kind: string; year: number; beds: number; resident_days: number; amount: number; explanation: Line[]; recorded: boolean }
export interface SubsidyRecord { id: number; institution_id: number; institution_name: string; kind: string; year: number; beds: number; resident_days: number; amount: number; created_by: string; created_at: string }
export interface TownIndicators {
  town_code: string; town_name: string | null; institutions: number; beds: number; elderly: number; residents: number; tekun_all: number
  tekun_in_institutions: number; beds_per_1000: Ratio; occupancy: Ratio; concentrated_rate: Ratio
}

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
