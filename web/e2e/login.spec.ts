import { test, expect } from '@playwright/test'
import { createThrowawayAccount, useChinese } from './helpers'

test('login failure shows the API message, in Chinese and in English', async ({ page }) => {
  await useChinese(page)
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible()
  const user = 'nobody' + Date.now()
  await page.getByTestId('login-username').fill(user)
  await page.getByTestId('login-password').fill('Wrong-password-1')
  await page.getByTestId('login-submit').click()
  const err = page.getByTestId('login-error')
  await expect(err).toBeVisible()
  const zh = (await err.innerText()).trim()
  expect(zh).toMatch(/[\u4e00-\u9fff]/)
  await expect(page).toHaveURL(/\/login/)

  await page.getByTestId('lang-switch').click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByTestId('login-password').fill('Wrong-password-1')
  await page.getByTestId('login-submit').click()
  await expect(err).toBeVisible()
  await expect(err).not.toHaveText(zh)
  expect(await err.innerText()).toMatch(/[A-Za-z]{3,}/)
})

test('unauthenticated pages lead to the login page', async ({ page }) => {
  await useChinese(page)
  await page.goto('/persons')
  await expect(page).toHaveURL(/\/login\?redirect=/)
})

test('too many failed logins (429) are shown clearly', async ({ page, request }) => {
  const user = await createThrowawayAccount(request, 'lock')
  await useChinese(page)
  await page.goto('/login')
  await page.getByTestId('login-username').fill(user)
  for (let i = 0; i < 6; i++) {
    await page.getByTestId('login-password').fill('Wrong-password-' + i)
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('login-error').or(page.getByTestId('login-throttled'))).toBeVisible()
    if (await page.getByTestId('login-throttled').isVisible()) break
  }
  const throttled = page.getByTestId('login-throttled')
  await expect(throttled).toBeVisible()
  await expect(throttled).toContainText('登录尝试过于频繁')
  await expect(throttled).toContainText('秒后再试')
})
