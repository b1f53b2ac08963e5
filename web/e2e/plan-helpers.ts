import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test'

// 大民政工作计划 data for the e2e tests (docs/plan.md): the demo's plan, the plans, a plan imported from a CSV.

/** The plan the demo loads from seed 000. */
export const DEMO_PLAN = '新会区2014-2015年“大民政”工作计划'
export const HEADER = '体系名称,主要任务,子项目,完成时间,责任单位,2014年工作计划,2015年工作计划'

export interface PlanSummary { id: number; name: string; tasks: number; lines: number }

export async function plans(api: APIRequestContext): Promise<PlanSummary[]> {
  const res = await api.get('/api/v1/plan/plans')
  expect(res.status(), await res.text()).toBe(200)
  return res.json()
}

/** A one-line plan whose task is unique: lead 区民政局, related 区财政局, 床位250张 in 2014 and 130张 in 2015. */
export function smallPlan(label: string): { name: string; task: string; csv: string } {
  const tag = Date.now().toString(36)
  const task = `1.${label}养老床位任务${tag}`
  const csv = `${HEADER}\ne2e测试体系,e2e主要任务,${task},2015,区民政局、区财政局,设立床位250张。,完成床位130张。\n`
  return { name: `e2e工作计划${label}${tag}`, task, csv }
}

/** Imports a plan (multipart name + file) as the account of `api`; returns its id. */
export async function importPlan(api: APIRequestContext, name: string, csv: string): Promise<number> {
  const res = await api.post('/api/v1/plan/plans/import', {
    multipart: { name, file: { name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') } },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()).id
}

/** The native input of an Element field with `testid` (the attribute lands on the input or on its wrapper). */
export function fieldInput(page: Page, testid: string): Locator {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`)
}

/** Types a year into an Element year picker and confirms it. */
export async function fillYear(page: Page, testid: string, year: number) {
  const input = fieldInput(page, testid)
  await input.fill(String(year))
  await input.press('Enter')
  await expect(input).toHaveValue(String(year))
}
