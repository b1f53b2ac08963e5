//! 人口信息 registry routes: regions, persons, households, statistics, import and export.
pub mod households;
pub mod imports;
pub mod persons;
pub mod regions;
pub mod stats;
pub mod views;

use axum::Router;
use axum::routing::{get, post};
use minzheng_core::registry::region::{RegionCode, RegionLevel};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::Ctx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dict", get(regions::dict))
        .route("/regions", get(regions::children).post(regions::create_grid))
        .route("/regions/root", get(regions::root))
        .route("/regions/{code}", get(regions::get_region))
        .route("/persons", get(persons::list).post(persons::create))
        .route("/persons/export", get(persons::export))
        .route("/persons/{id}", get(persons::get_person).put(persons::update))
        .route("/households", get(households::list).post(households::create))
        .route("/households/export", get(households::export))
        .route("/households/{id}", get(households::get_household).put(households::update))
        .route("/households/{id}/history", get(households::history))
        .route("/stats/population", get(stats::population))
        .route("/imports", post(imports::upload).layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)))
        .route("/imports/template", get(imports::template))
        .route("/imports/{id}", get(imports::status))
}

/// A residence must be a village/community or a grid below one, inside the account's scope, and
/// registered.
pub async fn residence(state: &AppState, ctx: &Ctx, code: &RegionCode, field: &str) -> ApiResult<()> {
    if !matches!(code.level(), RegionLevel::Village | RegionLevel::Grid) {
        return Err(ApiError::invalid(
            field,
            format!("区划 {code} 是{}，居住地须为村（社区）或网格", code.level().zh()),
            format!("region {code} is a {}; a residence must be a village, community or grid", code.level().as_str()),
        ));
    }
    ctx.region_in_scope(code, field)?;
    state.store.known_region(code, field).await?;
    Ok(())
}

/// Whether the request asks for unmasked data, and may: checks the permission.
pub fn wants_unmasked(ctx: &Ctx, unmask: Option<bool>) -> ApiResult<bool> {
    if unmask == Some(true) {
        ctx.require(minzheng_core::access::Permission::PersonUnmask)?;
        Ok(true)
    } else {
        Ok(false)
    }
}

/// A masked reader's free-text search may not probe the hidden birth-date digits of an ID number
/// (`minzheng_core::mask::id_prefix_probes_birth`): 422 naming `q`.
pub fn masked_search(q: Option<&str>, masked: bool) -> ApiResult<()> {
    if masked && q.is_some_and(minzheng_core::mask::id_prefix_probes_birth) {
        return Err(ApiError::invalid(
            "q",
            "未获准查看完整信息时，身份证号只能按前6位或完整18位查找",
            "without unmasking, search an ID number by its first 6 characters or all 18",
        ));
    }
    Ok(())
}

/// A masked reader who types a whole ID number holds it (the card in hand), so the search is
/// answered; but trying one by one the few numbers a mask leaves open (docs/api.md, Masking) would
/// confirm the real one, so each such search is audited (`person.search_by_id`, the number
/// masked) and a run of them is visible to whoever reads the audit log.
pub async fn audit_id_search(state: &crate::AppState, ctx: &Ctx, q: Option<&str>, masked: bool) -> ApiResult<()> {
    let Some(number) = q.and_then(minzheng_core::registry::identity::IdNumber::normalise_prefix).filter(|n| n.len() == 18) else { return Ok(()) };
    if masked {
        let masked_number = minzheng_core::mask::mask_id_number(&number);
        state.store.audit_now(&ctx.entry("person.search_by_id", "person", "search", ctx.region().as_str(), masked_number)).await?;
    }
    Ok(())
}

/// A file download with a UTF-8 file name.
pub fn download(bytes: Vec<u8>, file_name: &str, mime: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let encoded: String = file_name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    (
        [
            (axum::http::header::CONTENT_TYPE, mime.to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"export.{}\"; filename*=UTF-8''{encoded}", file_name.rsplit('.').next().filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric())).unwrap_or("bin"))),
        ],
        bytes,
    )
        .into_response()
}

// The body of a download as the document describes it: a binary string (`format: binary`), the
// `body = inline(FileBytes)` of a download's response beside its content type.
/// the file's bytes
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBytes(Vec<u8>);

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
