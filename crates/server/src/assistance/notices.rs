//! 公示 public notices: generated per town and programme, 7 days on the board, objections.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::assistance::workflow::{self, Action, Stage};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::assistance::applications::{NewEvent, StageChange};
use minzheng_store::assistance::notices::{NoticeRecord, ObjectionRecord};
use minzheng_store::{Scope, today};
use serde::{Deserialize, Serialize};

use super::{param, programme};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct NoticeItem {
    pub application_id: i64,
    pub name: String,
    pub id_number: String,
    pub village: Option<String>,
    pub members: i64,
    pub monthly: i64,
    pub one_off: i64,
    pub stage: Stage,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct NoticeView {
    #[serde(flatten)]
    pub notice: NoticeRecord,
    pub programme_zh: String,
    pub title: String,
    pub items: Vec<NoticeItem>,
    pub objections: Vec<ObjectionRecord>,
}

async fn view(state: &AppState, n: NoticeRecord, with_objections: bool) -> ApiResult<NoticeView> {
    let apps = state.store.notice_applications(n.id).await?;
    let mut items = Vec::with_capacity(apps.len());
    for a in apps {
        // the applicants of a notice the caller could read (or that is published): the notice
        // decided what may be seen, and the number is masked
        let id_number = state.store.person(&Scope::system(), a.applicant_person_id).await.ok().and_then(|p| p.id_number).map(|s| mask_id_number(&s)).unwrap_or_default();
        items.push(NoticeItem {
            application_id: a.id,
            name: mask_name(&a.applicant_name),
            id_number,
            village: a.region_name.clone(),
            members: a.members,
            monthly: a.monthly,
            one_off: a.one_off,
            stage: a.stage,
        });
    }
    let programme_zh = n.programme.zh().to_owned();
    let title = format!("{}{}拟批准对象公示", n.region_name.clone().unwrap_or_default(), programme_zh);
    let objections = if with_objections { state.store.objections(n.id).await? } else { Vec::new() };
    Ok(NoticeView { notice: n, programme_zh, title, items, objections })
}

#[derive(utoipa::ToSchema)]
#[schema(as = notices::CreateBody)]
#[derive(Deserialize)]
pub struct CreateBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    /// the day the notice went up on the board (default today; at most 30 days back)
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub starts_on: Option<chrono::NaiveDate>,
}

/// 发布公示 put the town's applications waiting for a notice on one notice.
#[utoipa::path(post, path = "/api/v1/assistance/notices", tag = "assistance", request_body = CreateBody, responses((status = 201, body = NoticeView, description = "the notice"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<CreateBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    if !workflow::may(ctx.role(), Stage::Notice, Action::Publish) {
        return Err(ApiError::forbidden("只有镇街干部可以发布公示", "only a town officer may publish a notice"));
    }
    let programme = programme(body.programme, "programme")?;
    let town = body.region_code.clone().unwrap_or_else(|| ctx.region().clone());
    if town.level() != RegionLevel::Town {
        return Err(ApiError::invalid("region_code", "公示须按镇（街道）发布，请选择镇街", "a notice is published per town"));
    }
    ctx.region_in_scope(&town, "region_code")?;
    let today = today();
    let starts = match body.starts_on {
        None => today,
        Some(d) if d <= today && (today - d).num_days() <= 30 => d,
        Some(_) => return Err(ApiError::invalid("starts_on", "公示开始日期晚于今天或早于30天前", "starts_on must be a date within the last 30 days")),
    };
    let policy = state.store.policy().await?;
    let days = param(&policy, ParamKey::NoticeDays, &town, YearMonth::of(starts)).clamp(1, 60);
    let ends = starts + chrono::Duration::days(days - 1);
    let mut tx = state.store.begin().await?;
    let waiting = state.store.awaiting_notice(&mut tx, &granted.within(Some(&town))?, programme.as_str()).await?;
    if waiting.is_empty() {
        return Err(ApiError::invalid("programme", format!("{}{}没有待公示的申请", town, programme.zh()), "no applications are waiting for a notice"));
    }
    let ids: Vec<i64> = waiting.iter().map(|a| a.id).collect();
    let id = state.store.insert_notice(&mut tx, town.as_str(), programme.as_str(), &starts.to_string(), &ends.to_string(), &ids, ctx.actor()).await?;
    for a in &waiting {
        state
            .store
            .insert_event(&mut tx, &NewEvent {
                application_id: a.id,
                region_code: a.region_code.as_str(),
                action: Action::Publish.as_str(),
                stage_from: Some(Stage::Notice.as_str()),
                stage_to: Stage::Notice.as_str(),
                actor: ctx.actor(),
                actor_role: ctx.role().as_str(),
                note: &format!("公示 {starts} 至 {ends}"),
                data: serde_json::json!({"notice_id": id}).to_string(),
            })
            .await?;
    }
    state.store.audit(&mut tx, &ctx.entry("notice.create", "notice", id, town.as_str(), format!("{} items {}", programme.as_str(), ids.len()))).await?;
    tx.commit().await?;
    let n = state.store.notice(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(view(&state, n, true).await?)).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    /// a region inside the account's scope (403 outside it)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
}

/// 公示列表 notices in the account's region, or in the `region` filter inside it.
#[utoipa::path(get, path = "/api/v1/assistance/notices", tag = "assistance", params(NoticeQuery), responses((status = 200, body = Vec<NoticeRecord>, description = "notices, newest first"), (status = 403, description = "region outside the account's scope")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<NoticeQuery>) -> ApiResult<Json<Vec<NoticeRecord>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let scope = granted.within(q.region.as_ref())?;
    Ok(Json(state.store.list_notices(&scope).await?))
}

/// 公示详情 a notice with its items and objections.
#[utoipa::path(get, path = "/api/v1/assistance/notices/{id}", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, body = NoticeView, description = "the notice"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<NoticeView>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let n = state.store.notice(granted.scope(), id).await?;
    Ok(Json(view(&state, n, true).await?))
}

/// 公示（公众） what the notice board shows: masked names and ID numbers, no login.
#[utoipa::path(get, path = "/api/v1/public/notices/{id}", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, body = NoticeView, description = "the notice as published"), (status = 404)))]
pub async fn public(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<NoticeView>> {
    let n = state.store.notice(&Scope::public_portal(), id).await?;
    Ok(Json(view(&state, n, false).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ObjectionBody {
    pub application_id: Option<i64>,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub received_on: Option<chrono::NaiveDate>,
}

/// 登记异议 record an objection received during the notice.
#[utoipa::path(post, path = "/api/v1/assistance/notices/{id}/objections", tag = "assistance", request_body = ObjectionBody, params(("id" = i64, Path)), responses((status = 201, body = ObjectionRecord, description = "the objection"), (status = 422)))]
pub async fn object(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ObjectionBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    let application_id = body.application_id.ok_or_else(|| ApiError::invalid("application_id", "请选择异议针对的申请", "application_id is required"))?;
    let content = body.content.trim();
    if content.is_empty() || content.chars().count() > 2000 {
        return Err(ApiError::invalid("content", "请填写异议内容（不超过2000字）", "the objection's content is required (at most 2000 characters)"));
    }
    let today = today();
    let received = body.received_on.unwrap_or(today);
    let mut tx = state.store.begin().await?;
    let n = state.store.notice_tx(&mut tx, granted.scope(), id).await?;
    if received < NaiveDate::parse_from_str(&n.starts_on, "%Y-%m-%d").unwrap_or(received) {
        return Err(ApiError::invalid("received_on", "异议收到日期早于公示开始日期", "the objection was received before the notice started"));
    }
    let town = n.region_code.clone();
    let policy = state.store.policy().await?;
    let days = param(&policy, ParamKey::ObjectionDays, &town, YearMonth::of(received)).clamp(1, 365) as u32;
    let due = workflow::deadline(&state.store.calendar().await?, received, days, None, None);
    let o = state.store.insert_objection(&mut tx, &n, application_id, &received.to_string(), &due.to_string(), content, body.contact.trim()).await?;
    state.store.audit(&mut tx, &ctx.entry("objection.create", "notice", id, n.region_code.as_str(), format!("application {application_id}"))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(o)).into_response())
}

/// Moves an application from the notice to county approval.
/// What moving applications to county approval needs, loaded once per request.
struct Rules {
    policy: minzheng_core::assistance::policy::PolicySet,
    calendar: minzheng_core::assistance::calendar::WorkCalendar,
}

impl Rules {
    async fn load(state: &AppState) -> ApiResult<Rules> {
        Ok(Rules { policy: state.store.policy().await?, calendar: state.store.calendar().await? })
    }
}

async fn to_approval(state: &AppState, ctx: &Ctx, tx: &mut minzheng_store::Tx, rules: &Rules, application_id: i64, note: &str) -> ApiResult<()> {
    // the application of a notice or objection the caller already read in its own scope
    let a = state.store.application_tx(tx, &Scope::system(), application_id).await?;
    if a.stage != Stage::Notice {
        return Ok(());
    }
    let region = a.region_code.clone();
    let (policy, calendar) = (&rules.policy, &rules.calendar);
    let today = today();
    let days = param(policy, ParamKey::CountyDays, &region, YearMonth::of(today)).clamp(1, 365) as u32;
    let change = StageChange {
        stage: Stage::Approval,
        phase_started_on: today,
        deadline: Some(workflow::deadline(calendar, today, days, None, None)),
        town_extended: a.town_extended,
        county_extended: a.county_extended,
        decided_on: None,
        case_id: a.case_id,
        reassessed: None,
    };
    state.store.change_stage(tx, a.id, a.version, &change).await?;
    state
        .store
        .insert_event(tx, &NewEvent {
            application_id: a.id,
            region_code: a.region_code.as_str(),
            action: Action::CloseNotice.as_str(),
            stage_from: Some(Stage::Notice.as_str()),
            stage_to: Stage::Approval.as_str(),
            actor: ctx.actor(),
            actor_role: ctx.role().as_str(),
            note,
            data: "{}".into(),
        })
        .await?;
    Ok(())
}

/// 公示期满 close a notice after its last day: applications without open objections go to
/// county approval; the others wait for their objections to be decided.
#[utoipa::path(post, path = "/api/v1/assistance/notices/{id}/close", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, body = NoticeView, description = "the notice"), (status = 409), (status = 422)))]
pub async fn close(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<NoticeView>> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    if !workflow::may(ctx.role(), Stage::Notice, Action::CloseNotice) {
        return Err(ApiError::forbidden("只有镇街干部可以结束公示", "only a town officer may close a notice"));
    }
    let today = today();
    let mut tx = state.store.begin().await?;
    let n = state.store.notice_tx(&mut tx, granted.scope(), id).await?;
    if today.to_string() <= n.ends_on {
        return Err(ApiError::invalid("ends_on", format!("公示期未满（至 {}），期满后方可结束", n.ends_on), format!("the notice runs until {}", n.ends_on)));
    }
    state.store.close_notice(&mut tx, id).await?;
    let rules = Rules::load(&state).await?;
    for a in state.store.notice_applications(id).await? {
        if state.store.open_objections(&mut tx, a.id).await? == 0 {
            to_approval(&state, &ctx, &mut tx, &rules, a.id, "公示期满无异议").await?;
        }
    }
    state.store.audit(&mut tx, &ctx.entry("notice.close", "notice", id, n.region_code.as_str(), "")).await?;
    tx.commit().await?;
    let n = state.store.notice(granted.scope(), id).await?;
    Ok(Json(view(&state, n, true).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DecideBody {
    pub outcome: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// 异议处理 decide an objection: upheld rejects the application, dismissed lets it go on.
#[utoipa::path(post, path = "/api/v1/assistance/objections/{id}/decide", tag = "assistance", request_body = DecideBody, params(("id" = i64, Path)), responses((status = 200, body = ObjectionRecord, description = "the objection"), (status = 409), (status = 422)))]
pub async fn decide(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<DecideBody>) -> ApiResult<Json<ObjectionRecord>> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    if !workflow::may(ctx.role(), Stage::Notice, Action::CloseNotice) {
        return Err(ApiError::forbidden("只有镇街干部可以处理异议", "only a town officer may decide an objection"));
    }
    let outcome = body.outcome.as_deref().unwrap_or_default();
    if !matches!(outcome, "upheld" | "dismissed") {
        return Err(ApiError::invalid("outcome", "请选择处理结果：异议成立（upheld）或不成立（dismissed）", "outcome must be upheld or dismissed"));
    }
    let note = body.note.trim();
    if note.is_empty() {
        return Err(ApiError::invalid("note", "请填写复查情况", "the re-check findings are required"));
    }
    let today = today();
    let mut tx = state.store.begin().await?;
    let o = state.store.objection_tx(&mut tx, granted.scope(), id).await?;
    state.store.decide_objection(&mut tx, id, outcome, note, ctx.actor(), &today.to_string()).await?;
    let a = state.store.application_tx(&mut tx, granted.scope(), o.application_id).await?;
    if outcome == "upheld" && a.stage == Stage::Notice {
        let change = StageChange {
            stage: Stage::Rejected,
            phase_started_on: a.phase_started_on,
            deadline: None,
            town_extended: a.town_extended,
            county_extended: a.county_extended,
            decided_on: Some(today),
            case_id: None,
            reassessed: None,
        };
        state.store.change_stage(&mut tx, a.id, a.version, &change).await?;
        state
            .store
            .insert_event(&mut tx, &NewEvent {
                application_id: a.id,
                region_code: a.region_code.as_str(),
                action: Action::Reject.as_str(),
                stage_from: Some(Stage::Notice.as_str()),
                stage_to: Stage::Rejected.as_str(),
                actor: ctx.actor(),
                actor_role: ctx.role().as_str(),
                note: &format!("公示异议成立：{note}"),
                data: serde_json::json!({"objection_id": id}).to_string(),
            })
            .await?;
    } else if outcome == "dismissed" {
        let n = state.store.notice_tx(&mut tx, granted.scope(), o.notice_id).await?;
        if n.status == "closed" && state.store.open_objections(&mut tx, a.id).await? == 0 {
            to_approval(&state, &ctx, &mut tx, &Rules::load(&state).await?, a.id, "异议不成立，公示期已满").await?;
        }
    }
    state.store.audit(&mut tx, &ctx.entry("objection.decide", "notice", o.notice_id, &o.region_code, format!("objection {id} {outcome}"))).await?;
    tx.commit().await?;
    let o = state.store.objections(o.notice_id).await?.into_iter().find(|x| x.id == id).ok_or(ApiError::NotFound)?;
    Ok(Json(o))
}
