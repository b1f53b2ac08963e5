//! 慈善 charity persistence: funds, projects and campaigns; donations and their pools; allocations
//! with their draws; the hash-chained public ledger with daily checkpoints; the charity
//! supermarket; the yearly report and the portal's figures.
pub mod allocations;
pub mod donations;
pub mod funds;
pub mod ledger;
pub mod report;
pub mod supermarket;
