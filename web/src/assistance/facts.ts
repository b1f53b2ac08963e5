// The household facts form (members with their extra facts, incomes, assets) shared by the application
// form, the home-visit correction and the case review, and its conversion to the API's `facts` body.
import { parseYuan, yuanInputText } from './money'
import type { Facts, IncomeItem, MemberFactsStored, SelfCare, StoredFacts } from './types'
import type { Member } from '../types'

export interface MemberRow {
  person_id: number
  name: string
  relation: string | null
  age: number | null
  alive: boolean
  included: boolean
  able_to_work: boolean
  has_supporter: boolean
  self_care: SelfCare
  serious_illness: boolean
}
export interface IncomeRow { key: number; person_id: number | null; kind: IncomeItem['kind']; amount: string }
export interface FactsForm {
  members: MemberRow[]
  incomes: IncomeRow[]
  assets: { vehicles: number; dwellings: number; business_capital: string; monetary: string }
  single_parent: boolean
}
export interface LocalError { field: string; zh: string; en: string }

let nextKey = 1
export const incomeRow = (person_id: number | null = null): IncomeRow => ({ key: nextKey++, person_id, kind: 'wage', amount: '' })

export function emptyFacts(): FactsForm {
  return { members: [], incomes: [], assets: { vehicles: 0, dwellings: 0, business_capital: '', monetary: '' }, single_parent: false }
}

function ageOf(birth: string | null | undefined): number | null {
  if (!birth) return null
  const b = new Date(birth + 'T00:00:00')
  if (isNaN(b.getTime())) return null
  const n = new Date()
  let a = n.getFullYear() - b.getFullYear()
  if (n.getMonth() < b.getMonth() || (n.getMonth() === b.getMonth() && n.getDate() < b.getDate())) a--
  return a
}

/** Members of a registered household: the living ones are ticked. */
export function membersFromHousehold(members: Member[]): MemberRow[] {
  return members.map((m) => ({
    person_id: m.person_id, name: m.name, relation: m.relation ?? null, age: m.age ?? null, alive: m.alive, included: m.alive,
    able_to_work: false, has_supporter: false, self_care: 'full', serious_illness: false,
  }))
}

function memberFromStored(m: MemberFactsStored): MemberRow {
  return {
    person_id: m.person_id, name: m.name ?? '#' + m.person_id, relation: m.relation ?? null, age: m.birth_date ? ageOf(m.birth_date) : m.birth_year != null ? new Date().getFullYear() - m.birth_year : null, alive: !m.death_date,
    included: true, able_to_work: !!m.able_to_work, has_supporter: !!m.has_supporter, self_care: m.self_care ?? 'full', serious_illness: !!m.serious_illness,
  }
}

/** The form filled in from stored facts (to correct them after a home visit or at a review). */
export function factsFormFromStored(f: StoredFacts | null | undefined): FactsForm {
  const form = emptyFacts()
  if (!f) return form
  form.members = (f.members ?? []).map(memberFromStored)
  form.incomes = (f.incomes ?? []).map((i) => ({ key: nextKey++, person_id: i.person_id ?? null, kind: i.kind, amount: yuanInputText(i.amount) }))
  form.assets = {
    vehicles: f.assets?.vehicles ?? 0,
    dwellings: f.assets?.dwellings ?? 0,
    business_capital: yuanInputText(f.assets?.business_capital ?? 0),
    monetary: yuanInputText(f.assets?.monetary ?? 0),
  }
  form.single_parent = !!f.single_parent
  return form
}

const BAD_AMOUNT = { zh: '请输入金额（元，最多两位小数）', en: 'Enter an amount in yuan (at most two decimals)' }

/** An optional yuan field: empty is 0. */
function optionalFen(s: string): number | null {
  return s.trim() === '' ? 0 : parseYuan(s)
}

/**
 * The `facts` body, with the fields the server would reject for their form (amounts that are not
 * amounts) reported locally under the same field names the server uses (`facts.incomes[0].amount`).
 * Members are sent in the order shown, ticked ones only; `memberIndex` maps a person to its index.
 */
export function buildFacts(f: FactsForm, prefix = 'facts'): { facts: Facts; errors: LocalError[]; memberIndex: Map<number, number> } {
  const errors: LocalError[] = []
  const included = f.members.filter((m) => m.included)
  const memberIndex = new Map(included.map((m, i) => [m.person_id, i]))
  const incomes = f.incomes.map((r, i) => {
    const amount = parseYuan(r.amount)
    if (amount === null) errors.push({ field: `${prefix}.incomes[${i}].amount`, ...BAD_AMOUNT })
    return { person_id: r.person_id, kind: r.kind, amount: amount ?? 0 }
  })
  const capital = optionalFen(f.assets.business_capital)
  if (capital === null) errors.push({ field: `${prefix}.assets.business_capital`, ...BAD_AMOUNT })
  const monetary = optionalFen(f.assets.monetary)
  if (monetary === null) errors.push({ field: `${prefix}.assets.monetary`, ...BAD_AMOUNT })
  const facts: Facts = {
    members: included.map((m) => ({
      person_id: m.person_id, able_to_work: m.able_to_work, has_supporter: m.has_supporter, self_care: m.self_care, serious_illness: m.serious_illness,
    })),
    incomes,
    assets: { vehicles: f.assets.vehicles ?? 0, dwellings: f.assets.dwellings ?? 0, business_capital: capital ?? 0, monetary: monetary ?? 0 },
    single_parent: f.single_parent,
  }
  return { facts, errors, memberIndex }
}
