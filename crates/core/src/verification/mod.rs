//! 家庭经济状况核对 verification: departmental data checked against what a household declared.
//!
//! Pure rules: the feeds' schemas and row parsing ([`feed`]), the matching of records to a
//! household with its red flags and conclusion ([`matching`]), and the yearly re-inspection
//! sample ([`sampling`]); the states of runs, snapshots and flags ([`status`]). The store keeps the snapshots and reports; nothing here does I/O.
pub mod feed;
pub mod matching;
pub mod sampling;
pub mod status;

pub use feed::{Feed, Record, Source};
pub use matching::{Conclusion, FlagCode};
pub use status::{FlagStatus, Resolution, RunKind, RunStatus, SnapshotStatus};
