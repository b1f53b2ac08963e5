//! The one mapping from failures to HTTP answers:
//! `{"error": {"code", "field", "message", "message_en"}}` with a stable code per status.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_app::error::AppError;
use minzheng_core::FieldError;
use minzheng_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {en}")]
    BadRequest { field: Option<String>, zh: String, en: String },
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unauthorized")]
    Unauthorized { zh: String, en: String },
    /// Too many failed logins: try again after this many seconds (`Retry-After`).
    #[error("too many attempts: retry after {0} s")]
    TooManyAttempts(u64),
    #[error("forbidden: {en}")]
    Forbidden { zh: String, en: String },
    #[error("not found")]
    NotFound,
    #[error("conflict: {}", .0.message_en)]
    Conflict(FieldError),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("internal error: {0}")]
    Internal(String),
    /// An answer axum made itself (a path or query that does not parse, a body that is not
    /// multipart, an unknown method, a timeout): its status and its English text.
    #[error("{status}: {detail}")]
    Rejected { status: StatusCode, detail: String },
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn bad_request(field: Option<&str>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::BadRequest { field: field.map(str::to_owned), zh: zh.into(), en: en.into() }
    }
    pub fn forbidden(zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Forbidden { zh: zh.into(), en: en.into() }
    }
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, zh, en)])
    }
    /// Field errors with every field prefixed (e.g. `members[0].person.`).
    pub fn prefixed(self, prefix: &str) -> Self {
        match self {
            ApiError::Validation(v) => ApiError::Validation(v.into_iter().map(|e| e.prefixed(prefix)).collect()),
            ApiError::Conflict(e) => ApiError::Conflict(e.prefixed(prefix)),
            other => other,
        }
    }
}

impl From<Vec<FieldError>> for ApiError {
    fn from(v: Vec<FieldError>) -> Self {
        ApiError::Validation(v)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Validation(vec![e])
    }
}

/// The one place a business error becomes an HTTP answer: the same status, code and bilingual
/// message the handlers gave before the operations moved to `minzheng_app`.
impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Validation(v) => ApiError::Validation(v),
            AppError::BadRequest { field, zh, en } => ApiError::BadRequest { field, zh, en },
            AppError::Forbidden { zh, en } => ApiError::Forbidden { zh, en },
            AppError::NotFound => ApiError::NotFound,
            AppError::Conflict(f) => ApiError::Conflict(f),
            AppError::Store(e) => e.into(),
            AppError::Internal(detail) => ApiError::Internal(detail),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(f) => ApiError::Conflict(f),
            StoreError::Invalid(f) => ApiError::Validation(vec![f]),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            ApiError::TooManyAttempts(seconds) => Some(*seconds),
            _ => None,
        };
        let (status, code, field, zh, en, errors) = match self {
            ApiError::BadRequest { field, zh, en } => (StatusCode::BAD_REQUEST, "bad_request", field, zh, en, None),
            ApiError::Validation(errors) => {
                let first = errors.first().cloned().unwrap_or_else(|| FieldError::new("", "输入有误", "invalid input"));
                (StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(first.field), first.message, first.message_en, Some(errors))
            }
            ApiError::Unauthorized { zh, en } => (StatusCode::UNAUTHORIZED, "unauthorized", None, zh, en, None),
            ApiError::TooManyAttempts(seconds) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                None,
                format!("登录失败次数过多，请 {seconds} 秒后再试"),
                format!("too many failed logins: try again in {seconds} s"),
                None,
            ),
            ApiError::Forbidden { zh, en } => (StatusCode::FORBIDDEN, "forbidden", None, zh, en, None),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", None, "记录不存在或不在本账号管辖范围内".into(), "not found (or outside your region)".into(), None),
            ApiError::Conflict(f) => (StatusCode::CONFLICT, "conflict", Some(f.field), f.message, f.message_en, None),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                None,
                "提交的内容过大".into(),
                "the request body is too large".into(),
                None,
            ),
            ApiError::Rejected { status, detail } => {
                let (code, zh, en) = match status {
                    StatusCode::NOT_FOUND => ("not_found", "请求的地址不存在", "no such address"),
                    StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "该地址不支持此请求方法", "this address does not take this method"),
                    StatusCode::REQUEST_TIMEOUT => ("timeout", "请求处理超时", "the request timed out"),
                    StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "提交的内容过大", "the request body is too large"),
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "请求内容的类型不受支持", "unsupported content type"),
                    StatusCode::UNPROCESSABLE_ENTITY => ("validation", "输入有误", "invalid input"),
                    s if s.is_server_error() => ("internal", "服务器内部错误，请联系管理员", "internal server error"),
                    _ => ("bad_request", "请求有误", "bad request"),
                };
                let detail = detail.trim();
                let (zh, en) = if detail.is_empty() { (zh.to_owned(), en.to_owned()) } else { (format!("{zh}：{detail}"), format!("{en}: {detail}")) };
                (status, code, None, zh, en, None)
            }
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", None, "服务器内部错误，请联系管理员".into(), "internal server error".into(), None)
            }
        };
        let error = ErrorDetail { code, field, message: zh, message_en: en, errors: errors.filter(|e| e.len() > 1) };
        let mut response = (status, Json(ErrorBody { error })).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
        }
        response
    }
}

/// 错误应答 the one shape of every refusal, as sent and as the OpenAPI document describes it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// stable per status: bad_request, validation, unauthorized, too_many_attempts, forbidden,
    /// not_found, method_not_allowed, timeout, conflict, payload_too_large, unsupported_media_type,
    /// internal
    pub code: &'static str,
    /// the field or parameter at fault (`members[0].person.id_number`), when there is one
    pub field: Option<String>,
    /// 中文说明
    pub message: String,
    pub message_en: String,
    /// every field at fault, when more than one
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

/// Every answer under `/api/` is JSON: axum's own rejections (a path id that is not a number, a
/// query or form it cannot read, 405, the timeout's 408) come as plain text, so any error answer
/// that is not JSON is rewritten here, in one place, to the error shape above, keeping its status
/// and the `Allow` / `Retry-After` headers. The console's pages outside `/api/` are left alone.
pub async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use axum::http::header;
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    let json = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (parts, body) = res.into_parts();
    // the texts are short; a longer one is cut rather than read whole
    let detail = axum::body::to_bytes(body, 2048).await.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let mut out = ApiError::Rejected { status, detail }.into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = parts.headers.get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}
