// The charity's name on receipts and reports: the account's district + 慈善会 (新会区慈善会), else 区慈善会.
import { i18n } from '../i18n'
import { regionByCode } from '../regions'

export async function charityName(regionCode: string | null | undefined): Promise<string> {
  const t = i18n.global.t
  if (!regionCode) return t('ch.common.charity')
  try {
    const r = await regionByCode(regionCode)
    const county = r.path?.find((p) => p.level === 'county') ?? (r.level === 'county' ? r : null)
    return county ? t('ch.common.charityOf', { county: county.name }) : t('ch.common.charity')
  } catch {
    return t('ch.common.charity')
  }
}

/** Sets the printed page's size (`@page`) while a print page is open; returns the function that removes it. */
export function pageSize(size: string): () => void {
  const el = document.createElement('style')
  el.setAttribute('data-ch-page', '')
  el.textContent = `@page { size: ${size}; margin: 12mm; }`
  document.head.appendChild(el)
  return () => el.remove()
}
