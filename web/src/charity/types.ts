// 慈善公益信息平台: the shapes of the API's answers (all money in integer fen).
import type { components } from '../api/schema'

type S = components['schemas']

export type Vocab = S['charity.CodeView']
export type CharityMeta = S['MetaView']

/** A designation as the server labels it: kind and value with both languages' text. */
export interface DesignationLabel { kind: string; value?: string | number | null; label_zh: string; label_en: string }

export type Fund = S['FundRecord']

export type Project = S['ProjectView']

export type Campaign = S['CampaignView']
export type CampaignDetail = S['CampaignView']

/** A goods line as the donation records it. */
export type GoodsLine = S['GoodsRecord']

export type Donation = S['DonationView']
export type DonationDetail = Donation

export type Pool = S['PoolView']

export type Draw = S['charity.allocations.DrawView']
export type Refusal = S['Refusal']
export type Preview = S['PreviewView']

export type Allocation = S['AllocationView']

export type LedgerEntry = S['EntryView']
export type Checkpoint = S['CheckpointRecord']
export type Verification = S['VerificationRecord']

export interface TraceAllocation {
  allocation_id: number; allocated_on: string; fund_name: string; project_name: string | null; recipient_kind: string
  recipient_kind_zh?: string; recipient: string; region_name: string; purpose?: string; allocation_amount_fen: number; share_fen: number
}
export interface TraceGoods {
  item: string; unit: string; quantity: number; redeemed: number; expired: number; in_stock: number
  recipients: { on: string; region_name: string | null; recipient: string | null; quantity: number }[]
}
export type Trace = S['TraceView']

export interface Proof {
  receipt_code: string; entry: { seq: number; day: string; kind: string; amount_fen: number; payload: string; prev_hash: string }
  entry_hash: string; leaf_index: number; tree_size: number
  /** the audit path, leaf to root (the contract first called it `path`) */
  audit_path?: string[]; path?: string[]
  root: string; checkpoint_day: string; checkpoint_published_at?: string; procedure?: string
}

export type PortalSummary = S['SummaryView']

/** A line of the annual report: a fund, donor kind, campaign, project or recipient kind with its amount and count. */
export type ReportLine = S['Line']
export type AnnualReport = S['charity.report.ReportView']
