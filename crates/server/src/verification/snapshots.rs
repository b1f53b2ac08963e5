//! 数据快照 loading departmental snapshots (file upload or push) and their overview.
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::FieldError;
use minzheng_core::access::Permission;
use minzheng_core::verification::{Feed, SnapshotStatus};
use minzheng_core::verification::feed::{Column, Layout, acceptable};
use minzheng_store::today;
use minzheng_store::verification::snapshots::{NewSnapshot, RejectedRow, SnapshotRecord};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Ctx};
use crate::tabular::read_table;

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FeedView {
    pub code: &'static str,
    pub source: &'static str,
    pub source_zh: &'static str,
    pub source_en: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
}

/// 数据项 the departmental feeds and the schema of each.
#[utoipa::path(get, path = "/api/v1/verification/feeds", tag = "verification", responses((status = 200, body = Vec<FeedView>, description = "the feeds")))]
pub async fn feeds(ctx: Ctx) -> ApiResult<Json<Vec<FeedView>>> {
    ctx.require(Permission::VerificationRead)?;
    Ok(Json(
        Feed::ALL
            .iter()
            .map(|f| FeedView {
                code: f.as_str(),
                source: f.source().as_str(),
                source_zh: f.source().zh(),
                source_en: f.source().en(),
                zh: f.zh(),
                en: f.en(),
                columns: f.columns(),
            })
            .collect(),
    ))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FeedSnapshots {
    pub feed: &'static str,
    pub feed_zh: &'static str,
    pub source_zh: &'static str,
    pub active: Option<SnapshotRecord>,
    pub history: Vec<SnapshotRecord>,
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct SnapshotOverview {
    pub feeds: Vec<FeedSnapshots>,
}

/// 数据快照 per feed: the snapshot in force (date, rows, rejected rows, coverage) and the history.
#[utoipa::path(get, path = "/api/v1/verification/snapshots", tag = "verification", responses((status = 200, body = SnapshotOverview, description = "snapshots per feed")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<SnapshotOverview>> {
    ctx.require(Permission::VerificationRead)?;
    let all = state.store.snapshots().await?;
    let feeds = Feed::ALL
        .iter()
        .map(|f| {
            let of: Vec<SnapshotRecord> = all.iter().filter(|s| s.feed == *f).cloned().collect();
            FeedSnapshots { feed: f.as_str(), feed_zh: f.zh(), source_zh: f.source().zh(), active: of.iter().find(|s| s.status == SnapshotStatus::Active).cloned(), history: of }
        })
        .collect();
    Ok(Json(SnapshotOverview { feeds }))
}

/// 被拒绝的行 the rejected rows of a snapshot (the first 200).
#[utoipa::path(get, path = "/api/v1/verification/snapshots/{id}/rejected", tag = "verification", params(("id" = i64, Path)), responses((status = 200, body = Vec<RejectedRow>, description = "rejected rows"), (status = 404)))]
pub async fn rejected(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<Vec<RejectedRow>>> {
    ctx.require(Permission::VerificationRead)?;
    Ok(Json(state.store.snapshot_rejected(id).await?))
}

#[derive(utoipa::ToSchema)]
#[schema(as = verification::snapshots::Loaded)]
#[derive(Serialize)]
pub struct Loaded {
    #[serde(flatten)]
    pub snapshot: SnapshotRecord,
    pub rejected: Vec<RejectedRow>,
}

fn feed_of(s: Option<&str>) -> ApiResult<Feed> {
    let s = s.map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| ApiError::invalid("feed", "请选择数据项", "the feed is required"))?;
    Feed::parse(s).ok_or_else(|| ApiError::invalid("feed", format!("未知的数据项“{s}”"), format!("unknown feed {s:?}")))
}

/// The day the data describes: required, not in the future.
fn as_of_of(d: Option<chrono::NaiveDate>) -> ApiResult<String> {
    let d = d.ok_or_else(|| ApiError::invalid("as_of", "请填写数据截止日期", "as_of is required"))?;
    if d > today() {
        return Err(ApiError::invalid("as_of", "数据截止日期不能晚于今天", "as_of cannot be in the future"));
    }
    Ok(d.to_string())
}

/// Parses a table (header in row 1) and loads it as the feed's new snapshot, or rejects it whole.
async fn load(state: &AppState, ctx: &Ctx, feed: Feed, as_of: &str, file_name: &str, sha256: &str, rows: &[Vec<String>]) -> ApiResult<Loaded> {
    let Some((header, body)) = rows.split_first() else {
        return Err(ApiError::invalid("file", "文件中没有数据", "the file contains no data"));
    };
    let layout = Layout::from_headers(feed, header).map_err(ApiError::from)?;
    let today = today();
    let mut records = Vec::with_capacity(body.len());
    let mut rejected = Vec::new();
    let mut data_rows = 0;
    for (i, cells) in body.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        data_rows += 1;
        let row = i + 2;
        match layout.parse_row(cells, today) {
            Ok(r) => records.push((row, r)),
            Err(e) => rejected.push(RejectedRow { row, column: e.field, zh: e.message, en: e.message_en }),
        }
    }
    if !acceptable(data_rows, rejected.len()) {
        let mut errors: Vec<FieldError> = vec![FieldError::new(
            "file",
            format!("{}：共{}行数据，{}行有错误，超过1%，整个文件未导入，原有数据不变", feed.zh(), data_rows, rejected.len()),
            format!("{}: {} of {} rows are bad (more than 1%); nothing was loaded, the snapshot in force stays", feed.en(), rejected.len(), data_rows),
        )];
        errors.extend(rejected.iter().take(50).map(|r| FieldError::new(format!("rows[{}].{}", r.row, r.column), format!("第{}行：{}", r.row, r.zh), format!("row {}: {}", r.row, r.en))));
        return Err(ApiError::Validation(errors));
    }
    let mut tx = state.store.begin().await?;
    let id = state.store.begin_snapshot(&mut tx, &NewSnapshot { feed, as_of, file_name, sha256, actor: ctx.actor() }).await?;
    state.store.insert_records(&mut tx, id, feed, &records).await?;
    let snapshot = state.store.finish_snapshot(&mut tx, id, feed, data_rows, &rejected).await?;
    state
        .store
        .audit(&mut tx, &ctx.entry("verification.snapshot.load", "verification_snapshot", id, ctx.region().as_str(), format!("{} as of {as_of}: {} rows, {} rejected, {file_name}", feed.as_str(), data_rows, rejected.len())))
        .await?;
    tx.commit().await?;
    rejected.truncate(minzheng_store::verification::snapshots::REJECTED_KEPT);
    Ok(Loaded { snapshot, rejected })
}

/// 部门数据上传表单 a department's snapshot as a multipart form, as `upload` reads it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct SnapshotForm {
    /// the feed's code (GET /verification/feeds)
    pub feed: String,
    /// YYYY-MM-DD, the day the department's data describes
    pub as_of: String,
    /// the .xlsx or .csv
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// 导入部门数据 load a snapshot from an .xlsx or .csv file (multipart: feed, as_of, file).
#[utoipa::path(post, path = "/api/v1/verification/snapshots", tag = "verification", request_body(content = SnapshotForm, content_type = "multipart/form-data", description = "feed, as_of, file"), responses((status = 201, body = Loaded, description = "the snapshot in force"), (status = 422, description = "rejected, nothing changed")))]
pub async fn upload(State(state): State<AppState>, ctx: Ctx, multipart: Multipart) -> ApiResult<Response> {
    ctx.require(Permission::VerificationLoad)?;
    let (file, fields) = crate::extract::multipart_form(multipart).await?;
    let (feed, as_of) = (fields.get("feed").cloned(), fields.get("as_of").cloned());
    let feed = feed_of(feed.as_deref())?;
    // a multipart form has no Deserialize: its date is read here, as the JSON body's is by its type
    let as_of = match as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(minzheng_core::date::parse_date(s).map_err(|e| ApiError::invalid("as_of", e.message_zh(), e.message_en()))?),
    };
    let as_of = as_of_of(as_of)?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择要导入的文件", "no file was uploaded"))?;
    let rows = read_table(&name, &bytes).map_err(|e| ApiError::invalid("file", e.message_zh(), e.to_string()))?;
    let sha = minzheng_core::audit::sha256_hex(&bytes);
    let loaded = load(&state, &ctx, feed, &as_of, &name, &sha, &rows).await?;
    Ok((StatusCode::CREATED, Json(loaded)).into_response())
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize)]
pub struct PushBody {
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub as_of: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// 部门推送 a department pushes a snapshot as JSON rows keyed by header or column key.
#[utoipa::path(post, path = "/api/v1/verification/feeds/{feed}/push", tag = "verification", request_body = PushBody, params(("feed" = String, Path)), responses((status = 201, body = Loaded, description = "the snapshot in force"), (status = 422, description = "rejected, nothing changed")))]
pub async fn push(State(state): State<AppState>, ctx: Ctx, Path(feed): Path<String>, ApiJson(body): ApiJson<PushBody>) -> ApiResult<Response> {
    ctx.require(Permission::VerificationLoad)?;
    let feed = feed_of(Some(&feed))?;
    let as_of = as_of_of(body.as_of)?;
    if body.rows.is_empty() {
        return Err(ApiError::invalid("rows", "没有数据行", "no rows were sent"));
    }
    let mut header: Vec<String> = Vec::new();
    for row in &body.rows {
        for k in row.keys() {
            if !header.contains(k) {
                header.push(k.clone());
            }
        }
    }
    let mut rows = vec![header.clone()];
    for row in &body.rows {
        rows.push(
            header
                .iter()
                .map(|h| match row.get(h) {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(v) => v.to_string(),
                })
                .collect(),
        );
    }
    let text = serde_json::to_string(&body.rows).unwrap_or_default();
    let sha = minzheng_core::audit::sha256_hex(text.as_bytes());
    let loaded = load(&state, &ctx, feed, &as_of, &format!("推送 {}", ctx.actor()), &sha, &rows).await?;
    Ok((StatusCode::CREATED, Json(loaded)).into_response())
}
