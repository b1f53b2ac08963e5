//! 服务工单 work orders, photos and return visits.
use super::*;

// ---------------------------------------------------------------- work orders

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct OrderView {
    #[serde(flatten)]
    pub order: OrderRecord,
    pub status_zh: &'static str,
    pub region_name: Option<String>,
}

pub(super) async fn order_views(state: &AppState, mut list: Vec<OrderRecord>, masked: bool) -> ApiResult<Vec<OrderView>> {
    if masked {
        for o in &mut list {
            o.name = mask_name(&o.name);
            o.address = o.address.as_deref().map(mask_address);
            o.confirmed_by = o.confirmed_by.as_deref().map(mask_name);
        }
    }
    let codes: Vec<String> = list.iter().map(|o| o.region_code.to_string()).collect();
    let names = state.store.region_names(&codes).await?;
    Ok(list.into_iter().map(|o| OrderView { status_zh: o.status.zh(), region_name: names.get(o.region_code.as_str()).cloned(), order: o }).collect())
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct OrderDetail {
    #[serde(flatten)]
    pub order: OrderView,
    pub photos: Vec<PhotoMeta>,
    pub visits: Vec<VisitRecord>,
}

pub(super) async fn order_detail(state: &AppState, ctx: &Ctx, scope: &Scope, o: OrderRecord, masked: bool) -> ApiResult<OrderDetail> {
    let photos = state.store.order_photos(o.id).await?;
    // return visits are the town's: a provider does not see them
    let mut visits = if ctx.role() == Role::Provider { vec![] } else { state.store.list_return_visits(scope, Some(o.id), None, Paging::new(Some(1), Some(50))).await?.items };
    if masked {
        visits.iter_mut().for_each(|v| v.name = mask_name(&v.name));
    }
    Ok(OrderDetail { order: order_views(state, vec![o], masked).await?.remove(0), photos, visits })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    /// YYYY-MM
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    /// YYYY-MM-DD
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub date: Option<NaiveDate>,
    /// dispatched | started | done | confirmed | cancelled
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<OrderStatus>,
    pub provider_id: Option<i64>,
    pub person_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// names and addresses in full (officers: permission person.unmask, audited)
    pub unmask: Option<bool>,
}

/// 服务工单 orders: region-scoped for officers, the provider's own for a provider's account.
#[utoipa::path(get, path = "/api/v1/elderly/care/orders", tag = "elderly", params(OrderQuery), responses((status = 200, body = PageOf<OrderView>)))]
pub async fn orders(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrderQuery>) -> ApiResult<Json<PageOf<OrderView>>> {
    let access = access_within(&ctx, q.region_code.as_ref())?;
    let f = OrderFilter {
        provider_id: q.provider_id,
        person_id: q.person_id,
        month: q.month.map(|m| m.to_string()),
        date: q.date.map(|d| d.to_string()),
        status: q.status.map(|s| s.as_str().to_owned()),
    };
    let masked = masked(&ctx, q.unmask)?;
    let mut page = state.store.list_orders(&access, &f, Paging::new(q.page, q.page_size)).await?;
    if !masked {
        audit_unmask(&state, &ctx, "work_order", page.items.iter().map(|o| o.id.to_string()).collect::<Vec<_>>().join(",")).await?;
    }
    let items = order_views(&state, std::mem::take(&mut page.items), masked).await?;
    Ok(Json(PageOf::of(page, items)))
}

/// 工单详情 an order with its photos (and, for officers, return visits).
#[utoipa::path(get, path = "/api/v1/elderly/care/orders/{id}", tag = "elderly", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = OrderDetail), (status = 404)))]
pub async fn order(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<OrderDetail>> {
    let access = access(&ctx)?;
    let masked = masked(&ctx, q.unmask)?;
    let o = state.store.order(&access, id).await?;
    if !masked {
        audit_unmask(&state, &ctx, "work_order", id.to_string()).await?;
    }
    Ok(Json(order_detail(&state, &ctx, &access.scope, o, masked).await?))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DispatchBody {
    pub person_id: Option<i64>,
    /// default: the provider of the elder's enrolment
    pub provider_id: Option<i64>,
    pub item_id: Option<i64>,
    pub units: Option<i64>,
    /// YYYY-MM-DD
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub scheduled_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// 派单 dispatch an order: the elder must be enrolled, the provider the enrolment's or one serving
/// the elder's region; amount = units × the item's price.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders", tag = "elderly", request_body = DispatchBody, responses((status = 201, body = OrderView, description = "the order"), (status = 422)))]
pub async fn dispatch(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<DispatchBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareDispatch)?;
    let person_id = b.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择服务对象", "person_id is required"))?;
    let person = state.store.person(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", format!("人员 {person_id} 不存在或不在本辖区"), format!("person {person_id} not found in your region")),
        e => e.into(),
    })?;
    let enrolment = state
        .store
        .active_enrolment_of(person_id)
        .await?
        .ok_or_else(|| ApiError::invalid("person_id", format!("{}未纳入居家养老服务，请先登记服务对象", person.name), "the elder is not enrolled in home care"))?;
    let provider_id = b.provider_id.unwrap_or(enrolment.provider_id);
    // providers are the district's register: a town's enrolment or order names one whose area is wider
    let provider = state.store.provider(&Scope::system(), provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    let region = stored_region(&person.region_code)?;
    if provider_id != enrolment.provider_id {
        check_serves(&provider, &region)?;
    } else if provider.status != ProviderStatus::Active {
        return Err(ApiError::invalid("provider_id", format!("{}当前不在约", provider.name), format!("{} is not active", provider.name)));
    }
    let item_id = b.item_id.ok_or_else(|| ApiError::invalid("item_id", "请选择服务项目", "item_id is required"))?;
    let item = match state.store.service_item(item_id).await {
        Ok(i) if i.active => i,
        Ok(i) => return Err(ApiError::invalid("item_id", format!("服务项目“{}”已停用", i.name), format!("service item {} is inactive", i.code))),
        Err(minzheng_store::StoreError::NotFound) => return Err(ApiError::invalid("item_id", format!("服务项目 {item_id} 不存在"), format!("unknown service item {item_id}"))),
        Err(e) => return Err(e.into()),
    };
    let units = b.units.unwrap_or(1);
    let amount = rule::order_amount(units, Fen(item.price))?;
    let mut errors = Vec::new();
    let date = date_required(&mut errors, "scheduled_on", b.scheduled_on, "服务日期");
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let date = date.unwrap_or_else(today);
    if YearMonth::of(date) < enrolment.start_month {
        return Err(ApiError::invalid("scheduled_on", format!("服务日期早于服务登记开始月份 {}", enrolment.start_month), format!("the date precedes the enrolment's start month {}", enrolment.start_month)));
    }
    if (date - today()).num_days() > 62 {
        return Err(ApiError::invalid("scheduled_on", "服务日期不能晚于两个月后", "the date cannot be more than two months ahead"));
    }
    let note = b.note.trim().chars().take(200).collect::<String>();
    let input = OrderInput {
        enrolment_id: enrolment.id,
        person_id,
        region_code: person.region_code.clone(),
        provider_id,
        item_id,
        item_name: item.name.clone(),
        unit: item.unit.clone(),
        units,
        unit_price: item.price,
        amount: amount.0,
        scheduled_on: date.to_string(),
        note,
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.create_order(&mut tx, &input, ctx.actor()).await?;
    let detail = format!("person {person_id} provider {provider_id} {} × {} = {} fen on {date}", item.code, units, amount.0);
    state.store.audit(&mut tx, &ctx.entry("homecare.order.dispatch", "work_order", id, &person.region_code, detail)).await?;
    tx.commit().await?;
    let o = state.store.order(&OrderAccess { scope: granted.scope().clone(), provider_id: None }, id).await?;
    Ok((StatusCode::CREATED, Json(order_views(&state, vec![o], masked(&ctx, None)?).await?.remove(0))).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct PlaceBody {
    /// RFC 3339 time (default: now)
    pub at: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    /// the place typed by the worker (required without coordinates)
    pub place: Option<String>,
    pub worker: Option<String>,
    pub note: Option<String>,
    pub version: Option<i64>,
}

/// A time and place of a start or end: the time not in the future (five minutes of clock skew
/// allowed), coordinates both or neither and in range, a place typed when there are none.
/// (time, latitude, longitude, place)
pub(super) type TimePlace = (DateTime<Utc>, Option<f64>, Option<f64>, String);

pub(super) fn time_and_place(b: &PlaceBody) -> ApiResult<TimePlace> {
    let mut errors = Vec::new();
    let now = Utc::now();
    let at = match b.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => now,
        Some(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) => t.with_timezone(&Utc),
            Err(_) => {
                errors.push(FieldError::new("at", "时间须为 RFC 3339 格式，如 2026-11-23T09:30:00+08:00", "at must be an RFC 3339 time"));
                now
            }
        },
    };
    if at > now + chrono::Duration::minutes(5) {
        errors.push(FieldError::new("at", "时间不能晚于当前时间", "the time cannot be in the future"));
    }
    match (b.lat, b.lng) {
        (Some(lat), Some(lng)) => {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) || !lat.is_finite() || !lng.is_finite() {
                errors.push(FieldError::new("lat", "经纬度超出范围", "coordinates out of range"));
            }
        }
        (None, None) => {}
        _ => errors.push(FieldError::new("lat", "经度和纬度须同时提供", "give both latitude and longitude or neither")),
    }
    let place = trimmed(&b.place).chars().take(120).collect::<String>();
    if place.is_empty() && b.lat.is_none() {
        errors.push(FieldError::new("place", "请填写服务地点（无法定位时手动输入）", "the place is required when there are no coordinates"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok((at, b.lat, b.lng, place))
}

pub(super) async fn step(state: &AppState, ctx: &Ctx, id: i64, version: i64, step: OrderStep, action: &str, detail: String) -> ApiResult<Json<OrderDetail>> {
    let access = access(ctx)?;
    let mut tx = state.store.begin().await?;
    let o = state.store.step_order(&mut tx, &access, id, version, &step).await?;
    state.store.audit(&mut tx, &ctx.entry(action, "work_order", id, o.region_code.as_str(), detail)).await?;
    tx.commit().await?;
    Ok(Json(order_detail(state, ctx, &access.scope, o, masked(ctx, None)?).await?))
}

/// 开始服务 the provider's worker starts an order: time and place (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/start", tag = "elderly", request_body = PlaceBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn start(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<PlaceBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareServe)?;
    let version = version_of(b.version)?;
    // the order must be the provider's before its input is judged, so another's order is 404
    state.store.order(&access(&ctx)?, id).await?;
    let (at, lat, lng, place) = time_and_place(&b)?;
    let worker = trimmed(&b.worker);
    let worker = if worker.is_empty() { ctx.account().display_name.clone() } else { worker.chars().take(30).collect() };
    let detail = format!("started {} at {place} ({lat:?}, {lng:?}) by {worker}", minzheng_store::fmt_time(at));
    step(&state, &ctx, id, version, OrderStep::Start { worker, at: minzheng_store::fmt_time(at), lat, lng, place }, "homecare.order.start", detail).await
}

/// 结束服务 the worker ends an order: time (after the start) and place (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/end", tag = "elderly", request_body = PlaceBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn end(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<PlaceBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareServe)?;
    let version = version_of(b.version)?;
    let o = state.store.order(&access(&ctx)?, id).await?;
    let (at, lat, lng, place) = time_and_place(&b)?;
    let at_text = minzheng_store::fmt_time(at);
    if let Some(started) = &o.started_at
        && at_text <= *started
    {
        return Err(ApiError::invalid("at", format!("结束时间须晚于开始时间（{started}）"), format!("the end must be after the start ({started})")));
    }
    let note = trimmed(&b.note).chars().take(500).collect::<String>();
    let detail = format!("ended {at_text} at {place} ({lat:?}, {lng:?})");
    step(&state, &ctx, id, version, OrderStep::End { at: at_text, lat, lng, place, note }, "homecare.order.end", detail).await
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ConfirmBody {
    /// the confirmer's name: the elder or a family member
    pub confirmed_by: Option<String>,
    /// 本人, 子女, 配偶 …
    pub relation: Option<String>,
    pub version: Option<i64>,
}

/// 服务确认 the elder's or family's confirmation of a finished order, recorded by the provider's
/// worker on the phone or by an officer (version-checked). Only confirmed orders are settled.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/confirm", tag = "elderly", request_body = ConfirmBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 404), (status = 409), (status = 422)))]
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ConfirmBody>) -> ApiResult<Json<OrderDetail>> {
    require_any(&ctx, &[Permission::HomecareServe, Permission::HomecareDispatch])?;
    let version = version_of(b.version)?;
    state.store.order(&access(&ctx)?, id).await?;
    let mut errors = Vec::new();
    let by = trimmed(&b.confirmed_by);
    required(&mut errors, "confirmed_by", &by, "确认人姓名", "confirmed_by", 30);
    let relation = trimmed(&b.relation);
    required(&mut errors, "relation", &relation, "确认人与老人关系（本人、子女等）", "relation", 10);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let at = minzheng_store::now();
    let detail = format!("confirmed by {by} ({relation}), recorded by {}", ctx.actor());
    step(&state, &ctx, id, version, OrderStep::Confirm { by, relation, at, recorder: ctx.actor().to_owned() }, "homecare.order.confirm", detail).await
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct CancelBody {
    pub reason: Option<String>,
    pub version: Option<i64>,
}

/// 取消工单 cancel an order not yet done (the dispatching officer; version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/cancel", tag = "elderly", request_body = CancelBody, params(("id" = i64, Path)), responses((status = 200, body = OrderDetail), (status = 409), (status = 422)))]
pub async fn cancel(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<CancelBody>) -> ApiResult<Json<OrderDetail>> {
    ctx.require(Permission::HomecareDispatch)?;
    let version = version_of(b.version)?;
    state.store.order(&access(&ctx)?, id).await?;
    let reason = trimmed(&b.reason);
    if reason.chars().count() < 2 {
        return Err(ApiError::invalid("reason", "请填写取消原因", "a reason is required"));
    }
    let detail = format!("cancelled: {reason}");
    step(&state, &ctx, id, version, OrderStep::Cancel { reason }, "homecare.order.cancel", detail).await
}

/// 上传服务照片 a photo of the service (JPEG or PNG by its bytes, at most 5 MB).
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/photos", tag = "elderly", params(("id" = i64, Path)), request_body(content = crate::extract::FileForm, content_type = "multipart/form-data", description = "file"), responses((status = 201, body = PhotoMeta, description = "the photo's record"), (status = 413), (status = 422)))]
pub async fn upload_photo(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, multipart: Multipart) -> ApiResult<Response> {
    ctx.require(Permission::HomecareServe)?;
    let o = state.store.order(&access(&ctx)?, id).await?;
    if !matches!(o.status.as_str(), "started" | "done") {
        return Err(ApiError::invalid("file", "只能在服务开始后、确认前上传照片", "photos are taken between the start and the confirmation"));
    }
    let (file, _) = crate::extract::multipart_form(multipart).await?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择照片", "no file was uploaded"))?;
    if bytes.len() > PHOTO_LIMIT {
        return Err(ApiError::PayloadTooLarge);
    }
    // trust the bytes, not the name
    let content_type = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return Err(ApiError::invalid("file", "只接受 JPG、PNG 格式的照片", "only JPEG and PNG photos are accepted"));
    };
    let mut tx = state.store.begin().await?;
    let meta = state.store.insert_order_photo(&mut tx, id, o.region_code.as_str(), &name, content_type, &bytes, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.order.photo", "work_order", id, o.region_code.as_str(), format!("{name} {} bytes sha256 {}", bytes.len(), meta.sha256))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(meta)).into_response())
}

/// 服务照片 a photo of an order.
#[utoipa::path(get, path = "/api/v1/elderly/care/orders/{id}/photos/{pid}", tag = "elderly", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200, description = "the photo (JPEG or PNG)", content((crate::extract::FileBytes = "image/jpeg"), (crate::extract::FileBytes = "image/png"))), (status = 404)))]
pub async fn photo(State(state): State<AppState>, ctx: Ctx, Path((id, pid)): Path<(i64, i64)>) -> ApiResult<Response> {
    let o = state.store.order(&access(&ctx)?, id).await?;
    let (meta, bytes) = state.store.order_photo(o.id, pid).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, meta.content_type)], bytes).into_response())
}

#[derive(utoipa::ToSchema)]
#[schema(as = care::VisitBody)]
#[derive(Deserialize)]
pub struct VisitBody {
    /// 1 (very dissatisfied) to 5 (very satisfied)
    pub satisfaction: Option<i64>,
    #[serde(default)]
    pub note: String,
    pub visitor: Option<String>,
    /// YYYY-MM-DD (default today)
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub visited_on: Option<NaiveDate>,
}

/// 服务回访 the town's quality return visit of a finished order.
#[utoipa::path(post, path = "/api/v1/elderly/care/orders/{id}/visits", tag = "elderly", request_body = VisitBody, params(("id" = i64, Path)), responses((status = 201, body = VisitRecord, description = "the return visit"), (status = 404), (status = 422)))]
pub async fn return_visit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<VisitBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::HomecareDispatch)?;
    let o = state.store.order(&OrderAccess { scope: granted.scope().clone(), provider_id: None }, id).await?;
    let mut errors = Vec::new();
    if !matches!(o.status.as_str(), "done" | "confirmed") {
        errors.push(FieldError::new("order", "只能回访已完成的工单", "only finished orders are visited"));
    }
    let satisfaction = b.satisfaction.unwrap_or(0);
    if !(1..=5).contains(&satisfaction) {
        errors.push(FieldError::new("satisfaction", "满意度须为1至5", "satisfaction must be 1 to 5"));
    }
    let visitor = trimmed(&b.visitor);
    let visitor = if visitor.is_empty() { ctx.account().display_name.clone() } else { visitor };
    let visited_on = b.visited_on.unwrap_or_else(today);
    if visited_on > today() {
        errors.push(FieldError::new("visited_on", "回访日期不能晚于今天", "the visit cannot be in the future"));
    }
    let note = b.note.trim().chars().take(500).collect::<String>();
    if (1..=2).contains(&satisfaction) && note.chars().count() < 4 {
        errors.push(FieldError::new("note", "不满意的回访须说明原因（至少4个字）", "a dissatisfied visit needs a note of at least 4 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let visited_on = visited_on.to_string();
    let mut tx = state.store.begin().await?;
    let vid = state.store.insert_return_visit(&mut tx, id, o.region_code.as_str(), satisfaction, &note, &visitor, &visited_on, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.visit", "work_order", id, o.region_code.as_str(), format!("visit {vid}: satisfaction {satisfaction}"))).await?;
    tx.commit().await?;
    let mut visit = state.store.list_return_visits(granted.scope(), Some(id), None, Paging::new(Some(1), Some(200))).await?.items.into_iter().find(|v| v.id == vid).ok_or(ApiError::NotFound)?;
    visit.name = mask_name(&visit.name);
    Ok((StatusCode::CREATED, Json(visit)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitQuery {
    /// YYYY-MM (visit date)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 回访记录 return visits in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/visits", tag = "elderly", params(VisitQuery), responses((status = 200, body = PageOf<VisitRecord>, description = "a page of return visits")))]
pub async fn visits(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<VisitQuery>) -> ApiResult<Json<PageOf<VisitRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let month = q.month.map(|m| m.to_string());
    let mut page = state.store.list_return_visits(granted.scope(), None, month.as_deref(), Paging::new(q.page, q.page_size)).await?;
    page.items.iter_mut().for_each(|v| v.name = mask_name(&v.name));
    Ok(Json(PageOf::from(page)))
}
