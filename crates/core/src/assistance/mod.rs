//! 社会救助 social assistance: the rules that decide who gets how much.
//!
//! Pure functions over plain values. The store loads the facts and the policy parameters, calls a
//! rule here, and stores the result with its explanation.
pub mod calendar;
pub mod means;
pub mod money;
pub mod month;
pub mod policy;
pub mod programme;
pub mod workflow;

pub use money::Fen;
pub use month::YearMonth;
pub use programme::Programme;
