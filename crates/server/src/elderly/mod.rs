//! 养老、助残、儿童福利 elderly, disability and child welfare services: the elderly register and
//! allowances (高龄津贴, 残疾人两项补贴, 孤儿基本生活费), capability assessment (GB/T 42195-2022),
//! visits, government-purchased home care with its providers, emergency calls (平安钟), elder
//! canteens (长者食堂), institutions, and the daily search for persons newly eligible (事找人).
//!
//! Each section has its routes and its OpenAPI fragment; `routes` and `openapi` merge them.
pub mod assessment;
pub mod care;
pub mod outreach;
pub mod services;

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().merge(assessment::routes()).merge(care::routes()).merge(services::routes()).merge(outreach::routes())
}

/// The sections' OpenAPI fragments, merged into the API document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![assessment::openapi(), care::openapi(), services::openapi(), outreach::openapi()]
}
