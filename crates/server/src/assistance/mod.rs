//! 社会救助 social assistance routes: policy parameters, applications and their path, public
//! notices, enrolled cases, payroll, dashboard.
pub mod applications;
pub mod cases;
pub mod facts;
pub mod notices;
pub mod payroll;
pub mod policy;
pub mod stats;

use axum::Router;
use axum::routing::{get, post};
use minzheng_core::assistance::policy::{ParamKey, PolicySet};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;

use crate::AppState;
use crate::error::{ApiError, ApiResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/assistance/param-keys", get(policy::keys))
        .route("/assistance/params", get(policy::list).post(policy::save))
        .route("/assistance/params/simulate", post(policy::simulate))
        .route("/assistance/standard-check", get(policy::standard_check))
        .route("/assistance/holidays", get(policy::holidays).post(policy::put_holiday))
        .route("/assistance/holidays/{day}", axum::routing::delete(policy::delete_holiday))
        .route("/assistance/relatives", get(policy::relatives).post(policy::add_relative))
        .route("/assistance/relatives/{id}", axum::routing::delete(policy::delete_relative))
        .route("/assistance/assess", post(applications::assess_only))
        .route("/assistance/applications", get(applications::list).post(applications::create))
        .route("/assistance/applications/{id}", get(applications::detail))
        .route("/assistance/applications/{id}/actions", post(applications::act))
        .route(
            "/assistance/applications/{id}/attachments",
            post(applications::upload).layer(axum::extract::DefaultBodyLimit::max(applications::ATTACHMENT_LIMIT + 64 * 1024)),
        )
        .route("/assistance/applications/{id}/attachments/{aid}", get(applications::attachment))
        .route("/assistance/notices", get(notices::list).post(notices::create))
        .route("/assistance/notices/{id}", get(notices::detail))
        .route("/assistance/notices/{id}/objections", post(notices::object))
        .route("/assistance/notices/{id}/close", post(notices::close))
        .route("/assistance/objections/{id}/decide", post(notices::decide))
        .route("/public/notices/{id}", get(notices::public))
        .route("/assistance/cases", get(cases::list))
        .route("/assistance/cases/{id}", get(cases::detail))
        .route("/assistance/cases/{id}/review", post(cases::review))
        .route("/assistance/cases/{id}/death", post(cases::death))
        .route("/assistance/cases/{id}/exit", post(cases::exit))
        .route("/assistance/payroll/preview", post(payroll::preview))
        .route("/assistance/payroll/runs", get(payroll::runs).post(payroll::confirm))
        .route("/assistance/payroll/runs/{id}", get(payroll::run))
        .route("/assistance/payroll/runs/{id}/lines", get(payroll::lines))
        .route("/assistance/payroll/runs/{id}/bank.xlsx", get(payroll::bank_xlsx))
        .route("/assistance/payroll/runs/{id}/bank.csv", get(payroll::bank_csv))
        .route("/assistance/payroll/runs/{id}/summary.xlsx", get(payroll::summary_xlsx))
        .route("/assistance/stats", get(stats::stats))
        .route("/assistance/stats.xlsx", get(stats::export))
}

/// A required programme (read by its `Deserialize`, blank as none): 422 naming `field` when absent.
pub fn programme(p: Option<Programme>, field: &str) -> ApiResult<Programme> {
    p.ok_or_else(|| ApiError::invalid(field, "请选择救助项目", "the programme is required"))
}

/// A required month (read by its `Deserialize`, blank as none): 422 naming `field` when absent.
pub fn month(m: Option<YearMonth>, field: &str) -> ApiResult<YearMonth> {
    m.ok_or_else(|| ApiError::invalid(field, "请填写月份（如 2026-12）", "the month is required (e.g. 2026-12)"))
}

/// The value of a parameter where and when it applies.
pub fn param(policy: &PolicySet, key: ParamKey, region: &RegionCode, month: YearMonth) -> i64 {
    policy.get(key, region, month).value
}

pub fn region_code(s: &str) -> ApiResult<RegionCode> {
    RegionCode::parse(s).map_err(|e| ApiError::Internal(format!("stored region {s}: {}", e.message_en)))
}
