import { test, expect, type Page } from '@playwright/test'
import { login, useChinese } from './helpers'
import { apiAs } from './charity-helpers'
import { DEMO_PLAN, fieldInput, fillYear, importPlan, plans, smallPlan } from './plan-helpers'

// 大民政工作计划: the district officer reads the demo plan's responsibility matrix, imports plan tables
// (a malformed one is refused with its row and column, nothing stored), corrects a target read
// from a plan text and creates a plan in the console, adding its tasks one by one.

const OFFICER = 'district'
const FIRST_TASK = '1.推进“养老与医疗”结合，依托医院设立养老康复区'
const ORG_SYSTEM = '社会组织参与社会管理工作体系'

/** Chooses an option of the Element select with `testid`. */
async function choose(page: Page, testid: string, option: string) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

/** Uploads `csv` as a file in the import dialog and imports it under `name`. */
async function importInDialog(page: Page, name: string, csv: string, fileName = '工作计划.csv') {
  await page.getByTestId('plan-import-open').click()
  const dlg = page.getByTestId('plan-import-dialog')
  await expect(dlg).toBeVisible()
  await page.getByTestId('plan-import-name').fill(name)
  await dlg.locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') })
  await page.getByTestId('plan-import-save').click()
}

test.beforeEach(async ({ page }) => {
  await useChinese(page)
})

test('the matrix of the demo plan: units × tasks with lead and related marks; a system filter narrows the columns', async ({ page }) => {
  await login(page, OFFICER)
  await page.getByTestId('menu-pl-plans').click()
  await expect(page).toHaveURL(/\/plan\/plans$/)
  const row = page.getByTestId('plan-table').locator('.el-table__body tr', { hasText: DEMO_PLAN }).first()
  await expect(row).toBeVisible()
  await row.getByTestId('plan-matrix').click()
  await expect(page).toHaveURL(/\/plan\/matrix\?plan=\d+/)

  const table = page.getByTestId('matrix-table')
  await expect(table).toBeVisible()
  for (const unit of ['区民政局', '区财政局', '区残联']) await expect(table.locator(`tr[data-unit-name="${unit}"]`)).toHaveCount(1)
  // the demo plan has 22 tasks under 5 systems
  await expect(page.getByTestId('matrix-task')).toHaveCount(22)
  await expect(page.getByTestId('matrix-system-head')).toHaveCount(5)
  // 区卫计局 leads the first task; 区财政局 is related to it
  const lead = table.locator(`td[data-unit-name="区卫计局"][data-task-name="${FIRST_TASK}"]`)
  await expect(lead).toHaveAttribute('data-role', 'lead')
  await expect(lead).toHaveText('●')
  const related = table.locator(`td[data-unit-name="区财政局"][data-task-name="${FIRST_TASK}"]`)
  await expect(related).toHaveAttribute('data-role', 'related')
  await expect(related).toHaveText('○')
  // a unit without a part in the task: an empty cell
  await expect(table.locator(`td[data-unit-name="区残联"][data-task-name="${FIRST_TASK}"]`)).toHaveAttribute('data-role', '')

  // one system: only its tasks remain, the first task's column goes
  await choose(page, 'matrix-system', ORG_SYSTEM)
  await expect(page).toHaveURL(/system=/)
  await expect(page.getByTestId('matrix-system-head')).toHaveCount(1)
  await expect(page.getByTestId('matrix-system-head')).toHaveText(ORG_SYSTEM)
  const n = await page.getByTestId('matrix-task').count()
  expect(n).toBeGreaterThan(0)
  expect(n).toBeLessThan(22)
  await expect(table.locator(`td[data-task-name="${FIRST_TASK}"]`)).toHaveCount(0)
  await expect(page.getByTestId('matrix-task').first()).toContainText('1.继续抓好社会组织登记任务的落实')
  // the system's lead unit is still a row; a unit with no part in it is not
  await expect(table.locator('tr[data-unit-name="区民政局"]')).toHaveCount(1)
  await expect(table.locator('tr[data-unit-name="区卫计局"]')).toHaveCount(0)

  // a task's header opens the plan at that task
  await page.getByTestId('matrix-task').first().locator('a').click()
  await expect(page).toHaveURL(/\/plan\/plans\/\d+#task-\d+/)
  await expect(page.getByTestId('plan-task-name').filter({ hasText: '1.继续抓好社会组织登记任务的落实' })).toBeVisible()
})

test('a plan table with a completion time that is not a year is refused with its row and column, and nothing is stored', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL, OFFICER)
  const before = await plans(api)
  const name = `e2e错误计划${Date.now().toString(36)}`
  const csv = '体系名称,主要任务,子项目,完成时间,责任单位,2014年工作计划\n社会养老服务体系,,1.民办养老机构新增床位,明年,区民政局、区财政局,新增床位100张。\n'

  await login(page, OFFICER)
  await page.goto('/plan/plans')
  await expect(page.getByTestId('plan-table')).toBeVisible()
  await importInDialog(page, name, csv)
  const dlg = page.getByTestId('plan-import-dialog')
  await expect(dlg.getByTestId('plan-import-refused')).toBeVisible()
  const errors = dlg.getByTestId('plan-import-errors').locator('.el-table__body tr')
  await expect(errors).toHaveCount(1)
  await expect(errors.first().getByTestId('plan-error-row')).toHaveText('2')
  await expect(errors.first().getByTestId('plan-error-column')).toHaveText('完成时间')
  await expect(errors.first().getByTestId('plan-error-reason')).toContainText('明年')
  // the dialog stays open on the problems; nothing was added
  await expect(page).toHaveURL(/\/plan\/plans$/)
  await dlg.getByRole('button', { name: '取消' }).click()
  await expect(page.getByTestId('plan-table')).not.toContainText(name)
  expect((await plans(api)).length).toBe(before.length)
  expect((await plans(api)).some((p) => p.name === name)).toBe(false)
  await api.dispose()
})

test('importing a valid plan table opens the new plan with its task and lead unit', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL, OFFICER)
  const before = (await plans(api)).length
  const p = smallPlan('导入')

  await login(page, OFFICER)
  await page.goto('/plan/plans')
  await importInDialog(page, p.name, p.csv)
  await expect(page).toHaveURL(/\/plan\/plans\/\d+$/)
  await expect(page.getByTestId('plan-title')).toHaveText(p.name)
  const task = page.getByTestId('plan-task').filter({ hasText: p.task })
  await expect(task.getByTestId('plan-task-name')).toHaveText(p.task)
  await expect(task.getByTestId('line-lead')).toContainText('区民政局')
  await expect(task.getByTestId('line-related')).toHaveText(['区财政局'])
  await expect(task.getByTestId('plan-system-name')).toHaveCount(0)
  await expect(page.getByTestId('plan-system-name')).toHaveText(['e2e测试体系'])
  // the targets read from the texts
  await expect(task.locator('[data-testid="line-year"][data-year="2014"]').getByTestId('target-value')).toHaveText(['250张'])
  await expect(task.locator('[data-testid="line-year"][data-year="2015"]').getByTestId('target-value')).toHaveText(['130张'])

  // it is in the list
  expect((await plans(api)).length).toBe(before + 1)
  await page.goto('/plan/plans')
  await expect(page.getByTestId('plan-table')).toContainText(p.name)
  await api.dispose()
})

test('a target read from a plan text is corrected: 250张 becomes 260张 and stays after a reload', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL, OFFICER)
  const p = smallPlan('指标')
  const id = await importPlan(api, p.name, p.csv)

  await login(page, OFFICER)
  await page.goto(`/plan/plans/${id}`)
  const year = page.getByTestId('plan-task').filter({ hasText: p.task }).locator('[data-testid="line-year"][data-year="2014"]')
  const chip = year.getByTestId('target-chip').filter({ hasText: '250张' })
  await expect(chip).toContainText('设立床位')
  await chip.click()
  const dlg = page.getByTestId('target-dialog')
  await expect(dlg).toBeVisible()
  // the plan text is shown for reference; the quantity starts from what was read
  await expect(dlg).toContainText('设立床位250张')
  const qty = page.getByTestId('target-quantity')
  await expect(qty).toHaveValue('250')
  await expect(page.locator('input[data-testid="target-unit"], [data-testid="target-unit"] input')).toHaveValue('张')
  await qty.fill('260')
  await page.getByTestId('target-save').click()
  await expect(dlg).toBeHidden()
  await expect(year.getByTestId('target-value')).toHaveText(['260张'])

  await page.reload()
  await expect(year.getByTestId('target-value')).toHaveText(['260张'])
  await expect(year.getByTestId('target-chip')).toHaveClass(/edited/)
  await api.dispose()
})

test('a plan created in the console gets a task: its lead and related units and the target read from its text', async ({ page }) => {
  const name = `e2e新建计划${Date.now().toString(36)}`
  const task = '1.新建日间照料中心'

  await login(page, OFFICER)
  await page.goto('/plan/plans')
  await page.getByTestId('plan-create-open').click()
  const createDlg = page.getByTestId('plan-create-dialog')
  await expect(createDlg).toBeVisible()
  await fieldInput(page, 'plan-create-name').fill(name)
  await fillYear(page, 'plan-create-from', 2026)
  await fillYear(page, 'plan-create-to', 2027)
  await page.getByTestId('plan-create-save').click()
  await expect(page).toHaveURL(/\/plan\/plans\/\d+$/)
  await expect(page.getByTestId('plan-title')).toHaveText(name)
  await expect(page.getByTestId('plan-task')).toHaveCount(0)

  // one line: system, task, year, units (the first leads) and the 2026 plan text
  await page.getByTestId('line-add-open').click()
  const dlg = page.getByTestId('line-dialog')
  await expect(dlg).toBeVisible()
  await expect(dlg.getByTestId('line-plan-2026')).toBeVisible()
  await expect(dlg.getByTestId('line-plan-2027')).toBeVisible()
  await fieldInput(page, 'line-system').fill('社会养老服务体系')
  await fieldInput(page, 'line-task').fill(task)
  await fillYear(page, 'line-due-year', 2026)
  await fieldInput(page, 'line-units').fill('区民政局、区财政局')
  await dlg.getByTestId('line-plan-2026').fill('建成3间，每间补助10万元')
  await page.getByTestId('line-save').click()
  await expect(dlg).toBeHidden()

  await expect(page.getByTestId('plan-system-name')).toHaveText(['社会养老服务体系'])
  const line = page.getByTestId('plan-task').filter({ hasText: task })
  await expect(line.getByTestId('plan-task-name')).toHaveText(task)
  await expect(line.getByTestId('line-lead')).toContainText('牵头')
  await expect(line.getByTestId('line-lead')).toContainText('区民政局')
  await expect(line.getByTestId('line-related')).toHaveText(['区财政局'])
  const y2026 = line.locator('[data-testid="line-year"][data-year="2026"]')
  await expect(y2026).toContainText('建成3间，每间补助10万元')
  const chip = y2026.getByTestId('target-chip').filter({ has: page.getByTestId('target-value').filter({ hasText: /^3间$/ }) })
  await expect(chip).toHaveCount(1)
  await expect(chip).not.toHaveClass(/edited/)
  // it stays after a reload
  await page.reload()
  await expect(page.getByTestId('plan-task').filter({ hasText: task }).getByTestId('line-lead')).toContainText('区民政局')

  // without responsible units the line is refused, the message under 责任单位
  await page.getByTestId('line-add-open').click()
  await expect(dlg).toBeVisible()
  await fieldInput(page, 'line-system').fill('社会养老服务体系')
  await fieldInput(page, 'line-task').fill('2.无责任单位的任务')
  await fillYear(page, 'line-due-year', 2027)
  await expect(fieldInput(page, 'line-units')).toHaveValue('')
  await page.getByTestId('line-save').click()
  const units = dlg.locator('.el-form-item', { has: fieldInput(page, 'line-units') })
  await expect(units).toHaveClass(/is-error/)
  await expect(units.locator('.el-form-item__error')).toContainText('责任单位')
  await expect(dlg.locator('.el-form-item.is-error')).toHaveCount(1)
  await expect(dlg).toBeVisible()
  await dlg.getByRole('button', { name: '取消' }).click()
  await expect(page.getByTestId('plan-task')).toHaveCount(1)
})
