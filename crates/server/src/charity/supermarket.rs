//! 慈善超市 the charity supermarket: the catalogue, stock in from purchases (donated goods come in
//! through the donation endpoint), stock with expiry warnings and the write-off of expired lots,
//! points programmes issued to the households of active assistance cases, a household's balance,
//! redemption at the counter (several items, first-expiring-first, all or nothing) and the monthly
//! statement (JSON and .xlsx). Rules: core `charity::supermarket`; docs/charity-supermarket.md.
//!
//! Reading needs `charity.read`, writing `charity.supermarket`. Stock belongs to the supermarket
//! (one for the district, not placed); vouchers, balances and redemptions belong to households and
//! are filtered by the account's region, with the head's name masked.
use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::NaiveDate;
use minzheng_core::access::Permission;
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::charity::supermarket::{self as rule, Basis, Category, ExpiryWarning, Flows, PointsFlow, PointsRule, Source, Wanted, WriteOffReason};
use minzheng_core::mask::mask_name;
use minzheng_core::region::RegionCode;
use minzheng_store::charity::supermarket::{
    EligibleRow, GoodsTraceLine, HouseholdPoints, IssueRecord, ItemFields, ItemFilter, ItemRecord, LotFilter, LotRecord, LotStatus, NewIssue, NewLot, NewRedemption, ProgrammeFields,
    ProgrammeRecord, RedemptionFilter, RedemptionRecord, StockRow, VoucherFilter, VoucherRecord,
};
use minzheng_store::registry::Paging;
use minzheng_store::{Scope, StoreError, today};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::region_filter;
use crate::registry::views::PageOf;

#[derive(OpenApi)]
#[openapi(paths(
    items,
    create_item,
    update_item,
    stock,
    lots,
    stock_in,
    write_off,
    programmes,
    create_programme,
    update_programme,
    issues,
    issue,
    vouchers,
    households,
    household,
    redemptions,
    redeem,
    statement,
    statement_export,
))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/charity/supermarket/items", get(items).post(create_item))
        .route("/charity/supermarket/items/{id}", put(update_item))
        .route("/charity/supermarket/stock", get(stock))
        .route("/charity/supermarket/lots", get(lots).post(stock_in))
        .route("/charity/supermarket/lots/{id}/write-off", post(write_off))
        .route("/charity/supermarket/programmes", get(programmes).post(create_programme))
        .route("/charity/supermarket/programmes/{id}", put(update_programme))
        .route("/charity/supermarket/programmes/{id}/issues", get(issues).post(issue))
        .route("/charity/supermarket/vouchers", get(vouchers))
        .route("/charity/supermarket/households", get(households))
        .route("/charity/supermarket/households/{id}", get(household))
        .route("/charity/supermarket/redemptions", get(redemptions).post(redeem))
        .route("/charity/supermarket/statements/{month}", get(statement))
        .route("/charity/supermarket/statements/{month}/export", get(statement_export))
}

// ---- helpers ----

/// A trimmed, non-empty text of at most `max` characters.
fn text(v: Option<&str>, field: &str, zh: &str, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or_default();
    if s.is_empty() {
        return Err(ApiError::invalid(field, format!("请填写{zh}"), format!("{field} is required")));
    }
    optional_text(Some(s), field, zh, max)
}

fn optional_text(v: Option<&str>, field: &str, zh: &str, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or_default();
    if s.chars().count() > max {
        return Err(ApiError::invalid(field, format!("{zh}不能超过{max}个字"), format!("{field} is longer than {max} characters")));
    }
    Ok(s.to_owned())
}

fn number(v: Option<i64>, field: &str, zh: &str, range: std::ops::RangeInclusive<i64>) -> ApiResult<i64> {
    let n = v.ok_or_else(|| ApiError::invalid(field, format!("请填写{zh}"), format!("{field} is required")))?;
    if !range.contains(&n) {
        return Err(ApiError::invalid(field, format!("{zh}应在{}至{}之间", range.start(), range.end()), format!("{field} must be {} to {}", range.start(), range.end())));
    }
    Ok(n)
}

fn version(v: Option<i64>) -> ApiResult<i64> {
    v.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))
}

/// A date `YYYY-MM-DD`.
fn date(v: Option<&str>, field: &str) -> ApiResult<Option<NaiveDate>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| ApiError::invalid(field, "日期格式须为 YYYY-MM-DD", format!("{field} must be YYYY-MM-DD"))),
    }
}

fn month(s: &str) -> ApiResult<YearMonth> {
    YearMonth::parse(s).ok_or_else(|| ApiError::invalid("month", "月份格式须为 YYYY-MM", "month must be YYYY-MM"))
}

async fn region_names(state: &AppState, codes: impl IntoIterator<Item = String>) -> ApiResult<HashMap<String, String>> {
    let codes: Vec<String> = codes.into_iter().collect();
    Ok(state.store.region_names(&codes).await?)
}

// ---- items ----

#[derive(utoipa::ToSchema)]
#[schema(as = charity::supermarket::ItemView)]
#[derive(Serialize)]
pub struct ItemView {
    #[serde(flatten)]
    pub item: ItemRecord,
    pub category_zh: &'static str,
}

fn item_view(item: ItemRecord) -> ItemView {
    ItemView { category_zh: Category::parse(&item.category).map_or("", Category::zh), item }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    pub active: Option<bool>,
    /// grain_oil | food | daily | clothing | bedding | other
    pub category: Option<String>,
    /// part of the code or name
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 商品目录 the catalogue.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/items", tag = "charity", params(ItemQuery), responses((status = 200, body = PageOf<ItemView>, description = "a page of items")))]
pub async fn items(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ItemQuery>) -> ApiResult<Json<PageOf<ItemView>>> {
    ctx.require(Permission::CharityRead)?;
    let category = match q.category.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(c) => Some(category(c)?.as_str().to_owned()),
    };
    let page = state.store.supermarket_items(&ItemFilter { active: q.active, category, q: q.q }, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page.map(item_view))))
}

fn category(s: &str) -> ApiResult<Category> {
    Category::parse(s).ok_or_else(|| ApiError::invalid("category", "类别须为粮油、食品、日用品、衣物、床上用品或其他", "category must be grain_oil, food, daily, clothing, bedding or other"))
}

#[derive(utoipa::ToSchema)]
#[schema(as = supermarket::ItemBody)]
#[derive(Deserialize)]
pub struct ItemBody {
    pub code: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
    /// 袋, 瓶, 床…
    pub unit: Option<String>,
    /// points per unit
    pub points_price: Option<i64>,
    /// reference value per unit, fen
    pub unit_value_fen: Option<i64>,
    pub active: Option<bool>,
    pub version: Option<i64>,
}

fn item_fields(b: &ItemBody) -> ApiResult<ItemFields> {
    let code = text(b.code.as_deref(), "code", "商品编码", 20)?;
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ApiError::invalid("code", "商品编码只能由字母、数字、- 和 _ 组成", "code may hold only letters, digits, - and _"));
    }
    Ok(ItemFields {
        code: code.to_uppercase(),
        name: text(b.name.as_deref(), "name", "商品名称", 40)?,
        category: category(b.category.as_deref().unwrap_or_default())?.as_str().to_owned(),
        unit: text(b.unit.as_deref(), "unit", "计量单位", 6)?,
        points_price: number(b.points_price, "points_price", "兑换积分", 1..=rule::MAX_POINTS)?,
        unit_value_fen: rule::UNIT_VALUE.check("unit_value_fen", "参考单价", b.unit_value_fen)?.0,
        active: b.active.unwrap_or(true),
    })
}

/// 新增商品 add an item to the catalogue (409 for a code in use).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/items", tag = "charity", request_body = ItemBody, responses((status = 201, description = "the item"), (status = 409), (status = 422)))]
pub async fn create_item(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<ItemBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharitySupermarket)?;
    let f = item_fields(&body)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.supermarket_insert_item(&mut tx, &f, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("supermarket.item.create", "supermarket_item", id, ctx.region().as_str(), format!("{} {} {} points", f.code, f.name, f.points_price))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(item_view(state.store.supermarket_item(id).await?))).into_response())
}

/// 修改商品 change an item (version-checked); a new points price applies to later redemptions.
#[utoipa::path(put, path = "/api/v1/charity/supermarket/items/{id}", tag = "charity", request_body = ItemBody, params(("id" = i64, Path)), responses((status = 200, description = "the item"), (status = 404), (status = 409), (status = 422)))]
pub async fn update_item(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ItemBody>) -> ApiResult<Json<ItemView>> {
    ctx.require(Permission::CharitySupermarket)?;
    state.store.supermarket_item(id).await?;
    let f = item_fields(&body)?;
    let v = version(body.version)?;
    let mut tx = state.store.begin().await?;
    state.store.supermarket_update_item(&mut tx, id, v, &f).await?;
    state.store.audit(&mut tx, &ctx.entry("supermarket.item.update", "supermarket_item", id, ctx.region().as_str(), format!("{} {} {} points active={}", f.code, f.name, f.points_price, f.active))).await?;
    tx.commit().await?;
    Ok(Json(item_view(state.store.supermarket_item(id).await?)))
}

// ---- stock ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StockView {
    #[serde(flatten)]
    pub row: StockRow,
    pub category_zh: &'static str,
    /// expired (goods past their date await write-off) or soon (some expire within 30 days)
    pub warning: Option<ExpiryWarning>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StockAnswer {
    pub date: NaiveDate,
    pub warning_days: i64,
    pub value_fen: i64,
    pub items: Vec<StockView>,
}

/// 库存 stock per item today, with expiry warnings.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/stock", tag = "charity", responses((status = 200, body = StockAnswer, description = "stock per item")))]
pub async fn stock(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<StockAnswer>> {
    ctx.require(Permission::CharityRead)?;
    let today = today();
    let rows = state.store.supermarket_stock(today).await?;
    let value_fen = rows.iter().map(|r| r.value_fen).sum();
    let items = rows
        .into_iter()
        .map(|row| StockView {
            category_zh: Category::parse(&row.item.category).map_or("", Category::zh),
            warning: if row.expired > 0 {
                Some(ExpiryWarning::Expired)
            } else if row.expiring_soon > 0 {
                Some(ExpiryWarning::Soon)
            } else {
                None
            },
            row,
        })
        .collect();
    Ok(Json(StockAnswer { date: today, warning_days: rule::EXPIRY_WARNING_DAYS, value_fen, items }))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct LotView {
    #[serde(flatten)]
    pub lot: LotRecord,
    pub source_zh: &'static str,
    pub warning: Option<ExpiryWarning>,
    /// days from today to the expiry date (negative: past it)
    pub days_left: Option<i64>,
}

fn lot_view(lot: LotRecord, today: NaiveDate) -> LotView {
    let expires = lot.expires_on.as_deref().and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok());
    LotView {
        source_zh: Source::parse(&lot.source).map_or("", Source::zh),
        warning: if lot.remaining > 0 { rule::expiry_warning(expires, today) } else { None },
        days_left: expires.map(|e| (e - today).num_days()),
        lot,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LotQuery {
    pub item_id: Option<i64>,
    /// donation | purchase
    pub source: Option<String>,
    /// in_stock | expired | expiring | empty
    pub status: Option<String>,
    pub donation_id: Option<i64>,
    /// fefo (default: the earliest expiry first) | recent (the latest receipts first)
    pub order: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 入库批次 lots, the earliest expiry first (or the latest receipts first).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/lots", tag = "charity", params(LotQuery), responses((status = 200, body = PageOf<LotView>, description = "a page of lots")))]
pub async fn lots(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<LotQuery>) -> ApiResult<Json<PageOf<LotView>>> {
    ctx.require(Permission::CharityRead)?;
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some("in_stock") => Some(LotStatus::InStock),
        Some("expired") => Some(LotStatus::Expired),
        Some("expiring") => Some(LotStatus::Expiring),
        Some("empty") => Some(LotStatus::Empty),
        Some(_) => return Err(ApiError::invalid("status", "状态须为 in_stock、expired、expiring 或 empty", "status must be in_stock, expired, expiring or empty")),
    };
    let source = match q.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(Source::parse(s).ok_or_else(|| ApiError::invalid("source", "来源须为 donation 或 purchase", "source must be donation or purchase"))?.as_str().to_owned()),
    };
    let recent = match q.order.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("fefo") => false,
        Some("recent") => true,
        Some(_) => return Err(ApiError::invalid("order", "排序须为 fefo（先到期先出）或 recent（最近入库）", "order must be fefo or recent")),
    };
    let today = today();
    let filter = LotFilter { item_id: q.item_id, source, status, donation_id: q.donation_id, recent };
    let page = state.store.supermarket_lots(&filter, today, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page.map(|l| lot_view(l, today)))))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct StockInBody {
    pub item_id: Option<i64>,
    pub quantity: Option<i64>,
    /// purchase price per unit, fen
    pub unit_value_fen: Option<i64>,
    /// YYYY-MM-DD, the last day the goods may be handed out; empty for goods without a date
    pub expires_on: Option<String>,
    pub supplier: Option<String>,
    /// YYYY-MM-DD, default today
    pub received_on: Option<String>,
}

/// 采购入库 receive purchased goods (donated goods come in with their donation).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/lots", tag = "charity", request_body = StockInBody, responses((status = 201, description = "the lot"), (status = 422)))]
pub async fn stock_in(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<StockInBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharitySupermarket)?;
    let item_id = body.item_id.ok_or_else(|| ApiError::invalid("item_id", "请选择商品", "item_id is required"))?;
    let quantity = body.quantity.ok_or_else(|| ApiError::invalid("quantity", "请填写入库数量", "quantity is required"))?;
    let unit_value_fen = body.unit_value_fen.ok_or_else(|| ApiError::invalid("unit_value_fen", "请填写采购单价", "unit_value_fen is required"))?;
    let today = today();
    let received = date(body.received_on.as_deref(), "received_on")?.unwrap_or(today);
    if received > today {
        return Err(ApiError::invalid("received_on", "入库日期不能晚于今天", "received_on is in the future"));
    }
    let expires = date(body.expires_on.as_deref(), "expires_on")?;
    let lot = NewLot {
        item_id,
        quantity,
        unit_value_fen,
        expires_on: expires.map(|e| e.to_string()),
        source: Source::Purchase.as_str().to_owned(),
        donation_id: None,
        supplier: text(body.supplier.as_deref(), "supplier", "供货单位", 60)?,
        received_on: received.to_string(),
        created_by: ctx.actor().to_owned(),
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.supermarket_stock_in(&mut tx, &lot).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.stock_in", "supermarket_lot", id, ctx.region().as_str(), format!("purchase item {item_id} × {quantity} at {unit_value_fen} fen from {}", lot.supplier)))
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(lot_view(state.store.supermarket_lot(id).await?, today))).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct WriteOffBody {
    /// default: all that remains
    pub quantity: Option<i64>,
    /// expired | damaged
    pub reason: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// 报损核销 write off a lot's goods: expired (only past its date) or damaged.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/lots/{id}/write-off", tag = "charity", request_body = WriteOffBody, params(("id" = i64, Path)), responses((status = 200, description = "the lot"), (status = 404), (status = 409), (status = 422)))]
pub async fn write_off(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<WriteOffBody>) -> ApiResult<Json<LotView>> {
    ctx.require(Permission::CharitySupermarket)?;
    let lot = state.store.supermarket_lot(id).await?;
    let reason = body
        .reason
        .as_deref()
        .and_then(WriteOffReason::parse)
        .ok_or_else(|| ApiError::invalid("reason", "核销原因须为 expired（过期）或 damaged（损坏变质）", "reason must be expired or damaged"))?;
    if lot.remaining == 0 {
        return Err(ApiError::invalid("quantity", "该批次已无库存", "the lot holds nothing"));
    }
    let quantity = body.quantity.unwrap_or(lot.remaining);
    if !(1..=lot.remaining).contains(&quantity) {
        return Err(ApiError::invalid("quantity", format!("核销数量应在1至{}之间", lot.remaining), format!("quantity must be 1 to {}", lot.remaining)));
    }
    let today = today();
    let expires = lot.stock()?.expires_on;
    if reason == WriteOffReason::Expired && !rule::is_expired(expires, today) {
        let until = expires.map_or_else(|| "无保质期".to_owned(), |e| format!("保质期至{e}"));
        return Err(ApiError::invalid("reason", format!("该批次尚未过期（{until}），不能按过期核销"), "the lot is not past its date: write it off as damaged if it is"));
    }
    let note = optional_text(body.note.as_deref(), "note", "核销说明", 200)?;
    if reason == WriteOffReason::Damaged && note.is_empty() {
        return Err(ApiError::invalid("note", "按损坏变质核销须写明情况", "describe the damage in note"));
    }
    let mut tx = state.store.begin().await?;
    state.store.supermarket_write_off(&mut tx, &lot, quantity, reason.as_str(), &note, today, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.write_off", "supermarket_lot", id, ctx.region().as_str(), format!("{} × {quantity} {} ({})", lot.item_name, reason.as_str(), Fen(lot.unit_value_fen * quantity).yuan_string())))
        .await?;
    tx.commit().await?;
    Ok(Json(lot_view(state.store.supermarket_lot(id).await?, today)))
}

// ---- programmes ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProgrammeView {
    #[serde(flatten)]
    pub programme: ProgrammeRecord,
    pub eligible_zh: Vec<&'static str>,
    pub basis_zh: &'static str,
}

fn programme_view(p: ProgrammeRecord) -> ProgrammeView {
    ProgrammeView {
        eligible_zh: p.eligible.iter().filter_map(|e| Programme::parse(e)).map(Programme::zh).collect(),
        basis_zh: Basis::parse(&p.basis).map_or("", Basis::zh),
        programme: p,
    }
}

fn points_rule(p: &ProgrammeRecord) -> ApiResult<PointsRule> {
    Ok(PointsRule {
        eligible: p.eligible.iter().map(|e| Programme::parse(e).ok_or_else(|| ApiError::Internal(format!("programme {e}")))).collect::<ApiResult<_>>()?,
        basis: Basis::parse(&p.basis).ok_or_else(|| ApiError::Internal(format!("basis {}", p.basis)))?,
        points: p.points,
        valid_months: u32::try_from(p.valid_months).map_err(|_| ApiError::Internal("valid_months".into()))?,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeQuery {
    /// active | closed
    pub status: Option<String>,
}

/// 积分项目 the points programmes.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/programmes", tag = "charity", params(ProgrammeQuery), responses((status = 200, body = Vec<ProgrammeView>, description = "programmes, latest first")))]
pub async fn programmes(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ProgrammeQuery>) -> ApiResult<Json<Vec<ProgrammeView>>> {
    ctx.require(Permission::CharityRead)?;
    let status = programme_status(q.status.as_deref(), false)?;
    Ok(Json(state.store.supermarket_programmes(status.as_deref()).await?.into_iter().map(programme_view).collect()))
}

fn programme_status(v: Option<&str>, default_active: bool) -> ApiResult<Option<String>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default_active.then(|| "active".to_owned())),
        Some(s @ ("active" | "closed")) => Ok(Some(s.to_owned())),
        Some(_) => Err(ApiError::invalid("status", "状态须为 active（发放中）或 closed（已停止）", "status must be active or closed")),
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ProgrammeBody {
    pub name: Option<String>,
    /// dibao, tekun, low_income
    pub eligible: Option<Vec<String>>,
    /// per_household | per_member
    pub basis: Option<String>,
    /// points per household, or per member, per issue
    pub points: Option<i64>,
    /// 1 = valid through the end of the issue's month
    pub valid_months: Option<i64>,
    pub status: Option<String>,
    pub note: Option<String>,
    pub version: Option<i64>,
}

fn programme_fields(b: &ProgrammeBody) -> ApiResult<ProgrammeFields> {
    let name = text(b.name.as_deref(), "name", "项目名称", 60)?;
    let mut eligible = Vec::new();
    for (i, e) in b.eligible.iter().flatten().enumerate() {
        let p = Programme::parse(e).ok_or_else(|| ApiError::invalid(&format!("eligible[{i}]"), format!("不认识的救助类别：{e}"), format!("unknown programme {e}")))?;
        if !eligible.contains(&p) {
            eligible.push(p);
        }
    }
    let basis = Basis::parse(b.basis.as_deref().unwrap_or("per_household")).ok_or_else(|| ApiError::invalid("basis", "发放基数须为 per_household（按户）或 per_member（按人）", "basis must be per_household or per_member"))?;
    let points = b.points.ok_or_else(|| ApiError::invalid("points", "请填写每期积分", "points is required"))?;
    let valid_months = b.valid_months.unwrap_or(1);
    let r = PointsRule { eligible, basis, points, valid_months: u32::try_from(valid_months).unwrap_or(0) };
    r.validate()?;
    Ok(ProgrammeFields {
        name,
        eligible: r.eligible.iter().map(|p| p.as_str().to_owned()).collect(),
        basis: basis.as_str().to_owned(),
        points,
        valid_months,
        status: programme_status(b.status.as_deref(), true)?.unwrap_or_else(|| "active".into()),
        note: optional_text(b.note.as_deref(), "note", "说明", 200)?,
    })
}

/// 新增积分项目 create a points programme.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/programmes", tag = "charity", request_body = ProgrammeBody, responses((status = 201, description = "the programme"), (status = 422)))]
pub async fn create_programme(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<ProgrammeBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharitySupermarket)?;
    let f = programme_fields(&body)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.supermarket_insert_programme(&mut tx, &f, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.programme.create", "supermarket_programme", id, ctx.region().as_str(), format!("{}: {} {} × {} months {}", f.name, f.eligible.join(","), f.points, f.valid_months, f.basis)))
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(programme_view(state.store.supermarket_programme(id).await?))).into_response())
}

/// 修改积分项目 change or close a programme (version-checked); vouchers issued keep their points.
#[utoipa::path(put, path = "/api/v1/charity/supermarket/programmes/{id}", tag = "charity", request_body = ProgrammeBody, params(("id" = i64, Path)), responses((status = 200, description = "the programme"), (status = 404), (status = 409), (status = 422)))]
pub async fn update_programme(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ProgrammeBody>) -> ApiResult<Json<ProgrammeView>> {
    ctx.require(Permission::CharitySupermarket)?;
    state.store.supermarket_programme(id).await?;
    let f = programme_fields(&body)?;
    let v = version(body.version)?;
    let mut tx = state.store.begin().await?;
    state.store.supermarket_update_programme(&mut tx, id, v, &f).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.programme.update", "supermarket_programme", id, ctx.region().as_str(), format!("{}: {} {} × {} months {} {}", f.name, f.eligible.join(","), f.points, f.valid_months, f.basis, f.status)))
        .await?;
    tx.commit().await?;
    Ok(Json(programme_view(state.store.supermarket_programme(id).await?)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct IssueView {
    #[serde(flatten)]
    pub issue: IssueRecord,
    pub region_name: Option<String>,
}

/// 发放记录 a programme's issues for regions inside the account's region.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/programmes/{id}/issues", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = Vec<IssueView>, description = "issues, latest first"), (status = 404)))]
pub async fn issues(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<IssueView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    state.store.supermarket_programme(id).await?;
    let list = state.store.supermarket_issues(granted.scope(), id).await?;
    let names = region_names(&state, list.iter().map(|i| i.region_code.clone())).await?;
    Ok(Json(list.into_iter().map(|i| IssueView { region_name: names.get(&i.region_code).cloned(), issue: i }).collect()))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct IssueBody {
    /// YYYY-MM: this month or next month
    pub period: Option<String>,
    /// the region whose households get points; default the account's region
    pub region_code: Option<String>,
}

#[derive(Serialize)]
pub struct IssueAnswer {
    /// the issue recorded; none when every eligible household already had its voucher
    pub issue: Option<IssueView>,
    pub period: String,
    pub region_code: String,
    /// households given a voucher now
    pub households: i64,
    pub points: i64,
    /// households that already had their voucher of this period
    pub already: i64,
    pub expires_on: NaiveDate,
}

/// 发放积分 issue a programme's points for a period to every household of an active case of its
/// programmes in a region; households already served this period are skipped (201 when vouchers
/// were written, 200 when there was nothing new).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/programmes/{id}/issues", tag = "charity", request_body = IssueBody, params(("id" = i64, Path), crate::idempotency::IdempotencyKeyHeader), responses((status = 201, description = "the issue"), (status = 200, description = "nothing new to issue"), (status = 404), (status = 422)))]
pub async fn issue(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, idem: Idem, ApiJson(body): ApiJson<IssueBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::CharitySupermarket)?;
    if let Some(r) = idem.replay(&state, &ctx, ISSUE).await? {
        return issue_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let programme = state.store.supermarket_programme(id).await?;
    if programme.status != "active" {
        return Err(ApiError::invalid("status", "该积分项目已停止发放", "the programme is closed"));
    }
    let today = today();
    let period = YearMonth::parse(body.period.as_deref().unwrap_or_default()).ok_or_else(|| ApiError::invalid("period", "发放期格式须为 YYYY-MM", "period must be YYYY-MM"))?;
    rule::check_period(period, today)?;
    let region = match body.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => ctx.region().clone(),
        Some(s) => {
            let code = RegionCode::parse(s).map_err(|e| ApiError::from(e.with_field("region_code")))?;
            ctx.region_in_scope(&code, "region_code")?;
            state.store.known_region(&code, "region_code").await?;
            code
        }
    };
    let points_rule = points_rule(&programme)?;
    let expires_on = points_rule.expires_on(period);
    let period_s = period.to_string();
    let region_scope = Scope::of(region.clone());
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, ISSUE).await?;
        return issue_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let issue_id = tx.next_id().await?;
    let (mut households, mut points, mut already, mut after) = (0i64, 0i64, 0i64, 0i64);
    loop {
        let rows: Vec<EligibleRow> = state.store.supermarket_eligible(&mut tx, id, &period_s, &programme.eligible, &region_scope, after, 500).await?;
        let Some(last) = rows.last() else { break };
        after = last.eligible.household_id;
        let batch: Vec<_> = rows.iter().map(|r| r.eligible.clone()).collect();
        let plan = rule::plan_issue(&points_rule, &batch);
        let by_household: HashMap<i64, &EligibleRow> = rows.iter().map(|r| (r.eligible.household_id, r)).collect();
        let writes: Vec<_> = plan.vouchers.iter().filter_map(|v| by_household.get(&v.household_id).map(|r| (v.clone(), *r))).collect();
        state.store.supermarket_insert_vouchers(&mut tx, issue_id, id, &period_s, today, expires_on, &writes).await?;
        households += plan.vouchers.len() as i64;
        points += plan.points;
        already += plan.already;
    }
    let answer = IssueAnswer { issue: None, period: period_s.clone(), region_code: region.as_str().to_owned(), households, points, already, expires_on };
    if households == 0 {
        // nothing written: the transaction rolls back on drop
        return Ok((StatusCode::OK, Json(answer)).into_response());
    }
    let new = NewIssue {
        id: issue_id,
        programme_id: id,
        period: period_s.clone(),
        region_code: region.as_str().to_owned(),
        households,
        points,
        already,
        expires_on: expires_on.to_string(),
        rule: serde_json::to_string(&points_rule).map_err(|e| ApiError::Internal(e.to_string()))?,
        created_by: ctx.actor().to_owned(),
    };
    state.store.supermarket_insert_issue(&mut tx, &new).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.issue", "supermarket_issue", issue_id, region.as_str(), format!("{} {period_s}: {households} households, {points} points, {already} already served", programme.name)))
        .await?;
    idem.record(&state, &mut tx, &ctx, ISSUE, issue_id, StatusCode::CREATED).await?;
    tx.commit().await?;
    issue_answer(&state, granted.scope(), issue_id, StatusCode::CREATED).await
}

const ISSUE: &str = "supermarket_issue";

/// An issue as recorded: the answer of an issue that wrote vouchers and of its replay.
async fn issue_answer(state: &AppState, scope: &Scope, issue_id: i64, status: StatusCode) -> ApiResult<Response> {
    let record = state.store.supermarket_issue(scope, issue_id).await?;
    let names = region_names(state, [record.region_code.clone()]).await?;
    let expires_on = NaiveDate::parse_from_str(&record.expires_on, "%Y-%m-%d").map_err(|_| ApiError::Internal(format!("issue {issue_id} expires_on {}", record.expires_on)))?;
    let answer = IssueAnswer {
        period: record.period.clone(),
        region_code: record.region_code.clone(),
        households: record.households,
        points: record.points,
        already: record.already,
        expires_on,
        issue: Some(IssueView { region_name: names.get(&record.region_code).cloned(), issue: record }),
    };
    Ok((status, Json(answer)).into_response())
}

// ---- vouchers and households ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct VoucherView {
    #[serde(flatten)]
    pub voucher: VoucherRecord,
    pub region_name: Option<String>,
    /// past its last day: its remaining points have expired
    pub expired: bool,
}

async fn voucher_views(state: &AppState, list: Vec<VoucherRecord>, today: NaiveDate) -> ApiResult<Vec<VoucherView>> {
    let names = region_names(state, list.iter().map(|v| v.region_code.clone())).await?;
    let today_s = today.to_string();
    Ok(list
        .into_iter()
        .map(|mut v| {
            v.head_name = mask_name(&v.head_name);
            VoucherView { region_name: names.get(&v.region_code).cloned(), expired: v.expires_on < today_s, voucher: v }
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VoucherQuery {
    pub programme_id: Option<i64>,
    /// YYYY-MM
    pub period: Option<String>,
    pub household_id: Option<i64>,
    pub region: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 积分券 vouchers of households in the account's region (heads' names masked).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/vouchers", tag = "charity", params(VoucherQuery), responses((status = 200, description = "a page of vouchers")))]
pub async fn vouchers(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<VoucherQuery>) -> ApiResult<Json<PageOf<VoucherView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let period = match q.period.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(YearMonth::parse(s).ok_or_else(|| ApiError::invalid("period", "发放期格式须为 YYYY-MM", "period must be YYYY-MM"))?.to_string()),
    };
    let filter = VoucherFilter { programme_id: q.programme_id, period, household_id: q.household_id, region: region_filter(&ctx, q.region.as_deref())?.map(Scope::of) };
    let mut page = state.store.supermarket_vouchers(granted.scope(), &filter, Paging::new(q.page, q.page_size)).await?;
    let items = voucher_views(&state, std::mem::take(&mut page.items), today()).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct HouseholdPointsView {
    #[serde(flatten)]
    pub household: HouseholdPoints,
    pub region_name: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HouseholdQuery {
    /// part of the head's name, or the head's full ID number
    pub q: Option<String>,
    pub region: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 积分户 households holding vouchers in the account's region, with their balance today.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/households", tag = "charity", params(HouseholdQuery), responses((status = 200, body = PageOf<HouseholdPointsView>, description = "a page of households")))]
pub async fn households(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<HouseholdQuery>) -> ApiResult<Json<PageOf<HouseholdPointsView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let region = region_filter(&ctx, q.region.as_deref())?.map(Scope::of);
    let page = state.store.supermarket_households(granted.scope(), region.as_ref(), q.q.as_deref(), today(), Paging::new(q.page, q.page_size)).await?;
    let names = region_names(&state, page.items.iter().map(|h| h.region_code.clone())).await?;
    let items = page
        .items
        .iter()
        .cloned()
        .map(|mut h| {
            h.head_name = mask_name(&h.head_name);
            HouseholdPointsView { region_name: names.get(&h.region_code).cloned(), household: h }
        })
        .collect();
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct HouseholdBalanceView {
    pub household_id: i64,
    pub region_code: String,
    pub region_name: Option<String>,
    pub head_name: String,
    /// points that may be spent today
    pub balance: i64,
    pub vouchers: Vec<VoucherView>,
    /// the latest redemptions
    pub redemptions: Vec<RedemptionRecord>,
}

async fn balance_view(state: &AppState, scope: &Scope, household_id: i64) -> ApiResult<HouseholdBalanceView> {
    let list = state.store.supermarket_household_vouchers(None, scope, household_id).await?;
    let Some(latest) = list.iter().max_by_key(|v| v.id).cloned() else { return Err(ApiError::NotFound) };
    let today = today();
    let balances = list.iter().map(VoucherRecord::balance).collect::<Result<Vec<_>, StoreError>>()?;
    let balance = rule::balance(&balances, today);
    let recent = state.store.supermarket_redemptions(scope, &RedemptionFilter { household_id: Some(household_id), ..Default::default() }, Paging::new(Some(1), Some(20))).await?;
    let names = region_names(state, [latest.region_code.clone()]).await?;
    Ok(HouseholdBalanceView {
        household_id,
        region_name: names.get(&latest.region_code).cloned(),
        region_code: latest.region_code.clone(),
        head_name: mask_name(&latest.head_name),
        balance,
        vouchers: voucher_views(state, list, today).await?,
        redemptions: recent.items.into_iter().map(masked_redemption).collect(),
    })
}

/// 积分余额 a household's balance, vouchers and latest redemptions (404 outside the account's region).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/households/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = HouseholdBalanceView, description = "the balance"), (status = 404)))]
pub async fn household(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<HouseholdBalanceView>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    Ok(Json(balance_view(&state, granted.scope(), id).await?))
}

// ---- redemptions ----

fn masked_redemption(mut r: RedemptionRecord) -> RedemptionRecord {
    r.head_name = mask_name(&r.head_name);
    r
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RedemptionQuery {
    pub household_id: Option<i64>,
    /// YYYY-MM
    pub month: Option<String>,
    pub region: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 兑换记录 redemptions of households in the account's region, latest first.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/redemptions", tag = "charity", params(RedemptionQuery), responses((status = 200, body = PageOf<RedemptionRecord>, description = "a page of redemptions")))]
pub async fn redemptions(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RedemptionQuery>) -> ApiResult<Json<PageOf<RedemptionRecord>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let month = match q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(month(s)?),
    };
    let filter = RedemptionFilter { household_id: q.household_id, month, region: region_filter(&ctx, q.region.as_deref())?.map(Scope::of) };
    let page = state.store.supermarket_redemptions(granted.scope(), &filter, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page.map(masked_redemption))))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct RedeemLine {
    pub item_id: Option<i64>,
    pub quantity: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct RedeemBody {
    pub household_id: Option<i64>,
    pub lines: Option<Vec<RedeemLine>>,
    /// spend only this voucher's points (default: the household's vouchers, earliest expiry first)
    pub voucher_id: Option<i64>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct RedeemAnswer {
    pub redemption: RedemptionRecord,
    /// the household's balance after it
    pub balance: i64,
}

/// 兑换 redeem goods for a household's points at the counter: several items, taken
/// first-expiring-first, paid from the vouchers first-expiring-first; all or nothing.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/redemptions", tag = "charity", request_body = RedeemBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, description = "the redemption and the balance left"), (status = 409), (status = 422)))]
pub async fn redeem(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(body): ApiJson<RedeemBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::CharitySupermarket)?;
    if let Some(r) = idem.replay(&state, &ctx, REDEMPTION).await? {
        return redeem_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let household_id = body.household_id.ok_or_else(|| ApiError::invalid("household_id", "请选择兑换家庭", "household_id is required"))?;
    let lines = body.lines.unwrap_or_default();
    if lines.is_empty() {
        return Err(ApiError::invalid("lines", "请添加要兑换的物品", "add at least one item"));
    }
    let note = optional_text(body.note.as_deref(), "note", "备注", 200)?;
    let mut wanted = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let field = format!("lines[{i}].item_id");
        let item_id = l.item_id.ok_or_else(|| ApiError::invalid(&field, "请选择商品", "item_id is required"))?;
        let item = state.store.supermarket_item(item_id).await.map_err(|e| match e {
            StoreError::NotFound => ApiError::invalid(&field, "商品目录中没有这个商品", "no such item"),
            e => e.into(),
        })?;
        if !item.active {
            return Err(ApiError::invalid(&field, format!("{}已停用，不能兑换", item.name), format!("{} is withdrawn", item.name)));
        }
        let quantity = l.quantity.ok_or_else(|| ApiError::invalid(&format!("lines[{i}].quantity"), "请填写数量", "quantity is required"))?;
        wanted.push(Wanted { item_id, name: item.name, unit: item.unit, points_price: item.points_price, quantity });
    }
    let today = today();
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, REDEMPTION).await?;
        return redeem_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let mut vouchers = state.store.supermarket_household_vouchers(Some(&mut tx), granted.scope(), household_id).await?;
    let Some(latest) = vouchers.iter().max_by_key(|v| v.id).cloned() else {
        return Err(ApiError::invalid("household_id", "该户没有积分（或不在本账号管辖范围内）", "the household holds no points (or is outside your region)"));
    };
    if let Some(v) = body.voucher_id {
        vouchers.retain(|x| x.id == v);
        if vouchers.is_empty() {
            return Err(ApiError::invalid("voucher_id", "该户没有这张积分券", "the household has no such voucher"));
        }
    }
    let balances = vouchers.iter().map(VoucherRecord::balance).collect::<Result<Vec<_>, StoreError>>()?;
    let item_ids: Vec<i64> = wanted.iter().map(|w| w.item_id).collect();
    let lots = state.store.supermarket_open_lots(&mut tx, &item_ids).await?;
    let stock = lots.iter().map(LotRecord::stock).collect::<Result<Vec<_>, StoreError>>()?;
    let plan = rule::plan_redemption(&wanted, &stock, &balances, today).map_err(|e| if e.field == "lines" && body.voucher_id.is_some() { e.with_field("voucher_id") } else { e })?;
    let price: HashMap<i64, i64> = wanted.iter().map(|w| (w.item_id, w.points_price)).collect();
    let new = NewRedemption {
        household_id,
        region_code: latest.region_code.clone(),
        redeemed_on: today.to_string(),
        points: plan.points,
        value_fen: plan.value.0,
        note,
        lots: plan.lots.iter().map(|d| (d.clone(), d.quantity * price.get(&d.item_id).copied().unwrap_or(0))).collect(),
        vouchers: plan.vouchers.clone(),
        created_by: ctx.actor().to_owned(),
    };
    let id = state.store.supermarket_redeem(&mut tx, &new).await?;
    let detail = wanted.iter().map(|w| format!("{}×{}", w.name, w.quantity)).collect::<Vec<_>>().join(", ");
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.redeem", "supermarket_redemption", id, &latest.region_code, format!("household {household_id}: {detail}; {} points, {}", plan.points, plan.value.yuan_string())))
        .await?;
    idem.record(&state, &mut tx, &ctx, REDEMPTION, id, StatusCode::CREATED).await?;
    tx.commit().await?;
    redeem_answer(&state, granted.scope(), id, StatusCode::CREATED).await
}

const REDEMPTION: &str = "supermarket_redemption";

/// A redemption with the household's balance now: the answer of a redemption and of its replay.
async fn redeem_answer(state: &AppState, scope: &Scope, id: i64, status: StatusCode) -> ApiResult<Response> {
    let redemption = masked_redemption(state.store.supermarket_redemption(scope, id).await?);
    let after = state.store.supermarket_household_vouchers(None, scope, redemption.household_id).await?;
    let balance = rule::balance(&after.iter().map(VoucherRecord::balance).collect::<Result<Vec<_>, StoreError>>()?, today());
    Ok((status, Json(RedeemAnswer { redemption, balance })).into_response())
}

// ---- statement ----

#[derive(Serialize)]
pub struct StatementLineView {
    pub item_id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    #[serde(flatten)]
    pub flows: Flows,
}

#[derive(Serialize)]
pub struct StatementView {
    pub month: String,
    /// false while the month is not over: the figures so far
    pub closed: bool,
    pub lines: Vec<StatementLineView>,
    pub totals: Flows,
    /// points of households in the account's region
    pub points: PointsFlow,
    pub redemptions: i64,
    pub households_served: i64,
    /// the region the points figures cover
    pub region_code: String,
}

async fn compute_statement(state: &AppState, ctx: &Ctx, m: &str) -> ApiResult<StatementView> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let month = month(m)?;
    let today = today();
    if month > YearMonth::of(today) {
        return Err(ApiError::invalid("month", "不能查看未来月份的报表", "the month has not begun"));
    }
    let sums = state.store.supermarket_statement_sums(granted.scope(), month, today).await?;
    let s = rule::statement(month, &sums.moves, sums.points);
    let items = state.store.supermarket_item_map().await?;
    let lines = s
        .lines
        .iter()
        .map(|l| {
            let item = items.get(&l.item_id);
            StatementLineView {
                item_id: l.item_id,
                code: item.map(|i| i.code.clone()).unwrap_or_default(),
                name: item.map(|i| i.name.clone()).unwrap_or_default(),
                unit: item.map(|i| i.unit.clone()).unwrap_or_default(),
                flows: l.flows,
            }
        })
        .collect();
    Ok(StatementView {
        month: month.to_string(),
        closed: month < YearMonth::of(today),
        lines,
        totals: s.totals,
        points: s.points,
        redemptions: sums.redemptions,
        households_served: sums.households_served,
        region_code: ctx.region().as_str().to_owned(),
    })
}

/// 月度报表 a month's statement: stock (opening, in by donation and purchase, out by redemption,
/// written off, closing; by item, at the lots' values) and points (opening, issued, redeemed,
/// expired, closing).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/statements/{month}", tag = "charity", params(("month" = String, Path, description = "YYYY-MM")), responses((status = 200, description = "the statement"), (status = 422)))]
pub async fn statement(State(state): State<AppState>, ctx: Ctx, Path(m): Path<String>) -> ApiResult<Json<StatementView>> {
    Ok(Json(compute_statement(&state, &ctx, &m).await?))
}

/// 导出月度报表 the statement as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/statements/{month}/export", tag = "charity", params(("month" = String, Path, description = "YYYY-MM")),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 422)))]
pub async fn statement_export(State(state): State<AppState>, ctx: Ctx, Path(m): Path<String>) -> ApiResult<Response> {
    let s = compute_statement(&state, &ctx, &m).await?;
    let headers = [
        "商品编码",
        "商品",
        "单位",
        "期初数量",
        "期初金额（元）",
        "捐赠入库数量",
        "捐赠入库金额（元）",
        "采购入库数量",
        "采购入库金额（元）",
        "兑换出库数量",
        "兑换出库金额（元）",
        "报损核销数量",
        "报损核销金额（元）",
        "期末数量",
        "期末金额（元）",
    ];
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut xlsx = crate::tabular::XlsxExport::new(&format!("慈善超市月报{}", s.month), &headers).map_err(internal)?;
    let y = |f: Fen| f.yuan_string();
    let flows = |f: &Flows, quantities: bool| -> Vec<String> {
        let q = |n: i64| if quantities { n.to_string() } else { String::new() };
        vec![
            q(f.opening.quantity),
            y(f.opening.value),
            q(f.in_donation.quantity),
            y(f.in_donation.value),
            q(f.in_purchase.quantity),
            y(f.in_purchase.value),
            q(f.redeemed.quantity),
            y(f.redeemed.value),
            q(f.written_off.quantity),
            y(f.written_off.value),
            q(f.closing.quantity),
            y(f.closing.value),
        ]
    };
    for l in &s.lines {
        let mut row = vec![l.code.clone(), l.name.clone(), l.unit.clone()];
        row.extend(flows(&l.flows, true));
        xlsx.push_row(&row).map_err(internal)?;
    }
    let mut total = vec!["合计".to_owned(), String::new(), String::new()];
    total.extend(flows(&s.totals, false));
    xlsx.push_row(&total).map_err(internal)?;
    xlsx.push_row(&[]).map_err(internal)?;
    let p = &s.points;
    for (label, n) in [("期初积分", p.opening), ("本月发放积分", p.issued), ("本月兑换积分", p.redeemed), ("本月过期积分", p.expired), ("期末积分", p.closing), ("兑换笔数", s.redemptions), ("服务户数", s.households_served)] {
        xlsx.push_row(&[label.to_owned(), n.to_string()]).map_err(internal)?;
    }
    let bytes = xlsx.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("export", "supermarket_statement", &s.month, ctx.region().as_str(), format!("慈善超市月报 {} ({} items)", s.month, s.lines.len()))).await?;
    Ok(crate::registry::download(bytes, &format!("慈善超市月报-{}.xlsx", s.month), crate::registry::XLSX_MIME))
}

/// A goods donation's trace as the public portal shows it: the heads' names masked.
pub async fn public_goods_trace(state: &AppState, donation_id: i64) -> ApiResult<Vec<GoodsTraceLine>> {
    let mut lines = state.store.supermarket_donation_trace(donation_id).await?;
    for l in &mut lines {
        for r in &mut l.redemptions {
            r.head_name = mask_name(&r.head_name);
        }
    }
    Ok(lines)
}
