//! 老年人名册 the elderly register and allowances through the shared enrolment and payroll, and
//! 事找人 the daily search for persons newly eligible (its runs and the officers' tasks).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Datelike, NaiveDate};
use minzheng_core::FieldError;
use minzheng_core::access::Permission;
use minzheng_core::assistance::means::{Assessment, HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::PolicySet;
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::elderly::allowance::{AllowanceFacts, ChildStatus, Placement};
use minzheng_core::elderly::assessment::Level;
use minzheng_core::elderly::assessment::living::Living;
use minzheng_core::elderly::outreach::{AgeBand, AssistanceFilter, DisabilityFilter, LevelFilter, Rule, ServiceFilter, TaskStatus};
use minzheng_core::mask::{age_in_year, mask_id_number, mask_name, mask_phone};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::assistance::cases::NewCase;
use minzheng_store::elderly::outreach::{ElderRecord, OutreachRun, RegionCount, RegisterFilter, TaskFilter, TaskRecord};
use minzheng_store::page::Paging;
use minzheng_store::Scope;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::assistance::facts::{MemberInput, member_facts};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;
use crate::registry::{download, wants_unmasked};
use crate::tabular::XlsxExport;

#[derive(OpenApi)]
#[openapi(paths(register, register_export, register_map, start_run, runs, run, tasks, task, enrol_task, dismiss_task, done_task, allowance_assess, allowance_enrol),
    // vocabularies only the query filters name: the fragment registers them itself
    components(schemas(AssistanceFilter, DisabilityFilter, LevelFilter, ServiceFilter))
)]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/elderly/register", get(register))
        .route("/elderly/register.xlsx", get(register_export))
        .route("/elderly/register/map", get(register_map))
        .route("/elderly/outreach/runs", get(runs).post(start_run))
        .route("/elderly/outreach/runs/{id}", get(run))
        .route("/elderly/outreach/tasks", get(tasks))
        .route("/elderly/outreach/tasks/{id}", get(task))
        .route("/elderly/outreach/tasks/{id}/enrol", post(enrol_task))
        .route("/elderly/outreach/tasks/{id}/dismiss", post(dismiss_task))
        .route("/elderly/outreach/tasks/{id}/done", post(done_task))
        .route("/elderly/allowances/assess", post(allowance_assess))
        .route("/elderly/allowances", post(allowance_enrol))
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- the register ----

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    /// 60-69 | 70-79 | 80-89 | 90-99 | 100+
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub age_band: Option<AgeBand>,
    /// alone | empty_nest | left_behind | with_family
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub living: Option<Living>,
    /// dibao | tekun | low_income | old_age | none
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub assistance: Option<AssistanceFilter>,
    /// any | severe | none
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub disability: Option<DisabilityFilter>,
    /// intact | mild | moderate | severe | total | none
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub level: Option<LevelFilter>,
    /// home_care | emergency_device | canteen | institution | none
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub service: Option<ServiceFilter>,
    pub hukou_local: Option<bool>,
    pub unmask: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// The register's filter. For a `masked` reader the age band is counted by calendar year (as its
/// answer shows it), so the filter's yes/no says nothing the birth year does not.
fn register_filter(q: &RegisterQuery, masked: bool) -> RegisterFilter {
    let code = |v: Option<&'static str>| v.map(str::to_owned);
    let (age_band, born_in) = match q.age_band {
        Some(band) if masked => {
            let year = chrono::Datelike::year(&minzheng_store::today());
            let (youngest, oldest) = band.ages();
            let oldest = i32::try_from(oldest).unwrap_or(i32::MAX).min(year);
            (None, Some((year - oldest, year - i32::try_from(youngest).unwrap_or(0))))
        }
        band => (code(band.map(AgeBand::as_str)), None),
    };
    RegisterFilter {
        age_band,
        born_in,
        living: code(q.living.map(Living::as_str)),
        assistance: code(q.assistance.map(AssistanceFilter::as_str)),
        disability: code(q.disability.map(DisabilityFilter::as_str)),
        level: code(q.level.map(LevelFilter::as_str)),
        service: code(q.service.map(ServiceFilter::as_str)),
        hukou_local: q.hukou_local,
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ElderView {
    #[serde(flatten)]
    pub elder: ElderRecord,
    pub birth_year: Option<i32>,
    /// 周岁 when unmasked; counted by calendar year (and the band with it) when masked
    pub age: u32,
    pub age_band_zh: &'static str,
    pub masked: bool,
}

fn elder_view(mut e: ElderRecord, unmasked: bool, today: NaiveDate) -> ElderView {
    let year = e.birth_date.map(|b| b.year());
    let age = if unmasked {
        e.birth_date.map_or(0, |b| minzheng_core::date::age_on(b, today))
    } else {
        e.name = mask_name(&e.name);
        e.id_number = e.id_number.as_deref().map(mask_id_number);
        // the stored band is counted to the day at the refresh: beside the year it would tell
        // whether the birthday has passed, so the masked answer counts both by year
        e.birth_date = None;
        let age = year.map_or(0, |y| age_in_year(y, today));
        if let Some(band) = AgeBand::of_age(age) {
            e.age_band = band;
        }
        age
    };
    ElderView { age_band_zh: e.age_band.zh(), birth_year: year, age, masked: !unmasked, elder: e }
}

/// 老年人名册 residents aged 60+ in the account's region, with their situation and services
/// (as of the last refresh by the daily search, `refreshed_at`).
#[utoipa::path(get, path = "/api/v1/elderly/register", tag = "elderly", params(RegisterQuery), responses((status = 200, body = PageOf<ElderView>, description = "a page of elders")))]
pub async fn register(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RegisterQuery>) -> ApiResult<Json<PageOf<ElderView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = register_filter(&q, !unmasked);
    let page = state.store.list_register(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    if unmasked && !page.items.is_empty() {
        let mut tx = state.store.begin().await?;
        let ids: Vec<String> = page.items.iter().map(|e| e.person_id.to_string()).collect();
        state.store.audit(&mut tx, &ctx.entry("elderly.register.unmask", "person", ids.join(","), granted.scope().root().map_or("", |r| r.as_str()), format!("{} rows", ids.len()))).await?;
        tx.commit().await?;
    }
    let today = minzheng_store::today();
    let items = page.map(|e| elder_view(e, unmasked, today));
    Ok(Json(PageOf::from(items)))
}

/// 老年人名册导出 the register with the same filters as .xlsx (masked unless unmasked; audited).
#[utoipa::path(get, path = "/api/v1/elderly/register.xlsx", tag = "elderly", params(RegisterQuery), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes, description = "the workbook")))]
pub async fn register_export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RegisterQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    ctx.require(Permission::PersonExport)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = register_filter(&q, !unmasked);
    let scope = granted.within(q.region_code.as_ref())?;
    let today = minzheng_store::today();
    let (birth_header, age_header) = if unmasked { ("出生日期", "年龄") } else { ("出生年份", "年龄（按年份）") };
    let headers = ["区划代码", "村（居）", "姓名", "身份证号", "性别", birth_header, age_header, "年龄段", "户籍", "居住状况", "低保", "特困", "低收入", "高龄津贴", "残疾等级", "能力评估", "评估日期", "居家养老", "平安钟", "长者食堂", "入住机构", "更新时间"];
    let mut xlsx = XlsxExport::new("老年人名册", &headers).map_err(|e| ApiError::Internal(e.to_string()))?;
    let yes = |b: bool| if b { "是".to_owned() } else { String::new() };
    let mut after = (String::new(), 0i64);
    loop {
        let rows = state.store.register_rows_after(&scope, &filter, after.clone(), 2000).await?;
        let Some(last) = rows.last() else { break };
        after = (last.region_code.to_string(), last.person_id);
        for e in rows {
            let v = elder_view(e, unmasked, today);
            let e = &v.elder;
            let cells = vec![
                e.region_code.to_string(),
                e.region_name.clone().unwrap_or_default(),
                e.name.clone(),
                e.id_number.clone().unwrap_or_default(),
                minzheng_core::registry::person::Gender::parse(&e.gender).map_or(e.gender.clone(), |g| g.zh().to_owned()),
                if unmasked { e.birth_date.map(|d| d.to_string()).unwrap_or_default() } else { v.birth_year.map(|y| y.to_string()).unwrap_or_default() },
                v.age.to_string(),
                v.age_band_zh.to_owned(),
                if e.hukou_local { "本地".into() } else { "外地".into() },
                e.living.zh().to_owned(),
                yes(e.dibao),
                yes(e.tekun),
                yes(e.low_income),
                yes(e.old_age),
                e.disability_grade.map(|g| format!("{g}级")).unwrap_or_default(),
                e.level.map_or("", Level::zh).to_owned(),
                e.assessed_on.map(|d| d.to_string()).unwrap_or_default(),
                yes(e.home_care),
                yes(e.emergency_device),
                yes(e.canteen),
                yes(e.institution),
                e.refreshed_at.clone(),
            ];
            xlsx.push_row(&cells).map_err(|e| ApiError::Internal(e.to_string()))?;
        }
    }
    let n = xlsx.rows_written();
    let bytes = xlsx.finish().map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut tx = state.store.begin().await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.register.export", "elder_register", n, granted.scope().root().map_or("", |r| r.as_str()), format!("{n} rows, unmasked={unmasked}"))).await?;
    tx.commit().await?;
    Ok(download(bytes, &format!("老年人名册{today}.xlsx"), XLSX_MIME))
}

/// 名册地图 counts per town of the district (or per village of a town) for the map.
#[utoipa::path(get, path = "/api/v1/elderly/register/map", tag = "elderly", params(RegisterQuery), responses((status = 200, body = Vec<RegionCount>, description = "counts per child region")))]
pub async fn register_map(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RegisterQuery>) -> ApiResult<Json<Vec<RegionCount>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    // counts, not records: the stored band, as the statistics count it
    let filter = register_filter(&q, false);
    // the parent: the given region, else the account's own (the district for the district)
    let scope = granted.within(q.region_code.as_ref())?;
    let parent = scope.root().cloned().ok_or_else(|| ApiError::invalid("region_code", "请选择区划", "region_code is required"))?;
    Ok(Json(state.store.register_counts(&scope, &parent, &filter).await?))
}

// ---- 事找人 runs ----

/// 运行事找人 start a search now (202; poll the run for its progress). The server also runs it
/// once a day.
#[utoipa::path(post, path = "/api/v1/elderly/outreach/runs", tag = "elderly", responses((status = 202, body = OutreachRun, description = "the run, started"), (status = 409, description = "a run is going")))]
pub async fn start_run(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::OutreachRun)?;
    let today = minzheng_store::today();
    let run = state.store.create_outreach_run(today, "manual", ctx.actor()).await?;
    let mut tx = state.store.begin().await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.outreach.run", "outreach_run", run.id, granted.scope().root().map_or("", |r| r.as_str()), "manual")).await?;
    tx.commit().await?;
    state.jobs.enqueue(&minzheng_app::elderly::outreach::job(&run, granted.scope().root().map_or("", |r| r.as_str()), today)).await?;
    Ok((StatusCode::ACCEPTED, Json(run)).into_response())
}

/// 事找人运行记录 the latest runs.
#[utoipa::path(get, path = "/api/v1/elderly/outreach/runs", tag = "elderly", responses((status = 200, body = Vec<OutreachRun>, description = "the last 30 runs")))]
pub async fn runs(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<OutreachRun>>> {
    ctx.require(Permission::ElderlyRead)?;
    Ok(Json(state.store.outreach_runs(30).await?))
}

/// One run with its progress.
#[utoipa::path(get, path = "/api/v1/elderly/outreach/runs/{id}", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = OutreachRun, description = "the run"), (status = 404)))]
pub async fn run(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<OutreachRun>> {
    ctx.require(Permission::ElderlyRead)?;
    Ok(Json(state.store.outreach_run(id).await?))
}

// ---- 事找人 tasks ----

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// open | enrolled | done | dismissed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub rule: Option<Rule>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub unmask: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = elderly::outreach::TaskView)]
#[derive(Serialize)]
pub struct TaskView {
    #[serde(flatten)]
    pub task: TaskRecord,
    pub rule_zh: &'static str,
    pub rule_en: &'static str,
    pub programme_zh: Option<&'static str>,
    pub reason_zh: String,
    pub reason_en: String,
    pub birth_year: Option<i32>,
    /// 周岁 when unmasked; counted by calendar year when masked
    pub age: u32,
    pub masked: bool,
}

fn task_view(mut t: TaskRecord, unmasked: bool, today: NaiveDate) -> TaskView {
    let rule = t.rule;
    let birth = t.birth_date.unwrap_or_default();
    let found = t.found_on.unwrap_or(today);
    let year = t.birth_date.map(|b| b.year());
    let mut age = minzheng_core::date::age_on(birth, today);
    if !unmasked {
        t.name = mask_name(&t.name);
        t.id_number = t.id_number.as_deref().map(mask_id_number);
        t.phone = t.phone.as_deref().map(mask_phone);
        t.birth_date = None;
        age = year.map_or(0, |y| age_in_year(y, today));
        if rule.is_birthday() {
            // a birthday task is found the day the person reaches the age: its date (and its
            // run's) is the birthday
            t.found_on = None;
            t.run_id = 0;
        }
    }
    let (reason_zh, reason_en) = if unmasked { rule.reason(&t.name, birth, found) } else { rule.masked_reason(&t.name, year.unwrap_or(0), found) };
    TaskView {
        rule_zh: rule.zh(),
        rule_en: rule.en(),
        programme_zh: t.programme.map(Programme::zh),
        reason_zh,
        reason_en,
        birth_year: year,
        age,
        masked: !unmasked,
        task: t,
    }
}

/// 事找人任务 the tasks of the account's region (open first by default: the officer's list).
#[utoipa::path(get, path = "/api/v1/elderly/outreach/tasks", tag = "elderly", params(TaskQuery), responses((status = 200, body = PageOf<TaskView>, description = "a page of tasks")))]
pub async fn tasks(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<TaskQuery>) -> ApiResult<Json<PageOf<TaskView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let filter = TaskFilter { status: q.status.map(|s| s.as_str().to_owned()), rule: q.rule.map(|r| r.as_str().to_owned()) };
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let page = state.store.list_outreach_tasks(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    if unmasked && !page.items.is_empty() {
        let mut tx = state.store.begin().await?;
        let ids: Vec<String> = page.items.iter().map(|t| t.person_id.to_string()).collect();
        state.store.audit(&mut tx, &ctx.entry("elderly.outreach.unmask", "person", ids.join(","), granted.scope().root().map_or("", |r| r.as_str()), format!("{} rows", ids.len()))).await?;
        tx.commit().await?;
    }
    let today = minzheng_store::today();
    let items = page.map(|t| task_view(t, unmasked, today));
    Ok(Json(PageOf::from(items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct TaskDetail {
    #[serde(flatten)]
    pub task: TaskView,
    /// for an allowance task: what enrolling from this month would pay, with its explanation
    pub preview: Option<Assessment>,
    /// open tasks per town and rule in the account's region
    pub counts: Vec<(String, String, i64)>,
}

/// One task, with the allowance's means test previewed for this month.
#[utoipa::path(get, path = "/api/v1/elderly/outreach/tasks/{id}", tag = "elderly", params(("id" = i64, Path), ("unmask" = Option<bool>, Query)), responses((status = 200, body = TaskDetail, description = "the task"), (status = 404)))]
pub async fn task(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<TaskDetail>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let t = state.store.outreach_task(granted.scope(), id).await?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    if unmasked {
        let mut tx = state.store.begin().await?;
        state.store.audit(&mut tx, &ctx.entry("elderly.outreach.unmask", "person", t.person_id, t.region_code.as_str(), format!("task {id}"))).await?;
        tx.commit().await?;
    }
    let today = minzheng_store::today();
    // the preview's explanation names the birth date (and the allowance's first month follows
    // the birthday): only an unmasked answer carries it
    let preview = match t.programme {
        Some(p) if t.status == TaskStatus::Open && unmasked => {
            let policy = state.store.policy().await?;
            let input = AllowanceInput { person_id: Some(t.person_id), programme: Some(p), ..Default::default() };
            match allowance_facts(&state, granted.scope(), &input, p).await {
                Ok(prepared) => Some(assess(p, &prepared.region, &prepared.facts, &Request::default(), &policy, YearMonth::of(today))),
                Err(_) => None,
            }
        }
        _ => None,
    };
    let counts = state.store.outreach_counts(granted.scope()).await?;
    Ok(Json(TaskDetail { task: task_view(t, unmasked, today), preview, counts }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    pub unmask: Option<bool>,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default, Clone)]
pub struct AllowanceInput {
    pub person_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    /// YYYY-MM; this month when absent
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub start_month: Option<YearMonth>,
    #[serde(default)]
    pub bank_name: String,
    #[serde(default)]
    pub bank_account: String,
    /// orphans: concentrated | dispersed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub placement: Option<Placement>,
    /// orphan | unattended (recognised by the officer); an orphan in the registry counts as one
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub child_status: Option<ChildStatus>,
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

struct Prepared {
    region: RegionCode,
    household_id: i64,
    name: String,
    facts: HouseholdFacts,
}

/// The one-person facts of an allowance, from the registry (and the officer's recognition of a
/// child's status and placement).
async fn allowance_facts(state: &AppState, scope: &Scope, input: &AllowanceInput, programme: Programme) -> ApiResult<Prepared> {
    let pid = input.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择人员", "person_id is required"))?;
    let p = match state.store.person(scope, pid).await {
        Ok(p) => p,
        Err(minzheng_store::StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let household_id = p.household_id.ok_or_else(|| ApiError::invalid("person_id", format!("{}未登记在任何家庭户中，请先在人口信息中登记家庭户", p.name), "the person belongs to no household; register one first"))?;
    let household = state.store.household(scope, household_id).await?;
    let mut member = member_facts(&p, &household, &MemberInput { person_id: Some(pid), ..Default::default() })?;
    // the allowance's applicant is the person himself
    member.relation = minzheng_core::registry::person::Relation::Head;
    let dibao_household = state.store.household_has_active(household_id, "dibao").await?;
    let child_status = match input.child_status {
        Some(c) => Some(c),
        None if p.orphan => Some(ChildStatus::Orphan),
        None if programme == Programme::UnattendedChild => Some(ChildStatus::Unattended),
        None => None,
    };
    let placement = input.placement;
    let region = RegionCode::parse(&p.region_code).map_err(|e| ApiError::Internal(e.message_en))?;
    Ok(Prepared {
        region,
        household_id,
        name: p.name.clone(),
        facts: HouseholdFacts { members: vec![member], allowance: AllowanceFacts { dibao_household, child_status, placement }, ..Default::default() },
    })
}

fn allowance_programme(v: Option<Programme>) -> ApiResult<Programme> {
    let v = v.ok_or_else(|| ApiError::invalid("programme", "请选择津补贴项目", "programme is required"))?;
    if v.is_allowance() {
        return Ok(v);
    }
    Err(ApiError::invalid(
        "programme",
        format!("“{v}”不是津补贴项目（old_age、disability_living、disability_care、orphan、unattended_child）"),
        format!("\"{v}\" is not an allowance (old_age, disability_living, disability_care, orphan, unattended_child)"),
    ))
}

fn start_month(v: Option<YearMonth>, today: NaiveDate) -> ApiResult<YearMonth> {
    match v {
        None => Ok(YearMonth::of(today)),
        Some(m) => {
            // an allowance may start back to the month it became due, not in the future
            if m > YearMonth::of(today) {
                return Err(ApiError::invalid("start_month", "起始月份不能晚于本月", "start_month cannot be after this month"));
            }
            if m.months_until(YearMonth::of(today)) > 12 {
                return Err(ApiError::invalid("start_month", "起始月份不能早于12个月前", "start_month cannot be more than 12 months ago"));
            }
            Ok(m)
        }
    }
}

/// Enrols the person in the allowance through the shared enrolment (cases, amount schedule,
/// payroll); returns the case id.
async fn enrol_allowance(state: &AppState, ctx: &Ctx, scope: &Scope, tx: &mut minzheng_store::Tx, input: &AllowanceInput, programme: Programme, policy: &PolicySet) -> ApiResult<(i64, Prepared, Assessment)> {
    let today = minzheng_store::today();
    let month = start_month(input.start_month, today)?;
    let prepared = allowance_facts(state, scope, input, programme).await?;
    let mut errors = Vec::new();
    if input.bank_name.trim().is_empty() {
        errors.push(FieldError::new("bank_name", "请填写开户银行", "bank_name is required"));
    }
    let account = input.bank_account.trim();
    if account.len() < 8 || account.len() > 32 || !account.chars().all(|c| c.is_ascii_digit()) {
        errors.push(FieldError::new("bank_account", "银行账号应为8至32位数字", "bank_account must be 8 to 32 digits"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let a = assess(programme, &prepared.region, &prepared.facts, &Request::default(), policy, month);
    if !a.eligible {
        let why = a.reasons.iter().map(|r| r.zh.clone()).collect::<Vec<_>>().join("；");
        let why_en = a.reasons.iter().map(|r| r.en.clone()).collect::<Vec<_>>().join("; ");
        return Err(ApiError::invalid("programme", format!("不符合{}条件：{why}", programme.zh()), format!("not eligible for {}: {why_en}", programme.en().to_lowercase())));
    }
    let next_review_on = today.checked_add_months(chrono::Months::new(12)).unwrap_or(today);
    let case_id = state
        .store
        .enrol(tx, &NewCase {
            region_code: prepared.region.clone(),
            programme,
            household_id: prepared.household_id,
            application_id: None,
            head_name: prepared.name.clone(),
            start_month: month,
            facts: prepared.facts.clone(),
            request: Request::default(),
            bank_name: input.bank_name.trim().to_owned(),
            bank_account: account.to_owned(),
            review_cycle_months: 12,
            next_review_on,
            actor: ctx.actor().to_owned(),
        }, policy)
        .await?;
    state.store.refresh_register_person(tx, prepared.region.as_str(), today).await?;
    Ok((case_id, prepared, a))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EnrolResult {
    pub case_id: i64,
    pub programme: String,
    pub start_month: String,
    pub monthly: i64,
    pub assessment: Assessment,
}

/// 纳入津补贴 enrol the task's person in its allowance (the officer confirms the facts and the bank
/// account); the task is closed as enrolled with the case.
#[utoipa::path(post, path = "/api/v1/elderly/outreach/tasks/{id}/enrol", tag = "elderly", request_body = AllowanceInput, params(("id" = i64, Path)), responses((status = 201, body = EnrolResult, description = "the case"), (status = 409), (status = 422)))]
pub async fn enrol_task(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<AllowanceInput>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::OutreachHandle)?;
    ctx.require(Permission::AllowanceEnrol)?;
    let t = state.store.outreach_task(granted.scope(), id).await?;
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let programme = match body.programme {
        Some(p) => allowance_programme(Some(p))?,
        None => t.programme.ok_or_else(|| ApiError::invalid("programme", "该任务不是津补贴任务，请在安装平安钟后标记完成", "this task is not an allowance; mark it done once the device is installed"))?,
    };
    let policy = state.store.policy().await?;
    let input = AllowanceInput { person_id: Some(t.person_id), programme: Some(programme), ..body.clone() };
    let mut tx = state.store.begin().await?;
    let (case_id, _, a) = enrol_allowance(&state, &ctx, granted.scope(), &mut tx, &input, programme, &policy).await?;
    let note = if body.note.trim().is_empty() { format!("已纳入{}（案件 {case_id}）", programme.zh()) } else { body.note.trim().to_owned() };
    state.store.close_outreach_task(&mut tx, granted.scope(), id, version, "enrolled", &note, Some(case_id), ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.outreach.enrol", "outreach_task", id, t.region_code.as_str(), format!("{} case {case_id} {}", programme, a.monthly.0))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(EnrolResult { case_id, programme: programme.as_str().into(), start_month: a.month.to_string(), monthly: a.monthly.0, assessment: a })).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct CloseBody {
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

async fn close(state: &AppState, ctx: &Ctx, id: i64, body: &CloseBody, status: &str) -> ApiResult<Json<TaskView>> {
    let granted = ctx.grant(Permission::OutreachHandle)?;
    let t = state.store.outreach_task(granted.scope(), id).await?;
    let note = body.note.trim();
    if note.chars().count() < 4 {
        return Err(ApiError::invalid("note", "请填写处理说明（至少4个字）", "a note of at least 4 characters is required"));
    }
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let mut stopped: Vec<i64> = Vec::new();
    if status == "done" && t.status == TaskStatus::Open {
        match t.rule {
            Rule::Dibao90NoDevice => {
                if !state.store.has_active_device(t.person_id).await? {
                    return Err(ApiError::invalid("device", "该老人尚未登记在用的平安钟设备，请先在平安钟设备中登记", "no active emergency-call device is registered for this person; register it first"));
                }
            }
            Rule::DeceasedPaid => stopped = state.store.active_allowance_cases(t.person_id).await?,
            _ => return Err(ApiError::invalid("status", "津补贴任务请办理纳入或不予纳入", "an allowance task is enrolled or dismissed")),
        }
    }
    let mut tx = state.store.begin().await?;
    if !stopped.is_empty() {
        // the registry's death, recorded on each allowance case: paid up to the month of death
        let person = state.store.person(granted.scope(), t.person_id).await?;
        let death = person.death_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).ok_or_else(|| {
            ApiError::invalid("death_date", "户籍信息中没有死亡日期，请先补录死亡日期", "the registry has no date of death; record it first")
        })?;
        let policy = state.store.policy().await?;
        for case_id in &stopped {
            state.store.record_death(&mut tx, granted.scope(), *case_id, t.person_id, death, &policy, ctx.actor()).await?;
        }
    }
    state.store.close_outreach_task(&mut tx, granted.scope(), id, version, status, note, None, ctx.actor()).await?;
    let detail = if stopped.is_empty() { note.to_owned() } else { format!("{note}（停发案件 {stopped:?}）") };
    state.store.audit(&mut tx, &ctx.entry(&format!("elderly.outreach.{status}"), "outreach_task", id, t.region_code.as_str(), detail)).await?;
    tx.commit().await?;
    Ok(Json(task_view(state.store.outreach_task(granted.scope(), id).await?, false, minzheng_store::today())))
}

/// 不予纳入 dismiss the task with the reason (not raised again for this rule).
#[utoipa::path(post, path = "/api/v1/elderly/outreach/tasks/{id}/dismiss", tag = "elderly", request_body = CloseBody, params(("id" = i64, Path)), responses((status = 200, body = TaskView, description = "the task"), (status = 409), (status = 422)))]
pub async fn dismiss_task(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<CloseBody>) -> ApiResult<Json<TaskView>> {
    close(&state, &ctx, id, &body, "dismissed").await
}

/// 已办结 a device task, once the 平安钟 device is registered for the person; a `deceased_paid` task
/// records the registry's death on the person's allowance cases (paid up to the month of death).
#[utoipa::path(post, path = "/api/v1/elderly/outreach/tasks/{id}/done", tag = "elderly", request_body = CloseBody, params(("id" = i64, Path)), responses((status = 200, body = TaskView, description = "the task"), (status = 409), (status = 422)))]
pub async fn done_task(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<CloseBody>) -> ApiResult<Json<TaskView>> {
    close(&state, &ctx, id, &body, "done").await
}

// ---- allowances without a task ----

/// 津补贴测算 what an allowance would pay the person from a month, with its explanation.
#[utoipa::path(post, path = "/api/v1/elderly/allowances/assess", tag = "elderly", request_body = AllowanceInput, responses((status = 200, body = Assessment, description = "the assessment"), (status = 422)))]
pub async fn allowance_assess(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<AllowanceInput>) -> ApiResult<Json<Assessment>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let programme = allowance_programme(body.programme)?;
    let month = start_month(body.start_month, minzheng_store::today())?;
    let prepared = allowance_facts(&state, granted.scope(), &body, programme).await?;
    let policy = state.store.policy().await?;
    Ok(Json(assess(programme, &prepared.region, &prepared.facts, &Request::default(), &policy, month)))
}

/// 津补贴认定 enrol a person in an allowance directly (paid monthly through the payroll).
#[utoipa::path(post, path = "/api/v1/elderly/allowances", tag = "elderly", request_body = AllowanceInput, responses((status = 201, body = EnrolResult, description = "the case"), (status = 409), (status = 422)))]
pub async fn allowance_enrol(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<AllowanceInput>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AllowanceEnrol)?;
    let programme = allowance_programme(body.programme)?;
    let policy = state.store.policy().await?;
    let mut tx = state.store.begin().await?;
    let (case_id, prepared, a) = enrol_allowance(&state, &ctx, granted.scope(), &mut tx, &body, programme, &policy).await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.allowance.enrol", "case", case_id, prepared.region.as_str(), format!("{} {}", programme, a.monthly.0))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(EnrolResult { case_id, programme: programme.as_str().into(), start_month: a.month.to_string(), monthly: a.monthly.0, assessment: a })).into_response())
}
