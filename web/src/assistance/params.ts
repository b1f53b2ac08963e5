// Policy parameter keys (cached) and their values shown and entered in the parameter's unit.
import { paramKeysGet } from './api'
import { i18n } from '../i18n'
import { formatYuan, parseScaled, permilleText } from './money'
import type { ParamKeyInfo, ParamUnit } from './types'

let keysP: Promise<ParamKeyInfo[]> | null = null
export function paramKeys(): Promise<ParamKeyInfo[]> {
  if (!keysP) keysP = paramKeysGet().catch((e) => {
    keysP = null
    throw e
  })
  return keysP
}

/** Thousandths of a multiple ("1.5 倍" of the standard) or a share ("35%"). */
export const permilleMode = (key: string): 'multiple' | 'percent' => (key.includes('multiple') ? 'multiple' : 'percent')

const tt = (k: string, v?: Record<string, unknown>) => (v ? i18n.global.t(k, v) : i18n.global.t(k))

/** A stored value as officers read it: fen as yuan, ‰ as a percentage or a multiple, days with their unit. */
export function formatParam(value: number | null | undefined, unit: ParamUnit | string | undefined, key: string): string {
  if (value === null || value === undefined) return '—'
  switch (unit) {
    case 'fen':
      return formatYuan(value) + ' ' + tt('asst.yuan')
    case 'permille':
      return permilleMode(key) === 'multiple' ? tt('asst.units.multiple', { v: permilleText(value, 'multiple') }) : permilleText(value, 'percent') + '%'
    case 'working_days':
      return tt('asst.units.working_days', { v: value })
    case 'days':
      return tt('asst.units.days', { v: value })
    case 'months':
      return tt('asst.units.months', { v: value })
    default:
      return String(value)
  }
}

/** What the value input expects after the number ("元", "%", "倍", "天"). */
export function inputSuffix(unit: string | undefined, key: string): string {
  switch (unit) {
    case 'fen':
      return tt('asst.yuan')
    case 'permille':
      return permilleMode(key) === 'multiple' ? tt('asst.units.multipleSuffix') : '%'
    case 'working_days':
      return tt('asst.units.workingDaysSuffix')
    case 'days':
      return tt('asst.units.daysSuffix')
    case 'months':
      return tt('asst.units.monthsSuffix')
    default:
      return ''
  }
}

/** The stored integer for what was typed, or null when it is not a valid value of that unit. */
export function parseParam(text: string, unit: string | undefined, key: string): number | null {
  switch (unit) {
    case 'fen':
      return parseScaled(text, 2)
    case 'permille':
      return permilleMode(key) === 'multiple' ? parseScaled(text, 3) : parseScaled(text, 1)
    default:
      return parseScaled(text, 0)
  }
}

/** The value as the input shows it for editing (no unit, no separators). */
export function paramInputText(value: number, unit: string | undefined, key: string): string {
  switch (unit) {
    case 'fen':
      return formatYuan(value).replace(/,/g, '')
    case 'permille':
      return permilleText(value, permilleMode(key))
    default:
      return String(value)
  }
}
