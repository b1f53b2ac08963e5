//! 慈善 charity: designations, tracing, the tamper-evident ledger.
pub mod designation;
pub mod ledger;
