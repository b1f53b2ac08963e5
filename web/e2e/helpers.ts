import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const PASSWORD = process.env.MZ_PASSWORD ?? 'Minzheng@2026'

/** GB 11643 check character of 17 digits. */
export function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return '10X98765432'[s % 11]
}

const rnd = (n: number) => Math.floor(Math.random() * n)

/** A valid 18-digit ID number of 新会区 (440705) with a random birth date and sequence. */
export function validId(region = '440705'): string {
  const y = 1950 + rnd(50)
  const m = String(1 + rnd(12)).padStart(2, '0')
  const d = String(1 + rnd(28)).padStart(2, '0')
  const s17 = `${region}${y}${m}${d}${String(rnd(1000)).padStart(3, '0')}`
  return s17 + checkChar(s17)
}

/** The same ID with a wrong check character. */
export function wrongCheck(id: string): string {
  const good = id[17]
  const bad = '0123456789X'.split('').find((c) => c !== good)!
  return id.slice(0, 17) + bad
}

/**
 * A rare four-character name (复姓 + two given characters of unambiguous reading) and its pinyin initials,
 * so that searching by the initials finds few other people.
 */
export function rareName(): { name: string; initials: string } {
  const sur: [string, string][] = [['欧阳', 'oy'], ['司马', 'sm'], ['上官', 'sg'], ['诸葛', 'zg'], ['东方', 'df']]
  const giv: [string, string][] = [['霁', 'j'], ['沁', 'q'], ['璟', 'j'], ['翊', 'y'], ['琰', 'y'], ['昶', 'c'], ['湉', 't'], ['骞', 'q'], ['芃', 'p'], ['黛', 'd'], ['珏', 'j']]
  const s = sur[rnd(sur.length)]
  const a = giv[rnd(giv.length)]
  const b = giv[rnd(giv.length)]
  return { name: s[0] + a[0] + b[0], initials: s[1] + a[1] + b[1] }
}

export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login')
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page).not.toHaveURL(/\/login/)
  await expect(page.getByTestId('who-name')).not.toBeEmpty()
}

/** Forces the UI language (stored in localStorage) before the app loads. */
export async function useChinese(page: Page) {
  // once per tab: a later language switch by the test survives navigations
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('mz.test.locale')) {
      localStorage.setItem('mz.locale', 'zh-CN')
      sessionStorage.setItem('mz.test.locale', '1')
    }
  })
}

/** Chooses a region in a RegionPicker (testid of its input): expands the named nodes, then clicks the one with `code`. */
export async function pickRegion(page: Page, testid: string, names: string[], code: string) {
  await page.getByTestId(testid).click()
  const tree = page.getByTestId(testid + '-tree')
  await expect(tree).toBeVisible()
  // expand each named node with its arrow (clicking the name would choose it where any level may be chosen)
  for (const n of names) {
    const row = tree.locator('.el-tree-node__content', { has: page.locator('.region-name', { hasText: new RegExp('^' + n + '$') }) }).first()
    const icon = row.locator('.el-tree-node__expand-icon')
    // the account's own root opens by itself
    const open = await expect(icon).toHaveClass(/expanded/, { timeout: 1500 }).then(() => true, () => false)
    if (!open) await icon.click()
    await expect(icon).toHaveClass(/expanded/)
  }
  await tree.locator(`[data-code="${code}"]`).click()
  await expect(tree).toBeHidden()
}

/** Creates a throw-away village-worker account through the API as admin; returns its username. */
export async function createThrowawayAccount(request: APIRequestContext, prefix: string): Promise<string> {
  const h = { 'X-Requested-With': 'minzheng' }
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: PASSWORD }, headers: h })
  expect(login.status()).toBe(200)
  const username = prefix + Date.now().toString(36)
  const res = await request.post('/api/v1/accounts', {
    data: { username, display_name: '锁定测试', password: 'Lock' + Date.now() + 'x', role: 'village_worker', region_code: '440705001001' },
    headers: h,
  })
  expect(res.status()).toBe(201)
  return username
}
