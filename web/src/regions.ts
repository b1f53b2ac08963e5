import { regionChildrenGet, regionGet, regionRootGet } from './registry/api'
import type { Region } from './registry/types'

const cache = new Map<string, Promise<Region[]>>()
let rootP: Promise<Region> | null = null
const byCode = new Map<string, Promise<Region>>()

export function regionRoot(): Promise<Region> {
  if (!rootP) rootP = regionRootGet().catch((e) => {
    rootP = null
    throw e
  })
  return rootP
}

export function regionChildren(parent: string): Promise<Region[]> {
  let p = cache.get(parent)
  if (!p) {
    p = regionChildrenGet(parent).catch((e) => {
      cache.delete(parent)
      throw e
    })
    cache.set(parent, p)
  }
  return p
}

export function regionByCode(code: string): Promise<Region> {
  let p = byCode.get(code)
  if (!p) {
    p = regionGet(code).catch((e) => {
      byCode.delete(code)
      throw e
    })
    byCode.set(code, p)
  }
  return p
}

/** Forget cached regions (after logout: another account has another root). */
export function resetRegions() {
  cache.clear()
  byCode.clear()
  rootP = null
}

/** "会城街道 / 北门社区居委会": the path below the account's root. */
export function pathLabel(r: Region, rootCode?: string): string {
  const path = r.path ?? []
  const names: string[] = []
  let started = !rootCode
  for (const p of path) {
    if (p.code === rootCode) started = true
    else if (started && p.code !== r.code) names.push(p.name)
  }
  names.push(r.name)
  return names.join(' / ')
}
