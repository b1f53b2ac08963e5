//! 拨付 allocations from the charity's funds to projects, households from the registry and
//! organisations. Designated money pays only what it was given for: the pools that admit the
//! allocation pay it, most specific first, or it is refused with the reason (preview first).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minzheng_core::access::Permission;
use minzheng_core::assistance::Fen;
use minzheng_core::charity::designation::{self as rule, Balance, Category, Refusal, Target};
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::charity::kinds::{ProjectStatus, RecipientKind};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::Scope;
use minzheng_store::charity::allocations::{AllocationFilter, AllocationRecord, DrawRecord, NewAllocation};
use minzheng_store::charity::donations::PoolRecord;
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use super::{CodeView, DesignationView, Names, amount_param, categories_view, day_param, required_text};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(OpenApi)]
#[openapi(paths(preview, create, list, detail))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/charity/allocations/preview", post(preview))
        .route("/charity/allocations", get(list).post(create))
        .route("/charity/allocations/{id}", get(detail))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct AllocationBody {
    pub fund_id: Option<i64>,
    pub project_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub recipient_kind: Option<RecipientKind>,
    /// a household from the registry (recipient_kind household)
    pub household_id: Option<i64>,
    /// the organisation's name (recipient_kind organisation)
    pub recipient_name: Option<String>,
    /// where the organisation works (optional)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub amount_fen: Option<i64>,
    pub purpose: Option<String>,
    /// YYYY-MM-DD, default today; not in the future
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub allocated_on: Option<NaiveDate>,
}

/// The allocation checked and its target for the designation rules.
struct Checked {
    new: NewAllocation,
    target: Target,
    fund_name: String,
    project_name: Option<String>,
}

async fn check(state: &AppState, ctx: &Ctx, scope: &Scope, b: &AllocationBody, preview: bool) -> ApiResult<Checked> {
    let fund_id = b.fund_id.ok_or_else(|| ApiError::invalid("fund_id", "请选择拨付的基金", "fund_id is required"))?;
    let fund = state.store.charity_fund(fund_id).await.map_err(|_| ApiError::invalid("fund_id", "基金不存在", "no such fund"))?;
    let project = match b.project_id {
        None => None,
        Some(id) => {
            let p = state.store.charity_project(id).await.map_err(|_| ApiError::invalid("project_id", "项目不存在", "no such project"))?;
            if p.fund_id != fund.id {
                return Err(ApiError::invalid("project_id", format!("项目“{}”属于“{}”，不在所选基金下", p.name, p.fund_name), "the project belongs to another fund"));
            }
            if p.status != ProjectStatus::Open {
                return Err(ApiError::invalid("project_id", format!("项目“{}”已结束", p.name), "the project is closed"));
            }
            Some(p)
        }
    };
    let kind = b.recipient_kind.ok_or_else(|| ApiError::invalid("recipient_kind", "拨付对象须为项目、困难家庭或机构", "recipient_kind must be project, household or organisation"))?;
    let today = today();
    let (household_id, recipient_name, region, categories) = match kind {
        RecipientKind::Project => {
            let p = project.as_ref().ok_or_else(|| ApiError::invalid("project_id", "拨付给项目须选择项目", "project_id is required for a project"))?;
            (None, p.name.clone(), Some(p.region_code.clone()), vec![])
        }
        RecipientKind::Household => {
            let id = b.household_id.ok_or_else(|| ApiError::invalid("household_id", "请选择受助家庭", "household_id is required"))?;
            let h = state.store.charity_household_recipient(scope, id, today).await.map_err(|e| match e {
                minzheng_store::StoreError::NotFound => ApiError::invalid("household_id", "本辖区内没有这个家庭户", "no such household in your region"),
                e => e.into(),
            })?;
            let region = RegionCode::parse(&h.region_code).map_err(|_| ApiError::Internal("household region".into()))?;
            (Some(h.household_id), h.head_name, Some(region), h.categories)
        }
        RecipientKind::Organisation => {
            let name = required_text("recipient_name", "受助机构名称", b.recipient_name.as_deref(), 80)?;
            let region = b.region_code.clone();
            if let Some(r) = &region {
                state.store.known_region(r, "region_code").await?;
            }
            (None, name, region, vec![])
        }
    };
    if let Some(r) = &region {
        ctx.region_in_scope(r, "region_code")?;
    }
    let amount_fen = amount_param("amount_fen", b.amount_fen)?;
    // a preview may come before the purpose is typed
    let purpose = if preview && b.purpose.as_deref().is_none_or(|p| p.trim().is_empty()) { String::new() } else { required_text("purpose", "用途", b.purpose.as_deref(), 200)? };
    let allocated_on = day_param("allocated_on", b.allocated_on, today)?.unwrap_or(today);
    let target = Target {
        fund: fund.code.clone(),
        project: project.as_ref().map(|p| p.id),
        region: region.clone(),
        categories: categories.iter().filter_map(|c| Category::parse(c)).collect(),
    };
    let new = NewAllocation {
        fund_id: fund.id,
        project_id: project.as_ref().map(|p| p.id),
        recipient_kind: kind,
        household_id,
        recipient_name,
        region_code: region.map(|r| r.to_string()).unwrap_or_else(|| ctx.region().to_string()),
        categories,
        amount_fen,
        purpose,
        allocated_on,
        created_by: ctx.actor().to_owned(),
    };
    Ok(Checked { new, target, fund_name: fund.name, project_name: project.map(|p| p.name) })
}

#[derive(utoipa::ToSchema)]
#[schema(as = charity::allocations::DrawView)]
#[derive(Serialize)]
pub struct DrawView {
    pub pool_id: i64,
    pub designation: DesignationView,
    pub amount_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct TargetView {
    pub fund_name: String,
    pub project_name: Option<String>,
    pub region_code: String,
    pub region_name: String,
    pub categories: Vec<CodeView>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PreviewView {
    pub ok: bool,
    pub draws: Vec<DrawView>,
    pub refusal: Option<Refusal>,
    pub target: TargetView,
}

/// 拨付预览 which pools would pay the allocation, or why it is refused (nothing changes).
#[utoipa::path(post, path = "/api/v1/charity/allocations/preview", tag = "charity", request_body = AllocationBody, responses((status = 200, body = PreviewView, description = "the draws or the refusal"), (status = 422)))]
pub async fn preview(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<AllocationBody>) -> ApiResult<Json<PreviewView>> {
    let granted = ctx.grant(Permission::CharityAllocate)?;
    let c = check(&state, &ctx, granted.scope(), &b, true).await?;
    let pools = state.store.charity_pools().await?;
    let names = Names::load(&state.store, pools.iter().map(|p| p.designation_value.clone()).chain([c.new.region_code.clone()]).collect()).await?;
    let target = TargetView { fund_name: c.fund_name, project_name: c.project_name, region_name: names.region(&c.new.region_code), region_code: c.new.region_code.clone(), categories: categories_view(&c.new.categories) };
    let balances: Vec<Balance> = pools.iter().filter_map(PoolRecord::balance).collect();
    Ok(Json(match rule::allocate_named(&balances, &c.target, Fen(c.new.amount_fen), &|d| names.of(d)) {
        Ok(ds) => PreviewView {
            ok: true,
            draws: ds
                .into_iter()
                .map(|d| {
                    let p = pools.iter().find(|p| p.id == d.pool_id).expect("drawn from these pools");
                    DrawView { pool_id: d.pool_id, designation: names.designation(p.designation_kind, &p.designation_value), amount_fen: d.amount.0 }
                })
                .collect(),
            refusal: None,
            target,
        },
        Err(r) => PreviewView { ok: false, draws: vec![], refusal: Some(r), target },
    }))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct AllocationView {
    pub id: i64,
    pub fund_id: i64,
    pub fund_name: String,
    pub project_id: Option<i64>,
    pub project_name: Option<String>,
    pub recipient_kind: RecipientKind,
    pub recipient_kind_zh: &'static str,
    pub household_id: Option<i64>,
    /// households masked
    pub recipient_name: String,
    pub region_code: String,
    pub region_name: String,
    pub categories: Vec<CodeView>,
    pub amount_fen: i64,
    pub purpose: String,
    pub allocated_on: NaiveDate,
    pub ledger_seq: i64,
    pub created_by: String,
    #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draws: Option<Vec<DrawView>>,
}

pub fn allocation_view(a: AllocationRecord, names: &Names, draws: Option<Vec<DrawRecord>>) -> AllocationView {
    AllocationView {
        recipient_name: a.public_recipient(),
        recipient_kind_zh: a.recipient_kind.zh(),
        region_name: names.region(&a.region_code),
        categories: categories_view(&a.categories),
        draws: draws.map(|ds| ds.into_iter().map(|d| DrawView { pool_id: d.pool_id, designation: names.designation(d.designation_kind, &d.designation_value), amount_fen: d.amount_fen }).collect()),
        id: a.id,
        fund_id: a.fund_id,
        fund_name: a.fund_name,
        project_id: a.project_id,
        project_name: a.project_name,
        recipient_kind: a.recipient_kind,
        household_id: a.household_id,
        region_code: a.region_code,
        amount_fen: a.amount_fen,
        purpose: a.purpose,
        allocated_on: a.allocated_on,
        ledger_seq: a.ledger_seq,
        created_by: a.created_by,
        created_at: a.created_at,
    }
}

/// 拨付 record an allocation: the pools that admit it pay it (most specific first), with its
/// ledger entry; refused with the reason (field `amount_fen`) when designations do not allow it.
#[utoipa::path(post, path = "/api/v1/charity/allocations", tag = "charity", request_body = AllocationBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = AllocationView, description = "the allocation with its draws"), (status = 422, description = "invalid, or refused by the designations")))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(b): ApiJson<AllocationBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::CharityAllocate)?;
    if let Some(r) = idem.replay(&state, &ctx, ENTITY).await? {
        return answer(&state, granted.scope(), r.id, r.status).await;
    }
    let c = check(&state, &ctx, granted.scope(), &b, false).await?;
    let pools = state.store.charity_pools().await?;
    let names = Names::load(&state.store, pools.iter().map(|p| p.designation_value.clone()).collect()).await?;
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, ENTITY).await?;
        return answer(&state, granted.scope(), r.id, r.status).await;
    }
    state.store.charity_lock(&mut tx).await?;
    let outcome = state.store.charity_insert_allocations(&mut tx, &[(c.new, c.target)], today(), &|d| names.of(d)).await?.remove(0);
    let (a, _) = outcome.map_err(|r| ApiError::invalid("amount_fen", r.zh, r.en))?;
    state.store.audit(&mut tx, &ctx.entry("charity.allocation.create", "charity_allocation", a.id, &a.region_code, format!("{} fen to {} ({})", a.amount_fen, a.recipient_kind, a.purpose))).await?;
    idem.record(&state, &mut tx, &ctx, ENTITY, a.id, StatusCode::CREATED).await?;
    tx.commit().await?;
    answer(&state, granted.scope(), a.id, StatusCode::CREATED).await
}

const ENTITY: &str = "charity_allocation";

/// An allocation with the pools that paid it: the answer of a create and of its replay.
async fn answer(state: &AppState, scope: &Scope, id: i64, status: StatusCode) -> ApiResult<Response> {
    let a = state.store.charity_allocation(scope, id).await?;
    let draws = state.store.charity_allocation_draws(a.id).await?;
    let names = Names::load(&state.store, draws.iter().map(|d| d.designation_value.clone()).chain([a.region_code.clone()]).collect()).await?;
    Ok((status, Json(allocation_view(a, &names, Some(draws)))).into_response())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct AllocationQuery {
    pub fund_id: Option<i64>,
    pub project_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub recipient_kind: Option<RecipientKind>,
    /// the recipients' region (inside the account's)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub to: Option<NaiveDate>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 拨付台账 allocations to recipients in the account's region, newest first.
#[utoipa::path(get, path = "/api/v1/charity/allocations", tag = "charity", params(AllocationQuery), responses((status = 200, body = PageOf<AllocationView>, description = "a page of allocations")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<AllocationQuery>) -> ApiResult<Json<PageOf<AllocationView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let f = AllocationFilter { fund_id: q.fund_id, project_id: q.project_id, recipient_kind: q.recipient_kind, from: q.from, to: q.to };
    let page = state.store.charity_allocations(&granted.within(q.region.as_ref())?, &f, Paging::new(q.page, q.page_size)).await?;
    let names = Names::load(&state.store, page.items.iter().map(|a| a.region_code.clone()).collect()).await?;
    let items = page.map(|a| allocation_view(a, &names, None));
    Ok(Json(PageOf::from(items)))
}

/// 拨付详情 one allocation with the pools that paid it.
#[utoipa::path(get, path = "/api/v1/charity/allocations/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = AllocationView, description = "the allocation"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<AllocationView>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let a = state.store.charity_allocation(granted.scope(), id).await?;
    let draws = state.store.charity_allocation_draws(a.id).await?;
    let names = Names::load(&state.store, draws.iter().map(|d| d.designation_value.clone()).chain([a.region_code.clone()]).collect()).await?;
    Ok(Json(allocation_view(a, &names, Some(draws))))
}
