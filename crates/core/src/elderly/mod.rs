//! 养老、助残、儿童福利 elderly, disability and child welfare: the rules that decide who is served
//! and what is paid. Pure functions; storage is in the store crate's `elderly` module.
pub mod allowance;
pub mod assessment;
pub mod care;
pub mod outreach;
pub mod services;
