// The work plan a progress page shows: `?plan=` when it names one, else the newest plan; the choice is
// kept in the address so a page can be reloaded or linked.
import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { plansList } from '../../api'
import { showError } from '../../../errors'
import type { PlanSummary } from '../../types'

export function usePlanChoice() {
  const route = useRoute()
  const router = useRouter()
  const plans = ref<PlanSummary[]>([])
  const planId = ref<number | null>(route.query.plan ? Number(route.query.plan) || null : null)
  const loaded = ref(false)

  /** Loads the plans and settles on one; returns its id (null when none is imported). */
  async function init(): Promise<number | null> {
    try {
      plans.value = await plansList()
    } catch (e) {
      showError(e)
    }
    if (!planId.value || !plans.value.some((p) => p.id === planId.value)) planId.value = plans.value[0]?.id ?? null
    loaded.value = true
    return planId.value
  }

  /** Writes the plan (and other filters) into the address without a new history entry. */
  function sync(extra: Record<string, string | number | undefined | null> = {}) {
    const query: Record<string, string> = {}
    const all: Record<string, unknown> = { ...route.query, plan: planId.value ?? undefined, ...extra }
    for (const [k, v] of Object.entries(all)) {
      if (v !== undefined && v !== null && String(v) !== '') query[k] = String(v)
    }
    router.replace({ query })
  }

  const planName = () => plans.value.find((p) => p.id === planId.value)?.name ?? ''
  return { plans, planId, loaded, init, sync, planName }
}
