// 慈善公益信息平台: the shapes of the API's answers (all money in integer fen).
import type { components } from '../api/schema'

type S = components['schemas']

export type Vocab = S['charity.CodeView']
export type CharityMeta = S['MetaView']

/** A designation as the server labels it: kind and value with both languages' text. */
export interface DesignationLabel { kind: string; value?: string | number | null; label_zh: string; label_en: string }

export type Fund = S['FundRecord']
export type FundBody = S['FundBody']

export type Project = S['ProjectView']
export type ProjectBody = S['ProjectBody']

export type Campaign = S['CampaignView']
export type CampaignDetail = S['CampaignView']
export type CampaignBody = S['CampaignBody']

/** A goods line as the donation records it. */
export type GoodsLine = S['GoodsRecord']

export type Donation = S['DonationView']
export type DonationDetail = Donation
export type DonationBody = S['DonationBody']

export type Pool = S['PoolView']

export type Draw = S['charity.allocations.DrawView']
export type Refusal = S['Refusal']
export type Preview = S['PreviewView']

export type Allocation = S['AllocationView']
export type AllocationBody = S['AllocationBody']

export type LedgerEntry = S['EntryView']
export type Checkpoint = S['CheckpointRecord']
export type Verification = S['VerificationRecord']
export type Published = S['Published']

export type Trace = S['TraceView']
export type Proof = S['ProofView']
/** A proof as the check reads it, from the server or from a file saved before: the contract first
 * called the audit path `path`, and the publication time and procedure are not needed to check it. */
export type ProofFile = Omit<Proof, 'audit_path' | 'checkpoint_published_at' | 'procedure'> & { audit_path?: string[]; path?: string[]; checkpoint_published_at?: string; procedure?: string }

export type PortalSummary = S['SummaryView']
export type PortalCheckpoints = S['CheckpointsView']

/** A line of the annual report: a fund, donor kind, campaign, project or recipient kind with its amount and count. */
export type ReportLine = S['Line']
export type AnnualReport = S['charity.report.ReportView']
