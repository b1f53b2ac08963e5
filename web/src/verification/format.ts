// How report figures read: a comparison's value by its unit.
import { formatYuan } from '../assistance/money'
import type { Comparison } from './types'

/** A comparison value: fen as yuan, a count as it is; missing "—". */
export function comparisonValue(v: number | null | undefined, unit: Comparison['unit']): string {
  if (v === null || v === undefined) return '—'
  return unit === 'fen' ? formatYuan(v) : String(v)
}
