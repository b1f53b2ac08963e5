// 慈善: the vocabularies (GET /charity/meta, with the console's own labels as fallback before it
// loads and on the public portal, which has no login), money and label formatters.
import { reactive } from 'vue'
import { meta as metaGet } from './api'
import { i18n } from '../i18n'
import { formatYuan } from '../assistance/money'
import type { CharityMeta, DesignationLabel, Vocab } from './types'

export { formatYuan }

const state = reactive<{ meta: CharityMeta | null }>({ meta: null })
let pending: Promise<CharityMeta> | null = null

/** Loads GET /charity/meta once (staff pages only). */
export function loadMeta(): Promise<CharityMeta> {
  if (state.meta) return Promise.resolve(state.meta)
  if (!pending)
    pending = metaGet()
      .then((m) => (state.meta = m))
      .finally(() => (pending = null))
  return pending
}
export const meta = state

const isEn = () => String(i18n.global.locale.value).startsWith('en')

/** `{zh, en}` → the current language's text. */
export function bi(v: { zh: string; en?: string | null } | null | undefined): string {
  if (!v) return ''
  return isEn() ? v.en || v.zh : v.zh
}

/** A designation's label in the current language. */
export function designationText(d: DesignationLabel | null | undefined): string {
  if (!d) return ''
  return isEn() ? d.label_en || d.label_zh : d.label_zh
}

type Group = keyof CharityMeta

/** The label of a code of a vocabulary: from /charity/meta when loaded, else `ch.vocab.<group>.<code>`, else the code. */
export function vocab(group: Group, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return ''
  const hit = state.meta?.[group]?.find((v: Vocab) => v.code === code)
  if (hit) return bi(hit)
  const key = `ch.vocab.${group}.${code}`
  const t = i18n.global.t
  const v = t(key)
  return v === key ? code : v
}

/** The options of a vocabulary for a select (meta first, local labels otherwise). */
export function vocabOptions(group: Group, fallback: string[]): { value: string; label: string }[] {
  const list = state.meta?.[group]
  if (list && list.length) return list.map((v) => ({ value: v.code, label: bi(v) }))
  return fallback.map((c) => ({ value: c, label: vocab(group, c) }))
}

export const DESIGNATION_KINDS = ['undesignated', 'fund', 'project', 'region', 'category']
export const DONOR_KINDS = ['person', 'company']
export const FORMS = ['money', 'goods']
export const CHANNELS = ['bank_transfer', 'wechat', 'alipay', 'cash', 'goods']
export const RECIPIENT_KINDS = ['project', 'household', 'organisation']
export const CATEGORIES = ['dibao', 'tekun', 'low_income', 'elderly', 'disabled', 'children', 'students', 'disaster']

/** Fen → "1,234.50 元" (or "yuan"). */
export function yuanText(fen: number | null | undefined): string {
  return `${formatYuan(fen)} ${i18n.global.t('ch.common.yuan')}`
}

/** A percentage (0–100, may exceed 100) for a progress bar, clamped. */
export function pctBar(p: number | null | undefined): number {
  if (p === null || p === undefined || !Number.isFinite(p)) return 0
  return Math.max(0, Math.min(100, Math.round(p * 10) / 10))
}

/** The progress figure as text: "35.2%". */
export function pctText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—'
  return Number.isInteger(p) ? `${p}%` : `${(Math.round(p * 10) / 10).toFixed(1)}%`
}

/** A short hash: the first 12 and last 4 hex digits. */
export function shortHash(h: string | null | undefined): string {
  if (!h) return ''
  return h.length > 20 ? `${h.slice(0, 12)}…${h.slice(-4)}` : h
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
