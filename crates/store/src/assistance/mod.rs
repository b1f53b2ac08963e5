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

/// `EXISTS (…)`: the person (an SQL expression, e.g. `p.id`) is a member of an active case of one
/// of `programmes` (an SQL list of quoted codes).
///
/// Written as nested `EXISTS` on purpose: with a join, SQLite's planner drives it from `cases`
/// (its index on programme and status) and probes every active case for each person, which is
/// thousands of lookups per person at a district's size; this form looks the person's few
/// memberships up by `case_members_person`, then each case by its key, on both databases.
pub(crate) fn in_active_case(person: &str, programmes: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM case_members cm WHERE cm.person_id = {person} AND EXISTS \
         (SELECT 1 FROM cases c WHERE c.id = cm.case_id AND c.status = 'active' AND c.programme IN ({programmes})))"
    )
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
