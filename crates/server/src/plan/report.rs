//! 进度报告 the plan's progress report per system (the console prints it) and the .xlsx export in
//! the table's own layout, with progress and status added.
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use minzheng_core::access::Permission;
use minzheng_store::plan::TargetRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use super::progress::status_lines;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};
use crate::registry::{XLSX_MIME, download};
use crate::tabular::XlsxExport;

#[derive(OpenApi)]
#[openapi(paths(report, export))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/plan/plans/{id}/report", get(report)).route("/plan/plans/{id}/export.xlsx", get(export))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// one system only
    pub system: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ReportLine {
    pub line_id: i64,
    pub group: String,
    pub task: String,
    pub due_year: i64,
    pub lead: String,
    pub related: Vec<String>,
    pub plans: Vec<(i32, String)>,
    pub targets: Vec<TargetRecord>,
    pub progress: Option<i64>,
    pub status: &'static str,
    pub status_zh: &'static str,
    pub latest_period: Option<String>,
    pub latest_narrative: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ReportSystem {
    pub name: String,
    pub lines: Vec<ReportLine>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::report::ReportView)]
#[derive(Serialize)]
pub struct ReportView {
    pub plan: String,
    pub years: Vec<i32>,
    pub generated_at: String,
    pub systems: Vec<ReportSystem>,
}

async fn build(state: &AppState, id: i64, system: Option<&str>) -> ApiResult<ReportView> {
    let (p, lines, reports, st) = status_lines(state, id).await?;
    let mut systems: Vec<ReportSystem> = Vec::new();
    for (l, (progress, s)) in lines.into_iter().zip(st) {
        if system.is_some_and(|x| x != l.system) {
            continue;
        }
        // the newest report of the line: the lead unit's first, then confirmed ones, then the latest
        let lead_id = l.units.iter().find(|u| u.2 == "lead").map(|u| u.0);
        let key = |r: &&minzheng_store::plan::progress::ReportRecord| (Some(r.unit_id) == lead_id, r.status == "confirmed", r.period.clone(), r.id);
        let latest = reports.iter().filter(|r| r.line_id == l.id).max_by_key(key);
        if systems.last().is_none_or(|x| x.name != l.system) {
            systems.push(ReportSystem { name: l.system.clone(), lines: vec![] });
        }
        let lead = l.units.iter().find(|u| u.2 == "lead").map(|u| u.1.clone()).unwrap_or_default();
        let related = l.units.iter().filter(|u| u.2 != "lead").map(|u| u.1.clone()).collect();
        systems.last_mut().expect("pushed").lines.push(ReportLine {
            line_id: l.id,
            group: l.group,
            task: l.task,
            due_year: l.due_year,
            lead,
            related,
            plans: l.plans,
            targets: l.targets,
            progress,
            status: s.as_str(),
            status_zh: s.zh(),
            latest_period: latest.map(|r| r.period.clone()),
            latest_narrative: latest.map(|r| r.narrative.clone()),
        });
    }
    if system.is_some() && systems.is_empty() {
        return Err(ApiError::invalid("system", "计划中没有这个体系", "the plan has no such system"));
    }
    Ok(ReportView { plan: p.name, years: p.years, generated_at: minzheng_store::now(), systems })
}

/// 进度报告 the plan's progress by system (one system with `system`), for printing.
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}/report", tag = "plan", params(("id" = i64, Path), ReportQuery), responses((status = 200, body = ReportView, description = "the report"), (status = 404), (status = 422)))]
pub async fn report(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<ReportQuery>) -> ApiResult<Json<ReportView>> {
    ctx.require(Permission::PlanRead)?;
    Ok(Json(build(&state, id, q.system.as_deref().filter(|s| !s.is_empty())).await?))
}

/// 导出计划表 the plan as its table (体系, 主要任务, 子项目, 完成时间, 责任单位, the yearly plans) with
/// 完成进度 and 状态 added (audited).
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}/export.xlsx", tag = "plan", params(("id" = i64, Path)),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes), (status = 404)))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Response> {
    ctx.require(Permission::PlanRead)?;
    let r = build(&state, id, None).await?;
    let mut headers: Vec<String> = ["体系名称", "主要任务", "子项目", "完成时间", "责任单位"].iter().map(|s| (*s).to_owned()).collect();
    headers.extend(r.years.iter().map(|y| format!("{y}年工作计划")));
    headers.extend(["完成进度".to_owned(), "状态".to_owned(), "最近进展".to_owned()]);
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut x = XlsxExport::new(&r.plan, &h).map_err(internal)?;
    for s in &r.systems {
        let (mut last_system, mut last_group, mut last_task) = (None::<&str>, None::<&str>, None::<&str>);
        for l in &s.lines {
            // as the table shows merged cells: a value only where it changes
            let show = |last: Option<&str>, v: &str| if last == Some(v) { String::new() } else { v.to_owned() };
            let system_cell = show(last_system, &s.name);
            let group_cell = show(last_group, &l.group);
            let task_cell = show(last_task, &l.task);
            last_system = Some(&s.name);
            last_group = Some(&l.group);
            last_task = Some(&l.task);
            let mut row = vec![system_cell, group_cell, task_cell, l.due_year.to_string(), std::iter::once(l.lead.clone()).chain(l.related.iter().cloned()).collect::<Vec<_>>().join("、")];
            row.extend(r.years.iter().map(|y| l.plans.iter().find(|(py, _)| py == y).map(|p| p.1.clone()).unwrap_or_default()));
            row.push(l.progress.map(|p| format!("{p}%")).unwrap_or_default());
            row.push(l.status_zh.to_owned());
            row.push(match (&l.latest_period, &l.latest_narrative) {
                (Some(p), Some(n)) => format!("{p}：{n}"),
                _ => String::new(),
            });
            x.push_row(&row).map_err(internal)?;
        }
    }
    let bytes = x.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("plan.export", "plan", id, ctx.region().as_str(), r.plan.clone())).await?;
    Ok(download(bytes, &format!("{}.xlsx", r.plan), XLSX_MIME))
}
