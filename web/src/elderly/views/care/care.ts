// 居家养老服务: the shapes the API answers (docs/api.md, "Home care") and small helpers of the care pages.
// the payloads are the server's documented schemas (../../types)
export type { CareVisit as Visit, Eligibility, Enrolment, Order, ParamUse, Photo, Preview, Provider, ServiceItem, SettlementDetail, SettlementLine, SettlementRecord } from '../../types'

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
