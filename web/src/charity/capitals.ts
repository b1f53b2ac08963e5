// 人民币大写: an amount in fen written in Chinese capital numerals, as on a receipt or a bank bill,
// following the writing rules of 《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定):
//  - a 1 in the tens place is written 壹拾 (¥16.00 → 壹拾陆元整);
//  - zeros between digits are written as one 零 (¥6007.14 → 陆仟零柒元壹角肆分);
//  - when 角 is zero and 分 is not, 零 is written after 元 (¥325.04 → 叁佰贰拾伍元零肆分);
//  - an amount ending at 元 ends in 整 (¥100.00 → 壹佰元整); after 角 or 分 no 整 is written.
// No imports: unit-tested by e2e/charity-capitals.spec.ts without a browser.

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const UNITS = ['', '拾', '佰', '仟']
const GROUPS = ['', '万', '亿', '万亿']

/** The integer part (yuan) in capitals, without 元: 10500 → 壹万零伍佰; 0 → ''. */
function integerCapital(n: number): string {
  if (n === 0) return ''
  const s = String(n)
  const groups: string[] = []
  for (let end = s.length; end > 0; end -= 4) groups.unshift(s.slice(Math.max(0, end - 4), end))
  if (groups.length > GROUPS.length) throw new RangeError('amount too large')
  let out = ''
  let zero = false
  groups.forEach((g, gi) => {
    const group = GROUPS[groups.length - 1 - gi]
    const digits = gi === 0 ? g : g.padStart(4, '0')
    let any = false
    for (let i = 0; i < digits.length; i++) {
      const d = Number(digits[i])
      const unit = UNITS[digits.length - 1 - i]
      if (d === 0) {
        if (out) zero = true
        continue
      }
      if (zero) out += '零'
      zero = false
      out += DIGITS[d] + unit
      any = true
    }
    // a group's own trailing zeros need no 零 before the next group (拾万柒仟), an all-zero group does (拾亿零伍仟)
    if (any) {
      out += group
      zero = false
    }
  })
  return out
}

/** Fen → 人民币大写: 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分; 0 → 零元整; negative amounts get 负. */
export function yuanCapital(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('not a whole number of fen')
  if (fen < 0) return '负' + yuanCapital(-fen)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const f = fen % 10
  const int = integerCapital(yuan)
  if (!int && !jiao && !f) return '零元整'
  let out = int ? int + '元' : ''
  if (!jiao && !f) return out + '整'
  if (jiao) out += DIGITS[jiao] + '角'
  else if (int) out += '零'
  if (f) out += DIGITS[f] + '分'
  return out
}
