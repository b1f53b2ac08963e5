import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { login, useChinese } from './helpers'
import { apiAs } from './charity-helpers'

// 工作计划进度: a related unit (区财政局) reports its quarter on a phone, the lead unit (区卫计局) confirms
// it under 待确认 or returns it with a note; the district reads the status overview and the indicators,
// the live ones computed from the platform's data beside their targets.

const TASK = '1.推进“养老与医疗”结合'

interface PlanLine { id: number; due_year: number; lead: { id: number; name: string } }
interface Report { id: number; line_id: number; unit_id: number; period: string; percent: number; status: string; review_note: string | null }

/** The demo's plan and the lines of the task 1.推进“养老与医疗”结合 (区卫计局 leads, 区财政局 is related). */
async function taskLines(api: APIRequestContext): Promise<{ planId: number; lines: PlanLine[] }> {
  const plans = await (await api.get('/api/v1/plan/plans')).json()
  expect(plans.length, 'the demo imports a plan').toBeGreaterThan(0)
  const planId: number = plans[0].id
  const detail = await (await api.get(`/api/v1/plan/plans/${planId}`)).json()
  for (const s of detail.systems) for (const g of s.groups) for (const x of g.tasks) if (x.name.startsWith(TASK)) return { planId, lines: x.lines }
  throw new Error('the task ' + TASK + ' is not in the demo plan')
}

/** The caller's unit (the demo's unit officers act for one). */
async function myUnit(api: APIRequestContext): Promise<{ id: number; name: string }> {
  const me = await (await api.get('/api/v1/plan/me')).json()
  expect(me.units.length).toBeGreaterThan(0)
  return me.units[0]
}

/** 区卫计局's and 区财政局's liaisons (the demo lists them; set through the API should it not). */
async function ensureMembers(baseURL: string | undefined) {
  const district = await apiAs(baseURL, 'district')
  const units: { id: number; name: string; members?: string[] }[] = await (await district.get('/api/v1/plan/units')).json()
  for (const [name, user] of [['区卫计局', 'weiji'], ['区财政局', 'caizheng']]) {
    const u = units.find((x) => x.name === name)
    expect(u, name).toBeTruthy()
    if (u!.members?.includes(user)) continue
    const res = await district.put(`/api/v1/plan/units/${u!.id}/members`, { data: { usernames: [...(u!.members ?? []), user] } })
    expect(res.status(), await res.text()).toBe(200)
  }
  await district.dispose()
}
test.beforeAll(async ({ baseURL }) => ensureMembers(baseURL))

/** The current quarter in the server's zone (Asia/Shanghai), as 2026-Q4. */
function currentQuarter(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number)
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
}

async function context(browser: Browser, baseURL: string | undefined, phone: boolean) {
  return browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1440, height: 900 } }),
  })
}

async function lineReports(api: APIRequestContext, lineId: number): Promise<Report[]> {
  const res = await api.get(`/api/v1/plan/lines/${lineId}/reports`)
  expect(res.status()).toBe(200)
  return res.json()
}

/** Opens 我的任务 → 待确认 and the pending report `id`. */
async function pendingReport(page: Page, id: number) {
  await page.goto('/plan/progress/mine?tab=pending')
  const item = page.locator(`[data-testid="pending-report"][data-report-id="${id}"]`)
  await expect(item).toBeVisible()
  return item
}

// a 1×1 PNG: the evidence photo
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

test('区财政局 reports 40% of its part on a phone with a photo; 区卫计局, the lead, confirms it under 待确认', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const cz = await apiAs(baseURL, 'caizheng')
  const { lines } = await taskLines(cz)
  // the task's third line (区卫计局 leads, 区财政局 related), not yet reported this quarter
  const line = lines[2]
  expect(line.lead.name).toBe('区卫计局')
  const unit = await myUnit(cz)
  expect(unit.name).toBe('区财政局')
  const quarter = currentQuarter()

  // 区财政局's liaison on a phone
  const phone = await context(browser, baseURL, true)
  const p = await phone.newPage()
  await useChinese(p)
  await login(p, 'caizheng')
  await p.goto('/plan/progress/mine')
  await expect(p.getByTestId('my-unit')).toHaveText('区财政局')
  const card = p.locator(`[data-testid="my-line"][data-line-id="${line.id}"]`)
  await expect(card).toContainText(TASK)
  await expect(card.getByTestId('my-line-role')).toContainText('相关')
  // the card fits the phone's width
  const box = await card.boundingBox()
  expect(box!.width).toBeLessThanOrEqual(390)
  await card.getByTestId('report-open').click()
  const dialog = p.getByTestId('report-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('report-unit')).toHaveText('区财政局')
  // the current quarter is the default
  await expect(dialog.getByTestId('report-period')).toContainText('本季度')
  await dialog.getByTestId('report-percent').locator('input').fill('40')
  await dialog.getByTestId('report-percent').locator('input').blur()
  await dialog.getByTestId('report-narrative').fill('e2e 已安排镇卫生院养老区改造资金，完成40%。')
  await dialog.getByTestId('report-submit').click()
  await expect(dialog.getByTestId('report-saved')).toContainText('40%')
  // then the evidence: a photo
  await dialog.getByTestId('report-file-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
  await expect(dialog.getByTestId('report-file')).toContainText('现场照片.png')
  await dialog.getByTestId('report-done').click()
  await expect(dialog).toBeHidden()
  await expect(card.getByTestId('my-line-latest')).toContainText('40%')
  await expect(card.getByTestId('my-line-report-status')).toHaveText('待确认')

  const mine = (await lineReports(cz, line.id)).find((r) => r.unit_id === unit.id && r.period === quarter)
  expect(mine, 'the report of the current quarter').toBeTruthy()
  expect(mine!.percent).toBe(40)
  expect(mine!.status).toBe('submitted')

  // 区卫计局's liaison at a desk: the report waits under 待确认, with the photo
  const desk = await context(browser, baseURL, false)
  const w = await desk.newPage()
  await useChinese(w)
  await login(w, 'weiji')
  const item = await pendingReport(w, mine!.id)
  await expect(w.getByTestId('tab-pending')).toBeVisible()
  await expect(item.getByTestId('pending-unit')).toHaveText('区财政局')
  await expect(item.getByTestId('pending-percent')).toHaveText('40%')
  await expect(item.getByTestId('report-file')).toContainText('现场照片.png')
  await item.getByTestId('pending-confirm').click()
  const review = w.getByTestId('review-dialog')
  await expect(review).toBeVisible()
  await review.getByTestId('review-submit').click()
  await expect(review).toBeHidden()
  await expect(w.locator(`[data-testid="pending-report"][data-report-id="${mine!.id}"]`)).toHaveCount(0)

  // confirmed: on the server, and on 区财政局's phone
  const after = (await lineReports(cz, line.id)).find((r) => r.id === mine!.id)!
  expect(after.status).toBe('confirmed')
  await p.reload()
  await expect(card.getByTestId('my-line-report-status')).toHaveText('已确认')
  // a confirmed quarter cannot be reported again
  await card.getByTestId('report-open').click()
  await expect(dialog.getByTestId('report-existing')).toContainText('已被牵头单位确认')
  await expect(dialog.getByTestId('report-submit')).toBeDisabled()
  await phone.close()
  await desk.close()
  await cz.dispose()
})

test('returning a report needs a note: without one the error shows at the note, nothing changes', async ({ browser, baseURL }) => {
  test.setTimeout(90_000)
  const cz = await apiAs(baseURL, 'caizheng')
  const { lines } = await taskLines(cz)
  const line = lines[1]
  const unit = await myUnit(cz)
  const res = await cz.post(`/api/v1/plan/lines/${line.id}/reports`, { data: { unit_id: unit.id, period: currentQuarter(), percent: 30, narrative: 'e2e 资金已拨付三成' } })
  expect(res.status(), await res.text()).toBe(201)
  const report: Report = await res.json()

  const desk = await context(browser, baseURL, false)
  const w = await desk.newPage()
  await useChinese(w)
  await login(w, 'weiji')
  const item = await pendingReport(w, report.id)
  await item.getByTestId('pending-return').click()
  const review = w.getByTestId('review-dialog')
  await expect(review).toBeVisible()
  // no note: the server refuses, the message stands under the note
  await review.getByTestId('review-submit').click()
  const noteError = review.getByTestId('review-note-item').locator('.el-form-item__error')
  await expect(noteError).toContainText('原因')
  await expect(review).toBeVisible()
  expect((await lineReports(cz, line.id)).find((r) => r.id === report.id)!.status).toBe('submitted')
  // with the note it goes back to 区财政局
  await review.getByTestId('review-note').fill('请补充拨付文件')
  await expect(noteError).toHaveCount(0)
  await review.getByTestId('review-submit').click()
  await expect(review).toBeHidden()
  await expect(w.locator(`[data-testid="pending-report"][data-report-id="${report.id}"]`)).toHaveCount(0)
  const back = (await lineReports(cz, line.id)).find((r) => r.id === report.id)!
  expect(back.status).toBe('returned')
  expect(back.review_note).toBe('请补充拨付文件')

  // 区财政局 sees the note on its task
  const phone = await context(browser, baseURL, true)
  const p = await phone.newPage()
  await useChinese(p)
  await login(p, 'caizheng')
  await p.goto('/plan/progress/mine')
  const card = p.locator(`[data-testid="my-line"][data-line-id="${line.id}"]`)
  await expect(card.getByTestId('my-line-report-status')).toHaveText('已退回')
  await expect(card.getByTestId('my-line-return-note')).toContainText('请补充拨付文件')
  await phone.close()
  await desk.close()
  await cz.dispose()
})

/** Hundredths as the console shows them: 4000 → "40", 3125 → "31.25". */
function quantity(h: number): string {
  const s = String(Math.abs(h)).padStart(3, '0')
  const frac = s.slice(-2).replace(/0+$/, '')
  return (h < 0 ? '-' : '') + s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? '.' + frac : '')
}

test('the district reads the status counts and the live 每千名老年人养老床位 beside its target', async ({ page, baseURL }) => {
  const district = await apiAs(baseURL, 'district')
  const { planId } = await taskLines(district)
  const status = await (await district.get(`/api/v1/plan/plans/${planId}/status`)).json()
  const indicators = await (await district.get(`/api/v1/plan/plans/${planId}/indicators`)).json()
  const beds = indicators.find((x: { code: string }) => x.code === 'beds_per_1000')
  expect(beds, 'the demo plan has the beds indicator').toBeTruthy()
  expect(beds.source).toBe('live')
  expect(beds.value_hundredths, 'the platform holds beds and elderly').not.toBeNull()

  await useChinese(page)
  await login(page, 'district')
  await page.goto('/plan/progress/status')
  const counts = page.getByTestId('status-counts')
  await expect(counts).toBeVisible()
  for (const s of ['on_track', 'at_risk', 'overdue', 'done']) await expect(page.getByTestId('status-count-' + s).getByTestId('status-count-value')).toHaveText(String(status.counts[s]))
  await expect(page.getByTestId('status-count-all')).toContainText(String(status.lines.length))
  await expect(page.getByTestId('status-table').locator('.el-table__body tr')).toHaveCount(status.lines.length)
  // a count filters the lines
  if (status.counts.done > 0) {
    await page.getByTestId('status-count-done').click()
    await expect(page.getByTestId('status-table').locator('.el-table__body tr')).toHaveCount(status.counts.done)
    await expect(page.getByTestId('status-line-status').first()).toHaveText('已完成')
  }

  await page.getByTestId('menu-pl-progress-indicators').click()
  await expect(page).toHaveURL(/\/plan\/progress\/indicators/)
  const card = page.locator('[data-testid="indicator-card"][data-code="beds_per_1000"]')
  await expect(card.getByTestId('indicator-name')).toContainText('每千名老年人养老床位')
  await expect(card.getByTestId('indicator-source-tag')).toHaveText('平台实时')
  await expect(card.getByTestId('indicator-target')).toHaveText(quantity(beds.target_hundredths) + beds.unit)
  await expect(card.getByTestId('indicator-value')).toHaveText(quantity(beds.value_hundredths) + beds.unit)
  await expect(card.getByTestId('indicator-met')).toHaveText(beds.met ? '已达标' : '未达标')
  // the figure of each town
  if (beds.detail.length) {
    await card.getByTestId('indicator-detail-toggle').click()
    await expect(card.getByTestId('indicator-detail')).toContainText(beds.detail[0].name)
  }
  await district.dispose()
})

// `npm run screenshots`: 我的任务 (with its dialogs) and 指标监测 at 1440x900 and 390x844, to web/screenshots/.
const SIZES = [
  { tag: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
  { tag: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
]
for (const size of SIZES) {
  test.describe(`plan progress screens ${size.tag} @screens`, () => {
    test.use({ viewport: size.viewport, isMobile: size.mobile, hasTouch: size.mobile, deviceScaleFactor: 1 })
    test(`plan progress pages ${size.tag} @screens`, async ({ page, baseURL }) => {
      test.setTimeout(120_000)
      // a report of 区财政局 waiting for 区卫计局 (the previous quarter, so the tests' current one stays free)
      const cz = await apiAs(baseURL, 'caizheng')
      const { lines } = await taskLines(cz)
      const unit = await myUnit(cz)
      const [y, q] = currentQuarter().split('-Q').map(Number)
      const previous = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`
      const waiting = (await lineReports(cz, lines[0].id)).find((r) => r.unit_id === unit.id && r.period === previous)
      if (!waiting || waiting.status !== 'confirmed') {
        const res = await cz.post(`/api/v1/plan/lines/${lines[0].id}/reports`, { data: { unit_id: unit.id, period: previous, percent: 70, narrative: '区养老中心新楼建设资金已拨付七成，旧楼改造资金全部到位。' } })
        expect(res.status(), await res.text()).toBe(201)
      }
      await cz.dispose()
      const fs = await import('node:fs')
      const path = await import('node:path')
      const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'screenshots')
      fs.mkdirSync(out, { recursive: true })
      const shot = async (name: string, fullPage = true) => {
        await page.waitForLoadState('networkidle')
        await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 15000 })
        await page.waitForTimeout(500)
        await page.screenshot({ path: path.join(out, `${name}-${size.tag}.png`), fullPage, animations: 'disabled' })
      }
      await useChinese(page)
      await login(page, 'weiji')
      await page.goto('/plan/progress/mine')
      await expect(page.getByTestId('my-line').first()).toBeVisible()
      await shot('130-plan-my-tasks')
      await page.getByTestId('my-line').first().getByTestId('report-open').click()
      await expect(page.getByTestId('report-dialog')).toBeVisible()
      await page.waitForTimeout(400)
      await shot('131-plan-report-dialog', false)
      await page.keyboard.press('Escape')
      await page.getByTestId('tab-pending').click()
      await expect(page.getByTestId('pending-report').first()).toBeVisible()
      await shot('132-plan-pending')
      await login(page, 'district')
      await page.goto('/plan/progress/indicators')
      await expect(page.getByTestId('indicator-card').first()).toBeVisible()
      await page.locator('[data-testid="indicator-card"][data-code="beds_per_1000"]').getByTestId('indicator-detail-toggle').click()
      await shot('133-plan-indicators')
      await page.goto('/plan/progress/status')
      await expect(page.getByTestId('status-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot('134-plan-status')
      await page.goto('/plan/progress/reminders')
      await shot('135-plan-reminders')
      await page.goto('/plan/progress/report')
      await expect(page.getByTestId('progress-report-line').first()).toBeVisible()
      await shot('136-plan-progress-report')
    })
  })
}
