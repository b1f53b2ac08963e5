//! 社会救助 social assistance: the facts a means test runs on and the payroll's bank files.
pub mod facts;
pub mod payroll;
