//! The one mapping from failures to HTTP answers:
//! `{"error": {"code", "field", "message", "message_en"}}` with a stable code per status.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
    #[error("locked until {0}")]
    Locked(String),
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
        let (status, code, field, zh, en, errors) = match self {
            ApiError::BadRequest { field, zh, en } => (StatusCode::BAD_REQUEST, "bad_request", field, zh, en, None),
            ApiError::Validation(errors) => {
                let first = errors.first().cloned().unwrap_or_else(|| FieldError::new("", "输入有误", "invalid input"));
                (StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(first.field), first.message, first.message_en, Some(errors))
            }
            ApiError::Unauthorized { zh, en } => (StatusCode::UNAUTHORIZED, "unauthorized", None, zh, en, None),
            ApiError::Locked(until) => (
                StatusCode::LOCKED,
                "locked",
                None,
                format!("登录失败次数过多，账号已锁定至 {until}"),
                format!("too many failed logins: the account is locked until {until}"),
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
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", None, "服务器内部错误，请联系管理员".into(), "internal server error".into(), None)
            }
        };
        let error = ErrorDetail { code, field, message: zh, message_en: en, errors: errors.filter(|e| e.len() > 1) };
        (status, Json(ErrorBody { error })).into_response()
    }
}

/// 错误应答 the one shape of every refusal, as sent and as the OpenAPI document describes it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// stable per status: bad_request, validation, unauthorized, locked, forbidden, not_found,
    /// conflict, payload_too_large, internal
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

