import { test, expect } from '@playwright/test'
import { CLERK, apiAs, newProject } from './charity-helpers'
import { login, useChinese } from './helpers'

// 隐私与安全 (issue 14): text a person typed is shown as text, never run as HTML.

test('the portal shows a donor named like a script as text, and runs nothing', async ({ browser, baseURL }) => {
  const api = await apiAs(baseURL, CLERK)
  const project = await newProject(api)
  const donor = '<script>alert(1)</script><img src=x onerror="window.__xss=1">'
  const res = await api.post('/api/v1/charity/donations', {
    data: { donor_kind: 'company', donor_name: donor, anonymous: false, form: 'money', amount_fen: 1_000, designation: { kind: 'project', project: project.id }, channel: 'wechat' },
  })
  expect(res.status(), await res.text()).toBe(201)
  const { receipt_code: code } = await res.json()
  await api.dispose()

  const anon = await browser.newContext({ baseURL, locale: 'zh-CN' })
  const p = await anon.newPage()
  const dialogs: string[] = []
  p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss() })
  await p.goto('/portal/trace/' + code)
  await expect(p.getByTestId('trace-donor')).toHaveText(donor)
  await expect(p.getByTestId('trace-donor').locator('script, img')).toHaveCount(0)
  expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
  expect(dialogs).toEqual([])
  await anon.close()
})

test('the auditor, who may not unmask, sees birth years and no birth date in the persons list', async ({ page }) => {
  await useChinese(page)
  await login(page, 'auditor')
  await page.goto('/persons')
  const births = page.getByTestId('person-table').getByTestId('person-birth')
  await expect(births.first()).toBeVisible()
  const texts = await births.allTextContents()
  expect(texts.length).toBeGreaterThan(0)
  for (const text of texts) expect(text.trim()).toMatch(/^\d{4}年$/)
  await expect(page.getByTestId('person-table')).not.toContainText(/\d{4}-\d{2}-\d{2}/)
})
