//! 基准测试 the benchmarks behind `minzheng bench-*`, one module per area (docs/benchmarks.md).
pub mod assistance;
pub mod charity;
pub mod verification;
