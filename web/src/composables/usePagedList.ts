// 列表页: the one way a console list asks the server for a page of rows (docs/architecture.md, "Console").
import { reactive, ref, onMounted, type Ref, type UnwrapNestedRefs } from 'vue'
import { get, type Query } from '../api'
import { showError } from '../errors'
import type { Page } from '../types'

export interface PagedListOptions<T, F extends object> {
  /** the list's API path under /api/v1, or a function for paths that depend on the page (a run id) */
  path: string | (() => string)
  /** the search form's empty state: the initial filters and what 重置 returns to */
  filters?: () => F
  /** the query the applied filters become (default: the filters as they are) */
  query?: (applied: F) => Query
  /** parameters that live outside the form (region scope, an unmask switch): read on every load */
  extra?: () => Query
  pageSize?: number
  /** load on mount (default true) */
  immediate?: boolean
  /** called when the form is applied (to keep the filters in the address, say) */
  onSearch?: (applied: F) => void
  /** called with each page that arrives in order (totals, side panels) */
  onLoaded?: (page: Page<T>) => void
}

/**
 * Query state, page/size, loading, the error, and the stale-request guard: an answer that arrives
 * after a later request was sent is dropped, so a slow first search never overwrites the second.
 * Returned reactive so that templates and `<ListPage>` bind `list.page` with v-model.
 */
export function usePagedList<T, F extends object = Record<string, never>>(opts: PagedListOptions<T, F>) {
  const initial = opts.filters ?? (() => ({}) as F)
  const filters = reactive(initial()) as UnwrapNestedRefs<F>
  const applied = ref({ ...initial() }) as Ref<F>
  const page = ref(1)
  const pageSize = ref(opts.pageSize ?? 20)
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const totalExact = ref(true)
  const loading = ref(false)
  const error = ref<unknown>(null)
  /** the server answered a page (not a bare array) */
  const paged = ref(true)
  let seq = 0

  /** The query of the applied filters and the outside parameters, without paging (exports use it). */
  function query(): Query {
    const base = opts.query ? opts.query(applied.value) : (applied.value as unknown as Query)
    return { ...base, ...(opts.extra?.() ?? {}) }
  }

  async function load() {
    const my = ++seq
    loading.value = true
    error.value = null
    try {
      const path = typeof opts.path === 'function' ? opts.path() : opts.path
      // a few lists the contract allows to come as a bare array: read both
      const res = await get<Page<T> | T[]>(path, { ...query(), page: page.value, page_size: pageSize.value })
      if (my !== seq) return
      const p: Page<T> = Array.isArray(res) ? { items: res, total: res.length, page: 1, page_size: res.length } : res
      paged.value = !Array.isArray(res)
      rows.value = p.items
      total.value = p.total
      totalExact.value = p.total_exact !== false
      opts.onLoaded?.(p)
    } catch (e) {
      if (my !== seq) return
      error.value = e
      showError(e)
    } finally {
      if (my === seq) loading.value = false
    }
  }
  /** Applies the form and goes back to the first page. */
  function search() {
    applied.value = { ...(filters as F) }
    page.value = 1
    opts.onSearch?.(applied.value)
    return load()
  }
  /** Empties the form (to its initial state) and searches. */
  function reset() {
    Object.assign(filters, initial())
    return search()
  }
  /** The first page again with the same filters (the region or a switch changed). */
  function reload() {
    page.value = 1
    return load()
  }

  if (opts.immediate !== false) onMounted(load)

  return reactive({ filters, applied, page, pageSize, rows, total, totalExact, paged, loading, error, query, load, search, reset, reload, refresh: load })
}

export type PagedList<T = unknown, F extends object = Record<string, unknown>> = ReturnType<typeof usePagedList<T, F>>
