// 慈善: the area's endpoints as typed functions (paths written once; the types are the server's
// documented schemas, web/src/api/schema.d.ts), so that no view spells a path. Lists give their
// path constant to `usePagedList`.
import { download, get, post, put } from '../api'
import type { Household, Page } from '../types'
import type {
  Allocation,
  AllocationBody,
  AnnualReport,
  Campaign,
  CampaignBody,
  CampaignDetail,
  CharityMeta,
  Checkpoint,
  Donation,
  DonationBody,
  DonationDetail,
  Fund,
  FundBody,
  LedgerEntry,
  Pool,
  PortalCheckpoints,
  PortalSummary,
  Preview,
  Project,
  ProjectBody,
  Proof,
  Published,
  Trace,
  Verification,
} from './types'
import type {
  HouseholdBalance,
  HouseholdPoints,
  Issue,
  IssueAnswer,
  IssueBody,
  Item,
  ItemBody,
  Lot,
  Programme,
  ProgrammeBody,
  RedeemAnswer,
  RedeemBody,
  Statement,
  StockAnswer,
  StockInBody,
  WriteOffBody,
} from './views/supermarket/sm'

export type Filters = Record<string, string | number | boolean | null | undefined>

export const DONATIONS = '/charity/donations'
export const donations = {
  list: (q: Filters) => get<Page<Donation>>(DONATIONS, q),
  detail: (id: number) => get<DonationDetail>(`${DONATIONS}/${id}`),
  create: (body: DonationBody) => post<Donation>(DONATIONS, body),
}

export const ALLOCATIONS = '/charity/allocations'
export const allocations = {
  list: (q: Filters) => get<Page<Allocation>>(ALLOCATIONS, q),
  detail: (id: number) => get<Allocation>(`${ALLOCATIONS}/${id}`),
  preview: (body: AllocationBody) => post<Preview>(`${ALLOCATIONS}/preview`, body),
  create: (body: AllocationBody) => post<Allocation>(ALLOCATIONS, body),
}

/** the charity clerk's narrow household lookup: a whole ID number or 2+ characters of a name, at most 10, masked */
export const recipientHouseholds = (q: string) => get<Household[]>('/charity/households', { q })
export const pools = { list: () => get<Pool[]>('/charity/pools') }
export const meta = () => get<CharityMeta>('/charity/meta')

export const funds = {
  list: () => get<Fund[]>('/charity/funds'),
  create: (body: FundBody) => post<Fund>('/charity/funds', body),
}
export const projects = {
  list: (q: Filters = {}) => get<Project[]>('/charity/projects', q),
  create: (body: ProjectBody) => post<Project>('/charity/projects', body),
}

export const campaigns = {
  list: () => get<Campaign[]>('/charity/campaigns'),
  detail: (id: number) => get<CampaignDetail>('/charity/campaigns/' + id),
  create: (body: CampaignBody) => post<Campaign>('/charity/campaigns', body),
}

export const LEDGER = '/charity/ledger'
export const ledger = {
  list: (q: Filters) => get<Page<LedgerEntry>>(LEDGER, q),
  checkpoints: () => get<Checkpoint[]>('/charity/checkpoints'),
  publish: () => post<Published>('/charity/checkpoints'),
  verify: () => post<Verification>('/charity/verify'),
  verifications: () => get<Verification[]>('/charity/verifications'),
  verification: (id: number) => get<Verification>(`/charity/verifications/${id}`),
}

export const report = {
  get: (year: number | string) => get<AnnualReport>('/charity/report', { year }),
  xlsx: (year: number | string, name: string) => download('/charity/report.xlsx', { year }, name),
}

// ---- 慈善超市 the supermarket ----

const SM = '/charity/supermarket'
export const SM_ITEMS = `${SM}/items`
export const SM_VOUCHERS = `${SM}/vouchers`
export const supermarket = {
  items: (q: Filters) => get<Page<Item>>(SM_ITEMS, q),
  createItem: (body: ItemBody) => post<Item>(SM_ITEMS, body),
  updateItem: (id: number, body: ItemBody) => put<Item>(`${SM_ITEMS}/${id}`, body),
  stock: () => get<StockAnswer>(`${SM}/stock`),
  lots: (q: Filters) => get<Page<Lot>>(`${SM}/lots`, q),
  stockIn: (body: StockInBody) => post<Lot>(`${SM}/lots`, body),
  writeOff: (lotId: number, body: WriteOffBody) => post<Lot>(`${SM}/lots/${lotId}/write-off`, body),
  programmes: () => get<Programme[]>(`${SM}/programmes`),
  createProgramme: (body: ProgrammeBody) => post<Programme>(`${SM}/programmes`, body),
  updateProgramme: (id: number, body: ProgrammeBody) => put<Programme>(`${SM}/programmes/${id}`, body),
  issues: (programmeId: number) => get<Issue[]>(`${SM}/programmes/${programmeId}/issues`),
  issue: (programmeId: number, body: IssueBody) => post<IssueAnswer>(`${SM}/programmes/${programmeId}/issues`, body),
  households: (q: Filters) => get<Page<HouseholdPoints>>(`${SM}/households`, q),
  household: (id: number) => get<HouseholdBalance>(`${SM}/households/${id}`),
  redeem: (body: RedeemBody) => post<RedeemAnswer>(`${SM}/redemptions`, body),
  statement: (month: string) => get<Statement>(`${SM}/statements/${month}`),
  statementXlsx: (month: string, name: string) => download(`${SM}/statements/${month}/export`, undefined, name),
}

// ---- 公益信息平台 the public portal (no session) ----

const PUBLIC = '/public/charity'
export const portal = {
  summary: () => get<PortalSummary>(`${PUBLIC}/summary`),
  projects: () => get<Project[]>(`${PUBLIC}/projects`),
  campaigns: () => get<Campaign[]>(`${PUBLIC}/campaigns`),
  checkpoints: () => get<PortalCheckpoints>(`${PUBLIC}/checkpoints`),
  trace: (code: string) => get<Trace>(`${PUBLIC}/trace/${encodeURIComponent(code)}`),
  proof: (code: string) => get<Proof>(`${PUBLIC}/proof/${encodeURIComponent(code)}`),
}
