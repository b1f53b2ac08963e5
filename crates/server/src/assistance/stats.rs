//! 救助统计 the assistance dashboard and its export.
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use minzheng_core::access::Permission;
use minzheng_core::assistance::{Fen, Programme};
use minzheng_store::assistance::stats::AssistanceStats;
use minzheng_store::today;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};
use crate::registry::{XLSX_MIME, download};
use crate::tabular::XlsxExport;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
}

async fn load(state: &AppState, ctx: &Ctx, q: &StatsQuery) -> ApiResult<AssistanceStats> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let scope = granted.within(q.region.as_ref())?;
    Ok(state.store.assistance_stats(&scope, &today().to_string()).await?)
}

/// 救助统计 coverage by programme and area, money paid per month, averages, overdue steps.
#[utoipa::path(get, path = "/api/v1/assistance/stats", tag = "assistance", params(StatsQuery), responses((status = 200, body = AssistanceStats, description = "the dashboard figures")))]
pub async fn stats(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<StatsQuery>) -> ApiResult<Json<AssistanceStats>> {
    Ok(Json(load(&state, &ctx, &q).await?))
}

/// 救助统计导出 the dashboard's tables as one .xlsx sheet.
#[utoipa::path(get, path = "/api/v1/assistance/stats.xlsx", tag = "assistance", params(StatsQuery), responses((status = 200, description = "the workbook (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<StatsQuery>) -> ApiResult<Response> {
    let s = load(&state, &ctx, &q).await?;
    let zh = |p: &str| Programme::parse(p).map(|p| p.zh().to_owned()).unwrap_or_else(|| p.to_owned());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for a in &s.by_town {
        rows.push(vec!["在保情况".into(), a.region_code.clone(), a.region_name.clone().unwrap_or_default(), zh(&a.programme), a.households.to_string(), a.persons.to_string(), Fen(a.monthly).yuan_string(), String::new()]);
    }
    for p in &s.paid_by_month {
        rows.push(vec!["月度发放".into(), String::new(), p.month.clone(), zh(&p.programme), String::new(), String::new(), Fen(p.total).yuan_string(), String::new()]);
    }
    for c in &s.coverage {
        rows.push(vec!["保障覆盖率".into(), c.region_code.clone(), c.region_name.clone().unwrap_or_default(), "低保、特困".into(), String::new(), format!("{} / {}", c.persons, c.population), String::new(), format!("{}‰", c.permille)]);
    }
    for a in &s.average_benefit {
        rows.push(vec!["户均保障金".into(), String::new(), String::new(), zh(&a.programme), a.households.to_string(), String::new(), Fen(a.average).yuan_string(), String::new()]);
    }
    for o in &s.overdue {
        rows.push(vec!["超期未办".into(), o.region_code.clone(), o.region_name.clone().unwrap_or_default(), String::new(), o.count.to_string(), String::new(), String::new(), String::new()]);
    }
    let mut xlsx = XlsxExport::new("救助统计", &["表", "区划代码", "区划/月份", "项目", "户数/件数", "人数", "金额（元）", "比例"]).map_err(|e| ApiError::Internal(e.to_string()))?;
    for r in &rows {
        xlsx.push_row(r).map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    let bytes = xlsx.finish().map_err(|e| ApiError::Internal(e.to_string()))?;
    state.store.audit_now(&ctx.entry("export", "assistance_stats", "-", ctx.region().as_str(), format!("{} rows", rows.len()))).await?;
    Ok(download(bytes, &format!("救助统计{}.xlsx", s.as_of), XLSX_MIME))
}
