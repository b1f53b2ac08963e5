//! Pure domain of minzheng (大民政综合保障平台): the types, validation rules and calculations
//! that the store, the server and the CLI share.
//!
//! Nothing here does I/O, talks to a database, is async or reads the clock: functions that need
//! "today" take it as a `NaiveDate`, so every rule can be tested with plain values.

#[macro_use]
mod vocab;

pub mod access;
pub mod assistance;
pub mod audit;
pub mod charity;
pub mod date;
pub mod demo;
pub mod dict;
pub mod error;
pub mod mask;
pub mod verification;
pub mod elderly;
pub mod plan;
pub mod registry;

pub use error::FieldError;
