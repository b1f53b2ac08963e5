//! 公开账本 the ledger as the charity's staff see it: entries, the daily checkpoints (published
//! for each finished day, by the daily job or on demand) and the verification that names a changed
//! or deleted entry or row.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::charity::kinds::LedgerKind;
use minzheng_store::charity::ledger::{CheckpointRecord, LedgerRecord, VerificationRecord};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(OpenApi)]
#[openapi(paths(entries, checkpoints, publish, verify, verifications, verification))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/charity/ledger", get(entries))
        .route("/charity/checkpoints", get(checkpoints).post(publish))
        .route("/charity/verify", post(verify))
        .route("/charity/verifications", get(verifications))
        .route("/charity/verifications/{id}", get(verification))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct EntryView {
    pub seq: i64,
    pub day: NaiveDate,
    pub kind: LedgerKind,
    pub amount_fen: i64,
    /// the payload decoded; `payload_text` is what is hashed
    pub payload: serde_json::Value,
    pub payload_text: String,
    pub prev_hash: String,
    pub hash: String,
}

pub fn entry_view(e: LedgerRecord) -> EntryView {
    EntryView {
        payload: serde_json::from_str(&e.payload).unwrap_or(serde_json::Value::Null),
        payload_text: e.payload,
        seq: e.seq,
        day: e.day,
        kind: e.kind,
        amount_fen: e.amount_fen,
        prev_hash: e.prev_hash,
        hash: e.hash,
    }
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// YYYY-MM-DD
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub day: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<LedgerKind>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 账本条目 the ledger, newest first.
#[utoipa::path(get, path = "/api/v1/charity/ledger", tag = "charity", params(LedgerQuery), responses((status = 200, body = PageOf<EntryView>, description = "a page of entries")))]
pub async fn entries(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<LedgerQuery>) -> ApiResult<Json<PageOf<EntryView>>> {
    ctx.require(Permission::CharityRead)?;
    let page = state.store.charity_ledger_page(q.day, q.kind, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page.map(entry_view))))
}

/// 每日校验点 the published checkpoints, newest first.
#[utoipa::path(get, path = "/api/v1/charity/checkpoints", tag = "charity", responses((status = 200, body = Vec<CheckpointRecord>, description = "the checkpoints")))]
pub async fn checkpoints(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<CheckpointRecord>>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.charity_checkpoints(400).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Published {
    pub built: Vec<CheckpointRecord>,
}

/// 发布校验点 publish the checkpoints of every finished day not yet published (the daily job does
/// it after midnight).
#[utoipa::path(post, path = "/api/v1/charity/checkpoints", tag = "charity", responses((status = 200, body = Published, description = "what was published")))]
pub async fn publish(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Published>> {
    ctx.require(Permission::CharityRecord)?;
    let built = state.store.charity_publish_checkpoints(today()).await?;
    if !built.is_empty() {
        state.store.audit_now(&ctx.entry("charity.checkpoint.publish", "charity_checkpoint", built.len(), ctx.region().as_str(), built.iter().map(|c| c.day.to_string()).collect::<Vec<_>>().join(","))).await?;
    }
    Ok(Json(Published { built }))
}

/// 校验账本 start verifying the chain, every checkpoint and every donation and allocation row (202:
/// poll `GET /charity/verifications/{id}` for the progress and the outcome, which the portal shows).
#[utoipa::path(post, path = "/api/v1/charity/verify", tag = "charity", responses((status = 202, body = VerificationRecord, description = "the verification, running")))]
pub async fn verify(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Response> {
    ctx.require(Permission::CharityRead)?;
    let v = state.store.charity_start_verification(ctx.actor()).await?;
    state.store.audit_now(&ctx.entry("charity.verify", "charity_verification", v.id, ctx.region().as_str(), format!("{} entries and rows", v.total))).await?;
    state.jobs.enqueue(&minzheng_app::charity::ledger::verification_job(&v, ctx.region().as_str())).await?;
    Ok((StatusCode::ACCEPTED, Json(v)).into_response())
}

/// 校验进度 one verification: its progress while running, then its outcome.
#[utoipa::path(get, path = "/api/v1/charity/verifications/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = VerificationRecord, description = "the verification"), (status = 404)))]
pub async fn verification(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<VerificationRecord>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.charity_verification(id).await?))
}

/// 校验记录 the latest verifications, newest first.
#[utoipa::path(get, path = "/api/v1/charity/verifications", tag = "charity", responses((status = 200, body = Vec<VerificationRecord>, description = "the verifications")))]
pub async fn verifications(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<VerificationRecord>>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.charity_verifications(50).await?))
}
