//! 业务错误 the one error of the application services. It says what went wrong in business terms
//! (a field at fault, a record that is not there or not the caller's, a conflict); the server
//! turns it into an HTTP answer in one place (`impl From<AppError> for ApiError` in
//! server/src/error.rs) and the command line prints it (`AppError::text`).
use minzheng_core::FieldError;
use minzheng_store::StoreError;

use crate::tabular::TableError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that breaks a rule, each fault naming its field in Chinese and English.
    #[error("validation failed: {}", fields_en(.0))]
    Validation(Vec<FieldError>),
    /// A request that cannot be understood (a parameter that is not one of its values).
    #[error("bad request: {en}")]
    BadRequest { field: Option<String>, zh: String, en: String },
    /// The caller may not do this.
    #[error("forbidden: {en}")]
    Forbidden { zh: String, en: String },
    /// No such record, or not in the caller's region (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The state moved under the caller (a version, a unique key).
    #[error("conflict: {}", .0.message_en)]
    Conflict(FieldError),
    /// The store failed; its own mapping (not found, conflict, invalid, else internal) applies.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something that is nobody's input (a file that could not be written, a hash).
    #[error("internal error: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

fn fields_en(v: &[FieldError]) -> String {
    v.iter().map(|f| format!("{}: {}", f.field, f.message_en)).collect::<Vec<_>>().join("; ")
}

impl AppError {
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, zh, en)])
    }
    pub fn bad_request(field: Option<&str>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        AppError::BadRequest { field: field.map(str::to_owned), zh: zh.into(), en: en.into() }
    }
    /// For an officer at a terminal: each field fault as `field: 中文 / English` on its own line,
    /// anything else as its English text.
    pub fn text(&self) -> String {
        match self {
            AppError::Validation(v) => v.iter().map(|f| format!("{}: {} / {}", f.field, f.message, f.message_en)).collect::<Vec<_>>().join("\n"),
            AppError::Conflict(f) => format!("{}: {} / {}", f.field, f.message, f.message_en),
            other => other.to_string(),
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(v: Vec<FieldError>) -> Self {
        AppError::Validation(v)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(vec![e])
    }
}

/// A table that could not be written is the server's fault, not the caller's.
impl From<TableError> for AppError {
    fn from(e: TableError) -> Self {
        AppError::Internal(e.to_string())
    }
}
