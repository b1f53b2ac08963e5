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
use minzheng_core::elderly::care::{self as rule, ElderAllowance, ElderFacts, Eligibility, EnrolmentStatus, OrderStatus, ProviderKind, ProviderStatus, Settlement};
use minzheng_core::mask::{mask_address, mask_name};
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::Scope;
use minzheng_store::elderly::care::{
    EnrolmentFilter, EnrolmentInput, EnrolmentRecord, OrderAccess, OrderFilter, OrderInput, OrderRecord, OrderStep, PhotoMeta, ProviderInput, ProviderRecord,
    ServiceItemInput, ServiceItemRecord, SettlementLineRecord, SettlementRecord, VisitRecord,
};
use minzheng_store::page::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

mod providers;
mod enrolments;
mod orders;
mod settlements;
pub use providers::*;
pub use enrolments::*;
pub use orders::*;
pub use settlements::*;

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
),
    // vocabularies only the query filters name: the fragment registers them itself
    components(schemas(EnrolmentStatus, OrderStatus))
)]
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

/// A date the form must give (its format is checked where the body is read).
fn date_required(errors: &mut Vec<FieldError>, field: &str, value: Option<NaiveDate>, zh: &str) -> Option<NaiveDate> {
    if value.is_none() {
        errors.push(FieldError::new(field, format!("请填写{zh}（如 2026-01-31）"), format!("{field} is required (a date such as 2026-01-31)")));
    }
    value
}

/// A month the request must give (its format is checked where the request is read).
fn month_required(value: Option<YearMonth>, field: &str) -> ApiResult<YearMonth> {
    value.ok_or_else(|| ApiError::invalid(field, "请填写月份（YYYY-MM，如 2026-10）", format!("{field} is required (YYYY-MM, e.g. 2026-10)")))
}

fn version_of(v: Option<i64>) -> ApiResult<i64> {
    v.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))
}

/// The region of a registry person (the registry's record still carries it as text; the elderly
/// records decode theirs through `row::Column`).
fn stored_region(s: &str) -> ApiResult<RegionCode> {
    RegionCode::parse(s).map_err(|e| ApiError::Internal(format!("stored region {s}: {}", e.message_en)))
}

fn today() -> NaiveDate {
    minzheng_store::today()
}

/// The orders an account may read: its region and, for a provider's account, its provider.
fn access(ctx: &Ctx) -> ApiResult<OrderAccess> {
    access_within(ctx, None)
}

/// [`access`] with its scope narrowed by a list's `region` filter (403 naming `region` outside it).
fn access_within(ctx: &Ctx, region: Option<&RegionCode>) -> ApiResult<OrderAccess> {
    if ctx.role() == Role::Provider {
        let granted = ctx.grant(Permission::HomecareServe)?;
        let provider_id = ctx.account().provider_id.ok_or_else(|| ApiError::forbidden("该服务商账号未绑定服务商，请联系管理员", "this provider account is not bound to a provider"))?;
        return Ok(OrderAccess { scope: granted.within(region)?, provider_id: Some(provider_id) });
    }
    let granted = ctx.grant(Permission::ElderlyRead)?;
    Ok(OrderAccess { scope: granted.within(region)?, provider_id: None })
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
