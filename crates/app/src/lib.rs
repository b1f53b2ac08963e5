//! Application services of minzheng (应用服务): the business operations that the HTTP server and the
//! command line share, over `core` and `store`, with one domain error (`error::AppError`), and the
//! durable job runner (`jobs`) with the executors of the background work. Nothing
//! here knows HTTP: the server maps `AppError` to its answers in one place (server/src/error.rs).
pub mod admin;
pub mod assistance;
pub mod charity;
pub mod elderly;
pub mod error;
pub mod jobs;
pub mod registry;
pub mod tabular;
pub mod verification;
