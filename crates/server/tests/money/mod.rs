//! Money bounds, idempotent creates and payroll runs (issue 14, items 3, 4 and 15): every amount
//! an officer types has its rule's bound, a retried create moves money once, a payroll run pays
//! something and a town never pays a month the district already paid. Amounts are worked out by
//! hand from /work/shared/POLICY.md in the comments.
mod temporary;
mod payroll_runs;
mod idempotency;
mod bounds;
