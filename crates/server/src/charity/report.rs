//! 年度收支报告 the charity's annual report of income and spending: JSON for the console's page
//! (printable) and an .xlsx workbook.
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Datelike;
use minzheng_core::access::Permission;
use minzheng_core::assistance::Fen;
use minzheng_store::charity::report::Keyed;
use minzheng_store::charity::supermarket::SupermarketYear;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi};

use super::funds::{donor_kinds, label, recipient_kinds};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};
use crate::registry::{XLSX_MIME, download};
use crate::tabular::XlsxExport;

#[derive(OpenApi)]
#[openapi(paths(report, report_xlsx))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/charity/report", get(report)).route("/charity/report.xlsx", get(report_xlsx))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// default: this year
    pub year: Option<i32>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Line {
    pub id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub amount_fen: i64,
    pub count: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct IncomeMonth {
    pub month: String,
    pub money_fen: i64,
    pub goods_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SpendMonth {
    pub month: String,
    pub amount_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[schema(as = charity::report::Income)]
#[derive(Serialize)]
pub struct Income {
    pub total_fen: i64,
    pub money_fen: i64,
    pub goods_fen: i64,
    pub donations: i64,
    pub donors: i64,
    pub by_month: Vec<IncomeMonth>,
    pub by_fund: Vec<Line>,
    pub by_donor_kind: Vec<Line>,
    pub by_campaign: Vec<Line>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Spending {
    pub total_fen: i64,
    pub allocations: i64,
    pub households: i64,
    pub organisations: i64,
    pub by_month: Vec<SpendMonth>,
    pub by_fund: Vec<Line>,
    pub by_project: Vec<Line>,
    pub by_recipient_kind: Vec<Line>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Balances {
    /// money held on 1 January
    pub opening_fen: i64,
    /// money held after 31 December (or today, for this year)
    pub closing_fen: i64,
}

#[derive(utoipa::ToSchema)]
#[schema(as = charity::report::ReportView)]
#[derive(Serialize)]
pub struct ReportView {
    pub year: i32,
    pub generated_at: String,
    pub income: Income,
    pub spending: Spending,
    pub balances: Balances,
    pub supermarket: SupermarketYear,
}

fn lines(rows: Vec<Keyed>, general: &str, vocab: &[super::CodeView]) -> Vec<Line> {
    rows.into_iter()
        .map(|k| {
            let name = if !k.key.is_empty() {
                label(vocab, &k.key).0.to_owned()
            } else if k.name.is_empty() {
                general.to_owned()
            } else {
                k.name
            };
            Line { id: k.id, kind: k.key, name, amount_fen: k.amount_fen, count: k.count }
        })
        .collect()
}

async fn build(state: &AppState, ctx: &Ctx, year: Option<i32>) -> ApiResult<ReportView> {
    ctx.require(Permission::CharityRead)?;
    let this = today().year();
    let year = year.unwrap_or(this);
    if !(2000..=this).contains(&year) {
        return Err(ApiError::invalid("year", format!("年份须在2000至{this}之间"), format!("year must be 2000 to {this}")));
    }
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let t = state.store.charity_totals(Some(&from), Some(&to)).await?;
    let months = state.store.charity_by_month(&format!("{year}-01"), &format!("{year}-12")).await?;
    let opening = state.store.charity_balance_before(&from).await?;
    Ok(ReportView {
        year,
        generated_at: minzheng_store::now(),
        income: Income {
            total_fen: t.money_fen + t.goods_fen,
            money_fen: t.money_fen,
            goods_fen: t.goods_fen,
            donations: t.donations,
            donors: t.donors,
            by_month: months.iter().map(|m| IncomeMonth { month: m.month.clone(), money_fen: m.money_fen, goods_fen: m.goods_fen }).collect(),
            by_fund: lines(state.store.charity_income_by("fund", &from, &to).await?, "非定向（慈善会统筹）", &[]),
            by_donor_kind: lines(state.store.charity_income_by("donor_kind", &from, &to).await?, "", &donor_kinds()),
            by_campaign: lines(state.store.charity_income_by("campaign", &from, &to).await?, "", &[]),
        },
        spending: Spending {
            total_fen: t.spent_fen,
            allocations: t.allocations,
            households: t.households,
            organisations: t.organisations,
            by_month: months.iter().map(|m| SpendMonth { month: m.month.clone(), amount_fen: m.spent_fen }).collect(),
            by_fund: lines(state.store.charity_spending_by("fund", &from, &to).await?, "", &[]),
            by_project: lines(state.store.charity_spending_by("project", &from, &to).await?, "直接救助（不属项目）", &[]),
            by_recipient_kind: lines(state.store.charity_spending_by("recipient_kind", &from, &to).await?, "", &recipient_kinds()),
        },
        balances: Balances { opening_fen: opening, closing_fen: opening + t.money_fen - t.spent_fen },
        supermarket: state.store.supermarket_year_summary(year).await?,
    })
}

/// 年度收支报告 the year's income and spending (by month, fund, donor kind, campaign, project,
/// recipient kind), the balances and the charity supermarket's figures.
#[utoipa::path(get, path = "/api/v1/charity/report", tag = "charity", params(ReportQuery), responses((status = 200, body = ReportView, description = "the report"), (status = 422)))]
pub async fn report(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ReportQuery>) -> ApiResult<Json<ReportView>> {
    Ok(Json(build(&state, &ctx, q.year).await?))
}

fn yuan(fen: i64) -> String {
    Fen(fen).yuan_string()
}

/// 导出年度报告 the report as an .xlsx workbook (one sheet, section by section).
#[utoipa::path(get, path = "/api/v1/charity/report.xlsx", tag = "charity", params(ReportQuery),
    responses((status = 200, description = "an .xlsx file", body = crate::extract::FileBytes, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
pub async fn report_xlsx(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ReportQuery>) -> ApiResult<Response> {
    let r = build(&state, &ctx, q.year).await?;
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut x = XlsxExport::new(&format!("{}年度慈善收支报告", r.year), &["部分", "项目", "金额（元）", "笔数/数量"]).map_err(internal)?;
    let mut row = |a: &str, b: &str, fen: Option<i64>, n: Option<i64>| {
        x.push_row(&[a.to_owned(), b.to_owned(), fen.map(yuan).unwrap_or_default(), n.map(|n| n.to_string()).unwrap_or_default()]).map_err(internal)
    };
    row("收入", "收入合计", Some(r.income.total_fen), Some(r.income.donations))?;
    row("收入", "其中：资金", Some(r.income.money_fen), None)?;
    row("收入", "其中：物资（估值）", Some(r.income.goods_fen), None)?;
    row("收入", "捐赠人（次）", None, Some(r.income.donors))?;
    for m in &r.income.by_month {
        row("收入·按月", &m.month, Some(m.money_fen + m.goods_fen), None)?;
    }
    for l in &r.income.by_fund {
        row("收入·按基金", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    for l in &r.income.by_donor_kind {
        row("收入·按捐赠方", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    for l in &r.income.by_campaign {
        row("收入·募捐活动", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    row("支出", "支出合计", Some(r.spending.total_fen), Some(r.spending.allocations))?;
    row("支出", "受助家庭（户）", None, Some(r.spending.households))?;
    row("支出", "受助机构（个）", None, Some(r.spending.organisations))?;
    for m in &r.spending.by_month {
        row("支出·按月", &m.month, Some(m.amount_fen), None)?;
    }
    for l in &r.spending.by_fund {
        row("支出·按基金", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    for l in &r.spending.by_project {
        row("支出·按项目", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    for l in &r.spending.by_recipient_kind {
        row("支出·按对象", &l.name, Some(l.amount_fen), Some(l.count))?;
    }
    row("结余", "年初资金结余", Some(r.balances.opening_fen), None)?;
    row("结余", "年末资金结余", Some(r.balances.closing_fen), None)?;
    let s = &r.supermarket;
    row("慈善超市", "捐赠物资入库", Some(s.donated_in_fen), None)?;
    row("慈善超市", "采购物资入库", Some(s.purchased_in_fen), None)?;
    row("慈善超市", "兑换发放", Some(s.redeemed_out_fen), Some(s.redemptions))?;
    row("慈善超市", "过期报损", Some(s.written_off_fen), None)?;
    row("慈善超市", "发放积分", None, Some(s.points_issued))?;
    row("慈善超市", "兑换积分", None, Some(s.points_redeemed))?;
    row("慈善超市", "服务家庭（户）", None, Some(s.households_served))?;
    let bytes = x.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("charity.report.export", "charity_report", r.year, ctx.region().as_str(), format!("{} annual report", r.year))).await?;
    Ok(download(bytes, &format!("慈善收支报告-{}.xlsx", r.year), XLSX_MIME))
}
