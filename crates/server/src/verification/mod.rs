//! 家庭经济状况核对 verification routes: departmental snapshots, runs and reports (核对报告),
//! red flags (疑点), and the yearly re-inspection sample (入户抽查).
pub mod flags;
pub mod runs;
pub mod sampling;
pub mod snapshots;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verification/feeds", get(snapshots::feeds))
        .route(
            "/verification/snapshots",
            get(snapshots::list).post(snapshots::upload).layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/verification/snapshots/{id}/rejected", get(snapshots::rejected))
        .route("/verification/feeds/{feed}/push", post(snapshots::push).layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)))
        .route("/verification/runs", get(runs::runs).post(runs::start))
        .route("/verification/runs/{id}", get(runs::run))
        .route("/verification/reports", get(runs::list))
        .route("/verification/reports/{id}", get(runs::detail))
        .route("/verification/flags", get(flags::list))
        .route("/verification/flags/{id}/resolve", post(flags::resolve))
        .route("/verification/sampling", get(sampling::draws).post(sampling::create))
        .route("/verification/sampling/{id}", get(sampling::draw))
        .route("/verification/sampling/{id}/items", get(sampling::items))
        .route("/verification/sampling/items/{id}", get(sampling::item))
        .route("/verification/sampling/items/{id}/visit", post(sampling::visit))
}
