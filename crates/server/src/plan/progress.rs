//! 进度填报 the units' quarterly progress on their plan lines: who acts for which unit, reports
//! with files, the lead unit's confirmation or return, each line's status, and reminders.
use std::collections::HashMap;

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use minzheng_core::access::{Permission, Role};
use minzheng_core::plan::progress::{self, Quarter, Status};
use minzheng_store::plan::{LineRecord, PlanRecord};
use minzheng_store::plan::progress::{ReportFile, ReportRecord};
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx, multipart_form};

#[derive(OpenApi)]
#[openapi(paths(me, my_lines, reports, submit, upload, file, confirm, send_back, status, reminders, set_members))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

/// Files a report may carry.
const FILE_LIMIT: usize = 10 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plan/me", get(me))
        .route("/plan/my-lines", get(my_lines))
        .route("/plan/lines/{id}/reports", get(reports).post(submit))
        .route("/plan/reports/{id}/files", post(upload).layer(axum::extract::DefaultBodyLimit::max(FILE_LIMIT + 64 * 1024)))
        .route("/plan/reports/{id}/files/{fid}", get(file))
        .route("/plan/reports/{id}/confirm", post(confirm))
        .route("/plan/reports/{id}/return", post(send_back))
        .route("/plan/plans/{id}/status", get(status))
        .route("/plan/reminders", get(reminders))
        .route("/plan/units/{id}/members", put(set_members))
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::progress::UnitRef)]
#[derive(Clone, Serialize)]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

/// The units the caller acts for.
pub async fn acting_units(state: &AppState, ctx: &Ctx) -> ApiResult<Vec<UnitRef>> {
    let units = state.store.plan_units_of(ctx.actor(), ctx.region().as_str(), ctx.role() == Role::DistrictOfficer).await?;
    Ok(units.into_iter().map(|(id, name, kind)| UnitRef { id, name, kind }).collect())
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MeView {
    pub units: Vec<UnitRef>,
    pub can_report: bool,
    pub can_manage: bool,
}

/// 我的责任单位 the units the caller acts for.
#[utoipa::path(get, path = "/api/v1/plan/me", tag = "plan", responses((status = 200, body = MeView, description = "the caller's units")))]
pub async fn me(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<MeView>> {
    ctx.require(Permission::PlanRead)?;
    Ok(Json(MeView { units: acting_units(&state, &ctx).await?, can_report: ctx.role().can(Permission::PlanReport), can_manage: ctx.role().can(Permission::PlanManage) }))
}

/// A line's progress: the latest confirmed report of its lead unit.
fn progress_of(line: &LineRecord, reports: &[ReportRecord]) -> Option<i64> {
    let lead = line.units.iter().find(|u| u.2 == "lead")?.0;
    reports.iter().filter(|r| r.line_id == line.id && r.unit_id == lead && r.status == "confirmed").max_by(|a, b| a.period.cmp(&b.period)).map(|r| r.percent)
}

fn start_year(p: &PlanRecord) -> i32 {
    p.years.iter().copied().min().unwrap_or(2000)
}

fn line_status(p: &PlanRecord, line: &LineRecord, reports: &[ReportRecord], today: NaiveDate) -> (Option<i64>, Status) {
    let progress = progress_of(line, reports);
    (progress, progress::status(progress, start_year(p), line.due_year as i32, today))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct MyLinesQuery {
    pub plan_id: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MyLine {
    pub line_id: i64,
    pub plan_id: i64,
    pub system: String,
    pub group: String,
    pub task: String,
    pub due_year: i64,
    pub unit: UnitRef,
    pub role: String,
    pub lead: UnitRef,
    pub status: &'static str,
    pub status_zh: &'static str,
    pub progress: Option<i64>,
    pub latest: Option<ReportRecord>,
    /// reports of other units waiting for this (lead) unit
    pub pending_confirmations: usize,
}

/// 我的任务 the lines where the caller's units are responsible, with status and latest report.
#[utoipa::path(get, path = "/api/v1/plan/my-lines", tag = "plan", params(MyLinesQuery), responses((status = 200, body = Vec<MyLine>, description = "the caller's lines")))]
pub async fn my_lines(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<MyLinesQuery>) -> ApiResult<Json<Vec<MyLine>>> {
    ctx.require(Permission::PlanRead)?;
    let units = acting_units(&state, &ctx).await?;
    let today = today();
    let plans: Vec<PlanRecord> = match q.plan_id {
        Some(id) => vec![state.store.plan_plan(id).await?],
        None => state.store.plan_plans().await?,
    };
    let kinds: HashMap<i64, String> = state.store.plan_units().await?.into_iter().map(|u| (u.id, u.kind)).collect();
    let mut out = Vec::new();
    for p in &plans {
        let lines = state.store.plan_lines(p.id).await?;
        let reports = state.store.plan_reports_of_plan(p.id).await?;
        for l in &lines {
            let lead = l.units.iter().find(|u| u.2 == "lead").map(|u| UnitRef { id: u.0, name: u.1.clone(), kind: kinds.get(&u.0).cloned().unwrap_or_default() });
            for (uid, _, role) in &l.units {
                let Some(unit) = units.iter().find(|u| u.id == *uid) else { continue };
                let (progress, st) = line_status(p, l, &reports, today);
                let latest = reports.iter().find(|r| r.line_id == l.id && r.unit_id == *uid).cloned();
                let pending = if role == "lead" { reports.iter().filter(|r| r.line_id == l.id && r.status == "submitted").count() } else { 0 };
                out.push(MyLine {
                    line_id: l.id,
                    plan_id: p.id,
                    system: l.system.clone(),
                    group: l.group.clone(),
                    task: l.task.clone(),
                    due_year: l.due_year,
                    unit: unit.clone(),
                    role: role.clone(),
                    lead: lead.clone().unwrap_or(UnitRef { id: 0, name: String::new(), kind: String::new() }),
                    status: st.as_str(),
                    status_zh: st.zh(),
                    progress,
                    latest,
                    pending_confirmations: pending,
                });
            }
        }
    }
    Ok(Json(out))
}

/// 进度报告 a line's reports, newest quarter first.
#[utoipa::path(get, path = "/api/v1/plan/lines/{id}/reports", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = Vec<ReportRecord>, description = "the reports"), (status = 404)))]
pub async fn reports(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<ReportRecord>>> {
    ctx.require(Permission::PlanRead)?;
    state.store.plan_line_units_of(id).await?;
    Ok(Json(state.store.plan_line_reports(id).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct ReportBody {
    pub unit_id: Option<i64>,
    /// YYYY-Qn, the current or a finished quarter
    pub period: Option<String>,
    /// 0–100
    pub percent: Option<i64>,
    pub narrative: Option<String>,
}

/// 填报进度 a unit reports its progress on a line for a quarter (replacing its earlier report of the
/// quarter unless confirmed).
#[utoipa::path(post, path = "/api/v1/plan/lines/{id}/reports", tag = "plan", request_body = ReportBody, params(("id" = i64, Path)), responses((status = 201, body = ReportRecord, description = "the report"), (status = 403), (status = 409), (status = 422)))]
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ReportBody>) -> ApiResult<Response> {
    ctx.require(Permission::PlanReport)?;
    let (_, line_units) = state.store.plan_line_units_of(id).await?;
    let unit_id = b.unit_id.ok_or_else(|| ApiError::invalid("unit_id", "请选择填报单位", "unit_id is required"))?;
    let mine = acting_units(&state, &ctx).await?;
    if !mine.iter().any(|u| u.id == unit_id) {
        return Err(ApiError::forbidden("本账号不能代表该单位填报", "you do not act for this unit"));
    }
    if !line_units.iter().any(|(u, _)| *u == unit_id) {
        return Err(ApiError::forbidden("该单位不是这项任务的责任单位", "the unit is not responsible for this line"));
    }
    let today = today();
    let period = b.period.as_deref().and_then(Quarter::parse).ok_or_else(|| ApiError::invalid("period", "填报期须为季度，如 2026-Q4", "period must be a quarter such as 2026-Q4"))?;
    if period > Quarter::of(today) {
        return Err(ApiError::invalid("period", "不能填报未来季度的进度", "a future quarter cannot be reported"));
    }
    let percent = b.percent.filter(|p| (0..=100).contains(p)).ok_or_else(|| ApiError::invalid("percent", "完成进度须为0至100", "percent must be 0 to 100"))?;
    let narrative = b.narrative.as_deref().map(str::trim).unwrap_or("");
    if narrative.is_empty() {
        return Err(ApiError::invalid("narrative", "请填写进展情况", "narrative is required"));
    }
    if narrative.chars().count() > 2000 {
        return Err(ApiError::invalid("narrative", "进展情况不能超过2000字", "narrative is longer than 2000 characters"));
    }
    let mut tx = state.store.begin().await?;
    let rid = state.store.plan_submit_report(&mut tx, id, unit_id, &period.to_string(), percent, narrative, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.report.submit", "plan_report", rid, ctx.region().as_str(), format!("line {id} unit {unit_id} {period}: {percent}%"))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.plan_report(rid).await?)).into_response())
}

/// Whether the caller acts for the report's line's lead unit, or for the report's own unit.
async fn roles_on(state: &AppState, ctx: &Ctx, r: &ReportRecord) -> ApiResult<(bool, bool)> {
    let (_, line_units) = state.store.plan_line_units_of(r.line_id).await?;
    let mine = acting_units(state, ctx).await?;
    let lead = line_units.iter().find(|(_, role)| role == "lead").map(|u| u.0);
    Ok((lead.is_some_and(|l| mine.iter().any(|u| u.id == l)), mine.iter().any(|u| u.id == r.unit_id)))
}

/// 上传佐证材料 attach a file (PDF, JPG, PNG, Word or Excel, up to 10 MB) to a report of one's unit.
#[utoipa::path(post, path = "/api/v1/plan/reports/{id}/files", tag = "plan", params(("id" = i64, Path)), request_body(content = crate::extract::FileForm, content_type = "multipart/form-data", description = "file"), responses((status = 201, body = ReportFile, description = "the file"), (status = 403), (status = 413), (status = 422)))]
pub async fn upload(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, multipart: Multipart) -> ApiResult<Response> {
    ctx.require(Permission::PlanReport)?;
    let r = state.store.plan_report(id).await?;
    if !roles_on(&state, &ctx, &r).await?.1 {
        return Err(ApiError::forbidden("只有填报单位可以上传材料", "only the reporting unit may attach files"));
    }
    let (file, _) = multipart_form(multipart).await?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择要上传的文件", "no file was uploaded"))?;
    if bytes.len() > FILE_LIMIT {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::invalid("file", "文件为空", "the file is empty"));
    }
    // trust the bytes, not the name
    let lower = name.to_lowercase();
    let content_type = if bytes.starts_with(b"%PDF") {
        "application/pdf"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".docx") {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".xlsx") {
        crate::registry::XLSX_MIME
    } else {
        return Err(ApiError::invalid("file", "只接受 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件", "only PDF, JPG, PNG, .docx or .xlsx files are accepted"));
    };
    let mut tx = state.store.begin().await?;
    let f: ReportFile = state.store.plan_insert_file(&mut tx, id, &name, content_type, &bytes, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.report.file", "plan_report", id, ctx.region().as_str(), format!("{name} {} bytes", bytes.len()))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(f)).into_response())
}

/// 下载佐证材料 a report's file.
#[utoipa::path(get, path = "/api/v1/plan/reports/{id}/files/{fid}", tag = "plan", params(("id" = i64, Path), ("fid" = i64, Path)), responses((status = 200, description = "the file: a PDF, JPEG, PNG, .docx or .xlsx as uploaded", content(
        (crate::extract::FileBytes = "application/pdf"),
        (crate::extract::FileBytes = "image/jpeg"),
        (crate::extract::FileBytes = "image/png"),
        (crate::extract::FileBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (crate::extract::FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )), (status = 404)))]
pub async fn file(State(state): State<AppState>, ctx: Ctx, Path((id, fid)): Path<(i64, i64)>) -> ApiResult<Response> {
    ctx.require(Permission::PlanRead)?;
    let (name, content_type, bytes) = state.store.plan_file(id, fid).await?;
    Ok(crate::registry::download(bytes, &name, &content_type))
}

#[derive(utoipa::ToSchema)]
#[schema(as = progress::ReviewBody)]
#[derive(Deserialize, Default)]
pub struct ReviewBody {
    pub note: Option<String>,
}

async fn review(state: &AppState, ctx: &Ctx, id: i64, status: &str, note: &str) -> ApiResult<Json<ReportRecord>> {
    ctx.require(Permission::PlanReport)?;
    let r = state.store.plan_report(id).await?;
    if !roles_on(state, ctx, &r).await?.0 {
        return Err(ApiError::forbidden("只有牵头单位可以确认或退回进度", "only the lead unit confirms or returns reports"));
    }
    let mut tx = state.store.begin().await?;
    state.store.plan_review_report(&mut tx, id, status, note, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry(&format!("plan.report.{status}"), "plan_report", id, ctx.region().as_str(), format!("{} {}% {note}", r.period, r.percent))).await?;
    tx.commit().await?;
    Ok(Json(state.store.plan_report(id).await?))
}

/// 确认进度 the lead unit confirms a report.
#[utoipa::path(post, path = "/api/v1/plan/reports/{id}/confirm", tag = "plan", request_body = ReviewBody, params(("id" = i64, Path)), responses((status = 200, body = ReportRecord, description = "the report"), (status = 403), (status = 409)))]
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ReviewBody>) -> ApiResult<Json<ReportRecord>> {
    review(&state, &ctx, id, "confirmed", b.note.as_deref().map(str::trim).unwrap_or("")).await
}

/// 退回进度 the lead unit returns a report with a note.
#[utoipa::path(post, path = "/api/v1/plan/reports/{id}/return", tag = "plan", request_body = ReviewBody, params(("id" = i64, Path)), responses((status = 200, body = ReportRecord, description = "the report"), (status = 403), (status = 409), (status = 422)))]
pub async fn send_back(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ReviewBody>) -> ApiResult<Json<ReportRecord>> {
    let note = b.note.as_deref().map(str::trim).unwrap_or("").to_owned();
    if note.is_empty() {
        ctx.require(Permission::PlanReport)?;
        return Err(ApiError::invalid("note", "退回须写明原因", "a note saying why is required"));
    }
    review(&state, &ctx, id, "returned", &note).await
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize, Default)]
pub struct Counts {
    pub on_track: usize,
    pub at_risk: usize,
    pub overdue: usize,
    pub done: usize,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StatusLine {
    pub line_id: i64,
    pub system: String,
    pub group: String,
    pub task: String,
    pub due_year: i64,
    pub lead: String,
    pub progress: Option<i64>,
    pub status: &'static str,
    pub status_zh: &'static str,
    pub last_report_at: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StatusView {
    pub counts: Counts,
    pub lines: Vec<StatusLine>,
}

/// The status of each line of a plan (shared with the printable report).
pub async fn status_lines(state: &AppState, plan_id: i64) -> ApiResult<(PlanRecord, Vec<LineRecord>, Vec<ReportRecord>, Vec<(Option<i64>, Status)>)> {
    let p = state.store.plan_plan(plan_id).await?;
    let lines = state.store.plan_lines(plan_id).await?;
    let reports = state.store.plan_reports_of_plan(plan_id).await?;
    let today = today();
    let st = lines.iter().map(|l| line_status(&p, l, &reports, today)).collect();
    Ok((p, lines, reports, st))
}

/// 计划执行情况 each line's progress and status, and the counts per status.
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}/status", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = StatusView, description = "the status"), (status = 404)))]
pub async fn status(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<StatusView>> {
    ctx.require(Permission::PlanRead)?;
    let (_, lines, reports, st) = status_lines(&state, id).await?;
    let mut counts = Counts::default();
    let mut out = Vec::with_capacity(lines.len());
    for (l, (progress, s)) in lines.iter().zip(st) {
        match s {
            Status::OnTrack => counts.on_track += 1,
            Status::AtRisk => counts.at_risk += 1,
            Status::Overdue => counts.overdue += 1,
            Status::Done => counts.done += 1,
        }
        out.push(StatusLine {
            line_id: l.id,
            system: l.system.clone(),
            group: l.group.clone(),
            task: l.task.clone(),
            due_year: l.due_year,
            lead: l.units.iter().find(|u| u.2 == "lead").map(|u| u.1.clone()).unwrap_or_default(),
            progress,
            status: s.as_str(),
            status_zh: s.zh(),
            last_report_at: reports.iter().filter(|r| r.line_id == l.id).map(|r| r.submitted_at.clone()).max(),
        });
    }
    Ok(Json(StatusView { counts, lines: out }))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ReminderQuery {
    /// deadlines within this many days (default 30)
    pub days: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Reminder {
    pub line_id: i64,
    pub task: String,
    pub unit: UnitRef,
    /// deadline | report_missing
    pub kind: &'static str,
    pub kind_zh: &'static str,
    pub due: String,
    pub message_zh: String,
    pub message_en: String,
}

/// 提醒 for the caller's units (every unit for managers): lines not done whose deadline falls within
/// `days`, and the last finished quarter without a report from a unit of a line still open.
#[utoipa::path(get, path = "/api/v1/plan/reminders", tag = "plan", params(ReminderQuery), responses((status = 200, body = Vec<Reminder>, description = "the reminders")))]
pub async fn reminders(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ReminderQuery>) -> ApiResult<Json<Vec<Reminder>>> {
    ctx.require(Permission::PlanRead)?;
    let days = q.days.unwrap_or(30).clamp(1, 366);
    let all = ctx.role().can(Permission::PlanManage);
    let mine = acting_units(&state, &ctx).await?;
    let kinds: HashMap<i64, String> = state.store.plan_units().await?.into_iter().map(|u| (u.id, u.kind)).collect();
    let today = today();
    let last_quarter = Quarter::of(today).first_day().pred_opt().map(Quarter::of).expect("a quarter before");
    let mut out = Vec::new();
    for p in state.store.plan_plans().await? {
        let (_, lines, reports, st) = status_lines(&state, p.id).await?;
        for (l, (_, s)) in lines.iter().zip(st) {
            if s == Status::Done {
                continue;
            }
            let deadline = progress::deadline(l.due_year as i32);
            let open = today <= deadline;
            for (uid, name, role) in &l.units {
                if !all && !mine.iter().any(|u| u.id == *uid) {
                    continue;
                }
                let unit = UnitRef { id: *uid, name: name.clone(), kind: kinds.get(uid).cloned().unwrap_or_default() };
                if role == "lead" && open && (deadline - today).num_days() <= days {
                    out.push(Reminder {
                        line_id: l.id,
                        task: l.task.clone(),
                        unit: unit.clone(),
                        kind: "deadline",
                        kind_zh: "临近完成期限",
                        due: deadline.to_string(),
                        message_zh: format!("“{}”须于{deadline}前完成，还有{}天", l.task, (deadline - today).num_days()),
                        message_en: format!("{} is due by {deadline}, in {} days", l.task, (deadline - today).num_days()),
                    });
                }
                let reported = reports.iter().any(|r| r.line_id == l.id && r.unit_id == *uid && r.period == last_quarter.to_string());
                if open && !reported && last_quarter.year >= start_year(&p) {
                    out.push(Reminder {
                        line_id: l.id,
                        task: l.task.clone(),
                        unit,
                        kind: "report_missing",
                        kind_zh: "季度进度未报",
                        due: last_quarter.to_string(),
                        message_zh: format!("{name}尚未填报“{}”{last_quarter}的进度", l.task),
                        message_en: format!("{name} has not reported {last_quarter} on {}", l.task),
                    });
                }
            }
        }
    }
    Ok(Json(out))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct MembersBody {
    #[serde(default)]
    pub usernames: Vec<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MembersView {
    pub unit_id: i64,
    pub usernames: Vec<String>,
}

/// 单位联络员 the accounts that act for a unit (replaces the list).
#[utoipa::path(put, path = "/api/v1/plan/units/{id}/members", tag = "plan", request_body = MembersBody, params(("id" = i64, Path)), responses((status = 200, body = MembersView, description = "the members"), (status = 404), (status = 422)))]
pub async fn set_members(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<MembersBody>) -> ApiResult<Json<MembersView>> {
    ctx.require(Permission::PlanManage)?;
    if !state.store.plan_unit_exists(id).await? {
        return Err(ApiError::NotFound);
    }
    let mut names: Vec<String> = b.usernames.iter().map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()).collect();
    names.sort();
    names.dedup();
    for (i, u) in names.iter().enumerate() {
        if state.store.account_by_username(u).await?.is_none() {
            return Err(ApiError::invalid(&format!("usernames[{i}]"), format!("账号 {u} 不存在"), format!("no account {u}")));
        }
    }
    let mut tx = state.store.begin().await?;
    state.store.plan_set_members(&mut tx, id, &names).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.unit.members", "plan_unit", id, ctx.region().as_str(), names.join(","))).await?;
    tx.commit().await?;
    Ok(Json(MembersView { unit_id: id, usernames: names }))
}
