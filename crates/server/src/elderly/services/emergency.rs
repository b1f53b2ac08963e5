//! 平安钟/平安通: devices and their holders, the installation priority list with who is still
//! missing, alarms handled step by step, and the 24-hour duty view.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::access::Permission;
use minzheng_core::elderly::care::ProviderKind;
use minzheng_core::assistance::YearMonth;
use minzheng_core::date::age_on;
use minzheng_core::elderly::services::emergency::{self as rule, AlarmKind, AlarmOutcome, AlarmStatus, AlarmStep, DeviceKind, DeviceStatus, ElderFacts, PriorityReason};
use minzheng_core::mask::{mask_id_number, mask_name, mask_phone};
use minzheng_store::elderly::services::emergency::{AlarmFilter, AlarmRecord, DeviceFilter, DeviceRecord, NewDevice, PriorityCount, PriorityFilter, PriorityRow, StepEntry, StepWrite};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::{names, operator, past_date, text, version};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Granted, ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;
use crate::registry::wants_unmasked;

/// Officers read the region's devices and alarms (`elderly.read` or `emergency.handle`).
fn read(ctx: &Ctx) -> ApiResult<Granted<'_>> {
    ctx.grant_any(&[Permission::EmergencyHandle, Permission::ElderlyRead])
}

/// Devices and alarms as their reader may see them: an officer the region's (no provider); a 平安钟
/// operator's account (`homecare.serve`, bound to the devices' provider) only those of its devices,
/// masked, read-only.
fn reader(ctx: &Ctx) -> ApiResult<Granted<'_>> {
    ctx.grant_officer_or_provider(&[Permission::EmergencyHandle, Permission::ElderlyRead])
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct DeviceView {
    #[serde(flatten)]
    pub device: DeviceRecord,
    pub kind_zh: &'static str,
    pub region_name: Option<String>,
}

async fn device_views(state: &AppState, items: Vec<DeviceRecord>, masked: bool) -> ApiResult<Vec<DeviceView>> {
    let names = names(state, items.iter().map(|d| d.region_code.clone())).await?;
    Ok(items
        .into_iter()
        .map(|mut d| {
            if masked {
                d.person_name = mask_name(&d.person_name);
                d.id_number = d.id_number.as_deref().map(mask_id_number);
                d.phone = mask_phone(&d.phone);
            }
            DeviceView { kind_zh: d.kind.zh(), region_name: names.get(d.region_code.as_str()).cloned(), device: d }
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceQuery {
    /// active | removed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<DeviceStatus>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub person_id: Option<i64>,
    /// name or serial
    pub q: Option<String>,
    pub unmask: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 平安钟设备 devices in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/emergency/devices", tag = "elderly-services", params(DeviceQuery), responses((status = 200, body = PageOf<DeviceView>, description = "a page of devices")))]
pub async fn devices(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<DeviceQuery>) -> ApiResult<Json<PageOf<DeviceView>>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let status = q.status.map(DeviceStatus::as_str);
    let scope = granted.within(q.region.as_ref())?;
    let filter = DeviceFilter { provider_id, status: status.map(str::to_owned), person_id: q.person_id, q: q.q.clone() };
    let mut page = state.store.list_devices(&scope, &filter, Paging::new(q.page, q.page_size)).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|d| d.person_id.to_string()).collect();
        state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), q.region.as_ref().unwrap_or(ctx.region()).as_str(), "emergency devices")).await?;
    }
    let items = device_views(&state, std::mem::take(&mut page.items), !unmasked).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DeviceBody {
    pub serial: Option<String>,
    pub person_id: Option<i64>,
    pub provider_id: Option<i64>,
    /// pendant | watch | fixed | phone
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<DeviceKind>,
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub installed_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

fn kind(v: Option<DeviceKind>) -> ApiResult<DeviceKind> {
    v.ok_or_else(|| ApiError::invalid("kind", "设备类型须为呼叫器、智能手表、固定式呼叫机或老人手机", "kind must be pendant, watch, fixed or phone"))
}

fn phone(v: Option<&str>) -> ApiResult<String> {
    let p = v.map(str::trim).unwrap_or_default();
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if !(7..=20).contains(&p.chars().count()) || digits < 7 || !p.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(ApiError::invalid("phone", "请填写设备绑定的联系电话（7至20位数字）", "phone must be 7 to 20 digits"));
    }
    Ok(p.to_owned())
}

/// 安装平安钟 install a device for an elder; the fee is the emergency.annual_fee in force.
#[utoipa::path(post, path = "/api/v1/elderly/emergency/devices", tag = "elderly-services", request_body = DeviceBody, responses((status = 201, body = DeviceView, description = "the device"), (status = 409, description = "serial taken or the elder already holds one"), (status = 422)))]
pub async fn install(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<DeviceBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let serial = text(body.serial.as_deref(), "serial", "设备编号", 40)?;
    let person_id = body.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择持有设备的老人", "person_id is required"))?;
    let kind = kind(body.kind)?;
    let phone = phone(body.phone.as_deref())?;
    let installed_on = past_date(body.installed_on, "installed_on")?;
    let provider_id = operator(&state, body.provider_id, ProviderKind::EmergencyCall).await?;
    let person = state.store.elder_facts(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", "本辖区内没有这位人员", "no such person in your region"),
        e => e.into(),
    })?;
    if !person.alive {
        return Err(ApiError::invalid("person_id", "该人员已故，不能安装", "the person has died"));
    }
    let policy = state.store.policy().await?;
    let fee = rule::annual_fee(&policy, &person.region_code, YearMonth::of(installed_on));
    let mut tx = state.store.begin().await?;
    let id = state
        .store
        .insert_device(
            &mut tx,
            &NewDevice {
                serial: serial.clone(),
                person_id,
                region_code: person.region_code.to_string(),
                provider_id,
                kind: kind.as_str().to_owned(),
                phone,
                installed_on,
                annual_fee: fee.value,
                fee_param: serde_json::to_string(&fee).map_err(|e| ApiError::Internal(e.to_string()))?,
                note: body.note.trim().to_owned(),
            },
        )
        .await?;
    state.store.audit(&mut tx, &ctx.entry("emergency.device.install", "emergency_device", id, person.region_code.as_str(), format!("{serial} for person {person_id}, fee {}", fee.value))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, person.region_code.as_str(), minzheng_store::today()).await?;
    tx.commit().await?;
    let d = state.store.device(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(device_views(&state, vec![d], true).await?.remove(0))).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    pub unmask: Option<bool>,
}

/// 设备详情 one device.
#[utoipa::path(get, path = "/api/v1/elderly/emergency/devices/{id}", tag = "elderly-services", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = DeviceView, description = "the device"), (status = 404)))]
pub async fn device(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<DeviceView>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let d = state.store.device(granted.scope(), id).await?;
    if provider_id.is_some_and(|p| d.provider_id != Some(p)) {
        return Err(ApiError::NotFound);
    }
    if unmasked {
        state.store.audit_now(&ctx.entry("person.unmask", "person", d.person_id, d.region_code.as_str(), format!("emergency device {id}"))).await?;
    }
    Ok(Json(device_views(&state, vec![d], !unmasked).await?.remove(0)))
}

/// 修改设备 change a device's kind, phone, operator or note.
#[utoipa::path(put, path = "/api/v1/elderly/emergency/devices/{id}", tag = "elderly-services", request_body = DeviceBody, params(("id" = i64, Path)), responses((status = 200, body = DeviceView, description = "the device"), (status = 409), (status = 422)))]
pub async fn update_device(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<DeviceBody>) -> ApiResult<Json<DeviceView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let kind = kind(body.kind)?;
    let phone = phone(body.phone.as_deref())?;
    let v = version(body.version)?;
    let provider_id = operator(&state, body.provider_id, ProviderKind::EmergencyCall).await?;
    let before = state.store.device(granted.scope(), id).await?;
    let mut tx = state.store.begin().await?;
    state.store.update_device(&mut tx, granted.scope(), id, v, kind.as_str(), &phone, provider_id, body.note.trim()).await?;
    state.store.audit(&mut tx, &ctx.entry("emergency.device.update", "emergency_device", id, before.region_code.as_str(), format!("{} {}", before.serial, kind.as_str()))).await?;
    tx.commit().await?;
    let d = state.store.device(granted.scope(), id).await?;
    Ok(Json(device_views(&state, vec![d], true).await?.remove(0)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct RemoveBody {
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub removed_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

/// 拆除设备 remove a device (moved away, died, declined): its holder is missing again.
#[utoipa::path(post, path = "/api/v1/elderly/emergency/devices/{id}/remove", tag = "elderly-services", request_body = RemoveBody, params(("id" = i64, Path)), responses((status = 200, body = DeviceView, description = "the device"), (status = 409), (status = 422)))]
pub async fn remove_device(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<RemoveBody>) -> ApiResult<Json<DeviceView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let removed_on = past_date(body.removed_on, "removed_on")?;
    let note = body.note.trim();
    if note.chars().count() < 2 {
        return Err(ApiError::invalid("note", "请填写拆除原因", "a reason is required"));
    }
    let v = version(body.version)?;
    let before = state.store.device(granted.scope(), id).await?;
    let mut tx = state.store.begin().await?;
    state.store.remove_device(&mut tx, granted.scope(), id, v, removed_on, note).await?;
    state.store.audit(&mut tx, &ctx.entry("emergency.device.remove", "emergency_device", id, before.region_code.as_str(), format!("{}: {note}", before.serial))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, before.region_code.as_str(), minzheng_store::today()).await?;
    tx.commit().await?;
    let d = state.store.device(granted.scope(), id).await?;
    Ok(Json(device_views(&state, vec![d], true).await?.remove(0)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PriorityQuery {
    /// 1 | 2
    pub tier: Option<u8>,
    /// true: only those without an active device
    pub missing: Option<bool>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    /// part of the name
    pub q: Option<String>,
    pub unmask: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ReasonView {
    pub code: PriorityReason,
    pub zh: &'static str,
    pub en: &'static str,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PriorityItem {
    pub person_id: i64,
    pub name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub age: u32,
    pub region_code: String,
    pub region_name: Option<String>,
    pub tier: u8,
    pub reasons: Vec<ReasonView>,
    pub has_device: bool,
    pub device_id: Option<i64>,
    pub device_serial: Option<String>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PriorityPage {
    pub items: Vec<PriorityItem>,
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    pub page_size: i64,
    /// per tier: on the list and still missing a device
    pub counts: Vec<PriorityCount>,
}

/// 安装优先名单 the elders of the region in tier 1 and tier 2, with whether each holds an active
/// device; `missing=true` lists those still without one.
#[utoipa::path(get, path = "/api/v1/elderly/emergency/priority", tag = "elderly-services", params(PriorityQuery), responses((status = 200, body = PriorityPage, description = "a page of the priority list with counts per tier")))]
pub async fn priority(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PriorityQuery>) -> ApiResult<Json<PriorityPage>> {
    let granted = read(&ctx)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    if q.tier.is_some_and(|t| !matches!(t, 1 | 2)) {
        return Err(ApiError::invalid("tier", "优先档次须为 1 或 2", "tier must be 1 or 2"));
    }
    let scope = granted.within(q.region.as_ref())?;
    let today = today();
    let filter = PriorityFilter { tier: q.tier, missing: q.missing.unwrap_or(false), q: q.q.clone() };
    let page = state.store.priority_list(&scope, &filter, today, Paging::new(q.page, q.page_size)).await?;
    let counts = state.store.priority_counts(&scope, today).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|r| r.facts.person_id.to_string()).collect();
        state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), ctx.region().as_str(), "emergency priority list")).await?;
    }
    let names = names(&state, page.items.iter().map(|r| r.facts.region_code.clone())).await?;
    let items = page.items.into_iter().filter_map(|r| priority_item(r, today, !unmasked, &names)).collect();
    Ok(Json(PriorityPage { items, total: page.total, total_exact: page.total_exact, page: page.page, page_size: page.page_size, counts }))
}

fn priority_item(r: PriorityRow, today: chrono::NaiveDate, masked: bool, names: &std::collections::HashMap<String, String>) -> Option<PriorityItem> {
    let f = &r.facts;
    let age = age_on(f.birth_date, today);
    // the store's SQL selects by the same rule; the core rule gives the tier and its reasons
    let p = rule::priority(&ElderFacts { age, tekun: f.tekun, dibao: f.dibao, disability_grade: f.disability_grade })?;
    Some(PriorityItem {
        person_id: f.person_id,
        name: if masked { mask_name(&f.name) } else { f.name.clone() },
        id_number: f.id_number.as_deref().map(|s| if masked { mask_id_number(s) } else { s.to_owned() }),
        phone: f.phone.as_deref().map(|s| if masked { mask_phone(s) } else { s.to_owned() }),
        age,
        region_name: names.get(f.region_code.as_str()).cloned(),
        region_code: f.region_code.to_string(),
        tier: p.tier,
        reasons: p.reasons.into_iter().map(|c| ReasonView { code: c, zh: c.zh(), en: c.en() }).collect(),
        has_device: r.device_id.is_some(),
        device_id: r.device_id,
        device_serial: r.device_serial,
    })
}

// ---- alarms ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct AlarmView {
    #[serde(flatten)]
    pub alarm: AlarmRecord,
    pub kind_zh: &'static str,
    pub status_zh: &'static str,
    pub outcome_zh: Option<&'static str>,
    pub region_name: Option<String>,
    /// raised → acknowledged, seconds
    pub response_seconds: Option<i64>,
    /// raised → arrived, seconds
    pub arrival_seconds: Option<i64>,
    /// raised → now (open) or → closed, seconds
    pub elapsed_seconds: i64,
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

fn alarm_view(mut a: AlarmRecord, masked: bool, names: &std::collections::HashMap<String, String>, now: DateTime<Utc>) -> AlarmView {
    let raised = parse_time(&a.raised_at).unwrap_or(now);
    let response_seconds = rule::seconds_between(raised, a.acknowledged_at.as_deref().and_then(parse_time));
    let arrival_seconds = rule::seconds_between(raised, a.arrived_at.as_deref().and_then(parse_time));
    let end = a.closed_at.as_deref().and_then(parse_time).unwrap_or(now);
    let elapsed_seconds = rule::seconds_between(raised, Some(end)).unwrap_or(0);
    if masked {
        a.person_name = mask_name(&a.person_name);
        a.device_phone = mask_phone(&a.device_phone);
    }
    AlarmView {
        kind_zh: a.kind.zh(),
        status_zh: a.status.zh(),
        outcome_zh: a.outcome.map(AlarmOutcome::zh),
        region_name: names.get(a.region_code.as_str()).cloned(),
        response_seconds,
        arrival_seconds,
        elapsed_seconds,
        alarm: a,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlarmQuery {
    /// raised | acknowledged | dispatched | arrived | closed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<AlarmStatus>,
    /// true: not closed
    pub open: Option<bool>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<AlarmKind>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    /// YYYY-MM-DD: raised on or after
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub since: Option<NaiveDate>,
    pub unmask: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 呼叫记录 alarms in the account's region, newest first, with their response times.
#[utoipa::path(get, path = "/api/v1/elderly/emergency/alarms", tag = "elderly-services", params(AlarmQuery), responses((status = 200, body = PageOf<AlarmView>, description = "a page of alarms")))]
pub async fn alarms(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<AlarmQuery>) -> ApiResult<Json<PageOf<AlarmView>>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = AlarmFilter {
        provider_id,
        status: q.status.map(|s| s.as_str().to_owned()),
        open: q.open.unwrap_or(false),
        kind: q.kind.map(|k| k.as_str().to_owned()),
        since: q.since.map(|d| d.to_string()),
    };
    let page = state.store.list_alarms(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|a| a.person_id.to_string()).collect();
        state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), ctx.region().as_str(), "emergency alarms")).await?;
    }
    let names = names(&state, page.items.iter().map(|a| a.region_code.clone())).await?;
    let now = Utc::now();
    let items = page.map(|a| alarm_view(a, !unmasked, &names, now));
    Ok(Json(PageOf::from(items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct RaiseBody {
    pub device_id: Option<i64>,
    /// the device's serial, as a call platform sends it
    pub serial: Option<String>,
    /// sos | fall | no_activity | low_battery | other
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<AlarmKind>,
    /// RFC 3339; default now
    pub raised_at: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A time sent by a client: RFC 3339, not in the future (a minute of clock skew allowed).
fn client_time(v: Option<&str>, field: &str, now: DateTime<Utc>) -> ApiResult<DateTime<Utc>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(now),
        Some(s) => parse_time(s)
            .filter(|t| *t <= now + chrono::Duration::seconds(60))
            .ok_or_else(|| ApiError::invalid(field, "时间格式不正确（RFC 3339）或晚于现在", format!("{field} is malformed or in the future"))),
    }
}

/// 接收呼叫 raise an alarm from a device (the call platform's integration, or an operator taking a
/// call by phone).
#[utoipa::path(post, path = "/api/v1/elderly/emergency/alarms", tag = "elderly-services", request_body = RaiseBody, responses((status = 201, body = AlarmView, description = "the alarm"), (status = 422)))]
pub async fn raise(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<RaiseBody>) -> ApiResult<Response> {
    let granted = ctx.grant_any(&[Permission::EmergencyHandle, Permission::ElderlyManage])?;
    let kind = body.kind.ok_or_else(|| ApiError::invalid("kind", "呼叫类型须为一键呼救、跌倒、长时间无活动、低电量或其他", "kind must be sos, fall, no_activity, low_battery or other"))?;
    let now = Utc::now();
    let raised_at = client_time(body.raised_at.as_deref(), "raised_at", now)?;
    let device_id = match (body.device_id, body.serial.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
        (Some(id), _) => id,
        (None, Some(serial)) => {
            let f = DeviceFilter { q: Some(serial.to_owned()), status: Some("active".into()), ..Default::default() };
            let page = state.store.list_devices(granted.scope(), &f, Paging::new(None, Some(50))).await?;
            page.items.iter().find(|d| d.serial == serial).map(|d| d.id).ok_or_else(|| ApiError::invalid("serial", format!("本辖区没有在用的设备 {serial}"), format!("no active device {serial} in your region")))?
        }
        (None, None) => return Err(ApiError::invalid("device_id", "请指明呼叫的设备", "device_id or serial is required")),
    };
    let device = state.store.device(granted.scope(), device_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("device_id", "本辖区没有这台设备", "no such device in your region"),
        e => e.into(),
    })?;
    if device.status != DeviceStatus::Active {
        return Err(ApiError::invalid("device_id", "该设备已拆除", "the device was removed"));
    }
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_alarm(&mut tx, &device, kind.as_str(), &minzheng_store::fmt_time(raised_at), ctx.actor(), body.note.trim()).await?;
    state.store.audit(&mut tx, &ctx.entry("emergency.alarm.raise", "alarm", id, device.region_code.as_str(), format!("{} {}", device.serial, kind.as_str()))).await?;
    tx.commit().await?;
    let a = state.store.alarm(granted.scope(), id).await?;
    let names = names(&state, [a.region_code.clone()]).await?;
    Ok((StatusCode::CREATED, Json(alarm_view(a, true, &names, Utc::now()))).into_response())
}

/// 呼叫详情 one alarm with its steps. A handler sees the elder's name and phone to call back
/// (audited as an unmasked read).
#[utoipa::path(get, path = "/api/v1/elderly/emergency/alarms/{id}", tag = "elderly-services", params(("id" = i64, Path)), responses((status = 200, body = AlarmView, description = "the alarm"), (status = 404)))]
pub async fn alarm(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<AlarmView>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let a = state.store.alarm(granted.scope(), id).await?;
    if provider_id.is_some_and(|p| a.provider_id != Some(p)) {
        return Err(ApiError::NotFound);
    }
    let unmasked = ctx.role().can(Permission::EmergencyHandle);
    if unmasked {
        state.store.audit_now(&ctx.entry("person.unmask", "person", a.person_id, a.region_code.as_str(), format!("alarm {id}"))).await?;
    }
    let names = names(&state, [a.region_code.clone()]).await?;
    Ok(Json(alarm_view(a, !unmasked, &names, Utc::now())))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct StepBody {
    /// acknowledge | dispatch | call_family | arrive | close
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub step: Option<AlarmStep>,
    /// closing: false_alarm | resolved_by_phone | family_handled | on_site_help | hospital | other
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub outcome: Option<AlarmOutcome>,
    #[serde(default)]
    pub note: String,
    /// when it happened (RFC 3339), default now; not before the previous step
    pub at: Option<String>,
    pub version: Option<i64>,
}

/// 处置呼叫 take the next handling step; an illegal step is refused (422), a stale version is a
/// conflict (409).
#[utoipa::path(post, path = "/api/v1/elderly/emergency/alarms/{id}/steps", tag = "elderly-services", request_body = StepBody, params(("id" = i64, Path)), responses((status = 200, body = AlarmView, description = "the alarm"), (status = 409), (status = 422)))]
pub async fn step(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<StepBody>) -> ApiResult<Json<AlarmView>> {
    let granted = ctx.grant(Permission::EmergencyHandle)?;
    let step = body.step.ok_or_else(|| ApiError::invalid("step", "处置步骤须为响应、派员、通知家属、到场或结案", "step must be acknowledge, dispatch, call_family, arrive or close"))?;
    let outcome = body.outcome;
    let v = version(body.version)?;
    let now = Utc::now();
    let at = client_time(body.at.as_deref(), "at", now)?;
    let before = state.store.alarm_at(granted.scope(), id, v).await?;
    let next = rule::advance(before.status, step, outcome)?;
    let last = before.steps.last().and_then(|s| parse_time(&s.at)).or_else(|| parse_time(&before.raised_at));
    if last.is_some_and(|l| at < l) {
        return Err(ApiError::invalid("at", "处置时间不能早于上一步", "at is before the previous step"));
    }
    if step == AlarmStep::Close && outcome == Some(AlarmOutcome::Other) && body.note.trim().chars().count() < 4 {
        return Err(ApiError::invalid("note", "结果为“其他”时请填写说明（至少4个字）", "describe the outcome (at least 4 characters)"));
    }
    let column = match step {
        AlarmStep::Acknowledge => Some("acknowledged_at"),
        AlarmStep::Dispatch | AlarmStep::CallFamily => Some("dispatched_at"),
        AlarmStep::Arrive => Some("arrived_at"),
        AlarmStep::Close => Some("closed_at"),
    };
    let entry = StepEntry { step: step.as_str().to_owned(), at: minzheng_store::fmt_time(at), by: ctx.actor().to_owned(), note: body.note.trim().to_owned(), outcome: outcome.map(|o| o.as_str().to_owned()) };
    let mut tx = state.store.begin().await?;
    state.store.alarm_step(&mut tx, granted.scope(), &before, StepWrite { status: next.as_str(), column, entry, outcome: outcome.filter(|_| step == AlarmStep::Close).map(AlarmOutcome::as_str) }).await?;
    state.store.audit(&mut tx, &ctx.entry("emergency.alarm.step", "alarm", id, before.region_code.as_str(), format!("{} → {}", step.as_str(), next.as_str()))).await?;
    tx.commit().await?;
    let a = state.store.alarm(granted.scope(), id).await?;
    let names = names(&state, [a.region_code.clone()]).await?;
    Ok(Json(alarm_view(a, false, &names, Utc::now())))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct StatusCount {
    pub status: AlarmStatus,
    pub zh: &'static str,
    pub count: i64,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct DutyView {
    pub now: String,
    pub since: String,
    /// alarms not closed
    pub open: i64,
    /// alarms raised in the last 24 hours
    pub last_24h: i64,
    pub by_status: Vec<StatusCount>,
    /// raised → acknowledged over the last 24 hours' responded alarms, seconds
    pub average_response_seconds: Option<i64>,
    pub worst_response_seconds: Option<i64>,
    /// the longest an open alarm has waited for a response so far
    pub longest_waiting_seconds: Option<i64>,
    /// open alarms first (unanswered ones on top, the longest waiting first), then the day's closed ones
    pub alarms: Vec<AlarmView>,
}

/// 24小时值守 the duty board: every open alarm and the last 24 hours' alarms, counts by status,
/// average and worst response time.
#[utoipa::path(get, path = "/api/v1/elderly/emergency/duty", tag = "elderly-services", responses((status = 200, body = DutyView, description = "the duty view")))]
pub async fn duty(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<DutyView>> {
    let granted = reader(&ctx)?;
    let provider_id = granted.provider();
    let now = Utc::now();
    let since = now - chrono::Duration::hours(24);
    let since_text = minzheng_store::fmt_time(since);
    let rows = state.store.duty_alarms(granted.scope(), provider_id, &since_text, 500).await?;
    let names = names(&state, rows.iter().map(|a| a.region_code.clone())).await?;
    let unmasked = ctx.role().can(Permission::EmergencyHandle);
    if unmasked && !rows.is_empty() {
        let ids: Vec<String> = rows.iter().filter(|a| a.status != AlarmStatus::Closed).map(|a| a.person_id.to_string()).collect();
        if !ids.is_empty() {
            state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), ctx.region().as_str(), "emergency duty view")).await?;
        }
    }
    let mut alarms: Vec<AlarmView> = rows.into_iter().map(|a| alarm_view(a, !unmasked, &names, now)).collect();
    // open ones first: those nobody has answered yet, then the others, each the one waiting longest on top
    alarms.sort_by_key(|a| {
        let open = a.alarm.status != AlarmStatus::Closed;
        (!open, a.alarm.status != AlarmStatus::Raised, if open { -a.elapsed_seconds } else { 0 }, std::cmp::Reverse(a.alarm.raised_at.clone()))
    });
    let recent: Vec<&AlarmView> = alarms.iter().filter(|a| a.alarm.raised_at >= since_text).collect();
    let responses: Vec<i64> = recent.iter().filter_map(|a| a.response_seconds).collect();
    let stats = rule::response_stats(&responses);
    let by_status = AlarmStatus::ALL.iter().map(|s| StatusCount { status: *s, zh: s.zh(), count: alarms.iter().filter(|a| a.alarm.status == *s).count() as i64 }).collect();
    Ok(Json(DutyView {
        now: minzheng_store::fmt_time(now),
        since: since_text,
        open: alarms.iter().filter(|a| a.alarm.status != AlarmStatus::Closed).count() as i64,
        last_24h: recent.len() as i64,
        by_status,
        average_response_seconds: stats.map(|s| s.0),
        worst_response_seconds: stats.map(|s| s.1),
        longest_waiting_seconds: alarms.iter().filter(|a| a.alarm.status == AlarmStatus::Raised).map(|a| a.elapsed_seconds).max(),
        alarms,
    }))
}
