import { test, expect } from '@playwright/test'
import { login, useChinese, validId, wrongCheck } from './helpers'

test('import a CSV in valid_only mode: progress to 100% and the bad row listed', async ({ page }) => {
  await useChinese(page)
  await login(page, 'district')
  await page.getByTestId('menu-imports').click()
  await expect(page).toHaveURL(/\/imports$/)

  const header = '身份证号,姓名,性别,出生日期,民族,联系电话,户籍地区划代码,居住地区划代码,户籍类型,残疾类别,残疾等级,残疾证号,优抚类别,孤儿'
  const good = `${validId()},测试导入,,,汉族,13800138000,440705001001,440705001001,城镇,,,,,否`
  const bad = `${wrongCheck(validId())},错误行,,,汉族,,440705001001,440705001001,农村,,,,,否`
  const csv = '\ufeff' + [header, good, bad].join('\r\n') + '\r\n'

  await page.getByTestId('import-kind-persons').click()
  await page.getByTestId('import-mode-valid').click()
  await page.locator('input[type=file]').setInputFiles({ name: 'persons.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByTestId('import-start').click()

  const progress = page.getByTestId('import-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('data-percent', '100', { timeout: 30_000 })
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-status', 'done')
  await expect(page.getByTestId('import-inserted')).toHaveText('1')
  await expect(page.getByTestId('import-failed')).toHaveText('1')
  const errors = page.getByTestId('import-errors')
  await expect(errors).toBeVisible()
  const rows = errors.locator('.el-table__body tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.first().locator('td').nth(0)).toHaveText('3')
  await expect(rows.first()).toContainText('身份证')
})
