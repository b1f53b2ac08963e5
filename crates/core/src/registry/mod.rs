//! 人口基础信息库 the person registry: identifiers, regions, persons, name search keys and the
//! spreadsheet import.
pub mod identity;
pub mod import;
pub mod names;
pub mod person;
pub mod region;
