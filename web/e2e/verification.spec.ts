import { test, expect } from '@playwright/test'
import { login, useChinese, validId, wrongCheck } from './helpers'
import { H, apiLogin, newApplication } from './assistance-helpers'
import { flaggedReport, reportFlags, sampleToVisit } from './verification-helpers'

// 家庭经济状况核对 (docs/api.md "Verification"): a refused departmental file shows its rows and columns,
// an officer resolves a red flag on a report (and sees a flag resolved meanwhile), the printable
// report, and a village worker records a re-inspection on a phone.

test('the verifier loads a malformed vehicle file: nothing is loaded and each bad row is named with its column', async ({ page }) => {
  await useChinese(page)
  await login(page, 'verifier')
  // the verification office starts on its data sources
  await expect(page).toHaveURL(/\/verification\/snapshots$/)
  await expect(page.getByTestId('menu-verification')).toBeVisible()
  const vehicleRow = page.getByTestId('snapshot-table').locator('.el-table__row').filter({ hasText: 'ps_vehicle' })
  await expect(vehicleRow).toBeVisible()
  const before = await vehicleRow.innerText()

  // the format of the feed is there for the department to read
  await vehicleRow.getByTestId('snapshot-schema').click()
  const drawer = page.getByTestId('schema-drawer')
  await expect(drawer.getByTestId('schema-header').filter({ hasText: '号牌号码' })).toBeVisible()
  await expect(drawer).toContainText('初次登记日期')
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  await page.getByTestId('snapshot-upload-open').click()
  const dlg = page.getByTestId('snapshot-dialog')
  await expect(dlg).toBeVisible()
  await dlg.getByTestId('snapshot-feed').click()
  await page.getByTestId('snapshot-feed-ps_vehicle').click()
  const csv = [
    '身份证号,姓名,号牌号码,车辆类型,初次登记日期',
    `${validId()},张三,粤J10001,小型汽车,2020-01-01`,
    `${wrongCheck(validId())},李四,粤J10002,小型汽车,2020-01-01`,
    `${validId()},王五,粤J10003,小型汽车,2021-13-40`,
  ].join('\n')
  await dlg.locator('input[type=file]').setInputFiles({ name: '机动车登记.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') })
  await dlg.getByTestId('snapshot-save').click()

  // 2 of 3 rows are bad (more than 1%): the whole file is refused, the problems are listed where the eye is
  await expect(dlg.getByTestId('snapshot-refused')).toBeVisible()
  const errors = dlg.getByTestId('snapshot-errors')
  const idRow = errors.locator('.el-table__row').filter({ has: page.locator('[data-testid="rejected-row"]', { hasText: /^3$/ }) })
  await expect(idRow.getByTestId('rejected-column')).toHaveText('身份证号')
  await expect(idRow.getByTestId('rejected-problem')).not.toBeEmpty()
  const dateRow = errors.locator('.el-table__row').filter({ has: page.locator('[data-testid="rejected-row"]', { hasText: /^4$/ }) })
  await expect(dateRow.getByTestId('rejected-column')).toHaveText('初次登记日期')
  await expect(errors).toContainText('1%')

  // nothing changed: the snapshot in force is the one before
  await dlg.getByRole('button', { name: '取消' }).click()
  await expect(dlg).toBeHidden()
  await page.reload()
  await expect(vehicleRow).toBeVisible()
  expect(await vehicleRow.innerText()).toBe(before)
})

test('a district officer opens a flagged report, sees the findings and resolves the red flag with a note', async ({ page }) => {
  const { run, plate, household } = await flaggedReport(page.request)
  await useChinese(page)
  await login(page, 'district')

  await page.goto('/verification/reports?run_id=' + run.id)
  const table = page.getByTestId('report-table')
  await expect(table.locator('.el-table__body tr')).toHaveCount(1)
  await expect(table.getByTestId('report-row-conclusion')).toHaveText('不符合条件')
  await expect(table.getByTestId('report-open-flags')).toHaveText('1')
  await table.getByTestId('report-applicant').click()
  await expect(page).toHaveURL(new RegExp('/verification/reports/' + run.report_id + '$'))

  await expect(page.getByTestId('report-conclusion')).toHaveText('不符合条件')
  await expect(page.getByTestId('report-reasons')).not.toBeEmpty()
  await expect(page.getByTestId('report-member')).toHaveCount(household.memberIds.length)
  // the public-security record of the head's car, and the vehicles declared against found
  await expect(page.getByTestId('report-members').getByTestId('finding-item').filter({ hasText: plate })).toBeVisible()
  await expect(page.getByTestId('comparison-table').locator('.row-differs').filter({ hasText: '机动车' })).toBeVisible()
  await expect(page.getByTestId('report-assessment').getByTestId('assess-eligible')).toHaveText('不符合条件')
  await expect(page.getByTestId('report-snapshot').filter({ hasText: '机动车登记' })).toBeVisible()

  const flag = page.locator('[data-testid="report-flag"][data-code="undeclared_vehicle"]')
  await expect(flag).toHaveAttribute('data-status', 'open')
  await expect(flag).toContainText(plate)
  await flag.getByTestId('flag-resolve').click()
  const dlg = page.getByTestId('resolve-dialog')
  await expect(dlg).toBeVisible()
  // a note of fewer than 4 characters is refused before anything is sent
  await dlg.getByTestId('resolve-note').fill('属实')
  await dlg.getByTestId('resolve-save').click()
  await expect(dlg.locator('.el-form-item__error')).toContainText('至少4个字')
  await dlg.getByTestId('resolve-cleared').click()
  await dlg.getByTestId('resolve-note').fill('车辆已于2025年过户他人，有车管所过户证明')
  await dlg.getByTestId('resolve-save').click()
  await expect(dlg).toBeHidden()
  await expect(flag).toHaveAttribute('data-status', 'resolved')
  await expect(flag.getByTestId('flag-status')).toHaveText('已处理')
  await expect(flag.getByTestId('flag-resolution')).toHaveText('已排除')
  await expect(flag.getByTestId('flag-note')).toContainText('车管所过户证明')
  await expect(flag.getByTestId('flag-resolve')).toHaveCount(0)

  // the server kept it
  await page.reload()
  await expect(page.locator('[data-testid="report-flag"][data-code="undeclared_vehicle"]')).toHaveAttribute('data-status', 'resolved')
  await expect(page.getByTestId('report-open-flag-count')).toHaveCount(0)

  // the printable report opens in a tab of its own, without the console around it
  const popup = page.waitForEvent('popup')
  await page.getByTestId('report-print').click()
  const print = await popup
  await expect(print).toHaveURL(new RegExp('/print/verification/' + run.report_id))
  await expect(print.getByTestId('print-title')).toHaveText('家庭经济状况核对报告')
  await expect(print.getByTestId('print-bureau')).toContainText('新会区民政局')
  await expect(print.getByTestId('print-findings')).toContainText(plate)
  await expect(print.getByTestId('print-conclusion')).toContainText('不符合条件')
  await expect(print.getByTestId('print-flags')).toContainText('车管所过户证明')
  await expect(print.getByTestId('print-sign')).toContainText('核对人')
  await expect(print.getByTestId('print-sign')).toContainText('审核人')
  await expect(print.getByTestId('side-menu')).toHaveCount(0)
  await print.emulateMedia({ media: 'print' })
  await expect(print.getByTestId('print-button')).toBeHidden()
  await print.close()
})

test('a flag resolved by someone else meanwhile answers the conflict in the dialog', async ({ page }) => {
  const { run } = await flaggedReport(page.request)
  await useChinese(page)
  await login(page, 'district')
  await page.goto('/verification/reports/' + run.report_id)
  const flag = page.locator('[data-testid="report-flag"][data-code="undeclared_vehicle"]')
  await expect(flag).toHaveAttribute('data-status', 'open')

  // the verifier resolves it first
  await apiLogin(page.request, 'verifier')
  const open = (await reportFlags(page.request, run.report_id)).find((f) => f.code === 'undeclared_vehicle')!
  const res = await page.request.post(`/api/v1/verification/flags/${open.id}/resolve`, { data: { resolution: 'confirmed', note: '经核实车辆属实', version: open.version }, headers: H })
  expect(res.status(), await res.text()).toBe(200)
  await apiLogin(page.request, 'district')

  await flag.getByTestId('flag-resolve').click()
  const dlg = page.getByTestId('resolve-dialog')
  await dlg.getByTestId('resolve-note').fill('车辆已过户，可以排除')
  await dlg.getByTestId('resolve-save').click()
  await expect(dlg.getByTestId('resolve-conflict')).toBeVisible()
  await expect(dlg.getByTestId('resolve-conflict')).toContainText('已被他人处理')
  // the dialog now shows the flag as the verifier left it
  await expect(dlg).toContainText('经核实车辆属实')
  await expect(dlg.getByTestId('resolve-save')).toBeDisabled()
  await dlg.getByTestId('resolve-cancel').click()
  await expect(flag).toHaveAttribute('data-status', 'resolved')
  await expect(flag.getByTestId('flag-resolution')).toHaveText('属实')
})

test.describe('on a phone (390x844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

  test('the village worker records a re-inspection outcome', async ({ page, request }) => {
    const { draw, item, username, householdId } = await sampleToVisit(request)
    await useChinese(page)
    await login(page, username)

    // 入户抽查 is in the menu of a village worker (who reads no reports)
    await page.getByTestId('menu-toggle').click()
    const drawer = page.getByTestId('menu-drawer')
    await expect(drawer.getByTestId('menu-ver-sampling')).toBeVisible()
    await expect(drawer.getByTestId('menu-ver-reports')).toHaveCount(0)
    await drawer.getByTestId('menu-ver-sampling').click()
    await expect(page).toHaveURL(/\/verification\/sampling$/)
    await page.locator(`a[href="/verification/sampling/${draw.id}"]`).click()
    await expect(page).toHaveURL(new RegExp('/verification/sampling/' + draw.id + '$'))
    const card = page.getByTestId('item-card').filter({ hasText: '#' + householdId })
    await expect(card).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await card.getByTestId('item-visit').click()
    await expect(page).toHaveURL(new RegExp('/verification/sampling/items/' + item.id + '$'))

    await expect(page.getByTestId('sample-visit')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    const box = await page.getByTestId('sample-submit').boundingBox()
    expect(box && box.x + box.width).toBeLessThanOrEqual(390)

    // the outcome and what was found are asked for before anything is sent
    await page.getByTestId('sample-submit').click()
    await expect(page.getByTestId('sample-visit').locator('.is-error').first()).toBeVisible()

    await page.getByTestId('sample-outcome-changed').click()
    // the date as the server counts it (the browser runs in Asia/Shanghai, the test server may not)
    const date = page.getByTestId('sample-visit').getByRole('combobox')
    await date.fill(new Date().toISOString().slice(0, 10))
    await date.press('Enter')
    await page.getByTestId('sample-note').fill('儿子已在镇上工厂就业，月收入约3000元，需复核保障金额')
    await page.getByTestId('sample-submit').click()
    const done = page.getByTestId('sample-done')
    await expect(done).toBeVisible()
    await expect(done.getByTestId('sample-status')).toHaveText('情况有变化')
    await expect(done.getByTestId('sample-done-note')).toContainText('月收入约3000元')

    // stored: the item is done, and the draw counts the visit
    const res = await page.request.get('/api/v1/verification/sampling/items/' + item.id, { headers: H })
    expect(res.status()).toBe(200)
    const stored = await res.json()
    expect(stored.status).toBe('done')
    expect(stored.outcome).toBe('changed')
  })
})

test('a town officer verifies an application at acceptance from its page and reads the report', async ({ page }) => {
  await useChinese(page)
  await apiLogin(page.request, 'huicheng')
  const app = await newApplication(page.request)
  await login(page, 'huicheng')
  await page.goto('/assistance/applications/' + app.id)
  const card = page.getByTestId('household-reports')
  await expect(card).toContainText('尚未核对')
  await card.getByTestId('verify-now').click()
  await expect(page).toHaveURL(/\/verification\/reports\/\d+$/)
  await expect(page.getByTestId('report-conclusion')).not.toBeEmpty()
  await expect(page.getByTestId('report-member').first()).toBeVisible()
  // back on the application, the report is listed
  await page.goto('/assistance/applications/' + app.id)
  await expect(page.getByTestId('household-report-link')).toHaveCount(1)
})
