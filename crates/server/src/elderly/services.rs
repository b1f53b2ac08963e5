//! 平安钟 emergency calls, 长者食堂 elder canteens, and institutions (养老机构, 日间照料中心,
//! 农村幸福院, 康园中心).
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
