//! 入户抽查 the yearly re-inspection sample: the draw (district) and the visits (town, village).
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::access::Permission;
use minzheng_core::assistance::YearMonth;
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::mask::mask_name;
use minzheng_core::verification::sampling;
use minzheng_core::verification::sampling::VisitOutcome as Outcome;
use minzheng_store::assistance::town_of;
use minzheng_store::page::Paging;
use minzheng_store::today;
use minzheng_store::verification::sampling::{DrawRecord, ItemFilter, SampleItem};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::AppState;
use crate::assistance::param;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Granted, ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;


#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct TownView {
    pub town_code: String,
    pub town_name: Option<String>,
    pub population: i64,
    pub city: i64,
    pub district: i64,
    pub done: i64,
}

#[derive(utoipa::ToSchema)]
#[schema(as = verification::sampling::DrawView)]
#[derive(Serialize)]
pub struct DrawView {
    pub id: i64,
    pub year: i64,
    pub region_code: String,
    pub region_name: Option<String>,
    pub seed: String,
    pub population: i64,
    pub city_count: i64,
    pub district_count: i64,
    pub city_share_permille: i64,
    pub district_share_permille: i64,
    pub by_town: Vec<TownView>,
    pub created_by: String,
    pub created_at: String,
}

async fn draw_view(state: &AppState, d: DrawRecord) -> ApiResult<DrawView> {
    let mut codes: Vec<String> = d.by_town.iter().map(|t| t.town_code.clone()).collect();
    codes.push(d.region_code.clone());
    let names = state.store.region_names(&codes).await?;
    Ok(DrawView {
        id: d.id,
        year: d.year,
        region_name: names.get(&d.region_code).cloned(),
        region_code: d.region_code,
        seed: d.seed,
        population: d.population,
        city_count: d.city_count,
        district_count: d.district_count,
        city_share_permille: d.city_share_permille,
        district_share_permille: d.district_share_permille,
        by_town: d
            .by_town
            .into_iter()
            .map(|t| TownView { town_name: names.get(&t.town_code).cloned(), town_code: t.town_code, population: t.population, city: t.city, district: t.district, done: t.done })
            .collect(),
        created_by: d.created_by,
        created_at: d.created_at,
    })
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DrawBody {
    pub year: Option<i32>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub seed: Option<String>,
    pub city_household_ids: Option<Vec<i64>>,
}

/// 抽取入户抽查名单 draw the year's re-inspection sample of a region's dibao households.
#[utoipa::path(post, path = "/api/v1/verification/sampling", tag = "verification", request_body = DrawBody, responses((status = 201, body = DrawView, description = "the draw"), (status = 409, description = "already drawn this year"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<DrawBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::SamplingDraw)?;
    let today = today();
    let year = body.year.ok_or_else(|| ApiError::invalid("year", "请填写年度", "year is required"))?;
    if !(2000..=today.year() + 1).contains(&year) {
        return Err(ApiError::invalid("year", format!("年度应在2000至{}之间", today.year() + 1), "the year is out of range"));
    }
    let region = match body.region_code {
        Some(code) => {
            ctx.region_in_scope(&code, "region_code")?;
            code
        }
        None => ctx.region().clone(),
    };
    let seed = match body.seed.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric()) => s.to_owned(),
        Some(_) => return Err(ApiError::invalid("seed", "随机种子只能包含字母和数字，最多40位", "the seed may hold at most 40 letters and digits")),
        None => format!("{:016x}", rand::random::<u64>()),
    };
    let month = YearMonth::of(today);
    let policy = state.store.policy().await?;
    let shares = (param(&policy, ParamKey::SamplingCityShare, &region, month), param(&policy, ParamKey::SamplingDistrictShare, &region, month));
    let population = state.store.sampling_population(&region).await?;
    if population.is_empty() {
        return Err(ApiError::invalid("region_code", "该地区没有在保的低保家庭，无需抽查", "the region has no active dibao household"));
    }
    let units: Vec<(i64, String)> = population.iter().map(|(_, h, r)| (*h, town_of(r))).collect();
    let draw = sampling::draw(&units, &seed, shares.0, shares.1, body.city_household_ids.as_deref());
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_draw(&mut tx, year, region.as_str(), &seed, shares, &population, &draw, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("verification.sampling.draw", "sampling_draw", id, region.as_str(), format!("{year} seed {seed}: {} of {}", draw.items.len(), population.len())))
        .await?;
    tx.commit().await?;
    let d = state.store.draw(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(draw_view(&state, d).await?)).into_response())
}

/// 抽查名单 the draws visible to the account.
#[utoipa::path(get, path = "/api/v1/verification/sampling", tag = "verification", responses((status = 200, body = Vec<DrawView>, description = "the draws")))]
pub async fn draws(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<DrawView>>> {
    let granted = require_any(&ctx)?;
    let mut out = Vec::new();
    for d in state.store.draws(granted.scope()).await? {
        out.push(draw_view(&state, d).await?);
    }
    Ok(Json(out))
}

/// Visitors and readers of verification both see the draws of their scope.
fn require_any(ctx: &Ctx) -> ApiResult<Granted<'_>> {
    ctx.grant_any(&[Permission::SamplingVisit, Permission::VerificationRead])
}

/// 抽查名单详情 a draw with its counts by town.
#[utoipa::path(get, path = "/api/v1/verification/sampling/{id}", tag = "verification", params(("id" = i64, Path)), responses((status = 200, body = DrawView, description = "the draw"), (status = 404)))]
pub async fn draw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<DrawView>> {
    let granted = require_any(&ctx)?;
    let d = state.store.draw(granted.scope(), id).await?;
    Ok(Json(draw_view(&state, d).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// city | district
    #[param(value_type = Option<minzheng_core::verification::sampling::Sample>, inline)]
    pub sample: Option<String>,
    /// pending | done
    #[param(value_type = Option<minzheng_core::verification::sampling::ItemStatus>, inline)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub town: Option<RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = verification::sampling::ItemView)]
#[derive(Serialize)]
pub struct ItemView {
    #[serde(flatten)]
    pub item: SampleItem,
    pub region_name: Option<String>,
    pub outcome_zh: Option<&'static str>,
}

async fn item_views(state: &AppState, items: Vec<SampleItem>) -> ApiResult<Vec<ItemView>> {
    let codes: Vec<String> = items.iter().map(|i| i.region_code.clone()).collect();
    let names = state.store.region_names(&codes).await?;
    Ok(items
        .into_iter()
        .map(|mut i| {
            i.applicant_name = mask_name(&i.applicant_name);
            i.address = minzheng_core::mask::mask_address(&i.address);
            ItemView { region_name: names.get(&i.region_code).cloned(), outcome_zh: i.outcome.as_deref().and_then(Outcome::parse).map(Outcome::zh), item: i }
        })
        .collect())
}

/// 抽查对象 the households drawn, in the account's region.
#[utoipa::path(get, path = "/api/v1/verification/sampling/{id}/items", tag = "verification", params(("id" = i64, Path), ItemQuery), responses((status = 200, body = PageOf<ItemView>, description = "a page of drawn households")))]
pub async fn items(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<ItemQuery>) -> ApiResult<Json<PageOf<ItemView>>> {
    let granted = require_any(&ctx)?;
    state.store.draw(granted.scope(), id).await?;
    let sample = q.sample.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if sample.is_some_and(|s| !matches!(s, "city" | "district")) {
        return Err(ApiError::invalid("sample", "抽查类别须为 city（市抽查）或 district（区抽查）", "sample must be city or district"));
    }
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| !matches!(s, "pending" | "done")) {
        return Err(ApiError::invalid("status", "状态须为 pending（待入户）或 done（已入户）", "status must be pending or done"));
    }
    let town = match q.town {
        // the town around a village officer's village: his scope already narrows it
        Some(code) if granted.scope().root().is_some_and(|r| code.contains(r)) => Some(code),
        town => {
            granted.within(town.as_ref())?;
            town
        }
    };
    let filter = ItemFilter { sample: sample.map(str::to_owned), status: status.map(str::to_owned), town: town.map(|t| t.as_str().to_owned()) };
    let mut page = state.store.sample_items(granted.scope(), id, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = item_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

/// 抽查对象详情 one drawn household (for the visit page).
#[utoipa::path(get, path = "/api/v1/verification/sampling/items/{id}", tag = "verification", params(("id" = i64, Path)), responses((status = 200, body = ItemView, description = "the drawn household"), (status = 404)))]
pub async fn item(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ItemView>> {
    let granted = require_any(&ctx)?;
    let item = state.store.sample_item(granted.scope(), id).await?;
    Ok(Json(item_views(&state, vec![item]).await?.pop().ok_or(ApiError::NotFound)?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = sampling::VisitBody)]
#[derive(Deserialize)]
pub struct VisitBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub note: String,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub visited_on: Option<chrono::NaiveDate>,
    pub version: Option<i64>,
}

/// 登记入户抽查 record the re-inspection of a drawn household.
#[utoipa::path(post, path = "/api/v1/verification/sampling/items/{id}/visit", tag = "verification", request_body = VisitBody, params(("id" = i64, Path)), responses((status = 200, body = ItemView, description = "the recorded household"), (status = 409), (status = 422)))]
pub async fn visit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<VisitBody>) -> ApiResult<Json<ItemView>> {
    let granted = ctx.grant(Permission::SamplingVisit)?;
    let outcome = body.outcome.ok_or_else(|| {
        ApiError::invalid("outcome", "请选择抽查结果：情况属实、情况有变化、不再符合条件或未能入户", "outcome must be consistent, changed, not_eligible or absent")
    })?;
    let note = body.note.trim();
    if outcome != Outcome::Consistent && note.chars().count() < 4 {
        return Err(ApiError::invalid("note", "请填写核查情况说明（至少4个字）", "describe what was found (at least 4 characters)"));
    }
    let today = today();
    let visited_on = match body.visited_on {
        None => today,
        Some(d) if d <= today => d,
        Some(_) => return Err(ApiError::invalid("visited_on", "入户日期晚于今天", "visited_on is in the future")),
    };
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let before = state.store.sample_item(granted.scope(), id).await?;
    let mut tx = state.store.begin().await?;
    state.store.record_visit(&mut tx, granted.scope(), id, version, outcome.as_str(), note, &visited_on.to_string(), ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("verification.sampling.visit", "sampling_item", id, &before.region_code, format!("{}: {note}", outcome.as_str()))).await?;
    tx.commit().await?;
    let item = state.store.sample_item(granted.scope(), id).await?;
    Ok(Json(item_views(&state, vec![item]).await?.pop().ok_or(ApiError::NotFound)?))
}
