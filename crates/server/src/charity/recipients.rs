//! 受助家庭查找 the charity clerk's narrow way to a recipient household: what an allocation needs
//! (the household's id, place and masked head), found by a member's whole ID number, a member's
//! name (or pinyin initials) or part of the address, inside the account's region. The clerk does not read the person registry (issue 14).
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use minzheng_core::access::Permission;
use minzheng_core::registry::identity::IdNumber;
use minzheng_core::mask::mask_name;
use minzheng_store::page::Paging;
use minzheng_store::registry::households::HouseholdFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};

#[derive(OpenApi)]
#[openapi(paths(find))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/charity/households", get(find))
}

/// At most this many households answer one lookup: enough to choose, too few to list a village.
const MAX_HITS: i64 = 10;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecipientQuery {
    /// a member's whole ID number (18 characters), or at least 2 characters of a member's name,
    /// pinyin initials or the address
    pub q: Option<String>,
}

/// A household as the charity sees it: no members, no ID numbers, no address.
#[derive(Serialize, ToSchema)]
pub struct RecipientHousehold {
    pub id: i64,
    pub region_code: String,
    pub region_name: Option<String>,
    /// masked (张*三)
    pub head_name: Option<String>,
    pub member_count: i64,
}

/// What a lookup may search by: a whole, valid ID number (the clerk holds it: nothing is
/// probed), or a name without digits.
fn lookup(q: Option<&str>) -> ApiResult<String> {
    let q = q.map(str::trim).unwrap_or_default();
    if q.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        let id = IdNumber::parse(q, minzheng_store::today()).map_err(|e| e.to_field_error("q"))?;
        return Ok(id.into_string());
    }
    if q.chars().count() < 2 {
        return Err(ApiError::invalid("q", "请输入完整的身份证号，或成员姓名、地址（至少2个字）", "type a whole ID number, or at least 2 characters of a name or the address"));
    }
    Ok(q.to_owned())
}

/// 查找受助家庭 households for an allocation, by a member's whole ID number or name, or the
/// address (masked answer, the account's region, at most 10).
#[utoipa::path(get, path = "/api/v1/charity/households", tag = "charity", params(RecipientQuery),
    responses((status = 200, body = Vec<RecipientHousehold>), (status = 422, description = "q is neither a whole ID number nor a name")))]
pub async fn find(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<RecipientQuery>) -> ApiResult<Json<Vec<RecipientHousehold>>> {
    let granted = ctx.grant(Permission::CharityAllocate)?;
    let q = lookup(q.q.as_deref())?;
    let filter = HouseholdFilter { q: Some(q), sort: None };
    let page = state.store.list_households(granted.scope(), &filter, Paging::new(Some(1), Some(MAX_HITS))).await?;
    Ok(Json(
        page.items
            .into_iter()
            .map(|h| RecipientHousehold { id: h.id, region_code: h.region_code, region_name: h.region_name, head_name: h.head_name.as_deref().map(mask_name), member_count: h.member_count })
            .collect(),
    ))
}
