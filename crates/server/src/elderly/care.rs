//! 居家养老服务 government-purchased home care: providers, the service catalogue, enrolled elderly
//! with their monthly allowance, work orders, return visits and monthly settlement.
//!
//! A provider's account (role `provider`) reads and moves only the orders of the provider it is
//! bound to (`accounts.provider_id`); another provider's order is "not found".
use minzheng_core::assistance::money::AmountBound;
use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::FieldError;
use minzheng_core::access::{Permission, Role};
use minzheng_core::assistance::{Fen, YearMonth};
use minzheng_core::elderly::care::{self as rule, ElderAllowance, ElderFacts, Eligibility, OrderStatus, ProviderKind, Settlement};
use minzheng_core::mask::{mask_address, mask_name};
use minzheng_core::region::{RegionCode, RegionLevel};
use minzheng_store::Scope;
use minzheng_store::elderly::care::{
    EnrolmentFilter, EnrolmentInput, EnrolmentRecord, OrderAccess, OrderFilter, OrderInput, OrderRecord, OrderStep, PhotoMeta, ProviderInput, ProviderRecord,
    ServiceItemInput, ServiceItemRecord, SettlementLineRecord, SettlementRecord, VisitRecord,
};
use minzheng_store::registry::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::region_filter;
use crate::registry::views::PageOf;

/// A work-order photo: at most 5 MB, JPEG or PNG (by its bytes).
pub const PHOTO_LIMIT: usize = 5 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(paths(
    providers,
    provider,
    create_provider,
    update_provider,
    items,
    create_item,
    update_item,
    eligibility,
    enrolments,
    enrol,
    end_enrolment,
    orders,
    order,
    dispatch,
    start,
    end,
    confirm,
    cancel,
    upload_photo,
    photo,
    return_visit,
    visits,
    preview,
    settle,
    settlements,
    settlement,
    settlement_export,
))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/elderly/care/providers", get(providers).post(create_provider))
        .route("/elderly/care/providers/{id}", get(provider).put(update_provider))
        .route("/elderly/care/items", get(items).post(create_item))
        .route("/elderly/care/items/{id}", axum::routing::put(update_item))
        .route("/elderly/care/eligibility/{person_id}", get(eligibility))
        .route("/elderly/care/enrolments", get(enrolments).post(enrol))
        .route("/elderly/care/enrolments/{id}/end", post(end_enrolment))
        .route("/elderly/care/orders", get(orders).post(dispatch))
        .route("/elderly/care/orders/{id}", get(order))
        .route("/elderly/care/orders/{id}/start", post(start))
        .route("/elderly/care/orders/{id}/end", post(end))
        .route("/elderly/care/orders/{id}/confirm", post(confirm))
        .route("/elderly/care/orders/{id}/cancel", post(cancel))
        .route("/elderly/care/orders/{id}/photos", post(upload_photo).layer(axum::extract::DefaultBodyLimit::max(PHOTO_LIMIT + 64 * 1024)))
        .route("/elderly/care/orders/{id}/photos/{pid}", get(photo))
        .route("/elderly/care/orders/{id}/visits", post(return_visit))
        .route("/elderly/care/visits", get(visits))
        .route("/elderly/care/settlements/preview", get(preview))
        .route("/elderly/care/settlements", get(settlements).post(settle))
        .route("/elderly/care/settlements/{id}", get(settlement))
        .route("/elderly/care/settlements/{id}/export", get(settlement_export))
}

// ---------------------------------------------------------------- helpers

fn trimmed(s: &Option<String>) -> String {
    s.as_deref().map(str::trim).unwrap_or_default().to_owned()
}

fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, zh: &str, en: &str, max: usize) {
    if value.is_empty() {
        errors.push(FieldError::new(field, format!("请填写{zh}"), format!("{en} is required")));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, format!("{zh}不能超过{max}个字"), format!("{en} must be at most {max} characters")));
    }
}

fn date_field(errors: &mut Vec<FieldError>, field: &str, value: &str, zh: &str) -> Option<NaiveDate> {
    match minzheng_core::date::parse_date(value) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(field, format!("{zh}须为有效日期（如 2026-01-31）"), format!("{field} must be a date such as 2026-01-31")));
            None
        }
    }
}

fn month_field(value: Option<&str>, field: &str) -> ApiResult<YearMonth> {
    let v = value.map(str::trim).unwrap_or_default();
    YearMonth::parse(v).ok_or_else(|| ApiError::invalid(field, "月份须为 YYYY-MM 格式，如 2026-10", "the month must be YYYY-MM, e.g. 2026-10"))
}

fn version_of(v: Option<i64>) -> ApiResult<i64> {
    v.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))
}

fn stored_region(s: &str) -> ApiResult<RegionCode> {
    RegionCode::parse(s).map_err(|e| ApiError::Internal(format!("stored region {s}: {}", e.message_en)))
}

fn today() -> NaiveDate {
    minzheng_store::today()
}

/// The orders an account may read: its region and, for a provider's account, its provider.
fn access(ctx: &Ctx) -> ApiResult<OrderAccess> {
    if ctx.role() == Role::Provider {
        let granted = ctx.grant(Permission::HomecareServe)?;
        let provider_id = ctx.account().provider_id.ok_or_else(|| ApiError::forbidden("该服务商账号未绑定服务商，请联系管理员", "this provider account is not bound to a provider"))?;
        return Ok(OrderAccess { scope: granted.scope().clone(), provider_id: Some(provider_id) });
    }
    let granted = ctx.grant(Permission::ElderlyRead)?;
    Ok(OrderAccess { scope: granted.scope().clone(), provider_id: None })
}

/// Whether names and addresses are masked for this request: a provider's worker sees the elders it
/// serves in full (it goes to their door); an officer sees them masked unless it asks with
/// `unmask=1` (permission `person.unmask`; the caller audits it).
fn masked(ctx: &Ctx, unmask: Option<bool>) -> ApiResult<bool> {
    if ctx.role() == Role::Provider {
        return Ok(false);
    }
    Ok(!crate::registry::wants_unmasked(ctx, unmask)?)
}

/// An enrolment as a masked answer shows it: the name masked, the birth year without the date.
fn mask_enrolment(e: &mut minzheng_store::elderly::care::EnrolmentRecord) {
    e.name = mask_name(&e.name);
    e.birth_date.clear();
}

/// Audits a read in full: an officer's `unmask=1`, and every read of a provider's account, which
/// always sees the names, addresses and phones of the elders it serves (issue 14: those reads were
/// not audited).
async fn audit_unmask(state: &AppState, ctx: &Ctx, what: &str, ids: String) -> ApiResult<()> {
    let (action, detail) = if ctx.role() == Role::Provider { ("homecare.provider_read", "names and addresses (the provider's own)") } else { ("homecare.unmask", "unmasked names") };
    state.store.audit_now(&ctx.entry(action, what, ids, ctx.region().as_str(), detail)).await?;
    Ok(())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    /// names and addresses in full (permission person.unmask, audited)
    pub unmask: Option<bool>,
}

fn require_any(ctx: &Ctx, ps: &[Permission]) -> ApiResult<()> {
    match ps.iter().find(|p| ctx.role().can(**p)) {
        Some(_) => Ok(()),
        None => ctx.require(ps[0]),
    }
}

// ---------------------------------------------------------------- providers

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProviderView {
    #[serde(flatten)]
    pub provider: ProviderRecord,
    pub kind_zh: &'static str,
    pub region_name: Option<String>,
    /// the contract covers today and the qualification has not expired
    pub in_force: bool,
}

async fn provider_views(state: &AppState, list: Vec<ProviderRecord>) -> ApiResult<Vec<ProviderView>> {
    let codes: Vec<String> = list.iter().map(|p| p.region_code.clone()).collect();
    let names = state.store.region_names(&codes).await?;
    let today = today().to_string();
    Ok(list
        .into_iter()
        .map(|p| ProviderView {
            kind_zh: ProviderKind::parse(&p.kind).map(|k| k.zh()).unwrap_or(""),
            region_name: names.get(&p.region_code).cloned(),
            in_force: p.status == "active" && p.contract_start <= today && p.contract_end >= today && p.qualification_until.as_ref().is_none_or(|q| *q >= today),
            provider: p,
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderQuery {
    /// home_care | canteen | emergency_call | institution
    pub kind: Option<String>,
    /// active | suspended | ended
    pub status: Option<String>,
}

/// 服务商名册 providers serving the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/providers", tag = "elderly", params(ProviderQuery), responses((status = 200, body = Vec<ProviderView>, description = "providers")))]
pub async fn providers(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ProviderQuery>) -> ApiResult<Json<Vec<ProviderView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let kind = q.kind.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let kind = match kind {
        None => None,
        Some(k) => Some(ProviderKind::parse(k).ok_or_else(|| ApiError::invalid("kind", format!("未知的服务商类型“{k}”"), format!("unknown provider kind {k:?}")))?.as_str()),
    };
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let list = state.store.list_providers(granted.scope(), kind, status).await?;
    Ok(Json(provider_views(&state, list).await?))
}

/// 服务商详情 a provider.
#[utoipa::path(get, path = "/api/v1/elderly/care/providers/{id}", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = ProviderView), (status = 404)))]
pub async fn provider(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ProviderView>> {
    let granted = if ctx.role() == Role::Provider {
        // a provider's account reads its own record only
        if ctx.account().provider_id != Some(id) {
            return Err(ApiError::NotFound);
        }
        ctx.grant(Permission::HomecareServe)?
    } else {
        ctx.grant(Permission::ElderlyRead)?
    };
    let p = state.store.provider(granted.scope(), id).await?;
    Ok(Json(provider_views(&state, vec![p]).await?.remove(0)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ProviderBody {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub credit_code: Option<String>,
    pub region_code: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub qualification: Option<String>,
    pub qualification_until: Option<String>,
    pub contract_no: Option<String>,
    pub contract_start: Option<String>,
    pub contract_end: Option<String>,
    pub status: Option<String>,
    pub version: Option<i64>,
}

/// 统一社会信用代码 GB 32100-2015: 18 characters of 0-9 and A-Z without I, O, Z, S, V; the last is a
/// check character (weights 3^i mod 31).
fn credit_code_ok(code: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let mut sum = 0u32;
    for (i, c) in chars[..17].iter().enumerate() {
        match CHARS.find(*c) {
            Some(v) => sum += v as u32 * W[i],
            None => return false,
        }
    }
    let check = (31 - sum % 31) % 31;
    CHARS.chars().nth(check as usize) == Some(chars[17])
}

async fn validate_provider(state: &AppState, ctx: &Ctx, b: &ProviderBody) -> ApiResult<ProviderInput> {
    let mut errors = Vec::new();
    let name = trimmed(&b.name);
    required(&mut errors, "name", &name, "服务商名称", "name", 60);
    let kind = match b.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => ProviderKind::HomeCare,
        Some(k) => ProviderKind::parse(k).unwrap_or_else(|| {
            errors.push(FieldError::new("kind", format!("未知的服务商类型“{k}”"), format!("unknown provider kind {k:?}")));
            ProviderKind::HomeCare
        }),
    };
    let credit_code = trimmed(&b.credit_code).to_uppercase();
    if !credit_code_ok(&credit_code) {
        errors.push(FieldError::new("credit_code", "统一社会信用代码须为18位且校验位正确", "the unified social credit code must have 18 characters and a valid check character"));
    }
    let region = trimmed(&b.region_code);
    let region_code = match RegionCode::parse(&region) {
        Ok(r) if matches!(r.level(), RegionLevel::Village | RegionLevel::Grid) => {
            errors.push(FieldError::new("region_code", "服务区域须为区县或镇街", "the service area must be a county or a town"));
            r
        }
        Ok(r) => {
            if !ctx.region().contains(&r) {
                errors.push(FieldError::new("region_code", format!("区划 {r} 不在本账号管辖范围内"), format!("region {r} is outside your region")));
            } else if state.store.region(&r).await?.is_none() {
                errors.push(FieldError::new("region_code", format!("区划代码 {r} 不存在"), format!("unknown region code {r}")));
            }
            r
        }
        Err(e) => {
            errors.push(e.with_field("region_code"));
            ctx.region().clone()
        }
    };
    let contact = trimmed(&b.contact);
    required(&mut errors, "contact", &contact, "联系人", "contact", 30);
    let phone = trimmed(&b.phone);
    if !(7..=20).contains(&phone.len()) || !phone.chars().all(|c| c.is_ascii_digit() || c == '-') {
        errors.push(FieldError::new("phone", "联系电话须为7至20位数字（可含“-”）", "the phone must be 7 to 20 digits (and '-')"));
    }
    let qualification = trimmed(&b.qualification);
    required(&mut errors, "qualification", &qualification, "资质", "qualification", 120);
    let qualification_until = match trimmed(&b.qualification_until) {
        s if s.is_empty() => None,
        s => date_field(&mut errors, "qualification_until", &s, "资质有效期").map(|d| d.to_string()),
    };
    let contract_no = trimmed(&b.contract_no);
    required(&mut errors, "contract_no", &contract_no, "合同编号", "contract number", 40);
    let start = date_field(&mut errors, "contract_start", &trimmed(&b.contract_start), "合同开始日期");
    let end = date_field(&mut errors, "contract_end", &trimmed(&b.contract_end), "合同结束日期");
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.push(FieldError::new("contract_end", "合同结束日期不能早于开始日期", "the contract cannot end before it starts"));
    }
    let status = match trimmed(&b.status) {
        s if s.is_empty() => "active".to_owned(),
        s if matches!(s.as_str(), "active" | "suspended" | "ended") => s,
        s => {
            errors.push(FieldError::new("status", "状态须为 active（在约）、suspended（暂停）或 ended（终止）", format!("unknown status {s:?}")));
            s
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ProviderInput {
        name,
        kind: kind.as_str().to_owned(),
        credit_code,
        region_code: region_code.as_str().to_owned(),
        contact,
        phone,
        qualification,
        qualification_until,
        contract_no,
        contract_start: start.map(|d| d.to_string()).unwrap_or_default(),
        contract_end: end.map(|d| d.to_string()).unwrap_or_default(),
        status,
    })
}

/// 登记服务商 register a provider (qualification and contract).
#[utoipa::path(post, path = "/api/v1/elderly/care/providers", tag = "elderly", request_body = ProviderBody, responses((status = 201), (status = 409), (status = 422)))]
pub async fn create_provider(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<ProviderBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let input = validate_provider(&state, &ctx, &b).await?;
    let mut tx = state.store.begin().await?;
    let id = state.store.create_provider(&mut tx, &input, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.provider.create", "provider", id, &input.region_code, format!("{} {} {}", input.name, input.kind, input.credit_code))).await?;
    tx.commit().await?;
    let p = state.store.provider(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(provider_views(&state, vec![p]).await?.remove(0))).into_response())
}

/// 修改服务商 change a provider (version-checked).
#[utoipa::path(put, path = "/api/v1/elderly/care/providers/{id}", tag = "elderly", request_body = ProviderBody, params(("id" = i64, Path)), responses((status = 200), (status = 409), (status = 422)))]
pub async fn update_provider(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ProviderBody>) -> ApiResult<Json<ProviderView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let before = state.store.provider(granted.scope(), id).await?;
    let input = validate_provider(&state, &ctx, &b).await?;
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.update_provider(&mut tx, id, version, &input).await?;
    let detail = format!("{}: status {}→{}, contract {}→{}", input.name, before.status, input.status, before.contract_end, input.contract_end);
    state.store.audit(&mut tx, &ctx.entry("homecare.provider.update", "provider", id, &input.region_code, detail)).await?;
    tx.commit().await?;
    let p = state.store.provider(granted.scope(), id).await?;
    Ok(Json(provider_views(&state, vec![p]).await?.remove(0)))
}

// ---------------------------------------------------------------- catalogue

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// true: only items that can be dispatched
    pub active: Option<bool>,
}

/// 服务项目目录 the catalogue with prices (fen).
#[utoipa::path(get, path = "/api/v1/elderly/care/items", tag = "elderly", params(ItemQuery), responses((status = 200, body = Vec<ServiceItemRecord>)))]
pub async fn items(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ItemQuery>) -> ApiResult<Json<Vec<ServiceItemRecord>>> {
    require_any(&ctx, &[Permission::ElderlyRead, Permission::HomecareServe])?;
    Ok(Json(state.store.list_service_items(q.active.unwrap_or(false)).await?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = care::ItemBody)]
#[derive(Deserialize)]
pub struct ItemBody {
    pub code: Option<String>,
    pub name: Option<String>,
    pub unit: Option<String>,
    /// fen per unit
    pub price: Option<i64>,
    pub minutes: Option<i64>,
    pub active: Option<bool>,
    pub version: Option<i64>,
}

fn validate_item(b: &ItemBody) -> ApiResult<ServiceItemInput> {
    let mut errors = Vec::new();
    let code = trimmed(&b.code).to_uppercase();
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        errors.push(FieldError::new("code", "项目编码须为1至16位字母、数字、-或_", "the code must be 1 to 16 letters, digits, '-' or '_'"));
    }
    let name = trimmed(&b.name);
    required(&mut errors, "name", &name, "项目名称", "name", 30);
    let unit = trimmed(&b.unit);
    required(&mut errors, "unit", &unit, "计量单位", "unit", 8);
    // a service item's unit price: free to 10万元
    let price = match AmountBound::non_negative(minzheng_core::assistance::Fen(10_000_000)).check("price", "单价", b.price) {
        Ok(p) => p.0,
        Err(e) => {
            errors.push(e);
            -1
        }
    };
    let minutes = b.minutes.unwrap_or(-1);
    if !(1..=1440).contains(&minutes) {
        errors.push(FieldError::new("minutes", "服务时长须为1至1440分钟", "minutes must be 1 to 1440"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ServiceItemInput { code, name, unit, price, minutes, active: b.active.unwrap_or(true) })
}

/// 新增服务项目 add a catalogue item.
#[utoipa::path(post, path = "/api/v1/elderly/care/items", tag = "elderly", request_body = ItemBody, responses((status = 201), (status = 409), (status = 422)))]
pub async fn create_item(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<ItemBody>) -> ApiResult<Response> {
    ctx.require(Permission::ElderlyManage)?;
    let input = validate_item(&b)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.create_service_item(&mut tx, &input).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.item.create", "service_item", id, ctx.region().as_str(), format!("{} {} {} fen/{}", input.code, input.name, input.price, input.unit))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.service_item(id).await?)).into_response())
}

/// 修改服务项目 change a catalogue item (version-checked; orders keep the price they were dispatched with).
#[utoipa::path(put, path = "/api/v1/elderly/care/items/{id}", tag = "elderly", request_body = ItemBody, params(("id" = i64, Path)), responses((status = 200), (status = 409), (status = 422)))]
pub async fn update_item(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ItemBody>) -> ApiResult<Json<ServiceItemRecord>> {
    ctx.require(Permission::ElderlyManage)?;
    let before = state.store.service_item(id).await?;
    let input = validate_item(&b)?;
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.update_service_item(&mut tx, id, version, &input).await?;
    let detail = format!("{}: price {}→{}, active {}→{}", input.code, before.price, input.price, before.active, input.active);
    state.store.audit(&mut tx, &ctx.entry("homecare.item.update", "service_item", id, ctx.region().as_str(), detail)).await?;
    tx.commit().await?;
    Ok(Json(state.store.service_item(id).await?))
}

// ---------------------------------------------------------------- eligibility and enrolment

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct EligibilityView {
    pub person_id: i64,
    pub name: String,
    pub region_code: String,
    pub month: String,
    pub facts: ElderFacts,
    #[serde(flatten)]
    pub eligibility: Eligibility,
    pub basis_zh: Vec<&'static str>,
    pub monthly_allowance: i64,
    pub allowance_param: minzheng_core::assistance::policy::ParamUse,
    /// the active enrolment, if any
    pub enrolment_id: Option<i64>,
}

async fn eligibility_of(state: &AppState, scope: &Scope, person_id: i64, month: YearMonth) -> ApiResult<EligibilityView> {
    let person = state.store.person(scope, person_id).await?;
    let facts = state.store.homecare_elder_facts(&person, month.first_day()).await?;
    let e = rule::eligibility(&facts);
    let region = stored_region(&person.region_code)?;
    let policy = state.store.policy().await?;
    let allowance = rule::monthly_allowance(&policy, &region, month);
    let enrolment_id = state.store.active_enrolment_of(person_id).await?.map(|e| e.id);
    Ok(EligibilityView {
        person_id,
        name: mask_name(&person.name),
        region_code: person.region_code,
        month: month.to_string(),
        basis_zh: e.bases.iter().map(|b| b.zh()).collect(),
        facts,
        eligibility: e,
        monthly_allowance: allowance.value,
        allowance_param: allowance,
        enrolment_id,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// YYYY-MM (default: this month)
    pub month: Option<String>,
}

/// 服务对象资格 whether an elder is eligible for government-purchased home care, with the reasons.
#[utoipa::path(get, path = "/api/v1/elderly/care/eligibility/{person_id}", tag = "elderly", params(("person_id" = i64, Path), MonthQuery), responses((status = 200, body = EligibilityView), (status = 404)))]
pub async fn eligibility(State(state): State<AppState>, ctx: Ctx, Path(person_id): Path<i64>, ApiQuery(q): ApiQuery<MonthQuery>) -> ApiResult<Json<EligibilityView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let month = match q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => YearMonth::of(today()),
        Some(m) => month_field(Some(m), "month")?,
    };
    Ok(Json(eligibility_of(&state, granted.scope(), person_id, month).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnrolmentQuery {
    /// active | ended
    pub status: Option<String>,
    pub provider_id: Option<i64>,
    pub region_code: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// names in full (permission person.unmask, audited)
    pub unmask: Option<bool>,
}

/// 居家养老服务对象 enrolled elderly in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/enrolments", tag = "elderly", params(EnrolmentQuery), responses((status = 200, body = PageOf<EnrolmentRecord>)))]
pub async fn enrolments(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<EnrolmentQuery>) -> ApiResult<Json<PageOf<EnrolmentRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| !matches!(s, "active" | "ended")) {
        return Err(ApiError::invalid("status", "状态须为 active（服务中）或 ended（已终止）", "status must be active or ended"));
    }
    let filter = EnrolmentFilter { status: status.map(str::to_owned), provider_id: q.provider_id, region: region_filter(&ctx, q.region_code.as_deref())?.map(Scope::of) };
    let masked = masked(&ctx, q.unmask)?;
    let mut page = state.store.list_enrolments(granted.scope(), &filter, Paging::new(q.page, q.page_size)).await?;
    if masked {
        page.items.iter_mut().for_each(mask_enrolment);
    } else {
        audit_unmask(&state, &ctx, "homecare_enrolment", page.items.iter().map(|e| e.id.to_string()).collect::<Vec<_>>().join(",")).await?;
    }
    Ok(Json(PageOf::from(page)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct EnrolBody {
    pub person_id: Option<i64>,
    pub provider_id: Option<i64>,
    /// YYYY-MM, default this month
    pub start_month: Option<String>,
}

/// A provider that may serve an elder living in `region`: home care, active, its area containing the region.
fn check_serves(p: &ProviderRecord, region: &RegionCode) -> Result<(), FieldError> {
    if p.kind != ProviderKind::HomeCare.as_str() {
        return Err(FieldError::new("provider_id", format!("{}不是居家养老服务商", p.name), format!("{} is not a home-care provider", p.name)));
    }
    if p.status != "active" {
        return Err(FieldError::new("provider_id", format!("{}当前不在约（{}）", p.name, p.status), format!("{} is not active ({})", p.name, p.status)));
    }
    let serves = RegionCode::parse(&p.region_code).is_ok_and(|area| area.contains(region));
    if !serves {
        return Err(FieldError::new("provider_id", format!("{}的服务区域不包括该老人居住地", p.name), format!("{} does not serve the elder's region", p.name)));
    }
    Ok(())
}

/// 纳入居家养老服务 enrol an elder with a provider: the eligibility rule decides (422 with the reason
/// if not eligible); one active enrolment per elder (409).
#[utoipa::path(post, path = "/api/v1/elderly/care/enrolments", tag = "elderly", request_body = EnrolBody, responses((status = 201), (status = 409), (status = 422)))]
pub async fn enrol(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<EnrolBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AllowanceEnrol)?;
    let person_id = b.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择老人", "person_id is required"))?;
    let provider_id = b.provider_id.ok_or_else(|| ApiError::invalid("provider_id", "请选择服务商", "provider_id is required"))?;
    let month = match b.start_month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => YearMonth::of(today()),
        Some(m) => month_field(Some(m), "start_month")?,
    };
    let person = state.store.person(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", format!("人员 {person_id} 不存在或不在本辖区"), format!("person {person_id} not found in your region")),
        e => e.into(),
    })?;
    let region = stored_region(&person.region_code)?;
    // providers are the district's register: a town's enrolment or order names one whose area is wider
    let provider = state.store.provider(&Scope::system(), provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    check_serves(&provider, &region)?;
    let view = eligibility_of(&state, granted.scope(), person_id, month).await?;
    if !view.eligibility.eligible {
        let (zh, en) = view.eligibility.summary();
        return Err(ApiError::invalid("person_id", format!("不符合居家养老服务对象条件：{zh}"), format!("not eligible for home care: {en}")));
    }
    if view.enrolment_id.is_some() {
        return Err(ApiError::Conflict(FieldError::new("person_id", "该老人已在居家养老服务中（每人只能有一个有效的服务登记）", "the elder already has an active home-care enrolment")));
    }
    let input = EnrolmentInput {
        person_id,
        region_code: person.region_code.clone(),
        provider_id,
        monthly_allowance: view.monthly_allowance,
        basis: view.eligibility.bases.iter().map(|b| b.as_str().to_owned()).collect(),
        reason: view.eligibility.reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；"),
        params: vec![view.allowance_param.clone()],
        start_month: month.to_string(),
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.create_enrolment(&mut tx, &input, ctx.actor()).await?;
    let detail = format!("person {person_id} provider {provider_id} from {month}: {} ({} fen/month)", input.basis.join(","), input.monthly_allowance);
    state.store.audit(&mut tx, &ctx.entry("homecare.enrol", "homecare_enrolment", id, &person.region_code, detail)).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, &person.region_code, minzheng_store::today()).await?;
    tx.commit().await?;
    let mut e = state.store.enrolment(granted.scope(), id).await?;
    mask_enrolment(&mut e);
    Ok((StatusCode::CREATED, Json(e)).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct EndBody {
    /// YYYY-MM: the last month served
    pub end_month: Option<String>,
    pub reason: Option<String>,
    pub version: Option<i64>,
}

/// 终止服务 end an enrolment (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/enrolments/{id}/end", tag = "elderly", request_body = EndBody, params(("id" = i64, Path)), responses((status = 200), (status = 409), (status = 422)))]
pub async fn end_enrolment(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<EndBody>) -> ApiResult<Json<EnrolmentRecord>> {
    let granted = ctx.grant(Permission::AllowanceEnrol)?;
    let e = state.store.enrolment(granted.scope(), id).await?;
    let month = month_field(b.end_month.as_deref(), "end_month")?;
    if month.to_string() < e.start_month {
        return Err(ApiError::invalid("end_month", "终止月份不能早于开始月份", "the end month cannot precede the start month"));
    }
    let reason = trimmed(&b.reason);
    if reason.chars().count() < 2 {
        return Err(ApiError::invalid("reason", "请填写终止原因", "a reason is required"));
    }
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.end_enrolment(&mut tx, granted.scope(), id, version, &month.to_string(), &reason).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.enrolment.end", "homecare_enrolment", id, &e.region_code, format!("ended {month}: {reason}"))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, &e.region_code, minzheng_store::today()).await?;
    tx.commit().await?;
    let mut e = state.store.enrolment(granted.scope(), id).await?;
    mask_enrolment(&mut e);
    Ok(Json(e))
}

// ---------------------------------------------------------------- work orders

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct OrderView {
    #[serde(flatten)]
    pub order: OrderRecord,
    pub status_zh: &'static str,
    pub region_name: Option<String>,
}

async fn order_views(state: &AppState, mut list: Vec<OrderRecord>, masked: bool) -> ApiResult<Vec<OrderView>> {
    if masked {
        for o in &mut list {
            o.name = mask_name(&o.name);
            o.address = o.address.as_deref().map(mask_address);
            o.confirmed_by = o.confirmed_by.as_deref().map(mask_name);
        }
    }
    let codes: Vec<String> = list.iter().map(|o| o.region_code.clone()).collect();
    let names = state.store.region_names(&codes).await?;
    Ok(list.into_iter().map(|o| OrderView { status_zh: OrderStatus::parse(&o.status).map(|s| s.zh()).unwrap_or(""), region_name: names.get(&o.region_code).cloned(), order: o }).collect())
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct OrderDetail {
    #[serde(flatten)]
    pub order: OrderView,
    pub photos: Vec<PhotoMeta>,
    pub visits: Vec<VisitRecord>,
}

async fn order_detail(state: &AppState, ctx: &Ctx, scope: &Scope, o: OrderRecord, masked: bool) -> ApiResult<OrderDetail> {
    let photos = state.store.order_photos(o.id).await?;
    // return visits are the town's: a provider does not see them
    let mut visits = if ctx.role() == Role::Provider { vec![] } else { state.store.list_return_visits(scope, Some(o.id), None, Paging::new(Some(1), Some(50))).await?.items };
    if masked {
        visits.iter_mut().for_each(|v| v.name = mask_name(&v.name));
    }
    Ok(OrderDetail { order: order_views(state, vec![o], masked).await?.remove(0), photos, visits })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    /// YYYY-MM
    pub month: Option<String>,
    /// YYYY-MM-DD
    pub date: Option<String>,
    /// dispatched | started | done | confirmed | cancelled
    pub status: Option<String>,
    pub provider_id: Option<i64>,
    pub person_id: Option<i64>,
    pub region_code: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// names and addresses in full (officers: permission person.unmask, audited)
    pub unmask: Option<bool>,
}

/// 服务工单 orders: region-scoped for officers, the provider's own for a provider's account.
#[utoipa::path(get, path = "/api/v1/elderly/care/orders", tag = "elderly", params(OrderQuery), responses((status = 200, body = PageOf<OrderView>)))]
pub async fn orders(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrderQuery>) -> ApiResult<Json<PageOf<OrderView>>> {
    let access = access(&ctx)?;
    let mut f = OrderFilter { provider_id: q.provider_id, person_id: q.person_id, region: region_filter(&ctx, q.region_code.as_deref())?.map(Scope::of), ..Default::default() };
    if let Some(m) = q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        f.month = Some(month_field(Some(m), "month")?.to_string());
    }
    if let Some(d) = q.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let mut errors = Vec::new();
        f.date = date_field(&mut errors, "date", d, "日期").map(|d| d.to_string());
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
    }
    if let Some(s) = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        f.status = Some(OrderStatus::parse(s).ok_or_else(|| ApiError::invalid("status", format!("未知的工单状态“{s}”"), format!("unknown order status {s:?}")))?.as_str().to_owned());
    }
    let masked = masked(&ctx, q.unmask)?;
    let mut page = state.store.list_orders(&access, &f, Paging::new(q.page, q.page_size)).await?;
    if !masked {
        audit_unmask(&state, &ctx, "work_order", page.items.iter().map(|o| o.id.to_string()).collect::<Vec<_>>().join(",")).await?;
    }
    let items = order_views(&state, std::mem::take(&mut page.items), masked).await?;
    Ok(Json(PageOf::of(page, items)))
}

/// 工单详情 an order with its photos (and, for officers, return visits).
#[utoipa::path(get, path = "/api/v1/elderly/care/orders/{id}", tag = "elderly", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = OrderDetail), (status = 404)))]
pub async fn order(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<OrderDetail>> {
    let access = access(&ctx)?;
    let masked = masked(&ctx, q.unmask)?;
    let o = state.store.order(&access, id).await?;
    if !masked {
        audit_unmask(&state, &ctx, "work_order", id.to_string()).await?;
    }
    Ok(Json(order_detail(&state, &ctx, &access.scope, o, masked).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DispatchBody {
    pub person_id: Option<i64>,
    /// default: the provider of the elder's enrolment
    pub provider_id: Option<i64>,
    pub item_id: Option<i64>,
    pub units: Option<i64>,
    /// YYYY-MM-DD
    pub scheduled_on: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// 派单 dispatch an order: the elder must be enrolled, the provider the enrolment's or one serving
/// the elder's region; amount = units × the item's price.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders", tag = "elderly", request_body = DispatchBody, responses((status = 201), (status = 422)))]
pub async fn dispatch(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<DispatchBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareDispatch)?;
    let person_id = b.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择服务对象", "person_id is required"))?;
    let person = state.store.person(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", format!("人员 {person_id} 不存在或不在本辖区"), format!("person {person_id} not found in your region")),
        e => e.into(),
    })?;
    let enrolment = state
        .store
        .active_enrolment_of(person_id)
        .await?
        .ok_or_else(|| ApiError::invalid("person_id", format!("{}未纳入居家养老服务，请先登记服务对象", person.name), "the elder is not enrolled in home care"))?;
    let provider_id = b.provider_id.unwrap_or(enrolment.provider_id);
    // providers are the district's register: a town's enrolment or order names one whose area is wider
    let provider = state.store.provider(&Scope::system(), provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    let region = stored_region(&person.region_code)?;
    if provider_id != enrolment.provider_id {
        check_serves(&provider, &region)?;
    } else if provider.status != "active" {
        return Err(ApiError::invalid("provider_id", format!("{}当前不在约", provider.name), format!("{} is not active", provider.name)));
    }
    let item_id = b.item_id.ok_or_else(|| ApiError::invalid("item_id", "请选择服务项目", "item_id is required"))?;
    let item = match state.store.service_item(item_id).await {
        Ok(i) if i.active => i,
        Ok(i) => return Err(ApiError::invalid("item_id", format!("服务项目“{}”已停用", i.name), format!("service item {} is inactive", i.code))),
        Err(minzheng_store::StoreError::NotFound) => return Err(ApiError::invalid("item_id", format!("服务项目 {item_id} 不存在"), format!("unknown service item {item_id}"))),
        Err(e) => return Err(e.into()),
    };
    let units = b.units.unwrap_or(1);
    let amount = rule::order_amount(units, Fen(item.price))?;
    let mut errors = Vec::new();
    let date = date_field(&mut errors, "scheduled_on", &trimmed(&b.scheduled_on), "服务日期");
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let date = date.unwrap_or_else(today);
    if YearMonth::of(date).to_string() < enrolment.start_month {
        return Err(ApiError::invalid("scheduled_on", format!("服务日期早于服务登记开始月份 {}", enrolment.start_month), format!("the date precedes the enrolment's start month {}", enrolment.start_month)));
    }
    if (date - today()).num_days() > 62 {
        return Err(ApiError::invalid("scheduled_on", "服务日期不能晚于两个月后", "the date cannot be more than two months ahead"));
    }
    let note = b.note.trim().chars().take(200).collect::<String>();
    let input = OrderInput {
        enrolment_id: enrolment.id,
        person_id,
        region_code: person.region_code.clone(),
        provider_id,
        item_id,
        item_name: item.name.clone(),
        unit: item.unit.clone(),
        units,
        unit_price: item.price,
        amount: amount.0,
        scheduled_on: date.to_string(),
        note,
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.create_order(&mut tx, &input, ctx.actor()).await?;
    let detail = format!("person {person_id} provider {provider_id} {} × {} = {} fen on {date}", item.code, units, amount.0);
    state.store.audit(&mut tx, &ctx.entry("homecare.order.dispatch", "work_order", id, &person.region_code, detail)).await?;
    tx.commit().await?;
    let o = state.store.order(&OrderAccess { scope: granted.scope().clone(), provider_id: None }, id).await?;
    Ok((StatusCode::CREATED, Json(order_views(&state, vec![o], masked(&ctx, None)?).await?.remove(0))).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct PlaceBody {
    /// RFC 3339 time (default: now)
    pub at: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    /// the place typed by the worker (required without coordinates)
    pub place: Option<String>,
    pub worker: Option<String>,
    pub note: Option<String>,
    pub version: Option<i64>,
}

/// A time and place of a start or end: the time not in the future (five minutes of clock skew
/// allowed), coordinates both or neither and in range, a place typed when there are none.
/// (time, latitude, longitude, place)
type TimePlace = (DateTime<Utc>, Option<f64>, Option<f64>, String);

fn time_and_place(b: &PlaceBody) -> ApiResult<TimePlace> {
    let mut errors = Vec::new();
    let now = Utc::now();
    let at = match b.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => now,
        Some(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) => t.with_timezone(&Utc),
            Err(_) => {
                errors.push(FieldError::new("at", "时间须为 RFC 3339 格式，如 2026-11-23T09:30:00+08:00", "at must be an RFC 3339 time"));
                now
            }
        },
    };
    if at > now + chrono::Duration::minutes(5) {
        errors.push(FieldError::new("at", "时间不能晚于当前时间", "the time cannot be in the future"));
    }
    match (b.lat, b.lng) {
        (Some(lat), Some(lng)) => {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) || !lat.is_finite() || !lng.is_finite() {
                errors.push(FieldError::new("lat", "经纬度超出范围", "coordinates out of range"));
            }
        }
        (None, None) => {}
        _ => errors.push(FieldError::new("lat", "经度和纬度须同时提供", "give both latitude and longitude or neither")),
    }
    let place = trimmed(&b.place).chars().take(120).collect::<String>();
    if place.is_empty() && b.lat.is_none() {
        errors.push(FieldError::new("place", "请填写服务地点（无法定位时手动输入）", "the place is required when there are no coordinates"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok((at, b.lat, b.lng, place))
}

async fn step(state: &AppState, ctx: &Ctx, id: i64, version: i64, step: OrderStep, action: &str, detail: String) -> ApiResult<Json<OrderDetail>> {
    let access = access(ctx)?;
    let mut tx = state.store.begin().await?;
    let o = state.store.step_order(&mut tx, &access, id, version, &step).await?;
    state.store.audit(&mut tx, &ctx.entry(action, "work_order", id, &o.region_code, detail)).await?;
    tx.commit().await?;
    Ok(Json(order_detail(state, ctx, &access.scope, o, masked(ctx, None)?).await?))
}

/// 开始服务 the provider's worker starts an order: time and place (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/start", tag = "elderly", request_body = PlaceBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn start(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<PlaceBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareServe)?;
    let version = version_of(b.version)?;
    // the order must be the provider's before its input is judged, so another's order is 404
    state.store.order(&access(&ctx)?, id).await?;
    let (at, lat, lng, place) = time_and_place(&b)?;
    let worker = trimmed(&b.worker);
    let worker = if worker.is_empty() { ctx.account().display_name.clone() } else { worker.chars().take(30).collect() };
    let detail = format!("started {} at {place} ({lat:?}, {lng:?}) by {worker}", minzheng_store::fmt_time(at));
    step(&state, &ctx, id, version, OrderStep::Start { worker, at: minzheng_store::fmt_time(at), lat, lng, place }, "homecare.order.start", detail).await
}

/// 结束服务 the worker ends an order: time (after the start) and place (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/end", tag = "elderly", request_body = PlaceBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn end(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<PlaceBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareServe)?;
    let version = version_of(b.version)?;
    let o = state.store.order(&access(&ctx)?, id).await?;
    let (at, lat, lng, place) = time_and_place(&b)?;
    let at_text = minzheng_store::fmt_time(at);
    if let Some(started) = &o.started_at
        && at_text <= *started
    {
        return Err(ApiError::invalid("at", format!("结束时间须晚于开始时间（{started}）"), format!("the end must be after the start ({started})")));
    }
    let note = trimmed(&b.note).chars().take(500).collect::<String>();
    let detail = format!("ended {at_text} at {place} ({lat:?}, {lng:?})");
    step(&state, &ctx, id, version, OrderStep::End { at: at_text, lat, lng, place, note }, "homecare.order.end", detail).await
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ConfirmBody {
    /// the confirmer's name: the elder or a family member
    pub confirmed_by: Option<String>,
    /// 本人, 子女, 配偶 …
    pub relation: Option<String>,
    pub version: Option<i64>,
}

/// 服务确认 the elder's or family's confirmation of a finished order, recorded by the provider's
/// worker on the phone or by an officer (version-checked). Only confirmed orders are settled.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/confirm", tag = "elderly", request_body = ConfirmBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ConfirmBody>) -> ApiResult<Json<OrderDetail>> {
    require_any(&ctx, &[Permission::HomecareServe, Permission::HomecareDispatch])?;
    let version = version_of(b.version)?;
    state.store.order(&access(&ctx)?, id).await?;
    let mut errors = Vec::new();
    let by = trimmed(&b.confirmed_by);
    required(&mut errors, "confirmed_by", &by, "确认人姓名", "confirmed_by", 30);
    let relation = trimmed(&b.relation);
    required(&mut errors, "relation", &relation, "确认人与老人关系（本人、子女等）", "relation", 10);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let at = minzheng_store::now();
    let detail = format!("confirmed by {by} ({relation}), recorded by {}", ctx.actor());
    step(&state, &ctx, id, version, OrderStep::Confirm { by, relation, at, recorder: ctx.actor().to_owned() }, "homecare.order.confirm", detail).await
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct CancelBody {
    pub reason: Option<String>,
    pub version: Option<i64>,
}

/// 取消工单 cancel an order not yet done (the dispatching officer; version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/cancel", tag = "elderly", request_body = CancelBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 409), (status = 422)))]
pub async fn cancel(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<CancelBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareDispatch)?;
    let version = version_of(b.version)?;
    state.store.order(&access(&ctx)?, id).await?;
    let reason = trimmed(&b.reason);
    if reason.chars().count() < 2 {
        return Err(ApiError::invalid("reason", "请填写取消原因", "a reason is required"));
    }
    let detail = format!("cancelled: {reason}");
    step(&state, &ctx, id, version, OrderStep::Cancel { reason }, "homecare.order.cancel", detail).await
}

/// 上传服务照片 a photo of the service (JPEG or PNG by its bytes, at most 5 MB).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/photos", tag = "elderly", params(("id" = i64, Path)), request_body(content = crate::extract::FileForm, content_type = "multipart/form-data", description = "file"), responses((status = 201), (status = 413), (status = 422)))]
pub async fn upload_photo(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, multipart: Multipart) -> ApiResult<Response> {
    ctx.require(Permission::HomecareServe)?;
    let o = state.store.order(&access(&ctx)?, id).await?;
    if !matches!(o.status.as_str(), "started" | "done") {
        return Err(ApiError::invalid("file", "只能在服务开始后、确认前上传照片", "photos are taken between the start and the confirmation"));
    }
    let (file, _) = crate::extract::multipart_form(multipart).await?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择照片", "no file was uploaded"))?;
    if bytes.len() > PHOTO_LIMIT {
        return Err(ApiError::PayloadTooLarge);
    }
    // trust the bytes, not the name
    let content_type = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return Err(ApiError::invalid("file", "只接受 JPG、PNG 格式的照片", "only JPEG and PNG photos are accepted"));
    };
    let mut tx = state.store.begin().await?;
    let meta = state.store.insert_order_photo(&mut tx, id, &o.region_code, &name, content_type, &bytes, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.order.photo", "work_order", id, &o.region_code, format!("{name} {} bytes sha256 {}", bytes.len(), meta.sha256))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(meta)).into_response())
}

/// 服务照片 a photo of an order.
#[utoipa::path(get, path = "/api/v1/elderly/care/orders/{id}/photos/{pid}", tag = "elderly", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200), (status = 404)))]
pub async fn photo(State(state): State<AppState>, ctx: Ctx, Path((id, pid)): Path<(i64, i64)>) -> ApiResult<Response> {
    let o = state.store.order(&access(&ctx)?, id).await?;
    let (meta, bytes) = state.store.order_photo(o.id, pid).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, meta.content_type)], bytes).into_response())
}

#[derive(utoipa::ToSchema)]
#[schema(as = care::VisitBody)]
#[derive(Deserialize)]
pub struct VisitBody {
    /// 1 (very dissatisfied) to 5 (very satisfied)
    pub satisfaction: Option<i64>,
    #[serde(default)]
    pub note: String,
    pub visitor: Option<String>,
    /// YYYY-MM-DD (default today)
    pub visited_on: Option<String>,
}

/// 服务回访 the town's quality return visit of a finished order.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/visits", tag = "elderly", request_body = VisitBody, params(("id" = i64, Path)), responses((status = 201), (status = 404), (status = 422)))]
pub async fn return_visit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<VisitBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareDispatch)?;
    let o = state.store.order(&OrderAccess { scope: granted.scope().clone(), provider_id: None }, id).await?;
    let mut errors = Vec::new();
    if !matches!(o.status.as_str(), "done" | "confirmed") {
        errors.push(FieldError::new("order", "只能回访已完成的工单", "only finished orders are visited"));
    }
    let satisfaction = b.satisfaction.unwrap_or(0);
    if !(1..=5).contains(&satisfaction) {
        errors.push(FieldError::new("satisfaction", "满意度须为1至5", "satisfaction must be 1 to 5"));
    }
    let visitor = trimmed(&b.visitor);
    let visitor = if visitor.is_empty() { ctx.account().display_name.clone() } else { visitor };
    let visited_on = match trimmed(&b.visited_on) {
        s if s.is_empty() => Some(today()),
        s => date_field(&mut errors, "visited_on", &s, "回访日期"),
    };
    if visited_on.is_some_and(|d| d > today()) {
        errors.push(FieldError::new("visited_on", "回访日期不能晚于今天", "the visit cannot be in the future"));
    }
    let note = b.note.trim().chars().take(500).collect::<String>();
    if (1..=2).contains(&satisfaction) && note.chars().count() < 4 {
        errors.push(FieldError::new("note", "不满意的回访须说明原因（至少4个字）", "a dissatisfied visit needs a note of at least 4 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let visited_on = visited_on.unwrap_or_else(today).to_string();
    let mut tx = state.store.begin().await?;
    let vid = state.store.insert_return_visit(&mut tx, id, &o.region_code, satisfaction, &note, &visitor, &visited_on, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.visit", "work_order", id, &o.region_code, format!("visit {vid}: satisfaction {satisfaction}"))).await?;
    tx.commit().await?;
    let mut visit = state.store.list_return_visits(granted.scope(), Some(id), None, Paging::new(Some(1), Some(200))).await?.items.into_iter().find(|v| v.id == vid).ok_or(ApiError::NotFound)?;
    visit.name = mask_name(&visit.name);
    Ok((StatusCode::CREATED, Json(visit)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitQuery {
    /// YYYY-MM (visit date)
    pub month: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 回访记录 return visits in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/visits", tag = "elderly", params(VisitQuery), responses((status = 200)))]
pub async fn visits(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<VisitQuery>) -> ApiResult<Json<PageOf<VisitRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let month = match q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(m) => Some(month_field(Some(m), "month")?.to_string()),
    };
    let mut page = state.store.list_return_visits(granted.scope(), None, month.as_deref(), Paging::new(q.page, q.page_size)).await?;
    page.items.iter_mut().for_each(|v| v.name = mask_name(&v.name));
    Ok(Json(PageOf::from(page)))
}

// ---------------------------------------------------------------- settlement

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SettleQuery {
    pub provider_id: Option<i64>,
    /// YYYY-MM
    pub month: Option<String>,
    /// the elders' names in full (permission person.unmask, audited)
    pub unmask: Option<bool>,
}

fn mask_lines<'a>(lines: impl Iterator<Item = &'a mut String>, masked: bool) {
    if masked {
        lines.for_each(|n| *n = mask_name(n));
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SettlementPreview {
    pub provider_id: i64,
    pub provider_name: String,
    /// the settlement already confirmed for this provider and month, if any
    pub settled_id: Option<i64>,
    #[serde(flatten)]
    pub settlement: Settlement,
}

/// Computes a provider's month from the stored orders, enrolments, parameters and other providers'
/// settlements.
async fn compute(state: &AppState, scope: &Scope, provider_id: Option<i64>, month: Option<&str>) -> ApiResult<(ProviderRecord, YearMonth, Settlement)> {
    let provider_id = provider_id.ok_or_else(|| ApiError::invalid("provider_id", "请选择服务商", "provider_id is required"))?;
    let month = month_field(month, "month")?;
    if month > YearMonth::of(today()) {
        return Err(ApiError::invalid("month", "不能结算未来的月份", "a future month cannot be settled"));
    }
    let provider = state.store.provider(scope, provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    let m = month.to_string();
    let orders = state.store.provider_month_orders(provider_id, &m).await?;
    let policy = state.store.policy().await?;
    let mut elders: BTreeMap<i64, ElderAllowance> = BTreeMap::new();
    for o in &orders {
        if elders.contains_key(&o.fact.person_id) {
            continue;
        }
        let region = stored_region(&o.region_code)?;
        elders.insert(
            o.fact.person_id,
            ElderAllowance {
                person_id: o.fact.person_id,
                name: o.name.clone(),
                region_code: o.region_code.clone(),
                enrolled: state.store.enrolled_in_month(o.fact.person_id, &m).await?,
                allowance: rule::monthly_allowance(&policy, &region, month),
                paid_elsewhere: Fen(state.store.paid_elsewhere(o.fact.person_id, &m, provider_id).await?),
            },
        );
    }
    let facts: Vec<_> = orders.into_iter().map(|o| o.fact).collect();
    let allowances: Vec<_> = elders.into_values().collect();
    Ok((provider, month, rule::settle(month, &facts, &allowances)))
}

/// 结算预览 a provider's month as it would be settled: per elder, confirmed orders paid up to the
/// allowance, the excess and the orders not confirmed, each explained.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/preview", tag = "elderly", params(SettleQuery), responses((status = 200, body = SettlementPreview), (status = 422)))]
pub async fn preview(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SettleQuery>) -> ApiResult<Json<SettlementPreview>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (provider, month, mut settlement) = compute(&state, granted.scope(), q.provider_id, q.month.as_deref()).await?;
    mask_lines(settlement.lines.iter_mut().map(|l| &mut l.name), masked);
    if !masked {
        audit_unmask(&state, &ctx, "homecare_settlement", format!("{} {month}", provider.id)).await?;
    }
    let settled_id = state.store.list_homecare_settlements(Some(provider.id), Some(&month.to_string())).await?.first().map(|s| s.id);
    Ok(Json(SettlementPreview { provider_id: provider.id, provider_name: provider.name, settled_id, settlement }))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct SettleBody {
    pub provider_id: Option<i64>,
    pub month: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SettlementDetail {
    #[serde(flatten)]
    pub settlement: SettlementRecord,
    pub lines: Vec<SettlementLineRecord>,
}

/// 确认结算 settle a provider's month, once (409 for a second).
#[utoipa::path(post, path = "/api/v1/elderly/care/settlements", tag = "elderly", request_body = SettleBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201), (status = 409), (status = 422)))]
pub async fn settle(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(b): ApiJson<SettleBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    if let Some(r) = idem.replay(&state, &ctx, SETTLEMENT).await? {
        return settle_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let (provider, month, settlement) = compute(&state, granted.scope(), b.provider_id, b.month.as_deref()).await?;
    if !state.store.list_homecare_settlements(Some(provider.id), Some(&month.to_string())).await?.is_empty() {
        // settled meanwhile by this key's first request: its answer
        if let Some(r) = idem.replay(&state, &ctx, SETTLEMENT).await? {
            return settle_answer(&state, granted.scope(), r.id, r.status).await;
        }
        return Err(ApiError::Conflict(FieldError::new("month", format!("{} {month} 已结算，不能重复结算", provider.name), format!("{} is already settled for {month}", provider.name))));
    }
    if settlement.lines.is_empty() {
        return Err(ApiError::invalid("month", format!("{} {month} 没有工单，无需结算", provider.name), format!("{} has no orders in {month}", provider.name)));
    }
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, SETTLEMENT).await?;
        return settle_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let id = state.store.insert_homecare_settlement(&mut tx, provider.id, &settlement, ctx.actor()).await?;
    let detail = format!(
        "{} {month}: {} elders, confirmed {} fen, payable {} fen, excess {} fen, unconfirmed {} orders",
        provider.name, settlement.elders, settlement.confirmed_amount.0, settlement.payable.0, settlement.excess.0, settlement.unconfirmed_orders
    );
    state.store.audit(&mut tx, &ctx.entry("homecare.settle", "homecare_settlement", id, &provider.region_code, detail)).await?;
    idem.record(&state, &mut tx, &ctx, SETTLEMENT, id, StatusCode::CREATED).await?;
    tx.commit().await?;
    settle_answer(&state, granted.scope(), id, StatusCode::CREATED).await
}

const SETTLEMENT: &str = "homecare_settlement";

/// A settlement with its lines (names masked): the answer of a settle and of its replay.
async fn settle_answer(state: &AppState, scope: &Scope, id: i64, status: StatusCode) -> ApiResult<Response> {
    let (s, mut lines) = state.store.homecare_settlement(scope, id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), true);
    Ok((status, Json(SettlementDetail { settlement: s, lines })).into_response())
}

/// 结算记录 confirmed settlements, optionally of one provider or month.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements", tag = "elderly", params(SettleQuery), responses((status = 200)))]
pub async fn settlements(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SettleQuery>) -> ApiResult<Json<Vec<SettlementRecord>>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let month = match q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(m) => Some(month_field(Some(m), "month")?.to_string()),
    };
    let list = state.store.list_homecare_settlements(q.provider_id, month.as_deref()).await?;
    // only providers serving the account's region
    let visible: Vec<i64> = state.store.list_providers(granted.scope(), None, None).await?.into_iter().map(|p| p.id).collect();
    Ok(Json(list.into_iter().filter(|s| visible.contains(&s.provider_id)).collect()))
}

/// 结算单 a settlement with its lines per elder.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/{id}", tag = "elderly", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = SettlementDetail), (status = 404)))]
pub async fn settlement(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<SettlementDetail>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (s, mut lines) = state.store.homecare_settlement(granted.scope(), id).await?;
    state.store.provider(granted.scope(), s.provider_id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), masked);
    if !masked {
        audit_unmask(&state, &ctx, "homecare_settlement", id.to_string()).await?;
    }
    Ok(Json(SettlementDetail { settlement: s, lines }))
}

/// 导出结算单 a settlement as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/{id}/export", tag = "elderly", params(("id" = i64, Path), UnmaskQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404)))]
pub async fn settlement_export(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (s, mut lines) = state.store.homecare_settlement(granted.scope(), id).await?;
    state.store.provider(granted.scope(), s.provider_id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), masked);
    let headers = ["老人", "区划代码", "已确认工单", "已确认金额（元）", "月服务补贴（元）", "其他服务商已结算（元）", "政府支付（元）", "超出补贴（元）", "未确认工单", "未确认金额（元）", "说明"];
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut xlsx = crate::tabular::XlsxExport::new("居家养老服务结算", &headers).map_err(internal)?;
    let y = |f: i64| Fen(f).yuan_string();
    for l in &lines {
        let row = [
            l.name.clone(),
            l.region_code.clone(),
            l.confirmed_orders.to_string(),
            y(l.confirmed_amount),
            y(l.allowance),
            y(l.paid_elsewhere),
            y(l.payable),
            y(l.excess),
            l.unconfirmed_orders.to_string(),
            y(l.unconfirmed_amount),
            l.explanation_zh.clone(),
        ];
        xlsx.push_row(&row).map_err(internal)?;
    }
    let total = ["合计".to_owned(), String::new(), s.confirmed_orders.to_string(), y(s.confirmed_amount), String::new(), String::new(), y(s.payable), y(s.excess), s.unconfirmed_orders.to_string(), y(s.unconfirmed_amount), s.rule.clone()];
    xlsx.push_row(&total).map_err(internal)?;
    let bytes = xlsx.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("export", "homecare_settlement", id, ctx.region().as_str(), format!("{} {} {} lines{}", s.provider_name, s.month, lines.len(), if masked { "" } else { ", unmasked" }))).await?;
    Ok(crate::registry::download(bytes, &format!("居家养老服务结算-{}-{}.xlsx", s.provider_name, s.month), crate::registry::XLSX_MIME))
}

#[cfg(test)]
mod tests {
    use super::credit_code_ok;

    #[test]
    fn credit_codes() {
        // a published example code
        assert!(credit_code_ok("91350100M000100Y43"));
        assert!(!credit_code_ok("91350100M000100Y44"));
        assert!(!credit_code_ok("91350100M000100Y4"));
        assert!(!credit_code_ok("91350100I000100Y43"));
    }
}
