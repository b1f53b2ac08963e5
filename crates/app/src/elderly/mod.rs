//! 养老 elderly services.
pub mod outreach;
