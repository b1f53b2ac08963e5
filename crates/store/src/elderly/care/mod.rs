//! 居家养老服务 persistence: providers, catalogue, enrolments, work orders, settlements.
//!
//! Orders are read through an [`OrderAccess`]: the account's region scope and, for a provider's
//! account, its provider; a query cannot be written without one, so a provider never reads another
//! provider's order (it is "not found").

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

