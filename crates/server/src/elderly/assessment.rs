//! 老年人能力评估 capability assessment (GB/T 42195-2022), the elder profile (living situation) and
//! visits to empty-nest and left-behind elderly and children (探访).
//!
//! Town officers and assessors assess (`elderly.assess`); village workers record visits
//! (`visit.record`); everyone with `elderly.read` reads, inside the account's region. Names in
//! answers are masked.
use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use chrono::{Days, NaiveDate};
use minzheng_core::FieldError;
use minzheng_core::access::Permission;
use minzheng_core::date::age_on;
use minzheng_core::elderly::assessment::living::{self, Living, Member};
use minzheng_core::elderly::assessment::visits::{self, PlanDue, VisitCategory};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::elderly::assessment::{self as core, Adjustments, Answers, FULL_SCORE, Indicator, Level, Reason};
use minzheng_core::mask::mask_name;
use minzheng_store::Scope;
use minzheng_store::elderly::assessment::{AssessmentFilter, AssessmentRecord, NewAssessment, NewVisit, NewVisitPlan, VisitPlanFilter, VisitPlanRecord, VisitRecord};
use minzheng_store::page::Paging;
use minzheng_store::registry::persons::PersonRecord;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(OpenApi)]
#[openapi(paths(form, create, of_person, detail, list, due, profile, put_profile, plans_of, create_plan, plans, plan, record_visit),
    // a vocabulary only a query filter names: the fragment registers it itself
    components(schemas(PlanDue))
)]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/elderly/assessment/form", get(form))
        .route("/elderly/assessments", get(list))
        .route("/elderly/assessments/due", get(due))
        .route("/elderly/assessments/{id}", get(detail))
        .route("/elderly/persons/{id}/assessments", get(of_person).post(create))
        .route("/elderly/persons/{id}/profile", get(profile).put(put_profile))
        .route("/elderly/persons/{id}/visit-plans", get(plans_of).post(create_plan))
        .route("/elderly/visit-plans", get(plans))
        .route("/elderly/visit-plans/{id}", get(plan))
        .route("/elderly/visit-plans/{id}/visits", post(record_visit))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The age these answers (always masked) show: counted by calendar year from the birth year, and
/// the date itself left out (docs/api.md, Masking).
fn masked_age(birth_date: &mut Option<NaiveDate>, on: NaiveDate) -> (Option<i32>, Option<u32>) {
    let year = birth_date.take().map(|b| chrono::Datelike::year(&b));
    (year, year.map(|y| minzheng_core::mask::age_in_year(y, on)))
}

fn age_of(birth_date: Option<&str>, on: NaiveDate) -> Option<u32> {
    birth_date.and_then(parse_day).map(|b| age_on(b, on))
}

// ---- the form ----

#[derive(utoipa::ToSchema)]
#[schema(as = elderly::assessment::IndicatorView)]
#[derive(Serialize)]
pub struct IndicatorView {
    pub code: Indicator,
    pub zh: &'static str,
    pub en: &'static str,
    pub max: u32,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct LevelView {
    pub code: Level,
    pub zh: &'static str,
    pub en: &'static str,
    pub min: u32,
    pub max: u32,
    pub self_care: &'static str,
}

#[derive(utoipa::ToSchema)]
#[schema(as = elderly::assessment::CodeView)]
#[derive(Serialize)]
pub struct CodeView {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FormView {
    pub full_score: u32,
    pub indicators: Vec<IndicatorView>,
    pub items: Vec<core::FormItem>,
    pub levels: Vec<LevelView>,
    pub reasons: Vec<CodeView>,
    pub living: Vec<CodeView>,
    pub visit_categories: Vec<VisitCategoryView>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct VisitCategoryView {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub interval_days: u32,
    pub child: bool,
}

/// 评估表 the GB/T 42195-2022 form: indicators, the 26 items with their options, levels, and the
/// vocabularies of living situation and visit categories (the console renders the form from it).
#[utoipa::path(get, path = "/api/v1/elderly/assessment/form", tag = "elderly", responses((status = 200, body = FormView, description = "the form")))]
pub async fn form(ctx: Ctx) -> ApiResult<Json<FormView>> {
    ctx.require(Permission::ElderlyRead)?;
    Ok(Json(FormView {
        full_score: FULL_SCORE,
        indicators: Indicator::ALL.iter().map(|&i| IndicatorView { code: i, zh: i.zh(), en: i.en(), max: core::items::indicator_max(i) }).collect(),
        items: core::form_items(),
        levels: Level::ALL
            .iter()
            .map(|&l| {
                let (min, max) = l.range();
                LevelView { code: l, zh: l.zh(), en: l.en(), min, max, self_care: l.self_care().as_str() }
            })
            .collect(),
        reasons: Reason::ALL.iter().map(|r| CodeView { code: r.as_str(), zh: r.zh(), en: r.en() }).collect(),
        living: Living::ALL.iter().map(|r| CodeView { code: r.as_str(), zh: r.zh(), en: r.en() }).collect(),
        visit_categories: VisitCategory::ALL
            .iter()
            .map(|c| VisitCategoryView { code: c.as_str(), zh: c.zh(), en: c.en(), interval_days: c.default_interval_days(), child: c.is_child() })
            .collect(),
    }))
}

// ---- assessments ----

#[derive(utoipa::ToSchema)]
#[derive(Clone, Serialize)]
pub struct AssessmentView {
    #[serde(flatten)]
    pub a: AssessmentRecord,
    pub level_zh: &'static str,
    pub level_en: &'static str,
    pub preliminary_zh: &'static str,
    pub preliminary_en: &'static str,
    pub reason_zh: &'static str,
    pub reason_en: &'static str,
    /// 特困 self-care ability the level stands for (full / partial / none)
    pub self_care: Option<&'static str>,
    pub birth_year: Option<i32>,
    /// by calendar year (the answer is masked)
    pub age: Option<u32>,
    pub region_name: Option<String>,
    /// the next assessment's date has passed (latest assessments only)
    pub overdue: bool,
}

fn assessment_view(mut a: AssessmentRecord, names: &HashMap<String, String>, today: NaiveDate) -> AssessmentView {
    a.person_name = a.person_name.as_deref().map(mask_name);
    let (birth_year, age) = masked_age(&mut a.birth_date, today);
    let overdue = a.latest && a.next_due_on < today;
    AssessmentView {
        level_zh: a.level.zh(),
        level_en: a.level.en(),
        preliminary_zh: a.preliminary_level.zh(),
        preliminary_en: a.preliminary_level.en(),
        reason_zh: a.reason.zh(),
        reason_en: a.reason.en(),
        self_care: Some(a.level.self_care().as_str()),
        birth_year,
        age,
        region_name: names.get(a.region_code.as_str()).cloned(),
        overdue,
        a,
    }
}

async fn assessment_views(state: &AppState, items: Vec<AssessmentRecord>) -> ApiResult<Vec<AssessmentView>> {
    let codes: Vec<String> = items.iter().map(|a| a.region_code.to_string()).collect();
    let names = state.store.region_names(&codes).await?;
    let today = today();
    Ok(items.into_iter().map(|a| assessment_view(a, &names, today)).collect())
}

#[derive(utoipa::ToSchema)]
#[schema(as = assessment::AssessBody)]
#[derive(Deserialize, Default)]
pub struct AssessBody {
    /// YYYY-MM-DD, default today; not in the future
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub assessed_on: Option<NaiveDate>,
    /// initial | periodic | change (default: initial for a first assessment, periodic after)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub reason: Option<Reason>,
    /// {item code: score} for all 26 items
    #[serde(default)]
    pub items: BTreeMap<String, i64>,
    #[serde(default)]
    pub adjustments: Adjustments,
    #[serde(default)]
    pub second_assessor: String,
    #[serde(default)]
    pub note: String,
}

/// The person, in scope, alive and (for elders) 60+ on `on`; else 404 / 422 on `field`.
async fn elder(state: &AppState, scope: &Scope, id: i64, on: NaiveDate, field: &str) -> ApiResult<PersonRecord> {
    let p = state.store.person(scope, id).await?;
    if !p.alive {
        return Err(ApiError::invalid(field, "该人员已登记死亡", "the person is recorded as deceased"));
    }
    let age = age_of(Some(&p.birth_date), on).unwrap_or(0);
    if age < 60 {
        return Err(ApiError::invalid(field, format!("能力评估对象须年满60周岁（该人员 {age} 岁）"), format!("the person must be 60 or older (is {age})")));
    }
    Ok(p)
}

/// 提交能力评估 assess a person: the answers are checked item by item (422 naming `items.<code>`),
/// scored, levelled and explained; the next assessment's date is set (12 months, 6 for 中度失能
/// or worse or a changed level).
#[utoipa::path(post, path = "/api/v1/elderly/persons/{id}/assessments", tag = "elderly", request_body = AssessBody, params(("id" = i64, Path)),
    responses((status = 200, body = AssessmentView, description = "the stored assessment with its level and explanation"), (status = 404), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<AssessBody>) -> ApiResult<Json<AssessmentView>> {
    let granted = ctx.grant(Permission::ElderlyAssess)?;
    let today = today();
    let mut errors: Vec<FieldError> = Vec::new();
    let assessed_on = match body.assessed_on {
        None => today,
        Some(d) if d <= today => d,
        Some(_) => {
            errors.push(FieldError::new("assessed_on", "评估日期不能晚于今天", "assessed_on is in the future"));
            today
        }
    };
    let person = elder(&state, granted.scope(), id, assessed_on, "person_id").await?;
    let reason = body.reason;
    let second = body.second_assessor.trim();
    if second.chars().count() > 50 {
        errors.push(FieldError::new("second_assessor", "第二评估员姓名过长", "second_assessor is too long"));
    }
    if body.note.chars().count() > 1000 {
        errors.push(FieldError::new("note", "备注不超过1000字", "note is limited to 1000 characters"));
    }
    let scored = match Answers::parse(&body.items) {
        Ok(answers) => match core::score(&answers, &body.adjustments) {
            Ok(s) => Some((answers, s)),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let Some((answers, scored)) = scored.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let mut tx = state.store.begin().await?;
    let previous = state.store.latest_assessment_before(&mut tx, person.id, &assessed_on.to_string()).await?;
    let previous_level = previous.as_ref().map(|a| a.level);
    let reason = reason.unwrap_or(if previous.is_some() { Reason::Periodic } else { Reason::Initial });
    let mut explanation = scored.explanation.clone();
    let months = core::reassessment_months(scored.level, previous_level);
    let next_due = core::next_due(assessed_on, scored.level, previous_level);
    explanation.push(minzheng_core::assistance::means::Line {
        zh: match previous_level {
            Some(p) if p != scored.level => format!("等级由“{}”变为“{}”，{months} 个月后复评：{next_due}", p.zh(), scored.level.zh()),
            _ => format!("{months} 个月后复评：{next_due}"),
        },
        en: match previous_level {
            Some(p) if p != scored.level => format!("Level changed from {} to {}: reassess in {months} months, on {next_due}", p.en(), scored.level.en()),
            _ => format!("Reassess in {months} months, on {next_due}"),
        },
    });
    let subtotal = |i: Indicator| scored.subtotals.iter().find(|s| s.indicator == i).map(|s| i64::from(s.score)).unwrap_or(0);
    let new = NewAssessment {
        person_id: person.id,
        region_code: person.region_code.clone(),
        assessed_on: assessed_on.to_string(),
        reason: reason.as_str().to_owned(),
        items: serde_json::to_value(answers.to_map()).map_err(|e| ApiError::Internal(e.to_string()))?,
        subtotals: [subtotal(Indicator::SelfCare), subtotal(Indicator::Motor), subtotal(Indicator::Mental), subtotal(Indicator::Perception)],
        total: i64::from(scored.total),
        preliminary_level: scored.preliminary.as_str().to_owned(),
        level: scored.level.as_str().to_owned(),
        adjustments: serde_json::to_value(&body.adjustments).map_err(|e| ApiError::Internal(e.to_string()))?,
        explanation: serde_json::to_value(&explanation).map_err(|e| ApiError::Internal(e.to_string()))?,
        next_due_on: next_due.to_string(),
        assessor: ctx.account().display_name.clone(),
        second_assessor: second.to_owned(),
        note: body.note.trim().to_owned(),
        created_by: ctx.actor().to_owned(),
    };
    let mut stored = state.store.insert_assessment(&mut tx, &new).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("elderly.assessment.create", "elder_assessment", stored.id, &person.region_code, format!("person {}: {} points, {}", person.id, scored.total, scored.level.as_str())))
        .await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, &person.region_code, minzheng_store::today()).await?;
    tx.commit().await?;
    stored.person_name = Some(person.name.clone());
    stored.birth_date = parse_day(&person.birth_date);
    Ok(Json(assessment_views(&state, vec![stored]).await?.pop().ok_or(ApiError::NotFound)?))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PersonBrief {
    pub id: i64,
    pub name: String,
    pub gender: String,
    pub age: u32,
    pub region_code: String,
    pub region_name: Option<String>,
    pub alive: bool,
}

fn brief(p: &PersonRecord, today: NaiveDate) -> PersonBrief {
    PersonBrief {
        id: p.id,
        name: mask_name(&p.name),
        gender: p.gender.clone(),
        // masked brief: the age by calendar year (the age to the day would narrow the birthday)
        age: minzheng_core::mask::birth_year(&p.birth_date).map_or(0, |y| minzheng_core::mask::age_in_year(y, today)),
        region_code: p.region_code.clone(),
        region_name: p.region_name.clone(),
        alive: p.alive,
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PersonAssessments {
    pub person: PersonBrief,
    pub latest: Option<AssessmentView>,
    pub items: Vec<AssessmentView>,
}

/// 评估记录 a person's assessments, newest first, and the latest.
#[utoipa::path(get, path = "/api/v1/elderly/persons/{id}/assessments", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = PersonAssessments, description = "the person's assessments"), (status = 404)))]
pub async fn of_person(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<PersonAssessments>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let p = state.store.person(granted.scope(), id).await?;
    let mut items = state.store.assessments_of(p.id).await?;
    for a in &mut items {
        a.person_name = Some(p.name.clone());
        a.birth_date = parse_day(&p.birth_date);
    }
    let items = assessment_views(&state, items).await?;
    let latest = items.iter().find(|a| a.a.latest).cloned();
    Ok(Json(PersonAssessments { person: brief(&p, today()), latest, items }))
}

/// 评估详情 one assessment with its items, adjustments and explanation.
#[utoipa::path(get, path = "/api/v1/elderly/assessments/{id}", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = AssessmentView, description = "the assessment"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<AssessmentView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let a = state.store.assessment(granted.scope(), id).await?;
    Ok(Json(assessment_views(&state, vec![a]).await?.pop().ok_or(ApiError::NotFound)?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    /// intact | mild | moderate | severe | total
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub level: Option<Level>,
    /// only each person's latest assessment
    pub latest: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 评估列表 assessments in the account's region, newest first (names masked).
#[utoipa::path(get, path = "/api/v1/elderly/assessments", tag = "elderly", params(ListQuery), responses((status = 200, body = PageOf<AssessmentView>, description = "a page of assessments")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ListQuery>) -> ApiResult<Json<PageOf<AssessmentView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let filter = AssessmentFilter {
        level: q.level.map(|l| l.as_str().to_owned()),
        latest_only: q.latest == Some(true),
        due_by: None,
    };
    let mut page = state.store.list_assessments(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = assessment_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    /// due within this many days from today (0–365, default 30)
    pub within_days: Option<i64>,
    /// only those already overdue
    pub overdue: Option<bool>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub level: Option<Level>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

fn due_by(overdue: bool, within: Option<i64>, today: NaiveDate) -> ApiResult<NaiveDate> {
    if overdue {
        return Ok(today.pred_opt().unwrap_or(today));
    }
    let within = within.unwrap_or(30);
    if !(0..=365).contains(&within) {
        return Err(ApiError::invalid("within_days", "天数须在 0–365 之间", "within_days must be 0–365"));
    }
    Ok(today.checked_add_days(Days::new(within.unsigned_abs())).unwrap_or(today))
}

/// 待复评 reassessments due: each living person's latest assessment whose next date falls within
/// `within_days` (or has passed, with `overdue=true`), soonest first.
#[utoipa::path(get, path = "/api/v1/elderly/assessments/due", tag = "elderly", params(DueQuery), responses((status = 200, body = PageOf<AssessmentView>, description = "a page of latest assessments due")))]
pub async fn due(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<DueQuery>) -> ApiResult<Json<PageOf<AssessmentView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let by = due_by(q.overdue == Some(true), q.within_days, today())?;
    let filter = AssessmentFilter {
        level: q.level.map(|l| l.as_str().to_owned()),
        latest_only: true,
        due_by: Some(by.to_string()),
    };
    let mut page = state.store.list_assessments(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = assessment_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

// ---- the elder profile ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProfileView {
    pub person_id: i64,
    /// the living situation in force: recorded, else derived
    pub living: Option<&'static str>,
    pub living_zh: Option<&'static str>,
    pub living_en: Option<&'static str>,
    /// recorded by an officer (else derived from the household)
    pub recorded: bool,
    /// what the household's current members say
    pub derived: Option<&'static str>,
    pub note: String,
    /// 0 when nothing is recorded yet (send 0 to create)
    pub version: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

async fn profile_view(state: &AppState, p: &PersonRecord) -> ApiResult<ProfileView> {
    let today = today();
    let derived = match p.household_id {
        None => None,
        Some(h) => {
            let members: Vec<Member> = state
                .store
                .current_members(h)
                .await?
                .into_iter()
                .map(|(person_id, birth)| Member { person_id, age: age_of(Some(&birth), today).unwrap_or(0) })
                .collect();
            living::derive(p.id, &members)
        }
    };
    let recorded = state.store.elder_profile(p.id).await?;
    let in_force = recorded.as_ref().map(|r| r.living).or(derived);
    Ok(ProfileView {
        person_id: p.id,
        living: in_force.map(|l| l.as_str()),
        living_zh: in_force.map(|l| l.zh()),
        living_en: in_force.map(|l| l.en()),
        recorded: recorded.is_some(),
        derived: derived.map(|l| l.as_str()),
        note: recorded.as_ref().map(|r| r.note.clone()).unwrap_or_default(),
        version: recorded.as_ref().map(|r| r.version).unwrap_or(0),
        updated_by: recorded.as_ref().map(|r| r.updated_by.clone()),
        updated_at: recorded.map(|r| r.updated_at),
    })
}

/// 居住状况 the elder's living situation: recorded, or derived from the household.
#[utoipa::path(get, path = "/api/v1/elderly/persons/{id}/profile", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = ProfileView, description = "the profile"), (status = 404)))]
pub async fn profile(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ProfileView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let p = state.store.person(granted.scope(), id).await?;
    Ok(Json(profile_view(&state, &p).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ProfileBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub living: Option<Living>,
    #[serde(default)]
    pub note: String,
    /// the version read (0 when nothing was recorded)
    pub version: Option<i64>,
}

/// 登记居住状况 record the living situation (version-checked: 409 on a stale version).
#[utoipa::path(put, path = "/api/v1/elderly/persons/{id}/profile", tag = "elderly", request_body = ProfileBody, params(("id" = i64, Path)), responses((status = 200, body = ProfileView, description = "the profile"), (status = 404), (status = 409), (status = 422)))]
pub async fn put_profile(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ProfileBody>) -> ApiResult<Json<ProfileView>> {
    let granted = ctx.grant_any(&[Permission::ElderlyAssess, Permission::VisitRecord])?;
    let living = body
        .living
        .ok_or_else(|| ApiError::invalid("living", "居住状况须为独居、空巢、留守或与家人同住", "living must be alone, empty_nest, left_behind or with_family"))?;
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version，新登记为 0）", "version is required (0 to create)"))?;
    let note = body.note.trim();
    if note.chars().count() > 500 {
        return Err(ApiError::invalid("note", "备注不超过500字", "note is limited to 500 characters"));
    }
    let p = elder(&state, granted.scope(), id, today(), "person_id").await?;
    let mut tx = state.store.begin().await?;
    state.store.put_elder_profile(&mut tx, p.id, &p.region_code, living.as_str(), note, version, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.profile.update", "elder_profile", p.id, &p.region_code, format!("living={}", living.as_str()))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, &p.region_code, minzheng_store::today()).await?;
    tx.commit().await?;
    Ok(Json(profile_view(&state, &p).await?))
}

// ---- visits ----

#[derive(utoipa::ToSchema)]
#[schema(as = elderly::assessment::PlanView)]
#[derive(Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub plan: VisitPlanRecord,
    pub category_zh: &'static str,
    pub category_en: &'static str,
    pub birth_year: Option<i32>,
    /// by calendar year (the answer is masked)
    pub age: Option<u32>,
    pub region_name: Option<String>,
    pub overdue: bool,
    /// days past the due date (0 when not overdue)
    pub days_overdue: i64,
}

async fn plan_views(state: &AppState, plans: Vec<VisitPlanRecord>) -> ApiResult<Vec<PlanView>> {
    let codes: Vec<String> = plans.iter().map(|p| p.region_code.to_string()).collect();
    let names = state.store.region_names(&codes).await?;
    let today = today();
    Ok(plans
        .into_iter()
        .map(|mut plan| {
            let due = plan.next_due_on;
            let overdue = plan.active && visits::overdue(due, today);
            plan.person_name = plan.person_name.as_deref().map(mask_name);
            let (birth_year, age) = masked_age(&mut plan.birth_date, today);
            PlanView {
                category_zh: plan.category.zh(),
                category_en: plan.category.en(),
                birth_year,
                age,
                region_name: names.get(plan.region_code.as_str()).cloned(),
                overdue,
                days_overdue: if overdue { (today - due).num_days() } else { 0 },
                plan,
            }
        })
        .collect())
}

/// 探访计划 a person's visit plans.
#[utoipa::path(get, path = "/api/v1/elderly/persons/{id}/visit-plans", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = Vec<PlanView>, description = "the plans"), (status = 404)))]
pub async fn plans_of(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<PlanView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let p = state.store.person(granted.scope(), id).await?;
    Ok(Json(plan_views(&state, state.store.visit_plans_of(p.id).await?).await?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = assessment::PlanBody)]
#[derive(Deserialize)]
pub struct PlanBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub category: Option<VisitCategory>,
    /// days between visits (7–365); default by category
    pub interval_days: Option<i64>,
    /// the first visit's date, default today
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub first_due_on: Option<NaiveDate>,
}

/// 新建探访计划 open a visit plan for a person: elder categories need 60+, child categories under 18.
#[utoipa::path(post, path = "/api/v1/elderly/persons/{id}/visit-plans", tag = "elderly", request_body = PlanBody, params(("id" = i64, Path)), responses((status = 200, body = PlanView, description = "the plan"), (status = 404), (status = 409), (status = 422)))]
pub async fn create_plan(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<PlanBody>) -> ApiResult<Json<PlanView>> {
    let granted = ctx.grant(Permission::VisitRecord)?;
    let category = body.category.ok_or_else(|| {
        ApiError::invalid("category", "请选择探访对象类别（独居、空巢、留守老人，失能老人，留守儿童，事实无人抚养儿童）", "category must be one of the visit categories")
    })?;
    let interval = body.interval_days.unwrap_or(i64::from(category.default_interval_days()));
    let range = visits::INTERVAL_RANGE;
    if !(i64::from(*range.start())..=i64::from(*range.end())).contains(&interval) {
        return Err(ApiError::invalid("interval_days", format!("探访间隔须在 {}–{} 天之间", range.start(), range.end()), format!("interval_days must be {}–{}", range.start(), range.end())));
    }
    let today = today();
    let first = body.first_due_on.unwrap_or(today);
    let p = state.store.person(granted.scope(), id).await?;
    if !p.alive {
        return Err(ApiError::invalid("person_id", "该人员已登记死亡", "the person is recorded as deceased"));
    }
    let age = age_of(Some(&p.birth_date), today).unwrap_or(0);
    if category.is_child() && age >= 18 {
        return Err(ApiError::invalid("category", format!("儿童类探访对象须未满18周岁（该人员 {age} 岁）"), format!("a child category needs a person under 18 (is {age})")));
    }
    if !category.is_child() && age < 60 {
        return Err(ApiError::invalid("category", format!("老年人类探访对象须年满60周岁（该人员 {age} 岁）"), format!("an elder category needs a person aged 60+ (is {age})")));
    }
    let mut tx = state.store.begin().await?;
    let plan = state
        .store
        .insert_visit_plan(
            &mut tx,
            &NewVisitPlan { person_id: p.id, region_code: p.region_code.clone(), category: category.as_str().to_owned(), interval_days: interval, next_due_on: first.to_string(), created_by: ctx.actor().to_owned() },
        )
        .await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.visit_plan.create", "visit_plan", plan.id, &p.region_code, format!("person {} {} every {interval} days", p.id, category.as_str()))).await?;
    tx.commit().await?;
    Ok(Json(plan_views(&state, vec![plan]).await?.pop().ok_or(ApiError::NotFound)?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlansQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub category: Option<VisitCategory>,
    /// overdue (past due) | due (due within `within_days`) | all (default)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<PlanDue>,
    /// for `status=due`: 0–365, default 7
    pub within_days: Option<i64>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 探访计划列表 active visit plans in the account's region, soonest due first; `status=overdue`
/// lists those past due.
#[utoipa::path(get, path = "/api/v1/elderly/visit-plans", tag = "elderly", params(PlansQuery), responses((status = 200, body = PageOf<PlanView>, description = "a page of plans")))]
pub async fn plans(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PlansQuery>) -> ApiResult<Json<PageOf<PlanView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let today = today();
    let due_by = match q.status {
        None | Some(PlanDue::All) => None,
        Some(PlanDue::Overdue) => Some(due_by(true, None, today)?),
        Some(PlanDue::Due) => Some(due_by(false, Some(q.within_days.unwrap_or(7)), today)?),
    };
    let category = q.category.map(|c| c.as_str().to_owned());
    let filter = VisitPlanFilter { category, due_by: due_by.map(|d| d.to_string()) };
    let mut page = state.store.list_visit_plans(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = plan_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PlanDetail {
    pub plan: PlanView,
    pub visits: Vec<VisitRecord>,
}

/// 探访计划详情 a plan with its visits, newest first.
#[utoipa::path(get, path = "/api/v1/elderly/visit-plans/{id}", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = PlanDetail, description = "the plan and its visits"), (status = 404)))]
pub async fn plan(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<PlanDetail>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let plan = state.store.visit_plan(granted.scope(), id).await?;
    let visits = state.store.visits_of_plan(plan.id).await?;
    Ok(Json(PlanDetail { plan: plan_views(&state, vec![plan]).await?.pop().ok_or(ApiError::NotFound)?, visits }))
}

#[derive(utoipa::ToSchema)]
#[schema(as = assessment::VisitBody)]
#[derive(Deserialize)]
pub struct VisitBody {
    /// YYYY-MM-DD, default today; not in the future, not before the last visit
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub visited_on: Option<NaiveDate>,
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub needs: String,
    /// the plan's version as read
    pub version: Option<i64>,
}

/// 登记探访 record a visit: the plan's next date moves to the visit plus its interval
/// (version-checked: 409 when someone recorded first).
#[utoipa::path(post, path = "/api/v1/elderly/visit-plans/{id}/visits", tag = "elderly", request_body = VisitBody, params(("id" = i64, Path)), responses((status = 200, body = PlanDetail, description = "the plan and its visits"), (status = 404), (status = 409), (status = 422)))]
pub async fn record_visit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<VisitBody>) -> ApiResult<Json<PlanDetail>> {
    let granted = ctx.grant(Permission::VisitRecord)?;
    let plan = state.store.visit_plan(granted.scope(), id).await?;
    let today = today();
    let mut errors = Vec::new();
    let visited_on = match body.visited_on {
        None => Some(today),
        Some(d) if d <= today => Some(d),
        Some(_) => {
            errors.push(FieldError::new("visited_on", "探访日期不能晚于今天", "visited_on is in the future"));
            None
        }
    };
    if let (Some(v), Some(last)) = (visited_on, plan.last_visited_on)
        && v < last
    {
        errors.push(FieldError::new("visited_on", format!("探访日期早于上次探访（{last}）"), format!("visited_on is before the last visit ({last})")));
    }
    let findings = body.findings.trim();
    if findings.chars().count() < 4 {
        errors.push(FieldError::new("findings", "请填写探访情况（至少4个字）", "describe what was found (at least 4 characters)"));
    }
    if findings.chars().count() > 2000 || body.needs.chars().count() > 2000 {
        errors.push(FieldError::new("findings", "探访情况和需求各不超过2000字", "findings and needs are limited to 2000 characters each"));
    }
    if !plan.active {
        errors.push(FieldError::new("plan", "探访计划已停用", "the plan is no longer active"));
    }
    let version = body.version;
    if version.is_none() {
        errors.push(FieldError::new("version", "缺少版本号（version）", "version is required"));
    }
    let (Some(visited_on), Some(version), true) = (visited_on, version, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let interval = u32::try_from(plan.interval_days).unwrap_or(30);
    let next_due = visits::next_due(visited_on, interval);
    let mut tx = state.store.begin().await?;
    let new = NewVisit {
        plan_id: plan.id,
        plan_version: version,
        visited_on: visited_on.to_string(),
        findings: findings.to_owned(),
        needs: body.needs.trim().to_owned(),
        visitor: ctx.account().display_name.clone(),
        next_due_on: next_due.to_string(),
    };
    let (visit, _) = state.store.record_elder_visit(&mut tx, granted.scope(), &new).await?;
    state.store.audit(&mut tx, &ctx.entry("elderly.visit.record", "visit", visit.id, plan.region_code.as_str(), format!("plan {} on {visited_on}, next {next_due}", plan.id))).await?;
    tx.commit().await?;
    let plan = state.store.visit_plan(granted.scope(), id).await?;
    let visits = state.store.visits_of_plan(plan.id).await?;
    Ok(Json(PlanDetail { plan: plan_views(&state, vec![plan]).await?.pop().ok_or(ApiError::NotFound)?, visits }))
}
