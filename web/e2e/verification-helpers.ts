import { expect, type APIRequestContext } from '@playwright/test'
import { PASSWORD } from './helpers'
import { H, apiLogin, newHousehold } from './assistance-helpers'

// Verification (家庭经济状况核对, docs/api.md "Verification") data made through the API for the e2e and screenshot tests.

const today = () => new Date().toISOString().slice(0, 10)

/**
 * A dibao application whose household declared no vehicle, while the public-security vehicle feed
 * (pushed here by the verifier) holds one for its head: verifying it gives a report with a finding
 * and an open `undeclared_vehicle` red flag. Leaves `request` logged in as the verifier.
 */
export async function flaggedReport(request: APIRequestContext) {
  await apiLogin(request, 'huicheng')
  const hh = await newHousehold(request)
  const appRes = await request.post('/api/v1/assistance/applications', {
    data: {
      programme: 'dibao',
      household_id: hh.id,
      facts: {
        members: hh.memberIds.map((person_id) => ({ person_id, able_to_work: false, has_supporter: false, self_care: 'full', serious_illness: false })),
        incomes: [],
        assets: { vehicles: 0, dwellings: 1, business_capital: 0, monetary: 0 },
        single_parent: false,
      },
      request: {},
      payee: { bank_name: '江门农商银行会城支行', bank_account: '6230' + String(Date.now()).slice(-12) + '009' },
      note: 'e2e verification',
    },
    headers: H,
  })
  expect(appRes.status(), await appRes.text()).toBe(201)
  const app = await appRes.json()

  await apiLogin(request, 'verifier')
  const plate = '粤J' + String(Math.floor(Math.random() * 90000) + 10000)
  const push = await request.post('/api/v1/verification/feeds/ps_vehicle/push', {
    data: { as_of: today(), rows: [{ 身份证号: hh.head.id, 姓名: hh.head.name, 号牌号码: plate, 车辆类型: '小型汽车', 初次登记日期: '2022-06-01' }] },
    headers: H,
  })
  expect(push.status(), await push.text()).toBe(201)
  const runRes = await request.post('/api/v1/verification/runs', { data: { scope: 'application', application_id: app.id }, headers: H })
  expect(runRes.status(), await runRes.text()).toBe(201)
  const run = await runRes.json()
  expect(run.report_id).toBeTruthy()
  return { app: app as { id: number }, household: hh, plate, run: run as { id: number; report_id: number } }
}

/** The open flags of a report (as whoever `request` is logged in as). */
export async function reportFlags(request: APIRequestContext, reportId: number) {
  const res = await request.get('/api/v1/verification/reports/' + reportId, { headers: H })
  expect(res.status()).toBe(200)
  return (await res.json()).flags as { id: number; code: string; status: string; version: number }[]
}

/**
 * A re-inspection sample holding a household a village worker can visit: an active dibao case of
 * the district is put on the city's list of a new draw for its town (a year nobody drew yet). Returns
 * the village worker to log in as (`beimen` for 北门社区, else a new account of the case's village).
 */
export async function sampleToVisit(request: APIRequestContext) {
  await apiLogin(request, 'district')
  const find = async (region: string) => {
    const res = await request.get('/api/v1/assistance/cases', { params: { programme: 'dibao', status: 'active', region, page_size: 1 }, headers: H })
    expect(res.status()).toBe(200)
    return ((await res.json()).items ?? [])[0] as { household_id: number; region_code: string } | undefined
  }
  const hit = (await find('440705001001')) ?? (await find('440705000000'))
  expect(hit, 'an active dibao case in the demo district').toBeTruthy()
  const c = hit!
  let username = 'beimen'
  if (c.region_code !== '440705001001') {
    await apiLogin(request, 'admin')
    username = 'cun' + Date.now().toString(36)
    const res = await request.post('/api/v1/accounts', {
      data: { username, display_name: '村居抽查测试', password: PASSWORD, role: 'village_worker', region_code: c.region_code },
      headers: H,
    })
    expect(res.status(), await res.text()).toBe(201)
  }
  await apiLogin(request, 'verifier')
  const town = c.region_code.slice(0, 9) + '000'
  let draw: { id: number; year: number } | null = null
  for (let i = 0; i < 20 && !draw; i++) {
    const year = 2000 + Math.floor(Math.random() * 26)
    const res = await request.post('/api/v1/verification/sampling', { data: { year, region_code: town, city_household_ids: [c.household_id] }, headers: H })
    if (res.status() === 409) continue
    expect(res.status(), await res.text()).toBe(201)
    draw = await res.json()
  }
  expect(draw).toBeTruthy()
  const items = await request.get(`/api/v1/verification/sampling/${draw!.id}/items`, { params: { sample: 'city', page_size: 200 }, headers: H })
  expect(items.status()).toBe(200)
  const item = ((await items.json()).items as { id: number; household_id: number; status: string }[]).find((i) => i.household_id === c.household_id)
  expect(item, 'the household is in the city sample').toBeTruthy()
  return { draw: draw!, item: item!, username, householdId: c.household_id }
}
