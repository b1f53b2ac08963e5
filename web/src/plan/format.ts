// 大民政工作计划: quantities and targets as text, and reading what the officer types.
import { formatYuan, parseScaled, parseYuan, yuanInputText } from '../assistance/money'
import { i18n } from '../i18n'
import type { Target } from './types'

/** The units a target usually has (the ones the importer reads), for the unit field's suggestions. */
export const UNITS = ['张', '间', '个', '人', '户', '名', '所', '家', '次', '项', '期', '场', '%', '元', '平方米']

/** Money is a target whose unit is 元 (the server keeps its amount in fen). */
export const isMoneyUnit = (unit: string | null | undefined) => (unit ?? '').trim() === '元'

/** Hundredths → "250", "2.5", "1,200" (trailing zeros dropped). */
export function quantityText(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return '—'
  const neg = h < 0
  const s = String(Math.abs(Math.trunc(h))).padStart(3, '0')
  const int = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = s.slice(-2).replace(/0+$/, '')
  return (neg ? '-' : '') + int + (frac ? '.' + frac : '')
}

/** The amount or quantity of a target with its unit: "250张", "5,000.00元". */
export function amountText(t: Pick<Target, 'hundredths' | 'unit' | 'fen'>): string {
  if (isMoneyUnit(t.unit)) return `${formatYuan(t.fen ?? t.hundredths)}${t.unit}`
  return `${quantityText(t.hundredths)}${t.unit}`
}

/** A target as one short phrase: "设立床位 250张", "补助 每张 5,000.00元". */
export function targetText(t: Pick<Target, 'subject' | 'hundredths' | 'unit' | 'fen' | 'per'>): string {
  const per = t.per ? i18n.global.t('pl.target.perText', { per: t.per }) + ' ' : ''
  return `${t.subject ? t.subject + ' ' : ''}${per}${amountText(t)}`
}

/** Where a target's figure comes from: read from the text as is, read and then corrected, or added by hand. */
export function targetOrigin(t: Pick<Target, 'source' | 'version'>): 'parsed' | 'edited' | 'manual' {
  if (t.source === 'manual') return 'manual'
  return t.version > 1 ? 'edited' : 'parsed'
}

/** What the quantity field starts with: the quantity ("250") or, for money, yuan ("5000.00"). */
export function quantityInput(t: Pick<Target, 'hundredths' | 'unit' | 'fen'>): string {
  if (isMoneyUnit(t.unit)) return yuanInputText(t.fen ?? t.hundredths)
  return quantityText(t.hundredths).replace(/,/g, '')
}

/** What the officer typed → hundredths (a quantity, or yuan → fen, the same scale); null when unreadable. */
export function parseQuantity(input: string, unit: string): number | null {
  return isMoneyUnit(unit) ? parseYuan(input) : parseScaled(input, 2)
}
