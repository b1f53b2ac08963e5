//! 结算 the monthly settlement of a provider.
use super::*;

// ---------------------------------------------------------------- settlement

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SettleQuery {
    pub provider_id: Option<i64>,
    /// YYYY-MM
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    /// the elders' names in full (permission person.unmask, audited)
    pub unmask: Option<bool>,
}

pub(super) fn mask_lines<'a>(lines: impl Iterator<Item = &'a mut String>, masked: bool) {
    if masked {
        lines.for_each(|n| *n = mask_name(n));
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SettlementPreview {
    pub provider_id: i64,
    pub provider_name: String,
    /// the settlement already confirmed for this provider and month, if any
    pub settled_id: Option<i64>,
    #[serde(flatten)]
    pub settlement: Settlement,
}

/// Computes a provider's month from the stored orders, enrolments, parameters and other providers'
/// settlements.
pub(super) async fn compute(state: &AppState, scope: &Scope, provider_id: Option<i64>, month: Option<YearMonth>) -> ApiResult<(ProviderRecord, YearMonth, Settlement)> {
    let provider_id = provider_id.ok_or_else(|| ApiError::invalid("provider_id", "请选择服务商", "provider_id is required"))?;
    let month = month_required(month, "month")?;
    if month > YearMonth::of(today()) {
        return Err(ApiError::invalid("month", "不能结算未来的月份", "a future month cannot be settled"));
    }
    let provider = state.store.provider(scope, provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    let m = month.to_string();
    let orders = state.store.provider_month_orders(provider_id, &m).await?;
    let policy = state.store.policy().await?;
    let mut elders: BTreeMap<i64, ElderAllowance> = BTreeMap::new();
    for o in &orders {
        if elders.contains_key(&o.fact.person_id) {
            continue;
        }
        elders.insert(
            o.fact.person_id,
            ElderAllowance {
                person_id: o.fact.person_id,
                name: o.name.clone(),
                region_code: o.region_code.to_string(),
                enrolled: state.store.enrolled_in_month(o.fact.person_id, &m).await?,
                allowance: rule::monthly_allowance(&policy, &o.region_code, month),
                paid_elsewhere: Fen(state.store.paid_elsewhere(o.fact.person_id, &m, provider_id).await?),
            },
        );
    }
    let facts: Vec<_> = orders.into_iter().map(|o| o.fact).collect();
    let allowances: Vec<_> = elders.into_values().collect();
    Ok((provider, month, rule::settle(month, &facts, &allowances)))
}

/// 结算预览 a provider's month as it would be settled: per elder, confirmed orders paid up to the
/// allowance, the excess and the orders not confirmed, each explained.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/preview", tag = "elderly", params(SettleQuery), responses((status = 200, body = SettlementPreview), (status = 422)))]
pub async fn preview(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SettleQuery>) -> ApiResult<Json<SettlementPreview>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (provider, month, mut settlement) = compute(&state, granted.scope(), q.provider_id, q.month).await?;
    mask_lines(settlement.lines.iter_mut().map(|l| &mut l.name), masked);
    if !masked {
        audit_unmask(&state, &ctx, "homecare_settlement", format!("{} {month}", provider.id)).await?;
    }
    let settled_id = state.store.list_homecare_settlements(Some(provider.id), Some(&month.to_string())).await?.first().map(|s| s.id);
    Ok(Json(SettlementPreview { provider_id: provider.id, provider_name: provider.name, settled_id, settlement }))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct SettleBody {
    pub provider_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SettlementDetail {
    #[serde(flatten)]
    pub settlement: SettlementRecord,
    pub lines: Vec<SettlementLineRecord>,
}

/// 确认结算 settle a provider's month, once (409 for a second).
#[utoipa::path(post, path = "/api/v1/elderly/care/settlements", tag = "elderly", request_body = SettleBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = SettlementDetail, description = "the settlement with its lines"), (status = 409), (status = 422)))]
pub async fn settle(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(b): ApiJson<SettleBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    if let Some(r) = idem.replay(&state, &ctx, SETTLEMENT).await? {
        return settle_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let (provider, month, settlement) = compute(&state, granted.scope(), b.provider_id, b.month).await?;
    if !state.store.list_homecare_settlements(Some(provider.id), Some(&month.to_string())).await?.is_empty() {
        // settled meanwhile by this key's first request: its answer
        if let Some(r) = idem.replay(&state, &ctx, SETTLEMENT).await? {
            return settle_answer(&state, granted.scope(), r.id, r.status).await;
        }
        return Err(ApiError::Conflict(FieldError::new("month", format!("{} {month} 已结算，不能重复结算", provider.name), format!("{} is already settled for {month}", provider.name))));
    }
    if settlement.lines.is_empty() {
        return Err(ApiError::invalid("month", format!("{} {month} 没有工单，无需结算", provider.name), format!("{} has no orders in {month}", provider.name)));
    }
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, SETTLEMENT).await?;
        return settle_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let id = state.store.insert_homecare_settlement(&mut tx, provider.id, &settlement, ctx.actor()).await?;
    let detail = format!(
        "{} {month}: {} elders, confirmed {} fen, payable {} fen, excess {} fen, unconfirmed {} orders",
        provider.name, settlement.elders, settlement.confirmed_amount.0, settlement.payable.0, settlement.excess.0, settlement.unconfirmed_orders
    );
    state.store.audit(&mut tx, &ctx.entry("homecare.settle", "homecare_settlement", id, provider.region_code.as_str(), detail)).await?;
    idem.record(&state, &mut tx, &ctx, SETTLEMENT, id, StatusCode::CREATED).await?;
    tx.commit().await?;
    settle_answer(&state, granted.scope(), id, StatusCode::CREATED).await
}

pub(super) const SETTLEMENT: &str = "homecare_settlement";

/// A settlement with its lines (names masked): the answer of a settle and of its replay.
pub(super) async fn settle_answer(state: &AppState, scope: &Scope, id: i64, status: StatusCode) -> ApiResult<Response> {
    let (s, mut lines) = state.store.homecare_settlement(scope, id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), true);
    Ok((status, Json(SettlementDetail { settlement: s, lines })).into_response())
}

/// 结算记录 confirmed settlements, optionally of one provider or month.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements", tag = "elderly", params(SettleQuery), responses((status = 200, body = Vec<SettlementRecord>, description = "confirmed settlements")))]
pub async fn settlements(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SettleQuery>) -> ApiResult<Json<Vec<SettlementRecord>>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let month = q.month.map(|m| m.to_string());
    let list = state.store.list_homecare_settlements(q.provider_id, month.as_deref()).await?;
    // only providers serving the account's region
    let visible: Vec<i64> = state.store.list_providers(granted.scope(), None, None).await?.into_iter().map(|p| p.id).collect();
    Ok(Json(list.into_iter().filter(|s| visible.contains(&s.provider_id)).collect()))
}

/// 结算单 a settlement with its lines per elder.
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/{id}", tag = "elderly", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = SettlementDetail), (status = 404)))]
pub async fn settlement(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<SettlementDetail>> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (s, mut lines) = state.store.homecare_settlement(granted.scope(), id).await?;
    state.store.provider(granted.scope(), s.provider_id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), masked);
    if !masked {
        audit_unmask(&state, &ctx, "homecare_settlement", id.to_string()).await?;
    }
    Ok(Json(SettlementDetail { settlement: s, lines }))
}

/// 导出结算单 a settlement as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/elderly/care/settlements/{id}/export", tag = "elderly", params(("id" = i64, Path), UnmaskQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404)))]
pub async fn settlement_export(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareSettle)?;
    let masked = masked(&ctx, q.unmask)?;
    let (s, mut lines) = state.store.homecare_settlement(granted.scope(), id).await?;
    state.store.provider(granted.scope(), s.provider_id).await?;
    mask_lines(lines.iter_mut().map(|l| &mut l.name), masked);
    let headers = ["老人", "区划代码", "已确认工单", "已确认金额（元）", "月服务补贴（元）", "其他服务商已结算（元）", "政府支付（元）", "超出补贴（元）", "未确认工单", "未确认金额（元）", "说明"];
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut xlsx = crate::tabular::XlsxExport::new("居家养老服务结算", &headers).map_err(internal)?;
    let y = |f: i64| Fen(f).yuan_string();
    for l in &lines {
        let row = [
            l.name.clone(),
            l.region_code.to_string(),
            l.confirmed_orders.to_string(),
            y(l.confirmed_amount),
            y(l.allowance),
            y(l.paid_elsewhere),
            y(l.payable),
            y(l.excess),
            l.unconfirmed_orders.to_string(),
            y(l.unconfirmed_amount),
            l.explanation_zh.clone(),
        ];
        xlsx.push_row(&row).map_err(internal)?;
    }
    let total = ["合计".to_owned(), String::new(), s.confirmed_orders.to_string(), y(s.confirmed_amount), String::new(), String::new(), y(s.payable), y(s.excess), s.unconfirmed_orders.to_string(), y(s.unconfirmed_amount), s.rule.clone()];
    xlsx.push_row(&total).map_err(internal)?;
    let bytes = xlsx.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("export", "homecare_settlement", id, ctx.region().as_str(), format!("{} {} {} lines{}", s.provider_name, s.month, lines.len(), if masked { "" } else { ", unmasked" }))).await?;
    Ok(crate::registry::download(bytes, &format!("居家养老服务结算-{}-{}.xlsx", s.provider_name, s.month), crate::registry::XLSX_MIME))
}
