//! 政策参数 policy parameters with history, the what-if of a change and the recalculation it
//! triggers; the holiday calendar; the staff-relatives register (近亲属备案).
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use minzheng_core::assistance::YearMonth;
use minzheng_core::access::Permission;
use minzheng_core::assistance::Programme;
use minzheng_core::assistance::policy::{ParamKey, PolicyParam, Unit};
use minzheng_core::registry::identity::IdNumber;
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::assistance::cases::{Mode, RecalcSummary, Selection};
use minzheng_store::assistance::policy::{Holiday, NewStaffRelative, ParamRecord, StaffRelative};
use minzheng_store::{Scope, today};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::month;
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct KeyView {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub unit: Unit,
    pub default: i64,
}

/// 参数项 the parameters there are, with units and national defaults.
#[utoipa::path(get, path = "/api/v1/assistance/param-keys", tag = "assistance", responses((status = 200, body = Vec<KeyView>, description = "parameter keys")))]
pub async fn keys(ctx: Ctx) -> ApiResult<Json<Vec<KeyView>>> {
    ctx.require(Permission::AssistanceRead)?;
    Ok(Json(ParamKey::ALL.iter().map(|k| KeyView { key: k.as_str(), zh: k.zh(), en: k.en(), unit: k.unit(), default: k.default_value() }).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParamQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub key: Option<ParamKey>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
}

/// 参数历史 every stored value, newest first.
#[utoipa::path(get, path = "/api/v1/assistance/params", tag = "assistance", params(ParamQuery), responses((status = 200, body = Vec<ParamRecord>, description = "parameter values"), (status = 403, description = "region outside the account's scope")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ParamQuery>) -> ApiResult<Json<Vec<ParamRecord>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    let key = q.key;
    // the filter is a region of the account's scope (403 outside it, as every list's); the values
    // that apply there are those whose prefix it starts with, and those of the regions below it.
    // Without it every value is listed: the parameters are the district's rules, not placed records.
    granted.within(q.region.as_ref())?;
    Ok(Json(state.store.list_params(key, q.region.as_ref()).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ParamBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub key: Option<ParamKey>,
    pub region_prefix: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub effective_month: Option<YearMonth>,
    pub value: Option<i64>,
    #[serde(default)]
    pub note: String,
}

/// The parameter asked for, checked: a known key, a prefix inside the account's region, a value
/// in range for its unit.
fn checked(ctx: &Ctx, body: &ParamBody) -> ApiResult<(PolicyParam, RegionCode)> {
    let key = body.key.ok_or_else(|| ApiError::invalid("key", "请选择参数", "key is required"))?;
    let prefix = body.region_prefix.as_deref().map(str::trim).unwrap_or_default().to_owned();
    if !matches!(prefix.len(), 2 | 4 | 6 | 9 | 12) || !prefix.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::invalid("region_prefix", "区划前缀须为2（省）、4（市）、6（区县）、9（镇街）或12位数字", "region_prefix must be 2, 4, 6, 9 or 12 digits"));
    }
    let region = RegionCode::parse(&format!("{prefix:0<12}")).map_err(|e| ApiError::from(e.with_field("region_prefix")))?;
    if !prefix.starts_with(ctx.region().prefix()) {
        return Err(ApiError::forbidden(
            format!("区划前缀 {prefix} 超出本账号管辖范围（{}）", ctx.region()),
            format!("the prefix {prefix} is outside your region {}", ctx.region()),
        ));
    }
    let effective = month(body.effective_month, "effective_month")?;
    let value = body.value.ok_or_else(|| ApiError::invalid("value", "请填写参数值", "value is required"))?;
    let max = match key.unit() {
        Unit::Fen => 100_000_000,
        Unit::Permille => 10_000,
        _ => 1000,
    };
    if !(0..=max).contains(&value) {
        return Err(ApiError::invalid("value", format!("参数值须在 0 至 {max} 之间"), format!("value must be between 0 and {max}")));
    }
    if body.note.chars().count() > 500 {
        return Err(ApiError::invalid("note", "说明不能超过500字", "the note must be at most 500 characters"));
    }
    Ok((PolicyParam { id: 0, key, region_prefix: prefix, effective, value }, region))
}

/// Changing one of these changes what active cases are paid.
fn moves_amounts(key: ParamKey) -> bool {
    matches!(
        key,
        ParamKey::DibaoStandard
            | ParamKey::IncrementSevereDisability
            | ParamKey::IncrementAged70
            | ParamKey::IncrementMinor
            | ParamKey::IncrementSeriousIllness
            | ParamKey::IncrementSingleParent
            | ParamKey::TekunMultiple
            | ParamKey::TekunCareFull
            | ParamKey::TekunCarePartial
            | ParamKey::TekunCareNone
    )
}

fn selection(region: RegionCode) -> Selection {
    Selection { scope: Scope::of(region), programmes: vec![Programme::Dibao, Programme::Tekun], case_id: None, hold_exits: true }
}

/// 测算 what-if: households that gain, enter or leave and the budget change; nothing stored.
#[utoipa::path(post, path = "/api/v1/assistance/params/simulate", tag = "assistance", request_body = ParamBody, responses((status = 200, body = RecalcSummary, description = "the simulation"), (status = 422)))]
pub async fn simulate(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<ParamBody>) -> ApiResult<Json<RecalcSummary>> {
    ctx.require(Permission::PolicyManage)?;
    let (param, region) = checked(&ctx, &body)?;
    let from = param.effective;
    let policy = state.store.policy().await?.with(param);
    let mut tx = state.store.begin().await?;
    let summary = state.store.recalculate(&mut tx, &selection(region), from, &policy, "simulate", ctx.actor(), Mode::Simulate).await?;
    drop(tx);
    Ok(Json(summary))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct Saved {
    pub param: ParamRecord,
    pub recalculation: Option<RecalcSummary>,
}

/// 保存参数 store a value; amounts of active cases are recalculated from its effective month.
#[utoipa::path(post, path = "/api/v1/assistance/params", tag = "assistance", request_body = ParamBody, responses((status = 201, body = Saved, description = "the stored value and the recalculation"), (status = 403), (status = 422)))]
pub async fn save(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<ParamBody>) -> ApiResult<Response> {
    ctx.require(Permission::PolicyManage)?;
    let (param, region) = checked(&ctx, &body)?;
    let mut tx = state.store.begin().await?;
    let rec = state.store.insert_param(&mut tx, param.key, &param.region_prefix, param.effective, param.value, body.note.trim(), ctx.actor()).await?;
    let recalculation = if moves_amounts(param.key) {
        let from = param.effective;
        let policy = state.store.policy().await?.with(PolicyParam { id: rec.id, ..param.clone() });
        let reason = format!("{} {} → {}（{} 起）", param.key.zh(), param.region_prefix, param.value, from);
        Some(state.store.recalculate(&mut tx, &selection(region), from, &policy, &reason, ctx.actor(), Mode::Apply).await?)
    } else {
        None
    };
    state
        .store
        .audit(&mut tx, &ctx.entry("policy.set", "policy_param", rec.id, &format!("{:0<12}", rec.region_prefix), format!("{} = {} from {}", rec.key, rec.value, rec.effective_month)))
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Saved { param: rec, recalculation })).into_response())
}

/// 低保标准自然增长检查 whether the standard in force keeps up with last year's consumption.
#[utoipa::path(get, path = "/api/v1/assistance/standard-check", tag = "assistance", params(ParamQuery), responses((status = 200, body = minzheng_core::assistance::policy::StandardCheck, description = "the standard, the minimum it must reach and the shortfall")))]
pub async fn standard_check(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ParamQuery>) -> ApiResult<Json<minzheng_core::assistance::policy::StandardCheck>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    granted.within(q.region.as_ref())?;
    let region = q.region.unwrap_or_else(|| ctx.region().clone());
    let policy = state.store.policy().await?;
    Ok(Json(minzheng_core::assistance::policy::standard_check(&policy, &region, minzheng_core::assistance::YearMonth::of(today()))))
}

/// 节假日 the holiday calendar the working-day limits use.
#[utoipa::path(get, path = "/api/v1/assistance/holidays", tag = "assistance", responses((status = 200, body = Vec<Holiday>, description = "holidays and make-up working days")))]
pub async fn holidays(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<Holiday>>> {
    ctx.require(Permission::AssistanceRead)?;
    Ok(Json(state.store.holidays().await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct HolidayBody {
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub day: Option<chrono::NaiveDate>,
    pub kind: Option<String>,
    #[serde(default)]
    pub name: String,
}

/// 设置节假日 a public holiday (`holiday`) or a make-up working day (`workday`).
#[utoipa::path(post, path = "/api/v1/assistance/holidays", tag = "assistance", request_body = HolidayBody, responses((status = 201, body = Holiday, description = "the day"), (status = 422)))]
pub async fn put_holiday(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<HolidayBody>) -> ApiResult<Response> {
    ctx.require(Permission::PolicyManage)?;
    let day = body.day.ok_or_else(|| ApiError::invalid("day", "请填写日期（如 2026-10-01）", "day is required (YYYY-MM-DD)"))?;
    let kind = body.kind.as_deref().unwrap_or("holiday");
    if !matches!(kind, "holiday" | "workday") {
        return Err(ApiError::invalid("kind", "类型须为 holiday（放假）或 workday（调休上班）", "kind must be holiday or workday"));
    }
    let weekend = day.weekday().number_from_monday() >= 6;
    if kind == "workday" && !weekend {
        return Err(ApiError::invalid("day", "调休上班日须为周六或周日", "a make-up working day must be a Saturday or Sunday"));
    }
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(ApiError::invalid("name", "请填写节日名称（不超过40字）", "the name is required (at most 40 characters)"));
    }
    let h = Holiday { day: day.to_string(), kind: kind.to_owned(), name: name.to_owned() };
    let mut tx = state.store.begin().await?;
    state.store.put_holiday(&mut tx, &h).await?;
    state.store.audit(&mut tx, &ctx.entry("holiday.set", "holiday", &h.day, ctx.region().as_str(), format!("{} {}", h.kind, h.name))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(h)).into_response())
}

/// 删除节假日 remove a day from the calendar.
#[utoipa::path(delete, path = "/api/v1/assistance/holidays/{day}", tag = "assistance", params(("day" = String, Path)), responses((status = 204), (status = 404)))]
pub async fn delete_holiday(State(state): State<AppState>, ctx: Ctx, Path(day): Path<String>) -> ApiResult<StatusCode> {
    ctx.require(Permission::PolicyManage)?;
    let mut tx = state.store.begin().await?;
    state.store.delete_holiday(&mut tx, &day).await?;
    state.store.audit(&mut tx, &ctx.entry("holiday.delete", "holiday", &day, ctx.region().as_str(), "")).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn masked(mut r: StaffRelative) -> StaffRelative {
    r.name = mask_name(&r.name);
    r.id_number = mask_id_number(&r.id_number);
    r
}

/// 近亲属备案 the register of close relatives of staff and cadres (masked).
#[utoipa::path(get, path = "/api/v1/assistance/relatives", tag = "assistance", responses((status = 200, body = Vec<StaffRelative>, description = "registered relatives")))]
pub async fn relatives(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<StaffRelative>>> {
    let granted = ctx.grant(Permission::AssistanceRead)?;
    Ok(Json(state.store.staff_relatives(granted.scope()).await?.into_iter().map(masked).collect()))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct RelativeBody {
    pub id_number: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub staff_name: String,
    #[serde(default)]
    pub staff_post: String,
    #[serde(default)]
    pub relation: String,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
}

/// 登记近亲属 register a close relative of a staff member or village cadre.
#[utoipa::path(post, path = "/api/v1/assistance/relatives", tag = "assistance", request_body = RelativeBody, responses((status = 201, body = StaffRelative, description = "the entry"), (status = 422)))]
pub async fn add_relative(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<RelativeBody>) -> ApiResult<Response> {
    ctx.require(Permission::PolicyManage)?;
    let today = today();
    let id = IdNumber::parse(body.id_number.as_deref().unwrap_or_default(), today).map_err(|e| ApiError::invalid("id_number", e.message_zh(), e.message_en()))?;
    let mut errors = Vec::new();
    for (field, v, zh) in [("name", &body.name, "姓名"), ("staff_name", &body.staff_name, "工作人员姓名"), ("staff_post", &body.staff_post, "工作人员职务"), ("relation", &body.relation, "亲属关系")] {
        if v.trim().is_empty() || v.chars().count() > 50 {
            errors.push(minzheng_core::FieldError::new(field, format!("请填写{zh}（不超过50字）"), format!("{field} is required (at most 50 characters)")));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let region = body.region_code.clone().unwrap_or_else(|| ctx.region().clone());
    ctx.region_in_scope(&region, "region_code")?;
    let new = NewStaffRelative {
        id_number: id.as_str().to_owned(),
        name: body.name.trim().to_owned(),
        staff_name: body.staff_name.trim().to_owned(),
        staff_post: body.staff_post.trim().to_owned(),
        relation: body.relation.trim().to_owned(),
        region_code: region.as_str().to_owned(),
    };
    let mut tx = state.store.begin().await?;
    let r = state.store.insert_staff_relative(&mut tx, &new, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("relative.create", "staff_relative", r.id, region.as_str(), format!("staff {}", new.staff_name))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(masked(r))).into_response())
}

/// 删除近亲属备案 remove an entry from the register.
#[utoipa::path(delete, path = "/api/v1/assistance/relatives/{id}", tag = "assistance", params(("id" = i64, Path)), responses((status = 204), (status = 404)))]
pub async fn delete_relative(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let granted = ctx.grant(Permission::PolicyManage)?;
    let mut tx = state.store.begin().await?;
    let r = state.store.delete_staff_relative(&mut tx, granted.scope(), id).await?;
    state.store.audit(&mut tx, &ctx.entry("relative.delete", "staff_relative", id, &r.region_code, "")).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
