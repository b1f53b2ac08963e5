//! 资金池 a pool's accounting, and the proportional trace of pooled money back to its donors.
//!
//! A pool holds the donations of one designation. Money in a pool is fungible: an allocation
//! draws on the pool, not on a particular donation. A donor's share of each draw is in proportion
//! to what remains of their donation at that moment (按比例追溯), which is what unit accounting
//! gives: a donation buys units at the pool's unit value (`nav`), and each draw lowers the unit
//! value in proportion to the part of the pool it takes. The donor's share of a draw is then
//! `amount × nav_delta / nav_at_donation`; a trace of a whole pool is one sum over its draws, so it
//! costs one indexed aggregate however many donations share the pool.
//!
//! When a pool is drained to zero every unit is spent (the deltas of the epoch after a donation sum
//! to its `nav`, so the donor's shares sum to the whole donation); the next donation starts a new
//! epoch at `NAV_ONE`. Balances are exact integer fen; the unit value is an integer of 10⁻¹⁵ of the
//! epoch's first unit, so a traced share may differ from the exact proportion by rounding (it is
//! rounded down to the fen and never exceeds the donation).
use serde::{Deserialize, Serialize};

use crate::assistance::Fen;

/// A unit's value when an epoch starts, in 10⁻¹⁵.
pub const NAV_ONE: i64 = 1_000_000_000_000_000;

/// What a pool holds and where its unit value stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolState {
    pub balance: Fen,
    pub nav: i64,
    pub epoch: i64,
    /// draws so far (the sequence number of the last draw)
    pub seq: i64,
}

/// Where a donation entered its pool: a trace counts the draws of its epoch after `seq`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub epoch: i64,
    pub nav: i64,
    pub seq: i64,
}

/// One draw on a pool, as recorded for tracing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PoolDraw {
    pub epoch: i64,
    pub seq: i64,
    pub amount: Fen,
    /// how much the unit value fell
    pub nav_delta: i64,
}

impl Default for PoolState {
    fn default() -> Self {
        PoolState { balance: Fen::ZERO, nav: NAV_ONE, epoch: 1, seq: 0 }
    }
}

impl PoolState {
    /// A donation enters the pool.
    pub fn deposit(&mut self, amount: Fen) -> Mark {
        if self.balance.0 == 0 && self.nav != NAV_ONE {
            // everything before was spent: a fresh epoch, so old donations' traces stay closed
            self.epoch += 1;
            self.nav = NAV_ONE;
        }
        self.balance += amount;
        Mark { epoch: self.epoch, nav: self.nav, seq: self.seq }
    }

    /// Takes `amount` (0 < amount ≤ balance, else `None` and nothing changes).
    pub fn withdraw(&mut self, amount: Fen) -> Option<PoolDraw> {
        if amount.0 <= 0 || amount > self.balance {
            return None;
        }
        let delta = if amount == self.balance {
            self.nav
        } else {
            // rounded to nearest; strictly below nav since amount < balance
            let exact = i128::from(self.nav) * i128::from(amount.0);
            let b = i128::from(self.balance.0);
            i64::try_from((exact + b / 2) / b).unwrap_or(self.nav).min(self.nav - 1)
        };
        self.seq += 1;
        self.nav -= delta;
        self.balance -= amount;
        Some(PoolDraw { epoch: self.epoch, seq: self.seq, amount, nav_delta: delta })
    }
}

/// A donation's share of the draws whose unit-value falls sum to `delta_sum` (draws of its epoch
/// after its mark): `amount × delta_sum / nav_at`, rounded down, never more than the donation.
pub fn share(amount: Fen, nav_at: i64, delta_sum: i128) -> Fen {
    if nav_at <= 0 || delta_sum <= 0 || amount.0 <= 0 {
        return Fen::ZERO;
    }
    let exact = i128::from(amount.0) * delta_sum / i128::from(nav_at);
    Fen(i64::try_from(exact).unwrap_or(i64::MAX).min(amount.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn two_donors_share_a_draw_in_proportion() {
        // 100.00 and 300.00 in the pool; a draw of 200.00 takes half of each: 50.00 and 150.00.
        // Then 400.00 more from a third donor (pool 600.00); a draw of 300.00 takes half of each
        // remainder: 25.00, 75.00, 200.00.
        let mut p = PoolState::default();
        let a = p.deposit(Fen(10_000));
        let b = p.deposit(Fen(30_000));
        let d1 = p.withdraw(Fen(20_000)).unwrap();
        assert_eq!(d1.nav_delta, NAV_ONE / 2);
        assert_eq!(share(Fen(10_000), a.nav, d1.nav_delta.into()), Fen(5_000));
        assert_eq!(share(Fen(30_000), b.nav, d1.nav_delta.into()), Fen(15_000));
        let c = p.deposit(Fen(40_000));
        assert_eq!((c.nav, c.seq), (NAV_ONE / 2, 1));
        let d2 = p.withdraw(Fen(30_000)).unwrap();
        // the third donor's trace counts only the draw after it entered
        assert_eq!(share(Fen(40_000), c.nav, d2.nav_delta.into()), Fen(20_000));
        assert_eq!(share(Fen(10_000), a.nav, i128::from(d2.nav_delta)), Fen(2_500));
        assert_eq!(share(Fen(30_000), b.nav, i128::from(d2.nav_delta)), Fen(7_500));
        assert_eq!(p.balance, Fen(30_000));
    }

    #[test]
    fn a_drained_pool_traces_every_fen_and_starts_a_new_epoch() {
        let mut p = PoolState::default();
        let a = p.deposit(Fen(333));
        let b = p.deposit(Fen(667));
        let d1 = p.withdraw(Fen(1)).unwrap();
        let d2 = p.withdraw(Fen(999)).unwrap();
        assert_eq!(p.nav, 0);
        let sum = i128::from(d1.nav_delta) + i128::from(d2.nav_delta);
        assert_eq!(share(Fen(333), a.nav, sum), Fen(333));
        assert_eq!(share(Fen(667), b.nav, sum), Fen(667));
        let c = p.deposit(Fen(50));
        assert_eq!((c.epoch, c.nav), (2, NAV_ONE));
        assert!(p.withdraw(Fen(51)).is_none());
        assert!(p.withdraw(Fen(0)).is_none());
        assert_eq!(p.balance, Fen(50));
    }

    proptest! {
        /// Whatever the order of donations and draws: no donor is traced beyond their donation, a
        /// draw's traced shares fall short of it by at most one fen per donor (rounding down), and
        /// when the pool is drained every donation of the epoch is traced in full.
        #[test]
        fn traces_add_up(ops in proptest::collection::vec((any::<bool>(), 1i64..500_000), 1..40)) {
            let mut p = PoolState::default();
            let mut donors: Vec<(Fen, Mark)> = Vec::new();
            let mut draws: Vec<PoolDraw> = Vec::new();
            for (give, fen) in ops {
                if give {
                    donors.push((Fen(fen), p.deposit(Fen(fen))));
                } else if p.balance.0 > 0 {
                    let amount = Fen(fen.min(p.balance.0));
                    draws.push(p.withdraw(amount).unwrap());
                }
            }
            for (amount, m) in &donors {
                let total: i128 = draws.iter().filter(|d| d.epoch == m.epoch && d.seq > m.seq).map(|d| i128::from(d.nav_delta)).sum();
                prop_assert!(share(*amount, m.nav, total) <= *amount);
                let drained = p.epoch > m.epoch || (p.balance.0 == 0 && !draws.is_empty() && p.nav == 0);
                if drained {
                    prop_assert_eq!(share(*amount, m.nav, total), *amount);
                }
            }
            for d in &draws {
                let in_epoch: Vec<&(Fen, Mark)> = donors.iter().filter(|(_, m)| m.epoch == d.epoch && m.seq < d.seq).collect();
                let traced: i64 = in_epoch.iter().map(|(a, m)| share(*a, m.nav, d.nav_delta.into()).0).sum();
                prop_assert!(traced <= d.amount.0 + 1, "traced {} of {}", traced, d.amount.0);
                prop_assert!(traced + in_epoch.len() as i64 + 1 >= d.amount.0, "traced {} of {}", traced, d.amount.0);
            }
        }
    }
}
