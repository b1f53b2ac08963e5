import { test, expect } from '@playwright/test'
import { login, useChinese } from './helpers'

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })

test('person list on a phone (390x844)', async ({ page }) => {
  await useChinese(page)
  await login(page, 'beimen')
  await page.goto('/persons')
  await expect(page.getByTestId('menu-toggle')).toBeVisible()
  await expect(page.getByTestId('side-menu')).toBeHidden()
  const table = page.getByTestId('person-table')
  await expect(table.locator('.el-table__body tr').first()).toBeVisible()
  // nothing wider than the screen: the table scrolls inside its own box
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  const box = await page.getByTestId('person-search-btn').boundingBox()
  expect(box && box.x + box.width).toBeLessThanOrEqual(390)

  // the menu is a drawer
  await page.getByTestId('menu-toggle').click()
  await expect(page.getByTestId('menu-drawer').getByTestId('menu-households')).toBeVisible()
  await page.getByTestId('menu-drawer').getByTestId('menu-households').click()
  await expect(page).toHaveURL(/\/households$/)
  await expect(page.getByTestId('household-table')).toBeVisible()
})
