import { test, expect, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { login, useChinese } from './helpers'
import { apiAs } from './charity-helpers'
import { DEMO_PLAN, plans } from './plan-helpers'

// `npm run screenshots`: the work-plan pages at 1440x900 and 390x844, to web/screenshots/.
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
  test.describe(`plan screens ${size.tag} @screens`, () => {
    test.use({ viewport: size.viewport, isMobile: size.mobile, hasTouch: size.mobile, deviceScaleFactor: 1 })

    test(`work plan pages ${size.tag} @screens`, async ({ page, baseURL }) => {
      test.setTimeout(120_000)
      const api = await apiAs(baseURL, 'district')
      const demo = (await plans(api)).find((p) => p.name === DEMO_PLAN)
      expect(demo, 'the demo plan').toBeTruthy()
      await useChinese(page)
      await login(page, 'district')

      await page.goto('/plan/plans')
      await expect(page.getByTestId('plan-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot(page, '120-plan-list', size.tag)
      await page.getByTestId('plan-import-open').click()
      const dlg = page.getByTestId('plan-import-dialog')
      await dlg.locator('input[type=file]').setInputFiles({
        name: '计划.csv', mimeType: 'text/csv',
        buffer: Buffer.from('体系名称,主要任务,子项目,完成时间,责任单位,2014年工作计划\n养老,,1.床位,明年,区民政局,床位10张\n,,2.站点,2015,,建站5个\n', 'utf-8'),
      })
      await page.getByTestId('plan-import-save').click()
      await expect(dlg.getByTestId('plan-import-refused')).toBeVisible()
      await shot(page, '121-plan-import-refused', size.tag, false)
      await page.keyboard.press('Escape')

      await page.goto(`/plan/plans/${demo!.id}`)
      await expect(page.getByTestId('plan-task').first()).toBeVisible()
      await shot(page, '122-plan-detail', size.tag, false)
      await shot(page, '122-plan-detail-full', size.tag)
      await page.getByTestId('target-chip').first().click()
      await expect(page.getByTestId('target-dialog')).toBeVisible()
      await shot(page, '123-plan-target-dialog', size.tag, false)
      await page.keyboard.press('Escape')

      await page.goto(`/plan/matrix?plan=${demo!.id}`)
      await expect(page.getByTestId('matrix-table')).toBeVisible()
      await shot(page, '124-plan-matrix', size.tag, false)
      // scrolled inside its card: the unit column and the header stay
      await page.getByTestId('matrix-scroll').evaluate((el) => el.scrollTo(400, 300))
      await shot(page, '124-plan-matrix-scrolled', size.tag, false)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, 'the page itself does not scroll sideways').toBeLessThanOrEqual(0)
      await page.goto(`/plan/matrix?plan=${demo!.id}&system=${encodeURIComponent('综合性社会救助体系')}`)
      await expect(page.getByTestId('matrix-system-head')).toHaveCount(1)
      await shot(page, '125-plan-matrix-system', size.tag, false)

      await page.goto('/plan/units')
      await expect(page.getByTestId('unit-table').locator('.el-table__body tr').first()).toBeVisible()
      await shot(page, '126-plan-units', size.tag)
      await api.dispose()
    })
  })
}
