//! 积分与兑换 vouchers, a household's balance and redemption at the counter.
use super::*;

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

pub(super) async fn voucher_views(state: &AppState, list: Vec<VoucherRecord>, today: NaiveDate) -> ApiResult<Vec<VoucherView>> {
    let names = region_names(state, list.iter().map(|v| &v.region_code)).await?;
    Ok(list
        .into_iter()
        .map(|mut v| {
            v.head_name = mask_name(&v.head_name);
            VoucherView { region_name: names.get(v.region_code.as_str()).cloned(), expired: v.expires_on < today, voucher: v }
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VoucherQuery {
    pub programme_id: Option<i64>,
    /// YYYY-MM
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub period: Option<YearMonth>,
    pub household_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 积分券 vouchers of households in the account's region (heads' names masked).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/vouchers", tag = "charity", params(VoucherQuery), responses((status = 200, body = PageOf<VoucherView>, description = "a page of vouchers")))]
pub async fn vouchers(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<VoucherQuery>) -> ApiResult<Json<PageOf<VoucherView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let filter = VoucherFilter { programme_id: q.programme_id, period: q.period, household_id: q.household_id };
    let mut page = state.store.supermarket_vouchers(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
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
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 积分户 households holding vouchers in the account's region, with their balance today.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/households", tag = "charity", params(HouseholdQuery), responses((status = 200, body = PageOf<HouseholdPointsView>, description = "a page of households")))]
pub async fn households(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<HouseholdQuery>) -> ApiResult<Json<PageOf<HouseholdPointsView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let page = state.store.supermarket_households(&granted.within(q.region.as_ref())?, q.q.as_deref(), today(), Paging::new(q.page, q.page_size)).await?;
    let names = region_names(&state, page.items.iter().map(|h| &h.region_code)).await?;
    let items = page
        .items
        .iter()
        .cloned()
        .map(|mut h| {
            h.head_name = mask_name(&h.head_name);
            HouseholdPointsView { region_name: names.get(h.region_code.as_str()).cloned(), household: h }
        })
        .collect();
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct HouseholdBalanceView {
    pub household_id: i64,
    pub region_code: RegionCode,
    pub region_name: Option<String>,
    pub head_name: String,
    /// points that may be spent today
    pub balance: i64,
    pub vouchers: Vec<VoucherView>,
    /// the latest redemptions
    pub redemptions: Vec<RedemptionRecord>,
}

pub(super) async fn balance_view(state: &AppState, scope: &Scope, household_id: i64) -> ApiResult<HouseholdBalanceView> {
    let list = state.store.supermarket_household_vouchers(None, scope, household_id).await?;
    let Some(latest) = list.iter().max_by_key(|v| v.id).cloned() else { return Err(ApiError::NotFound) };
    let today = today();
    let balances: Vec<_> = list.iter().map(VoucherRecord::balance).collect();
    let balance = rule::balance(&balances, today);
    let recent = state.store.supermarket_redemptions(scope, &RedemptionFilter { household_id: Some(household_id), ..Default::default() }, Paging::new(Some(1), Some(20))).await?;
    let names = region_names(state, [&latest.region_code]).await?;
    Ok(HouseholdBalanceView {
        household_id,
        region_name: names.get(latest.region_code.as_str()).cloned(),
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

pub(super) fn masked_redemption(mut r: RedemptionRecord) -> RedemptionRecord {
    r.head_name = mask_name(&r.head_name);
    r
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RedemptionQuery {
    pub household_id: Option<i64>,
    /// YYYY-MM
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 兑换记录 redemptions of households in the account's region, latest first.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/redemptions", tag = "charity", params(RedemptionQuery), responses((status = 200, body = PageOf<RedemptionRecord>, description = "a page of redemptions")))]
pub async fn redemptions(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RedemptionQuery>) -> ApiResult<Json<PageOf<RedemptionRecord>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    let month = q.month;
    let filter = RedemptionFilter { household_id: q.household_id, month };
    let page = state.store.supermarket_redemptions(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
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

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct RedeemAnswer {
    pub redemption: RedemptionRecord,
    /// the household's balance after it
    pub balance: i64,
}

/// 兑换 redeem goods for a household's points at the counter: several items, taken
/// first-expiring-first, paid from the vouchers first-expiring-first; all or nothing.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/redemptions", tag = "charity", request_body = RedeemBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = RedeemAnswer, description = "the redemption and the balance left"), (status = 409), (status = 422)))]
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
    let balances: Vec<_> = vouchers.iter().map(VoucherRecord::balance).collect();
    let item_ids: Vec<i64> = wanted.iter().map(|w| w.item_id).collect();
    let lots = state.store.supermarket_open_lots(&mut tx, &item_ids).await?;
    let stock: Vec<_> = lots.iter().map(LotRecord::stock).collect();
    let plan = rule::plan_redemption(&wanted, &stock, &balances, today).map_err(|e| if e.field == "lines" && body.voucher_id.is_some() { e.with_field("voucher_id") } else { e })?;
    let price: HashMap<i64, i64> = wanted.iter().map(|w| (w.item_id, w.points_price)).collect();
    let new = NewRedemption {
        household_id,
        region_code: latest.region_code.clone(),
        redeemed_on: today,
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
        .audit(&mut tx, &ctx.entry("supermarket.redeem", "supermarket_redemption", id, latest.region_code.as_str(), format!("household {household_id}: {detail}; {} points, {}", plan.points, plan.value.yuan_string())))
        .await?;
    idem.record(&state, &mut tx, &ctx, REDEMPTION, id, StatusCode::CREATED).await?;
    tx.commit().await?;
    redeem_answer(&state, granted.scope(), id, StatusCode::CREATED).await
}

pub(super) const REDEMPTION: &str = "supermarket_redemption";

/// A redemption with the household's balance now: the answer of a redemption and of its replay.
pub(super) async fn redeem_answer(state: &AppState, scope: &Scope, id: i64, status: StatusCode) -> ApiResult<Response> {
    let redemption = masked_redemption(state.store.supermarket_redemption(scope, id).await?);
    let after = state.store.supermarket_household_vouchers(None, scope, redemption.household_id).await?;
    let balance = rule::balance(&after.iter().map(VoucherRecord::balance).collect::<Vec<_>>(), today());
    Ok((status, Json(RedeemAnswer { redemption, balance })).into_response())
}
