//! 长者食堂: canteens, meals recorded with their tiered subsidy, and the monthly settlement per canteen.
use minzheng_core::assistance::money::AmountBound;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_core::elderly::care::ProviderKind;
use minzheng_core::assistance::{Fen, YearMonth};
use minzheng_core::date::age_on;
use minzheng_core::elderly::services::FacilityStatus;
use minzheng_core::elderly::services::canteen::{self as rule, DinerFacts, MealSlot, MealTier};
use chrono::NaiveDate;
use minzheng_core::mask::mask_name;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::Scope;
use minzheng_store::elderly::services::ElderFactsRow;
use minzheng_store::elderly::services::canteen::{CanteenFields, CanteenFilter, CanteenRecord, MealFilter, MealRecord, NewMeal, SettlementRecord};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::{facility_region, names, operator, past_date, text, version};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Granted, ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

/// Who reads canteens and meals: an officer (`elderly.read`) the region's; a provider's account
/// (`homecare.serve`, bound to the canteen's operator) only the canteens it runs.
fn reader(ctx: &Ctx) -> ApiResult<Granted<'_>> {
    ctx.grant_officer_or_provider(&[Permission::ElderlyRead])
}

/// A canteen as its reader may see it: another operator's canteen is "not found".
async fn readable<'a>(state: &AppState, ctx: &'a Ctx, id: i64) -> ApiResult<(Granted<'a>, CanteenRecord)> {
    let granted = reader(ctx)?;
    let provider = granted.provider();
    let c = state.store.canteen(granted.scope(), id).await?;
    if provider.is_some_and(|p| c.provider_id != Some(p)) {
        return Err(ApiError::NotFound);
    }
    Ok((granted, c))
}

/// Who records a canteen's meals: a district officer (`elderly.manage`) or the canteen's operator.
async fn servable<'a>(state: &AppState, ctx: &'a Ctx, id: i64) -> ApiResult<(Granted<'a>, CanteenRecord)> {
    let (granted, c) = readable(state, ctx, id).await?;
    if !ctx.role().can(Permission::ElderlyManage) && !ctx.role().can(Permission::HomecareServe) {
        ctx.require(Permission::ElderlyManage)?;
    }
    Ok((granted, c))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct CanteenView {
    #[serde(flatten)]
    pub canteen: CanteenRecord,
    pub region_name: Option<String>,
}

async fn canteen_views(state: &AppState, items: Vec<CanteenRecord>) -> ApiResult<Vec<CanteenView>> {
    let names = names(state, items.iter().map(|c| c.region_code.clone())).await?;
    Ok(items.into_iter().map(|c| CanteenView { region_name: names.get(c.region_code.as_str()).cloned(), canteen: c }).collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CanteenQuery {
    /// active | closed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<FacilityStatus>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 长者食堂 canteens in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/canteens", tag = "elderly-services", params(CanteenQuery), responses((status = 200, body = PageOf<CanteenView>, description = "a page of canteens")))]
pub async fn canteens(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<CanteenQuery>) -> ApiResult<Json<PageOf<CanteenView>>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let filter = CanteenFilter { provider_id, status: q.status.map(|s| s.as_str().to_owned()), q: q.q };
    let mut page = state.store.list_canteens(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = canteen_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct CanteenBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub provider_id: Option<i64>,
    #[serde(default)]
    pub address: String,
    pub seats: Option<i64>,
    /// fen: the usual price of a meal
    pub meal_price: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<FacilityStatus>,
    pub version: Option<i64>,
}

async fn fields(state: &AppState, ctx: &Ctx, b: &CanteenBody) -> ApiResult<CanteenFields> {
    let name = text(b.name.as_deref(), "name", "食堂名称", 60)?;
    let region = facility_region(state, ctx, b.region_code.as_ref()).await?;
    let seats = b.seats.unwrap_or(0);
    if !(0..=2000).contains(&seats) {
        return Err(ApiError::invalid("seats", "座位数应在0至2000之间", "seats must be 0 to 2000"));
    }
    let meal_price = MEAL_PRICE.check("meal_price", "每餐价格", b.meal_price)?.0;
    Ok(CanteenFields {
        name,
        region_code: region.as_str().to_owned(),
        provider_id: operator(state, b.provider_id, ProviderKind::Canteen).await?,
        address: b.address.trim().to_owned(),
        seats,
        meal_price,
        status: b.status.unwrap_or(FacilityStatus::Active).as_str().to_owned(),
    })
}

/// 新增长者食堂 register a canteen.
#[utoipa::path(post, path = "/api/v1/elderly/canteens", tag = "elderly-services", request_body = CanteenBody, responses((status = 201, body = CanteenView, description = "the canteen"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<CanteenBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let f = fields(&state, &ctx, &body).await?;
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_canteen(&mut tx, &f).await?;
    state.store.audit(&mut tx, &ctx.entry("canteen.create", "canteen", id, &f.region_code, f.name.clone())).await?;
    tx.commit().await?;
    let c = state.store.canteen(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(canteen_views(&state, vec![c]).await?.remove(0))).into_response())
}

/// 食堂详情 one canteen.
#[utoipa::path(get, path = "/api/v1/elderly/canteens/{id}", tag = "elderly-services", params(("id" = i64, Path)), responses((status = 200, body = CanteenView, description = "the canteen"), (status = 404)))]
pub async fn canteen(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<CanteenView>> {
    let (_, c) = readable(&state, &ctx, id).await?;
    Ok(Json(canteen_views(&state, vec![c]).await?.remove(0)))
}

/// 修改长者食堂 change a canteen (version-checked).
#[utoipa::path(put, path = "/api/v1/elderly/canteens/{id}", tag = "elderly-services", request_body = CanteenBody, params(("id" = i64, Path)), responses((status = 200, body = CanteenView, description = "the canteen"), (status = 409), (status = 422)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<CanteenBody>) -> ApiResult<Json<CanteenView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let f = fields(&state, &ctx, &body).await?;
    let v = version(body.version)?;
    state.store.canteen(granted.scope(), id).await?;
    let mut tx = state.store.begin().await?;
    state.store.update_canteen(&mut tx, granted.scope(), id, v, &f).await?;
    state.store.audit(&mut tx, &ctx.entry("canteen.update", "canteen", id, &f.region_code, f.name.clone())).await?;
    tx.commit().await?;
    let c = state.store.canteen(granted.scope(), id).await?;
    Ok(Json(canteen_views(&state, vec![c]).await?.remove(0)))
}

// ---- meals ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MealView {
    #[serde(flatten)]
    pub meal: MealRecord,
    pub tier_zh: &'static str,
    pub slot_zh: &'static str,
    pub region_name: Option<String>,
}

async fn meal_views(state: &AppState, items: Vec<MealRecord>) -> ApiResult<Vec<MealView>> {
    let names = names(state, items.iter().map(|m| m.region_code.clone())).await?;
    Ok(items
        .into_iter()
        .map(|mut m| {
            m.person_name = mask_name(&m.person_name);
            MealView {
                tier_zh: m.tier.zh(),
                slot_zh: m.slot.zh(),
                region_name: names.get(m.region_code.as_str()).cloned(),
                meal: m,
            }
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MealQuery {
    pub canteen_id: Option<i64>,
    /// YYYY-MM
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    /// YYYY-MM-DD
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub served_on: Option<NaiveDate>,
    pub person_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 用餐记录 meals of diners in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/canteens/meals", tag = "elderly-services", params(MealQuery), responses((status = 200, body = PageOf<MealView>, description = "a page of meals")))]
pub async fn meals(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<MealQuery>) -> ApiResult<Json<PageOf<MealView>>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let filter = MealFilter { provider_id, canteen_id: q.canteen_id, month: q.month.map(|m| m.to_string()), served_on: q.served_on.map(|d| d.to_string()), person_id: q.person_id };
    let mut page = state.store.list_meals(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = meal_views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

fn diner_facts(f: &ElderFactsRow, canteen: &CanteenRecord, on: chrono::NaiveDate) -> DinerFacts {
    // local 户籍: in the canteen's district (the first six digits)
    let district = canteen.region_code.as_str().get(..6).unwrap_or_default();
    DinerFacts { age: age_on(f.birth_date, on), local_hukou: f.hukou_region_code.as_str().starts_with(district), tekun: f.tekun, dibao: f.dibao, low_income: f.low_income }
}

/// The diner: by person id, or by ID number as read from the elder's card at the counter.
pub enum Diner<'a> {
    Id(i64),
    IdNumber(&'a str),
}

fn diner_of<'a>(person_id: Option<i64>, id_number: Option<&'a str>) -> ApiResult<Diner<'a>> {
    match (person_id, id_number.map(str::trim).filter(|s| !s.is_empty())) {
        (Some(id), _) => Ok(Diner::Id(id)),
        (None, Some(n)) => Ok(Diner::IdNumber(n)),
        (None, None) => Err(ApiError::invalid("person_id", "请选择就餐老人或输入其身份证号", "person_id or id_number is required")),
    }
}

async fn subsidy_of(state: &AppState, scope: &Scope, canteen: &CanteenRecord, diner: Diner<'_>, price: i64, on: chrono::NaiveDate) -> ApiResult<(ElderFactsRow, rule::MealSubsidy)> {
    let found = match diner {
        Diner::Id(id) => state.store.elder_facts(scope, id).await,
        Diner::IdNumber(n) => {
            let n = minzheng_core::registry::identity::IdNumber::parse(n, today()).map_err(|e| ApiError::from(e.to_field_error("id_number")))?;
            state.store.elder_facts_by_id_number(scope, n.as_str()).await
        }
    };
    let person = found.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", "本辖区内没有这位人员", "no such person in your region"),
        e => e.into(),
    })?;
    if !person.alive {
        return Err(ApiError::invalid("person_id", "该人员已故", "the person has died"));
    }
    let policy = state.store.policy().await?;
    let s = rule::subsidy(&diner_facts(&person, canteen, on), Fen(price), &policy, &canteen.region_code, YearMonth::of(on));
    Ok((person, s))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuoteQuery {
    pub person_id: Option<i64>,
    /// the elder's ID number, instead of person_id
    pub id_number: Option<String>,
    /// fen; default the canteen's meal price
    pub price: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct QuoteView {
    pub person_id: i64,
    pub name: String,
    pub age: u32,
    #[serde(flatten)]
    pub subsidy: rule::MealSubsidy,
    pub tier_zh: &'static str,
}

/// 补贴试算 the subsidy a diner would receive for a meal today (shown before recording it).
#[utoipa::path(get, path = "/api/v1/elderly/canteens/{id}/quote", tag = "elderly-services", params(("id" = i64, Path), QuoteQuery), responses((status = 200, body = QuoteView, description = "the subsidy, explained"), (status = 422)))]
pub async fn quote(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<QuoteQuery>) -> ApiResult<Json<QuoteView>> {
    let (granted, canteen) = servable(&state, &ctx, id).await?;
    let diner = diner_of(q.person_id, q.id_number.as_deref())?;
    let price = price(q.price, &canteen)?;
    let today = today();
    let (p, s) = subsidy_of(&state, granted.scope(), &canteen, diner, price, today).await?;
    Ok(Json(QuoteView { person_id: p.person_id, name: mask_name(&p.name), age: age_on(p.birth_date, today), tier_zh: s.tier.zh(), subsidy: s }))
}

/// A meal's price: free to 100元.
const MEAL_PRICE: AmountBound = AmountBound::non_negative(minzheng_core::assistance::Fen(10_000));

fn price(v: Option<i64>, canteen: &CanteenRecord) -> ApiResult<i64> {
    Ok(MEAL_PRICE.check("price", "餐价", Some(v.unwrap_or(canteen.meal_price)))?.0)
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct MealBody {
    pub person_id: Option<i64>,
    /// the elder's ID number, instead of person_id
    pub id_number: Option<String>,
    /// YYYY-MM-DD, default today
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub served_on: Option<NaiveDate>,
    /// breakfast | lunch | dinner
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub slot: Option<MealSlot>,
    /// fen; default the canteen's meal price
    pub price: Option<i64>,
}

/// 登记用餐 record a meal served: the subsidy by the tier rule, explained; one meal per person,
/// day and slot (409 for a second).
#[utoipa::path(post, path = "/api/v1/elderly/canteens/{id}/meals", tag = "elderly-services", request_body = MealBody, params(("id" = i64, Path)), responses((status = 201, body = MealView, description = "the meal"), (status = 409, description = "already recorded, or the month is settled"), (status = 422)))]
pub async fn record_meal(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<MealBody>) -> ApiResult<Response> {
    let (granted, canteen) = servable(&state, &ctx, id).await?;
    if canteen.status != FacilityStatus::Active {
        return Err(ApiError::invalid("canteen_id", "该食堂已停业", "the canteen is closed"));
    }
    let diner = diner_of(body.person_id, body.id_number.as_deref())?;
    let slot = body.slot.ok_or_else(|| ApiError::invalid("slot", "餐次须为早餐、午餐或晚餐", "slot must be breakfast, lunch or dinner"))?;
    let served_on = past_date(body.served_on, "served_on")?;
    let price = price(body.price, &canteen)?;
    let (person, s) = subsidy_of(&state, granted.scope(), &canteen, diner, price, served_on).await?;
    let person_id = person.person_id;
    let meal = NewMeal {
        canteen_id: id,
        person_id,
        region_code: person.region_code.to_string(),
        served_on: served_on.to_string(),
        slot: slot.as_str().to_owned(),
        price,
        subsidy: s.subsidy.0,
        tier: s.tier.as_str().to_owned(),
        paid_by_elder: s.elder_pays.0,
        explanation: serde_json::to_string(&s).map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    let mut tx = state.store.begin().await?;
    let meal_id = state.store.insert_meal(&mut tx, &meal, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("canteen.meal", "canteen_meal", meal_id, person.region_code.as_str(), format!("{} {served_on} {}: {} subsidy {}", canteen.name, slot.as_str(), s.tier.as_str(), s.subsidy.0)))
        .await?;
    tx.commit().await?;
    let m = state.store.canteen_meal(granted.scope(), meal_id).await?;
    Ok((StatusCode::CREATED, Json(meal_views(&state, vec![m]).await?.remove(0))).into_response())
}

// ---- settlements ----

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CanteenSettlementLineView)]
pub struct SettlementLineView {
    pub tier: MealTier,
    pub tier_zh: &'static str,
    pub meals: i64,
    pub subsidy: i64,
    pub paid_by_elders: i64,
}

/// A canteen's month: confirmed, or a preview of the meals so far.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CanteenSettlementView)]
pub struct SettlementView {
    pub canteen_id: i64,
    pub canteen_name: String,
    pub month: String,
    /// false: a preview of the meals so far
    pub confirmed: bool,
    pub meals: i64,
    pub subsidy_total: i64,
    pub paid_by_elders: i64,
    pub lines: Vec<SettlementLineView>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
}

fn month_of(s: &str) -> ApiResult<YearMonth> {
    YearMonth::parse(s).ok_or_else(|| ApiError::invalid("month", "月份格式须为 YYYY-MM", "month must be YYYY-MM"))
}

async fn compute(state: &AppState, canteen: &CanteenRecord, month: YearMonth) -> ApiResult<rule::Settlement> {
    let meals = state.store.canteen_month_meals(canteen.id, &month.to_string()).await?;
    Ok(rule::settle(&meals))
}

fn lines_view(lines: &[rule::SettlementLine]) -> Vec<SettlementLineView> {
    lines.iter().map(|l| SettlementLineView { tier: l.tier, tier_zh: l.tier.zh(), meals: l.meals, subsidy: l.subsidy.0, paid_by_elders: l.paid_by_elders.0 }).collect()
}

fn confirmed_view(canteen: &CanteenRecord, r: SettlementRecord) -> ApiResult<SettlementView> {
    let lines: Vec<rule::SettlementLine> = serde_json::from_value(r.lines).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(SettlementView {
        canteen_id: canteen.id,
        canteen_name: canteen.name.clone(),
        month: r.month.to_string(),
        confirmed: true,
        meals: r.meals,
        subsidy_total: r.subsidy_total,
        paid_by_elders: r.paid_by_elders,
        lines: lines_view(&lines),
        confirmed_by: Some(r.confirmed_by),
        confirmed_at: Some(r.confirmed_at),
    })
}

/// 月度结算 a canteen's month: the confirmed settlement, or a preview of the meals so far.
#[utoipa::path(get, path = "/api/v1/elderly/canteens/{id}/settlements/{month}", tag = "elderly-services", params(("id" = i64, Path), ("month" = String, Path)), responses((status = 200, body = SettlementView, description = "the settlement or its preview")))]
pub async fn settlement(State(state): State<AppState>, ctx: Ctx, Path((id, month)): Path<(i64, String)>) -> ApiResult<Json<SettlementView>> {
    let month = month_of(&month)?;
    let (_, canteen) = readable(&state, &ctx, id).await?;
    if let Some(r) = state.store.canteen_settlement(id, &month.to_string()).await? {
        return Ok(Json(confirmed_view(&canteen, r)?));
    }
    let s = compute(&state, &canteen, month).await?;
    Ok(Json(SettlementView {
        canteen_id: id,
        canteen_name: canteen.name.clone(),
        month: month.to_string(),
        confirmed: false,
        meals: s.meals,
        subsidy_total: s.subsidy.0,
        paid_by_elders: s.paid_by_elders.0,
        lines: lines_view(&s.lines),
        confirmed_by: None,
        confirmed_at: None,
    }))
}

/// 确认结算 confirm a finished month once (409 the second time); later meals of that month are refused.
#[utoipa::path(post, path = "/api/v1/elderly/canteens/{id}/settlements/{month}", tag = "elderly-services", params(("id" = i64, Path), ("month" = String, Path)), responses((status = 201, body = SettlementView, description = "the settlement"), (status = 409), (status = 422)))]
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, Path((id, month)): Path<(i64, String)>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let month = month_of(&month)?;
    if month >= YearMonth::of(today()) {
        return Err(ApiError::invalid("month", "只能结算已结束的月份", "only a finished month can be settled"));
    }
    let canteen = state.store.canteen(granted.scope(), id).await?;
    let s = compute(&state, &canteen, month).await?;
    let mut tx = state.store.begin().await?;
    state.store.insert_canteen_settlement(&mut tx, &canteen, &month.to_string(), s.meals, s.subsidy.0, s.paid_by_elders.0, &s.lines, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("canteen.settle", "canteen", id, canteen.region_code.as_str(), format!("{month}: {} meals, subsidy {}", s.meals, s.subsidy.0))).await?;
    tx.commit().await?;
    let r = state.store.canteen_settlement(id, &month.to_string()).await?.ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(confirmed_view(&canteen, r)?)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SettlementsQuery {
    pub canteen_id: Option<i64>,
}

/// 结算记录 confirmed settlements in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/canteens/settlements", tag = "elderly-services", params(SettlementsQuery), responses((status = 200, body = Vec<SettlementRecord>, description = "confirmed settlements")))]
pub async fn settlements(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SettlementsQuery>) -> ApiResult<Json<Vec<SettlementRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    Ok(Json(state.store.canteen_settlements(granted.scope(), q.canteen_id).await?))
}
