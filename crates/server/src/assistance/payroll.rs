//! 资金发放 the monthly payroll: preview, confirm (once), lines, bank file and summary sheet.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::assistance::payroll::{LineRecord, Preview, RunRecord, TownTotal};
use minzheng_store::idempotency::IDEMPOTENCY_FIELD;
use minzheng_store::{Scope, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::{month, programme};
pub use minzheng_app::assistance::payroll::{bank_csv_bytes, bank_rows, bank_xlsx_bytes};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx, Granted};
use crate::registry::{XLSX_MIME, download};
use crate::tabular::XlsxExport;

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct PayrollBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub programme: Option<Programme>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<RegionCode>,
    pub fingerprint: Option<String>,
}

/// The month, the programme and the region paid (the body's `region` narrows the account's scope).
fn parse_body(granted: &Granted<'_>, body: &PayrollBody) -> ApiResult<(YearMonth, Programme, Scope)> {
    let m = month(body.month, "month")?;
    let p = programme(body.programme, "programme")?;
    if p == Programme::LowIncome {
        return Err(ApiError::invalid("programme", "低收入家庭认定不发放资金", "low-income recognition is not paid"));
    }
    Ok((m, p, granted.within(body.region.as_ref())?))
}

/// 发放预览 what a run would pay, by town; nothing is stored.
#[utoipa::path(post, path = "/api/v1/assistance/payroll/preview", tag = "assistance", request_body = PayrollBody, responses((status = 200, body = Preview, description = "totals and by town, with the fingerprint to confirm")))]
pub async fn preview(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<PayrollBody>) -> ApiResult<Json<Preview>> {
    let granted = ctx.grant(Permission::PayrollRun)?;
    let (m, p, scope) = parse_body(&granted, &body)?;
    Ok(Json(state.store.payroll_preview(m, p, &scope).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct RunView {
    #[serde(flatten)]
    pub run: RunRecord,
    pub by_town: Vec<TownTotal>,
    /// runs of towns inside this run's region confirmed for the same month before it: their
    /// households were paid there, not in this run
    pub earlier_runs: Vec<RunRecord>,
}

async fn run_view(state: &AppState, run: RunRecord) -> ApiResult<RunView> {
    let by_town = state.store.run_by_town(run.id).await?;
    let earlier_runs = state.store.related_runs(run.month, run.programme, &run.region_code).await?.1.into_iter().filter(|r| r.id < run.id).collect();
    Ok(RunView { run, by_town, earlier_runs })
}

/// 确认发放 confirm a run; the same month, programme and region twice gives the same run.
#[utoipa::path(post, path = "/api/v1/assistance/payroll/runs", tag = "assistance", request_body = PayrollBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = RunView, description = "the confirmed run"), (status = 200, body = RunView, description = "already confirmed: the existing run"), (status = 409, description = "the data changed since the preview")))]
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(body): ApiJson<PayrollBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PayrollRun)?;
    if let Some(r) = idem.replay(&state, &ctx, RUN).await? {
        let run = state.store.run(granted.scope(), r.id).await?;
        return Ok((r.status, Json(run_view(&state, run).await?)).into_response());
    }
    let (m, p, scope) = parse_body(&granted, &body)?;
    let fingerprint = body.fingerprint.as_deref().filter(|s| !s.is_empty()).ok_or_else(|| ApiError::invalid("fingerprint", "请先预览，再按预览结果确认发放", "preview first and confirm with its fingerprint"))?;
    let (run, created) = match state.store.payroll_confirm(m, p, &scope, Some(fingerprint), ctx.actor(), idem.claim_of(&ctx).as_ref(), |_| {}).await {
        // a concurrent request of the same key committed first: its answer, as a replay
        Err(StoreError::Conflict(f)) if f.field == IDEMPOTENCY_FIELD => {
            let r = idem.replay_after_claim(&state, &ctx, RUN).await?;
            let run = state.store.run(granted.scope(), r.id).await?;
            return Ok((r.status, Json(run_view(&state, run).await?)).into_response());
        }
        other => other?,
    };
    let mut status = if created { StatusCode::CREATED } else { StatusCode::OK };
    // the run was found confirmed before the key was claimed: by this key's first request,
    // committed meanwhile, whose answer this is
    if !created && let Some(r) = idem.replay(&state, &ctx, RUN).await? {
        status = r.status;
    }
    Ok((status, Json(run_view(&state, run).await?)).into_response())
}

const RUN: &str = "payroll_run";

/// 发放批次 confirmed runs in the account's region.
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs", tag = "assistance", responses((status = 200, body = Vec<RunRecord>, description = "runs, newest month first")))]
pub async fn runs(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<RunRecord>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    Ok(Json(state.store.list_runs(granted.scope()).await?))
}

/// 发放批次详情 a run with its totals by town.
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs/{id}", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, body = RunView, description = "the run"), (status = 404)))]
pub async fn run(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<RunView>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let run = state.store.run(granted.scope(), id).await?;
    Ok(Json(run_view(&state, run).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinesQuery {
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct LinesPage {
    pub items: Vec<LineRecord>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// 发放明细 a run's lines (names and accounts masked).
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs/{id}/lines", tag = "assistance", params(("id" = i64, Path), LinesQuery), responses((status = 200, body = LinesPage, description = "a page of lines")))]
pub async fn lines(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<LinesQuery>) -> ApiResult<Json<LinesPage>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let run = state.store.run(granted.scope(), id).await?;
    let paging = minzheng_store::page::Paging::new(q.page, q.page_size);
    let mut items = state.store.run_lines(id, paging.page_size, paging.offset()).await?;
    for l in &mut items {
        l.payee_name = mask_name(&l.payee_name);
        l.bank_account = mask_id_number(&l.bank_account);
    }
    Ok(Json(LinesPage { items, total: run.lines, page: paging.page, page_size: paging.page_size }))
}

fn file_name(run: &RunRecord, what: &str, ext: &str) -> String {
    let programme = run.programme.zh();
    format!("{}{}{}{what}.{ext}", run.region_name.clone().unwrap_or_default(), run.month, programme)
}

/// 代发文件 (.xlsx) account, name and amount per household: unmasked, for the bank; audited.
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs/{id}/bank.xlsx", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, description = "the bank file (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn bank_xlsx(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PayrollRun)?;
    let run = state.store.run(granted.scope(), id).await?;
    let bytes = bank_xlsx_bytes(&state.store, &run).await?;
    state.store.audit_now(&ctx.entry("export", "payroll_run", id, &run.region_code, "bank.xlsx")).await?;
    Ok(download(bytes, &file_name(&run, "代发清单", "xlsx"), XLSX_MIME))
}

/// 代发文件 (.csv) the same file as CSV (UTF-8 with BOM); audited.
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs/{id}/bank.csv", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, description = "the bank file (.csv)", content_type = "text/csv", body = crate::extract::FileBytes)))]
pub async fn bank_csv(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PayrollRun)?;
    let run = state.store.run(granted.scope(), id).await?;
    let bytes = bank_csv_bytes(&state.store, &run).await?;
    state.store.audit_now(&ctx.entry("export", "payroll_run", id, &run.region_code, "bank.csv")).await?;
    Ok(download(bytes, &file_name(&run, "代发清单", "csv"), "text/csv; charset=utf-8"))
}

/// 发放汇总表 totals by town and kind of line.
#[utoipa::path(get, path = "/api/v1/assistance/payroll/runs/{id}/summary.xlsx", tag = "assistance", params(("id" = i64, Path)), responses((status = 200, description = "the summary sheet (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn summary_xlsx(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let run = state.store.run(granted.scope(), id).await?;
    let rows = state.store.run_summary(id).await?;
    let names = state.store.region_names(&rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>()).await?;
    let mut xlsx = XlsxExport::new("发放汇总", &["镇（街道）", "区划代码", "类别", "笔数", "金额（元）"]).map_err(|e| ApiError::Internal(e.to_string()))?;
    let kind = |k: &str| match k {
        "regular" => "当月保障金",
        "arrears" => "补发",
        "recovery" => "追回（冲减）",
        _ => "一次性救助",
    };
    let push = |x: &mut XlsxExport, r: Vec<String>| x.push_row(&r).map_err(|e| ApiError::Internal(e.to_string()));
    for (town, k, n, total) in &rows {
        push(&mut xlsx, vec![names.get(town).cloned().unwrap_or_default(), town.clone(), kind(k).to_owned(), n.to_string(), Fen(*total).yuan_string()])?;
    }
    push(&mut xlsx, vec!["合计".into(), run.region_code.clone(), format!("{} 户", run.households), run.lines.to_string(), Fen(run.total).yuan_string()])?;
    let bytes = xlsx.finish().map_err(|e| ApiError::Internal(e.to_string()))?;
    state.store.audit_now(&ctx.entry("export", "payroll_run", id, &run.region_code, "summary.xlsx")).await?;
    Ok(download(bytes, &file_name(&run, "发放汇总", "xlsx"), XLSX_MIME))
}
