import { test, expect, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { login, useChinese } from './helpers'
import { newHousehold } from './assistance-helpers'
import { CLERK, apiAs, donateToProject, newProject } from './charity-helpers'

// `npm run screenshots`: the charity pages and the public portal at 1440x900 and 390x844, to web/screenshots/.
const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'screenshots')
fs.mkdirSync(OUT, { recursive: true })

const SIZES = [
  { tag: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
  { tag: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
]

async function shot(page: Page, name: string, tag: string, fullPage = true) {
  await page.waitForLoadState('networkidle')
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 15000 })
  await page.waitForTimeout(500)
  await page.screenshot({ path: path.join(OUT, `${name}-${tag}.png`), fullPage, animations: 'disabled' })
}

for (const size of SIZES) {
  test.describe(`charity screens ${size.tag} @screens`, () => {
    test.use({ viewport: size.viewport, isMobile: size.mobile, hasTouch: size.mobile, deviceScaleFactor: 1 })

    test(`charity pages and portal ${size.tag} @screens`, async ({ page, baseURL }) => {
      test.setTimeout(180_000)
      const clerk = await apiAs(baseURL, CLERK)
      const district = await apiAs(baseURL, 'district')
      const project = await newProject(clerk, '困难学生助学')
      const donation = await donateToProject(clerk, project, 80_000, '司马善捐')
      const hh = await newHousehold(district)
      const res = await clerk.post('/api/v1/charity/allocations', {
        data: { fund_id: project.fund_id, project_id: project.id, recipient_kind: 'household', household_id: hh.id, amount_fen: 30_000, purpose: '秋季学期助学金' },
      })
      expect(res.status(), await res.text()).toBe(201)

      // the public portal and a trace, without login
      await useChinese(page)
      await page.goto('/portal')
      await expect(page.getByTestId('portal-totals')).toBeVisible()
      await page.waitForTimeout(600)
      await shot(page, '80-portal', size.tag)
      await page.goto('/portal/trace/' + donation.receipt_code)
      await expect(page.getByTestId('trace-money')).toBeVisible()
      await shot(page, '81-portal-trace', size.tag)

      // the clerk's pages
      await login(page, CLERK)
      await page.goto('/charity/donations')
      await expect(page.getByTestId('donation-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot(page, '82-charity-donations', size.tag)
      await page.getByTestId('donation-create').click()
      await expect(page.getByTestId('donation-dialog')).toBeVisible()
      await page.getByTestId('designation-project').click()
      await shot(page, '83-charity-donation-new', size.tag, false)
      await page.keyboard.press('Escape')

      await page.goto('/charity/donations/' + donation.id)
      await expect(page.getByTestId('receipt-card')).toBeVisible()
      await shot(page, '84-charity-donation-detail', size.tag)
      await page.goto('/print/charity/receipts/' + donation.id)
      await expect(page.getByTestId('receipt-sheet')).toBeVisible()
      await shot(page, '85-charity-receipt', size.tag)

      await page.goto(`/charity/allocations/new?project_id=${project.id}`)
      await page.getByTestId('allocation-household').locator('input').fill(hh.head.id)
      await page.locator('[data-testid="household-option"]:visible').click()
      await page.getByTestId('allocation-amount').fill('9000000')
      await page.getByTestId('allocation-purpose').fill('助学金')
      await expect(page.getByTestId('preview-refusal')).toBeVisible()
      await shot(page, '86-charity-allocation-refused', size.tag)
      await page.getByTestId('allocation-amount').fill('100')
      await expect(page.getByTestId('preview-ok')).toBeVisible()
      await shot(page, '87-charity-allocation-preview', size.tag)

      await page.goto('/charity/campaigns')
      await expect(page.getByTestId('campaign-card').first()).toBeVisible()
      await shot(page, '88-charity-campaigns', size.tag)
      await page.goto('/charity/funds')
      await expect(page.getByTestId('project-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot(page, '89-charity-funds', size.tag)
      await page.goto('/charity/ledger')
      await page.getByTestId('ledger-verify').click()
      await expect(page.getByTestId('verify-result')).toBeVisible()
      await shot(page, '90-charity-ledger', size.tag)
      await page.goto('/charity/report')
      await expect(page.getByTestId('report-summary')).toBeVisible()
      await shot(page, '91-charity-report', size.tag)
      await page.goto('/print/charity/report/' + new Date().getFullYear())
      await expect(page.getByTestId('report-print-title')).toBeVisible()
      await shot(page, '92-charity-report-print', size.tag)
      await clerk.dispose()
      await district.dispose()
    })
  })
}
