import { test, expect } from '@playwright/test'
import { login, pickRegion, rareName, useChinese, validId } from './helpers'

const H = { 'X-Requested-With': 'minzheng' }

test('person: create, edit with version, stale edit shows the conflict; export downloads', async ({ page }) => {
  await useChinese(page)
  await login(page, 'huicheng')
  await page.goto('/persons')
  await page.getByTestId('person-create').click()
  const id = validId()
  const { name } = rareName()
  await page.getByTestId('pf-id_number-input').fill(id)
  await page.getByTestId('pf-name-input').fill(name)
  await pickRegion(page, 'pf-hukou-region', ['会城街道'], '440705001002')
  await pickRegion(page, 'pf-region', ['会城街道'], '440705001002')
  await page.getByTestId('person-save').click()
  await expect(page.getByTestId('person-dialog')).toBeHidden()

  // open it by its ID number, then edit
  await page.getByTestId('person-q').fill(id)
  await page.getByTestId('person-search-btn').click()
  await expect(page.getByTestId('person-table').locator('.el-table__body tr')).toHaveCount(1)
  await page.getByTestId('person-table').getByTestId('person-name').first().click()
  await expect(page.getByTestId('person-detail')).toBeVisible()
  await page.getByTestId('person-show-full').click()
  await expect(page.getByTestId('person-detail-id')).toHaveText(id)
  const pid = page.url().split('/').pop()!

  await page.getByTestId('person-detail-edit').click()
  await expect(page.getByTestId('pf-id_number-input')).toHaveValue(id)
  await page.getByTestId('pf-phone').locator('input').fill('13912345678')
  await page.getByTestId('person-save').click()
  await expect(page.getByTestId('person-dialog')).toBeHidden()

  // someone else saves in between: our stale version gets 409, shown in the dialog, input kept
  await page.getByTestId('person-detail-edit').click()
  await expect(page.getByTestId('pf-id_number-input')).toHaveValue(id)
  const cur = await (await page.request.get(`/api/v1/persons/${pid}?unmask=true`, { headers: H })).json()
  const { id: _i, masked: _m, age: _a, household_id: _h, relation: _r, created_at: _c, updated_at: _u, hukou_region_name: _hn, region_name: _rn, grid_code: _g, birth_year: _by, ...input } = cur
  const upd = await page.request.put(`/api/v1/persons/${pid}`, { data: { ...input, phone: '13700000000' }, headers: H })
  expect(upd.status()).toBe(200)
  await page.getByTestId('pf-phone').locator('input').fill('13600000000')
  await page.getByTestId('person-save').click()
  await expect(page.getByTestId('form-error')).toBeVisible()
  await expect(page.getByTestId('pf-phone').locator('input')).toHaveValue('13600000000')
  await page.keyboard.press('Escape')

  await page.goto('/persons')
  const download = page.waitForEvent('download')
  await page.getByTestId('person-export').click()
  const d = await download
  expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
})

test('household: edit members (relation) with version; history listed', async ({ page }) => {
  await useChinese(page)
  await login(page, 'beimen')
  const mk = () => ({
    id_number: validId(), alt_id_type: null, alt_id: null, name: rareName().name, gender: null, birth_date: null, ethnicity: '汉族', phone: null,
    hukou_region_code: '440705001001', region_code: '440705001001', hukou_type: 'urban', alive: true, death_date: null, disability: null, priority_care: null, orphan: false,
  })
  const res = await page.request.post('/api/v1/households', {
    data: { region_code: '440705001001', address: '北门路1号', members: [{ relation: 'head', person: mk() }, { relation: 'other', person: mk() }] },
    headers: H,
  })
  expect(res.status()).toBe(201)
  const hh = await res.json()
  await page.goto('/households/' + hh.id)
  await expect(page.getByTestId('household-members').locator('.el-table__body tr')).toHaveCount(2)
  await page.getByTestId('household-edit').click()
  const dlg = page.getByTestId('household-edit-dialog')
  await expect(dlg).toBeVisible()
  await page.getByTestId('he-m1-relation').click()
  await page.locator('.el-select-dropdown:visible').getByText('配偶', { exact: true }).click()
  await page.getByTestId('household-edit-save').click()
  await expect(dlg).toBeHidden()
  await expect(page.getByTestId('household-members')).toContainText('配偶')
  await expect(page.getByTestId('household-history').locator('.el-table__body tr').first()).toBeVisible()
})

test('accounts: create with role and region, then deactivate; audit chain verifies', async ({ page }) => {
  await useChinese(page)
  await login(page, 'admin')
  await page.getByTestId('menu-accounts').click()
  await page.getByTestId('account-create').click()
  const username = 'grid' + Date.now().toString(36)
  await page.getByTestId('af-username').fill(username)
  await page.getByTestId('af-display-name').fill('北门网格员')
  await page.getByTestId('af-role').click()
  await page.locator('.el-select-dropdown:visible').getByText('村居工作人员', { exact: true }).click()
  await pickRegion(page, 'af-region', ['会城街道'], '440705001001')
  await page.getByTestId('af-password').fill('short')
  await page.getByTestId('account-save').click()
  await expect(page.getByTestId('account-dialog').locator('.is-error .el-form-item__error')).toBeVisible()
  await page.getByTestId('af-password').fill('Grid2026pass')
  await page.getByTestId('account-save').click()
  await expect(page.getByTestId('account-dialog')).toBeHidden()
  const row = page.getByTestId('account-table').locator('.el-table__body tr', { hasText: username })
  await expect(row).toContainText('北门社区居委会')
  await page.getByTestId('account-edit-' + username).click()
  await page.getByTestId('af-active').click()
  await page.getByTestId('account-save').click()
  await expect(page.getByTestId('account-dialog')).toBeHidden()
  await expect(row).toContainText('停用')

  await page.getByTestId('logout').click()
  await login(page, 'auditor')
  await page.goto('/system/audit')
  await page.getByTestId('audit-verify').click()
  await expect(page.getByTestId('audit-verify-result')).toContainText('哈希链完整')
})
