//! 平安钟, 长者食堂, 养老机构: installation priority and alarm handling (`emergency`), meal
//! subsidies (`canteen`), institution indicators and bed subsidies (`institution`).
//! Rules and numbers: docs/elderly-services.md.
pub mod canteen;
pub mod emergency;
pub mod institution;

use serde::{Deserialize, Serialize};

vocabulary! {
    /// 运营状态 whether a canteen or an institution is open.
    pub enum FacilityStatus {
        Active => ("active", "运营中", "Active"),
        Closed => ("closed", "已停业", "Closed"),
    }
}

/// A share as a fixed-point integer in tenths (39.0‰ → 390; 87.5% → 875): exact, no floats.
/// `None` when the denominator is zero (no elderly, no beds, no tekun persons).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
    /// numerator × scale × 10 ÷ denominator, rounded half up; scale 1000 for ‰, 100 for %
    pub tenths: Option<i64>,
}

impl Ratio {
    /// `numerator / denominator` per `scale` (100 = percent, 1000 = per thousand), in tenths.
    pub fn new(numerator: i64, denominator: i64, scale: i64) -> Ratio {
        let tenths = (denominator > 0 && numerator >= 0).then(|| {
            let n = i128::from(numerator) * i128::from(scale) * 10;
            let d = i128::from(denominator);
            ((2 * n + d) / (2 * d)) as i64
        });
        Ratio { numerator, denominator, tenths }
    }

    /// `39.0` (one decimal), or `—` without a denominator.
    pub fn display(&self) -> String {
        match self.tenths {
            Some(t) => format!("{}.{}", t / 10, t % 10),
            None => "—".to_owned(),
        }
    }
}

/// round(a × b ÷ c), half up, for non-negative amounts (fen × count ÷ days).
pub(crate) fn mul_div_round(a: i64, b: i64, c: i64) -> i64 {
    if c <= 0 {
        return 0;
    }
    let n = i128::from(a) * i128::from(b);
    let d = i128::from(c);
    ((2 * n + d) / (2 * d)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_in_tenths() {
        // 蓬江 2015: 39 beds per 1000 elderly, e.g. 3900 beds for 100000 elderly
        assert_eq!(Ratio::new(3900, 100_000, 1000).tenths, Some(390));
        assert_eq!(Ratio::new(3900, 100_000, 1000).display(), "39.0");
        // 7 of 8 beds: 87.5%
        assert_eq!(Ratio::new(7, 8, 100).display(), "87.5");
        // 1 of 3: 33.33…% → 33.3; 2 of 3: 66.66…% → 66.7 (half up)
        assert_eq!(Ratio::new(1, 3, 100).tenths, Some(333));
        assert_eq!(Ratio::new(2, 3, 100).tenths, Some(667));
        assert_eq!(Ratio::new(5, 0, 100).tenths, None);
        assert_eq!(Ratio::new(5, 0, 100).display(), "—");
    }

    #[test]
    fn rounding_half_up() {
        assert_eq!(mul_div_round(100_000, 1, 2), 50_000);
        assert_eq!(mul_div_round(100_000, 2, 365), 548); // 547.94
        assert_eq!(mul_div_round(3, 1, 2), 2); // 1.5 → 2
        assert_eq!(mul_div_round(1, 1, 0), 0);
    }
}
