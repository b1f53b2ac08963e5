//! 老年人能力评估 capability assessment (GB/T 42195-2022), the elder profile (living situation) and
//! visits to empty-nest and left-behind elderly and children (探访).
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
