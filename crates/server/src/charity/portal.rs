//! 慈善公益信息平台 the public portal, without login: totals, income and spending by month and by
//! fund, projects and campaigns with progress, the donor's trace by receipt code, the published
//! checkpoints, inclusion proofs and the latest verification. Only what may be public: donors as
//! the ledger shows them (persons masked, anonymous as 爱心人士), recipients masked.
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::Datelike;
use minzheng_core::charity::ledger::{Entry, InclusionProof};
use minzheng_core::charity::receipt;
use minzheng_store::charity::donations::DonationRecord;
use minzheng_store::charity::ledger::{CheckpointRecord, VerificationRecord};
use minzheng_store::{StoreError, today};
use serde::Serialize;
use utoipa::OpenApi;

use super::funds::{CampaignView, ProjectView, campaign_view, project_views};
pub use minzheng_app::charity::portal::{
    GoodsRecipientView, GoodsView, LedgerRef, MoneyView, MoreView, ProjectShare, PublicDonation, TraceView, TracedView, trace_view,
};

use crate::AppState;
use crate::error::{ApiError, ApiResult};

#[derive(OpenApi)]
#[openapi(paths(summary, projects, campaigns, trace, proof, checkpoints))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/public/charity/summary", get(summary))
        .route("/public/charity/projects", get(projects))
        .route("/public/charity/campaigns", get(campaigns))
        .route("/public/charity/trace/{code}", get(trace))
        .route("/public/charity/proof/{code}", get(proof))
        .route("/public/charity/checkpoints", get(checkpoints))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct TotalsView {
    pub income_fen: i64,
    pub money_fen: i64,
    pub goods_fen: i64,
    pub spent_fen: i64,
    /// money held: money received minus allocated
    pub balance_fen: i64,
    pub donations: i64,
    pub donors: i64,
    pub households_helped: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MonthView {
    pub month: String,
    pub income_fen: i64,
    pub money_fen: i64,
    pub goods_fen: i64,
    pub spent_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FundView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub purpose: String,
    pub income_fen: i64,
    pub spent_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct AmountPair {
    pub income_fen: i64,
    pub spent_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SummaryView {
    pub as_of: String,
    pub totals: TotalsView,
    pub this_year: AmountPair,
    /// the last 12 months
    pub by_month: Vec<MonthView>,
    pub funds: Vec<FundView>,
    /// undesignated money (not counted to a fund)
    pub general: AmountPair,
    pub latest_checkpoint: Option<CheckpointRecord>,
    pub latest_verification: Option<VerificationRecord>,
}

/// 收支公开 totals, this year, the last 12 months, funds, the latest checkpoint and verification.
#[utoipa::path(get, path = "/api/v1/public/charity/summary", tag = "public", responses((status = 200, body = SummaryView, description = "the public summary")))]
pub async fn summary(State(state): State<AppState>) -> ApiResult<Json<SummaryView>> {
    let today = today();
    let t = state.store.charity_totals(None, None).await?;
    let year = state.store.charity_totals(Some(&format!("{}-01-01", today.year())), None).await?;
    let first = today.with_day(1).expect("first of month") - chrono::Months::new(11);
    let months = state.store.charity_by_month(&first.format("%Y-%m").to_string(), &today.format("%Y-%m").to_string()).await?;
    let funds = state.store.charity_funds().await?;
    let general_income: i64 = state.store.charity_income_by("fund", "0000-00-00", "9999-99-99").await?.iter().filter(|k| k.id.is_none()).map(|k| k.amount_fen).sum();
    Ok(Json(SummaryView {
        as_of: minzheng_store::now(),
        totals: TotalsView {
            income_fen: t.money_fen + t.goods_fen,
            money_fen: t.money_fen,
            goods_fen: t.goods_fen,
            spent_fen: t.spent_fen,
            balance_fen: t.money_fen - t.spent_fen,
            donations: t.donations,
            donors: t.donors,
            households_helped: t.households,
        },
        this_year: AmountPair { income_fen: year.money_fen + year.goods_fen, spent_fen: year.spent_fen },
        by_month: months.into_iter().map(|m| MonthView { income_fen: m.money_fen + m.goods_fen, month: m.month, money_fen: m.money_fen, goods_fen: m.goods_fen, spent_fen: m.spent_fen }).collect(),
        general: AmountPair { income_fen: general_income, spent_fen: 0 },
        funds: funds.into_iter().map(|f| FundView { id: f.id, code: f.code, name: f.name, purpose: f.purpose, income_fen: f.income_fen, spent_fen: f.spent_fen }).collect(),
        latest_checkpoint: state.store.charity_checkpoints(1).await?.into_iter().next(),
        latest_verification: state.store.charity_latest_verification().await?,
    }))
}

/// 慈善项目 projects with their targets and progress.
#[utoipa::path(get, path = "/api/v1/public/charity/projects", tag = "public", responses((status = 200, body = Vec<ProjectView>, description = "the projects")))]
pub async fn projects(State(state): State<AppState>) -> ApiResult<Json<Vec<ProjectView>>> {
    let items = state.store.charity_projects(None, None).await?;
    Ok(Json(project_views(&state, items).await?))
}

/// 募捐活动 campaigns with target and progress.
#[utoipa::path(get, path = "/api/v1/public/charity/campaigns", tag = "public", responses((status = 200, body = Vec<CampaignView>, description = "the campaigns")))]
pub async fn campaigns(State(state): State<AppState>) -> ApiResult<Json<Vec<CampaignView>>> {
    Ok(Json(state.store.charity_campaigns().await?.into_iter().map(|c| campaign_view(c, None)).collect()))
}

async fn by_code(state: &AppState, code: &str) -> ApiResult<DonationRecord> {
    let not_found = || ApiError::bad_request(Some("receipt_code"), "没有这个收据编号的捐赠，请核对收据上的编号（如 CS20260630-7K3M9QXA）", "no donation has this receipt code; check it against the receipt");
    let code = receipt::normalize(code).ok_or_else(not_found)?;
    state.store.charity_donation_by_receipt(&code).await.map_err(|e| match e {
        StoreError::NotFound => ApiError::NotFound,
        e => e.into(),
    })
}

/// 捐赠追溯 where a donation went, by its receipt code: the pool, the allocations it reached and
/// its (proportional) share of each, the goods given out, and its ledger entry.
#[utoipa::path(get, path = "/api/v1/public/charity/trace/{code}", tag = "public", params(("code" = String, Path, description = "the receipt code")), responses((status = 200, body = TraceView, description = "the trace"), (status = 400), (status = 404)))]
pub async fn trace(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<TraceView>> {
    let d = by_code(&state, &code).await?;
    Ok(Json(trace_view(&state.store, &d).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProofView {
    pub receipt_code: String,
    pub entry: Entry,
    pub entry_hash: String,
    pub leaf_index: u64,
    pub tree_size: u64,
    /// sibling hashes from the leaf up (RFC 9162 §2.1.3.2)
    pub audit_path: Vec<String>,
    pub root: String,
    pub checkpoint_day: chrono::NaiveDate,
    #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
    pub checkpoint_published_at: chrono::DateTime<chrono::Utc>,
    /// how to check it with nothing but SHA-256
    pub procedure: &'static str,
}

pub const PROCEDURE: &str = "1. entry_hash = SHA-256 over the entry's seven length-prefixed fields (8-byte big-endian length, then the bytes): \
\"minzheng-charity-ledger-v1\", seq (8-byte big-endian), day (YYYY-MM-DD), kind, amount_fen (8-byte big-endian), payload (the JSON text as given), prev_hash (64 hex). \
2. leaf = SHA-256(0x00 || entry_hash bytes). 3. Walk audit_path from the leaf (RFC 9162 §2.1.3.2): with fn = leaf_index and sn = tree_size - 1, \
for each sibling p: if fn is odd or fn = sn, r = SHA-256(0x01 || p || r) and, if fn was even, shift fn and sn right until fn is odd or zero; \
else r = SHA-256(0x01 || r || p); then shift fn and sn right by one. 4. r must equal the published root of checkpoint_day. docs/charity.md has a Python script.";

/// 包含证明 the inclusion proof of a donation's ledger entry in its day's published checkpoint
/// (404 until the checkpoint is published, the day after).
#[utoipa::path(get, path = "/api/v1/public/charity/proof/{code}", tag = "public", params(("code" = String, Path, description = "the receipt code")), responses((status = 200, body = ProofView, description = "the proof"), (status = 404)))]
pub async fn proof(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<ProofView>> {
    let d = by_code(&state, &code).await?;
    let Some((p, cp)): Option<(InclusionProof, CheckpointRecord)> = state.store.charity_inclusion_proof(d.ledger_seq).await? else {
        return Err(ApiError::bad_request(Some("receipt_code"), "该笔捐赠所在日的校验点尚未发布（次日发布），请明天再下载包含证明", "the checkpoint of the donation's day is not yet published (it is, the day after)"));
    };
    Ok(Json(ProofView {
        receipt_code: d.receipt_code,
        entry: p.entry,
        entry_hash: p.entry_hash,
        leaf_index: p.leaf_index,
        tree_size: p.tree_size,
        audit_path: p.audit_path,
        root: p.root,
        checkpoint_day: cp.day,
        checkpoint_published_at: cp.created_at,
        procedure: PROCEDURE,
    }))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CheckpointsView {
    pub checkpoints: Vec<CheckpointRecord>,
    pub latest_verification: Option<VerificationRecord>,
}

/// 每日校验点 the latest published checkpoints and the latest verification of the ledger.
#[utoipa::path(get, path = "/api/v1/public/charity/checkpoints", tag = "public", responses((status = 200, body = CheckpointsView, description = "checkpoints and the latest verification")))]
pub async fn checkpoints(State(state): State<AppState>) -> ApiResult<Json<CheckpointsView>> {
    Ok(Json(CheckpointsView { checkpoints: state.store.charity_checkpoints(60).await?, latest_verification: state.store.charity_latest_verification().await? }))
}
