//! 人口信息 the registry: imports, exports and the masked views of persons and households.
pub mod households;
pub mod imports;
pub mod persons;
pub mod views;
