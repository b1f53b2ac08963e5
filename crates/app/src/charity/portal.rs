//! 捐赠追溯 where a donation went, as the public may see it (the portal's trace, the donation's
//! page in the console, and the benchmark).
use minzheng_core::mask::mask_name;
use minzheng_store::Store;
use minzheng_store::charity::donations::DonationRecord;
use minzheng_store::charity::ledger::CheckpointRecord;
use serde::Serialize;

use chrono::NaiveDate;
use minzheng_core::charity::kinds::{Form, RecipientKind};

use super::names::{DesignationView, Names};
use crate::error::AppResult;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct PublicDonation {
    pub receipt_code: String,
    /// as published: persons masked, anonymous donors 爱心人士, companies in full
    pub donor: String,
    pub form: Form,
    pub amount_fen: i64,
    pub designation: DesignationView,
    pub fund_name: Option<String>,
    pub campaign_name: Option<String>,
    pub received_on: NaiveDate,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct TracedView {
    pub allocation_id: i64,
    pub allocated_on: NaiveDate,
    pub fund_name: String,
    pub project_name: Option<String>,
    pub recipient_kind: RecipientKind,
    pub recipient_kind_zh: &'static str,
    /// households masked
    pub recipient: String,
    pub region_name: String,
    pub purpose: String,
    pub allocation_amount_fen: i64,
    /// this donation's (proportional) share
    pub share_fen: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct MoreView {
    pub count: i64,
    pub share_fen: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = portal::ProjectShare))]
#[derive(Serialize)]
pub struct ProjectShare {
    pub project_name: Option<String>,
    pub recipient_kind: RecipientKind,
    pub recipient_kind_zh: &'static str,
    pub share_fen: i64,
    pub allocations: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct MoneyView {
    pub pool: DesignationView,
    /// other donations share the pool: the shares are proportional
    pub pooled: bool,
    pub spent_fen: i64,
    pub remaining_fen: i64,
    pub allocations: Vec<TracedView>,
    pub more: MoreView,
    pub by_project: Vec<ProjectShare>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct GoodsRecipientView {
    pub on: NaiveDate,
    pub region_name: String,
    /// masked
    pub recipient: String,
    pub quantity: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct GoodsView {
    pub item: String,
    pub unit: String,
    pub quantity: i64,
    pub redeemed: i64,
    pub expired: i64,
    pub in_stock: i64,
    pub recipients: Vec<GoodsRecipientView>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct LedgerRef {
    pub seq: i64,
    pub day: NaiveDate,
    pub hash: String,
    pub checkpoint: Option<CheckpointRecord>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct TraceView {
    pub donation: PublicDonation,
    pub money: Option<MoneyView>,
    pub goods: Vec<GoodsView>,
    pub ledger: LedgerRef,
}

/// Allocations listed by name in a trace; the rest are summed.
const TRACE_LIST: i64 = 100;

/// Where a donation went, as the public may see it.
pub async fn trace_view(store: &Store, d: &DonationRecord) -> AppResult<TraceView> {
    let money = store.charity_trace_money(d, TRACE_LIST).await?;
    let goods = store.supermarket_donation_trace(d.id).await?;
    let mut regions: Vec<String> = vec![d.designation_value.clone()];
    if let Some(m) = &money {
        regions.extend(m.allocations.iter().map(|a| a.allocation.region_code.clone()));
        regions.push(m.designation_value.clone());
    }
    regions.extend(goods.iter().flat_map(|g| g.redemptions.iter().map(|r| r.region_code.as_str().to_owned())));
    let names = Names::load(store, regions).await?;
    let entry = store.charity_ledger_entry(d.ledger_seq).await?;
    let checkpoint = store.charity_checkpoint(entry.day).await?;
    Ok(TraceView {
        donation: PublicDonation {
            receipt_code: d.receipt_code.clone(),
            donor: d.public_donor(),
            form: d.form,
            amount_fen: d.amount_fen,
            designation: names.designation(d.designation_kind, &d.designation_value),
            fund_name: d.fund_id.and_then(|f| names.funds_by_id.get(&f).cloned()),
            campaign_name: d.campaign_id.and_then(|c| names.campaigns.get(&c).cloned()),
            received_on: d.received_on,
        },
        money: money.map(|m| MoneyView {
            pool: names.designation(m.designation_kind, &m.designation_value),
            pooled: m.pooled,
            spent_fen: m.spent_fen,
            remaining_fen: m.remaining_fen,
            more: MoreView { count: m.more_count, share_fen: m.more_share_fen },
            by_project: m
                .by_project
                .into_iter()
                .map(|g| ProjectShare {
                    project_name: g.project_id.and_then(|p| names.projects.get(&p).cloned()),
                    recipient_kind_zh: g.recipient_kind.zh(),
                    recipient_kind: g.recipient_kind,
                    share_fen: g.share_fen,
                    allocations: g.allocations,
                })
                .collect(),
            allocations: m
                .allocations
                .into_iter()
                .map(|t| {
                    let a = t.allocation;
                    TracedView {
                        recipient: a.public_recipient(),
                        recipient_kind_zh: a.recipient_kind.zh(),
                        region_name: names.region(&a.region_code),
                        allocation_id: a.id,
                        allocated_on: a.allocated_on,
                        fund_name: a.fund_name,
                        project_name: a.project_name,
                        recipient_kind: a.recipient_kind,
                        purpose: a.purpose,
                        allocation_amount_fen: a.amount_fen,
                        share_fen: t.share_fen,
                    }
                })
                .collect(),
        }),
        goods: goods
            .into_iter()
            .map(|g| GoodsView {
                item: g.item_name,
                unit: g.unit,
                quantity: g.quantity_in,
                redeemed: g.redeemed,
                expired: g.written_off,
                in_stock: g.in_stock,
                recipients: g.redemptions.into_iter().map(|r| GoodsRecipientView { region_name: names.region(r.region_code.as_str()), on: r.redeemed_on, recipient: mask_name(&r.head_name), quantity: r.quantity }).collect(),
            })
            .collect(),
        ledger: LedgerRef { seq: entry.seq, day: entry.day, hash: entry.hash, checkpoint },
    })
}
