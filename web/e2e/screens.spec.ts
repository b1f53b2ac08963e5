import { test, expect, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { createThrowawayAccount, login, pickRegion, useChinese, validId, wrongCheck } from './helpers'
import { H, TOWN, act, newApplication, newHousehold, visit } from './assistance-helpers'
import { flaggedReport, sampleToVisit } from './verification-helpers'

// `npm run screenshots`: desktop (1440x900) and phone (390x844) screenshots of every page to web/screenshots/.
const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'screenshots')
fs.mkdirSync(OUT, { recursive: true })

const SIZES = [
  { tag: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
  { tag: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
]

async function shot(page: Page, name: string, tag: string, fullPage = true) {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(400)
  // transitions end at once: a tag caught fading in would be missing from the picture
  await page.screenshot({ path: path.join(OUT, `${name}-${tag}.png`), fullPage, animations: 'disabled' })
}

async function settle(page: Page) {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 15000 })
}

for (const size of SIZES) {
  test.describe(`screens ${size.tag} @screens`, () => {
    test.use({ viewport: size.viewport, isMobile: size.mobile, hasTouch: size.mobile, deviceScaleFactor: 1 })

    test(`login ${size.tag} @screens`, async ({ page }) => {
      await useChinese(page)
      await page.goto('/login')
      await shot(page, '01-login', size.tag)
      await page.getByTestId('login-username').fill('nobody')
      await page.getByTestId('login-password').fill('wrong-password-1')
      await page.getByTestId('login-submit').click()
      await expect(page.getByTestId('login-error')).toBeVisible()
      await shot(page, '02-login-error', size.tag)
    })

    test(`login throttled ${size.tag} @screens`, async ({ page, request }) => {
      const user = await createThrowawayAccount(request, 'shot')
      await useChinese(page)
      await page.goto('/login')
      await page.getByTestId('login-username').fill(user)
      for (let i = 0; i < 6 && !(await page.getByTestId('login-throttled').isVisible()); i++) {
        await page.getByTestId('login-password').fill('wrong-' + i)
        await page.getByTestId('login-submit').click()
        await expect(page.getByTestId('login-error').or(page.getByTestId('login-throttled'))).toBeVisible()
      }
      await expect(page.getByTestId('login-throttled')).toBeVisible()
      await shot(page, '03-login-throttled', size.tag)
    })

    test(`district pages ${size.tag} @screens`, async ({ page }) => {
      test.setTimeout(180_000)
      await useChinese(page)
      await login(page, 'district')
      await page.goto('/dashboard')
      await expect(page.getByTestId('chart-pyramid').locator('canvas')).toBeVisible()
      if (!size.mobile) await expect(page.getByTestId('region-tree').locator('.region-name', { hasText: /^会城街道$/ })).toBeVisible()
      if (!size.mobile) await expect(page.getByTestId('who-role')).not.toBeEmpty()
      await settle(page)
      await page.waitForTimeout(800)
      await shot(page, '10-dashboard', size.tag)

      await page.goto('/persons')
      await expect(page.getByTestId('person-table').locator('.el-table__body tr').first()).toBeVisible()
      await settle(page)
      await shot(page, '20-persons', size.tag)
      if (size.mobile) {
        await page.getByTestId('menu-toggle').click()
        await expect(page.getByTestId('menu-drawer').getByTestId('menu-persons')).toBeVisible()
        await shot(page, '21-menu-drawer', size.tag, false)
        await page.keyboard.press('Escape')
        await page.getByTestId('menu-drawer').getByTestId('menu-persons').waitFor({ state: 'hidden' })
      }

      await page.getByTestId('person-table').getByTestId('person-name').first().click()
      await expect(page.getByTestId('person-detail')).toBeVisible()
      await settle(page)
      await shot(page, '22-person-detail', size.tag)
      if (!size.mobile) {
        await page.emulateMedia({ media: 'print' })
        await shot(page, '24-person-detail-print', size.tag)
        await page.emulateMedia({ media: 'screen' })
      }

      await page.getByTestId('person-detail-edit').click()
      await expect(page.getByTestId('pf-name-input')).toBeVisible()
      await settle(page)
      await shot(page, '23-person-edit', size.tag, false)
      await page.keyboard.press('Escape')

      await page.goto('/households')
      await expect(page.getByTestId('household-table').locator('.el-table__body tr').first()).toBeVisible()
      await settle(page)
      await shot(page, '30-households', size.tag)

      await page.getByTestId('household-create').click()
      await pickRegion(page, 'hf-region', ['会城街道'], '440705001001')
      await page.getByTestId('hf-address-input').fill('会城街道北门路8号')
      await page.getByTestId('hf-m0-id_number-input').fill(wrongCheck(validId()))
      await page.getByTestId('hf-m0-name-input').fill('欧阳沁霁')
      await page.getByTestId('hf-add-new').click()
      await page.getByTestId('household-save').click()
      await expect(page.getByTestId('hf-m0-id_number').locator('.el-form-item__error')).toBeVisible()
      await shot(page, '31-household-create-error', size.tag, false)
      await page.keyboard.press('Escape')

      await page.getByTestId('household-table').getByTestId('household-head').first().click()
      await expect(page.getByTestId('household-members')).toBeVisible()
      await settle(page)
      await shot(page, '32-household-detail', size.tag)

      await page.goto('/imports')
      await page.getByTestId('import-mode-valid').click()
      const header = '身份证号,姓名,性别,出生日期,民族,联系电话,户籍地区划代码,居住地区划代码,户籍类型,残疾类别,残疾等级,残疾证号,优抚类别,孤儿'
      const csv = [header, `${validId()},截图导入,,,汉族,,440705001001,440705001001,城镇,,,,,否`, `${wrongCheck(validId())},错误行,,,汉族,,440705001001,440705001001,农村,,,,,否`].join('\r\n')
      await page.locator('input[type=file]').setInputFiles({ name: 'persons.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
      await page.getByTestId('import-start').click()
      await expect(page.getByTestId('import-progress')).toHaveAttribute('data-percent', '100', { timeout: 30000 })
      await expect(page.getByTestId('import-errors')).toBeVisible()
      await shot(page, '40-import', size.tag)

      await page.goto('/system/api')
      await expect(page.getByTestId('apidocs-op').first()).toBeVisible()
      await page.getByTestId('apidocs-op').first().locator('.el-collapse-item__header').click()
      await page.waitForTimeout(500)
      await shot(page, '70-apidocs', size.tag)

      // English
      await page.goto('/persons')
      await page.getByTestId('lang-switch').click()
      await expect(page.getByTestId('person-table').locator('.el-table__body tr').first()).toBeVisible()
      await settle(page)
      await shot(page, '80-persons-en', size.tag)
      await page.goto('/dashboard')
      await expect(page.getByTestId('chart-pyramid').locator('canvas')).toBeVisible()
      await expect(page.getByTestId('stat-persons')).toContainText('Registered persons')
      await page.waitForTimeout(800)
      await shot(page, '81-dashboard-en', size.tag)
      await page.goto('/households')
      await page.getByTestId('household-create').click()
      await page.getByTestId('household-save').click()
      await expect(page.getByTestId('household-dialog').locator('.is-error, .dialog-alert, .members-error').first()).toBeVisible()
      await shot(page, '82-household-create-error-en', size.tag, false)
      await page.keyboard.press('Escape')
    })

    test(`assistance pages ${size.tag} @screens`, async ({ page, browser, baseURL }) => {
      test.setTimeout(180_000)
      await useChinese(page)
      await login(page, 'huicheng')
      const hh = await newHousehold(page.request)
      await page.goto('/assistance/applications/new')
      await page.getByTestId('apply-household').locator('input').fill(hh.head.id)
      await page.locator('.el-select-dropdown:visible [data-testid="household-option"]').first().click()
      await page.getByTestId('apply-facts-add-income').click()
      await page.getByTestId('apply-facts-income-0-amount').fill('3600')
      await expect(page.getByTestId('apply-assessment').getByTestId('assess-eligible')).toBeVisible()
      await settle(page)
      await shot(page, '90-assistance-apply', size.tag)

      let app = await newApplication(page.request)
      await page.goto('/assistance/applications/' + app.id)
      await expect(page.getByTestId('app-stage')).toBeVisible()
      await settle(page)
      await shot(page, '91-assistance-detail', size.tag)
      await page.goto('/assistance/visit/' + app.id)
      await expect(page.getByTestId('visit')).toBeVisible()
      await shot(page, '92-assistance-visit', size.tag)

      app = await act(page.request, app, { action: 'investigate', visit: visit() })
      app = await act(page.request, app, { action: 'verify', note: '核对无误' })
      app = await act(page.request, app, { action: 'review', note: '民主评议通过' })
      const res = await page.request.post('/api/v1/assistance/notices', { data: { region_code: TOWN, programme: 'dibao' }, headers: H })
      const notice = await res.json()
      await page.goto('/assistance/applications')
      await expect(page.getByTestId('app-table').locator('.el-table__body tr').first()).toBeVisible()
      await settle(page)
      await shot(page, '93-assistance-applications', size.tag)
      await page.goto('/assistance/notices/' + notice.id)
      await expect(page.getByTestId('notice-items')).toBeVisible()
      await settle(page)
      await shot(page, '94-assistance-notice', size.tag)
      const anon = await browser.newPage({ viewport: size.viewport, baseURL })
      await anon.goto('/print/notices/' + notice.id)
      await expect(anon.getByTestId('print-title')).toBeVisible()
      await shot(anon, '95-assistance-notice-print', size.tag)
      await anon.close()
      await page.goto('/assistance/cases')
      await expect(page.getByTestId('case-table')).toBeVisible()
      await settle(page)
      await shot(page, '96-assistance-cases', size.tag)
      await page.goto('/assistance/stats')
      await expect(page.getByTestId('asst-stats')).toBeVisible()
      await settle(page)
      await page.waitForTimeout(800)
      await shot(page, '97-assistance-stats', size.tag)

      await page.getByTestId('logout').click()
      await login(page, 'district')
      await page.goto('/assistance/policy')
      await expect(page.getByTestId('param-table').locator('.el-table__body tr').first()).toBeVisible()
      await settle(page)
      await shot(page, '98-assistance-policy', size.tag)

      await page.getByTestId('logout').click()
      await login(page, 'finance')
      await page.goto('/assistance/payroll')
      await page.getByTestId('payroll-preview').click()
      await expect(page.getByTestId('payroll-preview-result')).toBeVisible()
      await settle(page)
      await shot(page, '99-assistance-payroll', size.tag)
    })

    test(`verification pages ${size.tag} @screens`, async ({ page }) => {
      test.setTimeout(180_000)
      const { run } = await flaggedReport(page.request)
      const { draw, item, username } = await sampleToVisit(page.request)
      await useChinese(page)
      await login(page, 'verifier')
      await page.goto('/verification/snapshots')
      await expect(page.getByTestId('snapshot-table').locator('.el-table__row').first()).toBeVisible()
      await settle(page)
      await shot(page, '100-verification-snapshots', size.tag)
      await page.goto('/verification/runs')
      await expect(page.getByTestId('run-table').locator('.el-table__row').first()).toBeVisible()
      await settle(page)
      await shot(page, '101-verification-runs', size.tag)
      await page.goto('/verification/reports')
      await expect(page.getByTestId('report-table').locator('.el-table__row').first()).toBeVisible()
      await settle(page)
      await shot(page, '102-verification-reports', size.tag)
      await page.goto('/verification/reports/' + run.report_id)
      await expect(page.getByTestId('report-flag').first()).toBeVisible()
      await settle(page)
      await shot(page, '103-verification-report', size.tag)
      await page.getByTestId('flag-resolve').first().click()
      await expect(page.getByTestId('resolve-dialog')).toBeVisible()
      await shot(page, '104-verification-resolve', size.tag, false)
      await page.keyboard.press('Escape')
      await page.goto('/print/verification/' + run.report_id)
      await expect(page.getByTestId('print-title')).toBeVisible()
      await settle(page)
      await shot(page, '105-verification-print', size.tag)
      await page.goto('/verification/flags')
      await expect(page.getByTestId('flag-table')).toBeVisible()
      await settle(page)
      await shot(page, '106-verification-flags', size.tag)
      await page.goto('/verification/sampling/' + draw.id)
      await expect(page.getByTestId('draw-detail')).toBeVisible()
      await settle(page)
      await shot(page, '107-verification-sampling', size.tag)

      await page.getByTestId('logout').click()
      await login(page, username)
      await page.goto('/verification/sampling/items/' + item.id)
      await expect(page.getByTestId('sample-visit')).toBeVisible()
      await settle(page)
      await shot(page, '108-verification-visit', size.tag)
    })

    test(`admin and auditor pages ${size.tag} @screens`, async ({ page }) => {
      await useChinese(page)
      await login(page, 'admin')
      await page.goto('/system/accounts')
      await expect(page.getByTestId('account-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot(page, '50-accounts', size.tag)
      await page.getByTestId('account-create').click()
      await expect(page.getByTestId('af-username')).toBeVisible()
      await shot(page, '51-account-create', size.tag, false)
      await page.keyboard.press('Escape')

      await page.getByTestId('logout').click()
      await login(page, 'auditor')
      await page.goto('/system/audit')
      await expect(page.getByTestId('audit-table').locator('.el-table__body tr').first()).toBeVisible()
      await page.getByTestId('audit-verify').click()
      await expect(page.getByTestId('audit-verify-result')).toBeVisible()
      await shot(page, '60-audit', size.tag)
    })
  })
}
