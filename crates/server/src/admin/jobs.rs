//! 后台任务 the administrator's view of the job runner: every job of the account's region, its
//! progress and its outcome (the jobs themselves run in `minzheng_app::jobs`).
use axum::Json;
use axum::extract::{Path, State};
use minzheng_app::jobs::kind_label;
use minzheng_core::access::Permission;
use minzheng_store::jobs::{JobFilter, JobRecord, JobState};
use minzheng_store::page::Paging;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    /// import | verification.run | outreach.run | charity.checkpoints | charity.verification
    pub kind: Option<String>,
    /// queued | running | succeeded | failed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub state: Option<JobState>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct JobView {
    #[serde(flatten)]
    pub job: JobRecord,
    pub kind_zh: &'static str,
    pub kind_en: &'static str,
    pub state_zh: &'static str,
    /// the region's name ('' for a system job over the whole district)
    pub region_name: Option<String>,
}

async fn views(state: &AppState, jobs: Vec<JobRecord>) -> ApiResult<Vec<JobView>> {
    let codes: Vec<String> = jobs.iter().map(|j| j.region_code.clone()).filter(|c| !c.is_empty()).collect();
    let names = state.store.region_names(&codes).await?;
    Ok(jobs
        .into_iter()
        .map(|job| {
            let (kind_zh, kind_en) = kind_label(&job.kind);
            JobView { kind_zh, kind_en, state_zh: job.state.zh(), region_name: names.get(&job.region_code).cloned(), job }
        })
        .collect())
}

/// 后台任务列表 the jobs of the account's region (and the district's system jobs for an account of
/// the whole district), newest first.
#[utoipa::path(get, path = "/api/v1/admin/jobs", tag = "admin", params(JobQuery), responses((status = 200, body = PageOf<JobView>, description = "a page of jobs"), (status = 422)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<JobQuery>) -> ApiResult<Json<PageOf<JobView>>> {
    let granted = ctx.grant(Permission::JobRead)?;
    let filter = JobFilter { kind: q.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned), state: q.state };
    let mut page = state.store.jobs_page(granted.scope(), &filter, Paging::new(q.page, q.page_size)).await?;
    let items = views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

/// 后台任务详情 one job with its parameters, progress and outcome.
#[utoipa::path(get, path = "/api/v1/admin/jobs/{id}", tag = "admin", params(("id" = i64, Path)), responses((status = 200, body = JobView, description = "the job"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<JobView>> {
    let granted = ctx.grant(Permission::JobRead)?;
    let job = state.store.job(granted.scope(), id).await?;
    let mut v = views(&state, vec![job]).await?;
    Ok(Json(v.remove(0)))
}
