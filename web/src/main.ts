import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n, setLocale, type Locale } from './i18n'
import { setUnauthorizedHandler } from './api'
import { useAuth } from './stores/auth'
import './styles.css'
import './charity/charity.css'
import './plan/plan.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router).use(ElementPlus)
setLocale(i18n.global.locale.value as Locale)

setUnauthorizedHandler(() => {
  const auth = useAuth(pinia)
  auth.clear()
  const cur = router.currentRoute.value
  if (cur.name !== 'login') router.replace({ name: 'login', query: { redirect: cur.fullPath } })
})

app.mount('#app')
