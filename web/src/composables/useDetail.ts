// 详情页: the one way a console detail page loads its record (docs/architecture.md, "Console").
import { computed, onMounted, ref, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export interface DetailOptions<T> {
  /** fetches the record of the id in the address (`route.params.id`); extra loads may run beside it */
  fetch: (id: number) => Promise<T>
  /** where 返回 goes when the page was opened directly (no history entry to go back to) */
  back: string
  /** load on mount (default true) */
  immediate?: boolean
}

/**
 * The record of `/…/:id`, its loading flag and error (shown by the page as an `el-result`), a stale
 * guard (an answer for an id the page has since left is dropped) and 返回 that goes back in history
 * when there is some and to the list otherwise.
 */
export function useDetail<T>(opts: DetailOptions<T>) {
  const route = useRoute()
  const router = useRouter()
  const id = computed(() => Number(route.params.id))
  const data = ref(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<unknown>(null)
  let seq = 0

  async function load() {
    const my = ++seq
    loading.value = true
    error.value = null
    try {
      const value = await opts.fetch(id.value)
      if (my === seq) data.value = value
    } catch (e) {
      if (my === seq) error.value = e
    } finally {
      if (my === seq) loading.value = false
    }
  }
  function back() {
    if (window.history.state?.back) router.back()
    else router.push(opts.back)
  }
  if (opts.immediate !== false) onMounted(load)
  return { id, data, loading, error, load, back }
}
