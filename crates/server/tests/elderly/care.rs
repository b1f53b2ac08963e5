//! care scenarios.
#[allow(unused_imports)]
use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[];
