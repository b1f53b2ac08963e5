use minzheng_core::FieldError;

/// What can go wrong in storage. The server maps each variant to one HTTP answer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("unsupported database URL {0:?}: use sqlite://FILE or postgres://…")]
    BadUrl(String),
    #[error("not found")]
    NotFound,
    /// A stale version, a duplicate key: the caller's view of the data is out of date.
    #[error("conflict: {}", .0.message_en)]
    Conflict(FieldError),
    /// Input that is well-formed but refers to something that does not fit (unknown region, …).
    #[error("invalid: {}", .0.message_en)]
    Invalid(FieldError),
    #[error("corrupt data: {0}")]
    Corrupt(String),
    #[error("migration {version} failed: {source}")]
    Migration { version: i64, source: sqlx::Error },
}

impl StoreError {
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        StoreError::Invalid(FieldError::new(field, zh, en))
    }
    pub fn conflict(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        StoreError::Conflict(FieldError::new(field, zh, en))
    }
    /// True for a unique-constraint violation (both backends).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Db(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
