//! 慈善超市 charity supermarket persistence: the catalogue, lots and their append-only movements,
//! points programmes with their issues and vouchers, redemptions with the points they drew, the
//! monthly statement's sums, a goods donation's trace and the year's figures for the annual report.
//!
//! Rules live in `minzheng_core::charity::supermarket`; the server loads what they need through the
//! methods here (all named `supermarket_…`) and stores their result. A lot's `remaining` and a
//! voucher's `remaining` are running balances, changed only by guarded updates
//! (`remaining >= taken`) in the same transaction as the movement that explains them.

use minzheng_core::assistance::YearMonth;

mod items;
mod lots;
mod programmes;
mod redemptions;
mod statement;

pub use items::*;
pub use lots::*;
pub use programmes::*;
pub use redemptions::*;
pub use statement::*;

/// `[first day, first day of the next month)` of a month, as stored text.
fn month_bounds(month: YearMonth) -> (String, String) {
    (month.first_day().to_string(), month.next().first_day().to_string())
}
