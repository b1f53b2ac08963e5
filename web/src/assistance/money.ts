// Money and scaled decimals without floating point: amounts are integer fen (1 元 = 100 分) and the
// strings officers type are read digit by digit, never by multiplying a float.

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** An integer scaled by 10^digits as a decimal string: (12345, 2) → "123.45"; trailing zeros kept. */
function scaledText(v: number, digits: number, grouping: boolean): string {
  const neg = v < 0
  const s = String(Math.abs(Math.trunc(v))).padStart(digits + 1, '0')
  const int = s.slice(0, s.length - digits)
  const frac = digits ? '.' + s.slice(s.length - digits) : ''
  return (neg ? '-' : '') + (grouping ? group(int) : int) + frac
}

/**
 * THE money formatter: fen → yuan with two decimals and thousands separators, `55000` → "550.00".
 * `plus` adds "+" to positive amounts (changes, arrears). Missing values give "—".
 */
export function formatYuan(fen: number | null | undefined, opts: { plus?: boolean } = {}): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  return (opts.plus && fen > 0 ? '+' : '') + scaledText(fen, 2, true)
}

/** Fen as an editable yuan string without separators: 55000 → "550.00", null → "". */
export function yuanInputText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  return scaledText(fen, 2, false)
}

/**
 * Reads a decimal string into an integer scaled by 10^digits: ("1.5", 3) → 1500, ("35", 1) → 350.
 * Accepts thousands separators, a leading ¥/￥ and a trailing 元/%/倍; more decimals than `digits`, or
 * anything else, gives null. Negative numbers only with `allowNegative`.
 */
export function parseScaled(input: string, digits: number, allowNegative = false): number | null {
  const s = input.trim().replace(/^[¥￥]\s*/, '').replace(/\s*(元|%|‰|倍)$/, '').replace(/[,，]/g, '').trim()
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m) return null
  const [, sign, intPart, fracPart = ''] = m
  if (!intPart && !fracPart) return null
  if (fracPart.length > digits) return null
  if (sign && !allowNegative) return null
  const digitsText = (intPart || '0') + fracPart.padEnd(digits, '0')
  const trimmed = digitsText.replace(/^0+(?=\d)/, '')
  if (trimmed.length > 15) return null // stays below 2^53
  const v = Number(trimmed)
  return sign && v !== 0 ? -v : v
}

/** Yuan as typed ("1,200.5", "￥550") → integer fen, or null when it is not an amount. */
export const parseYuan = (input: string, allowNegative = false) => parseScaled(input, 2, allowNegative)

/** A permille value as a multiple ("1.5") or a percentage ("35"): trailing zeros dropped. */
export function permilleText(v: number, as: 'multiple' | 'percent'): string {
  const digits = as === 'multiple' ? 3 : 1
  return scaledText(v, digits, false).replace(/\.?0+$/, '')
}
