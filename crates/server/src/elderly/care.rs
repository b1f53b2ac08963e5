//! 居家养老服务 government-purchased home care: providers, the service catalogue, enrolled elderly
//! with their monthly allowance, work orders, return visits and monthly settlement.
use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(paths())]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
}
