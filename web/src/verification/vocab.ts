// Labels and tag colours of the verification vocabularies: their codes and most labels come from
// GET /dict (run scopes and statuses, snapshot and flag statuses, resolutions, samples, column kinds);
// conclusions, flag codes and visit outcomes keep the console's shorter wording (i18n `ver.*`).
import { i18n } from '../i18n'
import { vocab, type TagType } from '../assistance/vocab'
import { useDict } from '../stores/dict'
import type { DictKind } from '../types'
import { permilleText } from '../assistance/money'
import type { Report, ReportMember, VerificationFlag } from './types'

/** The codes of a server vocabulary, in its order (GET /dict). */
export const dictCodes = (kind: DictKind): string[] => useDict().dict[kind].map((e) => e.code)

/** A label from `ver.<group>.<code>`, falling back to the code. */
export const verVocab = (group: string, code: string | null | undefined) => vocab(group, code, 'ver')

const CONCLUSION_TAG: Record<string, TagType> = { consistent: 'success', inconsistent: 'warning', not_eligible: 'danger' }
export const conclusionTag = (c: string): TagType => CONCLUSION_TAG[c] ?? 'info'
const OUTCOME_TAG: Record<string, TagType> = { consistent: 'success', changed: 'warning', not_eligible: 'danger', absent: 'info' }
export const outcomeTag = (o: string | null | undefined): TagType => (o ? OUTCOME_TAG[o] ?? 'info' : 'info')
export const runStatusTag = (s: string): TagType => (s === 'done' ? 'success' : s === 'failed' ? 'danger' : 'primary')

const en = () => String(i18n.global.locale.value).startsWith('en')
/** The flag's label as the server gives it, else ours. */
export const flagLabel = (f: Pick<VerificationFlag, 'code' | 'label_zh' | 'label_en'>) =>
  (en() ? f.label_en || f.label_zh : f.label_zh) || verVocab('flagCodes', f.code)
export const flagEvidence = (f: Pick<VerificationFlag, 'evidence_zh' | 'evidence_en'>) => (en() ? f.evidence_en || f.evidence_zh : f.evidence_zh)

/** Coverage ‰ as a percentage: 987 → "98.7%". */
export const coverageText = (permille: number | null | undefined) => (permille === null || permille === undefined ? '—' : permilleText(permille, 'percent') + '%')

/** The head of the reported household (relation `head` or 户主), else its first member. */
export const headOf = (r: Pick<Report, 'members'>): ReportMember | null =>
  r.members.find((m) => m.relation === 'head' || m.relation === '户主') ?? r.members[0] ?? null
