import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { i18n, setLocale, type Locale } from '../i18n'

export const useUi = defineStore('ui', () => {
  const mq = window.matchMedia('(max-width: 768px)')
  const isMobile = ref(mq.matches)
  mq.addEventListener('change', (e) => (isMobile.value = e.matches))
  const locale = computed(() => i18n.global.locale.value as Locale)
  const isEn = computed(() => locale.value === 'en')
  function toggleLocale() {
    setLocale(isEn.value ? 'zh-CN' : 'en')
  }
  return { isMobile, locale, isEn, toggleLocale, setLocale }
})
