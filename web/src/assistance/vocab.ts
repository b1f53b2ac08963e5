// Codes of the assistance vocabulary (programmes, stages, actions, ...) with their labels (i18n `asst.*`)
// and tag colours, shared by every assistance page.
import { i18n } from '../i18n'
import { useDict } from '../stores/dict'
import type { DictKind } from '../types'
import type { AllowedAction, Programme, Stage } from './types'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const PROGRAMMES: Programme[] = ['dibao', 'tekun', 'low_income', 'temporary', 'medical']
/** 津补贴: enrolled per person (养老助残儿童), paid monthly through the same payroll. */
export const ALLOWANCE_PROGRAMMES: Programme[] = ['old_age', 'disability_living', 'disability_care', 'orphan', 'unattended_child']
/** Programmes that enrol a household (or, for allowances, a person) and are paid every month. */
export const MONTHLY_PROGRAMMES: Programme[] = ['dibao', 'tekun', ...ALLOWANCE_PROGRAMMES]
/** Programmes paid through the payroll (monthly ones and the one-off payments). */
export const PAID_PROGRAMMES: Programme[] = ['dibao', 'tekun', 'temporary', 'medical', ...ALLOWANCE_PROGRAMMES]
/** Programmes whose approvals go through 民主评议 and 公示. */
export const NOTICE_PROGRAMMES: Programme[] = ['dibao', 'tekun', 'low_income']
/** Programmes that enrol a household as a case (在保 or recognised). */
export const CASE_PROGRAMMES: Programme[] = ['dibao', 'tekun', 'low_income']
/** Every programme a case can be in, for the 在保对象 list. */
export const LISTED_CASE_PROGRAMMES: Programme[] = [...CASE_PROGRAMMES, ...ALLOWANCE_PROGRAMMES]
export const isOneOff = (p: string) => p === 'temporary' || p === 'medical'

export const OPEN_STAGES: Stage[] = ['investigation', 'verification', 'review', 'notice', 'approval']
export const STAGES: Stage[] = [...OPEN_STAGES, 'approved', 'rejected', 'withdrawn']

/** The stages an application of `programme` passes through, ending in approved (temporary and medical skip review and notice). */
export function stagePath(programme: string): Stage[] {
  return isOneOff(programme)
    ? ['investigation', 'verification', 'approval', 'approved']
    : ['investigation', 'verification', 'review', 'notice', 'approval', 'approved']
}

export const INCOME_KINDS = ['wage', 'business', 'property', 'pension', 'transfer', 'disability_subsidy', 'old_age_allowance', 'priority_care_pension', 'one_child_reward', 'heroism_reward', 'assistance_payment', 'other']
export const EXEMPT_INCOME_KINDS = new Set(['disability_subsidy', 'old_age_allowance', 'priority_care_pension', 'one_child_reward', 'heroism_reward', 'assistance_payment'])
export const SELF_CARE = ['full', 'partial', 'none'] as const

const PROGRAMME_TAG: Record<string, TagType> = { dibao: 'primary', tekun: 'danger', low_income: 'info', temporary: 'warning', medical: 'success', old_age: 'success', disability_living: 'warning', disability_care: 'warning', orphan: 'danger', unattended_child: 'danger' }
const STAGE_TAG: Record<string, TagType> = {
  investigation: 'primary', verification: 'primary', review: 'warning', notice: 'warning', approval: 'warning',
  approved: 'success', rejected: 'danger', withdrawn: 'info',
}
export const programmeTag = (p: string): TagType => PROGRAMME_TAG[p] ?? 'info'
export const stageTag = (s: string): TagType => STAGE_TAG[s] ?? 'info'

/** The groups whose labels the server knows: their GET /dict vocabulary. */
const SERVER_VOCAB: Record<string, DictKind> = {
  'asst.programmes': 'programmes', 'asst.stages': 'stages', 'asst.actions': 'actions', 'asst.incomeKinds': 'income_types',
  'asst.selfCare': 'self_care', 'asst.increments': 'increment_categories', 'asst.roles': 'roles',
  'ver.scopes': 'run_scopes', 'ver.runStatus': 'run_statuses', 'ver.snap.statuses': 'snapshot_statuses', 'ver.flagStatus': 'flag_statuses',
  'ver.resolutions': 'resolutions', 'ver.samples': 'samples', 'ver.itemStatus': 'sample_statuses', 'ver.kinds': 'column_kinds',
}

/**
 * A code's label: the server's (GET /dict) for a vocabulary it has, else `<area>.<group>.<code>` (area
 * `asst`, or `ver` for verification) for the codes only the console names (an event such as `objection`,
 * the `accepted` step), else the code itself.
 */
export function vocab(group: string, code: string | null | undefined, area: 'asst' | 'ver' = 'asst'): string {
  if (code === null || code === undefined || code === '') return ''
  const kind = SERVER_VOCAB[`${area}.${group}`]
  if (kind) {
    const d = useDict()
    const hit = d.dict[kind].find((e) => e.code === code)
    if (hit) return d.entryLabel(hit)
  }
  const key = `${area}.${group}.${code}`
  return i18n.global.te(key) ? i18n.global.t(key) : code
}

export const programmeLabel = (p: string | null | undefined) => vocab('programmes', p)
export const stageLabel = (s: string | null | undefined) => vocab('stages', s)
export const actionLabel = (a: string | null | undefined) => vocab('actions', a)
export const incomeKindLabel = (k: string | null | undefined) => vocab('incomeKinds', k)
export const roleLabel = (role: string | null | undefined) => vocab('roles', role)

/** Server text in both languages, in the current one. */
export function bi(x: { zh: string; en?: string | null } | null | undefined): string {
  if (!x) return ''
  return String(i18n.global.locale.value).startsWith('en') ? x.en || x.zh : x.zh
}

export const actionCode = (a: AllowedAction) => (typeof a === 'string' ? a : a.action)
