//! 慈善公益信息平台 charity transparency: donations and receipts, funds, projects and campaigns,
//! allocations that respect designations, the public portal with the donor's trace, the
//! tamper-evident ledger, the charity supermarket and the annual report.
//!
//! Each section has its routes and its OpenAPI fragment; `routes` and `openapi` merge them.
pub mod supermarket;

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().merge(supermarket::routes())
}

/// The sections' OpenAPI fragments, merged into the API document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![supermarket::openapi()]
}
