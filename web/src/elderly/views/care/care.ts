// 居家养老服务: the shapes the API answers (docs/api.md, "Home care") and small helpers of the care pages.
export interface Provider {
  id: number; name: string; kind: string; kind_zh: string; credit_code: string; region_code: string; region_name?: string | null
  contact: string; phone: string; qualification: string; qualification_until: string | null; contract_no: string
  contract_start: string; contract_end: string; status: string; in_force: boolean; version: number
}
export interface ServiceItem { id: number; code: string; name: string; unit: string; price: number; minutes: number; active: boolean; version: number }
export interface ParamUse { key: string; value: number; param_id: number | null; region_prefix: string | null; effective: string | null }
export interface Enrolment {
  id: number; person_id: number; name: string; birth_date?: string; birth_year?: number | null; region_code: string; provider_id: number; provider_name: string
  status: string; monthly_allowance: number; basis: string[]; reason: string; params: ParamUse[]; start_month: string
  end_month: string | null; end_reason: string | null; version: number
}
export interface Eligibility {
  person_id: number; name: string; region_code: string; month: string; eligible: boolean; bases: string[]; basis_zh: string[]
  reasons: { code: string; zh: string; en: string }[]; monthly_allowance: number; enrolment_id: number | null
  facts: { age: number; alive: boolean; programmes: string[]; priority_care: string | null; living_children: number }
}
export interface Photo { id: number; file_name: string; content_type: string; size: number; sha256: string; created_by: string; created_at: string }
export interface Visit {
  id: number; order_id: number; region_code: string; satisfaction: number; note: string; visitor: string; visited_on: string
  name: string; item_name: string; provider_name: string; scheduled_on: string; created_by: string
}
export interface Order {
  id: number; person_id: number; name: string; address: string | null; region_code: string; region_name?: string | null
  provider_id: number; provider_name: string; item_id: number; item_name: string; unit: string; units: number; unit_price: number
  amount: number; scheduled_on: string; note: string; status: string; status_zh: string; worker: string | null
  started_at: string | null; start_lat: number | null; start_lng: number | null; start_place: string | null
  ended_at: string | null; end_lat: number | null; end_lng: number | null; end_place: string | null; service_note: string | null
  confirmed_by: string | null; confirmer_relation: string | null; confirmed_at: string | null; confirm_recorded_by: string | null
  cancel_reason: string | null; photo_count: number; visit_count: number; version: number
  photos?: Photo[]; visits?: Visit[]
}
export interface SettlementLine {
  person_id: number; name: string; region_code: string; confirmed_orders: number; confirmed_amount: number; unconfirmed_orders: number
  unconfirmed_amount: number; allowance: number; paid_elsewhere: number; payable: number; excess: number; order_ids: number[]
  explanation_zh: string; explanation_en: string; params: ParamUse[]
}
export interface SettlementTotals {
  month: string; rule: string; elders: number; confirmed_orders: number; confirmed_amount: number; unconfirmed_orders: number
  unconfirmed_amount: number; payable: number; excess: number; lines: SettlementLine[]
}
export interface Preview extends SettlementTotals { provider_id: number; provider_name: string; settled_id: number | null }
export interface SettlementRecord extends Omit<SettlementTotals, 'lines'> { id: number; provider_id: number; provider_name: string; created_by: string; created_at: string }

/** Fen as yuan with two decimals: 30000 → "300.00". */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(fen)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** Yuan typed by an officer → integer fen (null when not a number with at most two decimals). */
export function toFen(s: string | number): number | null {
  const t = String(s).trim()
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  const [i, d = ''] = t.split('.')
  return Number(i) * 100 + Number((d + '00').slice(0, 2))
}

/** Today and this month as the server writes them (local date). */
export function todayText(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
export function monthText(): string {
  return todayText().slice(0, 7)
}

export const ORDER_STATUSES = ['dispatched', 'started', 'done', 'confirmed', 'cancelled']
export function statusTag(s: string): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  return ({ dispatched: 'info', started: 'warning', done: 'primary', confirmed: 'success', cancelled: 'danger' } as const)[s as 'done'] ?? 'info'
}
