//! 月度报表 the monthly statement (JSON and .xlsx).
use super::*;

// ---- statement ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StatementLineView {
    pub item_id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    #[serde(flatten)]
    pub flows: Flows,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StatementView {
    pub month: YearMonth,
    /// false while the month is not over: the figures so far
    pub closed: bool,
    pub lines: Vec<StatementLineView>,
    pub totals: Flows,
    /// points of households in the account's region
    pub points: PointsFlow,
    pub redemptions: i64,
    pub households_served: i64,
    /// the region the points figures cover
    pub region_code: RegionCode,
}

pub(super) async fn compute_statement(state: &AppState, ctx: &Ctx, m: &str) -> ApiResult<StatementView> {
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
        month,
        closed: month < YearMonth::of(today),
        lines,
        totals: s.totals,
        points: s.points,
        redemptions: sums.redemptions,
        households_served: sums.households_served,
        region_code: ctx.region().clone(),
    })
}

/// 月度报表 a month's statement: stock (opening, in by donation and purchase, out by redemption,
/// written off, closing; by item, at the lots' values) and points (opening, issued, redeemed,
/// expired, closing).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/statements/{month}", tag = "charity", params(("month" = String, Path, description = "YYYY-MM")), responses((status = 200, body = StatementView, description = "the statement"), (status = 422)))]
pub async fn statement(State(state): State<AppState>, ctx: Ctx, Path(m): Path<String>) -> ApiResult<Json<StatementView>> {
    Ok(Json(compute_statement(&state, &ctx, &m).await?))
}

/// 导出月度报表 the statement as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/charity/supermarket/statements/{month}/export", tag = "charity", params(("month" = String, Path, description = "YYYY-MM")),
    responses((status = 200, description = "an .xlsx file", body = crate::extract::FileBytes, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 422)))]
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
    let month = s.month.to_string();
    let mut xlsx = crate::tabular::XlsxExport::new(&format!("慈善超市月报{month}"), &headers).map_err(internal)?;
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
    state.store.audit_now(&ctx.entry("export", "supermarket_statement", &month, ctx.region().as_str(), format!("慈善超市月报 {} ({} items)", s.month, s.lines.len()))).await?;
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
