//! 救助申请 applications: provisional means test, acceptance (一门受理), the path of steps,
//! attachments.
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::assistance::means::{Approver, Assessment, HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::assistance::workflow::{self, Action, Phase, Stage};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_store::assistance::applications::{ApplicationFilter, ApplicationRecord, AttachmentMeta, EventRecord, NewApplication, NewEvent, Reassessment, StageChange};
use minzheng_store::assistance::cases::{NewCase, is_stable};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::facts::{FactsInput, Flag, build, flags};
use super::{param, programme, region_code};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;
use crate::registry::wants_unmasked;

pub const ATTACHMENT_LIMIT: usize = 10 * 1024 * 1024;

#[derive(utoipa::ToSchema)]
#[schema(as = applications::AssessBody)]
#[derive(Deserialize)]
pub struct AssessBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    pub household_id: Option<i64>,
    #[serde(default)]
    pub facts: FactsInput,
    #[serde(default)]
    pub request: Request,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct Payee {
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = applications::CreateBody)]
#[derive(Deserialize)]
pub struct CreateBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    pub household_id: Option<i64>,
    #[serde(default)]
    pub facts: FactsInput,
    #[serde(default)]
    pub request: Request,
    #[serde(default)]
    pub payee: Payee,
    #[serde(default)]
    pub note: String,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct AssessAnswer {
    pub assessment: Assessment,
    pub flags: Vec<Flag>,
}

/// A list row.
#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ApplicationSummary {
    pub id: i64,
    pub programme: Programme,
    pub programme_zh: String,
    pub stage: Stage,
    pub stage_zh: String,
    pub region_code: RegionCode,
    pub region_name: Option<String>,
    pub household_id: i64,
    pub applicant_name: String,
    pub members: i64,
    pub monthly: i64,
    pub one_off: i64,
    pub eligible: bool,
    pub flag_count: i64,
    pub accepted_on: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub overdue_days: i64,
    /// the county visits this household before deciding (30% sample, all relatives of staff)
    pub county_visit: bool,
    pub version: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PayeeView {
    pub bank_name: String,
    pub bank_account: String,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub masked: bool,
    /// the household facts (HouseholdFacts); a masked answer has each member's `birth_year`
    /// instead of `birth_date`
    pub facts: super::facts::FactsView,
    pub request: serde_json::Value,
    pub assessment: Assessment,
    pub flags: Vec<Flag>,
    pub payee: PayeeView,
    pub notice_id: Option<i64>,
    pub case_id: Option<i64>,
    pub decided_on: Option<NaiveDate>,
    pub attachments: Vec<AttachmentMeta>,
    pub events: Vec<EventRecord>,
    pub allowed_actions: Vec<String>,
}

fn parse<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> ApiResult<T> {
    serde_json::from_str(s).map_err(|e| ApiError::Internal(format!("{what}: {e}")))
}

fn summary(a: &ApplicationRecord, today: NaiveDate) -> ApplicationSummary {
    let stage = a.stage;
    let overdue_days = match &a.deadline {
        Some(d) if !stage.is_final() && stage != Stage::Notice => (today - *d).num_days().max(0),
        _ => 0,
    };
    ApplicationSummary {
        id: a.id,
        programme: a.programme,
        programme_zh: a.programme.zh().to_owned(),
        stage,
        stage_zh: stage.zh().to_owned(),
        region_code: a.region_code.clone(),
        region_name: a.region_name.clone(),
        household_id: a.household_id,
        applicant_name: mask_name(&a.applicant_name),
        members: a.members,
        monthly: a.monthly,
        one_off: a.one_off,
        eligible: a.eligible,
        flag_count: a.flag_count,
        accepted_on: a.accepted_on,
        deadline: a.deadline,
        overdue_days,
        county_visit: workflow::county_visit_required(a.id, a.flags.contains("\"staff_relative\""), 30),
        version: a.version,
    }
}

/// The actions the asking account may take now (the notice steps are taken from the notice).
fn allowed(ctx: &Ctx, a: &ApplicationRecord) -> Vec<String> {
    let (stage, programme) = (a.stage, a.programme);
    let approver = serde_json::from_str::<Assessment>(&a.assessment).map(|x| x.approver).unwrap_or_default();
    Action::ALL
        .iter()
        .filter(|act| !matches!(act, Action::Accept | Action::Publish | Action::CloseNotice))
        .filter(|act| workflow::may_on(ctx.role(), stage, **act, approver) && workflow::next(programme, stage, **act).is_ok())
        .filter(|act| match act {
            Action::Extend => match stage.phase() {
                Some(Phase::Town) => !a.town_extended,
                Some(Phase::County) => !a.county_extended,
                None => false,
            },
            _ => true,
        })
        .map(|act| act.as_str().to_owned())
        .collect()
}

pub async fn detail_of(state: &AppState, ctx: &Ctx, a: ApplicationRecord, unmasked: bool) -> ApiResult<ApplicationDetail> {
    let mut facts: HouseholdFacts = parse(&a.facts, "facts")?;
    let mut assessment: Assessment = parse(&a.assessment, "assessment")?;
    let mut flag_list: Vec<Flag> = parse(&a.flags, "flags")?;
    if !unmasked {
        super::facts::mask_names(&mut facts, &mut assessment, &mut flag_list);
    }
    let bank_account = if unmasked { a.bank_account.clone() } else { mask_id_number(&a.bank_account) };
    Ok(ApplicationDetail {
        summary: summary(&a, today()),
        masked: !unmasked,
        facts: super::facts::facts_view(&facts, !unmasked),
        request: parse(&a.request, "request")?,
        assessment,
        flags: flag_list,
        payee: PayeeView { bank_name: a.bank_name.clone(), bank_account },
        notice_id: a.notice_id,
        case_id: a.case_id,
        decided_on: a.decided_on,
        attachments: state.store.attachments(a.id).await?,
        events: state.store.application_events(a.id).await?,
        allowed_actions: allowed(ctx, &a),
    })
}

/// 家庭经济状况测算 the provisional means test while the form is filled in; nothing is stored.
#[utoipa::path(post, path = "/api/v1/assistance/assess", tag = "assistance", request_body = AssessBody, responses((status = 200, body = AssessAnswer, description = "assessment and flags"), (status = 422)))]
pub async fn assess_only(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<AssessBody>) -> ApiResult<Json<AssessAnswer>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let programme = programme(body.programme, "programme")?;
    let household_id = body.household_id.ok_or_else(|| ApiError::invalid("household_id", "请选择申请家庭", "household_id is required"))?;
    let household = state.store.household(granted.scope(), household_id).await.map_err(|_| ApiError::invalid("household_id", "家庭户不存在或不在本账号管辖范围内", "no such household in your region"))?;
    let (facts, persons) = build(&state, granted.scope(), &household, &body.facts).await?;
    body.request.check()?;
    let policy = state.store.policy().await?;
    let region = region_code(&household.region_code)?;
    let assessment = assess(programme, &region, &facts, &body.request, &policy, YearMonth::of(today()));
    let flags = flags(&state, programme, &household, &facts, &persons).await?;
    Ok(Json(AssessAnswer { assessment, flags }))
}

/// 受理申请 accept an application (一门受理): stored at the home-visit step with its means test.
#[utoipa::path(post, path = "/api/v1/assistance/applications", tag = "assistance", request_body = CreateBody, responses((status = 201, body = ApplicationDetail, description = "the application"), (status = 409), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<CreateBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceApply)?;
    let programme = programme(body.programme, "programme")?;
    if programme.is_allowance() {
        return Err(ApiError::invalid(
            "programme",
            format!("{}按人直接认定，请在“养老助残儿童 → 事找人”或津补贴认定中办理", programme.zh()),
            format!("{} is enrolled per person (POST /api/v1/elderly/allowances), not by a household application", programme.en()),
        ));
    }
    let household_id = body.household_id.ok_or_else(|| ApiError::invalid("household_id", "请选择申请家庭", "household_id is required"))?;
    let household = state.store.household(granted.scope(), household_id).await.map_err(|_| ApiError::invalid("household_id", "家庭户不存在或不在本账号管辖范围内", "no such household in your region"))?;
    let (facts, persons) = build(&state, granted.scope(), &household, &body.facts).await?;
    body.request.check()?;
    let bank_name = body.payee.bank_name.as_deref().map(str::trim).unwrap_or_default().to_owned();
    let bank_account: String = body.payee.bank_account.as_deref().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    let paid = programme != Programme::LowIncome;
    if paid && (bank_account.len() < 6 || bank_account.len() > 32 || !bank_account.chars().all(|c| c.is_ascii_digit())) {
        return Err(ApiError::invalid("payee.bank_account", "请填写6至32位数字的银行账号或社保卡号", "the bank or social-security card account must be 6 to 32 digits"));
    }
    if paid && bank_name.is_empty() {
        return Err(ApiError::invalid("payee.bank_name", "请填写开户银行", "the bank name is required"));
    }
    if body.note.chars().count() > 1000 {
        return Err(ApiError::invalid("note", "备注不能超过1000字", "the note must be at most 1000 characters"));
    }
    let today = today();
    let month = YearMonth::of(today);
    let policy = state.store.policy().await?;
    let region = region_code(&household.region_code)?;
    let assessment = assess(programme, &region, &facts, &body.request, &policy, month);
    if let Some(over) = assessment.over_bound() {
        return Err(over.into());
    }
    let flags = flags(&state, programme, &household, &facts, &persons).await?;
    let calendar = state.store.calendar().await?;
    let town_days = param(&policy, ParamKey::TownDays, &region, month).clamp(1, 365) as u32;
    let deadline = workflow::deadline(&calendar, today, town_days, None, None);
    let applicant = facts.members.first().map(|m| (m.person_id, m.name.clone())).unwrap_or_default();
    let stage = Stage::first(programme);
    let new = NewApplication {
        region_code: region.clone(),
        programme,
        household_id,
        applicant_person_id: applicant.0,
        applicant_name: applicant.1,
        members: i64::from(assessment.members),
        stage,
        facts: serde_json::to_string(&facts).expect("facts"),
        request: serde_json::to_string(&body.request).expect("request"),
        assessment: serde_json::to_string(&assessment).expect("assessment"),
        flags: serde_json::to_string(&flags).expect("flags"),
        flag_count: flags.len() as i64,
        eligible: assessment.eligible,
        monthly: assessment.monthly.0,
        one_off: assessment.one_off.0,
        bank_name,
        bank_account,
        accepted_on: today,
        deadline,
        actor: ctx.actor().to_owned(),
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_application(&mut tx, &new).await?;
    state
        .store
        .insert_event(&mut tx, &NewEvent {
            application_id: id,
            region_code: &household.region_code,
            action: Action::Accept.as_str(),
            stage_from: None,
            stage_to: stage.as_str(),
            actor: ctx.actor(),
            actor_role: ctx.role().as_str(),
            note: &body.note,
            data: serde_json::json!({"eligible": assessment.eligible, "monthly": assessment.monthly, "flags": flags.len()}).to_string(),
        })
        .await?;
    state.store.audit(&mut tx, &ctx.entry("application.create", "application", id, &household.region_code, format!("{} household {household_id}", programme.as_str()))).await?;
    tx.commit().await?;
    let a = state.store.application(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(detail_of(&state, &ctx, a, false).await?)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub stage: Option<Stage>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    /// only applications past their time limit
    pub overdue: Option<bool>,
    /// applicant name
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 救助申请列表 applications in the account's region.
#[utoipa::path(get, path = "/api/v1/assistance/applications", tag = "assistance", params(ApplicationQuery), responses((status = 200, body = PageOf<ApplicationSummary>, description = "a page of applications")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ApplicationQuery>) -> ApiResult<Json<PageOf<ApplicationSummary>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let (programme, stage) = (q.programme, q.stage);
    let today = today();
    let filter = ApplicationFilter {
        programme: programme.map(|p| p.as_str().to_owned()),
        stage: stage.map(|s| s.as_str().to_owned()),
        overdue_on: (q.overdue == Some(true)).then_some(today),
        q: q.q.clone(),
    };
    let scope = granted.within(q.region.as_ref())?;
    let page = state.store.list_applications(&scope, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = page.items.iter().map(|a| summary(a, today)).collect();
    Ok(Json(PageOf::of(page, items)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    pub unmask: Option<bool>,
}

/// 申请详情 one application with its means test, flags, attachments and history.
#[utoipa::path(get, path = "/api/v1/assistance/applications/{id}", tag = "assistance", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = ApplicationDetail, description = "the application"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<ApplicationDetail>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let a = state.store.application(granted.scope(), id).await?;
    if unmasked {
        state.store.audit_now(&ctx.entry("application.unmask", "application", id, a.region_code.as_str(), "")).await?;
    }
    Ok(Json(detail_of(&state, &ctx, a, unmasked).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Visit {
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub visited_on: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub visitors: serde_json::Value,
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub living_conditions: String,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ActionBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub action: Option<Action>,
    pub version: Option<i64>,
    #[serde(default)]
    pub note: String,
    pub reason: Option<String>,
    pub visit: Option<Visit>,
    pub facts: Option<FactsInput>,
    /// the amount as set at this step: at the home visit (调查核实) or the approval (the amount
    /// approved); the rule's bound applies again
    pub request: Option<Request>,
}

/// 办理 take a step on an application (the role that owns the step, in the region that owns it).
#[utoipa::path(post, path = "/api/v1/assistance/applications/{id}/actions", tag = "assistance", request_body = ActionBody, params(("id" = i64, Path)), responses((status = 200, body = ApplicationDetail, description = "the application after the step"), (status = 403), (status = 409), (status = 422)))]
pub async fn act(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ActionBody>) -> ApiResult<Json<ApplicationDetail>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let action = body.action.ok_or_else(|| ApiError::invalid("action", "请选择办理动作", "action is required"))?;
    if matches!(action, Action::Accept | Action::Publish | Action::CloseNotice) {
        return Err(ApiError::invalid("action", format!("“{}”在公示页面办理", action.zh()), format!("{} is done from the notice", action.as_str())));
    }
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let reason = body.reason.as_deref().map(str::trim).unwrap_or_default().to_owned();
    if action == Action::Reject && reason.is_empty() {
        return Err(ApiError::invalid("reason", "不予批准须说明理由（将书面告知申请人）", "a rejection needs its reasons (they are notified in writing)"));
    }
    if body.note.chars().count() > 2000 || reason.chars().count() > 2000 {
        return Err(ApiError::invalid("note", "说明不能超过2000字", "the note must be at most 2000 characters"));
    }
    let today = today();
    let mut visit = body.visit.clone();
    if action == Action::Investigate {
        let v = visit.get_or_insert_with(Visit::default);
        match v.visited_on {
            None => v.visited_on = Some(today),
            Some(d) if d <= today => {}
            Some(_) => return Err(ApiError::invalid("visit.visited_on", "入户日期晚于今天", "the visit date is in the future")),
        }
        if v.findings.trim().is_empty() {
            return Err(ApiError::invalid("visit.findings", "请填写入户调查情况", "the findings of the home visit are required"));
        }
    }

    let current = state.store.application(granted.scope(), id).await?;
    let (programme, stage) = (current.programme, current.stage);
    minzheng_store::Store::check_application_version(current.version, version)?;
    if body.request.is_some() && !matches!(action, Action::Investigate | Action::Approve) {
        return Err(ApiError::invalid("request", "申请金额只能在入户调查或审批时更改", "the amount can be changed only at the home visit or the approval"));
    }
    if let Some(r) = &body.request {
        r.check()?;
    }
    let stored: Assessment = parse(&current.assessment, "assessment")?;
    // a closed application allows no action (422 from `next` below), whoever asks; the approver
    // is checked again below against the amount this step approves
    if !stage.is_final() && !workflow::may_on(ctx.role(), stage, action, if action == Action::Approve { Approver::Town } else { stored.approver }) {
        return Err(ApiError::forbidden(
            format!("当前角色（{}）不能在“{}”环节执行“{}”", ctx.role().zh(), stage.zh(), action.zh()),
            format!("your role ({}) may not {} at the {} stage", ctx.role().as_str(), action.as_str(), stage.as_str()),
        ));
    }
    let next = workflow::next(programme, stage, action)?;
    let region = current.region_code.clone();
    let policy = state.store.policy().await?;
    let calendar = state.store.calendar().await?;
    let month = YearMonth::of(today);
    let town_days = param(&policy, ParamKey::TownDays, &region, month).clamp(1, 365) as u32;
    let county_days = param(&policy, ParamKey::CountyDays, &region, month).clamp(1, 365) as u32;

    // corrected facts or amount after a home visit re-run the means test; so does an approval of
    // a one-off amount, whose bound (临时救助 cap, the town's authority) binds what is approved
    // under the parameters in force today
    let one_off = matches!(programme, Programme::Temporary | Programme::Medical);
    let rerun = match action {
        Action::Investigate => body.facts.is_some() || body.request.is_some(),
        Action::Approve => one_off || body.request.is_some(),
        _ => false,
    };
    let reassessed = if rerun {
        let facts: HouseholdFacts = match (&body.facts, action) {
            (Some(input), Action::Investigate) => {
                let household = state.store.household(granted.scope(), current.household_id).await?;
                build(&state, granted.scope(), &household, input).await?.0
            }
            _ => parse(&current.facts, "facts")?,
        };
        let request: Request = match &body.request {
            Some(r) => r.clone(),
            None => parse(&current.request, "request")?,
        };
        let a = assess(programme, &region, &facts, &request, &policy, month);
        if let Some(over) = a.over_bound() {
            return Err(over.into());
        }
        Some((a, Reassessment {
            facts: serde_json::to_string(&facts).expect("facts"),
            request: body.request.as_ref().map(|r| serde_json::to_string(r).expect("request")),
            assessment: String::new(),
            eligible: false,
            monthly: 0,
            one_off: 0,
            members: 0,
        }))
    } else {
        None
    };
    let (eligible, approver) = match &reassessed {
        Some((a, _)) => (a.eligible, a.approver),
        None => (current.eligible, stored.approver),
    };
    if action == Action::Approve && !eligible {
        return Err(ApiError::invalid("action", "核算结果为不符合条件，不能批准；请不予批准或经入户调查更正家庭情况", "the means test says not eligible: reject, or correct the facts through a home visit"));
    }
    if action == Action::Approve && !workflow::may_on(ctx.role(), stage, action, approver) {
        return Err(ApiError::forbidden(
            "批准金额超过镇街审批权限，须报区县民政部门审批（见核算说明）",
            "the amount is over the town's approval authority: the district approves it (see the explanation)",
        ));
    }
    let reassessed = reassessed.map(|(a, r)| Reassessment {
        assessment: serde_json::to_string(&a).expect("assessment"),
        eligible: a.eligible,
        monthly: a.monthly.0,
        one_off: a.one_off.0,
        members: i64::from(a.members),
        ..r
    });

    let mut change = StageChange {
        stage: next,
        phase_started_on: current.phase_started_on,
        deadline: current.deadline,
        town_extended: current.town_extended,
        county_extended: current.county_extended,
        decided_on: current.decided_on,
        case_id: current.case_id,
        reassessed,
    };
    match action {
        Action::Extend => {
            let start = current.phase_started_on;
            match stage.phase() {
                Some(Phase::Town) if !current.town_extended => {
                    change.town_extended = true;
                    change.deadline = Some(workflow::deadline(&calendar, start, town_days, Some(town_days), None));
                }
                Some(Phase::County) if !current.county_extended => {
                    change.county_extended = true;
                    change.deadline = Some(workflow::deadline(&calendar, start, county_days, Some(county_days), None));
                }
                _ => return Err(ApiError::Conflict(minzheng_core::FieldError::new("action", "办理时限只能延长一次", "the time limit can be extended only once"))),
            }
        }
        _ if next == Stage::Approval && stage != Stage::Approval => {
            change.phase_started_on = today;
            change.deadline = Some(workflow::deadline(&calendar, today, county_days, None, None));
        }
        _ if next.is_final() => {
            change.deadline = None;
            change.decided_on = Some(today);
        }
        _ => {}
    }

    let mut tx = state.store.begin().await?;
    // the step may have been taken by someone else while this request waited for the write
    // transaction: say so (rather than, for an approval, "the household is already enrolled")
    state.store.claim_application(&mut tx, id, version).await?;
    if action == Action::Approve {
        let facts: HouseholdFacts = parse(&current.facts, "facts")?;
        let request: Request = match &body.request {
            Some(r) => r.clone(),
            None => parse(&current.request, "request")?,
        };
        let stable = is_stable(&facts, today);
        let cycle = param(&policy, if stable { ParamKey::ReviewMonthsStable } else { ParamKey::ReviewMonthsOther }, &region, month).clamp(1, 60);
        let next_review_on = today.checked_add_months(chrono::Months::new(cycle as u32)).unwrap_or(today);
        let case_id = state
            .store
            .enrol(&mut tx, &NewCase {
                region_code: region.clone(),
                programme,
                household_id: current.household_id,
                application_id: Some(current.id),
                head_name: current.applicant_name.clone(),
                start_month: month,
                facts,
                request,
                bank_name: current.bank_name.clone(),
                bank_account: current.bank_account.clone(),
                review_cycle_months: cycle,
                next_review_on,
                actor: ctx.actor().to_owned(),
            }, &policy)
            .await?;
        change.case_id = Some(case_id);
    }
    state.store.change_stage(&mut tx, id, version, &change).await?;
    let data = serde_json::json!({"visit": visit, "reason": if reason.is_empty() { None } else { Some(&reason) }, "reassessed": change.reassessed.is_some(), "case_id": change.case_id});
    let note = if reason.is_empty() { body.note.clone() } else if body.note.is_empty() { reason.clone() } else { format!("{reason}；{}", body.note) };
    state
        .store
        .insert_event(&mut tx, &NewEvent {
            application_id: id,
            region_code: current.region_code.as_str(),
            action: action.as_str(),
            stage_from: Some(stage.as_str()),
            stage_to: next.as_str(),
            actor: ctx.actor(),
            actor_role: ctx.role().as_str(),
            note: &note,
            data: data.to_string(),
        })
        .await?;
    state.store.audit(&mut tx, &ctx.entry(&format!("application.{}", action.as_str()), "application", id, current.region_code.as_str(), format!("{} -> {}", stage.as_str(), next.as_str()))).await?;
    tx.commit().await?;
    let a = state.store.application(granted.scope(), id).await?;
    Ok(Json(detail_of(&state, &ctx, a, false).await?))
}

/// 上传附件 attach a scan (pdf, jpg, png; at most 10 MB).
#[utoipa::path(post, path = "/api/v1/assistance/applications/{id}/attachments", tag = "assistance", params(("id" = i64, Path)), request_body(content = crate::extract::FileForm, content_type = "multipart/form-data", description = "file"), responses((status = 201, body = AttachmentMeta, description = "the attachment"), (status = 413), (status = 422)))]
pub async fn upload(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, multipart: Multipart) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    if !(ctx.role().can(Permission::AssistanceApply) || ctx.role().can(Permission::AssistanceProcess)) {
        return Err(ApiError::forbidden("当前角色不能上传申请材料", "your role may not attach files"));
    }
    let a = state.store.application(granted.scope(), id).await?;
    let (file, _) = crate::extract::multipart_form(multipart).await?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择要上传的文件", "no file was uploaded"))?;
    if bytes.len() > ATTACHMENT_LIMIT {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::invalid("file", "文件为空", "the file is empty"));
    }
    // trust the bytes, not the name
    let content_type = if bytes.starts_with(b"%PDF") {
        "application/pdf"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        return Err(ApiError::invalid("file", "只接受 PDF、JPG、PNG 格式的扫描件", "only PDF, JPG and PNG scans are accepted"));
    };
    let mut tx = state.store.begin().await?;
    let meta = state.store.insert_attachment(&mut tx, id, a.region_code.as_str(), &name, content_type, &bytes, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("application.attach", "application", id, a.region_code.as_str(), format!("{name} {} bytes sha256 {}", bytes.len(), meta.sha256))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(meta)).into_response())
}

/// 下载附件 an attachment (audited: scans carry personal data).
#[utoipa::path(get, path = "/api/v1/assistance/applications/{id}/attachments/{aid}", tag = "assistance", params(("id" = i64, Path), ("aid" = i64, Path)), responses((status = 200, description = "the scan as uploaded (PDF, JPG or PNG)", content_type = "application/octet-stream", body = crate::extract::FileBytes), (status = 404)))]
pub async fn attachment(State(state): State<AppState>, ctx: Ctx, Path((id, aid)): Path<(i64, i64)>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let a = state.store.application(granted.scope(), id).await?;
    let (meta, bytes) = state.store.attachment(id, aid).await?;
    state.store.audit_now(&ctx.entry("application.attachment", "application", id, a.region_code.as_str(), format!("attachment {aid} {}", meta.file_name))).await?;
    Ok(crate::registry::download(bytes, &meta.file_name, &meta.content_type))
}
