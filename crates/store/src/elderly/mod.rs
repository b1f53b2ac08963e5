//! 养老、助残、儿童福利 persistence: assessments, visits, home care, emergency calls, canteens,
//! institutions, the elderly register and 事找人 tasks.
pub mod assessment;
pub mod care;
pub mod outreach;
pub mod services;
