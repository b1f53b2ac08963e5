//! 拒绝请求审计 refused requests are audited: every 403 (a role that may not, a region outside the
//! scope) and every 404 (which is also how a record outside the account's region is answered, so a
//! probe for other towns' ids shows in the log) of a logged-in account, as `request.refused` with
//! the status, method and path (not the query, which may carry what was searched for). One entry
//! per refused request: their count is bounded by the account's own requests, like the audited reads.
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::audit::AuditEntry;
use minzheng_store::fmt_time;

use crate::AppState;
use crate::extract::{client_ip, session_token};

pub async fn audit_refusals(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let token = session_token(&parts);
    let ip = client_ip(&parts);
    // the path as the client sent it: this layer sits on the API router, which `router` nests
    // under `/api/v1` (so `uri` here has lost it)
    let path = format!("/api/v1{}", parts.uri.path());
    let what = format!("{} {}", parts.method, path.chars().take(200).collect::<String>());
    let response = next.run(Request::from_parts(parts, body)).await;
    let status = response.status();
    if !matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND) {
        return response;
    }
    let Some(token) = token else { return response };
    let now = fmt_time(chrono::Utc::now());
    // the answer stands whatever happens here: a failed audit write is logged, not answered
    match state.store.session_account(&crate::auth::token_hash(&token), &now).await {
        Ok(Some((account, _, _))) => {
            let region = match RegionCode::parse(&account.region_code) {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(account = %account.username, error = %e.message_en, "refused request not audited: the account has no valid region");
                    return response;
                }
            };
            let entry = AuditEntry {
                actor: account.username.clone(),
                action: "request.refused".into(),
                entity: "request".into(),
                entity_id: status.as_u16().to_string(),
                region_code: region,
                ip,
                detail: what,
            };
            if let Err(e) = state.store.audit_now(&entry).await {
                tracing::error!(error = %e, "refused request not audited");
            }
        }
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "refused request not audited"),
    }
    response
}
