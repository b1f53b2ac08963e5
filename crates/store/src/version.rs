//! 版本校验 version-checked updates (optimistic locking).
//!
//! A record read for editing carries its `version`; the update says `… AND version = $n` and bumps
//! it. No row changed means someone else changed (or handled) the record since the caller read it,
//! and the caller must reload: a 409 that names the field `version`, in words that say what changed.
use crate::{Result, StoreError};

/// The conflict a stale version answers: 409 naming `version`.
pub fn stale(zh: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::conflict("version", zh, en)
}

/// Checks a version-guarded update's count of changed rows: none is [`stale`].
pub(crate) fn check_version(rows_affected: u64, zh: impl Into<String>, en: impl Into<String>) -> Result<()> {
    if rows_affected == 0 { Err(stale(zh, en)) } else { Ok(()) }
}
