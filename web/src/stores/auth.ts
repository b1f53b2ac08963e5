import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { get, post } from '../api'
import type { Me } from '../types'
import { resetRegions } from '../regions'

export const useAuth = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const checked = ref(false)

  async function load(): Promise<Me | null> {
    try {
      me.value = await get<Me>('/auth/me')
    } catch {
      me.value = null
    }
    checked.value = true
    return me.value
  }

  async function login(username: string, password: string) {
    resetRegions()
    me.value = await post<Me>('/auth/login', { username, password })
    checked.value = true
    // the login answer is a Me; re-read it so permissions match the session exactly
    try {
      me.value = await get<Me>('/auth/me')
    } catch {
      /* keep the login answer */
    }
    return me.value
  }

  async function logout() {
    try {
      await post('/auth/logout')
    } finally {
      me.value = null
      resetRegions()
    }
  }

  function clear() {
    me.value = null
    resetRegions()
  }

  const permissions = computed(() => new Set(me.value?.permissions ?? []))
  const can = (p: string) => permissions.value.has(p)

  return { me, checked, load, login, logout, clear, can, permissions }
})
