//! 指标 the plan's indicators beside their targets: computed live from the platform's own data
//! where it holds them, entered with evidence where it does not. Values and targets are in
//! hundredths (3900 = 39.00; a percentage 5000 = 50.00%).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Datelike;
use minzheng_core::access::Permission;
use minzheng_core::assistance::YearMonth;
use minzheng_core::assistance::policy::standard_check;
use minzheng_core::elderly::services::institution as rule;
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::plan::progress::{IndicatorRecord, NewIndicator};
use minzheng_store::{Scope, today};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Ctx};

#[derive(OpenApi)]
#[openapi(paths(list, create, set_value))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/plan/plans/{id}/indicators", get(list).post(create)).route("/plan/indicators/{id}", put(set_value))
}

/// The indicators the platform computes (code, name, unit).
pub const LIVE: &[(&str, &str, &str)] = &[
    ("beds_per_1000", "每千名老年人养老床位", "张/千人"),
    ("concentrated_rate", "特困人员集中供养率", "%"),
    ("dibao_coverage", "低保覆盖率（低保对象占户籍人口）", "%"),
    ("dibao_standard_share", "低保标准占上年人均消费支出比例", "%"),
    ("day_care_towns", "建有日间照料中心的镇（街）比例", "%"),
];

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct DetailView {
    pub name: String,
    pub value_hundredths: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[schema(as = indicators::IndicatorView)]
#[derive(Serialize)]
pub struct IndicatorView {
    #[serde(flatten)]
    pub i: IndicatorRecord,
    /// live: what the data says now; manual: the value entered
    pub value_hundredths: Option<i64>,
    pub as_of: String,
    pub detail: Vec<DetailView>,
    /// the value reaches the target (higher is better); `None` while unknown
    pub met: Option<bool>,
}

/// (value, per-town detail) of a live indicator for the district of `region`.
async fn live(state: &AppState, code: &str, region: &RegionCode) -> ApiResult<(Option<i64>, Vec<DetailView>)> {
    let today = today();
    let county = region.ancestor_at(RegionLevel::County).unwrap_or_else(|| region.clone());
    let names = state.store.region_names(&state.store.region_children(&county).await?.into_iter().map(|r| r.code).collect::<Vec<_>>()).await?;
    let town_name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    Ok(match code {
        "beds_per_1000" | "concentrated_rate" => {
            let counts = state.store.institution_counts(&Scope::of(county.clone()), today).await?;
            let pick = |c: &minzheng_store::elderly::services::institution::TownCounts| {
                let i = rule::indicators(c.beds, c.elderly, c.residents, c.tekun_in_institutions, c.tekun_all);
                if code == "beds_per_1000" { i.beds_per_1000.tenths } else { i.concentrated_rate.tenths }.map(|t| t * 10)
            };
            let sum = |f: fn(&minzheng_store::elderly::services::institution::TownCounts) -> i64| counts.iter().map(f).sum::<i64>();
            let total = rule::indicators(sum(|c| c.beds), sum(|c| c.elderly), sum(|c| c.residents), sum(|c| c.tekun_in_institutions), sum(|c| c.tekun_all));
            let value = if code == "beds_per_1000" { total.beds_per_1000.tenths } else { total.concentrated_rate.tenths }.map(|t| t * 10);
            (value, counts.iter().map(|c| DetailView { name: town_name(&c.town_code), value_hundredths: pick(c) }).collect())
        }
        "dibao_coverage" => {
            let c = state.store.plan_dibao_coverage().await?;
            ((c.population > 0).then(|| c.persons * 10_000 / c.population), vec![])
        }
        "dibao_standard_share" => {
            let policy = state.store.policy().await?;
            let month = YearMonth::new(today.year(), today.month()).ok_or_else(|| ApiError::Internal("month".into()))?;
            let check = standard_check(&policy, &county, month);
            let c = check.consumption_per_year.value;
            ((c > 0).then(|| check.standard.value * 12 * 10_000 / c), vec![])
        }
        "day_care_towns" => {
            let towns = state.store.region_children(&county).await?;
            let centres = state.store.plan_day_care_by_town().await?;
            let count = |code: &str| centres.iter().find(|(t, _)| code.starts_with(t.as_str())).map_or(0, |c| c.1);
            let with = towns.iter().filter(|t| count(&t.code) > 0).count() as i64;
            ((!towns.is_empty()).then(|| with * 10_000 / towns.len() as i64), towns.iter().map(|t| DetailView { name: t.name.clone(), value_hundredths: Some(count(&t.code) * 100) }).collect())
        }
        _ => (None, vec![]),
    })
}

/// 指标 a plan's indicators: target, value (live or entered), met or not.
#[utoipa::path(get, path = "/api/v1/plan/plans/{id}/indicators", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = Vec<IndicatorView>, description = "the indicators"), (status = 404)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<IndicatorView>>> {
    ctx.require(Permission::PlanRead)?;
    state.store.plan_plan(id).await?;
    let mut out = Vec::new();
    for i in state.store.plan_indicators(id).await? {
        let (value, detail, as_of) = if i.source == "live" {
            let (v, d) = live(&state, &i.code, ctx.region()).await?;
            (v, d, minzheng_store::now())
        } else {
            (i.value_hundredths, vec![], i.updated_at.clone())
        };
        out.push(IndicatorView { met: value.map(|v| v >= i.target_hundredths), value_hundredths: value, as_of, detail, i });
    }
    Ok(Json(out))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct IndicatorBody {
    /// a live indicator's code (see `LIVE`), or a code of one's own for a manual one
    pub code: Option<String>,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub year: Option<i64>,
    pub target_hundredths: Option<i64>,
    /// live | manual
    pub source: Option<String>,
}

/// 新增指标 add an indicator with its target (live ones must be of the platform's codes).
#[utoipa::path(post, path = "/api/v1/plan/plans/{id}/indicators", tag = "plan", request_body = IndicatorBody, params(("id" = i64, Path)), responses((status = 201, body = IndicatorRecord, description = "the indicator"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<IndicatorBody>) -> ApiResult<Response> {
    ctx.require(Permission::PlanManage)?;
    state.store.plan_plan(id).await?;
    let source = b.source.as_deref().unwrap_or("manual");
    let code = b.code.as_deref().map(str::trim).unwrap_or("").to_owned();
    let (code, name, unit) = match source {
        "live" => {
            let (c, n, u) = LIVE.iter().find(|(c, _, _)| *c == code).ok_or_else(|| ApiError::invalid("code", "平台能计算的指标为：每千名老年人养老床位、集中供养率、低保覆盖率、低保标准占消费支出比例、日间照料中心覆盖镇街比例", "code must be one the platform computes"))?;
            ((*c).to_owned(), b.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| (*n).to_owned()), (*u).to_owned())
        }
        "manual" => {
            let name = b.name.as_deref().map(str::trim).filter(|n| !n.is_empty() && n.chars().count() <= 60).ok_or_else(|| ApiError::invalid("name", "请填写指标名称（60字以内）", "name is required (60 characters at most)"))?;
            let unit = b.unit.as_deref().map(str::trim).filter(|u| !u.is_empty() && u.chars().count() <= 10).ok_or_else(|| ApiError::invalid("unit", "请填写计量单位", "unit is required"))?;
            (if code.is_empty() { format!("manual_{}", name.chars().count()) } else { code }, name.to_owned(), unit.to_owned())
        }
        _ => return Err(ApiError::invalid("source", "来源须为 live（平台计算）或 manual（填报）", "source must be live or manual")),
    };
    let year = b.year.filter(|y| (2000..=2100).contains(y)).ok_or_else(|| ApiError::invalid("year", "请填写目标年度", "year is required"))?;
    let target = b.target_hundredths.filter(|t| *t >= 0).ok_or_else(|| ApiError::invalid("target_hundredths", "请填写目标值", "target_hundredths is required"))?;
    let mut tx = state.store.begin().await?;
    let iid = state.store.plan_insert_indicator(&mut tx, id, &NewIndicator { code, name: name.clone(), unit, year, target_hundredths: target, source: source.to_owned() }, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.indicator.create", "plan_indicator", iid, ctx.region().as_str(), format!("{name} {year}: {target}"))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.plan_indicator(iid).await?)).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct ValueBody {
    pub value_hundredths: Option<i64>,
    pub evidence: Option<String>,
    pub version: Option<i64>,
}

/// 填报指标值 a manual indicator's value with its evidence (version-checked).
#[utoipa::path(put, path = "/api/v1/plan/indicators/{id}", tag = "plan", request_body = ValueBody, params(("id" = i64, Path)), responses((status = 200, body = IndicatorRecord, description = "the indicator"), (status = 409), (status = 422)))]
pub async fn set_value(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ValueBody>) -> ApiResult<Json<IndicatorRecord>> {
    ctx.require(Permission::PlanManage)?;
    let i = state.store.plan_indicator(id).await?;
    if i.source == "live" {
        return Err(ApiError::invalid("value_hundredths", "该指标由平台数据实时计算，不需填报", "a live indicator is computed, not entered"));
    }
    let value = b.value_hundredths.filter(|v| *v >= 0).ok_or_else(|| ApiError::invalid("value_hundredths", "请填写指标值", "value_hundredths is required"))?;
    let evidence = b.evidence.as_deref().map(str::trim).unwrap_or("");
    if evidence.is_empty() {
        return Err(ApiError::invalid("evidence", "请写明数据来源或佐证（如文件、统计表）", "evidence is required"));
    }
    let version = b.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号", "version is required"))?;
    let mut tx = state.store.begin().await?;
    state.store.plan_set_indicator_value(&mut tx, id, version, value, evidence, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("plan.indicator.value", "plan_indicator", id, ctx.region().as_str(), format!("{}: {value} ({evidence})", i.name))).await?;
    tx.commit().await?;
    Ok(Json(state.store.plan_indicator(id).await?))
}
