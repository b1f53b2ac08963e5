//! 家庭经济状况核对 verification: departmental snapshots, runs and reports, red flags, and the
//! yearly re-inspection sample.
pub mod flags;
pub mod runs;
pub mod sampling;
pub mod snapshots;
