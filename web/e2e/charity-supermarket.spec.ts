import fs from 'node:fs'
import { test, expect, type APIRequestContext, type Page } from '@playwright/test'
import { login, useChinese } from './helpers'
import { VILLAGE } from './assistance-helpers'
import { CLERK, apiAs, yuan } from './charity-helpers'

// 慈善超市 (docs/charity-supermarket.md): the clerk redeems goods for a household's points at the counter
// (a phone), receives purchases, writes off damaged goods and reads the monthly statement. Every test makes
// its own items, lots and points through the API (docs/api.md, "Charity supermarket") and works the
// expected figures out itself, so the demo's numbers do not matter.

const SM = '/api/v1/charity/supermarket'

/** A code and a name suffix unique to this run. */
const unique = () => (Date.now().toString(36) + Math.floor(Math.random() * 1296).toString(36)).toUpperCase()

interface Item { id: number; code: string; name: string; unit: string; points_price: number; unit_value_fen: number }

/** A new active item of the catalogue. */
async function newItem(api: APIRequestContext, label: string, pointsPrice: number, unitValueFen: number, unit = '袋'): Promise<Item> {
  const u = unique()
  const res = await api.post(`${SM}/items`, {
    data: { code: `E2E${u}`, name: `e2e${label}${u}`, category: 'food', unit, points_price: pointsPrice, unit_value_fen: unitValueFen },
  })
  expect(res.status(), await res.text()).toBe(201)
  const item = await res.json()
  expect(item.code).toBe(`E2E${u}`)
  return item
}

/** A purchased lot of `item`; returns the lot. */
async function purchase(api: APIRequestContext, item: Item, quantity: number, unitValueFen: number, expiresOn?: string) {
  const res = await api.post(`${SM}/lots`, { data: { item_id: item.id, quantity, unit_value_fen: unitValueFen, supplier: 'e2e供应商', expires_on: expiresOn } })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as { id: number; remaining: number; quantity: number }
}

/** The stock row of one item. */
async function stockOf(api: APIRequestContext, item: Item) {
  const res = await api.get(`${SM}/stock`)
  expect(res.status()).toBe(200)
  const row = (await res.json()).items.find((r: { id: number }) => r.id === item.id)
  expect(row, `${item.code} in the stock`).toBeTruthy()
  return row as { in_stock: number; issuable: number; value_fen: number; expiring_soon: number; next_expiry: string | null; warning: string | null }
}

/** The server's today (YYYY-MM-DD, its local date: the e2e server runs in Asia/Shanghai like the browser). */
async function serverToday(api: APIRequestContext): Promise<string> {
  const res = await api.get(`${SM}/stock`)
  expect(res.status()).toBe(200)
  return (await res.json()).date
}

function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function balanceOf(api: APIRequestContext, householdId: number) {
  const res = await api.get(`${SM}/households/${householdId}`)
  expect(res.status()).toBe(200)
  return (await res.json()) as { balance: number; redemptions: { id: number; points: number }[] }
}

/** Chooses an option of an open Element Plus select by its text. */
async function chooseOption(page: Page, text: string) {
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text })
  await expect(option).toHaveCount(1)
  await option.click()
}

/** Types a value into an el-input-number and leaves it (it takes the value on change). */
async function setNumber(page: Page, testid: string, n: number) {
  const input = page.getByTestId(testid).locator('input')
  await input.fill(String(n))
  await input.blur()
  await expect(input).toHaveValue(String(n))
}

const confirmBox = (page: Page) => page.locator('.el-message-box:visible')

test.describe('at the counter on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the clerk redeems two items for a household: the balance falls by price × quantity; beyond the balance is refused', async ({ page, baseURL }) => {
    test.setTimeout(90_000)
    const clerk = await apiAs(baseURL, CLERK)
    const district = await apiAs(baseURL, 'district')

    // points of our own: a programme for dibao households, 300 a household, issued this month for 北门社区
    const today = await serverToday(clerk)
    const prog = await clerk.post(`${SM}/programmes`, {
      data: { name: `e2e柜台积分${unique()}`, eligible: ['dibao'], basis: 'per_household', points: 300, valid_months: 1, note: 'e2e' },
    })
    expect(prog.status(), await prog.text()).toBe(201)
    const programme = await prog.json()
    const issued = await clerk.post(`${SM}/programmes/${programme.id}/issues`, { data: { period: today.slice(0, 7), region_code: VILLAGE } })
    expect(issued.status(), await issued.text()).toBe(201)
    const issue = await issued.json()
    expect(issue.households, 'the demo has dibao households in 北门社区').toBeGreaterThan(0)
    expect(issue.points).toBe(300 * issue.households)
    const vouchers = await clerk.get(`${SM}/vouchers?programme_id=${programme.id}&page_size=1`)
    expect(vouchers.status()).toBe(200)
    const [voucher] = (await vouchers.json()).items
    expect(voucher.points).toBe(300)
    expect(voucher.remaining).toBe(300)
    const householdId: number = voucher.household_id
    // the clerk finds the household by the head's ID card; the civil-affairs officer's unmasked record gives it
    const hh = await district.get(`/api/v1/households/${householdId}?unmask=true`)
    expect(hh.status()).toBe(200)
    const headId: string = (await hh.json()).head_id_number
    expect(headId).toMatch(/^\d{17}[\dX]$/)

    // the household's balance: our 300 and whatever the demo gave it
    const b0 = (await balanceOf(clerk, householdId)).balance
    expect(b0).toBeGreaterThanOrEqual(300)

    // two items of our own with stock: rice at 7 points, oil at 11
    const rice = await newItem(clerk, '柜台大米', 7, 500)
    const oil = await newItem(clerk, '柜台食用油', 11, 800, '瓶')
    await purchase(clerk, rice, Math.ceil(b0 / 7) + 20, 500, addDays(today, 200))
    await purchase(clerk, oil, 10, 800)
    const riceStock0 = (await stockOf(clerk, rice)).in_stock

    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    await useChinese(page)
    await login(page, CLERK)
    await page.goto('/charity/supermarket/counter')
    await expect(page.getByTestId('sm-counter-page')).toBeVisible()
    expect(await overflow()).toBeLessThanOrEqual(0)

    // the household by the head's full ID number: one match, its balance shown
    await page.getByTestId('sm-counter-household').locator('input').fill(headId)
    const option = page.locator('.el-select-dropdown__item:visible')
    await expect(option).toHaveCount(1)
    await expect(option).toContainText(String(b0))
    await option.click()
    await expect(page.getByTestId('sm-balance')).toHaveText(String(b0))

    // 3 bags of rice (21 points) and 2 bottles of oil (22 points): 43 points
    await page.getByTestId('sm-counter-add').click()
    await page.getByTestId('sm-line-0-item').click()
    await page.getByTestId('sm-line-0-item').locator('input').fill(rice.name)
    await chooseOption(page, rice.name)
    await setNumber(page, 'sm-line-0-qty', 3)
    await expect(page.getByTestId('sm-line-0-points')).toHaveText(String(3 * 7))
    await page.getByTestId('sm-counter-add').click()
    await page.getByTestId('sm-line-1-item').click()
    await page.getByTestId('sm-line-1-item').locator('input').fill(oil.name)
    await chooseOption(page, oil.name)
    await setNumber(page, 'sm-line-1-qty', 2)
    await expect(page.getByTestId('sm-line-1-points')).toHaveText(String(2 * 11))
    const spent = 3 * 7 + 2 * 11
    await expect(page.getByTestId('sm-total')).toHaveText(String(spent))
    await expect(page.getByTestId('sm-left')).toHaveText(String(b0 - spent))
    expect(await overflow()).toBeLessThanOrEqual(0)

    await page.getByTestId('sm-counter-confirm').click()
    await expect(confirmBox(page)).toContainText(`共 ${spent} 分`)
    await confirmBox(page).locator('.el-message-box__btns .el-button--primary').click()
    const b1 = b0 - spent
    await expect(page.locator('.el-message--success')).toContainText(`兑换成功，剩余 ${b1} 分`)
    await expect(page.getByTestId('sm-balance')).toHaveText(String(b1))
    await expect(page.getByTestId('sm-line-0')).toHaveCount(0)
    await expect(page.getByTestId('sm-counter-recent')).toContainText(`${rice.name}×3`)
    await expect(page.getByTestId('sm-counter-recent')).toContainText(`${oil.name}×2`)
    // stored: the balance and the goods
    const after = await balanceOf(clerk, householdId)
    expect(after.balance).toBe(b1)
    expect(after.redemptions[0].points).toBe(spent)
    expect((await stockOf(clerk, rice)).in_stock).toBe(riceStock0 - 3)
    expect(await overflow()).toBeLessThanOrEqual(0)

    // more rice than the points pay for: the counter says so, will not confirm, and the balance stays
    const over = Math.floor(b1 / 7) + 1
    await page.getByTestId('sm-counter-add').click()
    await page.getByTestId('sm-line-0-item').click()
    await page.getByTestId('sm-line-0-item').locator('input').fill(rice.name)
    await chooseOption(page, rice.name)
    await setNumber(page, 'sm-line-0-qty', over)
    await expect(page.getByTestId('sm-line-0-points')).toHaveText(String(over * 7))
    await expect(page.getByTestId('sm-over')).toBeVisible()
    await expect(page.getByTestId('sm-over')).toContainText('积分不足')
    await expect(page.getByTestId('sm-left')).toHaveText(String(b1 - over * 7))
    await expect(page.getByTestId('sm-counter-confirm')).toBeDisabled()
    await expect(page.getByTestId('sm-balance')).toHaveText(String(b1))
    expect(await overflow()).toBeLessThanOrEqual(0)

    // within the balance the page shows, but another counter has just spent 11 of the points: the server
    // refuses the whole redemption with what it needs and what is left, and nothing is taken
    const ok = Math.floor(b1 / 7)
    await setNumber(page, 'sm-line-0-qty', ok)
    await expect(page.getByTestId('sm-over')).toHaveCount(0)
    const other = await clerk.post(`${SM}/redemptions`, { data: { household_id: householdId, lines: [{ item_id: oil.id, quantity: 1 }] } })
    expect(other.status(), await other.text()).toBe(201)
    const b2 = b1 - 11
    expect((await other.json()).balance).toBe(b2)
    expect(ok * 7).toBeGreaterThan(b2)
    const riceStock1 = (await stockOf(clerk, rice)).in_stock
    await page.getByTestId('sm-counter-confirm').click()
    await confirmBox(page).locator('.el-message-box__btns .el-button--primary').click()
    await expect(page.getByTestId('sm-lines-error')).toHaveText(`积分不足：本次需${ok * 7}分，可用${b2}分`)
    const refused = await balanceOf(clerk, householdId)
    expect(refused.balance).toBe(b2)
    expect(refused.redemptions.length).toBe(after.redemptions.length + 1)
    expect((await stockOf(clerk, rice)).in_stock).toBe(riceStock1)
    expect(await overflow()).toBeLessThanOrEqual(0)

    // the same beyond-the-balance request straight to the API: refused at `lines`, nothing written
    const direct = await clerk.post(`${SM}/redemptions`, { data: { household_id: householdId, lines: [{ item_id: rice.id, quantity: over }] } })
    expect(direct.status()).toBe(422)
    expect(JSON.stringify(await direct.json())).toContain('"lines"')
    expect((await balanceOf(clerk, householdId)).balance).toBe(b2)
    await clerk.dispose()
    await district.dispose()
  })
})

test('a purchase expiring within 30 days is flagged on the stock page; a damaged write-off needs a note and lowers the stock', async ({ page, baseURL }) => {
  const clerk = await apiAs(baseURL, CLERK)
  const today = await serverToday(clerk)
  const expires = addDays(today, 10)
  const milk = await newItem(clerk, '临期牛奶', 5, 1000, '箱')

  await useChinese(page)
  await login(page, CLERK)
  // 采购入库: 12 boxes at 12.50, the last day to hand them out in 10 days
  await page.goto('/charity/supermarket/stock-in')
  await page.getByTestId('sm-in-item').click()
  await page.getByTestId('sm-in-item').locator('input').fill(milk.code)
  await chooseOption(page, `${milk.code} ${milk.name}`)
  await setNumber(page, 'sm-in-quantity', 12)
  await page.getByTestId('sm-in-value').fill('12.50')
  // (the date picker does not pass a data-testid on: its form item has it)
  const date = page.getByTestId('sm-in-expires-item').getByRole('combobox')
  await date.fill(expires)
  await date.press('Enter')
  await expect(date).toHaveValue(expires)
  await page.getByTestId('sm-in-supplier').fill('e2e粮油批发部')
  await expect(page.getByTestId('sm-in-amount')).toHaveText(yuan(12 * 1250))
  await page.getByTestId('sm-in-submit').click()
  await expect(page.locator('.el-message--success')).toContainText('已入库')

  // stored as one purchased lot
  const lots = await clerk.get(`${SM}/lots?item_id=${milk.id}`)
  expect(lots.status()).toBe(200)
  const [lot] = (await lots.json()).items
  expect(lot).toMatchObject({ source: 'purchase', quantity: 12, remaining: 12, unit_value_fen: 1250, expires_on: expires, supplier: 'e2e粮油批发部', warning: 'soon' })

  // the stock page: the item with the expiring warning, 12 in stock, all 12 expiring, worth 150.00
  await page.goto('/charity/supermarket/stock')
  await expect(page.getByTestId('sm-stock-table')).toBeVisible()
  await expect(page.getByTestId(`sm-warning-${milk.code}`)).toHaveText('临期')
  await expect(page.getByTestId(`sm-in-stock-${milk.code}`)).toHaveText('12 箱')
  await expect(page.getByTestId(`sm-soon-${milk.code}`)).toHaveText('12')
  await expect(page.getByTestId(`sm-next-expiry-${milk.code}`)).toHaveText(expires)
  await expect(page.getByTestId(`sm-value-${milk.code}`)).toHaveText(yuan(12 * 1250))
  // "only warnings" keeps it
  await page.getByTestId('sm-only-warnings').click()
  await expect(page.getByTestId(`sm-warning-${milk.code}`)).toBeVisible()

  // write off 5 boxes as damaged
  await page.getByTestId(`sm-lots-${milk.code}`).click()
  await expect(page.getByTestId(`sm-lot-remaining-${lot.id}`)).toHaveText('12/12')
  await page.getByTestId(`sm-writeoff-${lot.id}`).click()
  const dialog = page.getByTestId('sm-writeoff-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('sm-writeoff-reason').getByText('损坏变质').click()
  await setNumber(page, 'sm-writeoff-qty', 5)
  // without a note the server refuses it, under the note, and nothing changes
  await page.getByTestId('sm-writeoff-confirm').click()
  await expect(page.getByTestId('sm-writeoff-note-item').locator('.el-form-item__error')).toContainText('须写明情况')
  expect((await stockOf(clerk, milk)).in_stock).toBe(12)
  await page.getByTestId('sm-writeoff-note').fill('运输途中挤压破损')
  await page.getByTestId('sm-writeoff-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId(`sm-lot-remaining-${lot.id}`)).toHaveText('7/12')
  await expect(page.getByTestId(`sm-in-stock-${milk.code}`)).toHaveText('7 箱')
  await expect(page.getByTestId(`sm-value-${milk.code}`)).toHaveText(yuan(7 * 1250))
  const row = await stockOf(clerk, milk)
  expect(row.in_stock).toBe(12 - 5)
  expect(row.value_fen).toBe(7 * 1250)
  await clerk.dispose()
})

test('the monthly statement shows this month’s purchase in 采购入库 with its value and exports as .xlsx', async ({ page, baseURL }) => {
  const clerk = await apiAs(baseURL, CLERK)
  const month = (await serverToday(clerk)).slice(0, 7)
  const flour = await newItem(clerk, '月报面粉', 9, 2000)
  // 8 bags at 23.40: 187.20
  await purchase(clerk, flour, 8, 2340)

  await useChinese(page)
  await login(page, CLERK)
  await page.goto('/charity/supermarket/statement')
  await expect(page.getByTestId('sm-statement-table')).toBeVisible()
  await expect(page.getByTestId('sm-statement-month-item').getByRole('combobox')).toHaveValue(month)
  const cell = (flow: string, what: 'qty' | 'value') => page.getByTestId(`sm-st-${flour.code}-${flow}-${what}`)
  // the column is the one headed 采购入库
  await expect(page.getByTestId('sm-statement-table').locator('thead')).toContainText('采购入库')
  await expect(cell('in_purchase', 'qty')).toHaveText('8')
  await expect(cell('in_purchase', 'value')).toHaveText(yuan(8 * 2340))
  await expect(cell('opening', 'qty')).toHaveText('0')
  await expect(cell('in_donation', 'qty')).toHaveText('0')
  await expect(cell('redeemed', 'qty')).toHaveText('0')
  await expect(cell('closing', 'qty')).toHaveText('8')
  await expect(cell('closing', 'value')).toHaveText(yuan(8 * 2340))

  const download = page.waitForEvent('download')
  await page.getByTestId('sm-statement-export').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
  expect(file.suggestedFilename()).toContain(month)
  // an .xlsx is a zip
  expect(fs.readFileSync(await file.path()).subarray(0, 2).toString('latin1')).toBe('PK')
  await clerk.dispose()
})

test('district and town officers read the supermarket but cannot redeem, receive or write off', async ({ page, baseURL }) => {
  for (const user of ['district', 'huicheng']) {
    const api = await apiAs(baseURL, user)
    const stock = await api.get(`${SM}/stock`)
    expect(stock.status()).toBe(200)
    const any = (await stock.json()).items.find((r: { in_stock: number }) => r.in_stock > 0)
    expect(any, 'the demo has goods in stock').toBeTruthy()
    const res = await api.post(`${SM}/lots`, { data: { item_id: any.id, quantity: 1, unit_value_fen: 100, supplier: 'e2e' } })
    expect(res.status(), `${user} receives goods`).toBe(403)
    const redeem = await api.post(`${SM}/redemptions`, { data: { household_id: 1, lines: [{ item_id: any.id, quantity: 1 }] } })
    expect(redeem.status(), `${user} redeems`).toBe(403)
    const lots = await api.get(`${SM}/lots?item_id=${any.id}&status=in_stock`)
    expect(lots.status()).toBe(200)
    const [lot] = (await lots.json()).items
    const writeOff = await api.post(`${SM}/lots/${lot.id}/write-off`, { data: { reason: 'damaged', quantity: 1, note: 'e2e' } })
    expect(writeOff.status(), `${user} writes off`).toBe(403)
    await api.dispose()

    await page.context().clearCookies()
    await useChinese(page)
    await login(page, user)
    await page.goto('/charity/supermarket/stock')
    await expect(page.getByTestId('sm-stock-table')).toBeVisible()
    await expect(page.getByTestId('sm-stock-page').getByRole('button', { name: '采购入库' })).toHaveCount(0)
    await page.getByTestId(`sm-lots-${any.code}`).click()
    const lotTable = page.getByTestId('sm-lot-table')
    await expect(lotTable.locator('[data-testid^="sm-lot-remaining-"]').first()).toBeVisible()
    await expect(lotTable.locator('[data-testid^="sm-writeoff-"]')).toHaveCount(0)
    await expect(page.getByTestId('menu-ch-sm-counter')).toHaveCount(0)
    await page.goto('/charity/supermarket/counter')
    await expect(page.getByTestId('sm-counter-page')).toHaveCount(0)
    await expect(page).toHaveURL(/forbidden/)
  }
})
