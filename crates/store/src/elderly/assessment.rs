//! 老年人能力评估 and 探访 persistence.
