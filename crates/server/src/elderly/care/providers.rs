//! 服务商与服务项目 providers and the service catalogue.
use super::*;

// ---------------------------------------------------------------- providers

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProviderView {
    #[serde(flatten)]
    pub provider: ProviderRecord,
    pub kind_zh: &'static str,
    pub region_name: Option<String>,
    /// the contract covers today and the qualification has not expired
    pub in_force: bool,
}

pub(super) async fn provider_views(state: &AppState, list: Vec<ProviderRecord>) -> ApiResult<Vec<ProviderView>> {
    let codes: Vec<String> = list.iter().map(|p| p.region_code.to_string()).collect();
    let names = state.store.region_names(&codes).await?;
    let today = today();
    Ok(list
        .into_iter()
        .map(|p| ProviderView {
            kind_zh: p.kind.zh(),
            region_name: names.get(p.region_code.as_str()).cloned(),
            in_force: p.status == ProviderStatus::Active && p.contract_start <= today && p.contract_end >= today && p.qualification_until.as_ref().is_none_or(|q| *q >= today),
            provider: p,
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderQuery {
    /// home_care | canteen | emergency_call | institution
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<ProviderKind>,
    /// active | suspended | ended
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<ProviderStatus>,
}

/// 服务商名册 providers serving the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/providers", tag = "elderly", params(ProviderQuery), responses((status = 200, body = Vec<ProviderView>, description = "providers")))]
pub async fn providers(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ProviderQuery>) -> ApiResult<Json<Vec<ProviderView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let list = state.store.list_providers(granted.scope(), q.kind.map(ProviderKind::as_str), q.status.map(ProviderStatus::as_str)).await?;
    Ok(Json(provider_views(&state, list).await?))
}

/// 服务商详情 a provider.
#[utoipa::path(get, path = "/api/v1/elderly/care/providers/{id}", tag = "elderly", params(("id" = i64, Path)), responses((status = 200, body = ProviderView), (status = 404)))]
pub async fn provider(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ProviderView>> {
    let granted = if ctx.role() == Role::Provider {
        // a provider's account reads its own record only
        if ctx.account().provider_id != Some(id) {
            return Err(ApiError::NotFound);
        }
        ctx.grant(Permission::HomecareServe)?
    } else {
        ctx.grant(Permission::ElderlyRead)?
    };
    let p = state.store.provider(granted.scope(), id).await?;
    Ok(Json(provider_views(&state, vec![p]).await?.remove(0)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ProviderBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<ProviderKind>,
    pub credit_code: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub qualification: Option<String>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub qualification_until: Option<NaiveDate>,
    pub contract_no: Option<String>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub contract_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub contract_end: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<ProviderStatus>,
    pub version: Option<i64>,
}

/// 统一社会信用代码 GB 32100-2015: 18 characters of 0-9 and A-Z without I, O, Z, S, V; the last is a
/// check character (weights 3^i mod 31).
pub(super) fn credit_code_ok(code: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let mut sum = 0u32;
    for (i, c) in chars[..17].iter().enumerate() {
        match CHARS.find(*c) {
            Some(v) => sum += v as u32 * W[i],
            None => return false,
        }
    }
    let check = (31 - sum % 31) % 31;
    CHARS.chars().nth(check as usize) == Some(chars[17])
}

pub(super) async fn validate_provider(state: &AppState, ctx: &Ctx, b: &ProviderBody) -> ApiResult<ProviderInput> {
    let mut errors = Vec::new();
    let name = trimmed(&b.name);
    required(&mut errors, "name", &name, "服务商名称", "name", 60);
    let kind = b.kind.unwrap_or(ProviderKind::HomeCare);
    let credit_code = trimmed(&b.credit_code).to_uppercase();
    if !credit_code_ok(&credit_code) {
        errors.push(FieldError::new("credit_code", "统一社会信用代码须为18位且校验位正确", "the unified social credit code must have 18 characters and a valid check character"));
    }
    let region_code = match b.region_code.clone() {
        Some(r) if matches!(r.level(), RegionLevel::Village | RegionLevel::Grid) => {
            errors.push(FieldError::new("region_code", "服务区域须为区县或镇街", "the service area must be a county or a town"));
            r
        }
        Some(r) => {
            if !ctx.region().contains(&r) {
                errors.push(FieldError::new("region_code", format!("区划 {r} 不在本账号管辖范围内"), format!("region {r} is outside your region")));
            } else if state.store.region(&r).await?.is_none() {
                errors.push(FieldError::new("region_code", format!("区划代码 {r} 不存在"), format!("unknown region code {r}")));
            }
            r
        }
        None => {
            errors.push(FieldError::new("region_code", "请选择服务区域", "region_code is required"));
            ctx.region().clone()
        }
    };
    let contact = trimmed(&b.contact);
    required(&mut errors, "contact", &contact, "联系人", "contact", 30);
    let phone = trimmed(&b.phone);
    if !(7..=20).contains(&phone.len()) || !phone.chars().all(|c| c.is_ascii_digit() || c == '-') {
        errors.push(FieldError::new("phone", "联系电话须为7至20位数字（可含“-”）", "the phone must be 7 to 20 digits (and '-')"));
    }
    let qualification = trimmed(&b.qualification);
    required(&mut errors, "qualification", &qualification, "资质", "qualification", 120);
    let qualification_until = b.qualification_until.map(|d| d.to_string());
    let contract_no = trimmed(&b.contract_no);
    required(&mut errors, "contract_no", &contract_no, "合同编号", "contract number", 40);
    let start = date_required(&mut errors, "contract_start", b.contract_start, "合同开始日期");
    let end = date_required(&mut errors, "contract_end", b.contract_end, "合同结束日期");
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.push(FieldError::new("contract_end", "合同结束日期不能早于开始日期", "the contract cannot end before it starts"));
    }
    let status = b.status.unwrap_or(ProviderStatus::Active).as_str().to_owned();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ProviderInput {
        name,
        kind: kind.as_str().to_owned(),
        credit_code,
        region_code: region_code.as_str().to_owned(),
        contact,
        phone,
        qualification,
        qualification_until,
        contract_no,
        contract_start: start.map(|d| d.to_string()).unwrap_or_default(),
        contract_end: end.map(|d| d.to_string()).unwrap_or_default(),
        status,
    })
}

/// 登记服务商 register a provider (qualification and contract).
#[utoipa::path(post, path = "/api/v1/elderly/care/providers", tag = "elderly", request_body = ProviderBody, responses((status = 201, body = ProviderView, description = "the provider"), (status = 409), (status = 422)))]
pub async fn create_provider(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<ProviderBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let input = validate_provider(&state, &ctx, &b).await?;
    let mut tx = state.store.begin().await?;
    let id = state.store.create_provider(&mut tx, &input, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.provider.create", "provider", id, &input.region_code, format!("{} {} {}", input.name, input.kind, input.credit_code))).await?;
    tx.commit().await?;
    let p = state.store.provider(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(provider_views(&state, vec![p]).await?.remove(0))).into_response())
}

/// 修改服务商 change a provider (version-checked).
#[utoipa::path(put, path = "/api/v1/elderly/care/providers/{id}", tag = "elderly", request_body = ProviderBody, params(("id" = i64, Path)), responses((status = 200, body = ProviderView, description = "the provider"), (status = 409), (status = 422)))]
pub async fn update_provider(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ProviderBody>) -> ApiResult<Json<ProviderView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let before = state.store.provider(granted.scope(), id).await?;
    let input = validate_provider(&state, &ctx, &b).await?;
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.update_provider(&mut tx, id, version, &input).await?;
    let detail = format!("{}: status {}→{}, contract {}→{}", input.name, before.status, input.status, before.contract_end, input.contract_end);
    state.store.audit(&mut tx, &ctx.entry("homecare.provider.update", "provider", id, &input.region_code, detail)).await?;
    tx.commit().await?;
    let p = state.store.provider(granted.scope(), id).await?;
    Ok(Json(provider_views(&state, vec![p]).await?.remove(0)))
}

// ---------------------------------------------------------------- catalogue

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// true: only items that can be dispatched
    pub active: Option<bool>,
}

/// 服务项目目录 the catalogue with prices (fen).
#[utoipa::path(get, path = "/api/v1/elderly/care/items", tag = "elderly", params(ItemQuery), responses((status = 200, body = Vec<ServiceItemRecord>)))]
pub async fn items(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ItemQuery>) -> ApiResult<Json<Vec<ServiceItemRecord>>> {
    require_any(&ctx, &[Permission::ElderlyRead, Permission::HomecareServe])?;
    Ok(Json(state.store.list_service_items(q.active.unwrap_or(false)).await?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = care::ItemBody)]
#[derive(Deserialize)]
pub struct ItemBody {
    pub code: Option<String>,
    pub name: Option<String>,
    pub unit: Option<String>,
    /// fen per unit
    pub price: Option<i64>,
    pub minutes: Option<i64>,
    pub active: Option<bool>,
    pub version: Option<i64>,
}

pub(super) fn validate_item(b: &ItemBody) -> ApiResult<ServiceItemInput> {
    let mut errors = Vec::new();
    let code = trimmed(&b.code).to_uppercase();
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        errors.push(FieldError::new("code", "项目编码须为1至16位字母、数字、-或_", "the code must be 1 to 16 letters, digits, '-' or '_'"));
    }
    let name = trimmed(&b.name);
    required(&mut errors, "name", &name, "项目名称", "name", 30);
    let unit = trimmed(&b.unit);
    required(&mut errors, "unit", &unit, "计量单位", "unit", 8);
    // a service item's unit price: free to 10万元
    let price = match AmountBound::non_negative(minzheng_core::assistance::Fen(10_000_000)).check("price", "单价", b.price) {
        Ok(p) => p.0,
        Err(e) => {
            errors.push(e);
            -1
        }
    };
    let minutes = b.minutes.unwrap_or(-1);
    if !(1..=1440).contains(&minutes) {
        errors.push(FieldError::new("minutes", "服务时长须为1至1440分钟", "minutes must be 1 to 1440"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ServiceItemInput { code, name, unit, price, minutes, active: b.active.unwrap_or(true) })
}

/// 新增服务项目 add a catalogue item.
#[utoipa::path(post, path = "/api/v1/elderly/care/items", tag = "elderly", request_body = ItemBody, responses((status = 201, body = ServiceItemRecord, description = "the service item"), (status = 409), (status = 422)))]
pub async fn create_item(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<ItemBody>) -> ApiResult<Response> {
    ctx.require(Permission::ElderlyManage)?;
    let input = validate_item(&b)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.create_service_item(&mut tx, &input).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.item.create", "service_item", id, ctx.region().as_str(), format!("{} {} {} fen/{}", input.code, input.name, input.price, input.unit))).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(state.store.service_item(id).await?)).into_response())
}

/// 修改服务项目 change a catalogue item (version-checked; orders keep the price they were dispatched with).
#[utoipa::path(put, path = "/api/v1/elderly/care/items/{id}", tag = "elderly", request_body = ItemBody, params(("id" = i64, Path)), responses((status = 200, body = ServiceItemRecord, description = "the service item"), (status = 409), (status = 422)))]
pub async fn update_item(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<ItemBody>) -> ApiResult<Json<ServiceItemRecord>> {
    ctx.require(Permission::ElderlyManage)?;
    let before = state.store.service_item(id).await?;
    let input = validate_item(&b)?;
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.update_service_item(&mut tx, id, version, &input).await?;
    let detail = format!("{}: price {}→{}, active {}→{}", input.code, before.price, input.price, before.active, input.active);
    state.store.audit(&mut tx, &ctx.entry("homecare.item.update", "service_item", id, ctx.region().as_str(), detail)).await?;
    tx.commit().await?;
    Ok(Json(state.store.service_item(id).await?))
}
