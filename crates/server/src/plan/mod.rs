//! 大民政工作计划 the district's work plan: plans imported from their table (.xlsx/.csv as seed 000
//! lays it out), the plan by system → main task → task with each line's responsible units and
//! yearly plans, the targets read from those plans (editable), the units, and the matrix of units
//! × tasks. District officers manage (`plan.manage`); officers and the auditor read (`plan.read`).
use minzheng_core::assistance::money::AmountBound;
use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use minzheng_core::FieldError;
use minzheng_core::access::Permission;
use minzheng_core::plan::table;
use minzheng_core::registry::region::RegionLevel;
use minzheng_store::plan::{LineRecord, PlanRecord, TargetFields, TargetRecord, UnitRecord};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Ctx, multipart_form};
use crate::tabular::read_table;

pub mod indicators;
pub mod progress;
pub mod report;

#[derive(OpenApi)]
#[openapi(paths(plans, create, import, plan, add_line, matrix, units, add_target, update_target, delete_target))]
struct Doc;

/// The plan's OpenAPI fragments, merged.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = Doc::openapi();
    doc.merge(progress::openapi());
    doc.merge(indicators::openapi());
    doc.merge(report::openapi());
    doc
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(progress::routes())
        .merge(indicators::routes())
        .merge(report::routes())
        .route("/plan/plans", get(plans).post(create))
        .route("/plan/plans/{id}/lines", post(add_line))
        .route("/plan/plans/import", post(import).layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)))
        .route("/plan/plans/{id}", get(plan))
        .route("/plan/plans/{id}/matrix", get(matrix))
        .route("/plan/units", get(units))
        .route("/plan/lines/{id}/targets", post(add_target))
        .route("/plan/targets/{id}", put(update_target).delete(delete_target))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PlanSummary {
    #[serde(flatten)]
    pub p: PlanRecord,
    pub systems: usize,
    pub tasks: usize,
    pub units: usize,
}

fn summary(p: PlanRecord, lines: &[LineRecord]) -> PlanSummary {
    let mut systems: Vec<&str> = Vec::new();
    let mut tasks: Vec<(&str, &str, &str)> = Vec::new();
    let mut units: Vec<i64> = Vec::new();
    for l in lines {
        if !systems.contains(&l.system.as_str()) {
            systems.push(&l.system);
        }
        let k = (l.system.as_str(), l.group.as_str(), l.task.as_str());
        if !tasks.contains(&k) {
            tasks.push(k);
        }
        for u in &l.units {
            if !units.contains(&u.0) {
                units.push(u.0);
            }
        }
    }
    PlanSummary { systems: systems.len(), tasks: tasks.len(), units: units.len(), p }
}

/// 工作计划 the plans, newest first.
#[utoipa::path(get, path = "/api/v1/plan/plans", tag = "plan", responses((status = 200, body = Vec<PlanSummary>, description = "the plans")))]
pub async fn plans(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<PlanSummary>>> {
    ctx.require(Permission::PlanRead)?;
    let mut out = Vec::new();
    for p in state.store.plan_plans().await? {
        let lines = state.store.plan_lines(p.id).await?;
        out.push(summary(p, &lines));
    }
    Ok(Json(out))
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::UnitRef)]
#[derive(Serialize)]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PlanText {
    pub year: i32,
    pub text: String,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct LineView {
    pub id: i64,
    pub row: i64,
    pub due_year: i64,
    pub lead: UnitRef,
    pub related: Vec<UnitRef>,
    pub plans: Vec<PlanText>,
    pub targets: Vec<TargetRecord>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::TaskView)]
#[derive(Serialize)]
pub struct TaskView {
    /// the task's first line (tasks have no id of their own)
    pub id: i64,
    pub name: String,
    pub due_year: i64,
    pub lines: Vec<LineView>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct GroupView {
    pub name: String,
    pub tasks: Vec<TaskView>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SystemView {
    pub name: String,
    pub groups: Vec<GroupView>,
}

/// A plan in full: its record, its counts of tasks and units, and the tree (the systems).
#[derive(utoipa::ToSchema)]
#[schema(as = plan::PlanView)]
#[derive(Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub p: PlanRecord,
    pub tasks: usize,
    pub units: usize,
    pub systems: Vec<SystemView>,
}

fn line_view(l: LineRecord) -> LineView {
    let mut lead = None;
    let mut related = Vec::new();
    for (id, name, role) in l.units {
        if role == "lead" && lead.is_none() {
            lead = Some(UnitRef { id, name });
        } else {
            related.push(UnitRef { id, name });
        }
    }
    LineView {
        id: l.id,
        row: l.row,
        due_year: l.due_year,
        lead: lead.unwrap_or(UnitRef { id: 0, name: String::new() }),
        related,
        plans: l.plans.into_iter().map(|(year, text)| PlanText { year, text }).collect(),
        targets: l.targets,
    }
}

/// Lines grouped by system → main task → task, in table order.
fn tree(lines: Vec<LineRecord>) -> Vec<SystemView> {
    let mut systems: Vec<SystemView> = Vec::new();
    for l in lines {
        if systems.last().is_none_or(|s| s.name != l.system) {
            systems.push(SystemView { name: l.system.clone(), groups: vec![] });
        }
        let s = systems.last_mut().expect("pushed");
        if s.groups.last().is_none_or(|g| g.name != l.group) {
            s.groups.push(GroupView { name: l.group.clone(), tasks: vec![] });
        }
        let g = s.groups.last_mut().expect("pushed");
        if g.tasks.last().is_none_or(|t| t.name != l.task) {
            g.tasks.push(TaskView { id: l.id, name: l.task.clone(), due_year: l.due_year, lines: vec![] });
        }
        let t = g.tasks.last_mut().expect("pushed");
        t.due_year = t.due_year.max(l.due_year);
        t.lines.push(line_view(l));
    }
    systems
}

async fn plan_view(state: &AppState, id: i64) -> ApiResult<PlanView> {
    let p = state.store.plan_plan(id).await?;
    let lines = state.store.plan_lines(id).await?;
    let s = summary(p, &lines);
    Ok(PlanView { p: s.p, tasks: s.tasks, units: s.units, systems: tree(lines) })
}

/// 计划详情 a plan by system, main task and task, each line with its units, plans and targets.
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = PlanView, description = "the plan"), (status = 404)))]
pub async fn plan(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<PlanView>> {
    ctx.require(Permission::PlanRead)?;
    Ok(Json(plan_view(&state, id).await?))
}

/// 计划表导入表单 the plan table as a multipart form, as `import` reads it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PlanImportForm {
    /// the plan's name (default: the file's title)
    pub name: Option<String>,
    /// the .xlsx
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// 导入计划表 import a plan from its table (.xlsx or .csv; multipart `name`, `file`): merged cells
/// carried down, units split with the first as lead, targets read from the plan texts. A table
/// with any problem is refused whole, each problem named by row and column (`rows[N].列名`).
#[utoipa::path(post, path = "/api/v1/plan/plans/import", tag = "plan", request_body(content = PlanImportForm, content_type = "multipart/form-data", description = "name, file"), responses((status = 201, body = PlanView, description = "the plan"), (status = 422, description = "refused, nothing stored")))]
pub async fn import(State(state): State<AppState>, ctx: Ctx, multipart: Multipart) -> ApiResult<Response> {
    ctx.require(Permission::PlanManage)?;
    let (file, fields) = multipart_form(multipart).await?;
    let name = fields.get("name").cloned();
    let (file_name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择计划表文件（.xlsx 或 .csv）", "no file was uploaded"))?;
    let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).unwrap_or_else(|| file_name.rsplit_once('.').map_or(file_name.clone(), |(b, _)| b.to_owned()));
    if name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "计划名称不能超过100个字", "name is longer than 100 characters"));
    }
    let rows = read_table(&file_name, &bytes).map_err(|e| ApiError::invalid("file", e.message_zh(), e.to_string()))?;
    let plan = table::parse(&rows).map_err(|errors| {
        ApiError::Validation(errors.into_iter().map(|e| FieldError::new(format!("rows[{}].{}", e.row, e.column), format!("第{}行“{}”：{}", e.row, e.column, e.zh), format!("row {}, {}: {}", e.row, e.column, e.en))).collect())
    })?;
    let county = ctx.region().ancestor_at(RegionLevel::County).unwrap_or_else(|| ctx.region().clone());
    let towns: Vec<(String, String)> = state.store.region_children(&county).await?.into_iter().map(|r| (r.code, r.name)).collect();
    let mut tx = state.store.begin().await?;
    let id = state.store.plan_import(&mut tx, &name, &file_name, &plan, &towns, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.import", "plan", id, ctx.region().as_str(), format!("{name}: {} lines from {file_name}", plan.lines.len()))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(plan_view(&state, id).await?)).into_response())
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::PlanBody)]
#[derive(Deserialize, Default)]
pub struct PlanBody {
    pub name: Option<String>,
    /// the years the plan has a column for (e.g. [2026, 2027])
    #[serde(default)]
    pub years: Vec<i32>,
}

/// 新建计划 a plan created in the console, without lines yet.
#[utoipa::path(post, path = "/api/v1/plan/plans", tag = "plan", request_body = PlanBody, responses((status = 201, body = PlanView, description = "the plan"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<PlanBody>) -> ApiResult<Response> {
    ctx.require(Permission::PlanManage)?;
    let name = b.name.as_deref().map(str::trim).filter(|n| !n.is_empty() && n.chars().count() <= 100).ok_or_else(|| ApiError::invalid("name", "请填写计划名称（100字以内）", "name is required (100 characters at most)"))?;
    let mut years = b.years.clone();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() || years.len() > 10 || years.iter().any(|y| !(2000..=2100).contains(y)) {
        return Err(ApiError::invalid("years", "请选择计划的年度（1至10个，如2026、2027）", "years must be 1 to 10 years such as 2026"));
    }
    let mut tx = state.store.begin().await?;
    let id = state.store.plan_create(&mut tx, name, &years, "", ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.create", "plan", id, ctx.region().as_str(), name.to_owned())).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(plan_view(&state, id).await?)).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct LineBody {
    pub system: Option<String>,
    /// 主要任务 (may be empty)
    pub group: Option<String>,
    pub task: Option<String>,
    pub due_year: Option<i64>,
    /// 责任单位 as the table writes them: "区民政局、区财政局", the first leads
    pub units: Option<String>,
    /// {"2026": "…"}: the plan text of each of the plan's years
    #[serde(default)]
    pub plans: BTreeMap<String, String>,
}

/// The API field of a table column.
fn field_of(column: &str) -> &'static str {
    match column {
        "体系名称" => "system",
        "主要任务" => "group",
        "子项目" => "task",
        "完成时间" => "due_year",
        "责任单位" => "units",
        _ => "plans",
    }
}

/// 添加任务行 a line added in the console, read by the same rules as an imported row (units split
/// on 、 with the first as lead, targets read from the plan texts).
#[utoipa::path(post, path = "/api/v1/plan/plans/{id}/lines", tag = "plan", request_body = LineBody, params(("id" = i64, Path)), responses((status = 201, body = PlanView, description = "the plan with the line"), (status = 404), (status = 422)))]
pub async fn add_line(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<LineBody>) -> ApiResult<Response> {
    ctx.require(Permission::PlanManage)?;
    let p = state.store.plan_plan(id).await?;
    for y in b.plans.keys() {
        if !p.years.iter().any(|py| py.to_string() == *y) {
            return Err(ApiError::invalid("plans", format!("计划没有{y}年度"), format!("the plan has no year {y}")));
        }
    }
    let text = |s: &Option<String>| s.as_deref().map(str::trim).unwrap_or("").to_owned();
    let (system, task) = (text(&b.system), text(&b.task));
    if system.is_empty() {
        return Err(ApiError::invalid("system", "请填写体系名称", "system is required"));
    }
    if task.is_empty() {
        return Err(ApiError::invalid("task", "请填写子项目（任务）", "task is required"));
    }
    let mut header: Vec<String> = ["体系名称", "主要任务", "子项目", "完成时间", "责任单位"].iter().map(|s| (*s).to_owned()).collect();
    header.extend(p.years.iter().map(|y| format!("{y}年工作计划")));
    let mut row = vec![system, text(&b.group), task, b.due_year.map(|y| y.to_string()).unwrap_or_default(), text(&b.units)];
    row.extend(p.years.iter().map(|y| b.plans.get(&y.to_string()).map(|t| t.trim().to_owned()).unwrap_or_default()));
    let mut table = table::parse(&[header, row]).map_err(|errors| ApiError::Validation(errors.into_iter().map(|e| FieldError::new(field_of(&e.column), e.zh, e.en)).collect()))?;
    let next = state.store.plan_next_row(id).await?;
    for l in &mut table.lines {
        l.row = next as usize;
    }
    let county = ctx.region().ancestor_at(RegionLevel::County).unwrap_or_else(|| ctx.region().clone());
    let towns: Vec<(String, String)> = state.store.region_children(&county).await?.into_iter().map(|r| (r.code, r.name)).collect();
    let mut tx = state.store.begin().await?;
    let ids = state.store.plan_add_lines(&mut tx, id, &table.lines, &towns, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.line.create", "plan_line", ids.first().copied().unwrap_or(0), ctx.region().as_str(), format!("{}: {}", p.name, table.lines[0].task))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(plan_view(&state, id).await?)).into_response())
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::MatrixUnit)]
#[derive(Serialize)]
pub struct MatrixUnit {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::MatrixTask)]
#[derive(Serialize)]
pub struct MatrixTask {
    pub id: i64,
    pub system: String,
    pub group: String,
    pub name: String,
    pub due_year: i64,
}

#[derive(utoipa::ToSchema)]
#[schema(as = plan::MatrixCell)]
#[derive(Serialize)]
pub struct MatrixCell {
    pub task_id: i64,
    pub unit_id: i64,
    /// lead | related (lead wins when a unit is both on different lines of a task)
    pub role: String,
}

/// 责任矩阵 the units, the tasks (each by its first line's id) and who leads or is related where.
#[derive(utoipa::ToSchema)]
#[schema(as = plan::MatrixView)]
#[derive(Serialize)]
pub struct MatrixView {
    pub units: Vec<MatrixUnit>,
    pub tasks: Vec<MatrixTask>,
    pub cells: Vec<MatrixCell>,
}

/// 责任矩阵 units × tasks: who leads and who is related, units ordered by the tasks they lead.
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}/matrix", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = MatrixView, description = "the matrix"), (status = 404)))]
pub async fn matrix(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<MatrixView>> {
    ctx.require(Permission::PlanRead)?;
    state.store.plan_plan(id).await?;
    let lines = state.store.plan_lines(id).await?;
    let kinds: BTreeMap<i64, String> = state.store.plan_units().await?.into_iter().map(|u| (u.id, u.kind)).collect();
    let mut tasks: Vec<MatrixTask> = Vec::new();
    // (task id, unit id) → role
    let mut cells: BTreeMap<(i64, i64), String> = BTreeMap::new();
    let mut names: BTreeMap<i64, String> = BTreeMap::new();
    for l in &lines {
        let task_id = match tasks.iter().find(|t| t.system == l.system && t.group == l.group && t.name == l.task) {
            Some(t) => t.id,
            None => {
                tasks.push(MatrixTask { id: l.id, system: l.system.clone(), group: l.group.clone(), name: l.task.clone(), due_year: l.due_year });
                l.id
            }
        };
        for (uid, name, role) in &l.units {
            names.insert(*uid, name.clone());
            let cell = cells.entry((task_id, *uid)).or_insert_with(|| role.clone());
            if role == "lead" {
                *cell = "lead".into();
            }
        }
    }
    let leads = |u: i64| cells.iter().filter(|((_, x), r)| *x == u && r.as_str() == "lead").count();
    let mut units: Vec<MatrixUnit> = names.into_iter().map(|(id, name)| MatrixUnit { kind: kinds.get(&id).cloned().unwrap_or_default(), id, name }).collect();
    units.sort_by(|a, b| leads(b.id).cmp(&leads(a.id)).then(a.name.cmp(&b.name)));
    Ok(Json(MatrixView { units, tasks, cells: cells.into_iter().map(|((task_id, unit_id), role)| MatrixCell { task_id, unit_id, role }).collect() }))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct UnitView {
    #[serde(flatten)]
    pub u: UnitRecord,
    pub kind_zh: &'static str,
    /// the accounts listed as acting for the unit
    pub members: Vec<String>,
}

/// 责任单位 the responsible units with the lines they lead and are related to.
#[utoipa::path(get, path = "/api/v1/plan/units", tag = "plan", responses((status = 200, body = Vec<UnitView>, description = "the units")))]
pub async fn units(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<UnitView>>> {
    ctx.require(Permission::PlanRead)?;
    let members = state.store.plan_unit_members().await?;
    Ok(Json(
        state
            .store
            .plan_units()
            .await?
            .into_iter()
            .map(|u| {
                let kind_zh = match u.kind.as_str() {
                    "department" => "区直部门",
                    "town" => "镇（街）",
                    "all_towns" => "各镇（街）",
                    _ => "其他单位",
                };
                let members = members.iter().filter(|m| m.0 == u.id).map(|m| m.1.clone()).collect();
                UnitView { u, kind_zh, members }
            })
            .collect(),
    ))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct TargetBody {
    pub year: Option<i64>,
    pub subject: Option<String>,
    /// the quantity in hundredths (250 → 25000)
    pub hundredths: Option<i64>,
    pub unit: Option<String>,
    /// money: the amount in fen
    pub fen: Option<i64>,
    /// 每X: the unit a rate is per
    pub per: Option<String>,
    pub version: Option<i64>,
}

fn target_fields(b: &TargetBody) -> ApiResult<TargetFields> {
    let year = b.year.filter(|y| (2000..=2100).contains(y)).ok_or_else(|| ApiError::invalid("year", "请填写年度（如2015）", "year must be like 2015"))?;
    let unit = b.unit.as_deref().map(str::trim).filter(|u| !u.is_empty() && u.chars().count() <= 10).ok_or_else(|| ApiError::invalid("unit", "请填写计量单位（如 张、间、个、元）", "unit is required (at most 10 characters)"))?;
    let hundredths = b.hundredths.filter(|h| (0..=1_000_000_000_000).contains(h)).ok_or_else(|| ApiError::invalid("hundredths", "请填写数量（不能为负）", "hundredths must be 0 or more"))?;
    let fen = if unit == "元" { Some(b.fen.unwrap_or(hundredths)) } else { b.fen };
    // a money target is an amount an officer types: not negative, at most 1亿元
    let fen = fen.map(|f| AmountBound::non_negative(AmountBound::ABSURD).check("fen", "目标金额", Some(f)).map(|f| f.0)).transpose()?;
    let subject = b.subject.as_deref().map(str::trim).unwrap_or("").to_owned();
    if subject.chars().count() > 40 {
        return Err(ApiError::invalid("subject", "指标名称不能超过40个字", "subject is longer than 40 characters"));
    }
    let per = b.per.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
    Ok(TargetFields { year, subject, hundredths, unit: unit.to_owned(), fen, per })
}

/// 新增指标 add a target to a line.
#[utoipa::path(post, path = "/api/v1/plan/lines/{id}/targets", tag = "plan", request_body = TargetBody, params(("id" = i64, Path)), responses((status = 201, body = TargetRecord, description = "the target"), (status = 404), (status = 422)))]
pub async fn add_target(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<TargetBody>) -> ApiResult<Response> {
    ctx.require(Permission::PlanManage)?;
    if !state.store.plan_line_exists(id).await? {
        return Err(ApiError::NotFound);
    }
    let f = target_fields(&b)?;
    let mut tx = state.store.begin().await?;
    let tid = state.store.plan_insert_target(&mut tx, id, &f, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.target.create", "plan_target", tid, ctx.region().as_str(), format!("line {id}: {} {}{}", f.year, f.hundredths, f.unit))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.plan_target(tid).await?)).into_response())
}

/// 修改指标 edit a target (version-checked).
#[utoipa::path(put, path = "/api/v1/plan/targets/{id}", tag = "plan", request_body = TargetBody, params(("id" = i64, Path)), responses((status = 200, body = TargetRecord, description = "the target"), (status = 404), (status = 409), (status = 422)))]
pub async fn update_target(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<TargetBody>) -> ApiResult<Json<TargetRecord>> {
    ctx.require(Permission::PlanManage)?;
    let before = state.store.plan_target(id).await?;
    let f = target_fields(&b)?;
    let version = b.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号", "version is required"))?;
    let mut tx = state.store.begin().await?;
    state.store.plan_update_target(&mut tx, id, version, &f, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.target.update", "plan_target", id, ctx.region().as_str(), format!("{}{} → {}{}", before.hundredths, before.unit, f.hundredths, f.unit))).await?;
    tx.commit().await?;
    Ok(Json(state.store.plan_target(id).await?))
}

/// 删除指标 remove a target.
#[utoipa::path(delete, path = "/api/v1/plan/targets/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 204), (status = 404)))]
pub async fn delete_target(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    ctx.require(Permission::PlanManage)?;
    let t = state.store.plan_target(id).await?;
    let mut tx = state.store.begin().await?;
    state.store.plan_delete_target(&mut tx, id).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.target.delete", "plan_target", id, ctx.region().as_str(), format!("line {}: {}{}", t.line_id, t.hundredths, t.unit))).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
