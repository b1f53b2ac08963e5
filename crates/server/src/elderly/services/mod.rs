//! 平安钟 emergency calls, 长者食堂 elder canteens, and institutions (养老机构, 日间照料中心,
//! 农村幸福院, 康园中心). Rules: core `elderly::services`; docs/elderly-services.md.
pub mod canteen;
pub mod emergency;
pub mod institution;

use axum::Router;
use axum::routing::{get, post};
use chrono::NaiveDate;
use minzheng_core::elderly::care::ProviderKind;
use minzheng_core::registry::region::RegionCode;
use utoipa::OpenApi;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::Ctx;

#[derive(OpenApi)]
#[openapi(paths(
    emergency::devices,
    emergency::install,
    emergency::device,
    emergency::update_device,
    emergency::remove_device,
    emergency::priority,
    emergency::alarms,
    emergency::raise,
    emergency::alarm,
    emergency::step,
    emergency::duty,
    canteen::canteens,
    canteen::create,
    canteen::canteen,
    canteen::update,
    canteen::meals,
    canteen::record_meal,
    canteen::quote,
    canteen::settlements,
    canteen::settlement,
    canteen::confirm,
    institution::institutions,
    institution::create,
    institution::institution,
    institution::update,
    institution::residents,
    institution::admit,
    institution::discharge,
    institution::subsidies,
    institution::subsidy_preview,
    institution::subsidy_record,
    institution::indicators,
))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/elderly/emergency/devices", get(emergency::devices).post(emergency::install))
        .route("/elderly/emergency/devices/{id}", get(emergency::device).put(emergency::update_device))
        .route("/elderly/emergency/devices/{id}/remove", post(emergency::remove_device))
        .route("/elderly/emergency/priority", get(emergency::priority))
        .route("/elderly/emergency/alarms", get(emergency::alarms).post(emergency::raise))
        .route("/elderly/emergency/alarms/{id}", get(emergency::alarm))
        .route("/elderly/emergency/alarms/{id}/steps", post(emergency::step))
        .route("/elderly/emergency/duty", get(emergency::duty))
        .route("/elderly/canteens", get(canteen::canteens).post(canteen::create))
        .route("/elderly/canteens/meals", get(canteen::meals))
        .route("/elderly/canteens/settlements", get(canteen::settlements))
        .route("/elderly/canteens/{id}", get(canteen::canteen).put(canteen::update))
        .route("/elderly/canteens/{id}/meals", post(canteen::record_meal))
        .route("/elderly/canteens/{id}/quote", get(canteen::quote))
        .route("/elderly/canteens/{id}/settlements/{month}", get(canteen::settlement).post(canteen::confirm))
        .route("/elderly/institutions", get(institution::institutions).post(institution::create))
        .route("/elderly/institutions/indicators", get(institution::indicators))
        .route("/elderly/institutions/subsidies", get(institution::subsidies))
        .route("/elderly/institutions/residents/{id}/discharge", post(institution::discharge))
        .route("/elderly/institutions/{id}", get(institution::institution).put(institution::update))
        .route("/elderly/institutions/{id}/residents", get(institution::residents).post(institution::admit))
        .route("/elderly/institutions/{id}/subsidies/{year}", get(institution::subsidy_preview).post(institution::subsidy_record))
}

/// A trimmed, non-empty text field.
pub(crate) fn text(v: Option<&str>, field: &str, zh: &str, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or_default();
    if s.is_empty() {
        return Err(ApiError::invalid(field, format!("请填写{zh}"), format!("{field} is required")));
    }
    if s.chars().count() > max {
        return Err(ApiError::invalid(field, format!("{zh}不能超过{max}个字"), format!("{field} is longer than {max} characters")));
    }
    Ok(s.to_owned())
}

/// A date not after today; none is today.
pub(crate) fn past_date(v: Option<NaiveDate>, field: &str) -> ApiResult<NaiveDate> {
    let today = minzheng_store::today();
    match v {
        None => Ok(today),
        Some(d) if d <= today => Ok(d),
        Some(_) => Err(ApiError::invalid(field, "日期不能晚于今天", format!("{field} is in the future"))),
    }
}

/// A region where a facility stands: a town, village or community inside the account's region.
pub(crate) async fn facility_region(state: &AppState, ctx: &Ctx, v: Option<&RegionCode>) -> ApiResult<RegionCode> {
    let code = v.cloned().ok_or_else(|| ApiError::invalid("region_code", "请选择所在镇街或村居", "region_code is required"))?;
    if !matches!(code.level(), minzheng_core::registry::region::RegionLevel::Town | minzheng_core::registry::region::RegionLevel::Village) {
        return Err(ApiError::invalid("region_code", "所在地须为镇街或村（社区）", "region_code must be a town or a village"));
    }
    ctx.region_in_scope(&code, "region_code")?;
    state.store.known_region(&code, "region_code").await?;
    Ok(code)
}

/// A version the client read.
pub(crate) fn version(v: Option<i64>) -> ApiResult<i64> {
    v.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))
}

/// Names of the regions of `codes`.
pub(crate) async fn names(state: &AppState, codes: impl IntoIterator<Item = impl AsRef<str>>) -> ApiResult<std::collections::HashMap<String, String>> {
    let codes: Vec<String> = codes.into_iter().map(|c| c.as_ref().to_owned()).collect();
    Ok(state.store.region_names(&codes).await?)
}

/// An operator set on a device, canteen or institution: a registered provider (stream B's register)
/// of the expected kind (`emergency_call`, `canteen`, `institution`).
pub(crate) async fn operator(state: &AppState, id: Option<i64>, kind: ProviderKind) -> ApiResult<Option<i64>> {
    let Some(id) = id else { return Ok(None) };
    // providers are the district's register: a town officer names one whose area is wider
    let p = state.store.provider(&minzheng_store::Scope::system(), id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", "没有这家服务商", "no such provider"),
        e => e.into(),
    })?;
    if p.kind != kind {
        return Err(ApiError::invalid("provider_id", format!("{}不是此类服务的运营方（{}）", p.name, p.kind), format!("{} is a {} provider, not {kind}", p.name, p.kind)));
    }
    Ok(Some(id))
}
