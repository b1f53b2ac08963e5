import type { Person, PersonInput } from './registry/types'

export interface PersonFormState {
  hasId: boolean
  id_number: string
  alt_id_type: string | null
  alt_id: string
  name: string
  gender: string | null
  birth_date: string | null
  ethnicity: string | null
  phone: string
  hukou_region_code: string | null
  region_code: string | null
  hukou_type: string | null
  alive: boolean
  death_date: string | null
  hasDisability: boolean
  disability_kind: string | null
  disability_grade: number | null
  certificate_no: string
  priority_care: string | null
  orphan: boolean
  version?: number
}

export function emptyPerson(region: string | null = null): PersonFormState {
  return {
    hasId: true, id_number: '', alt_id_type: null, alt_id: '', name: '', gender: null, birth_date: null, ethnicity: '汉族', phone: '',
    hukou_region_code: region, region_code: region, hukou_type: 'urban', alive: true, death_date: null, hasDisability: false,
    disability_kind: null, disability_grade: null, certificate_no: '', priority_care: null, orphan: false,
  }
}

export function personToForm(p: Person): PersonFormState {
  return {
    hasId: !!p.id_number || !p.alt_id_type,
    id_number: p.id_number ?? '',
    alt_id_type: p.alt_id_type ?? null,
    alt_id: p.alt_id ?? '',
    name: p.name,
    gender: p.gender,
    birth_date: p.birth_date ?? null,
    ethnicity: p.ethnicity,
    phone: p.phone ?? '',
    hukou_region_code: p.hukou_region_code,
    region_code: p.region_code,
    hukou_type: p.hukou_type,
    alive: p.alive,
    death_date: p.death_date ?? null,
    hasDisability: !!p.disability,
    disability_kind: p.disability?.kind ?? null,
    disability_grade: p.disability?.grade ?? null,
    certificate_no: p.disability?.certificate_no ?? '',
    priority_care: p.priority_care ?? null,
    orphan: p.orphan,
    version: p.version,
  }
}

const nz = (s: string | null | undefined) => {
  const v = (s ?? '').trim()
  return v === '' ? null : v
}

export function formToInput(f: PersonFormState): PersonInput {
  const input: PersonInput = {
    id_number: f.hasId ? nz(f.id_number)?.toUpperCase() ?? null : null,
    alt_id_type: f.hasId ? null : f.alt_id_type,
    alt_id: f.hasId ? null : nz(f.alt_id),
    name: f.name.trim(),
    gender: f.hasId ? null : f.gender,
    birth_date: f.hasId ? null : f.birth_date,
    ethnicity: f.ethnicity,
    phone: nz(f.phone),
    hukou_region_code: f.hukou_region_code,
    region_code: f.region_code,
    hukou_type: f.hukou_type,
    alive: f.alive,
    death_date: f.alive ? null : f.death_date,
    disability: f.hasDisability ? { kind: f.disability_kind ?? '', grade: f.disability_grade, certificate_no: nz(f.certificate_no) } : null,
    priority_care: f.priority_care,
    orphan: f.orphan,
  }
  if (f.version !== undefined) input.version = f.version
  return input
}

/** Field names of PersonInput the person form shows (API `error.field` values). */
export const PERSON_FIELDS = new Set([
  'id_number', 'alt_id_type', 'alt_id', 'name', 'gender', 'birth_date', 'ethnicity', 'phone', 'hukou_region_code', 'region_code',
  'hukou_type', 'alive', 'death_date', 'disability', 'disability.kind', 'disability.grade', 'disability.certificate_no', 'priority_care', 'orphan',
])

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return '10X98765432'[s % 11]
}

/** The birth as an answer shows it: the date when unmasked, else only the year (docs/api.md, Masking). */
export function bornText(p: { birth_date?: string | null; birth_year?: number | null }, t: (key: string, values: Record<string, unknown>) => string): string {
  if (p.birth_date) return p.birth_date
  return p.birth_year != null ? t('person.bornIn', { year: p.birth_year }) : ''
}
