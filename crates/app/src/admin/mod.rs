//! 系统管理 administration: accounts and their passwords.
pub mod accounts;
pub mod passwords;
