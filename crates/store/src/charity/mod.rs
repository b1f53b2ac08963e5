//! 慈善 charity persistence: funds, projects and campaigns; donations and their pools; allocations
//! with their draws; the hash-chained public ledger with daily checkpoints; the charity
//! supermarket.
pub mod supermarket;
