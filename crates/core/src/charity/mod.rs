//! 慈善 charity transparency: designations, pooled tracing, the tamper-evident ledger, the
//! charity supermarket.
pub mod designation;
pub mod kinds;
pub mod ledger;
pub mod pool;
pub mod supermarket;
pub mod receipt;
