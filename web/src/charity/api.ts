// 慈善: the area's endpoints as typed functions (paths written once; the types are the server's
// documented schemas, web/src/api/schema.d.ts), used by the views instead of spelt paths.
import { get, post } from '../api'
import type { Page } from '../types'
import type { Allocation, Campaign, CampaignDetail, Donation, DonationDetail, Fund, LedgerEntry, Preview, Project } from './types'

export type Filters = Record<string, string | number | boolean | null | undefined>

export const donations = {
  list: (q: Filters) => get<Page<Donation>>('/charity/donations', q),
  detail: (id: number) => get<DonationDetail>('/charity/donations/' + id),
  create: (body: unknown) => post<Donation>('/charity/donations', body),
}

export const allocations = {
  list: (q: Filters) => get<Page<Allocation>>('/charity/allocations', q),
  detail: (id: number) => get<Allocation>('/charity/allocations/' + id),
  preview: (body: unknown) => post<Preview>('/charity/allocations/preview', body),
  create: (body: unknown) => post<Allocation>('/charity/allocations', body),
}

export const funds = { list: () => get<Fund[]>('/charity/funds') }
export const projects = { list: (q: Filters = {}) => get<Project[]>('/charity/projects', q) }

export const campaigns = {
  list: () => get<Campaign[]>('/charity/campaigns'),
  detail: (id: number) => get<CampaignDetail>('/charity/campaigns/' + id),
  create: (body: unknown) => post<Campaign>('/charity/campaigns', body),
}

export const ledger = { list: (q: Filters) => get<Page<LedgerEntry>>('/charity/ledger', q) }
