// 慈善超市: the shapes of the API's answers (docs/api.md, "Charity supermarket"); values in integer fen.
export { formatYuan, parseYuan, yuanInputText } from '../../../assistance/money'

import type { components } from '../../../api/schema'

type S = components['schemas']

export type Item = S['charity.supermarket.ItemView']
export type ItemBody = S['supermarket.ItemBody']
export type StockRow = S['StockView']
export type StockAnswer = S['StockAnswer']
export type Lot = S['LotView']
export type StockInBody = S['StockInBody']
export type WriteOffBody = S['WriteOffBody']
export type Programme = S['ProgrammeView']
export type ProgrammeBody = S['ProgrammeBody']
export type Issue = S['IssueView']
export type IssueBody = S['IssueBody']
export type IssueAnswer = S['IssueAnswer']
export type Voucher = S['VoucherView']
export type HouseholdPoints = S['HouseholdPointsView']
export type RedemptionLine = S['RedemptionLine']
export type Redemption = S['RedemptionRecord']
export type RedeemBody = S['RedeemBody']
export type RedeemAnswer = S['RedeemAnswer']
export type HouseholdBalance = S['HouseholdBalanceView']
export type Qv = S['Qv']
export type Flows = S['Flows']
export type StatementLine = S['StatementLineView']
export type Statement = S['StatementView']

/** The flows of a statement, in column order. */
export const FLOWS: (keyof Flows)[] = ['opening', 'in_donation', 'in_purchase', 'redeemed', 'written_off', 'closing']

/** This month as YYYY-MM (local time). */
export function thisMonth(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}
