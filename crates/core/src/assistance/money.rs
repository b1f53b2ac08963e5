//! 金额 money: integer fen (分), never a float.
use serde::{Deserialize, Serialize};

/// An amount of money in fen (1 yuan = 100 fen). Serialised as a plain integer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// `550.00` (yuan with two decimals, a leading `-` when negative).
    pub fn yuan_string(self) -> String {
        todo!()
    }

    /// Reads yuan as officers type them: `550`, `550.5`, `550.50`, `1,200.00`, `￥550`. More than two
    /// decimals, signs other than a leading `-`, or anything else: `None`.
    pub fn parse_yuan(s: &str) -> Option<Fen> {
        todo!()
    }

    /// `self × permille / 1000`, rounded half up (away from zero for negatives) to the fen.
    pub fn mul_permille(self, permille: i64) -> Fen {
        todo!()
    }

    pub fn max(self, other: Fen) -> Fen {
        todo!()
    }

    pub fn min(self, other: Fen) -> Fen {
        todo!()
    }
}

/// `a / b` rounded half up (half away from zero). `b` must be positive.
pub fn div_round(a: i64, b: i64) -> i64 {
    todo!()
}

/// An annual standard paid monthly (POLICY.md, disability): January to November round(annual / 12),
/// December the rest, so a year always sums to the annual amount. `month` is 1..=12.
pub fn monthly_share_of_annual(annual: Fen, month: u32) -> Fen {
    todo!()
}

// impl Add, Sub, Neg, AddAssign, SubAssign, Mul<i64>, Sum for Fen; Display as `¥550.00`.
