//! 慈善超市 charity supermarket persistence (being written).
