//! 商品与库存 the catalogue and the stock: purchases in, lots, expiry warnings and write-offs.
use super::*;

// ---- items ----

#[derive(utoipa::ToSchema)]
#[schema(as = charity::supermarket::ItemView)]
#[derive(Serialize)]
pub struct ItemView {
    #[serde(flatten)]
    pub item: ItemRecord,
    pub category_zh: &'static str,
}

pub(super) fn item_view(item: ItemRecord) -> ItemView {
    ItemView { category_zh: item.category.zh(), item }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    pub active: Option<bool>,
    /// grain_oil | food | daily | clothing | bedding | other
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub category: Option<Category>,
    /// part of the code or name
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 商品目录 the catalogue.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/items", tag = "charity", params(ItemQuery), responses((status = 200, body = PageOf<ItemView>, description = "a page of items")))]
pub async fn items(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ItemQuery>) -> ApiResult<Json<PageOf<ItemView>>> {
    ctx.require(Permission::CharityRead)?;
    let page = state.store.supermarket_items(&ItemFilter { active: q.active, category: q.category, q: q.q }, Paging::new(q.page, q.page_size)).await?;
    Ok(Json(PageOf::from(page.map(item_view))))
}

fn category(c: Option<Category>) -> ApiResult<Category> {
    c.ok_or_else(|| ApiError::invalid("category", "类别须为粮油、食品、日用品、衣物、床上用品或其他", "category must be grain_oil, food, daily, clothing, bedding or other"))
}

#[derive(utoipa::ToSchema)]
#[schema(as = supermarket::ItemBody)]
#[derive(Deserialize)]
pub struct ItemBody {
    pub code: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[schema(value_type = Option<String>)]
    pub category: Option<Category>,
    /// 袋, 瓶, 床…
    pub unit: Option<String>,
    /// points per unit
    pub points_price: Option<i64>,
    /// reference value per unit, fen
    pub unit_value_fen: Option<i64>,
    pub active: Option<bool>,
    pub version: Option<i64>,
}

pub(super) fn item_fields(b: &ItemBody) -> ApiResult<ItemFields> {
    let code = text(b.code.as_deref(), "code", "商品编码", 20)?;
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ApiError::invalid("code", "商品编码只能由字母、数字、- 和 _ 组成", "code may hold only letters, digits, - and _"));
    }
    Ok(ItemFields {
        code: code.to_uppercase(),
        name: text(b.name.as_deref(), "name", "商品名称", 40)?,
        category: category(b.category)?,
        unit: text(b.unit.as_deref(), "unit", "计量单位", 6)?,
        points_price: number(b.points_price, "points_price", "兑换积分", 1..=rule::MAX_POINTS)?,
        unit_value_fen: rule::UNIT_VALUE.check("unit_value_fen", "参考单价", b.unit_value_fen)?.0,
        active: b.active.unwrap_or(true),
    })
}

/// 新增商品 add an item to the catalogue (409 for a code in use).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/items", tag = "charity", request_body = ItemBody, responses((status = 201, body = ItemView, description = "the item"), (status = 409), (status = 422)))]
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
#[utoipa::path(put, path = "/api/v1/charity/supermarket/items/{id}", tag = "charity", request_body = ItemBody, params(("id" = i64, Path)), responses((status = 200, body = ItemView, description = "the item"), (status = 404), (status = 409), (status = 422)))]
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
            category_zh: row.item.category.zh(),
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

pub(super) fn lot_view(lot: LotRecord, today: NaiveDate) -> LotView {
    let expires = lot.expires_on;
    LotView {
        source_zh: lot.source.zh(),
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
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub source: Option<Source>,
    /// in_stock | expired | expiring | empty
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub status: Option<LotState>,
    pub donation_id: Option<i64>,
    /// fefo (default: the earliest expiry first) | recent (the latest receipts first)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub order: Option<LotOrder>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 入库批次 lots, the earliest expiry first (or the latest receipts first).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/lots", tag = "charity", params(LotQuery), responses((status = 200, body = PageOf<LotView>, description = "a page of lots")))]
pub async fn lots(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<LotQuery>) -> ApiResult<Json<PageOf<LotView>>> {
    ctx.require(Permission::CharityRead)?;
    let status = q.status.map(|s| match s {
        LotState::InStock => LotStatus::InStock,
        LotState::Expired => LotStatus::Expired,
        LotState::Expiring => LotStatus::Expiring,
        LotState::Empty => LotStatus::Empty,
    });
    let recent = q.order == Some(LotOrder::Recent);
    let today = today();
    let filter = LotFilter { item_id: q.item_id, source: q.source, status, donation_id: q.donation_id, recent };
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
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub expires_on: Option<NaiveDate>,
    pub supplier: Option<String>,
    /// YYYY-MM-DD, default today
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub received_on: Option<NaiveDate>,
}

/// 采购入库 receive purchased goods (donated goods come in with their donation).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/lots", tag = "charity", request_body = StockInBody, responses((status = 201, body = LotView, description = "the lot"), (status = 422)))]
pub async fn stock_in(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<StockInBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharitySupermarket)?;
    let item_id = body.item_id.ok_or_else(|| ApiError::invalid("item_id", "请选择商品", "item_id is required"))?;
    let quantity = body.quantity.ok_or_else(|| ApiError::invalid("quantity", "请填写入库数量", "quantity is required"))?;
    let unit_value_fen = body.unit_value_fen.ok_or_else(|| ApiError::invalid("unit_value_fen", "请填写采购单价", "unit_value_fen is required"))?;
    let today = today();
    let received = body.received_on.unwrap_or(today);
    if received > today {
        return Err(ApiError::invalid("received_on", "入库日期不能晚于今天", "received_on is in the future"));
    }
    let expires = body.expires_on;
    let lot = NewLot {
        item_id,
        quantity,
        unit_value_fen,
        expires_on: expires,
        source: Source::Purchase,
        donation_id: None,
        supplier: text(body.supplier.as_deref(), "supplier", "供货单位", 60)?,
        received_on: received,
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
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[schema(value_type = Option<String>)]
    pub reason: Option<WriteOffReason>,
    #[serde(default)]
    pub note: Option<String>,
}

/// 报损核销 write off a lot's goods: expired (only past its date) or damaged.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/lots/{id}/write-off", tag = "charity", request_body = WriteOffBody, params(("id" = i64, Path)), responses((status = 200, body = LotView, description = "the lot"), (status = 404), (status = 409), (status = 422)))]
pub async fn write_off(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<WriteOffBody>) -> ApiResult<Json<LotView>> {
    ctx.require(Permission::CharitySupermarket)?;
    let lot = state.store.supermarket_lot(id).await?;
    let reason = body
        .reason
        .ok_or_else(|| ApiError::invalid("reason", "核销原因须为 expired（过期）或 damaged（损坏变质）", "reason must be expired or damaged"))?;
    if lot.remaining == 0 {
        return Err(ApiError::invalid("quantity", "该批次已无库存", "the lot holds nothing"));
    }
    let quantity = body.quantity.unwrap_or(lot.remaining);
    if !(1..=lot.remaining).contains(&quantity) {
        return Err(ApiError::invalid("quantity", format!("核销数量应在1至{}之间", lot.remaining), format!("quantity must be 1 to {}", lot.remaining)));
    }
    let today = today();
    let expires = lot.expires_on;
    if reason == WriteOffReason::Expired && !rule::is_expired(expires, today) {
        let until = expires.map_or_else(|| "无保质期".to_owned(), |e| format!("保质期至{e}"));
        return Err(ApiError::invalid("reason", format!("该批次尚未过期（{until}），不能按过期核销"), "the lot is not past its date: write it off as damaged if it is"));
    }
    let note = optional_text(body.note.as_deref(), "note", "核销说明", 200)?;
    if reason == WriteOffReason::Damaged && note.is_empty() {
        return Err(ApiError::invalid("note", "按损坏变质核销须写明情况", "describe the damage in note"));
    }
    let mut tx = state.store.begin().await?;
    state.store.supermarket_write_off(&mut tx, &lot, quantity, reason, &note, today, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.write_off", "supermarket_lot", id, ctx.region().as_str(), format!("{} × {quantity} {} ({})", lot.item_name, reason.as_str(), Fen(lot.unit_value_fen * quantity).yuan_string())))
        .await?;
    tx.commit().await?;
    Ok(Json(lot_view(state.store.supermarket_lot(id).await?, today)))
}
