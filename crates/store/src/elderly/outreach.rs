//! 老年人名册 and 事找人 persistence.
