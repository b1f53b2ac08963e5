import { expect, request as pwRequest, type APIRequestContext } from '@playwright/test'
import { PASSWORD } from './helpers'
import { TOWN } from './assistance-helpers'

// 慈善 data made through the API (docs/api.md, charity) for the e2e tests: the clerk's session, a fresh
// project, a donation designated to it.

export const H = { 'X-Requested-With': 'minzheng' }
export const CLERK = 'charity'

/** fen → "1,234.50", as the console and the portal show money. */
export function yuan(fen: number): string {
  const s = String(Math.abs(fen)).padStart(3, '0')
  const int = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return (fen < 0 ? '-' : '') + int + '.' + s.slice(-2)
}

/** A request context logged in as `username` (the CSRF header on every call). */
export async function apiAs(baseURL: string | undefined, username: string): Promise<APIRequestContext> {
  const api = await pwRequest.newContext({ baseURL, extraHTTPHeaders: H })
  const res = await api.post('/api/v1/auth/login', { data: { username, password: PASSWORD } })
  expect(res.status(), `login as ${username}`).toBe(200)
  return api
}

export interface Fund { id: number; code: string; name: string; balance_fen: number }
export interface Project { id: number; fund_id: number; name: string }

/** The demo's funds (the district charity federation has some). */
export async function funds(api: APIRequestContext): Promise<Fund[]> {
  const res = await api.get('/api/v1/charity/funds')
  expect(res.status()).toBe(200)
  const list = await res.json()
  const items: Fund[] = Array.isArray(list) ? list : list.items
  expect(items.length, 'the demo has charity funds').toBeGreaterThan(0)
  return items
}

/** A new open project of the first fund in 会城街道, named uniquely. */
export async function newProject(api: APIRequestContext, label = 'e2e助学项目'): Promise<Project> {
  const [fund] = await funds(api)
  const today = new Date().toISOString().slice(0, 10)
  const res = await api.post('/api/v1/charity/projects', {
    data: { fund_id: fund.id, name: `${label}${Date.now().toString(36)}`, region_code: TOWN, target_fen: 1_000_000, description: 'e2e', starts_on: today },
  })
  expect(res.status(), await res.text()).toBe(201)
  return res.json()
}

/** A money donation designated to `project`, recorded by the clerk; returns the donation (with its receipt code). */
export async function donateToProject(api: APIRequestContext, project: Project, amountFen: number, donor = '欧阳爱心') {
  const res = await api.post('/api/v1/charity/donations', {
    data: { donor_kind: 'person', donor_name: donor, anonymous: false, form: 'money', amount_fen: amountFen, designation: { kind: 'project', project: project.id }, channel: 'wechat' },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as { id: number; receipt_code: string; amount_fen: number; ledger_seq: number }
}

/** How many allocations there are (the clerk's view). */
export async function allocationCount(api: APIRequestContext): Promise<number> {
  const res = await api.get('/api/v1/charity/allocations?page_size=1')
  expect(res.status()).toBe(200)
  return (await res.json()).total
}
