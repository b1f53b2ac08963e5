//! 养老机构与设施: institutions, residents admitted and discharged, construction and operating
//! subsidies computed for a year, and indicators by town (beds per 1000 elderly, occupancy,
//! 集中供养率).
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use minzheng_core::access::Permission;
use minzheng_core::elderly::care::ProviderKind;
use minzheng_core::elderly::services::institution::{self as rule, InstitutionFacts, InstitutionKind, Ownership, SubsidyKind};
use minzheng_core::elderly::services::{FacilityStatus, Ratio};
use minzheng_core::mask::{mask_id_number, mask_name};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::elderly::services::institution::{InstitutionFields, InstitutionFilter, InstitutionRecord, NewSubsidy, ResidentRecord, SubsidyRecord};
use minzheng_store::page::Paging;
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::{facility_region, names, operator, past_date, text, version};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;
use crate::registry::wants_unmasked;

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct InstitutionView {
    #[serde(flatten)]
    pub institution: InstitutionRecord,
    pub kind_zh: &'static str,
    pub ownership_zh: &'static str,
    pub region_name: Option<String>,
    pub occupancy: Ratio,
}

async fn views(state: &AppState, items: Vec<InstitutionRecord>) -> ApiResult<Vec<InstitutionView>> {
    let names = names(state, items.iter().map(|i| i.region_code.clone())).await?;
    Ok(items
        .into_iter()
        .map(|i| InstitutionView {
            kind_zh: i.kind.zh(),
            ownership_zh: i.ownership.zh(),
            region_name: names.get(i.region_code.as_str()).cloned(),
            occupancy: Ratio::new(i.residents, i.beds, 100),
            institution: i,
        })
        .collect())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InstitutionQuery {
    /// nursing_home | day_care | happiness_home | rehab_centre
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<InstitutionKind>,
    /// public | private | public_private
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub ownership: Option<Ownership>,
    /// active | closed
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<FacilityStatus>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub q: Option<String>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 养老机构 institutions and facilities in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/institutions", tag = "elderly-services", params(InstitutionQuery), responses((status = 200, body = PageOf<InstitutionView>, description = "a page of institutions")))]
pub async fn institutions(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<InstitutionQuery>) -> ApiResult<Json<PageOf<InstitutionView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let filter = InstitutionFilter {
        kind: q.kind.map(|k| k.as_str().to_owned()),
        ownership: q.ownership.map(|o| o.as_str().to_owned()),
        status: q.status.map(|s| s.as_str().to_owned()),
        q: q.q,
    };
    let mut page = state.store.list_institutions(&granted.within(q.region.as_ref())?, &filter, Paging::new(q.page, q.page_size)).await?;
    let items = views(&state, std::mem::take(&mut page.items)).await?;
    Ok(Json(PageOf::of(page, items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct InstitutionBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<InstitutionKind>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub ownership: Option<Ownership>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub provider_id: Option<i64>,
    pub beds: Option<i64>,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub opened_on: Option<NaiveDate>,
    #[serde(default)]
    pub licence: String,
    #[serde(default)]
    pub address: String,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub status: Option<FacilityStatus>,
    pub version: Option<i64>,
}

async fn fields(state: &AppState, ctx: &Ctx, b: &InstitutionBody) -> ApiResult<InstitutionFields> {
    let name = text(b.name.as_deref(), "name", "机构名称", 60)?;
    let kind = b.kind.ok_or_else(|| ApiError::invalid("kind", "请选择机构类型", "kind is required"))?;
    let ownership = b.ownership.ok_or_else(|| ApiError::invalid("ownership", "请选择运营性质", "ownership is required"))?;
    let region = facility_region(state, ctx, b.region_code.as_ref()).await?;
    let beds = b.beds.ok_or_else(|| ApiError::invalid("beds", "请填写床位数", "beds is required"))?;
    if !(0..=5000).contains(&beds) {
        return Err(ApiError::invalid("beds", "床位数应在0至5000之间", "beds must be 0 to 5000"));
    }
    let opened_on = match b.opened_on {
        None => None,
        Some(d) => Some(past_date(Some(d), "opened_on")?.to_string()),
    };
    Ok(InstitutionFields {
        name,
        kind: kind.as_str().to_owned(),
        ownership: ownership.as_str().to_owned(),
        region_code: region.as_str().to_owned(),
        provider_id: operator(state, b.provider_id, ProviderKind::Institution).await?,
        beds,
        opened_on,
        licence: b.licence.trim().to_owned(),
        address: b.address.trim().to_owned(),
        status: b.status.unwrap_or(FacilityStatus::Active).as_str().to_owned(),
    })
}

/// 新增机构 register an institution or facility.
#[utoipa::path(post, path = "/api/v1/elderly/institutions", tag = "elderly-services", request_body = InstitutionBody, responses((status = 201, body = InstitutionView, description = "the institution"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<InstitutionBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let f = fields(&state, &ctx, &body).await?;
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_institution(&mut tx, &f).await?;
    state.store.audit(&mut tx, &ctx.entry("institution.create", "institution", id, &f.region_code, format!("{} {} {} beds", f.name, f.kind, f.beds))).await?;
    tx.commit().await?;
    let i = state.store.institution(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(views(&state, vec![i]).await?.remove(0))).into_response())
}

/// 机构详情 one institution.
#[utoipa::path(get, path = "/api/v1/elderly/institutions/{id}", tag = "elderly-services", params(("id" = i64, Path)), responses((status = 200, body = InstitutionView, description = "the institution"), (status = 404)))]
pub async fn institution(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<InstitutionView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let i = state.store.institution(granted.scope(), id).await?;
    Ok(Json(views(&state, vec![i]).await?.remove(0)))
}

/// 修改机构 change an institution (version-checked); beds may not drop below the residents.
#[utoipa::path(put, path = "/api/v1/elderly/institutions/{id}", tag = "elderly-services", request_body = InstitutionBody, params(("id" = i64, Path)), responses((status = 200, body = InstitutionView, description = "the institution"), (status = 409), (status = 422)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<InstitutionBody>) -> ApiResult<Json<InstitutionView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let f = fields(&state, &ctx, &body).await?;
    let v = version(body.version)?;
    let before = state.store.institution(granted.scope(), id).await?;
    if f.beds < before.residents {
        return Err(ApiError::invalid("beds", format!("现有在院老人 {} 人，床位数不能少于此数", before.residents), format!("{} residents live there; beds cannot be fewer", before.residents)));
    }
    let mut tx = state.store.begin().await?;
    state.store.update_institution(&mut tx, granted.scope(), id, v, &f).await?;
    state.store.audit(&mut tx, &ctx.entry("institution.update", "institution", id, &f.region_code, format!("{} {} beds", f.name, f.beds))).await?;
    tx.commit().await?;
    let i = state.store.institution(granted.scope(), id).await?;
    Ok(Json(views(&state, vec![i]).await?.remove(0)))
}

// ---- residents ----

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResidentQuery {
    /// true: every stay, including those who left
    pub all: Option<bool>,
    pub unmask: Option<bool>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct ResidentView {
    #[serde(flatten)]
    pub resident: ResidentRecord,
    pub birth_year: Option<i32>,
    /// 周岁 unmasked, by calendar year masked
    pub age: u32,
}

fn resident_view(mut r: ResidentRecord, masked: bool, today: NaiveDate) -> ResidentView {
    let birth_year = minzheng_core::mask::birth_year(&r.birth_date);
    let mut age = NaiveDate::parse_from_str(&r.birth_date, "%Y-%m-%d").map(|b| minzheng_core::date::age_on(b, today)).unwrap_or(0);
    if masked {
        r.person_name = mask_name(&r.person_name);
        r.id_number = r.id_number.as_deref().map(mask_id_number);
        // the ID mask hides the birth digits: no date beside it (docs/api.md, Masking)
        r.birth_date.clear();
        age = birth_year.map_or(0, |y| minzheng_core::mask::age_in_year(y, today));
    }
    ResidentView { resident: r, birth_year, age }
}

/// 在院老人 an institution's residents (now, or every stay with `all=true`).
#[utoipa::path(get, path = "/api/v1/elderly/institutions/{id}/residents", tag = "elderly-services", params(("id" = i64, Path), ResidentQuery), responses((status = 200, body = Vec<ResidentView>, description = "residents")))]
pub async fn residents(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<ResidentQuery>) -> ApiResult<Json<Vec<ResidentView>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let inst = state.store.institution(granted.scope(), id).await?;
    let rows = state.store.institution_residents(id, !q.all.unwrap_or(false)).await?;
    if unmasked && !rows.is_empty() {
        let ids: Vec<String> = rows.iter().map(|r| r.person_id.to_string()).collect();
        state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), inst.region_code.as_str(), format!("residents of institution {id}"))).await?;
    }
    let today = today();
    Ok(Json(rows.into_iter().map(|r| resident_view(r, !unmasked, today)).collect()))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct AdmitBody {
    pub person_id: Option<i64>,
    #[serde(default)]
    pub bed: String,
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub admitted_on: Option<NaiveDate>,
}

/// 办理入住 admit a person: refused when the institution is full (422) or the person already lives
/// in one (409). The 特困 flag records whether the person was in an active 特困 case (集中供养).
#[utoipa::path(post, path = "/api/v1/elderly/institutions/{id}/residents", tag = "elderly-services", request_body = AdmitBody, params(("id" = i64, Path)), responses((status = 201, body = ResidentView, description = "the stay"), (status = 409), (status = 422)))]
pub async fn admit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<AdmitBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let inst = state.store.institution(granted.scope(), id).await?;
    if inst.status != FacilityStatus::Active {
        return Err(ApiError::invalid("institution_id", "该机构已停业", "the institution is closed"));
    }
    let person_id = body.person_id.ok_or_else(|| ApiError::invalid("person_id", "请选择入住老人", "person_id is required"))?;
    let admitted_on = past_date(body.admitted_on, "admitted_on")?;
    if inst.opened_on.is_some_and(|o| admitted_on < o) {
        return Err(ApiError::invalid("admitted_on", "入住日期早于机构开业日期", "admitted_on is before the institution opened"));
    }
    let bed = body.bed.trim();
    if bed.chars().count() > 20 {
        return Err(ApiError::invalid("bed", "床位号不能超过20个字", "bed is longer than 20 characters"));
    }
    let person = state.store.elder_facts(granted.scope(), person_id).await.map_err(|e| match e {
        minzheng_store::StoreError::NotFound => ApiError::invalid("person_id", "本辖区内没有这位人员", "no such person in your region"),
        e => e.into(),
    })?;
    if !person.alive {
        return Err(ApiError::invalid("person_id", "该人员已故", "the person has died"));
    }
    let mut tx = state.store.begin().await?;
    let rid = state.store.admit_resident(&mut tx, &inst, person_id, person.region_code.as_str(), bed, person.tekun, admitted_on).await?;
    state.store.audit(&mut tx, &ctx.entry("institution.admit", "institution_resident", rid, inst.region_code.as_str(), format!("person {person_id} into {} on {admitted_on}", inst.name))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, person.region_code.as_str(), minzheng_store::today()).await?;
    tx.commit().await?;
    let r = state.store.institution_resident(granted.scope(), rid).await?;
    Ok((StatusCode::CREATED, Json(resident_view(r, true, today()))).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct DischargeBody {
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub left_on: Option<NaiveDate>,
    #[serde(default)]
    pub reason: String,
    pub version: Option<i64>,
}

/// 办理离院 end a stay (version-checked).
#[utoipa::path(post, path = "/api/v1/elderly/institutions/residents/{id}/discharge", tag = "elderly-services", request_body = DischargeBody, params(("id" = i64, Path)), responses((status = 200, body = ResidentView, description = "the stay"), (status = 409), (status = 422)))]
pub async fn discharge(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<DischargeBody>) -> ApiResult<Json<ResidentView>> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let left_on = past_date(body.left_on, "left_on")?;
    let reason = body.reason.trim();
    if reason.chars().count() < 2 {
        return Err(ApiError::invalid("reason", "请填写离院原因", "a reason is required"));
    }
    let v = version(body.version)?;
    let before = state.store.institution_resident(granted.scope(), id).await?;
    if left_on < before.admitted_on {
        return Err(ApiError::invalid("left_on", "离院日期早于入住日期", "left_on is before admitted_on"));
    }
    let mut tx = state.store.begin().await?;
    state.store.discharge_resident(&mut tx, id, v, left_on, reason).await?;
    state.store.audit(&mut tx, &ctx.entry("institution.discharge", "institution_resident", id, before.region_code.as_str(), format!("{left_on}: {reason}"))).await?;
    // the register shows it at once, not only after the next daily search
    state.store.refresh_register_person(&mut tx, before.region_code.as_str(), minzheng_store::today()).await?;
    tx.commit().await?;
    let r = state.store.institution_resident(granted.scope(), id).await?;
    Ok(Json(resident_view(r, true, today())))
}

// ---- subsidies ----

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SubsidyPreview {
    pub institution_id: i64,
    pub institution_name: String,
    pub year: i32,
    pub subsidies: Vec<SubsidyItem>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SubsidyItem {
    #[serde(flatten)]
    pub subsidy: rule::Subsidy,
    pub kind_zh: &'static str,
    /// already recorded (construction: in any year)
    pub recorded: bool,
}

fn year_of(y: i32) -> ApiResult<i32> {
    let now = today().year();
    if !(2000..=now).contains(&y) {
        return Err(ApiError::invalid("year", format!("年度应在2000至{now}之间"), "the year is out of range"));
    }
    Ok(y)
}

async fn computed(state: &AppState, inst: &InstitutionRecord, year: i32) -> ApiResult<Vec<rule::Subsidy>> {
    let stays = state.store.institution_stays(inst.id).await?;
    let policy = state.store.policy().await?;
    Ok(rule::subsidies(&InstitutionFacts { ownership: inst.ownership, beds: inst.beds, opened_on: inst.opened_on, stays }, year, today(), &policy, &inst.region_code))
}

/// 补贴核算 the construction and operating subsidies of a year, computed and explained.
#[utoipa::path(get, path = "/api/v1/elderly/institutions/{id}/subsidies/{year}", tag = "elderly-services", params(("id" = i64, Path), ("year" = i32, Path)), responses((status = 200, body = SubsidyPreview, description = "the subsidies of the year")))]
pub async fn subsidy_preview(State(state): State<AppState>, ctx: Ctx, Path((id, year)): Path<(i64, i32)>) -> ApiResult<Json<SubsidyPreview>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let year = year_of(year)?;
    let inst = state.store.institution(granted.scope(), id).await?;
    let recorded = state.store.institution_subsidies(granted.scope(), Some(id), None).await?;
    let subsidies = computed(&state, &inst, year)
        .await?
        .into_iter()
        .map(|s| SubsidyItem {
            kind_zh: s.kind.zh(),
            recorded: recorded.iter().any(|r| r.kind == s.kind && (s.kind == SubsidyKind::Construction || r.year == i64::from(year))),
            subsidy: s,
        })
        .collect();
    Ok(Json(SubsidyPreview { institution_id: id, institution_name: inst.name, year, subsidies }))
}

/// 核定补贴 record the year's computed subsidies (construction once per institution, operating once a
/// year: 409 when already recorded).
#[utoipa::path(post, path = "/api/v1/elderly/institutions/{id}/subsidies/{year}", tag = "elderly-services", params(("id" = i64, Path), ("year" = i32, Path)), responses((status = 201, body = Vec<SubsidyRecord>, description = "the recorded subsidies"), (status = 409), (status = 422)))]
pub async fn subsidy_record(State(state): State<AppState>, ctx: Ctx, Path((id, year)): Path<(i64, i32)>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::ElderlyManage)?;
    let year = year_of(year)?;
    let inst = state.store.institution(granted.scope(), id).await?;
    let items = computed(&state, &inst, year).await?;
    if items.is_empty() {
        return Err(ApiError::invalid("year", "该机构本年度没有可核定的补贴（公办机构、无新增床位或无人入住）", "no subsidy is due for this institution and year"));
    }
    let mut tx = state.store.begin().await?;
    for s in &items {
        let new = NewSubsidy {
            institution_id: id,
            region_code: inst.region_code.to_string(),
            kind: s.kind.as_str().to_owned(),
            year: i64::from(year),
            beds: s.beds,
            resident_days: s.resident_days,
            amount: s.amount.0,
            explanation: serde_json::to_string(s).map_err(|e| ApiError::Internal(e.to_string()))?,
        };
        let sid = state.store.insert_subsidy(&mut tx, &new, ctx.actor()).await?;
        state.store.audit(&mut tx, &ctx.entry("institution.subsidy", "institution_subsidy", sid, inst.region_code.as_str(), format!("{} {year} {}: {}", inst.name, s.kind.as_str(), s.amount.0))).await?;
    }
    tx.commit().await?;
    let recorded: Vec<SubsidyRecord> = state.store.institution_subsidies(granted.scope(), Some(id), Some(i64::from(year))).await?;
    Ok((StatusCode::CREATED, Json(recorded)).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubsidiesQuery {
    pub year: Option<i64>,
    pub institution_id: Option<i64>,
}

/// 补贴记录 recorded subsidies in the account's region.
#[utoipa::path(get, path = "/api/v1/elderly/institutions/subsidies", tag = "elderly-services", params(SubsidiesQuery), responses((status = 200, body = Vec<SubsidyRecord>, description = "recorded subsidies")))]
pub async fn subsidies(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<SubsidiesQuery>) -> ApiResult<Json<Vec<SubsidyRecord>>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    Ok(Json(state.store.institution_subsidies(granted.scope(), q.institution_id, q.year).await?))
}

// ---- indicators ----

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndicatorQuery {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct TownIndicators {
    pub town_code: String,
    pub town_name: Option<String>,
    pub institutions: i64,
    pub beds: i64,
    pub elderly: i64,
    pub residents: i64,
    pub tekun_all: i64,
    pub tekun_in_institutions: i64,
    #[serde(flatten)]
    pub indicators: rule::Indicators,
}

#[derive(utoipa::ToSchema)]
#[schema(as = elderly::institution::IndicatorView)]
#[derive(Serialize)]
pub struct IndicatorView {
    pub towns: Vec<TownIndicators>,
    pub total: TownIndicators,
}

/// 机构指标 by town: beds per 1000 elderly (‰), occupancy and 集中供养率 (%), as tenths.
#[utoipa::path(get, path = "/api/v1/elderly/institutions/indicators", tag = "elderly-services", params(IndicatorQuery), responses((status = 200, body = IndicatorView, description = "indicators by town and in total")))]
pub async fn indicators(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<IndicatorQuery>) -> ApiResult<Json<IndicatorView>> {
    let granted = ctx.grant(Permission::ElderlyRead)?;
    let counts = state.store.institution_counts(&granted.within(q.region.as_ref())?, today()).await?;
    let region = q.region;
    let names = names(&state, counts.iter().map(|c| c.town_code.clone()).chain(region.iter().map(|r| r.as_str().to_owned())).chain([ctx.region().as_str().to_owned()])).await?;
    let sum = |f: fn(&minzheng_store::elderly::services::institution::TownCounts) -> i64| counts.iter().map(f).sum::<i64>();
    let (beds, elderly, residents, tekun_all, tekun_in, insts) = (sum(|c| c.beds), sum(|c| c.elderly), sum(|c| c.residents), sum(|c| c.tekun_all), sum(|c| c.tekun_in_institutions), sum(|c| c.institutions));
    let whole = region.as_ref().unwrap_or(ctx.region()).as_str().to_owned();
    let total = TownIndicators {
        town_name: names.get(&whole).cloned(),
        town_code: whole,
        institutions: insts,
        beds,
        elderly,
        residents,
        tekun_all,
        tekun_in_institutions: tekun_in,
        indicators: rule::indicators(beds, elderly, residents, tekun_in, tekun_all),
    };
    let towns = counts
        .into_iter()
        .map(|c| TownIndicators {
            town_name: names.get(&c.town_code).cloned(),
            indicators: rule::indicators(c.beds, c.elderly, c.residents, c.tekun_in_institutions, c.tekun_all),
            town_code: c.town_code,
            institutions: c.institutions,
            beds: c.beds,
            elderly: c.elderly,
            residents: c.residents,
            tekun_all: c.tekun_all,
            tekun_in_institutions: c.tekun_in_institutions,
        })
        .collect();
    Ok(Json(IndicatorView { towns, total }))
}
