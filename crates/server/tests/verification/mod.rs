//! 家庭经济状况核对 (docs/api.md, "Verification") end to end: snapshots loaded and rejected, each
//! red flag raised by a crafted household and not by a clean one, amounts recomputed (worked out
//! by hand from POLICY.md), flags resolved, reports audited, the re-inspection sample.
mod flags;
mod sampling;
mod snapshots;
mod support;

use crate::common::*;
use flags::flags_raised_and_resolved;
use sampling::sampling_reproducible_and_visited;
use snapshots::snapshots_loaded_and_rejected;

both!(flags_raised_and_resolved => verification_flags_sqlite, verification_flags_postgres);
both!(snapshots_loaded_and_rejected => verification_snapshots_sqlite, verification_snapshots_postgres);
both!(sampling_reproducible_and_visited => verification_sampling_sqlite, verification_sampling_postgres);
