//! 慈善 charity.
pub mod ledger;
