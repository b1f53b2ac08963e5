//! 服务对象 eligibility and enrolment.
use super::*;

// ---------------------------------------------------------------- eligibility and enrolment

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct EligibilityView {
    pub person_id: i64,
    pub name: String,
    pub region_code: String,
    pub month: String,
    pub facts: ElderFacts,
    #[serde(flatten)]
    pub eligibility: Eligibility,
    pub basis_zh: Vec<&'static str>,
    pub monthly_allowance: i64,
    pub allowance_param: minzheng_core::assistance::policy::ParamUse,
    /// the active enrolment, if any
    pub enrolment_id: Option<i64>,
}

pub(super) async fn eligibility_of(state: &AppState, scope: &Scope, person_id: i64, month: YearMonth) -> ApiResult<EligibilityView> {
    let person = state.store.person(scope, person_id).await?;
    let facts = state.store.homecare_elder_facts(&person, month.first_day()).await?;
    let e = rule::eligibility(&facts);
    let region = stored_region(&person.region_code)?;
    let policy = state.store.policy().await?;
    let allowance = rule::monthly_allowance(&policy, &region, month);
    let enrolment_id = state.store.active_enrolment_of(person_id).await?.map(|e| e.id);
    Ok(EligibilityView {
        person_id,
        name: mask_name(&person.name),
        region_code: person.region_code,
        month: month.to_string(),
        basis_zh: e.bases.iter().map(|b| b.zh()).collect(),
        facts,
        eligibility: e,
        monthly_allowance: allowance.value,
        allowance_param: allowance,
        enrolment_id,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// YYYY-MM (default: this month)
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub month: Option<YearMonth>,
}

/// 服务对象资格 whether an elder is eligible for government-purchased home care, with the reasons.
#[utoipa::path(get, path = "/api/v1/elderly/care/eligibility/{person_id}", tag = "elderly", params(("person_id" = i64, Path), MonthQuery), responses((status = 200, body = EligibilityView), (status = 404)))]
pub async fn eligibility(State(state): State<AppState>, ctx: Ctx, Path(person_id): Path<i64>, ApiQuery(q): ApiQuery<MonthQuery>) -> ApiResult<Json<EligibilityView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let month = q.month.unwrap_or_else(|| YearMonth::of(today()));
    Ok(Json(eligibility_of(&state, granted.scope(), person_id, month).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnrolmentQuery {
    /// active | ended
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<EnrolmentStatus>,
    pub provider_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// names in full (permission person.unmask, audited)
    pub unmask: Option<bool>,
}

/// 居家养老服务对象 enrolled elderly in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/care/enrolments", tag = "elderly", params(EnrolmentQuery), responses((status = 200, body = PageOf<EnrolmentRecord>)))]
pub async fn enrolments(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<EnrolmentQuery>) -> ApiResult<Json<PageOf<EnrolmentRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let filter = EnrolmentFilter { status: q.status.map(|s| s.as_str().to_owned()), provider_id: q.provider_id };
    let masked = masked(&ctx, q.unmask)?;
    let mut page = state.store.list_enrolments(&granted.within(q.region_code.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    if masked {
        page.items.iter_mut().for_each(mask_enrolment);
    } else {
        audit_unmask(&state, &ctx, "homecare_enrolment", page.items.iter().map(|e| e.id.to_string()).collect::<Vec<_>>().join(",")).await?;
    }
    Ok(Json(PageOf::from(page)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct EnrolBody {
    pub person_id: Option<i64>,
    pub provider_id: Option<i64>,
    /// YYYY-MM, default this month
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub start_month: Option<YearMonth>,
}

/// A provider that may serve an elder living in `region`: home care, active, its area containing the region.
pub(super) fn check_serves(p: &ProviderRecord, region: &RegionCode) -> Result<(), FieldError> {
    if p.kind != ProviderKind::HomeCare {
        return Err(FieldError::new("provider_id", format!("{}不是居家养老服务商", p.name), format!("{} is not a home-care provider", p.name)));
    }
    if p.status != ProviderStatus::Active {
        return Err(FieldError::new("provider_id", format!("{}当前不在约（{}）", p.name, p.status), format!("{} is not active ({})", p.name, p.status)));
    }
    let serves = p.region_code.contains(region);
    if !serves {
        return Err(FieldError::new("provider_id", format!("{}的服务区域不包括该老人居住地", p.name), format!("{} does not serve the elder's region", p.name)));
    }
    Ok(())
}

/// 纳入居家养老服务 enrol an elder with a provider: the eligibility rule decides (422 with the reason
/// if not eligible); one active enrolment per elder (409).
#[utoipa::path(post, path = "/api/v1/elderly/care/enrolments", tag = "elderly", request_body = EnrolBody, responses((status = 201, body = EnrolmentRecord, description = "the enrolment"), (status = 409), (status = 422)))]
pub async fn enrol(State(state): State<AppState>, ctx: Ctx, ApiJson(b): ApiJson<EnrolBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AllowanceEnrol)?;
    let person_id = b.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择老人", "person_id is required"))?;
    let provider_id = b.provider_id.ok_or_else(|| ApiError::invalid("provider_id", "请选择服务商", "provider_id is required"))?;
    let month = b.start_month.unwrap_or_else(|| YearMonth::of(today()));
    let person = state.store.person(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", format!("人员 {person_id} 不存在或不在本辖区"), format!("person {person_id} not found in your region")),
        e => e.into(),
    })?;
    let region = stored_region(&person.region_code)?;
    // providers are the district's register: a town's enrolment or order names one whose area is wider
    let provider = state.store.provider(&Scope::system(), provider_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("provider_id", format!("服务商 {provider_id} 不存在"), format!("unknown provider {provider_id}")),
        e => e.into(),
    })?;
    check_serves(&provider, &region)?;
    let view = eligibility_of(&state, granted.scope(), person_id, month).await?;
    if !view.eligibility.eligible {
        let (zh, en) = view.eligibility.summary();
        return Err(ApiError::invalid("person_id", format!("不符合居家养老服务对象条件：{zh}"), format!("not eligible for home care: {en}")));
    }
    if view.enrolment_id.is_some() {
        return Err(ApiError::Conflict(FieldError::new("person_id", "该老人已在居家养老服务中（每人只能有一个有效的服务登记）", "the elder already has an active home-care enrolment")));
    }
    let input = EnrolmentInput {
        person_id,
        region_code: person.region_code.clone(),
        provider_id,
        monthly_allowance: view.monthly_allowance,
        basis: view.eligibility.bases.clone(),
        reason: view.eligibility.reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；"),
        params: vec![view.allowance_param.clone()],
        start_month: month.to_string(),
    };
    let mut tx = state.store.begin().await?;
    let id = state.store.create_enrolment(&mut tx, &input, ctx.actor()).await?;
    let detail = format!("person {person_id} provider {provider_id} from {month}: {} ({} fen/month)", input.basis.iter().map(|b| b.as_str()).collect::<Vec<_>>().join(","), input.monthly_allowance);
    state.store.audit(&mut tx, &ctx.entry("homecare.enrol", "homecare_enrolment", id, &person.region_code, detail)).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, &person.region_code, minzheng_store::today()).await?;
    tx.commit().await?;
    let mut e = state.store.enrolment(granted.scope(), id).await?;
    mask_enrolment(&mut e);
    Ok((StatusCode::CREATED, Json(e)).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct EndBody {
    /// YYYY-MM: the last month served
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub end_month: Option<YearMonth>,
    pub reason: Option<String>,
    pub version: Option<i64>,
}

/// 终止服务 end an enrolment (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/care/enrolments/{id}/end", tag = "elderly", request_body = EndBody, params(("id" = i64, Path)), responses((status = 200, body = EnrolmentRecord, description = "the enrolment, ended"), (status = 409), (status = 422)))]
pub async fn end_enrolment(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(b): ApiJson<EndBody>) -> ApiResult<Json<EnrolmentRecord>> {
    let granted = ctx.grant(Permission::AllowanceEnrol)?;
    let e = state.store.enrolment(granted.scope(), id).await?;
    let month = month_required(b.end_month, "end_month")?;
    if month < e.start_month {
        return Err(ApiError::invalid("end_month", "终止月份不能早于开始月份", "the end month cannot precede the start month"));
    }
    let reason = trimmed(&b.reason);
    if reason.chars().count() < 2 {
        return Err(ApiError::invalid("reason", "请填写终止原因", "a reason is required"));
    }
    let version = version_of(b.version)?;
    let mut tx = state.store.begin().await?;
    state.store.end_enrolment(&mut tx, granted.scope(), id, version, &month.to_string(), &reason).await?;
    state.store.audit(&mut tx, &ctx.entry("homecare.enrolment.end", "homecare_enrolment", id, e.region_code.as_str(), format!("ended {month}: {reason}"))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, e.region_code.as_str(), minzheng_store::today()).await?;
    tx.commit().await?;
    let mut e = state.store.enrolment(granted.scope(), id).await?;
    mask_enrolment(&mut e);
    Ok(Json(e))
}
