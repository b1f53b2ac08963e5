//! 家庭户管理 household routes.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::FieldError;
use minzheng_core::access::Permission;
use minzheng_core::registry::person::{PersonInput, Relation, ValidPerson};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::page::Paging;
use minzheng_store::registry::households::{HouseholdFilter, MembershipRecord, NewMember};
use minzheng_store::today;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::{HouseholdView, PageOf};
use super::{XLSX_MIME, download, residence, wants_unmasked};
pub use minzheng_app::registry::households::households_xlsx;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HouseholdQuery {
    /// a member's ID number, name or pinyin initials, or part of the address
    pub q: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// region_code, member_count, created_at; prefix `-` for descending
    pub sort: Option<String>,
    pub unmask: Option<bool>,
}

impl HouseholdQuery {
    fn filter(&self) -> HouseholdFilter {
        HouseholdFilter { q: self.q.clone(), sort: self.sort.clone() }
    }
}

/// 家庭成员 a member as sent: a new person (create only) or a registered one.
#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct MemberInput {
    /// head | spouse | child | parent | grandchild | grandparent | sibling | other
    pub relation: Option<String>,
    /// a new person (create only)
    pub person: Option<PersonInput>,
    /// or a registered person
    pub person_id: Option<i64>,
    /// take the person out of his current household
    #[serde(default, rename = "move")]
    pub move_from_other: bool,
}

/// 家庭户信息 a household as sent to create or change one.
#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct HouseholdBody {
    /// the village/community the household lives in
    pub region_code: Option<String>,
    pub address: Option<String>,
    /// exactly one with relation `head`
    #[serde(default)]
    pub members: Vec<MemberInput>,
    /// the version you read (updates only)
    pub version: Option<i64>,
}

/// The household's region and address, checked.
async fn place(state: &AppState, ctx: &Ctx, body: &HouseholdBody, errors: &mut Vec<FieldError>) -> ApiResult<Option<(RegionCode, String)>> {
    let region = match body.region_code.as_deref().map(RegionCode::parse) {
        None => {
            errors.push(FieldError::new("region_code", "请选择家庭户所在村（社区）", "region_code is required"));
            None
        }
        Some(Err(e)) => {
            errors.push(e.with_field("region_code"));
            None
        }
        Some(Ok(code)) => match residence(state, ctx, &code, "region_code").await {
            Ok(()) => Some(code),
            Err(ApiError::Validation(v)) => {
                errors.extend(v);
                None
            }
            Err(other) => return Err(other),
        },
    };
    let address = body.address.as_deref().map(str::trim).unwrap_or_default().to_owned();
    if address.is_empty() || address.chars().count() > 200 {
        errors.push(FieldError::new("address", "家庭住址须为1至200个字", "the address must be 1 to 200 characters"));
    }
    Ok(region.filter(|_| errors.is_empty()).map(|r| (r, address)))
}

fn relation(m: &MemberInput, i: usize, errors: &mut Vec<FieldError>) -> Option<Relation> {
    let r = m.relation.as_deref().and_then(Relation::parse);
    if r.is_none() {
        errors.push(FieldError::new(format!("members[{i}].relation"), "请选择与户主关系", "relation to the head is required"));
    }
    r
}

/// 家庭户列表 list households in the account's region.
#[utoipa::path(get, path = "/api/v1/households", tag = "registry", params(HouseholdQuery), responses((status = 200, body = PageOf<HouseholdView>)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<HouseholdQuery>) -> ApiResult<Json<PageOf<HouseholdView>>> {
    let granted = ctx.grant(Permission::PersonRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    super::masked_search(q.q.as_deref(), !unmasked)?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let scope = granted.within(q.region.as_ref())?;
    let page = state.store.list_households(&scope, &q.filter(), Paging::new(q.page, q.page_size)).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|h| h.id.to_string()).collect();
        state.store.audit_now(&ctx.entry("household.unmask", "household", ids.join(","), ctx.region().as_str(), format!("q={:?}", q.q))).await?;
    }
    let today = today();
    let items = page.map(|h| HouseholdView::of(h, !unmasked, None, today));
    Ok(Json(PageOf::from(items)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    pub unmask: Option<bool>,
}

/// 家庭户详情 one household with its members.
#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "registry", params(("id" = i64, Path), UnmaskQuery), responses((status = 200, body = HouseholdView), (status = 404)))]
pub async fn get_household(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<HouseholdView>> {
    let granted = ctx.grant(Permission::PersonRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let h = state.store.household(granted.scope(), id).await?;
    if unmasked {
        state.store.audit_now(&ctx.entry("household.unmask", "household", id, &h.region_code, "detail")).await?;
    }
    let members = state.store.household_members(id).await?;
    Ok(Json(HouseholdView::of(h, !unmasked, Some(members), today())))
}

#[derive(serde::Serialize, ToSchema)]
pub struct MembershipView {
    pub person_id: i64,
    pub name: String,
    pub relation: String,
    pub joined_on: String,
    pub left_on: Option<String>,
}

/// 成员变动历史 who lived in the household, when.
#[utoipa::path(get, path = "/api/v1/households/{id}/history", tag = "registry", params(("id" = i64, Path)), responses((status = 200, body = Vec<MembershipView>)))]
pub async fn history(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<MembershipView>>> {
    let granted = ctx.grant(Permission::PersonRead)?;
    state.store.household(granted.scope(), id).await?;
    let rows = state.store.household_history(id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|m: MembershipRecord| MembershipView {
                person_id: m.person_id,
                name: minzheng_core::mask::mask_name(&m.name),
                relation: m.relation,
                joined_on: m.joined_on,
                left_on: m.left_on,
            })
            .collect(),
    ))
}

/// 新增家庭户 register a household with its members (new persons inline or registered ones by id).
#[utoipa::path(post, path = "/api/v1/households", tag = "registry", request_body = HouseholdBody,
    responses((status = 201, body = HouseholdView), (status = 422, description = "a field is invalid, e.g. members[0].person.id_number"), (status = 409)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<HouseholdBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonWrite)?;
    let today = today();
    let mut errors = Vec::new();
    let place = place(&state, &ctx, &body, &mut errors).await?;
    if body.members.is_empty() {
        errors.push(FieldError::new("members", "家庭户至少要有一名成员（户主）", "a household needs at least one member (the head)"));
    }
    // one entry per member, in the body's order, so the store's `members[i]` is the body's
    let mut checked: Vec<Checked> = Vec::new();
    for (i, m) in body.members.iter().enumerate() {
        let rel = relation(m, i, &mut errors);
        match (&m.person, m.person_id) {
            (Some(p), None) => {
                let mut p = p.clone();
                if p.region_code.as_deref().is_none_or(str::is_empty) {
                    p.region_code = body.region_code.clone();
                }
                match p.validate(today) {
                    Ok(v) => {
                        if let Err(ApiError::Validation(e)) = residence(&state, &ctx, &v.region, "region_code").await {
                            errors.extend(e.into_iter().map(|e| e.prefixed(&format!("members[{i}].person"))));
                        } else if let Some(r) = rel {
                            checked.push(Checked::New(Box::new(v), r));
                        }
                    }
                    Err(e) => errors.extend(e.into_iter().map(|e| e.prefixed(&format!("members[{i}].person")))),
                }
            }
            (None, Some(pid)) => {
                if let Some(r) = rel {
                    checked.push(Checked::Existing(pid, r, m.move_from_other));
                }
            }
            _ => errors.push(FieldError::new(format!("members[{i}]"), "每名成员须填写新人员信息或选择已登记人员（二选一）", "each member needs either `person` or `person_id`")),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let Some((region, address)) = place else { return Err(ApiError::invalid("region_code", "所在地无效", "invalid region")) };
    let members: Vec<NewMember> = checked
        .iter()
        .map(|c| match c {
            Checked::New(v, r) => NewMember::New(v, *r),
            Checked::Existing(pid, r, mv) => NewMember::Existing { person_id: *pid, relation: *r, move_from_other: *mv },
        })
        .collect();
    let mut tx = state.store.begin().await?;
    let id = state.store.create_household(&mut tx, granted.scope(), &region, &address, &members, today).await?;
    state.store.audit(&mut tx, &ctx.entry("household.create", "household", id, region.as_str(), format!("{} members", members.len()))).await?;
    tx.commit().await?;
    let h = state.store.household(granted.scope(), id).await?;
    let ms = state.store.household_members(id).await?;
    Ok((StatusCode::CREATED, Json(HouseholdView::of(h, true, Some(ms), today))).into_response())
}

/// A member of a new household after validation.
enum Checked {
    // boxed: a validated person is large beside an id, and a household holds a list of these
    New(Box<ValidPerson>, Relation),
    Existing(i64, Relation, bool),
}

/// 修改家庭户 change address, region and members (registered persons by id); send `version`.
#[utoipa::path(put, path = "/api/v1/households/{id}", tag = "registry", params(("id" = i64, Path)), request_body = HouseholdBody,
    responses((status = 200, body = HouseholdView), (status = 409), (status = 422)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<HouseholdBody>) -> ApiResult<Json<HouseholdView>> {
    let granted = ctx.grant(Permission::PersonWrite)?;
    let today = today();
    state.store.household(granted.scope(), id).await?;
    let mut errors = Vec::new();
    let place = place(&state, &ctx, &body, &mut errors).await?;
    if body.version.is_none() {
        errors.push(FieldError::new("version", "修改时须提供读取时的版本号 version", "an update needs the version you read"));
    }
    let mut members = Vec::new();
    for (i, m) in body.members.iter().enumerate() {
        let rel = relation(m, i, &mut errors);
        match (m.person_id, rel) {
            (Some(pid), Some(r)) => members.push((pid, r, m.move_from_other)),
            (None, _) => errors.push(FieldError::new(format!("members[{i}].person_id"), "修改家庭户时成员须为已登记人员", "members of an update must be registered persons (person_id)")),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (Some((region, address)), Some(version)) = (place, body.version) else { return Err(ApiError::invalid("region_code", "所在地无效", "invalid region")) };
    let mut tx = state.store.begin().await?;
    state.store.update_household(&mut tx, granted.scope(), id, &region, &address, &members, version, today).await?;
    state.store.audit(&mut tx, &ctx.entry("household.update", "household", id, region.as_str(), format!("{} members", members.len()))).await?;
    tx.commit().await?;
    let h = state.store.household(granted.scope(), id).await?;
    let ms = state.store.household_members(id).await?;
    Ok(Json(HouseholdView::of(h, true, Some(ms), today)))
}

/// 导出家庭户 export the filtered list as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/households/export", tag = "registry", params(HouseholdQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<HouseholdQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonExport)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    super::masked_search(q.q.as_deref(), !unmasked)?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let scope = granted.within(q.region.as_ref())?;
    let today = today();
    let (bytes, n) = households_xlsx(&state.store, &scope, &q.filter(), unmasked, today).await?;
    let region = q.region.as_ref().unwrap_or(ctx.region()).to_string();
    state.store.audit_now(&ctx.entry("export", "household", "", &region, format!("{n} rows, unmasked={unmasked}, q={:?}", q.q))).await?;
    Ok(download(bytes, &format!("家庭户名单-{today}.xlsx"), XLSX_MIME))
}
