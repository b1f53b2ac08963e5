/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, any>
  export default component
}
declare module 'element-plus/es/locale/lang/zh-cn'
declare module 'element-plus/es/locale/lang/en'
