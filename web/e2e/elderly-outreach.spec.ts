import { test, expect, type Page } from '@playwright/test'
import { login, useChinese } from './helpers'

// 事找人 (docs/api.md "Register, allowances and 事找人"): the district officer opens the task list the daily
// search fills (the demo seeds open tasks), previews what enrolling a person would pay with its explanation, and
// dismisses a different task with a note.

/** The number in the pager's "共 N 条". */
async function pagerTotal(page: Page): Promise<number> {
  const text = (await page.locator('.el-pagination__total').first().textContent()) ?? ''
  return Number(/(\d+)/.exec(text)?.[1] ?? NaN)
}

test('the district officer previews an enrolment and dismisses another task', async ({ page }) => {
  await useChinese(page)
  await login(page, 'district')
  await page.getByTestId('menu-eld-outreach').click()
  await expect(page).toHaveURL(/\/elderly\/outreach$/)
  await expect(page.getByTestId('run-panel')).toBeVisible()

  const rows = page.getByTestId('task-table').locator('.el-table__body-wrapper .el-table__row')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeGreaterThan(1)
  await expect(page.getByTestId('task-row-status').first()).toHaveAttribute('data-status', 'open')
  const before = await pagerTotal(page)
  expect(before).toBeGreaterThan(1)

  // 纳入: the preview shows the monthly amount and the explanation before anything is confirmed
  await page.getByTestId('task-row-enrol').first().click()
  const dialog = page.getByTestId('enrol-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('enrol-eligible')).toHaveText('符合条件')
  await expect(dialog.getByTestId('enrol-monthly')).toHaveText(/^\d[\d,]*\.\d\d$/)
  const lines = dialog.getByTestId('enrol-explanation').locator('li')
  expect(await lines.count()).toBeGreaterThan(1)
  await expect(lines.last()).toContainText('结论')
  // a bad bank account is refused next to the field, and nothing is enrolled
  await dialog.getByTestId('enrol-bank-name').fill('新会农商银行')
  await dialog.getByTestId('enrol-bank-account').fill('12ab')
  await dialog.getByTestId('enrol-submit').click()
  await expect(dialog.locator('.el-form-item.is-error')).toContainText('银行账号应为8至32位数字')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(dialog).toBeHidden()
  expect(await pagerTotal(page)).toBe(before)

  // 不予纳入 the second task: a note is required (at least 4 characters)
  const note = '已在外地领取' + Date.now().toString(36)
  await rows.nth(1).getByTestId('task-row-dismiss').click()
  const close = page.getByTestId('close-dialog')
  await expect(close).toBeVisible()
  await close.getByTestId('close-note').fill('无')
  await close.getByTestId('close-submit').click()
  await expect(close.locator('.el-form-item.is-error')).toContainText('至少4个字')
  await close.getByTestId('close-note').fill(note)
  await close.getByTestId('close-submit').click()
  await expect(close).toBeHidden()
  await expect.poll(() => pagerTotal(page)).toBe(before - 1)

  // the dismissed list has it, with the note and who handled it
  await page.getByTestId('task-status-filter').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '不予纳入' }).click()
  await page.getByTestId('task-search-btn').click()
  const dismissed = page.getByTestId('task-table').locator('.el-table__body-wrapper .el-table__row', { hasText: note })
  await expect(dismissed).toHaveCount(1)
  await expect(dismissed).toContainText('district')
  await expect(dismissed.getByTestId('task-row-status')).toHaveAttribute('data-status', 'dismissed')
})
