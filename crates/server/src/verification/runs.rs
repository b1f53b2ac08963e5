//! 核对 runs and 核对报告 reports.
use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_app::verification::runs;
use minzheng_core::access::Permission;
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::assistance::means::Assessment;
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::verification::{Conclusion, RunKind, RunStatus};
use minzheng_core::verification::matching::{Comparison, ConclusionReason, DeclaredSummary, MemberFindings};
use minzheng_store::page::Paging;
use minzheng_store::verification::runs::{ReportFilter, ReportSummary, RunRecord, RunScope, SnapshotRef};
use minzheng_store::{Scope, today};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::flags::{FlagView, flag_view};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct StartBody {
    #[schema(value_type = Option<minzheng_core::verification::RunKind>)]
    pub scope: Option<String>,
    pub application_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = reports::RunView)]
#[derive(Serialize)]
pub struct RunView {
    #[serde(flatten)]
    pub run: RunRecord,
    pub region_name: Option<String>,
    /// the report of a single-application run
    pub report_id: Option<i64>,
}

async fn run_view(state: &AppState, run: RunRecord) -> ApiResult<RunView> {
    let names = state.store.region_names(&[run.region_code.as_str().to_owned()]).await?;
    let report_id = if run.scope == RunKind::Application && run.status == RunStatus::Done {
        // the report of a run the caller already read in its own scope
        let page = state.store.list_reports(&Scope::system(), &ReportFilter { run_id: Some(run.id), ..Default::default() }, Paging::new(Some(1), Some(1))).await?;
        page.items.first().map(|r| r.id)
    } else {
        None
    };
    Ok(RunView { region_name: names.get(run.region_code.as_str()).cloned(), report_id, run })
}

/// The region a run covers: the one asked for, inside the account's scope (403 naming
/// `region_code`), or the account's own.
fn region_of(ctx: &Ctx, code: Option<&RegionCode>) -> ApiResult<RegionCode> {
    match code {
        Some(code) => {
            ctx.region_in_scope(code, "region_code")?;
            Ok(code.clone())
        }
        None => Ok(ctx.region().clone()),
    }
}

/// 开展核对 verify one application (answered when done) or a batch (answered at once; poll the run).
#[utoipa::path(post, path = "/api/v1/verification/runs", tag = "verification", request_body = StartBody, responses((status = 201, body = RunView, description = "a single application verified"), (status = 202, body = RunView, description = "a batch started"), (status = 422)))]
pub async fn start(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<StartBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::VerificationRun)?;
    let what = match body.scope.as_deref().map(str::trim) {
        Some("application") => RunScope::Application(body.application_id.ok_or_else(|| ApiError::invalid("application_id", "请指定申请编号", "application_id is required"))?),
        Some("cases") => RunScope::Cases {
            region: region_of(&ctx, body.region_code.as_ref())?,
            programme: body.programme,
        },
        Some("pending") => RunScope::Pending { region: region_of(&ctx, body.region_code.as_ref())? },
        _ => return Err(ApiError::invalid("scope", "核对范围须为 application（单个申请）、cases（在保家庭）或 pending（待核对申请）", "scope must be application, cases or pending")),
    };
    let month = YearMonth::of(today());
    let run = state.store.create_run(granted.scope(), &what, month, ctx.actor()).await?;
    state
        .store
        .audit_now(&ctx.entry("verification.run", "verification_run", run.id, run.region_code.as_str(), format!("{} {} households", run.scope, run.total)))
        .await?;
    let job = runs::job(&run);
    if let RunScope::Application(_) = what {
        // answered when done: the request waits, the run is still recorded as a job
        let store = state.store.clone();
        let run = state.jobs.run_inline(&job, runs::outcome, |progress| async move { runs::execute(&store, run.id, &progress).await }).await?;
        return Ok((StatusCode::CREATED, Json(run_view(&state, run).await?)).into_response());
    }
    state.jobs.enqueue(&job).await?;
    Ok((StatusCode::ACCEPTED, Json(run_view(&state, run).await?)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 核对任务 runs in the account's region, newest first.
#[utoipa::path(get, path = "/api/v1/verification/runs", tag = "verification", params(PageQuery), responses((status = 200, body = PageOf<RunView>, description = "a page of runs")))]
pub async fn runs(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PageQuery>) -> ApiResult<Json<PageOf<RunView>>> {
    let granted = ctx.grant(Permission::VerificationRead)?;
    let page = state.store.verification_runs(granted.scope(), Paging::new(q.page, q.page_size)).await?;
    let codes: Vec<String> = page.items.iter().map(|r| r.region_code.as_str().to_owned()).collect();
    let names = state.store.region_names(&codes).await?;
    let items = page.map(|run| RunView { region_name: names.get(run.region_code.as_str()).cloned(), report_id: None, run });
    Ok(Json(PageOf::from(items)))
}

/// 核对任务进度 a run with its progress.
#[utoipa::path(get, path = "/api/v1/verification/runs/{id}", tag = "verification", params(("id" = i64, Path)), responses((status = 200, body = RunView, description = "the run"), (status = 404)))]
pub async fn run(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<RunView>> {
    let granted = ctx.grant(Permission::VerificationRead)?;
    let run = state.store.verification_run(granted.scope(), id).await?;
    Ok(Json(run_view(&state, run).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    pub run_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    /// consistent | inconsistent | not_eligible
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(inline)]
    pub conclusion: Option<Conclusion>,
    pub flagged: Option<bool>,
    pub application_id: Option<i64>,
    pub case_id: Option<i64>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ReportItem {
    #[serde(flatten)]
    pub report: ReportSummary,
    pub region_name: Option<String>,
    pub conclusion_zh: &'static str,
}

fn conclusion_zh(c: &str) -> &'static str {
    Conclusion::parse(c).map(|c| c.zh()).unwrap_or("")
}

/// 核对报告列表 reports in the account's region (names masked).
#[utoipa::path(get, path = "/api/v1/verification/reports", tag = "verification", params(ReportQuery), responses((status = 200, body = PageOf<ReportItem>, description = "a page of reports")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ReportQuery>) -> ApiResult<Json<PageOf<ReportItem>>> {
    let granted = ctx.grant(Permission::VerificationRead)?;
    let filter = ReportFilter {
        run_id: q.run_id,
        conclusion: q.conclusion.map(|c| c.as_str().to_owned()),
        flagged: q.flagged == Some(true),
        application_id: q.application_id,
        case_id: q.case_id,
    };
    let scope = granted.within(q.region_code.as_ref())?;
    let page = state.store.list_reports(&scope, &filter, Paging::new(q.page, q.page_size)).await?;
    let codes: Vec<String> = page.items.iter().map(|r| r.region_code.clone()).collect();
    let names = state.store.region_names(&codes).await?;
    let items = page.map(|mut r| {
        r.applicant_name = mask_name(&r.applicant_name);
        ReportItem { region_name: names.get(&r.region_code).cloned(), conclusion_zh: conclusion_zh(&r.conclusion), report: r }
    });
    Ok(Json(PageOf::from(items)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DetailQuery {
    pub unmask: Option<bool>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ReportMember {
    #[serde(flatten)]
    pub findings: MemberFindings,
    pub relation: String,
}

/// A report's summary as its detail shows it: the list's [`ReportSummary`] without the member
/// count, since the detail's `members` is the list of members (one key, one meaning).
#[derive(utoipa::ToSchema)]
#[schema(as = reports::ReportHead)]
#[derive(Serialize)]
pub struct ReportHead {
    pub id: i64,
    pub run_id: i64,
    pub household_id: i64,
    pub application_id: Option<i64>,
    pub case_id: Option<i64>,
    pub programme: String,
    pub region_code: String,
    pub applicant_name: String,
    pub conclusion: String,
    pub declared_monthly: i64,
    pub verified_monthly: i64,
    pub flag_count: i64,
    pub open_flags: i64,
    pub created_by: String,
    pub created_at: String,
}

impl From<ReportSummary> for ReportHead {
    fn from(s: ReportSummary) -> Self {
        ReportHead {
            id: s.id,
            run_id: s.run_id,
            household_id: s.household_id,
            application_id: s.application_id,
            case_id: s.case_id,
            programme: s.programme,
            region_code: s.region_code,
            applicant_name: s.applicant_name,
            conclusion: s.conclusion,
            declared_monthly: s.declared_monthly,
            verified_monthly: s.verified_monthly,
            flag_count: s.flag_count,
            open_flags: s.open_flags,
            created_by: s.created_by,
            created_at: s.created_at,
        }
    }
}

#[derive(utoipa::ToSchema)]
#[schema(as = reports::ReportView)]
#[derive(Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub summary: ReportHead,
    pub region_name: Option<String>,
    pub month: String,
    pub snapshots: Vec<SnapshotView>,
    pub members: Vec<ReportMember>,
    pub comparisons: Vec<Comparison>,
    pub declared: DeclaredSummary,
    pub verified: Assessment,
    pub conclusion_zh: &'static str,
    pub conclusion_en: &'static str,
    pub reasons: Vec<ConclusionReason>,
    pub flags: Vec<FlagView>,
    pub masked: bool,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SnapshotView {
    #[serde(flatten)]
    pub snapshot: SnapshotRef,
    pub feed_zh: &'static str,
}

/// 核对报告 a report: findings per member and source, comparisons, the means test on the verified
/// figures, the conclusion and the flags. Every look is audited.
#[utoipa::path(get, path = "/api/v1/verification/reports/{id}", tag = "verification", params(("id" = i64, Path), DetailQuery), responses((status = 200, body = ReportView, description = "the report"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<DetailQuery>) -> ApiResult<Json<ReportView>> {
    let granted = ctx.grant(Permission::VerificationRead)?;
    let unmask = q.unmask == Some(true);
    if unmask {
        ctx.require(Permission::PersonUnmask)?;
    }
    let (mut summary, body) = state.store.report(granted.scope(), id).await?;
    state
        .store
        .audit_now(&ctx.entry("verification.report.read", "verification_report", id, &summary.region_code, if unmask { "unmasked" } else { "masked" }))
        .await?;
    let names = state.store.region_names(std::slice::from_ref(&summary.region_code)).await?;
    let flags = state.store.flags_of_report(id).await?;
    let relation_of: HashMap<i64, String> =
        body.relations.iter().map(|(id, code)| (*id, minzheng_core::registry::person::Relation::parse(code).map(|r| r.zh().to_owned()).unwrap_or_default())).collect();
    // the run of a report read in scope: a district's run covers more than a town's reader sees
    let snapshots = state.store.verification_run(&Scope::system(), summary.run_id).await?.snapshots;
    let mut verified = body.verified;
    let mut members: Vec<ReportMember> = body
        .members
        .into_iter()
        .map(|m| ReportMember { relation: relation_of.get(&m.person_id).cloned().unwrap_or_default(), findings: m })
        .collect();
    if !unmask {
        summary.applicant_name = mask_name(&summary.applicant_name);
        for m in &mut members {
            let masked = mask_name(&m.findings.name);
            for l in &mut verified.explanation {
                l.zh = l.zh.replace(&m.findings.name, &masked);
                l.en = l.en.replace(&m.findings.name, &masked);
            }
            for s in &mut verified.shares {
                if s.name == m.findings.name {
                    s.name = masked.clone();
                }
            }
            m.findings.name = masked;
            m.findings.id_number = mask_id_number(&m.findings.id_number);
        }
    }
    let conclusion = body.conclusion;
    Ok(Json(ReportView {
        region_name: names.get(&summary.region_code).cloned(),
        month: body.month,
        snapshots: snapshots
            .into_iter()
            .map(|s| SnapshotView { feed_zh: s.feed.zh(), snapshot: s })
            .collect(),
        members,
        comparisons: body.comparisons,
        declared: body.declared,
        verified,
        conclusion_zh: conclusion.zh(),
        conclusion_en: conclusion.en(),
        reasons: body.reasons,
        flags: flags.into_iter().map(|f| flag_view(f, &names)).collect(),
        masked: !unmask,
        summary: summary.into(),
    }))
}
