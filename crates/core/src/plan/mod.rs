//! 大民政工作计划 the district's work plan (seed 000): systems (体系) → main tasks (主要任务) → tasks
//! (子项目), each line with its completion year, its responsible units (the first leads, the others
//! are related, as the table's 备注 says) and its plan for each year. `table` reads the plan as a
//! bureau keeps it in a spreadsheet; `target` reads the quantities its plan texts give.
pub mod progress;
pub mod table;
pub mod target;
