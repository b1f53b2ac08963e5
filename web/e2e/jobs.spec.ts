import { test, expect } from '@playwright/test'
import { login, useChinese, validId } from './helpers'

// 系统管理 → 后台任务: an import shows up as a job of the runner, with its progress bar at 100% and
// its outcome; other roles have no such menu entry.
test('an import is listed as a finished job on the background jobs page', async ({ page }) => {
  await useChinese(page)
  await login(page, 'district')
  await page.getByTestId('menu-imports').click()
  const header = '身份证号,姓名,性别,出生日期,民族,联系电话,户籍地区划代码,居住地区划代码,户籍类型,残疾类别,残疾等级,残疾证号,优抚类别,孤儿'
  const csv = '\ufeff' + [header, `${validId()},任务导入,,,汉族,,440705001001,440705001001,城镇,,,,,否`].join('\r\n') + '\r\n'
  await page.getByTestId('import-kind-persons').click()
  await page.getByTestId('import-mode-valid').click()
  await page.locator('input[type=file]').setInputFiles({ name: 'jobs-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByTestId('import-start').click()
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-percent', '100', { timeout: 30_000 })
  await expect(page.getByTestId('menu-jobs')).toHaveCount(0)

  await page.context().clearCookies()
  await login(page, 'admin')
  await page.getByTestId('menu-jobs').click()
  await expect(page).toHaveURL(/\/system\/jobs$/)
  const table = page.getByTestId('jobs-table')
  const row = table.locator('.el-table__body tr', { hasText: 'district' }).filter({ hasText: '数据导入' }).first()
  await expect(row).toBeVisible()
  await expect(row).toContainText('已完成', { timeout: 15_000 })
  await expect(row.getByTestId('jobs-progress')).toContainText('100%')
  await expect(row).toContainText('1 stored')

  // the filters narrow the list
  await page.getByTestId('jobs-state').click()
  await page.getByRole('option', { name: '失败' }).click()
  await page.getByRole('button', { name: '查询' }).click()
  await expect(table.getByTestId('jobs-state-tag').filter({ hasText: '已完成' })).toHaveCount(0)
})
