import { test, expect } from '@playwright/test'
import { login, useChinese } from './helpers'

test('population dashboard renders charts and numbers', async ({ page }) => {
  await useChinese(page)
  await login(page, 'district')
  await page.goto('/dashboard')
  await expect(page.getByTestId('dashboard-region')).toHaveText('新会区')
  const persons = page.getByTestId('stat-persons').locator('.stat-value')
  await expect(persons).toHaveText(/^[\d,]+$/)
  expect(Number((await persons.innerText()).replace(/,/g, ''))).toBeGreaterThan(0)
  await expect(page.getByTestId('stat-households').locator('.stat-value')).toHaveText(/^[\d,]+$/)
  await expect(page.getByTestId('stat-elderly-60').locator('.stat-value')).toContainText(/\d/)
  for (const c of ['chart-by-child', 'chart-pyramid', 'chart-disability-kind', 'chart-disability-grade']) {
    await expect(page.getByTestId(c).locator('canvas').first()).toBeVisible()
  }
  // the region tree narrows it to a town
  await page.getByTestId('region-tree').locator('.region-name', { hasText: /^会城街道$/ }).click()
  await expect(page.getByTestId('dashboard-region')).toHaveText('会城街道')
  const town = Number((await persons.innerText()).replace(/,/g, ''))
  expect(town).toBeGreaterThan(0)
})
