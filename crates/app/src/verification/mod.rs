//! 核对 verification.
pub mod runs;
