//! Application services of minzheng: the business operations that both the HTTP API and the CLI
//! run, without axum; and the durable job runner (`jobs`) with the executors of the background work.
pub mod jobs;
pub mod verification;
pub mod elderly;
pub mod charity;
