import { expect, type APIRequestContext } from '@playwright/test'
import { PASSWORD, rareName, validId } from './helpers'

// Social assistance data made through the API (docs/api.md "Social assistance") for the e2e and screenshot tests.

export const H = { 'X-Requested-With': 'minzheng' }
export const VILLAGE = '440705001001' // 北门社区居委会, 会城街道 (the village of the demo account beimen)
export const TOWN = '440705001000' // 会城街道

function personInput(name: string, id: string) {
  return {
    id_number: id, alt_id_type: null, alt_id: null, name, gender: null, birth_date: null, ethnicity: '汉族', phone: null,
    hukou_region_code: VILLAGE, region_code: VILLAGE, hukou_type: 'urban', alive: true, death_date: null, disability: null, priority_care: null, orphan: false,
  }
}

/** A new household of two in 北门社区 without income (dibao-eligible), registered through the API by a logged-in context. */
export async function newHousehold(request: APIRequestContext) {
  const head = { ...rareName(), id: validId() }
  const spouse = { ...rareName(), id: validId() }
  const res = await request.post('/api/v1/households', {
    data: {
      region_code: VILLAGE,
      address: '会城街道北门路' + (100 + Math.floor(Math.random() * 800)) + '号',
      members: [{ relation: 'head', person: personInput(head.name, head.id) }, { relation: 'spouse', person: personInput(spouse.name, spouse.id) }],
    },
    headers: H,
  })
  expect(res.status(), await res.text()).toBe(201)
  const h = await res.json()
  return { id: h.id as number, memberIds: (h.members ?? []).map((m: { person_id: number }) => m.person_id) as number[], head }
}

/** Household members as the facts body wants them: nobody able to work, no supporter, self-caring. */
export async function factsOf(request: APIRequestContext, householdId: number) {
  const res = await request.get(`/api/v1/households/${householdId}`, { headers: H })
  expect(res.status()).toBe(200)
  const h = await res.json()
  return {
    members: h.members.map((m: { person_id: number }) => ({ person_id: m.person_id, able_to_work: false, has_supporter: false, self_care: 'full', serious_illness: false })),
    incomes: [],
    assets: { vehicles: 0, dwellings: 1, business_capital: 0, monetary: 0 },
    single_parent: false,
  }
}

/** A dibao application accepted through the API (stage investigation). */
export async function newApplication(request: APIRequestContext) {
  const hh = await newHousehold(request)
  const res = await request.post('/api/v1/assistance/applications', {
    data: {
      programme: 'dibao',
      household_id: hh.id,
      facts: await factsOf(request, hh.id),
      request: {},
      payee: { bank_name: '江门农商银行会城支行', bank_account: '6230' + String(Date.now()).slice(-12) + '001' },
      note: 'e2e',
    },
    headers: H,
  })
  expect(res.status(), await res.text()).toBe(201)
  const app = await res.json()
  expect(app.stage).toBe('investigation')
  return app as { id: number; version: number; stage: string }
}

export async function act(request: APIRequestContext, app: { id: number; version: number }, body: Record<string, unknown>) {
  const res = await request.post(`/api/v1/assistance/applications/${app.id}/actions`, { data: { ...body, version: app.version }, headers: H })
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()) as { id: number; version: number; stage: string }
}

export const visit = () => ({ visited_on: new Date().toISOString().slice(0, 10), visitors: '张三、李四', findings: '家庭成员均无收入，情况属实', living_conditions: '住房简陋，无大件家电' })

export async function apiLogin(request: APIRequestContext, username: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD }, headers: H })
  expect(res.status()).toBe(200)
}
