// How report figures read: a comparison's value by its unit, a finding's amount and quantity.
import { formatYuan } from '../assistance/money'
import type { Comparison, Finding } from './types'

/** A comparison value: fen as yuan, a count as it is; missing "—". */
export function comparisonValue(v: number | null | undefined, unit: Comparison['unit']): string {
  if (v === null || v === undefined) return '—'
  return unit === 'fen' ? formatYuan(v) : String(v)
}

/** A finding's amount (fen) in yuan, or empty. */
export const findingAmount = (f: Finding) => (f.amount === null || f.amount === undefined ? '' : formatYuan(f.amount))
export const findingQuantity = (f: Finding) => (f.quantity === null || f.quantity === undefined ? '' : String(f.quantity))
