import { defineStore } from 'pinia'
import { ref } from 'vue'
import { get } from '../api'
import { i18n } from '../i18n'
import type { Dict, DictEntry, DictKind } from '../types'

const EMPTY: Dict = {
  genders: [], hukou_types: [], ethnicities: [], disability_kinds: [], relations: [], priority_care: [], roles: [], alt_id_types: [],
  programmes: [], stages: [], actions: [], income_types: [], self_care: [], increment_categories: [],
  flag_codes: [], conclusions: [], visit_outcomes: [], feeds: [], sources: [], charity_categories: [],
  column_kinds: [], run_scopes: [], run_statuses: [], snapshot_statuses: [], flag_statuses: [], resolutions: [], samples: [], sample_statuses: [],
}

export const useDict = defineStore('dict', () => {
  const dict = ref<Dict>({ ...EMPTY })
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    if (!pending) {
      pending = get<Dict>('/dict')
        .then((d) => {
          dict.value = { ...EMPTY, ...d }
          loaded.value = true
        })
        .catch(() => {
          /* keep empty; labels fall back to codes */
        })
        .finally(() => {
          pending = null
        })
    }
    return pending
  }

  function entryLabel(e: DictEntry): string {
    return String(i18n.global.locale.value).startsWith('en') ? e.en || e.zh : e.zh
  }

  function label(kind: DictKind, code: string | null | undefined): string {
    if (code === null || code === undefined || code === '') return ''
    const e = dict.value[kind].find((x) => x.code === code)
    return e ? entryLabel(e) : code
  }

  function options(kind: DictKind) {
    return dict.value[kind].map((e) => ({ value: e.code, label: entryLabel(e) }))
  }

  return { dict, loaded, load, label, options, entryLabel }
})
