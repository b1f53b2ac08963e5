import { ElMessage } from 'element-plus'
import { nextTick, reactive } from 'vue'
import { ApiError } from './api'
import { i18n } from './i18n'

export function errText(e: unknown): string {
  if (e instanceof ApiError) return e.text(String(i18n.global.locale.value))
  if (e instanceof Error) return e.message
  return String(e)
}

export function showError(e: unknown) {
  ElMessage({ type: 'error', message: errText(e), duration: 5000, showClose: true })
}

/**
 * Field errors from the API (`error.field`), keyed by the field path the API uses
 * (`id_number`, `members[0].person.id_number`). Keeps both languages so switching the
 * language re-renders the message in the other one.
 */
export function useFieldErrors() {
  const map = reactive<Record<string, { zh: string; en: string }>>({})
  const state = reactive({ general: null as null | { zh: string; en: string } })

  function clear() {
    for (const k of Object.keys(map)) delete map[k]
    state.general = null
  }
  function clearField(field: string) {
    delete map[field]
  }
  /**
   * Records an API error: the messages of fields the form shows (`known`) go under those fields, the rest
   * into the general message. Returns true when at least one field got a message.
   */
  function take(e: unknown, known?: (field: string) => boolean): boolean {
    clear()
    reveal()
    if (e instanceof ApiError) {
      const list = e.errors.length ? e.errors : e.field ? [{ field: e.field, message: e.zh, message_en: e.en }] : []
      const rest: { zh: string; en: string }[] = []
      let placed = false
      for (const fm of list) {
        const msg = { zh: fm.message, en: fm.message_en || fm.message }
        if (!known || known(fm.field)) {
          if (!map[fm.field]) map[fm.field] = msg
          placed = true
        } else rest.push(msg)
      }
      if (!list.length) state.general = { zh: e.zh, en: e.en }
      else if (rest.length) state.general = { zh: rest.map((m) => m.zh).join('；'), en: rest.map((m) => m.en).join('; ') }
      return placed
    }
    state.general = { zh: errText(e), en: errText(e) }
    return false
  }
  function err(field: string): string {
    const m = map[field]
    if (!m) return ''
    return String(i18n.global.locale.value).startsWith('en') ? m.en : m.zh
  }
  function general(): string {
    const m = state.general
    if (!m) return ''
    return String(i18n.global.locale.value).startsWith('en') ? m.en : m.zh
  }
  function setLocal(field: string, zh: string, en: string) {
    map[field] = { zh, en }
    reveal()
  }
  /** Brings the first error of the open dialog into view (long member lists, phones). */
  function reveal() {
    // after the render that shows the message (the form item marks itself in its own update)
    nextTick(() =>
      setTimeout(() => {
        const el = document.querySelector('.el-overlay-dialog .is-error, .el-overlay-dialog .dialog-alert, .el-overlay-dialog .members-error')
        el?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      }, 30),
    )
  }
  return { map, state, clear, clearField, take, err, general, setLocal }
}

export type FieldErrors = ReturnType<typeof useFieldErrors>
