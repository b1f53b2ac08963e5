// 慈善: the small lists the forms choose from (funds, projects, campaigns, supermarket items).
import { listOf } from '../assistance/util'
import type { Campaign } from './types'
import { campaigns, funds, projects, supermarket } from './api'
import type { Item } from './views/supermarket/sm'

export const loadFunds = () => funds.list().then(listOf)
export const loadProjects = (q: { fund_id?: number | null; status?: string } = {}) => projects.list(q).then(listOf)
export const loadCampaigns = () => campaigns.list()

/** A goods item of the charity supermarket's catalogue. */
export type SupermarketItem = Item
export const loadItems = () => supermarket.items({ page_size: 200, active: true }).then(listOf)

/** Whether a campaign runs on `day` (YYYY-MM-DD). */
export const runsOn = (c: Campaign, day: string) => c.starts_on <= day && day <= c.ends_on
