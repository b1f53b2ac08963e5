//! 社会救助 (docs/api.md, "Social assistance") end to end: the application path, enrolment,
//! payroll, standard changes, deaths, reviews and exits, access and scope. Every amount is worked
//! out by hand from /work/shared/POLICY.md (see the comments), not taken from the server's output.
mod access;
mod concurrency;
mod flow;
mod payroll;
mod edges;
mod scope;
pub mod support;
