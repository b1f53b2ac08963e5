//! 社会救助 social assistance: policy parameters, applications and their path, public notices,
//! enrolled cases, payroll.
pub mod applications;
pub mod cases;
pub mod notices;
pub mod payroll;
pub mod policy;
pub mod stats;

use minzheng_core::assistance::YearMonth;

use crate::{Result, StoreError};

/// The town (镇街) a region belongs to, as its 12-digit code: statistics and notices group by it.
pub fn town_of(region_code: &str) -> String {
    if region_code.len() >= 9 { format!("{}000", &region_code[..9]) } else { region_code.to_owned() }
}

pub(crate) fn month_of(s: &str) -> Result<YearMonth> {
    YearMonth::parse(s).ok_or_else(|| StoreError::Corrupt(format!("bad month {s:?}")))
}

pub(crate) fn json<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serialises")
}
