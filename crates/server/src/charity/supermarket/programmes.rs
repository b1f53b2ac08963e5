//! 积分项目 points programmes and their issue to households.
use super::*;

// ---- programmes ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ProgrammeView {
    #[serde(flatten)]
    pub programme: ProgrammeRecord,
    pub eligible_zh: Vec<&'static str>,
    pub basis_zh: &'static str,
}

pub(super) fn programme_view(p: ProgrammeRecord) -> ProgrammeView {
    ProgrammeView { eligible_zh: p.eligible.iter().map(|e| e.zh()).collect(), basis_zh: p.basis.zh(), programme: p }
}

pub(super) fn points_rule(p: &ProgrammeRecord) -> ApiResult<PointsRule> {
    Ok(PointsRule {
        eligible: p.eligible.clone(),
        basis: p.basis,
        points: p.points,
        valid_months: u32::try_from(p.valid_months).map_err(|_| ApiError::Internal("valid_months".into()))?,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeQuery {
    /// active | closed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub status: Option<ProgrammeStatus>,
}

/// 积分项目 the points programmes.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/programmes", tag = "charity", params(ProgrammeQuery), responses((status = 200, body = Vec<ProgrammeView>, description = "programmes, latest first")))]
pub async fn programmes(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ProgrammeQuery>) -> ApiResult<Json<Vec<ProgrammeView>>> {
    ctx.require(Permission::CharityRead)?;
    Ok(Json(state.store.supermarket_programmes(q.status).await?.into_iter().map(programme_view).collect()))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ProgrammeBody {
    pub name: Option<String>,
    /// dibao, tekun, low_income
    #[schema(value_type = Option<Vec<String>>)]
    pub eligible: Option<Vec<Programme>>,
    /// per_household | per_member
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub basis: Option<Basis>,
    /// points per household, or per member, per issue
    pub points: Option<i64>,
    /// 1 = valid through the end of the issue's month
    pub valid_months: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[schema(value_type = Option<String>)]
    pub status: Option<ProgrammeStatus>,
    pub note: Option<String>,
    pub version: Option<i64>,
}

/// The programmes' codes, joined for the audit detail.
fn codes(programmes: &[Programme]) -> String {
    programmes.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
}

pub(super) fn programme_fields(b: &ProgrammeBody) -> ApiResult<ProgrammeFields> {
    let name = text(b.name.as_deref(), "name", "项目名称", 60)?;
    let mut eligible = Vec::new();
    for p in b.eligible.iter().flatten() {
        if !eligible.contains(p) {
            eligible.push(*p);
        }
    }
    let basis = b.basis.unwrap_or(Basis::PerHousehold);
    let points = b.points.ok_or_else(|| ApiError::invalid("points", "请填写每期积分", "points is required"))?;
    let valid_months = b.valid_months.unwrap_or(1);
    let r = PointsRule { eligible, basis, points, valid_months: u32::try_from(valid_months).unwrap_or(0) };
    r.validate()?;
    Ok(ProgrammeFields {
        name,
        eligible: r.eligible,
        basis,
        points,
        valid_months,
        status: b.status.unwrap_or(ProgrammeStatus::Active),
        note: optional_text(b.note.as_deref(), "note", "说明", 200)?,
    })
}

/// 新增积分项目 create a points programme.
#[utoipa::path(post, path = "/api/v1/charity/supermarket/programmes", tag = "charity", request_body = ProgrammeBody, responses((status = 201, body = ProgrammeView, description = "the programme"), (status = 422)))]
pub async fn create_programme(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<ProgrammeBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharitySupermarket)?;
    let f = programme_fields(&body)?;
    let mut tx = state.store.begin().await?;
    let id = state.store.supermarket_insert_programme(&mut tx, &f, ctx.actor()).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.programme.create", "supermarket_programme", id, ctx.region().as_str(), format!("{}: {} {} × {} months {}", f.name, codes(&f.eligible), f.points, f.valid_months, f.basis)))
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(programme_view(state.store.supermarket_programme(id).await?))).into_response())
}

/// 修改积分项目 change or close a programme (version-checked); vouchers issued keep their points.
#[utoipa::path(put, path = "/api/v1/charity/supermarket/programmes/{id}", tag = "charity", request_body = ProgrammeBody, params(("id" = i64, Path)), responses((status = 200, body = ProgrammeView, description = "the programme"), (status = 404), (status = 409), (status = 422)))]
pub async fn update_programme(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ProgrammeBody>) -> ApiResult<Json<ProgrammeView>> {
    ctx.require(Permission::CharitySupermarket)?;
    state.store.supermarket_programme(id).await?;
    let f = programme_fields(&body)?;
    let v = version(body.version)?;
    let mut tx = state.store.begin().await?;
    state.store.supermarket_update_programme(&mut tx, id, v, &f).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.programme.update", "supermarket_programme", id, ctx.region().as_str(), format!("{}: {} {} × {} months {} {}", f.name, codes(&f.eligible), f.points, f.valid_months, f.basis, f.status)))
        .await?;
    tx.commit().await?;
    Ok(Json(programme_view(state.store.supermarket_programme(id).await?)))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct IssueView {
    #[serde(flatten)]
    pub issue: IssueRecord,
    pub region_name: Option<String>,
}

/// 发放记录 a programme's issues for regions inside the account's region.
#[utoipa::path(get, path = "/api/v1/charity/supermarket/programmes/{id}/issues", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = Vec<IssueView>, description = "issues, latest first"), (status = 404)))]
pub async fn issues(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<IssueView>>> {
    let granted = ctx.grant(Permission::CharityRead)?;
    state.store.supermarket_programme(id).await?;
    let list = state.store.supermarket_issues(granted.scope(), id).await?;
    let names = region_names(&state, list.iter().map(|i| &i.region_code)).await?;
    Ok(Json(list.into_iter().map(|i| IssueView { region_name: names.get(i.region_code.as_str()).cloned(), issue: i }).collect()))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct IssueBody {
    /// YYYY-MM: this month or next month
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub period: Option<YearMonth>,
    /// the region whose households get points; default the account's region
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct IssueAnswer {
    /// the issue recorded; none when every eligible household already had its voucher
    pub issue: Option<IssueView>,
    pub period: YearMonth,
    pub region_code: RegionCode,
    /// households given a voucher now
    pub households: i64,
    pub points: i64,
    /// households that already had their voucher of this period
    pub already: i64,
    pub expires_on: NaiveDate,
}

/// 发放积分 issue a programme's points for a period to every household of an active case of its
/// programmes in a region; households already served this period are skipped (201 when vouchers
/// were written, 200 when there was nothing new).
#[utoipa::path(post, path = "/api/v1/charity/supermarket/programmes/{id}/issues", tag = "charity", request_body = IssueBody, params(("id" = i64, Path), crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = IssueAnswer, description = "the issue"), (status = 200, body = IssueAnswer, description = "nothing new to issue"), (status = 404), (status = 422)))]
pub async fn issue(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, idem: Idem, ApiJson(body): ApiJson<IssueBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::CharitySupermarket)?;
    if let Some(r) = idem.replay(&state, &ctx, ISSUE).await? {
        return issue_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let programme = state.store.supermarket_programme(id).await?;
    if programme.status != ProgrammeStatus::Active {
        return Err(ApiError::invalid("status", "该积分项目已停止发放", "the programme is closed"));
    }
    let today = today();
    let period = body.period.ok_or_else(|| ApiError::invalid("period", "请填写发放期（YYYY-MM）", "period is required (YYYY-MM)"))?;
    rule::check_period(period, today)?;
    let region = match body.region_code {
        None => ctx.region().clone(),
        Some(code) => {
            ctx.region_in_scope(&code, "region_code")?;
            state.store.known_region(&code, "region_code").await?;
            code
        }
    };
    let points_rule = points_rule(&programme)?;
    let expires_on = points_rule.expires_on(period);
    let region_scope = granted.within(Some(&region))?;
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, ISSUE).await?;
        return issue_answer(&state, granted.scope(), r.id, r.status).await;
    }
    let issue_id = tx.next_id().await?;
    let (mut households, mut points, mut already, mut after) = (0i64, 0i64, 0i64, 0i64);
    loop {
        let rows: Vec<EligibleRow> = state.store.supermarket_eligible(&mut tx, id, period, &programme.eligible, &region_scope, after, 500).await?;
        let Some(last) = rows.last() else { break };
        after = last.eligible.household_id;
        let batch: Vec<_> = rows.iter().map(|r| r.eligible.clone()).collect();
        let plan = rule::plan_issue(&points_rule, &batch);
        let by_household: HashMap<i64, &EligibleRow> = rows.iter().map(|r| (r.eligible.household_id, r)).collect();
        let writes: Vec<_> = plan.vouchers.iter().filter_map(|v| by_household.get(&v.household_id).map(|r| (v.clone(), *r))).collect();
        state.store.supermarket_insert_vouchers(&mut tx, issue_id, id, period, today, expires_on, &writes).await?;
        households += plan.vouchers.len() as i64;
        points += plan.points;
        already += plan.already;
    }
    let answer = IssueAnswer { issue: None, period, region_code: region.clone(), households, points, already, expires_on };
    if households == 0 {
        // nothing written: the transaction rolls back on drop
        return Ok((StatusCode::OK, Json(answer)).into_response());
    }
    let new = NewIssue {
        id: issue_id,
        programme_id: id,
        period,
        region_code: region.clone(),
        households,
        points,
        already,
        expires_on,
        rule: serde_json::to_string(&points_rule).map_err(|e| ApiError::Internal(e.to_string()))?,
        created_by: ctx.actor().to_owned(),
    };
    state.store.supermarket_insert_issue(&mut tx, &new).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("supermarket.issue", "supermarket_issue", issue_id, region.as_str(), format!("{} {period}: {households} households, {points} points, {already} already served", programme.name)))
        .await?;
    idem.record(&state, &mut tx, &ctx, ISSUE, issue_id, StatusCode::CREATED).await?;
    tx.commit().await?;
    issue_answer(&state, granted.scope(), issue_id, StatusCode::CREATED).await
}

pub(super) const ISSUE: &str = "supermarket_issue";

/// An issue as recorded: the answer of an issue that wrote vouchers and of its replay.
pub(super) async fn issue_answer(state: &AppState, scope: &Scope, issue_id: i64, status: StatusCode) -> ApiResult<Response> {
    let record = state.store.supermarket_issue(scope, issue_id).await?;
    let names = region_names(state, [&record.region_code]).await?;
    let expires_on = record.expires_on;
    let answer = IssueAnswer {
        period: record.period,
        region_code: record.region_code.clone(),
        households: record.households,
        points: record.points,
        already: record.already,
        expires_on,
        issue: Some(IssueView { region_name: names.get(record.region_code.as_str()).cloned(), issue: record }),
    };
    Ok((status, Json(answer)).into_response())
}
