//! 老年人名册 the elderly register, allowances through the shared enrolment and payroll, and
//! 事找人 the daily search for persons newly eligible.
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
