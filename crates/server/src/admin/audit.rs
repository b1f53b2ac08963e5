//! 审计日志 reading the audit log and verifying its hash chain.
use axum::Json;
use axum::extract::State;
use minzheng_core::access::Permission;
use minzheng_store::audit::{AuditFilter, AuditRecord, AuditVerification};
use minzheng_store::page::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::registry::{XLSX_MIME, download};
use crate::tabular::XlsxExport;
use crate::extract::{ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct VerifyView {
    pub ok: bool,
    pub entries: u64,
    pub first_broken: Option<BrokenLink>,
}

impl From<AuditVerification> for VerifyView {
    fn from(v: AuditVerification) -> Self {
        VerifyView { ok: v.ok, entries: v.entries, first_broken: v.first_broken.map(|b| BrokenLink { seq: b.seq, reason: b.reason }) }
    }
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.clone().filter(|s| !s.trim().is_empty())
}

/// 审计日志 the entries of the account's region, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", params(AuditQuery), responses((status = 200, body = PageOf<AuditRecord>)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<AuditQuery>) -> ApiResult<Json<PageOf<AuditRecord>>> {
    let granted = ctx.grant(Permission::AuditRead)?;
    let filter = AuditFilter { actor: nonempty(&q.actor), action: nonempty(&q.action), entity: nonempty(&q.entity) };
    let page = state.store.list_audit(granted.scope(), &filter, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page)))
}

/// 导出审计日志 the filtered entries as .xlsx, newest first (the export itself is audited).
#[utoipa::path(get, path = "/api/v1/audit/export", tag = "admin", params(AuditQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<AuditQuery>) -> ApiResult<axum::response::Response> {
    let granted = ctx.grant(Permission::AuditRead)?;
    let filter = AuditFilter { actor: nonempty(&q.actor), action: nonempty(&q.action), entity: nonempty(&q.entity) };
    let headers = ["序号", "时间", "操作人", "操作", "对象", "对象编号", "区划", "来源地址", "详情", "前一条哈希", "本条哈希"];
    let mut xlsx = XlsxExport::new("审计日志", &headers).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut failed = None;
    let n = state
        .store
        .for_each_audit(granted.scope(), &filter, |r| {
            let row = [r.seq.to_string(), r.at, r.actor, r.action, r.entity, r.entity_id, r.region_code, r.ip, r.detail, r.prev_hash, r.hash];
            if let Err(e) = xlsx.push_row(&row) {
                failed.get_or_insert(e.to_string());
            }
            Ok(())
        })
        .await?;
    if let Some(e) = failed {
        return Err(ApiError::Internal(e));
    }
    let bytes = xlsx.finish().map_err(|e| ApiError::Internal(e.to_string()))?;
    state.store.audit_now(&ctx.entry("export", "audit_log", "", ctx.region().as_str(), format!("{n} rows"))).await?;
    Ok(download(bytes, &format!("审计日志-{}.xlsx", minzheng_store::today()), XLSX_MIME))
}

/// 校验哈希链 verify the whole chain; reports the first broken link.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "admin", responses((status = 200, body = VerifyView)))]
pub async fn verify(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<VerifyView>> {
    ctx.require(Permission::AuditRead)?;
    let v = state.store.verify_audit().await?;
    state.store.audit_now(&ctx.entry("audit.verify", "audit_log", "", ctx.region().as_str(), format!("ok={} entries={}", v.ok, v.entries))).await?;
    Ok(Json(v.into()))
}
