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

    /// This error's two messages as a serde error, for a type's `Deserialize`: the server's
    /// extractors find them again (`from_de_message`) and answer them at the field's path, so a
    /// typed request field reports in both languages what the handler's own parse said before.
    pub fn to_de_error<E: serde::de::Error>(&self) -> E {
        E::custom(format!("{DE_MARK}{}{DE_MARK}{}{DE_MARK}", self.message, self.message_en))
    }

    /// The error a `Deserialize` reported with `to_de_error`, named `field` (`None` for any other
    /// serde message; the deserializer may have added its position after the messages).
    pub fn from_de_message(field: &str, message: &str) -> Option<FieldError> {
        let mut parts = message.split(DE_MARK);
        parts.next()?;
        let zh = parts.next()?;
        let en = parts.next()?;
        parts.next()?;
        Some(FieldError::new(field, zh, en))
    }

    /// Renames the field, keeping the messages (imports name columns instead of JSON fields).
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

/// Brackets the two messages of a `FieldError` inside a serde error message (an ASCII record
/// separator: no message contains it).
const DE_MARK: char = '\u{1e}';

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
