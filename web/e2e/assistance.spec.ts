import { test, expect } from '@playwright/test'
import { login, useChinese } from './helpers'
import { H, TOWN, act, apiLogin, newApplication, newHousehold, visit } from './assistance-helpers'

// 社会救助 (docs/api.md "Social assistance"): the town officer's acceptance path, the village worker's
// home visit on a phone, a stale workflow step, and the printable public notice without login.

test('town officer accepts a dibao application with the provisional means test; the detail page shows 入户调查', async ({ page }) => {
  await useChinese(page)
  await login(page, 'huicheng')
  const hh = await newHousehold(page.request)

  await expect(page.getByTestId('menu-assistance')).toBeVisible()
  await page.getByTestId('menu-asst-applications').click()
  await expect(page).toHaveURL(/\/assistance\/applications$/)
  await expect(page.getByTestId('app-table')).toBeVisible()
  await page.getByTestId('app-create').click()
  await expect(page).toHaveURL(/\/assistance\/applications\/new$/)

  await page.getByTestId('apply-programme').click()
  await page.locator('.el-select-dropdown:visible').getByText('最低生活保障', { exact: true }).click()

  // find the household by the head's ID number and pick it
  await page.getByTestId('apply-household').locator('input').fill(hh.head.id)
  const option = page.locator('.el-select-dropdown:visible [data-testid="household-option"]')
  await expect(option).toHaveCount(1)
  await option.click()
  await expect(page.getByTestId('apply-household-info')).toContainText('#' + hh.id)
  const members = page.getByTestId('apply-facts').locator('.fe-member')
  await expect(members).toHaveCount(2)
  for (const pid of hh.memberIds) await expect(page.getByTestId('apply-facts-include-' + pid).locator('input')).toBeChecked()

  // the provisional means test appears beside the form without saving anything
  const panel = page.getByTestId('apply-assessment')
  await expect(panel.getByTestId('assess-eligible')).toHaveText('符合条件')
  await expect(panel.getByTestId('assess-monthly')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/)
  await expect(panel.getByTestId('assess-explanation').locator('li').first()).toBeVisible()

  // an income typed in yuan is sent as exact fen: 1,200.50 a year for 2 people = 50.02 per person a month (rounded down)
  await page.getByTestId('apply-facts-add-income').click()
  await page.getByTestId('apply-facts-income-0-amount').fill('1200.50')
  await expect(panel.getByTestId('assess-per-capita')).toContainText('50.02')
  // a wrong amount is marked locally and not sent
  await page.getByTestId('apply-facts-income-0-amount').fill('12.345')
  await expect(page.getByTestId('apply-facts-income-0')).toContainText('最多两位小数')
  await page.getByTestId('apply-facts-income-0-amount').fill('1200.50')
  await expect(page.getByTestId('apply-facts-income-0').locator('.cell-error')).toHaveCount(0)

  await page.getByTestId('apply-bank-name').fill('江门农商银行会城支行')
  await page.getByTestId('apply-bank-account').fill('6230' + String(Date.now()).slice(-12) + '002')
  await page.getByTestId('apply-submit').click()

  await expect(page).toHaveURL(/\/assistance\/applications\/\d+$/)
  await expect(page.getByTestId('app-stage')).toHaveText('入户调查')
  await expect(page.getByTestId('stage-steps').locator('.el-step')).toHaveCount(7) // 受理 + the six stages of dibao
  await expect(page.getByTestId('app-assessment').getByTestId('assess-eligible')).toHaveText('符合条件')
  await expect(page.getByTestId('app-members').locator('.el-table__body tr')).toHaveCount(2)
  await expect(page.getByTestId('events').getByTestId('event').first()).toBeVisible()
  await expect(page.getByTestId('action-investigate')).toBeVisible()

  // the list shows it with its stage
  await page.getByTestId('menu-asst-applications').click()
  await page.getByTestId('app-stage-filter').click()
  await page.locator('.el-select-dropdown:visible').getByText('入户调查', { exact: true }).click()
  await page.getByTestId('app-search-btn').click()
  await expect(page.getByTestId('app-table').getByTestId('app-row-stage').first()).toHaveText('入户调查')
})

test('a stale workflow step shows the conflict and reloads the application', async ({ page }) => {
  await useChinese(page)
  await login(page, 'huicheng')
  const app = await newApplication(page.request)
  await page.goto('/assistance/applications/' + app.id)
  await expect(page.getByTestId('app-stage')).toHaveText('入户调查')

  // someone else records the visit meanwhile
  await act(page.request, app, { action: 'investigate', visit: visit() })

  await page.getByTestId('action-investigate').click()
  const dlg = page.getByTestId('action-dialog')
  await expect(dlg).toBeVisible()
  await page.getByTestId('action-visit-visitors').fill('王五、赵六')
  await page.getByTestId('action-visit-findings').fill('情况属实')
  await page.getByTestId('action-visit-living').fill('一般')
  await page.getByTestId('action-submit').click()
  await expect(page.locator('.el-message--error')).toBeVisible()
  await expect(dlg).toBeHidden()
  await expect(page.getByTestId('app-stage')).toHaveText('经济状况核对')
})

test.describe('on a phone (390x844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

  test('the village worker records the home visit', async ({ page, request }) => {
    await apiLogin(request, 'huicheng')
    const app = await newApplication(request)

    await useChinese(page)
    await login(page, 'beimen')
    await page.goto('/assistance/visit/' + app.id)
    await expect(page.getByTestId('visit')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const box = await page.getByTestId('visit-submit').boundingBox()
    expect(box && box.x + box.width).toBeLessThanOrEqual(390)

    // required fields are marked before anything is sent
    await page.getByTestId('visit-submit').click()
    await expect(page.getByTestId('visit').locator('.is-error').first()).toBeVisible()

    await page.getByTestId('visit-visitors').fill('张三、李四')
    await page.getByTestId('visit-findings').fill('家庭成员均无收入，情况属实')
    await page.getByTestId('visit-living').fill('住房简陋')
    // corrected facts open inside the phone width
    await page.getByTestId('visit-correct').click()
    await expect(page.getByTestId('visit-facts')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await page.getByTestId('visit-correct').click()

    await page.getByTestId('visit-submit').click()
    await expect(page).toHaveURL(new RegExp('/assistance/applications/' + app.id + '$'))
    await expect(page.getByTestId('app-stage')).toHaveText('经济状况核对')
    await expect(page.getByTestId('events').locator('[data-action="investigate"]')).toBeVisible()
  })
})

test('the printable public notice renders without login', async ({ page, request }) => {
  await apiLogin(request, 'huicheng')
  let app = await newApplication(request)
  app = await act(request, app, { action: 'investigate', visit: visit() })
  app = await act(request, app, { action: 'verify', note: '核对无误' })
  app = await act(request, app, { action: 'review', note: '民主评议通过' })
  expect(app.stage).toBe('notice')
  const res = await request.post('/api/v1/assistance/notices', { data: { region_code: TOWN, programme: 'dibao' }, headers: H })
  expect(res.status(), await res.text()).toBe(201)
  const notice = await res.json()
  const item = notice.items.find((i: { application_id: number }) => i.application_id === app.id)
  expect(item).toBeTruthy()

  // this browser context never logged in
  await useChinese(page)
  await page.goto('/print/notices/' + notice.id)
  await expect(page).toHaveURL(new RegExp('/print/notices/' + notice.id + '$'))
  await expect(page.getByTestId('print-title')).toHaveText('会城街道最低生活保障拟批准对象公示')
  await expect(page.getByTestId('print-period')).toContainText(notice.starts_on)
  await expect(page.getByTestId('print-period')).toContainText(notice.ends_on)
  await expect(page.getByTestId('print-row')).toHaveCount(notice.items.length)
  const row = page.getByTestId('print-row').filter({ hasText: item.id_number })
  await expect(row).toContainText(item.name)
  await expect(row).toContainText(item.village)
  await expect(page.getByTestId('print-objection')).toContainText('异议')
  // no app layout, no menu
  await expect(page.getByTestId('side-menu')).toHaveCount(0)
  await expect(page.getByTestId('who-name')).toHaveCount(0)
  // the print button does not print
  await expect(page.getByTestId('print-button')).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('print-button')).toBeHidden()
  await expect(page.getByTestId('print-table')).toBeVisible()
})

test('the finance officer previews the month, confirms it once and downloads the bank file', async ({ page }) => {
  await useChinese(page)
  await login(page, 'finance')
  await page.goto('/assistance/payroll')
  // this month is not paid yet in the demo district (the two months before it are)
  await page.getByTestId('payroll-preview').click()
  const result = page.getByTestId('payroll-preview-result')
  await expect(result).toBeVisible()
  await expect(result.getByTestId('town-totals')).toContainText('会城街道')
  await expect(result.getByTestId('payroll-already')).toHaveCount(0)
  await result.getByTestId('payroll-confirm').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确认发放' }).click()
  await expect(page).toHaveURL(/\/assistance\/payroll\/runs\/\d+$/)
  const runId = page.url().split('/').pop()
  await expect(page.getByTestId('run-detail')).toBeVisible()
  await expect(page.getByTestId('run-lines').locator('tbody tr').first()).toBeVisible()

  const download = page.waitForEvent('download')
  await page.getByTestId('run-bank-csv').click()
  expect((await download).suggestedFilename()).toMatch(/代发清单\.csv$/)

  // a second preview of the same month says it is paid and offers no second confirmation
  await page.goto('/assistance/payroll')
  await page.getByTestId('payroll-preview').click()
  await expect(page.getByTestId('payroll-already')).toContainText('#' + runId)
  await expect(page.getByTestId('payroll-confirm')).toBeDisabled()
})
