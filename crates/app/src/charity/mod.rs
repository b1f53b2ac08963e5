//! 慈善 charity: the labels of its records, the public trace of a donation, and the ledger's checks.
pub mod ledger;
pub mod names;
pub mod portal;
