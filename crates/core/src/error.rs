//! 校验错误 validation errors that name the offending field.

use std::fmt;

/// A validation error naming the field it is about, with a Chinese and an English message.
///
/// The server turns it into `{"error": {"code": "validation", "field", "message", "message_en"}}`;
/// imports report it per row with the column header as `field`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    /// Chinese message, shown to officers.
    pub message: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: zh.into(),
            message_en: en.into(),
        }
    }

    /// Nests the field under `prefix`: `"id_number"` becomes `"members[0].person.id_number"`.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        if prefix.is_empty() {
            return self;
        }
        self.field = if self.field.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", self.field)
        };
        self
    }

    /// Renames the field, keeping the messages (imports name columns instead of JSON fields).
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.field, self.message, self.message_en)
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_nests_field() {
        let e = FieldError::new("id_number", "错", "wrong").prefixed("members[0].person");
        assert_eq!(e.field, "members[0].person.id_number");
        assert_eq!(e.to_string(), "members[0].person.id_number: 错 (wrong)");
    }
}
