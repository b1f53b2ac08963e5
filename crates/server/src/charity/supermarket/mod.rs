//! 慈善超市 the charity supermarket: the catalogue, stock in from purchases (donated goods come in
//! through the donation endpoint), stock with expiry warnings and the write-off of expired lots,
//! points programmes issued to the households of active assistance cases, a household's balance,
//! redemption at the counter (several items, first-expiring-first, all or nothing) and the monthly
//! statement (JSON and .xlsx). Rules: core `charity::supermarket`; docs/charity-supermarket.md.
//!
//! Reading needs `charity.read`, writing `charity.supermarket`. Stock belongs to the supermarket
//! (one for the district, not placed); vouchers, balances and redemptions belong to households and
//! are filtered by the account's region, with the head's name masked.
use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::charity::supermarket::{self as rule, Basis, Category, ExpiryWarning, Flows, PointsFlow, PointsRule, LotOrder, LotState, ProgrammeStatus, Source, Wanted, WriteOffReason};
use minzheng_core::mask::mask_name;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::charity::supermarket::{
    EligibleRow, GoodsTraceLine, HouseholdPoints, IssueRecord, ItemFields, ItemFilter, ItemRecord, LotFilter, LotRecord, LotStatus, NewIssue, NewLot, NewRedemption, ProgrammeFields,
    ProgrammeRecord, RedemptionFilter, RedemptionRecord, StockRow, VoucherFilter, VoucherRecord,
};
use minzheng_store::page::Paging;
use minzheng_store::{Scope, StoreError, today};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

mod items;
mod programmes;
mod redemptions;
mod statement;
pub use items::*;
pub use programmes::*;
pub use redemptions::*;
pub use statement::*;

#[derive(OpenApi)]
#[openapi(paths(
    items,
    create_item,
    update_item,
    stock,
    lots,
    stock_in,
    write_off,
    programmes,
    create_programme,
    update_programme,
    issues,
    issue,
    vouchers,
    households,
    household,
    redemptions,
    redeem,
    statement,
    statement_export,
))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/charity/supermarket/items", get(items).post(create_item))
        .route("/charity/supermarket/items/{id}", put(update_item))
        .route("/charity/supermarket/stock", get(stock))
        .route("/charity/supermarket/lots", get(lots).post(stock_in))
        .route("/charity/supermarket/lots/{id}/write-off", post(write_off))
        .route("/charity/supermarket/programmes", get(programmes).post(create_programme))
        .route("/charity/supermarket/programmes/{id}", put(update_programme))
        .route("/charity/supermarket/programmes/{id}/issues", get(issues).post(issue))
        .route("/charity/supermarket/vouchers", get(vouchers))
        .route("/charity/supermarket/households", get(households))
        .route("/charity/supermarket/households/{id}", get(household))
        .route("/charity/supermarket/redemptions", get(redemptions).post(redeem))
        .route("/charity/supermarket/statements/{month}", get(statement))
        .route("/charity/supermarket/statements/{month}/export", get(statement_export))
}

// ---- helpers ----

/// A trimmed, non-empty text of at most `max` characters.
fn text(v: Option<&str>, field: &str, zh: &str, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or_default();
    if s.is_empty() {
        return Err(ApiError::invalid(field, format!("请填写{zh}"), format!("{field} is required")));
    }
    optional_text(Some(s), field, zh, max)
}

fn optional_text(v: Option<&str>, field: &str, zh: &str, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or_default();
    if s.chars().count() > max {
        return Err(ApiError::invalid(field, format!("{zh}不能超过{max}个字"), format!("{field} is longer than {max} characters")));
    }
    Ok(s.to_owned())
}

fn number(v: Option<i64>, field: &str, zh: &str, range: std::ops::RangeInclusive<i64>) -> ApiResult<i64> {
    let n = v.ok_or_else(|| ApiError::invalid(field, format!("请填写{zh}"), format!("{field} is required")))?;
    if !range.contains(&n) {
        return Err(ApiError::invalid(field, format!("{zh}应在{}至{}之间", range.start(), range.end()), format!("{field} must be {} to {}", range.start(), range.end())));
    }
    Ok(n)
}

fn version(v: Option<i64>) -> ApiResult<i64> {
    v.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))
}

fn month(s: &str) -> ApiResult<YearMonth> {
    YearMonth::parse(s).ok_or_else(|| ApiError::invalid("month", "月份格式须为 YYYY-MM", "month must be YYYY-MM"))
}

/// The names of regions, by code.
async fn region_names<'a>(state: &AppState, codes: impl IntoIterator<Item = &'a RegionCode>) -> ApiResult<HashMap<String, String>> {
    let codes: Vec<String> = codes.into_iter().map(|c| c.as_str().to_owned()).collect();
    Ok(state.store.region_names(&codes).await?)
}
