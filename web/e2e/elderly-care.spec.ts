import { test, expect, request as pwRequest } from '@playwright/test'
import { PASSWORD, login, useChinese } from './helpers'

// 居家养老服务: the provider's phone page against the demo (account `provider`, bound to the demo's first provider,
// with orders dispatched for today), then the town officer's list.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

/** 张三 → 张*, 张三丰 → 张*丰 (core::mask::mask_name). */
function maskName(s: string): string {
  const c = [...s.trim()]
  if (c.length <= 1) return '*'
  if (c.length === 2) return c[0] + '*'
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1]
}

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

test('a provider serves an order on the phone and the town sees it confirmed', async ({ page, browser, baseURL }) => {
  await useChinese(page)
  await login(page, 'provider')
  // a provider's account lands on its own orders
  await expect(page).toHaveURL(/\/elderly\/care\/my-orders$/)
  const cards = page.getByTestId('mo-card')
  await expect(cards.first()).toBeVisible()

  // only its own orders: what the page lists is what the API gives this account, all of its provider
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  expect(me.role).toBe('provider')
  expect(me.provider_id).toBeTruthy()
  const today = await page.evaluate(() => {
    const d = new Date()
    const p = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
  })
  const mine = await (await page.request.get(`/api/v1/elderly/care/orders?date=${today}&page_size=200`)).json()
  expect(mine.items.length).toBeGreaterThan(0)
  expect(mine.items.every((o: { provider_id: number }) => o.provider_id === me.provider_id)).toBe(true)
  await expect(cards).toHaveCount(mine.items.length)
  // another provider's order is not found for this account
  const officer = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Requested-With': 'minzheng' } })
  expect((await officer.post('/api/v1/auth/login', { data: { username: 'district', password: PASSWORD } })).status()).toBe(200)
  const all = await (await officer.get('/api/v1/elderly/care/orders?page_size=200')).json()
  const other = all.items.find((o: { provider_id: number }) => o.provider_id !== me.provider_id)
  expect(other, 'the demo has orders of another provider').toBeTruthy()
  expect((await page.request.get(`/api/v1/elderly/care/orders/${other.id}`)).status()).toBe(404)
  await officer.dispose()

  // nothing wider than the phone
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)

  // open a dispatched order of today
  const card = cards.filter({ has: page.getByTestId('mo-status').filter({ hasText: '已派单' }) }).first()
  await expect(card).toBeVisible()
  const orderId = await card.getAttribute('data-order-id')
  const elder = (await card.getByTestId('mo-name').textContent())?.trim() ?? ''
  await card.click()
  await expect(page.getByTestId('mo-detail-name')).toHaveText(elder)
  await expect(page.getByTestId('mo-detail-status')).toHaveText('已派单')

  // start: the place typed (no position in this browser)
  await page.getByTestId('mo-place').fill('老人家中（客厅）')
  await page.getByTestId('mo-start').click()
  await expect(page.getByTestId('mo-detail-status')).toHaveText('服务中')
  // a photo of the service, then the end
  await page.getByTestId('mo-photo').setInputFiles({ name: 'service.png', mimeType: 'image/png', buffer: PNG })
  await expect(page.getByText('上传照片 (1)')).toBeVisible()
  await page.getByTestId('mo-place').fill('老人家中（客厅）')
  await page.getByTestId('mo-end').click()
  await expect(page.getByTestId('mo-detail-status')).toHaveText('已完成待确认')

  // the confirmation: a name and relation are needed
  await page.getByTestId('mo-confirm').click()
  await expect(page.locator('.el-form-item__error').first()).toBeVisible()
  await page.getByTestId('mo-confirmer').fill(elder)
  await page.getByTestId('mo-relation').fill('本人')
  await page.getByTestId('mo-confirm').click()
  await expect(page.getByTestId('mo-detail-status')).toHaveText('已确认')
  await expect(page.getByTestId('mo-confirmed')).toContainText(elder)

  // the town officer sees it confirmed, with who confirmed
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const town = await ctx.newPage()
  await useChinese(town)
  await login(town, 'huicheng')
  await town.goto('/elderly/care/orders')
  const row = town.getByTestId('order-table').locator('.el-table__body tr', { hasText: `#${orderId}` })
  await expect(row).toBeVisible()
  await expect(row.getByTestId('order-row-status')).toHaveText('已确认')
  // names are masked for officers (张三丰 → 张*丰)
  await expect(row).toContainText(`${maskName(elder)}（本人）`)
  await row.click()
  await expect(town.getByTestId('detail-status')).toHaveText('已确认')
  await expect(town.getByTestId('detail-confirmed-by')).toContainText('provider')
  await ctx.close()
})
