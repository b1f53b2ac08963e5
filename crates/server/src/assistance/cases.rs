//! 在保对象 enrolled cases: the breakdown, amounts, payments; reviews, deaths and exits
//! (动态管理).
use axum::Json;
use axum::extract::{Path, State};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::assistance::means::{Assessment, HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_store::assistance::cases::{AdjustmentRecord, AmountRecord, CaseEvent, CaseFilter, CaseRecord, PaymentRecord, RecalcSummary, Review};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::facts::{FactsInput, build};
use super::{month, param};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub programme: Programme,
    pub programme_zh: String,
    pub region_code: RegionCode,
    pub region_name: Option<String>,
    pub household_id: i64,
    pub application_id: Option<i64>,
    pub head_name: String,
    pub status: String,
    pub start_month: String,
    pub end_month: Option<String>,
    pub members: i64,
    pub monthly: i64,
    pub one_off: i64,
    pub next_review_on: String,
    pub review_due: bool,
    pub review_cycle_months: i64,
    pub exit_proposed: bool,
    pub exit_reason: Option<String>,
    pub bank_name: String,
    pub bank_account: String,
    pub version: i64,
}

fn summary(c: &CaseRecord, today: NaiveDate) -> CaseSummary {
    CaseSummary {
        id: c.id,
        programme: c.programme,
        programme_zh: c.programme.zh().to_owned(),
        region_code: c.region_code.clone(),
        region_name: c.region_name.clone(),
        household_id: c.household_id,
        application_id: c.application_id,
        head_name: mask_name(&c.head_name),
        status: c.status.clone(),
        start_month: c.start_month.clone(),
        end_month: c.end_month.clone(),
        members: c.members,
        monthly: c.monthly,
        one_off: c.one_off,
        review_due: c.status == "active" && c.next_review_on <= today.to_string(),
        next_review_on: c.next_review_on.clone(),
        review_cycle_months: c.review_cycle_months,
        exit_proposed: c.exit_proposed,
        exit_reason: c.exit_reason.clone(),
        bank_name: c.bank_name.clone(),
        bank_account: mask_id_number(&c.bank_account),
        version: c.version,
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: CaseSummary,
    /// the breakdown for the current month, from the case's facts and the parameters in force
    pub assessment: Assessment,
    /// the household facts (HouseholdFacts), masked: each member's `birth_year` instead of
    /// `birth_date`
    pub facts: super::facts::FactsView,
    pub amounts: Vec<AmountRecord>,
    pub payments: Vec<PaymentRecord>,
    pub adjustments: Vec<AdjustmentRecord>,
    pub events: Vec<CaseEvent>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    /// active | stopped
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    /// review due within 30 days
    pub review_due: Option<bool>,
    pub exit_proposed: Option<bool>,
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 在保对象列表 enrolled cases in the account's region.
#[utoipa::path(get, path = "/api/v1/assistance/cases", tag = "assistance", params(CaseQuery), responses((status = 200, body = PageOf<CaseSummary>, description = "a page of cases")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<CaseQuery>) -> ApiResult<Json<PageOf<CaseSummary>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let today = today();
    let status = q.status.as_deref().filter(|s| !s.is_empty());
    if status.is_some_and(|s| !matches!(s, "active" | "stopped")) {
        return Err(ApiError::invalid("status", "状态须为 active（在保）或 stopped（已终止）", "status must be active or stopped"));
    }
    let filter = CaseFilter {
        programme: q.programme.map(|p| p.as_str().to_owned()),
        status: status.map(str::to_owned),
        review_due_by: (q.review_due == Some(true)).then(|| (today + chrono::Duration::days(30)).to_string()),
        exit_proposed: q.exit_proposed == Some(true),
        q: q.q.clone(),
    };
    let scope = granted.within(q.region.as_ref())?;
    let page = state.store.list_cases(&scope, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = page.items.iter().map(|c| summary(c, today)).collect();
    Ok(Json(PageOf::of(page, items)))
}

async fn detail_of(state: &AppState, c: CaseRecord) -> ApiResult<CaseDetail> {
    let mut facts: HouseholdFacts = serde_json::from_str(&c.facts).map_err(|e| ApiError::Internal(format!("case facts: {e}")))?;
    let programme = c.programme;
    let policy = state.store.policy().await?;
    let region = c.region_code.clone();
    let mut assessment = assess(programme, &region, &facts, &Request::default(), &policy, YearMonth::of(today()));
    super::facts::mask_names(&mut facts, &mut assessment, &mut []);
    Ok(CaseDetail {
        summary: summary(&c, today()),
        assessment,
        facts: super::facts::facts_view(&facts, true),
        amounts: state.store.case_amounts(c.id).await?,
        payments: state.store.case_payments(c.id).await?,
        adjustments: state.store.case_adjustments(c.id).await?,
        events: state.store.case_events(c.id).await?,
    })
}

/// 在保对象详情 a case with its breakdown, amount history, payments, corrections and events.
#[utoipa::path(get, path = "/api/v1/assistance/cases/{id}", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, body = CaseDetail, description = "the case"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<CaseDetail>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let c = state.store.case(granted.scope(), id).await?;
    Ok(Json(detail_of(&state, c).await?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = cases::ReviewBody)]
#[derive(Deserialize)]
pub struct ReviewBody {
    pub facts: Option<FactsInput>,
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CaseChange {
    pub case: CaseDetail,
    pub recalculation: RecalcSummary,
}

/// 复核 review a case: the means test again from next month; not eligible → proposed for exit.
#[utoipa::path(post, path = "/api/v1/assistance/cases/{id}/review", tag = "assistance", request_body = ReviewBody, params(("id" = i64, Path)), responses((status = 200, body = CaseChange, description = "the case after the review"), (status = 409), (status = 422)))]
pub async fn review(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ReviewBody>) -> ApiResult<Json<CaseChange>> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    if body.note.trim().is_empty() {
        return Err(ApiError::invalid("note", "请填写复核情况", "the review findings are required"));
    }
    let c = state.store.case(granted.scope(), id).await?;
    let facts = match &body.facts {
        Some(input) => {
            let household = state.store.household(granted.scope(), c.household_id).await?;
            Some(build(&state, granted.scope(), &household, input).await?.0)
        }
        None => None,
    };
    let policy = state.store.policy().await?;
    let region = c.region_code.clone();
    let today = today();
    let m = YearMonth::of(today);
    let cycles = (param(&policy, ParamKey::ReviewMonthsStable, &region, m), param(&policy, ParamKey::ReviewMonthsOther, &region, m));
    let mut tx = state.store.begin().await?;
    let summary = state.store.record_review(&mut tx, granted.scope(), id, Review { version, facts, note: body.note.trim(), cycle_months: cycles }, &policy, today, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("case.review", "case", id, c.region_code.as_str(), format!("leave={} monthly_after={}", summary.leave, summary.monthly_after))).await?;
    tx.commit().await?;
    let c = state.store.case(granted.scope(), id).await?;
    Ok(Json(CaseChange { case: detail_of(&state, c).await?, recalculation: summary }))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DeathBody {
    pub person_id: Option<i64>,
    pub death_date: Option<String>,
}

/// 死亡登记 a member died: their share stops from the month after; overpaid months are recovered.
#[utoipa::path(post, path = "/api/v1/assistance/cases/{id}/death", tag = "assistance", request_body = DeathBody, params(("id" = i64, Path)), responses((status = 200, body = CaseChange, description = "the case after the death"), (status = 409), (status = 422)))]
pub async fn death(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<DeathBody>) -> ApiResult<Json<CaseChange>> {
    let granted = ctx.grant(Permission::AssistanceProcess)?;
    let person_id = body.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择死亡的成员", "person_id is required"))?;
    let today = today();
    let date = body
        .death_date
        .as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .filter(|d| *d <= today)
        .ok_or_else(|| ApiError::invalid("death_date", "死亡日期格式不正确或晚于今天", "death_date is malformed or in the future"))?;
    let c = state.store.case(granted.scope(), id).await?;
    let policy = state.store.policy().await?;
    let mut tx = state.store.begin().await?;
    let summary = state.store.record_death(&mut tx, granted.scope(), id, person_id, date, &policy, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("case.death", "case", id, c.region_code.as_str(), format!("person {person_id} died {date}"))).await?;
    tx.commit().await?;
    let c = state.store.case(granted.scope(), id).await?;
    Ok(Json(CaseChange { case: detail_of(&state, c).await?, recalculation: summary }))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ExitBody {
    #[serde(default)]
    pub reason: String,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub end_month: Option<YearMonth>,
    pub version: Option<i64>,
}

/// 退出 stop a case after its last paid month (district).
#[utoipa::path(post, path = "/api/v1/assistance/cases/{id}/exit", tag = "assistance", request_body = ExitBody, params(("id" = i64, Path)), responses((status = 200, body = CaseDetail, description = "the stopped case"), (status = 409), (status = 422)))]
pub async fn exit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ExitBody>) -> ApiResult<Json<CaseDetail>> {
    let granted = ctx.grant(Permission::AssistanceApprove)?;
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let reason = body.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", "请填写退出原因", "the reason is required"));
    }
    let end = month(body.end_month, "end_month")?;
    let c = state.store.case(granted.scope(), id).await?;
    let mut tx = state.store.begin().await?;
    state.store.exit_case(&mut tx, granted.scope(), id, version, end, reason, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("case.exit", "case", id, c.region_code.as_str(), format!("end {end}: {reason}"))).await?;
    tx.commit().await?;
    let c = state.store.case(granted.scope(), id).await?;
    Ok(Json(detail_of(&state, c).await?))
}
