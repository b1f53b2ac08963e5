import { test, expect } from '@playwright/test'
import { login, pickRegion, rareName, useChinese, validId, wrongCheck } from './helpers'

// 1) and 2): one household registered by the district officer, then looked for from another town.
test.describe.serial('household registration and region scope', () => {
  const id = validId()
  const { name, initials } = rareName()

  test('district officer creates a household; a wrong ID number is shown under the field', async ({ page }) => {
    await useChinese(page)
    await login(page, 'district')
    await page.getByTestId('menu-households').click()
    await expect(page).toHaveURL(/\/households$/)
    await page.getByTestId('household-create').click()
    const dlg = page.getByTestId('household-dialog')
    await expect(dlg).toBeVisible()

    await pickRegion(page, 'hf-region', ['会城街道'], '440705001001')
    await expect(page.getByTestId('hf-region')).toHaveValue(/北门社区居委会/)
    await page.getByTestId('hf-address-input').fill('会城街道北门路' + (10 + Math.floor(Math.random() * 90)) + '号')

    // the head (member 0, a new person) with a wrong check character
    const bad = wrongCheck(id)
    await page.getByTestId('hf-m0-id_number-input').fill(bad)
    await page.getByTestId('hf-m0-name-input').fill(name)
    await page.getByTestId('household-save').click()

    const idItem = page.getByTestId('hf-m0-id_number')
    const fieldError = idItem.locator('.el-form-item__error')
    await expect(fieldError).toBeVisible()
    await expect(fieldError).toContainText(/身份证|校验/)
    await expect(fieldError).toHaveCSS('color', 'rgb(245, 108, 108)')
    // the dialog stays open with the input kept
    await expect(dlg).toBeVisible()
    await expect(page.getByTestId('hf-m0-id_number-input')).toHaveValue(bad)
    await expect(page.getByTestId('hf-m0-name-input')).toHaveValue(name)

    // correct it and save
    await page.getByTestId('hf-m0-id_number-input').fill(id)
    await expect(fieldError).toBeHidden()
    await page.getByTestId('household-save').click()
    await expect(dlg).toBeHidden()
    await expect(page).toHaveURL(/\/households\/\d+$/)
    await expect(page.getByTestId('household-members')).toBeVisible()

    // find the head by the pinyin initials of the name
    await page.getByTestId('menu-persons').click()
    await page.getByTestId('person-q').fill(initials)
    await page.getByTestId('person-search-btn').click()
    await page.getByTestId('person-unmask').click()
    const table = page.getByTestId('person-table')
    await expect(table.getByTestId('person-id').filter({ hasText: id })).toHaveCount(1)
    await expect(table.getByTestId('person-name').filter({ hasText: name })).toHaveCount(1)

    // and by the ID number, masked by default
    await page.getByTestId('person-unmask').click()
    await page.getByTestId('person-q').fill(id)
    await page.getByTestId('person-search-btn').click()
    await expect(table.locator('.el-table__body tr')).toHaveCount(1)
    await expect(table.getByTestId('person-id').first()).toContainText('*')
    await expect(table.getByTestId('person-id').first()).toContainText(id.slice(-4))
  })

  test('a town officer of 司前镇 does not find the person', async ({ page }) => {
    await useChinese(page)
    await login(page, 'siqian')
    await expect(page.getByTestId('who-region')).toContainText('司前镇')
    await page.getByTestId('menu-persons').click()
    const table = page.getByTestId('person-table')
    await expect(table.locator('.el-table__body tr').first()).toBeVisible()

    await page.getByTestId('person-unmask').click()
    await page.getByTestId('person-q').fill(initials)
    await page.getByTestId('person-search-btn').click()
    await expect(table.locator('.el-loading-mask')).toHaveCount(0)
    await expect(table.getByTestId('person-id').filter({ hasText: id })).toHaveCount(0)
    await expect(table.getByTestId('person-name').filter({ hasText: name })).toHaveCount(0)

    await page.getByTestId('person-q').fill(id)
    await page.getByTestId('person-search-btn').click()
    await expect(table.locator('.el-table__empty-text')).toBeVisible()
    await expect(table.locator('.el-table__body tr')).toHaveCount(0)
  })
})
