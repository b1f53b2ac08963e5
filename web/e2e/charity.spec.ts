import fs from 'node:fs'
import { test, expect, type Page } from '@playwright/test'
import { login, useChinese } from './helpers'
import { newHousehold } from './assistance-helpers'
import { CLERK, allocationCount, apiAs, donateToProject, funds, newProject, yuan } from './charity-helpers'

// 慈善公益信息平台: the charity clerk records donations and allocates money in the console; the public
// portal, without login, shows a donor where the donation went, recipients masked.

/** Chooses a registered household in the allocation form by its head's ID number. */
async function pickHousehold(page: Page, idNumber: string, householdId: number) {
  await page.getByTestId('allocation-household').locator('input').fill(idNumber)
  const option = page.locator('[data-testid="household-option"]:visible')
  await expect(option).toHaveCount(1)
  await expect(option).toContainText('#' + householdId)
  await option.click()
}

test('a donor traces a designated donation on the public portal: the allocation with its share, the recipient masked', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000)
  const clerk = await apiAs(baseURL, CLERK)
  const district = await apiAs(baseURL, 'district')
  // a new project, a donation of 500 yuan designated to it, and a household of the registry
  const project = await newProject(clerk)
  const donation = await donateToProject(clerk, project, 50_000)
  const hh = await newHousehold(district)

  // the clerk allocates 200 yuan through the project to the household; the preview shows the project's pool paying
  await useChinese(page)
  await login(page, CLERK)
  await page.goto(`/charity/allocations/new?project_id=${project.id}`)
  await expect(page.getByTestId('allocation-project')).toContainText(project.name)
  await pickHousehold(page, hh.head.id, hh.id)
  await page.getByTestId('allocation-amount').fill('200')
  await page.getByTestId('allocation-purpose').fill('e2e 助学金')
  await expect(page.getByTestId('preview-ok')).toBeVisible()
  await expect(page.getByTestId('preview-draws')).toContainText(project.name)
  await expect(page.getByTestId('preview-draws')).toContainText('200.00')
  await page.getByTestId('allocation-save').click()
  await expect(page).toHaveURL(/\/charity\/allocations\?created=\d+/)
  // the console's list masks the household's name too
  await expect(page.getByTestId('allocation-table')).toBeVisible()
  await expect(page.getByTestId('allocation-table')).not.toContainText(hh.head.name)

  // a donor, not logged in, searches the receipt code on the portal
  const anon = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
  const p = await anon.newPage()
  await p.goto('/portal')
  await expect(p.getByTestId('portal-totals')).toBeVisible()
  await p.getByTestId('portal-code').fill(donation.receipt_code)
  await p.getByTestId('portal-search').click()
  await expect(p).toHaveURL(new RegExp('/portal/trace/' + donation.receipt_code))
  await expect(p.getByTestId('trace-code')).toHaveText(donation.receipt_code)
  await expect(p.getByTestId('trace-amount')).toHaveText(yuan(50_000))
  await expect(p.getByTestId('trace-donor')).not.toHaveText('欧阳爱心')
  await expect(p.getByTestId('trace-pool')).toContainText(project.name)
  // the allocation, the donation's share of it, and what is left
  const allocations = p.getByTestId('trace-allocations')
  await expect(allocations).toContainText(project.name)
  await expect(allocations).toContainText('200.00')
  await expect(p.getByTestId('trace-share').first()).toHaveText('200.00')
  await expect(p.getByTestId('trace-spent')).toHaveText('200.00')
  await expect(p.getByTestId('trace-remaining')).toHaveText('300.00')
  await expect(p.getByTestId('trace-by-project')).toContainText(project.name)
  // the recipient is masked: never the household head's full name
  await expect(p.getByTestId('trace-recipient').first()).toContainText('*')
  expect(await p.content()).not.toContain(hh.head.name)
  expect(await p.content()).not.toContain(hh.head.id)

  // the inclusion proof: today's checkpoint is published tomorrow, so the portal says so; once
  // published, the proof downloads as JSON
  if (await p.getByTestId('trace-no-checkpoint').isVisible()) {
    await p.getByTestId('proof-download').click()
    await expect(p.getByTestId('proof-message')).toContainText('次日发布')
  } else {
    const dl = p.waitForEvent('download')
    await p.getByTestId('proof-download').click()
    const file = await dl
    expect(file.suggestedFilename()).toBe(`proof-${donation.receipt_code}.json`)
    const proof = JSON.parse(fs.readFileSync(await file.path(), 'utf8'))
    expect(proof.receipt_code).toBe(donation.receipt_code)
    await expect(p.getByTestId('proof-message')).toContainText('一致')
  }
  await expect(p.getByTestId('proof-procedure')).toBeVisible()
  await anon.close()
  await clerk.dispose()
  await district.dispose()
})

test('an allocation the designations do not allow is refused with the reason at the amount, and nothing is stored', async ({ page, baseURL }) => {
  const clerk = await apiAs(baseURL, CLERK)
  const district = await apiAs(baseURL, 'district')
  // money designated to another project stays there
  const other = await newProject(clerk, 'e2e定向项目')
  await donateToProject(clerk, other, 30_000)
  const [fund] = await funds(clerk)
  const hh = await newHousehold(district)
  const before = await allocationCount(clerk)

  await useChinese(page)
  await login(page, CLERK)
  await page.goto('/charity/allocations/new')
  await page.getByTestId('allocation-fund').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: fund.name }).first().click()
  await pickHousehold(page, hh.head.id, hh.id)
  // more than any money this household may be given: 9千万元
  await page.getByTestId('allocation-amount').fill('90000000')
  await page.getByTestId('allocation-purpose').fill('e2e 超出定向范围')
  // the preview says why, under the amount
  await expect(page.getByTestId('preview-refusal')).toContainText('定向')
  const amountError = page.getByTestId('allocation-amount-item').locator('.el-form-item__error')
  await expect(amountError).toContainText('不足')
  await expect(amountError).toContainText('定向')
  // confirming anyway: the server refuses with the same reason (field amount_fen), shown at the amount and on top
  await page.getByTestId('allocation-save').click()
  await expect(page.getByTestId('allocation-error')).toContainText('定向')
  await expect(amountError).toContainText('定向')
  await expect(page).toHaveURL(/\/charity\/allocations\/new/)
  expect(await allocationCount(clerk)).toBe(before)
  await clerk.dispose()
  await district.dispose()
})

test('recording a donation shows its receipt with the receipt code and the amount in capitals', async ({ page }) => {
  await useChinese(page)
  await login(page, CLERK)
  // the clerk starts on the donations
  await expect(page).toHaveURL(/\/charity\/donations/)
  await page.getByTestId('donation-create').click()
  const dialog = page.getByTestId('donation-dialog')
  await expect(dialog).toBeVisible()
  await page.getByTestId('donation-donor-name').fill('司马善捐')
  await page.getByTestId('donation-amount').fill('1234.56')
  await page.getByTestId('donation-save').click()
  await expect(page).toHaveURL(/\/charity\/donations\/\d+\?new=1/)
  await expect(page.getByTestId('donation-recorded')).toBeVisible()
  const code = (await page.getByTestId('receipt-code').innerText()).trim()
  expect(code).toMatch(/^CS\d{8}-[0-9A-Z]{8}$/)
  await expect(page.getByTestId('receipt-capital')).toHaveText('人民币壹仟贰佰叁拾肆元伍角陆分')
  await expect(page.getByTestId('receipt-amount')).toHaveText('¥1,234.56')
  await expect(page.getByTestId('receipt-donor')).toContainText('司马善捐')

  // the printable receipt (A5), with the ledger entry
  const id = page.url().match(/donations\/(\d+)/)![1]
  await page.goto('/print/charity/receipts/' + id)
  const sheet = page.getByTestId('receipt-sheet')
  await expect(sheet).toBeVisible()
  await expect(sheet.getByTestId('receipt-code')).toHaveText(code)
  await expect(sheet.getByTestId('receipt-capital')).toHaveText('人民币壹仟贰佰叁拾肆元伍角陆分')
  await expect(sheet).toContainText('慈善会')
  await expect(sheet.getByTestId('receipt-hash')).toHaveText(/^[0-9a-f]{64}$/)
})

test('the proof of a donation of an earlier day downloads and checks against the published checkpoint', async ({ browser, baseURL }) => {
  const clerk = await apiAs(baseURL, CLERK)
  // a donation received before the last published checkpoint (the demo has months of them)
  const cps = await (await clerk.get('/api/v1/public/charity/checkpoints')).json()
  expect(cps.checkpoints.length, 'the demo publishes checkpoints').toBeGreaterThan(0)
  let day = ''
  let code = ''
  for (const cp of cps.checkpoints.slice(0, 20)) {
    const list = await (await clerk.get(`/api/v1/charity/donations?from=${cp.day}&to=${cp.day}&form=money&page_size=1`)).json()
    if (list.items.length) {
      day = cp.day
      code = list.items[0].receipt_code
      break
    }
  }
  expect(code, 'a money donation on a day with a published checkpoint').not.toBe('')
  await clerk.dispose()

  const anon = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
  const p = await anon.newPage()
  await p.goto('/portal/trace/' + code)
  await expect(p.getByTestId('trace-checkpoint')).toContainText(day)
  const dl = p.waitForEvent('download')
  await p.getByTestId('proof-download').click()
  const file = await dl
  expect(file.suggestedFilename()).toBe(`proof-${code}.json`)
  const proof = JSON.parse(fs.readFileSync(await file.path(), 'utf8'))
  expect(proof.receipt_code).toBe(code)
  expect(proof.checkpoint_day).toBe(day)
  // the page checked it as the documented procedure does: entry hash, leaf, path, the day's published root
  await expect(p.getByTestId('proof-message')).toContainText(`与 ${day} 公布的校验点一致`)
  await anon.close()
})

test('an unknown receipt code says so on the portal', async ({ browser, baseURL }) => {
  const anon = await browser.newContext({ baseURL, locale: 'zh-CN' })
  const p = await anon.newPage()
  await p.goto('/portal')
  await p.getByTestId('portal-code').fill('CS20260101-ZZZZZZZZ')
  await p.getByTestId('portal-search').click()
  await expect(p.getByTestId('portal-trace-error')).toContainText('未找到该收据编号')
  await anon.close()
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the public portal and a donation trace fit a 390px screen', async ({ page, baseURL }) => {
    const clerk = await apiAs(baseURL, CLERK)
    const district = await apiAs(baseURL, 'district')
    const project = await newProject(clerk, 'e2e手机项目')
    const donation = await donateToProject(clerk, project, 20_000)
    const hh = await newHousehold(district)
    const res = await clerk.post('/api/v1/charity/allocations', {
      data: { fund_id: project.fund_id, project_id: project.id, recipient_kind: 'household', household_id: hh.id, amount_fen: 5_000, purpose: 'e2e 手机' },
    })
    expect(res.status(), await res.text()).toBe(201)

    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    await useChinese(page)
    await page.goto('/portal')
    await expect(page.getByTestId('portal-totals')).toBeVisible()
    await page.waitForLoadState('networkidle')
    expect(await overflow()).toBeLessThanOrEqual(0)

    await page.getByTestId('portal-code').fill(donation.receipt_code)
    await page.getByTestId('portal-search').click()
    await expect(page.getByTestId('trace-allocation').first()).toBeVisible()
    await expect(page.getByTestId('trace-share').first()).toHaveText('50.00')
    await page.waitForLoadState('networkidle')
    expect(await overflow()).toBeLessThanOrEqual(0)
    await clerk.dispose()
    await district.dispose()
  })
})

test('the login page links to the public portal', async ({ page }) => {
  await useChinese(page)
  await page.goto('/login')
  await page.getByTestId('login-portal').click()
  await expect(page).toHaveURL(/\/portal$/)
  await expect(page.getByTestId('portal-totals')).toBeVisible()
})

test('the clerk verifies the ledger: the check runs on the server with its progress and ends intact', async ({ page }) => {
  await useChinese(page)
  await login(page, CLERK)
  await page.goto('/charity/ledger')
  await page.getByTestId('ledger-verify').click()
  await expect(page.getByTestId('verify-title')).toHaveText('账本完整：未发现篡改', { timeout: 30_000 })
  await expect(page.getByTestId('verify-progress')).toHaveCount(0)
  await expect(page.getByTestId('verify-message')).toContainText('全部核验一致')
})
