// 慈善公益信息平台: the shapes of the API's answers (all money in integer fen).
import type { components } from '../api/schema'

type S = components['schemas']

export interface Vocab { code: string; zh: string; en: string }
export type CharityMeta = S['MetaView']

/** A designation as the server labels it: kind and value with both languages' text. */
export interface DesignationLabel { kind: string; value?: string | number | null; label_zh: string; label_en: string }

export type Fund = S['FundRecord']

export type Project = S['ProjectView']

export interface Campaign {
  id: number; name: string; starts_on: string; ends_on: string; target_fen: number; raised_fen: number; donations: number
  progress_pct: number; description: string; active?: boolean
}
export interface CampaignDetail extends Campaign { by_day: { day: string; amount_fen: number; count: number }[] }

export interface GoodsLine { item_id?: number; item_name: string; quantity: number; unit: string; unit_value_fen: number; expires_on: string | null }

export interface Donation {
  id: number; receipt_code: string; donor_kind: string; donor_kind_zh?: string; donor_name: string; public_donor?: string
  anonymous: boolean; donor_phone: string; channel_zh?: string
  form: string; amount_fen: number; goods: GoodsLine[]; designation: DesignationLabel; fund_id: number | null; fund_name: string | null
  campaign_id: number | null; campaign_name: string | null; channel: string; received_on: string; note: string | null
  ledger_seq: number; ledger_hash: string | null; created_by: string; created_at: string
}
export interface DonationDetail extends Donation { trace?: Trace | null }

export type Pool = S['PoolView']

export type Draw = S['charity.allocations.DrawView']
export type Refusal = S['Refusal']
export type Preview = S['PreviewView']

export interface Allocation {
  id: number; fund_id: number; fund_name: string; project_id: number | null; project_name: string | null; recipient_kind: string
  recipient_kind_zh?: string; household_id: number | null; recipient_name: string; region_code: string; region_name: string; categories: Vocab[]
  amount_fen: number; purpose: string; allocated_on: string; ledger_seq: number; created_by: string; created_at: string
  draws?: Draw[]
}

export interface LedgerEntry { seq: number; day: string; kind: string; amount_fen: number; payload: unknown; payload_text?: string; prev_hash: string; hash: string }
export type Checkpoint = S['CheckpointRecord']
export interface Verification {
  id: number; ran_at: string; finished_at?: string | null
  /** running (with progress of total entries and rows) | done | failed */
  status: 'running' | 'done' | 'failed'; progress: number; total: number
  entries: number; checkpoints: number; ok: boolean
  /** the first entry found changed or missing; 0 when none (or the problem is a checkpoint's) */
  break_seq: number; break_kind: string; message_zh: string; message_en: string; ran_by: string
}

export interface TraceAllocation {
  allocation_id: number; allocated_on: string; fund_name: string; project_name: string | null; recipient_kind: string
  recipient_kind_zh?: string; recipient: string; region_name: string; purpose?: string; allocation_amount_fen: number; share_fen: number
}
export interface TraceGoods {
  item: string; unit: string; quantity: number; redeemed: number; expired: number; in_stock: number
  recipients: { on: string; region_name: string | null; recipient: string | null; quantity: number }[]
}
export interface Trace {
  donation: {
    receipt_code: string; donor: string; form: string; amount_fen: number; designation: DesignationLabel
    fund_name: string | null; campaign_name: string | null; received_on: string
  }
  money: null | {
    pool: DesignationLabel; pooled: boolean; spent_fen: number; remaining_fen: number; allocations: TraceAllocation[]
    more: { count: number; share_fen: number }
    by_project: { project_name: string | null; recipient_kind: string; share_fen: number; allocations: number }[]
  }
  goods: TraceGoods[]
  ledger: { seq: number; day: string; hash: string; checkpoint: Checkpoint | null }
}

export interface Proof {
  receipt_code: string; entry: { seq: number; day: string; kind: string; amount_fen: number; payload: string; prev_hash: string }
  entry_hash: string; leaf_index: number; tree_size: number
  /** the audit path, leaf to root (the contract first called it `path`) */
  audit_path?: string[]; path?: string[]
  root: string; checkpoint_day: string; checkpoint_published_at?: string; procedure?: string
}

export interface PortalSummary {
  as_of: string
  totals: { income_fen: number; money_fen?: number; goods_fen?: number; spent_fen: number; balance_fen: number; donations: number; donors: number; households_helped: number }
  this_year: { income_fen: number; spent_fen: number }
  by_month: { month: string; income_fen: number; money_fen?: number; goods_fen?: number; spent_fen: number }[]
  funds: { id: number; code: string; name: string; purpose: string; income_fen: number; spent_fen: number }[]
  general: { income_fen: number; spent_fen: number }
  latest_checkpoint: Checkpoint | null
  latest_verification: Verification | null
}

/** A line of the annual report: a fund, donor kind, campaign, project or recipient kind with its amount and count. */
export interface ReportLine { id: number | null; kind: string; name: string; amount_fen: number; count: number }
export interface AnnualReport {
  year: number
  generated_at?: string
  income: {
    total_fen: number; money_fen: number; goods_fen: number; donations: number; donors: number
    by_month: { month: string; money_fen: number; goods_fen: number }[]
    by_fund: ReportLine[]; by_donor_kind: ReportLine[]; by_campaign: ReportLine[]
  }
  spending: {
    total_fen: number; allocations: number; households: number; organisations: number
    by_month: { month: string; amount_fen: number }[]
    by_fund: ReportLine[]; by_project: ReportLine[]; by_recipient_kind: ReportLine[]
  }
  balances: { opening_fen: number; closing_fen: number }
  /** the charity supermarket's year (values in fen where the key ends in _fen) */
  supermarket?: Record<string, number> | null
}
