//! 行政区划 region routes and the dictionaries.
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_core::dict::DictEntry;
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::registry::regions::Region;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};

#[derive(Serialize, ToSchema)]
pub struct RegionView {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub has_children: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<PathItem>>,
}

#[derive(Serialize, ToSchema)]
pub struct PathItem {
    pub code: String,
    pub name: String,
    pub level: String,
}

impl RegionView {
    fn of(r: Region, path: Option<Vec<Region>>) -> RegionView {
        RegionView {
            code: r.code,
            name: r.name,
            level: r.level,
            parent_code: r.parent_code,
            has_children: r.has_children,
            path: path.map(|p| p.into_iter().map(|r| PathItem { code: r.code, name: r.name, level: r.level }).collect()),
        }
    }
}


/// 本账号辖区 the account's own region, root of its tree.
#[utoipa::path(get, path = "/api/v1/regions/root", tag = "registry", responses((status = 200, body = RegionView)))]
pub async fn root(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<RegionView>> {
    let r = state.store.region(ctx.region()).await?.ok_or(ApiError::NotFound)?;
    let path = state.store.region_path(ctx.region()).await?;
    Ok(Json(RegionView::of(r, Some(path))))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChildrenQuery {
    /// the parent region; default the account's own region
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub parent: Option<RegionCode>,
}

/// 下级区划 the children of a region inside the account's scope.
#[utoipa::path(get, path = "/api/v1/regions", tag = "registry", params(ChildrenQuery), responses((status = 200, body = Vec<RegionView>), (status = 403)))]
pub async fn children(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ChildrenQuery>) -> ApiResult<Json<Vec<RegionView>>> {
    let parent = q.parent.unwrap_or_else(|| ctx.region().clone());
    ctx.region_in_scope(&parent, "parent")?;
    let rows = state.store.region_children(&parent).await?;
    Ok(Json(rows.into_iter().map(|r| RegionView::of(r, None)).collect()))
}

/// 区划详情 one region with its path from the province down.
#[utoipa::path(get, path = "/api/v1/regions/{code}", tag = "registry", params(("code" = String, Path)), responses((status = 200, body = RegionView), (status = 404)))]
pub async fn get_region(State(state): State<AppState>, ctx: Ctx, Path(code): Path<String>) -> ApiResult<Json<RegionView>> {
    let code = RegionCode::parse(&code).map_err(|e| ApiError::from(e.with_field("code")))?;
    if !ctx.region().contains(&code) {
        return Err(ApiError::NotFound);
    }
    let r = state.store.region(&code).await?.ok_or(ApiError::NotFound)?;
    let path = state.store.region_path(&code).await?;
    Ok(Json(RegionView::of(r, Some(path))))
}

#[derive(Deserialize, ToSchema)]
pub struct GridBody {
    /// the village or community the grid belongs to
    pub parent_code: RegionCode,
    pub name: String,
}

/// 新建网格 create a grid (网格) under a village.
#[utoipa::path(post, path = "/api/v1/regions", tag = "registry", request_body = GridBody, responses((status = 201, body = RegionView), (status = 422)))]
pub async fn create_grid(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<GridBody>) -> ApiResult<Response> {
    ctx.require(Permission::RegionWrite)?;
    let parent = body.parent_code;
    ctx.region_in_scope(&parent, "parent_code")?;
    if parent.level() != RegionLevel::Village {
        return Err(ApiError::invalid("parent_code", "网格只能建在村（社区）之下", "a grid belongs under a village or community"));
    }
    state.store.known_region(&parent, "parent_code").await?;
    let mut tx = state.store.begin().await?;
    let r = state.store.create_grid(&mut tx, &parent, &body.name).await?;
    state.store.audit(&mut tx, &ctx.entry("region.create", "region", &r.code, &r.code, r.name.clone())).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(RegionView::of(r, None))).into_response())
}

/// 数据字典 codes and labels (genders, relations, disability kinds, ethnic groups, roles, programmes,
/// stages and the other vocabularies the console shows; `core::dict::dictionaries`).
#[utoipa::path(get, path = "/api/v1/dict", tag = "registry", responses((status = 200, body = BTreeMap<String, Vec<DictEntry>>, description = "a map from dictionary name to entries {code, zh, en}")))]
pub async fn dict(_ctx: Ctx) -> Json<BTreeMap<&'static str, Vec<DictEntry>>> {
    Json(minzheng_core::dict::dictionaries())
}
