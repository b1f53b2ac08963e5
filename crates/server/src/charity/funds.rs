//! 基金、项目、募捐活动 funds, projects and campaigns, and the vocabularies of the charity forms.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use minzheng_core::access::Permission;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::charity::funds::{CampaignRecord, DayAmount, FundRecord, NewCampaign, NewProject, ProjectRecord};
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use super::{CodeView, amount_param, required_text};
pub use minzheng_app::charity::names::{categories, channels, designation_kinds, donor_kinds, forms, label, recipient_kinds};
use minzheng_core::charity::kinds::ProjectStatus;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};

#[derive(OpenApi)]
#[openapi(paths(meta, funds, create_fund, projects, create_project, project, campaigns, create_campaign, campaign))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/charity/meta", get(meta))
        .route("/charity/funds", get(funds).post(create_fund))
        .route("/charity/projects", get(projects).post(create_project))
        .route("/charity/projects/{id}", get(project))
        .route("/charity/campaigns", get(campaigns).post(create_campaign))
        .route("/charity/campaigns/{id}", get(campaign))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MetaView {
    pub categories: Vec<CodeView>,
    pub designation_kinds: Vec<CodeView>,
    pub donor_kinds: Vec<CodeView>,
    pub forms: Vec<CodeView>,
    pub channels: Vec<CodeView>,
    pub recipient_kinds: Vec<CodeView>,
}

/// 慈善字典 the vocabularies of the charity's forms.
#[utoipa::path(get, path = "/api/v1/charity/meta", tag = "charity", responses((status = 200, body = MetaView, description = "the vocabularies")))]
pub async fn meta(ctx: Ctx) -> ApiResult<Json<MetaView>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(MetaView {
        categories: categories(),
        designation_kinds: designation_kinds(),
        donor_kinds: donor_kinds(),
        forms: forms(),
        channels: channels(),
        recipient_kinds: recipient_kinds(),
    }))
}

// ---- funds ----

/// 基金 the funds with what was given to them, spent from them and held for them.
#[utoipa::path(get, path = "/api/v1/charity/funds", tag = "charity", responses((status = 200, body = Vec<FundRecord>, description = "the funds")))]
pub async fn funds(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<FundRecord>>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.charity_funds().await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct FundBody {
    /// 2–16 capital letters or digits
    pub code: Option<String>,
    pub name: Option<String>,
    pub purpose: Option<String>,
}

/// 新设基金 create a fund.
#[utoipa::path(post, path = "/api/v1/charity/funds", tag = "charity", request_body = FundBody, responses((status = 201, body = FundRecord, description = "the fund"), (status = 409), (status = 422)))]
pub async fn create_fund(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<FundBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharityRecord)?;
    let code = b.code.as_deref().map(str::trim).unwrap_or("").to_ascii_uppercase();
    if !(2..=16).contains(&code.len()) || !code.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return Err(ApiError::invalid("code", "基金代码须为2至16位大写字母或数字", "code must be 2 to 16 capital letters or digits"));
    }
    let name = required_text("name", "基金名称", b.name.as_deref(), 60)?;
    let purpose = required_text("purpose", "基金用途", b.purpose.as_deref(), 500)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.charity_insert_fund(&mut tx, &code, &name, &purpose, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("charity.fund.create", "charity_fund", id, ctx.region().as_str(), format!("{code} {name}"))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.charity_fund(id).await?)).into_response())
}

// ---- projects ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProjectView {
    #[serde(flatten)]
    pub p: ProjectRecord,
    pub region_name: String,
    /// raised against the target, in whole percent (capped at 999)
    pub progress_pct: i64,
}

pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { (i128::from(part) * 100 / i128::from(whole)).clamp(0, 999) as i64 }
}

pub async fn project_views(state: &AppState, items: Vec<ProjectRecord>) -> ApiResult<Vec<ProjectView>> {
    let codes: Vec<String> = items.iter().map(|p| p.region_code.as_str().to_owned()).collect();
    let names = state.store.region_names(&codes).await?;
    Ok(items
        .into_iter()
        .map(|p| ProjectView { region_name: names.get(p.region_code.as_str()).cloned().unwrap_or_default(), progress_pct: percent(p.raised_fen, p.target_fen), p })
        .collect())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    pub fund_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<ProjectStatus>,
}

/// 慈善项目 projects with their targets and progress.
#[utoipa::path(get, path = "/api/v1/charity/projects", tag = "charity", params(ProjectQuery), responses((status = 200, body = Vec<ProjectView>, description = "the projects")))]
pub async fn projects(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ProjectQuery>) -> ApiResult<Json<Vec<ProjectView>>> {
    ctx.require(Permission::CharityRead)?;
    let items = state.store.charity_projects(q.fund_id, q.status).await?;
    Ok(Json(project_views(&state, items).await?))
}

/// 项目详情 one project.
#[utoipa::path(get, path = "/api/v1/charity/projects/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = ProjectView, description = "the project"), (status = 404)))]
pub async fn project(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ProjectView>> {
    ctx.require(Permission::CharityRead)?;
    let p = state.store.charity_project(id).await?;
    Ok(Json(project_views(&state, vec![p]).await?.remove(0)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct ProjectBody {
    pub fund_id: Option<i64>,
    pub name: Option<String>,
    /// where the project works (the district, a town or a village)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub target_fen: Option<i64>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub starts_on: Option<chrono::NaiveDate>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub ends_on: Option<chrono::NaiveDate>,
}

/// 新建项目 create a project under a fund.
#[utoipa::path(post, path = "/api/v1/charity/projects", tag = "charity", request_body = ProjectBody, responses((status = 201, body = ProjectView, description = "the project"), (status = 422)))]
pub async fn create_project(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<ProjectBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharityRecord)?;
    let fund_id = b.fund_id.ok_or_else(|| ApiError::invalid("fund_id", "请选择基金", "fund_id is required"))?;
    state.store.charity_fund(fund_id).await.map_err(|_| ApiError::invalid("fund_id", "基金不存在", "no such fund"))?;
    let name = required_text("name", "项目名称", b.name.as_deref(), 80)?;
    let region = b.region_code.ok_or_else(|| ApiError::invalid("region_code", "请选择项目实施地区", "region_code is required"))?;
    state.store.known_region(&region, "region_code").await?;
    let target_fen = amount_param("target_fen", b.target_fen)?;
    let description = b.description.as_deref().map(str::trim).unwrap_or("").to_owned();
    let starts_on = b.starts_on.unwrap_or_else(today);
    let ends_on = b.ends_on;
    if ends_on.is_some_and(|e| e < starts_on) {
        return Err(ApiError::invalid("ends_on", "结束日期不能早于开始日期", "ends_on is before starts_on"));
    }
    let p = NewProject { fund_id, name: name.clone(), region_code: region, target_fen, description, starts_on, ends_on };
    let mut tx = state.store.begin().await?;
    let id = state.store.charity_insert_project(&mut tx, &p, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("charity.project.create", "charity_project", id, p.region_code.as_str(), name)).await?;
    tx.commit().await?;
    let p = state.store.charity_project(id).await?;
    Ok((StatusCode::CREATED, Json(project_views(&state, vec![p]).await?.remove(0))).into_response())
}

// ---- campaigns ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CampaignView {
    #[serde(flatten)]
    pub c: CampaignRecord,
    pub progress_pct: i64,
    /// running today
    pub active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_day: Option<Vec<DayAmount>>,
}

pub fn campaign_view(c: CampaignRecord, by_day: Option<Vec<DayAmount>>) -> CampaignView {
    let today = today();
    CampaignView { progress_pct: percent(c.raised_fen, c.target_fen), active: c.starts_on <= today && today <= c.ends_on, by_day, c }
}

/// 募捐活动 campaigns with target and progress.
#[utoipa::path(get, path = "/api/v1/charity/campaigns", tag = "charity", responses((status = 200, body = Vec<CampaignView>, description = "the campaigns")))]
pub async fn campaigns(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<CampaignView>>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.charity_campaigns().await?.into_iter().map(|c| campaign_view(c, None)).collect()))
}

/// 活动详情 a campaign with what it raised day by day.
#[utoipa::path(get, path = "/api/v1/charity/campaigns/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = CampaignView, description = "the campaign"), (status = 404)))]
pub async fn campaign(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<CampaignView>> {
    ctx.require(Permission::CharityRead)?;
    let c = state.store.charity_campaign(id).await?;
    let days = state.store.charity_campaign_days(id).await?;
    Ok(Json(campaign_view(c, Some(days))))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct CampaignBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub starts_on: Option<chrono::NaiveDate>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub ends_on: Option<chrono::NaiveDate>,
    pub target_fen: Option<i64>,
    pub description: Option<String>,
}

/// 新建募捐活动 create a campaign (such as 广东扶贫济困日, 30 June).
#[utoipa::path(post, path = "/api/v1/charity/campaigns", tag = "charity", request_body = CampaignBody, responses((status = 201, body = CampaignView, description = "the campaign"), (status = 422)))]
pub async fn create_campaign(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<CampaignBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharityRecord)?;
    let name = required_text("name", "活动名称", b.name.as_deref(), 80)?;
    let starts_on = b.starts_on.ok_or_else(|| ApiError::invalid("starts_on", "请填写开始日期", "starts_on is required"))?;
    let ends_on = b.ends_on.ok_or_else(|| ApiError::invalid("ends_on", "请填写结束日期", "ends_on is required"))?;
    if ends_on < starts_on {
        return Err(ApiError::invalid("ends_on", "结束日期不能早于开始日期", "ends_on is before starts_on"));
    }
    let target_fen = amount_param("target_fen", b.target_fen)?;
    let c = NewCampaign { name: name.clone(), starts_on, ends_on, target_fen, description: b.description.as_deref().map(str::trim).unwrap_or("").to_owned() };
    let mut tx = state.store.begin().await?;
    let id = state.store.charity_insert_campaign(&mut tx, &c, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("charity.campaign.create", "charity_campaign", id, ctx.region().as_str(), name)).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(campaign_view(state.store.charity_campaign(id).await?, None))).into_response())
}
