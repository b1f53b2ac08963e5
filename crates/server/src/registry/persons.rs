//! 人员管理 person routes.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_core::registry::person::PersonInput;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::page::Paging;
use minzheng_store::registry::persons::{PersonFilter, PersonRecord};
use minzheng_store::{Store, today};
use serde::Deserialize;
use utoipa::IntoParams;

use super::views::{PageOf, PersonView};
use super::{XLSX_MIME, download, residence, wants_unmasked};
pub use minzheng_app::registry::persons::{PERSON_EXPORT_HEADERS, PERSON_EXPORT_HEADERS_MASKED, persons_xlsx};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PersonQuery {
    /// ID number (or its beginning), name, or pinyin initials (zs finds 张三)
    pub q: Option<String>,
    /// region code: only persons living in this subtree
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
    /// male | female
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub gender: Option<minzheng_core::registry::person::Gender>,
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    /// a disability kind code, or `any`
    pub disability: Option<String>,
    pub alive: Option<bool>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
    /// name, birth_date, region_code, created_at; prefix `-` for descending
    pub sort: Option<String>,
    /// ask for unmasked names, ID numbers and phones (audited; permission person.unmask)
    pub unmask: Option<bool>,
}

impl PersonQuery {
    /// The store's filter; `masked` readers count ages by year and may not probe birth digits.
    fn filter(&self, masked: bool) -> ApiResult<PersonFilter> {
        super::masked_search(self.q.as_deref(), masked)?;
        Ok(PersonFilter {
            q: self.q.clone().filter(|q| !q.trim().is_empty()),
            gender: self.gender.map(|g| g.as_str().to_owned()),
            age_min: self.age_min,
            age_max: self.age_max,
            disability: self.disability.clone().filter(|d| !d.is_empty()),
            alive: self.alive,
            sort: self.sort.clone(),
            by_year: masked,
        })
    }

    fn describe(&self) -> String {
        serde_json::json!({"q": self.q, "region": self.region, "gender": self.gender, "age_min": self.age_min, "age_max": self.age_max, "disability": self.disability, "alive": self.alive}).to_string()
    }
}

/// The person body: PersonInput plus, for updates, the version the client read.
///
/// Read as two documents from the same bytes rather than with `#[serde(flatten)]`, which would
/// hide the path of a wrongly typed field (`"orphan": "yes"` must name `orphan`); the `flatten`
/// below only shapes the OpenAPI schema (one object: the person's fields and `version`).
#[derive(utoipa::ToSchema)]
pub struct PersonBody {
    #[serde(flatten)]
    pub person: PersonInput,
    /// the version you read (updates only)
    pub version: Option<i64>,
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for PersonBody {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        #[derive(Deserialize)]
        struct Version {
            version: Option<i64>,
        }
        let bytes = crate::extract::json_bytes(req, state).await?;
        let (person, unknown_to_person): (PersonInput, _) = crate::extract::parse_json_noting_unknown(&bytes)?;
        let (Version { version }, unknown_to_version) = crate::extract::parse_json_noting_unknown(&bytes)?;
        let unknown: Vec<String> = unknown_to_person.into_iter().filter(|f| unknown_to_version.contains(f)).collect();
        crate::extract::refuse_unknown(&unknown)?;
        Ok(PersonBody { person, version })
    }
}

/// Names of 户籍 regions, which may lie anywhere in China (only those registered are named).
async fn hukou_name(store: &Store, p: &PersonRecord) -> Option<String> {
    if p.hukou_region_code == p.region_code {
        return p.region_name.clone();
    }
    let code = RegionCode::parse(&p.hukou_region_code).ok()?;
    store.region(&code).await.ok().flatten().map(|r| r.name)
}

/// 人员列表 list persons in the account's region, filtered and paged.
#[utoipa::path(get, path = "/api/v1/persons", tag = "registry", params(PersonQuery),
    responses((status = 200, body = PageOf<PersonView>), (status = 403, description = "region outside scope, or unmask not allowed")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PersonQuery>) -> ApiResult<Json<PageOf<PersonView>>> {
    let granted = ctx.grant(Permission::PersonRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = q.filter(!unmasked)?;
    let scope = granted.within(q.region.as_ref())?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let today = today();
    let page = state.store.list_persons(&scope, &filter, Paging::new(q.page, q.page_size), today).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|p| p.id.to_string()).collect();
        let region = q.region.as_ref().unwrap_or(ctx.region()).to_string();
        state.store.audit_now(&ctx.entry("person.unmask", "person", ids.join(","), &region, q.describe())).await?;
    }
    let items = page.map(|p| PersonView::of(p, !unmasked, today, None));
    Ok(Json(PageOf::from(items)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnmaskQuery {
    /// ask for the unmasked record (audited; permission person.unmask)
    pub unmask: Option<bool>,
}

/// 人员详情 one person.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "registry", params(("id" = i64, Path), UnmaskQuery),
    responses((status = 200, body = PersonView), (status = 404, description = "no such person in your region")))]
pub async fn get_person(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiQuery(q): ApiQuery<UnmaskQuery>) -> ApiResult<Json<PersonView>> {
    let granted = ctx.grant(Permission::PersonRead)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let p = state.store.person(granted.scope(), id).await?;
    if unmasked {
        state.store.audit_now(&ctx.entry("person.unmask", "person", id, &p.region_code, "detail")).await?;
    }
    let hukou = hukou_name(&state.store, &p).await;
    Ok(Json(PersonView::of(p, !unmasked, today(), hukou)))
}

/// 新增人员 register a person.
#[utoipa::path(post, path = "/api/v1/persons", tag = "registry", request_body = PersonBody,
    responses((status = 201, body = PersonView), (status = 422, description = "a field is invalid; `field` names it"), (status = 409, description = "ID number already registered")))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, body: PersonBody) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonWrite)?;
    let today = today();
    let valid = body.person.validate(today)?;
    residence(&state, &ctx, &valid.region, "region_code").await?;
    let mut tx = state.store.begin().await?;
    let id = state.store.insert_person(&mut tx, &valid, None).await?;
    state.store.audit(&mut tx, &ctx.entry("person.create", "person", id, valid.region.as_str(), "")).await?;
    tx.commit().await?;
    let p = state.store.person(granted.scope(), id).await?;
    let hukou = hukou_name(&state.store, &p).await;
    Ok((StatusCode::CREATED, Json(PersonView::of(p, true, today, hukou))).into_response())
}

/// 修改人员 change a person (send the `version` you read; a stale one is 409).
#[utoipa::path(put, path = "/api/v1/persons/{id}", tag = "registry", params(("id" = i64, Path)), request_body = PersonBody,
    responses((status = 200, body = PersonView), (status = 409, description = "stale version or duplicate ID number"), (status = 422)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, body: PersonBody) -> ApiResult<Json<PersonView>> {
    let granted = ctx.grant(Permission::PersonWrite)?;
    let today = today();
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "修改时须提供读取时的版本号 version", "an update needs the version you read"))?;
    let valid = body.person.validate(today)?;
    // the record must be visible before anything else is said about it
    let before = state.store.person(granted.scope(), id).await?;
    residence(&state, &ctx, &valid.region, "region_code").await?;
    let mut tx = state.store.begin().await?;
    state.store.update_person(&mut tx, granted.scope(), id, &valid, version).await?;
    let detail = if before.region_code != valid.region.as_str() { format!("moved from {}", before.region_code) } else { String::new() };
    state.store.audit(&mut tx, &ctx.entry("person.update", "person", id, valid.region.as_str(), detail)).await?;
    tx.commit().await?;
    let p = state.store.person(granted.scope(), id).await?;
    let hukou = hukou_name(&state.store, &p).await;
    Ok(Json(PersonView::of(p, true, today, hukou)))
}

/// 导出人员 export the filtered list as .xlsx (masked unless unmask=true and allowed; audited).
#[utoipa::path(get, path = "/api/v1/persons/export", tag = "registry", params(PersonQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PersonQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonExport)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = q.filter(!unmasked)?;
    let scope = granted.within(q.region.as_ref())?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let today = today();
    let (bytes, n) = persons_xlsx(&state.store, &scope, &filter, unmasked, today).await?;
    let region = q.region.as_ref().unwrap_or(ctx.region()).to_string();
    state.store.audit_now(&ctx.entry("export", "person", "", &region, format!("{n} rows, unmasked={unmasked}, filter={}", q.describe()))).await?;
    Ok(download(bytes, &format!("人员名单-{}.xlsx", today), XLSX_MIME))
}
