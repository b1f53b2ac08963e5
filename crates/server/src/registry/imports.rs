//! 数据导入 imports of persons and households from .xlsx/.csv: a job with progress and a
//! row-by-row error report; all-or-nothing, or valid rows only.
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::Permission;
use minzheng_app::jobs::{IMPORT, JobFailure, OnRestart, Progress, Registry};
use minzheng_store::imports::ImportJob;
use minzheng_store::jobs::{JobRecord, NewJob};
use minzheng_store::{Store, today};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use minzheng_app::registry::imports::{ImportKind, ImportMode, ImportOutcome, import_rows, template_bytes};

use super::{XLSX_MIME, download};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};
use crate::tabular::read_table;

#[derive(Serialize, ToSchema)]
pub struct JobCreated {
    pub job_id: i64,
}

/// 导入表单 the import's multipart form, as `upload` reads it field by field.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportForm {
    /// the .xlsx or .csv
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// persons | households
    pub kind: String,
    /// all_or_nothing | valid_only
    pub mode: Option<String>,
}

/// 上传导入文件 upload a file (multipart: file, kind, mode); the job runs in the background.
#[utoipa::path(post, path = "/api/v1/imports", tag = "registry",
    request_body(content = ImportForm, content_type = "multipart/form-data", description = "file (.xlsx or .csv), kind (persons|households), mode (all_or_nothing|valid_only)"),
    responses((status = 202, body = JobCreated), (status = 422)))]
pub async fn upload(State(state): State<AppState>, ctx: Ctx, mut multipart: Multipart) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::PersonImport)?;
    let (mut file, mut kind, mut mode) = (None, None, None);
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { ApiError::PayloadTooLarge } else { ApiError::bad_request(Some("file"), format!("上传内容无法读取：{e}"), format!("unreadable upload: {e}")) }
    })? {
        match field.name().unwrap_or_default() {
            "file" => {
                let name = field.file_name().unwrap_or("upload.xlsx").to_owned();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE { ApiError::PayloadTooLarge } else { ApiError::bad_request(Some("file"), format!("文件无法读取：{e}"), format!("unreadable file: {e}")) }
                })?;
                file = Some((name, bytes));
            }
            "kind" => kind = Some(field.text().await.unwrap_or_default()),
            "mode" => mode = Some(field.text().await.unwrap_or_default()),
            _ => {}
        }
    }
    let kind = kind.as_deref().and_then(ImportKind::parse).ok_or_else(|| ApiError::invalid("kind", "请选择导入类型：persons 或 households", "kind must be persons or households"))?;
    let mode = mode.as_deref().and_then(ImportMode::parse).ok_or_else(|| ApiError::invalid("mode", "请选择导入方式：all_or_nothing 或 valid_only", "mode must be all_or_nothing or valid_only"))?;
    let (name, bytes) = file.ok_or_else(|| ApiError::invalid("file", "请选择要导入的文件", "no file was uploaded"))?;
    let rows = read_table(&name, &bytes).map_err(|e| ApiError::invalid("file", e.message_zh(), e.to_string()))?;
    let total = rows.len().saturating_sub(1) as i64;
    let job = state.store.create_import_job(kind.as_str(), mode.as_str(), &name, ctx.account().id, ctx.region().as_str(), total).await?;
    let store = state.store.clone();
    let audit = ctx.entry("import", "import_job", job, ctx.region().as_str(), format!("file {name}"));
    let scope = granted.scope().clone();
    let queued = NewJob::new(IMPORT, ctx.region().as_str(), ctx.actor())
        .link(job)
        .total(total)
        .params(serde_json::json!({ "file_name": name, "kind": kind.as_str(), "mode": mode.as_str() }));
    // the rows live in this process's memory: the job runs here, recorded in the runner's table
    state.jobs.run_here(&queued, move |_, job_progress| async move {
        let progress_store = store.clone();
        let (tx, mut rx) = tokio::sync::watch::channel(0u64);
        let reporter = tokio::spawn(async move {
            while rx.changed().await.is_ok() {
                let done = *rx.borrow();
                let _ = progress_store.update_import_progress(job, done as i64).await;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        });
        let outcome = import_rows(&store, &scope, kind, mode, &rows, audit, |done, _| {
            job_progress.set(done as i64, total);
            let _ = tx.send(done);
        })
        .await;
        drop(tx);
        let _ = reporter.await;
        let (result, answer) = match outcome {
            Ok(o) => {
                let said = format!("{}：共 {} 行，导入 {} 行，错误 {} 行 / {}: {} rows, {} stored, {} with errors", status_zh(o.status), o.total, o.inserted, o.failed_rows, o.status, o.total, o.inserted, o.failed_rows);
                (store.finish_import_job(job, o.status, o.total as i64, o.inserted as i64, o.failed_rows as i64, &o.errors, o.message.as_deref()).await, Ok(said))
            }
            Err(e) => {
                tracing::error!(job, error = %e, "import failed");
                let message = format!("导入失败，未写入任何数据 / import failed, nothing stored: {e}");
                (store.finish_import_job(job, "failed", 0, 0, 0, &[], Some(&message)).await, Err(JobFailure(message)))
            }
        };
        if let Err(e) = result {
            tracing::error!(job, error = %e, "could not record the import outcome");
        }
        answer
    })
    .await?;
    Ok((StatusCode::ACCEPTED, Json(JobCreated { job_id: job })).into_response())
}

fn status_zh(status: &str) -> &'static str {
    match status {
        "done" => "已导入",
        "rejected" => "有错误，整批未导入",
        _ => "失败",
    }
}

/// The import's kind in the job runner: its jobs run where the upload arrived (`run_here`); one
/// found interrupted fails its import row too ("upload again").
pub fn register_job(registry: &mut Registry) {
    registry
        .register(IMPORT, OnRestart::Fail, |_store: Store, _job: JobRecord, _progress: Progress| async {
            Err(JobFailure("上传的文件只在接收它的进程中，无法由其他进程执行 / the upload is held only by the process that received it".to_owned()))
        })
        .on_interrupted(IMPORT, |store: Store, job: JobRecord| async move {
            if let Some(id) = job.link_id {
                store.fail_interrupted_import(id).await?;
            }
            Ok(())
        });
}

#[derive(Serialize, ToSchema)]
pub struct RowErrorView {
    pub row: u64,
    pub field: String,
    pub message: String,
    pub message_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportJobView {
    pub id: i64,
    pub kind: String,
    pub mode: String,
    /// running | done | rejected | failed
    pub status: String,
    pub file_name: String,
    pub total: i64,
    pub processed: i64,
    pub percent: i64,
    pub inserted: i64,
    pub failed_rows: i64,
    pub errors: Vec<RowErrorView>,
    pub message: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<ImportJob> for ImportJobView {
    fn from(j: ImportJob) -> Self {
        ImportJobView {
            id: j.id,
            kind: j.kind,
            mode: j.mode,
            status: j.status,
            file_name: j.file_name,
            total: j.total,
            processed: j.processed,
            percent: j.percent,
            inserted: j.inserted,
            failed_rows: j.failed_rows,
            errors: j.errors.into_iter().map(|e| RowErrorView { row: e.row, field: e.field, message: e.message, message_en: e.message_en }).collect(),
            message: j.message,
            created_at: j.created_at,
            updated_at: j.updated_at,
        }
    }
}

/// 导入进度 status, progress and row errors of an import job.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "registry", params(("id" = i64, Path)), responses((status = 200, body = ImportJobView), (status = 404)))]
pub async fn status(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<ImportJobView>> {
    let granted = ctx.grant(Permission::PersonImport)?;
    Ok(Json(state.store.import_job(granted.scope(), id).await?.into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// persons | households
    pub kind: Option<String>,
}

/// 下载导入模板 the .xlsx template with the Chinese headers and one example row.
#[utoipa::path(get, path = "/api/v1/imports/template", tag = "registry", params(TemplateQuery),
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
pub async fn template(_ctx: Ctx, ApiQuery(q): ApiQuery<TemplateQuery>) -> ApiResult<Response> {
    let kind = q.kind.as_deref().map(ImportKind::parse).unwrap_or(Some(ImportKind::Persons)).ok_or_else(|| ApiError::bad_request(Some("kind"), "kind 须为 persons 或 households", "kind must be persons or households"))?;
    let bytes = template_bytes(kind, today()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let name = if kind == ImportKind::Persons { "人员导入模板.xlsx" } else { "家庭户导入模板.xlsx" };
    Ok(download(bytes, name, XLSX_MIME))
}
