// 慈善超市: routes and menu items of this section of 慈善公益.
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Box, Coin, Document, Goods, Present, ShoppingCart } from '@element-plus/icons-vue'
import type { MenuItem } from '../menu'

const R = 'charity.read'
const W = 'charity.supermarket'
export const routes: RouteRecordRaw[] = [
  { path: 'charity/supermarket/stock', name: 'ch-sm-stock', component: () => import('../views/supermarket/StockView.vue'), meta: { perm: R, title: 'ch.supermarket.menu.stock' } },
  { path: 'charity/supermarket/items', name: 'ch-sm-items', component: () => import('../views/supermarket/ItemsView.vue'), meta: { perm: R, title: 'ch.supermarket.menu.items' } },
  { path: 'charity/supermarket/stock-in', name: 'ch-sm-stock-in', component: () => import('../views/supermarket/StockInView.vue'), meta: { perm: W, title: 'ch.supermarket.menu.stockIn' } },
  { path: 'charity/supermarket/counter', name: 'ch-sm-counter', component: () => import('../views/supermarket/CounterView.vue'), meta: { perm: W, title: 'ch.supermarket.menu.counter' } },
  { path: 'charity/supermarket/programmes', name: 'ch-sm-programmes', component: () => import('../views/supermarket/ProgrammesView.vue'), meta: { perm: R, title: 'ch.supermarket.menu.programmes' } },
  { path: 'charity/supermarket/statement', name: 'ch-sm-statement', component: () => import('../views/supermarket/StatementView.vue'), meta: { perm: R, title: 'ch.supermarket.menu.statement' } },
]

export function menu(can: (p: string) => boolean, t: (k: string) => string): MenuItem[] {
  const items: MenuItem[] = []
  const add = (path: string, key: string, icon: unknown) =>
    items.push({ path: `/charity/supermarket/${path}`, label: t(`ch.supermarket.menu.${key}`), icon: markRaw(icon as object), testid: `menu-ch-sm-${path}` })
  if (can(W)) add('counter', 'counter', ShoppingCart)
  if (can(R)) {
    add('stock', 'stock', Box)
    add('items', 'items', Goods)
  }
  if (can(W)) add('stock-in', 'stockIn', Present)
  if (can(R)) {
    add('programmes', 'programmes', Coin)
    add('statement', 'statement', Document)
  }
  return items
}
