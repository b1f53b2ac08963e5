//! 慈善超市 (being written).
pub const ROUTES: &[(&str, &str)] = &[];
