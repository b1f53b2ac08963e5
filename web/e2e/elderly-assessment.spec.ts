import { test, expect } from '@playwright/test'
import { login, useChinese } from './helpers'
import { H, VILLAGE, apiLogin } from './assistance-helpers'

// 老年人能力评估 and 探访 (docs/api.md "Capability assessment and visits"), on a phone: the assessor
// answers the 26 items of GB/T 42195-2022 and sees the computed level; a village worker records a
// visit that was overdue.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

/** Worked by hand: self-care 23, motor 11, mental 21, perception 8; total 63 → 中度失能. */
const WORKED: Record<string, number> = {
  eating: 3, grooming: 3, bathing: 2, dressing_upper: 3, dressing_lower: 2, bladder: 3, bowel: 4, toileting: 3,
  bed_mobility: 4, bed_chair_transfer: 3, walking: 3, stairs: 1,
  time_orientation: 3, place_orientation: 3, person_orientation: 4, memory: 2, understanding: 3, expression: 3, aggression: 1, depression: 0, consciousness: 2,
  vision: 1, hearing: 1, daily_affairs: 2, transport: 1, social: 3,
}

async function noOverflow(page: import('@playwright/test').Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
}

test('the assessor fills the form on a phone and sees the computed level', async ({ page, request }) => {
  // an elder of the district, found with the assessor's own right to unmask
  await apiLogin(request, 'assessor')
  const res = await request.get('/api/v1/persons?age_min=70&age_max=90&alive=true&unmask=true&page_size=1', { headers: H })
  expect(res.status()).toBe(200)
  const elder = (await res.json()).items[0]
  expect(elder?.id_number).toBeTruthy()

  await useChinese(page)
  await login(page, 'assessor')
  await page.goto('/elderly/assess')
  await expect(page.getByTestId('assess-page')).toBeVisible()
  await expect(page.getByTestId('assess-group-self_care')).toBeVisible()
  await noOverflow(page)

  // nothing picked, nothing answered: the person and each item are marked
  await page.getByTestId('assess-submit').click()
  await expect(page.getByTestId('item-eating').locator('.el-form-item__error')).toBeVisible()

  await page.getByTestId('assess-person').click()
  await page.getByTestId('assess-person').locator('input').fill(elder.id_number)
  // the list shows the number masked: its last four digits find the option
  await page.locator('.el-select-dropdown__item').filter({ hasText: elder.id_number.slice(-4) }).first().click()
  await expect(page.getByTestId('assess-person-label')).toContainText(elder.name.slice(0, 1))

  for (const [code, score] of Object.entries(WORKED)) {
    await page.getByTestId(`opt-${code}-${score}`).click()
  }
  // subtotals as answered
  await expect(page.getByTestId('assess-sub-self_care')).toHaveText('23')
  await expect(page.getByTestId('assess-sub-motor')).toHaveText('11')
  await expect(page.getByTestId('assess-sub-mental')).toHaveText('21')
  await expect(page.getByTestId('assess-sub-perception')).toHaveText('8')
  await expect(page.getByTestId('assess-total')).toHaveText('63')
  await expect(page.getByTestId('assess-preview')).toHaveText('中度失能')
  await expect(page.getByTestId('item-eating').locator('.el-form-item__error')).toHaveCount(0)
  await noOverflow(page)

  await page.getByTestId('assess-submit').click()
  const result = page.getByTestId('assess-result')
  await expect(result).toBeVisible()
  await expect(page.getByTestId('assess-result-level')).toHaveText('中度失能')
  await expect(page.getByTestId('assess-result-total')).toHaveText('63 / 90')
  await expect(page.getByTestId('assess-explanation')).toContainText('总分 63 / 90 分，在 46–65 分之间')
  await expect(page.getByTestId('assess-explanation')).toContainText('个月后复评')
  await noOverflow(page)
})

test('a village worker records a visit that was overdue', async ({ page, request }) => {
  // an overdue plan in 北门 opened through the API (a category the demo does not use)
  await apiLogin(request, 'beimen')
  const res = await request.get(`/api/v1/persons?age_min=60&alive=true&region=${VILLAGE}&page_size=50`, { headers: H })
  expect(res.status()).toBe(200)
  const threeDaysAgo = new Date(Date.now() - 3 * 86400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  let plan: { id: number; next_due_on: string } | null = null
  for (const p of (await res.json()).items as { id: number }[]) {
    const r = await request.post(`/api/v1/elderly/persons/${p.id}/visit-plans`, { data: { category: 'disabled_elder', first_due_on: threeDaysAgo }, headers: H })
    if (r.status() === 200) {
      plan = await r.json()
      break
    }
    expect(r.status(), await r.text()).toBe(409)
  }
  expect(plan).not.toBeNull()

  await useChinese(page)
  await login(page, 'beimen')
  await page.goto('/elderly/visits')
  await expect(page.getByTestId('visit-table')).toBeVisible()
  await page.getByTestId('visit-open-' + plan!.id).click()
  await expect(page.getByTestId('visit-record-page')).toBeVisible()
  await expect(page.getByTestId('visit-plan-overdue')).toHaveText('逾期 3 天')
  await noOverflow(page)

  await page.getByTestId('visit-submit').click()
  await expect(page.getByTestId('visit-form').locator('.el-form-item__error')).toBeVisible()
  await page.getByTestId('visit-findings').fill('老人身体尚可，行动需拐杖，饮食正常')
  await page.getByTestId('visit-needs').fill('希望安装平安钟')
  await page.getByTestId('visit-submit').click()
  await expect(page.getByTestId('visit-history')).toContainText('老人身体尚可')
  await expect(page.getByTestId('visit-plan-overdue')).toHaveCount(0)
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const next = await page.getByTestId('visit-next-due').innerText()
  expect(next > today).toBeTruthy()
  await noOverflow(page)
})
