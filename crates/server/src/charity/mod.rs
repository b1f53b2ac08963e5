//! 慈善公益信息平台 charity transparency: donations and receipts, funds, projects and campaigns,
//! allocations that respect designations, the public portal with the donor's trace, the
//! tamper-evident ledger, the charity supermarket and the annual report.
//!
//! Each section has its routes and its OpenAPI fragment; `routes` and `openapi` merge them.
pub mod allocations;
pub mod donations;
pub mod ledger;
pub mod portal;
pub mod recipients;
pub mod funds;
pub mod report;
pub mod supermarket;

use minzheng_core::assistance::money::AmountBound;

use axum::Router;
use chrono::NaiveDate;
use minzheng_core::charity::designation::Category;

pub use minzheng_app::charity::names::{CodeView, DesignationView, Names};

use crate::AppState;
use crate::error::{ApiError, ApiResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(funds::routes())
        .merge(donations::routes())
        .merge(allocations::routes())
        .merge(ledger::routes())
        .merge(report::routes())
        .merge(portal::routes())
        .merge(recipients::routes())
        .merge(supermarket::routes())
}

/// The sections' OpenAPI fragments, merged into the API document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![funds::openapi(), donations::openapi(), allocations::openapi(), ledger::openapi(), report::openapi(), portal::openapi(), recipients::openapi(), supermarket::openapi()]
}

pub fn categories_view(codes: &[String]) -> Vec<CodeView> {
    codes.iter().filter_map(|c| Category::parse(c)).map(|c| CodeView { code: c.as_str(), zh: c.zh(), en: c.en() }).collect()
}

/// A day not after today; `None` when absent.
pub fn day_param(field: &str, v: Option<NaiveDate>, today: NaiveDate) -> ApiResult<Option<NaiveDate>> {
    match v {
        Some(d) if d > today => Err(ApiError::invalid(field, "日期不能晚于今天", format!("{field} cannot be in the future"))),
        v => Ok(v),
    }
}

/// A required text of at most `max` characters, trimmed.
pub fn required_text(field: &str, label: &str, v: Option<&str>, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or("");
    if s.is_empty() {
        return Err(ApiError::invalid(field, format!("请填写{label}"), format!("{field} is required")));
    }
    if s.chars().count() > max {
        return Err(ApiError::invalid(field, format!("{label}不能超过{max}个字"), format!("{field} is longer than {max} characters")));
    }
    Ok(s.to_owned())
}

/// An amount in fen: positive and at most 1亿元 (bad input rather than a donation).
pub fn amount_param(field: &str, v: Option<i64>) -> ApiResult<i64> {
    Ok(AmountBound::positive(AmountBound::ABSURD).check(field, "金额", v)?.0)
}
