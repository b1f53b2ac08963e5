// 慈善: the small lists the forms choose from (funds, projects, campaigns, supermarket items).
import { get } from '../api'
import { listOf } from '../assistance/util'
import type { Page } from '../types'
import type { Campaign, Fund, Project } from './types'
import { campaigns } from './api'

export const loadFunds = () => get<Fund[] | Page<Fund>>('/charity/funds').then(listOf)
export const loadProjects = (q: { fund_id?: number | null; status?: string } = {}) => get<Project[] | Page<Project>>('/charity/projects', q).then(listOf)
export const loadCampaigns = () => campaigns.list()

/** A goods item of the charity supermarket's catalogue (GET /charity/supermarket/items). */
export interface SupermarketItem { id: number; code?: string; name: string; unit?: string; category?: string; unit_value_fen?: number; active?: boolean }
export const loadItems = () => get<SupermarketItem[] | Page<SupermarketItem>>('/charity/supermarket/items', { page_size: 200, active: true }).then(listOf)

/** Whether a campaign runs on `day` (YYYY-MM-DD). */
export const runsOn = (c: Campaign, day: string) => c.starts_on <= day && day <= c.ends_on
