//! 居家养老服务 persistence: providers, catalogue, enrolments, work orders, settlements.
//!
//! Orders are read through an [`OrderAccess`]: the account's region scope and, for a provider's
//! account, its provider; a query cannot be written without one, so a provider never reads another
//! provider's order (it is "not found").

use crate::StoreError;

mod providers;
mod catalogue;
mod enrolments;
mod orders;
mod visits;
mod settlements;

pub use providers::*;
pub use catalogue::*;
pub use enrolments::*;
pub use orders::*;
pub use visits::*;
pub use settlements::*;

fn conflict_version(what: &str) -> StoreError {
    StoreError::conflict("version", format!("该{what}已被他人修改，请刷新后重试"), "the record was changed by someone else; reload it")
}
