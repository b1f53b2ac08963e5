// 人口信息: the registry's endpoints as typed functions (docs/api.md), so that no view spells a path.
// Lists give their path to `usePagedList` (and the export button its export path).
import { download, get, post, put, upload } from '../api'
import type { Page } from '../types'
import type { HistoryEntry, Household, HouseholdBody, ImportJob, ImportStarted, Person, PersonInput, PopulationStats, Region } from './types'

/** unmasked reads are asked for explicitly (and audited by the server) */
const unmasking = (unmask?: boolean) => (unmask ? { unmask: true } : undefined)

export const PERSONS = '/persons'
export const PERSONS_EXPORT = '/persons/export'
export const personsSearch = (q: string, pageSize = 10) => get<Page<Person>>(PERSONS, { q, page_size: pageSize })
export const personGet = (id: number, unmask?: boolean) => get<Person>(`/persons/${id}`, unmasking(unmask))
export const personCreate = (body: PersonInput) => post<Person>(PERSONS, body)
export const personUpdate = (id: number, body: PersonInput) => put<Person>(`/persons/${id}`, body)

export const HOUSEHOLDS = '/households'
export const HOUSEHOLDS_EXPORT = '/households/export'
/** the household picker: a member's ID number, name or initials, or the address */
export const householdsSearch = (q: string, pageSize = 10) => get<Page<Household>>(HOUSEHOLDS, { q, page_size: pageSize })
export const householdGet = (id: number, unmask?: boolean) => get<Household>(`/households/${id}`, unmasking(unmask))
export const householdHistory = (id: number) => get<HistoryEntry[]>(`/households/${id}/history`)
export const householdCreate = (body: HouseholdBody) => post<Household>(HOUSEHOLDS, body)
export const householdUpdate = (id: number, body: HouseholdBody) => put<Household>(`/households/${id}`, body)

export const regionRootGet = () => get<Region>('/regions/root')
export const regionChildrenGet = (parent: string) => get<Region[]>('/regions', { parent })
export const regionGet = (code: string) => get<Region>('/regions/' + encodeURIComponent(code))

export const populationStats = (region?: string | null) => get<PopulationStats>('/stats/population', { region })

export type ImportKind = 'persons' | 'households'
export type ImportMode = 'all_or_nothing' | 'valid_only'
/** Starts an import of `file` (multipart `kind`, `mode`, `file`); the job is then polled. */
export function importStart(kind: ImportKind, mode: ImportMode, file: File) {
  const fd = new FormData()
  fd.append('kind', kind)
  fd.append('mode', mode)
  fd.append('file', file, file.name)
  return upload<ImportStarted>('/imports', fd)
}
export const importStatus = (id: number) => get<ImportJob>(`/imports/${id}`)
export const importTemplate = (kind: ImportKind) => download('/imports/template', { kind }, kind === 'persons' ? '人员导入模板.xlsx' : '家庭户导入模板.xlsx')
