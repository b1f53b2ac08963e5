//! 系统管理 administration routes: accounts, the audit log and the background jobs.
pub mod accounts;
pub mod audit;
pub mod jobs;

use axum::Router;
use axum::routing::{get, put};

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(accounts::list).post(accounts::create))
        .route("/accounts/export", get(accounts::export))
        .route("/accounts/{id}", put(accounts::update))
        .route("/audit", get(audit::list))
        .route("/audit/export", get(audit::export))
        .route("/audit/verify", get(audit::verify))
        .route("/admin/jobs", get(jobs::list))
        .route("/admin/jobs/{id}", get(jobs::detail))
}
