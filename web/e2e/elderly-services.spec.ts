import { test, expect, request as pwRequest } from '@playwright/test'
import { PASSWORD, login, useChinese } from './helpers'

// 平安钟 24小时值守: a call comes in through the platform's API, the duty board shows it open, and an officer
// acknowledges it and closes it from the board; the API then reports the response time.
test('the duty board shows an open alarm and an officer handles it', async ({ page, baseURL }) => {
  const api = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Requested-With': 'minzheng' } })
  expect((await api.post('/api/v1/auth/login', { data: { username: 'district', password: PASSWORD } })).status()).toBe(200)
  const devices = await (await api.get('/api/v1/elderly/emergency/devices?status=active&page_size=1')).json()
  expect(devices.items.length, 'the demo has active devices').toBeGreaterThan(0)
  const raised = await api.post('/api/v1/elderly/emergency/alarms', { data: { device_id: devices.items[0].id, kind: 'fall' } })
  expect(raised.status()).toBe(201)
  const alarm = await raised.json()

  await useChinese(page)
  await login(page, 'district')
  await page.goto('/elderly/services/duty')
  const card = page.locator(`[data-testid="duty-alarm"][data-alarm-id="${alarm.id}"]`)
  await expect(card).toBeVisible()
  await expect(card).toContainText('待响应')
  await expect(card).toContainText('跌倒报警')
  // the unanswered come first
  await expect(page.getByTestId('duty-alarm').first()).toContainText('待响应')
  const open = Number(await page.getByTestId('duty-open').locator('.n').innerText())
  expect(open).toBeGreaterThan(0)

  // acknowledge: the handler sees whom to call
  await card.getByTestId('duty-handle').click()
  const dialog = page.getByTestId('alarm-dialog')
  await expect(dialog.getByTestId('alarm-elder')).not.toContainText('*')
  await dialog.getByTestId('alarm-step-acknowledge').click()
  await dialog.getByTestId('alarm-save').click()
  await expect(dialog).toContainText('已响应')
  // then close it as resolved by phone
  await dialog.getByTestId('alarm-step-close').click()
  await dialog.getByTestId('alarm-outcome').click()
  await page.getByRole('option', { name: '电话处置' }).click()
  await dialog.getByTestId('alarm-note').fill('回拨确认老人无碍')
  await dialog.getByTestId('alarm-save').click()
  await expect(dialog).toBeHidden()
  await expect(card).toHaveCount(0)

  const after = await (await api.get(`/api/v1/elderly/emergency/alarms/${alarm.id}`)).json()
  expect(after.status).toBe('closed')
  expect(after.outcome).toBe('resolved_by_phone')
  expect(after.response_seconds).not.toBeNull()
  expect(after.steps.map((s: { step: string }) => s.step)).toEqual(['raise', 'acknowledge', 'close'])
  await api.dispose()
})

// 助餐登记 on a phone: the district officer picks the canteen and the diner, sees the subsidy with its tier
// before recording, records the meal, and it is in today's list with the same numbers.
test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  test('a meal is recorded with its tiered subsidy', async ({ page, baseURL }) => {
    const api = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Requested-With': 'minzheng' } })
    expect((await api.post('/api/v1/auth/login', { data: { username: 'district', password: PASSWORD } })).status()).toBe(200)
    const canteens = await (await api.get('/api/v1/elderly/canteens?status=active')).json()
    expect(canteens.items.length, 'the demo has canteens').toBeGreaterThan(0)
    const canteen = canteens.items[0]
    // an elder of the district aged 80+ (tier 1 or 2 of the priority list), unmasked to type the ID number
    const list = await (await api.get('/api/v1/elderly/emergency/priority?unmask=true&page_size=200&tier=2')).json()
    const elder = list.items[Math.floor(Math.random() * list.items.length)]
    const quote = await (await api.get(`/api/v1/elderly/canteens/${canteen.id}/quote?person_id=${elder.person_id}`)).json()

    await useChinese(page)
    await login(page, 'district')
    await page.goto('/elderly/services/meal')
    await page.getByTestId('meal-canteen').click()
    await page.getByRole('option', { name: canteen.name, exact: true }).click()
    await page.getByTestId('meal-person').locator('input').fill(elder.id_number)
    // the search lists the one person of that ID number (names masked in the list)
    const option = page.locator('.person-option:visible')
    await expect(option).toHaveCount(1)
    await option.click()
    const shown = page.getByTestId('meal-quote')
    await expect(shown).toBeVisible()
    const yuan = (f: number) => `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, '0')}`
    await expect(page.getByTestId('meal-subsidy')).toHaveText(yuan(quote.subsidy))
    await expect(page.getByTestId('meal-pays')).toHaveText(yuan(quote.elder_pays))
    // a slot nobody of the demo eats (the demo serves lunches only)
    await page.getByTestId('meal-slot').getByText('晚餐').click()
    await page.getByTestId('meal-record').click()
    await expect(page.getByText('已登记').first()).toBeVisible()
    const meals = await (await api.get(`/api/v1/elderly/canteens/meals?canteen_id=${canteen.id}&person_id=${elder.person_id}`)).json()
    const dinner = meals.items.find((m: { slot: string }) => m.slot === 'dinner')
    expect(dinner, 'the dinner is stored').toBeTruthy()
    expect([dinner.subsidy, dinner.paid_by_elder, dinner.tier]).toEqual([quote.subsidy, quote.elder_pays, quote.tier])
    await api.dispose()
  })
})
