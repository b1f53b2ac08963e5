// 慈善超市: the shapes of the API's answers (docs/api.md, "Charity supermarket"); values in integer fen.
export { formatYuan, parseYuan, yuanInputText } from '../../../assistance/money'

export interface Item {
  id: number; code: string; name: string; category: string; category_zh: string; unit: string
  points_price: number; unit_value_fen: number; active: boolean; version: number
}
export interface StockRow extends Item {
  in_stock: number; value_fen: number; issuable: number; expired: number; expiring_soon: number
  next_expiry: string | null; lots: number; warning: 'expired' | 'soon' | null
}
export interface StockAnswer { date: string; warning_days: number; value_fen: number; items: StockRow[] }
export interface Lot {
  id: number; item_id: number; item_code: string; item_name: string; unit: string; source: string; source_zh: string
  donation_id: number | null; supplier: string; quantity: number; remaining: number; unit_value_fen: number
  expires_on: string | null; received_on: string; created_by: string; created_at: string
  warning: 'expired' | 'soon' | null; days_left: number | null
}
export interface Programme {
  id: number; name: string; eligible: string[]; eligible_zh: string[]; basis: string; basis_zh: string; points: number
  valid_months: number; status: string; note: string; version: number; created_by: string; created_at: string
}
export interface Issue {
  id: number; programme_id: number; period: string; region_code: string; region_name: string | null; households: number
  points: number; already: number; expires_on: string; created_by: string; created_at: string
}
export interface IssueAnswer { issue: Issue | null; period: string; region_code: string; households: number; points: number; already: number; expires_on: string }
export interface Voucher {
  id: number; programme_id: number; programme_name: string; period: string; household_id: number; region_code: string
  region_name: string | null; head_name: string; members: number; points: number; remaining: number; issued_on: string
  expires_on: string; expired: boolean
}
export interface HouseholdPoints {
  household_id: number; region_code: string; region_name: string | null; head_name: string; balance: number; vouchers: number
  next_expiry: string | null
}
export interface RedemptionLine { item_id: number; item_name: string; unit: string; lot_id: number; quantity: number; points: number; value_fen: number }
export interface Redemption {
  id: number; household_id: number; region_code: string; head_name: string; redeemed_on: string; points: number
  value_fen: number; note: string; created_by: string; created_at: string; lines: RedemptionLine[]
}
export interface HouseholdBalance {
  household_id: number; region_code: string; region_name: string | null; head_name: string; balance: number
  vouchers: Voucher[]; redemptions: Redemption[]
}
export interface Qv { quantity: number; value: number }
export interface Flows { opening: Qv; in_donation: Qv; in_purchase: Qv; redeemed: Qv; written_off: Qv; closing: Qv }
export interface StatementLine extends Flows { item_id: number; code: string; name: string; unit: string }
export interface Statement {
  month: string; closed: boolean; lines: StatementLine[]; totals: Flows
  points: { opening: number; issued: number; redeemed: number; expired: number; closing: number }
  redemptions: number; households_served: number; region_code: string
}

/** The flows of a statement, in column order. */
export const FLOWS: (keyof Flows)[] = ['opening', 'in_donation', 'in_purchase', 'redeemed', 'written_off', 'closing']

/** This month as YYYY-MM (local time). */
export function thisMonth(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}
