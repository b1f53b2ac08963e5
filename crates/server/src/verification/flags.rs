//! 疑点 red flags: listed by region and resolved with a note.
use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use minzheng_core::access::Permission;
use minzheng_core::verification::FlagCode;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::page::Paging;
use minzheng_store::verification::flags::{FlagFilter, FlagRecord};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FlagView {
    #[serde(flatten)]
    pub flag: FlagRecord,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub region_name: Option<String>,
}

pub fn flag_view(f: FlagRecord, names: &HashMap<String, String>) -> FlagView {
    let code = FlagCode::parse(&f.code);
    FlagView { label_zh: code.map(|c| c.zh()).unwrap_or(""), label_en: code.map(|c| c.en()).unwrap_or(""), region_name: names.get(&f.region_code).cloned(), flag: f }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FlagQuery {
    /// open | resolved
    #[param(value_type = Option<minzheng_core::verification::FlagStatus>, inline)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[param(inline)]
    pub code: Option<FlagCode>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region_code: Option<RegionCode>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 疑点列表 red flags in the account's region.
#[utoipa::path(get, path = "/api/v1/verification/flags", tag = "verification", params(FlagQuery), responses((status = 200, body = PageOf<FlagView>, description = "a page of flags")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<FlagQuery>) -> ApiResult<Json<PageOf<FlagView>>> {
    let granted = ctx.grant(Permission::VerificationRead)?;
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| !matches!(s, "open" | "resolved")) {
        return Err(ApiError::invalid("status", "状态须为 open（待处理）或 resolved（已处理）", "status must be open or resolved"));
    }
    let code = q.code.map(|c| c.as_str().to_owned());
    let filter = FlagFilter { status: status.map(str::to_owned), code };
    let scope = granted.within(q.region_code.as_ref())?;
    let page = state.store.list_flags(&scope, &filter, Paging::new(q.page, q.page_size)).await?;
    let codes: Vec<String> = page.items.iter().map(|f| f.region_code.clone()).collect();
    let names = state.store.region_names(&codes).await?;
    let items = page.map(|f| flag_view(f, &names));
    Ok(Json(PageOf::from(items)))
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct ResolveBody {
    #[schema(value_type = Option<minzheng_core::verification::Resolution>)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub note: String,
    pub version: Option<i64>,
}

/// 处理疑点 resolve a flag: confirmed (属实，已处理) or cleared (经核实排除), with a note.
#[utoipa::path(post, path = "/api/v1/verification/flags/{id}/resolve", tag = "verification", request_body = ResolveBody, params(("id" = i64, Path)), responses((status = 200, body = FlagView, description = "the resolved flag"), (status = 409), (status = 422)))]
pub async fn resolve(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(body): ApiJson<ResolveBody>) -> ApiResult<Json<FlagView>> {
    let granted = ctx.grant(Permission::VerificationResolve)?;
    let resolution = body.resolution.as_deref().map(str::trim).unwrap_or_default();
    if !matches!(resolution, "confirmed" | "cleared") {
        return Err(ApiError::invalid("resolution", "处理结果须为 confirmed（属实）或 cleared（已排除）", "resolution must be confirmed or cleared"));
    }
    let note = body.note.trim();
    if note.chars().count() < 4 {
        return Err(ApiError::invalid("note", "请填写处理说明（至少4个字）", "a note of at least 4 characters is required"));
    }
    let version = body.version.ok_or_else(|| ApiError::invalid("version", "缺少版本号（version）", "version is required"))?;
    let mut tx = state.store.begin().await?;
    let flag = state.store.resolve_flag(&mut tx, granted.scope(), id, version, resolution, note, ctx.actor()).await?;
    state.store.audit(&mut tx, &ctx.entry("verification.flag.resolve", "verification_flag", id, &flag.region_code, format!("{} {resolution}: {note}", flag.code))).await?;
    tx.commit().await?;
    let names = state.store.region_names(std::slice::from_ref(&flag.region_code)).await?;
    Ok(Json(flag_view(flag, &names)))
}
