//! 人员管理 person routes.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_core::person::PersonInput;
use minzheng_core::region::RegionCode;
use minzheng_store::registry::Paging;
use minzheng_store::registry::persons::{PersonFilter, PersonRecord};
use minzheng_store::{Store, today};
use serde::Deserialize;
use utoipa::IntoParams;

use super::views::{PageOf, PersonView};
use super::{XLSX_MIME, download, residence, wants_unmasked};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};
use crate::tabular::XlsxExport;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PersonQuery {
    /// ID number (or its beginning), name, or pinyin initials (zs finds 张三)
    pub q: Option<String>,
    /// region code: only persons living in this subtree
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(value_type = Option<String>)]
    pub region: Option<minzheng_core::region::RegionCode>,
    /// male | female
    pub gender: Option<String>,
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
    fn filter(&self, ctx: &Ctx, masked: bool) -> ApiResult<PersonFilter> {
        super::masked_search(self.q.as_deref(), masked)?;
        if let Some(g) = self.gender.as_deref().filter(|g| !g.is_empty()) {
            if minzheng_core::person::Gender::parse(g).is_none() {
                return Err(ApiError::bad_request(Some("gender"), format!("性别取值 {g} 无效"), format!("unknown gender {g}")));
            }
        }
        Ok(PersonFilter {
            q: self.q.clone().filter(|q| !q.trim().is_empty()),
            region: crate::registry::scoped_region(ctx, self.region.as_ref())?,
            gender: self.gender.as_deref().filter(|g| !g.is_empty()).and_then(minzheng_core::person::Gender::parse).map(|g| g.as_str().to_owned()),
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
    let filter = q.filter(&ctx, !unmasked)?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let today = today();
    let page = state.store.list_persons(granted.scope(), &filter, Paging::new(q.page, q.page_size), today).await?;
    if unmasked {
        let ids: Vec<String> = page.items.iter().map(|p| p.id.to_string()).collect();
        let region = filter.region.as_ref().unwrap_or(ctx.region()).to_string();
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

pub const PERSON_EXPORT_HEADERS: &[&str] =
    &["身份证号", "姓名", "性别", "出生日期", "年龄", "民族", "联系电话", "居住地区划代码", "居住地", "户籍类型", "状态", "残疾类别", "残疾等级", "优抚类别", "孤儿", "家庭户编号", "与户主关系"];
/// The masked export: the birth year in place of the date, the age counted by year.
pub const PERSON_EXPORT_HEADERS_MASKED: &[&str] =
    &["身份证号", "姓名", "性别", "出生年份", "年龄（按年份）", "民族", "联系电话", "居住地区划代码", "居住地", "户籍类型", "状态", "残疾类别", "残疾等级", "优抚类别", "孤儿", "家庭户编号", "与户主关系"];

/// 导出人员 export the filtered list as .xlsx (masked unless unmask=true and allowed; audited).
#[utoipa::path(get, path = "/api/v1/persons/export", tag = "registry", params(PersonQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
pub async fn export(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<PersonQuery>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonExport)?;
    let unmasked = wants_unmasked(&ctx, q.unmask)?;
    let filter = q.filter(&ctx, !unmasked)?;
    super::audit_id_search(&state, &ctx, q.q.as_deref(), !unmasked).await?;
    let today = today();
    let (bytes, n) = persons_xlsx(&state.store, granted.scope(), &filter, unmasked, today).await?;
    let region = filter.region.as_ref().unwrap_or(ctx.region()).to_string();
    state.store.audit_now(&ctx.entry("export", "person", "", &region, format!("{n} rows, unmasked={unmasked}, filter={}", q.describe()))).await?;
    Ok(download(bytes, &format!("人员名单-{}.xlsx", today), XLSX_MIME))
}

/// The persons matching `filter` as an .xlsx workbook (streamed from the database; masked unless
/// `unmasked`), and how many rows it has.
pub async fn persons_xlsx(store: &Store, scope: &minzheng_store::Scope, filter: &PersonFilter, unmasked: bool, today: chrono::NaiveDate) -> ApiResult<(Vec<u8>, u64)> {
    let headers = if unmasked { PERSON_EXPORT_HEADERS } else { PERSON_EXPORT_HEADERS_MASKED };
    let mut xlsx = XlsxExport::new("人员", headers).map_err(|e| ApiError::Internal(e.to_string()))?;
    let dict = minzheng_core::dict::dictionaries();
    let label = |key: &str, code: &str| dict.get(key).and_then(|d| d.iter().find(|e| e.code == code)).map(|e| e.zh.clone()).unwrap_or_else(|| code.to_owned());
    let mut failed = None;
    let n = store
        .for_each_person(scope, filter, today, 2000, |p| {
            let v = PersonView::of(p, !unmasked, today, None);
            let row = vec![
                v.id_number.clone().or(v.alt_id.clone()).unwrap_or_default(),
                v.name,
                label("genders", &v.gender),
                v.birth_date.or(v.birth_year.map(|y| y.to_string())).unwrap_or_default(),
                v.age.map(|a| a.to_string()).unwrap_or_default(),
                v.ethnicity,
                v.phone.unwrap_or_default(),
                v.region_code,
                v.region_name.unwrap_or_default(),
                label("hukou_types", &v.hukou_type),
                if v.alive { "在世".into() } else { format!("已故 {}", v.death_date.unwrap_or_default()) },
                v.disability.as_ref().map(|d| label("disability_kinds", &d.kind)).unwrap_or_default(),
                v.disability.as_ref().and_then(|d| d.grade).map(|g| format!("{g}级")).unwrap_or_default(),
                v.priority_care.as_deref().map(|c| label("priority_care", c)).unwrap_or_default(),
                if v.orphan { "是".into() } else { String::new() },
                v.household_id.map(|h| h.to_string()).unwrap_or_default(),
                v.relation.as_deref().map(|r| label("relations", r)).unwrap_or_default(),
            ];
            if let Err(e) = xlsx.push_row(&row) {
                failed.get_or_insert(e.to_string());
            }
            Ok(())
        })
        .await?;
    if let Some(e) = failed {
        return Err(ApiError::Internal(e));
    }
    let bytes = xlsx.finish().map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((bytes, n))
}
