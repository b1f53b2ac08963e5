import type { Page } from '../types'
import type { Region } from '../types'

/** Lists the contract calls "list" may come as a bare array or as a page: read both. */
export function listOf<T>(res: T[] | Page<T> | null | undefined): T[] {
  if (!res) return []
  return Array.isArray(res) ? res : Array.isArray(res.items) ? res.items : []
}

const p2 = (n: number) => String(n).padStart(2, '0')

/** Today in local time (`offset` days later: -1 yesterday), `YYYY-MM-DD`. */
export function today(offset = 0): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`
}

/** This month (offset months later), `YYYY-MM`. */
export function monthOf(offset = 0): string {
  const d = new Date()
  const m = d.getFullYear() * 12 + d.getMonth() + offset
  return `${Math.floor(m / 12)}-${p2((m % 12) + 1)}`
}

const PREFIX_LEN: Record<string, number> = { province: 2, city: 4, county: 6, town: 9, village: 12, grid: 15 }

/** The region-code prefix policy parameters use for a region: `440705` a district, `440705001` a town. */
export function regionPrefix(r: Pick<Region, 'code' | 'level'>): string {
  return r.code.slice(0, PREFIX_LEN[r.level] ?? r.code.length)
}

/** Calls `fn` once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number) {
  let timer: number | undefined
  const call = (...a: A) => {
    if (timer) window.clearTimeout(timer)
    timer = window.setTimeout(() => {
      timer = undefined
      fn(...a)
    }, ms)
  }
  call.cancel = () => {
    if (timer) window.clearTimeout(timer)
    timer = undefined
  }
  return call
}

/** "1.2 MB" */
export function fileSize(n: number): string {
  if (n < 1024) return n + ' B'
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB'
  return (n / 1024 / 1024).toFixed(1) + ' MB'
}
