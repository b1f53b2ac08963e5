//! 金额 money: integer fen (分), never a float.
//!
//! Arithmetic saturates instead of overflowing: a rule fed absurd numbers (a typo of twelve
//! digits) must still return a reasoned result, never panic in the middle of a payroll run.
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

use crate::date::to_ascii_digit;
use crate::error::FieldError;

/// An amount of money in fen (1 yuan = 100 fen). Serialised as a plain integer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// `550.00` (yuan with two decimals, a leading `-` when negative).
    pub fn yuan_string(self) -> String {
        // unsigned_abs: i64::MIN has no positive counterpart.
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// Reads yuan as officers type them: `550`, `550.5`, `550.50`, `1,200.00`, `￥550`. More than two
    /// decimals, signs other than a leading `-`, or anything else: `None`.
    ///
    /// Full-width digits (５５０) are read as digits, since Chinese input methods produce them.
    /// Thousands separators must group by three (`1,200`, not `12,00`).
    pub fn parse_yuan(s: &str) -> Option<Fen> {
        let s: String = s.trim().chars().map(to_ascii_digit).collect();
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.as_str()),
        };
        let rest = rest
            .strip_prefix('￥')
            .or_else(|| rest.strip_prefix('¥'))
            .unwrap_or(rest);
        let (int_part, dec_part) = match rest.split_once('.') {
            Some((i, d)) => (i, Some(d)),
            None => (rest, None),
        };
        let int_digits = strip_thousands(int_part)?;
        let mut fen: i64 = 0;
        for b in int_digits.bytes() {
            fen = fen.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        fen = fen.checked_mul(100)?;
        if let Some(d) = dec_part {
            if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let mut cents = 0i64;
            for b in d.bytes() {
                cents = cents * 10 + i64::from(b - b'0');
            }
            if d.len() == 1 {
                cents *= 10;
            }
            fen = fen.checked_add(cents)?;
        }
        Some(Fen(if negative { -fen } else { fen }))
    }

    /// `self × permille / 1000`, rounded half up (away from zero for negatives) to the fen.
    pub fn mul_permille(self, permille: i64) -> Fen {
        Fen(saturate(div_round_i128(
            i128::from(self.0) * i128::from(permille),
            1000,
        )))
    }

    pub fn max(self, other: Fen) -> Fen {
        if self >= other { self } else { other }
    }

    pub fn min(self, other: Fen) -> Fen {
        if self <= other { self } else { other }
    }
}

/// 录入金额 the bound of an amount an officer types (an application's amount, a price, points,
/// a settlement, a target): at least `min`, at most `max`, set by the field's rule. Every request
/// field carrying money is read through [`AmountBound::check`], so a negative or absurd amount is
/// a 422 naming the field and the bound before any rule or write sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountBound {
    pub min: Fen,
    pub max: Fen,
}

impl AmountBound {
    /// Beyond any single amount the platform handles (1亿元): a typo, not money. The bound of an
    /// amount whose rule sets none tighter.
    pub const ABSURD: Fen = Fen(10_000_000_000);

    /// More than zero, at most `max` (a payment, a donation, a price that cannot be free).
    pub const fn positive(max: Fen) -> AmountBound {
        AmountBound { min: Fen(1), max }
    }

    /// Zero or more, at most `max` (a price that may be zero, an amount already paid).
    pub const fn non_negative(max: Fen) -> AmountBound {
        AmountBound { min: Fen::ZERO, max }
    }

    /// Whether `v` is within the bound.
    pub fn contains(self, v: Fen) -> bool {
        self.min <= v && v <= self.max
    }

    /// The amount typed in `field` (`None`: not given), or an error naming the field and the
    /// bound in yuan. `label` is the field's Chinese name, shown to the officer.
    pub fn check(self, field: &str, label: &str, v: Option<i64>) -> Result<Fen, FieldError> {
        let Some(v) = v else {
            return Err(FieldError::new(
                field,
                format!("请填写{label}"),
                format!("{field} is required"),
            ));
        };
        if self.contains(Fen(v)) {
            return Ok(Fen(v));
        }
        Err(FieldError::new(
            field,
            format!(
                "{label}须在{}元至{}元之间（以分计：{}至{}）",
                self.min.yuan_string(),
                self.max.yuan_string(),
                self.min.0,
                self.max.0
            ),
            format!(
                "{field} must be between {} and {} yuan ({} to {} fen)",
                self.min.yuan_string(),
                self.max.yuan_string(),
                self.min.0,
                self.max.0
            ),
        ))
    }
}

/// The digits of an integer part, with thousands separators removed; `None` unless it is
/// non-empty ASCII digits, optionally grouped by commas in threes.
fn strip_thousands(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split([',', '，']).collect();
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    Some(groups.concat())
}

fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

fn div_round_i128(a: i128, b: i128) -> i128 {
    if b == 0 {
        return 0;
    }
    let (a, b) = if b < 0 { (-a, -b) } else { (a, b) };
    let q = a / b;
    let r = a % b;
    if 2 * r.abs() >= b { q + a.signum() } else { q }
}

/// `a / b` rounded half up (half away from zero). `b` must be positive.
///
/// A negative `b` is treated as dividing `-a` by `-b`; `b == 0` gives 0 rather than a panic.
pub fn div_round(a: i64, b: i64) -> i64 {
    saturate(div_round_i128(i128::from(a), i128::from(b)))
}

/// An annual standard paid monthly (POLICY.md, disability): January to November round(annual / 12),
/// December the rest, so a year always sums to the annual amount. `month` is 1..=12.
///
/// Any other month gives zero: there is nothing to pay for a month that does not exist.
pub fn monthly_share_of_annual(annual: Fen, month: u32) -> Fen {
    let regular = Fen(div_round(annual.0, 12));
    match month {
        1..=11 => regular,
        12 => annual - regular * 11,
        _ => Fen::ZERO,
    }
}

impl Add for Fen {
    type Output = Fen;
    fn add(self, rhs: Fen) -> Fen {
        Fen(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Fen {
    type Output = Fen;
    fn sub(self, rhs: Fen) -> Fen {
        Fen(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Fen {
    type Output = Fen;
    fn neg(self) -> Fen {
        Fen(self.0.saturating_neg())
    }
}

impl AddAssign for Fen {
    fn add_assign(&mut self, rhs: Fen) {
        *self = *self + rhs;
    }
}

impl SubAssign for Fen {
    fn sub_assign(&mut self, rhs: Fen) {
        *self = *self - rhs;
    }
}

impl Mul<i64> for Fen {
    type Output = Fen;
    fn mul(self, rhs: i64) -> Fen {
        Fen(self.0.saturating_mul(rhs))
    }
}

impl Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Fen> for Fen {
    fn sum<I: Iterator<Item = &'a Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, |a, b| a + *b)
    }
}

/// `¥550.00`; a negative amount is `-¥0.05`.
impl std::fmt::Display for Fen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.yuan_string();
        match s.strip_prefix('-') {
            Some(abs) => write!(f, "-¥{abs}"),
            None => write!(f, "¥{s}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_string_has_two_decimals() {
        assert_eq!(Fen(55000).yuan_string(), "550.00");
        assert_eq!(Fen(55050).yuan_string(), "550.50");
        assert_eq!(Fen(1).yuan_string(), "0.01");
        assert_eq!(Fen(0).yuan_string(), "0.00");
        assert_eq!(Fen(-5).yuan_string(), "-0.05");
        assert_eq!(Fen(-12345).yuan_string(), "-123.45");
        assert_eq!(Fen(i64::MIN).yuan_string(), "-92233720368547758.08");
        assert_eq!(Fen(i64::MAX).yuan_string(), "92233720368547758.07");
    }

    #[test]
    fn display_has_the_yuan_sign() {
        assert_eq!(Fen(55000).to_string(), "¥550.00");
        assert_eq!(Fen(-5).to_string(), "-¥0.05");
    }

    #[test]
    fn parse_yuan_reads_what_officers_type() {
        let cases: &[(&str, Option<i64>)] = &[
            ("550", Some(55000)),
            ("550.5", Some(55050)),
            ("550.50", Some(55050)),
            ("550.05", Some(55005)),
            ("1,200.00", Some(120000)),
            ("1,234,567", Some(123456700)),
            ("￥550", Some(55000)),
            ("¥550", Some(55000)),
            (" 550 ", Some(55000)),
            ("５５０", Some(55000)),
            ("0", Some(0)),
            ("0.01", Some(1)),
            ("-3.2", Some(-320)),
            ("-0", Some(0)),
            ("-￥3", Some(-300)),
            ("0.001", None),
            ("abc", None),
            ("", None),
            ("-", None),
            ("+3", None),
            ("3-", None),
            ("--3", None),
            ("550.", None),
            (".5", None),
            ("1.2.3", None),
            ("12,00", None),
            ("1,2000", None),
            (",100", None),
            ("1 200", None),
            ("1e3", None),
            ("99999999999999999999", None),
        ];
        for (s, want) in cases {
            assert_eq!(Fen::parse_yuan(s), want.map(Fen), "{s:?}");
        }
    }

    #[test]
    fn parse_yuan_round_trips_yuan_string() {
        for v in [0, 1, -1, 99, 100, 55000, -320, 123456789] {
            assert_eq!(Fen::parse_yuan(&Fen(v).yuan_string()), Some(Fen(v)));
        }
    }

    #[test]
    fn div_round_is_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(-4, 3), -1);
        assert_eq!(div_round(5, 3), 2);
        assert_eq!(div_round(0, 7), 0);
        assert_eq!(div_round(208400, 12), 17367);
        // odd input does not panic
        assert_eq!(div_round(5, 0), 0);
        assert_eq!(div_round(5, -2), -3);
        assert_eq!(div_round(i64::MIN, 1), i64::MIN);
        assert_eq!(div_round(i64::MIN, -1), i64::MAX);
    }

    #[test]
    fn mul_permille_rounds_half_up() {
        assert_eq!(Fen(55000).mul_permille(350), Fen(19250));
        assert_eq!(Fen(55000).mul_permille(1500), Fen(82500));
        assert_eq!(Fen(55000).mul_permille(1600), Fen(88000));
        assert_eq!(Fen(1).mul_permille(500), Fen(1)); // 0.5 → 1
        assert_eq!(Fen(1).mul_permille(499), Fen(0));
        assert_eq!(Fen(-1).mul_permille(500), Fen(-1)); // away from zero
        assert_eq!(Fen(3).mul_permille(500), Fen(2)); // 1.5 → 2
        assert_eq!(Fen(1000000).mul_permille(800), Fen(800000));
        assert_eq!(Fen(i64::MAX).mul_permille(2000), Fen(i64::MAX));
    }

    #[test]
    fn min_max() {
        assert_eq!(Fen(3).max(Fen(5)), Fen(5));
        assert_eq!(Fen(3).min(Fen(5)), Fen(3));
        assert_eq!(Fen(-3).max(Fen::ZERO), Fen::ZERO);
    }

    #[test]
    fn operators() {
        let mut a = Fen(100) + Fen(50) - Fen(30);
        assert_eq!(a, Fen(120));
        a += Fen(5);
        a -= Fen(25);
        assert_eq!(a, Fen(100));
        assert_eq!(-a, Fen(-100));
        assert_eq!(a * 3, Fen(300));
        assert_eq!([Fen(1), Fen(2), Fen(3)].into_iter().sum::<Fen>(), Fen(6));
        assert_eq!([Fen(1), Fen(2)].iter().sum::<Fen>(), Fen(3));
        assert_eq!(Fen(i64::MAX) + Fen(1), Fen(i64::MAX));
        assert_eq!(Fen(i64::MIN) - Fen(1), Fen(i64::MIN));
        assert_eq!(-Fen(i64::MIN), Fen(i64::MAX));
        assert_eq!(Fen(i64::MAX) * 2, Fen(i64::MAX));
    }

    #[test]
    fn annual_standard_paid_monthly_sums_to_the_year() {
        for m in 1..=11 {
            assert_eq!(monthly_share_of_annual(Fen(208400), m), Fen(17367));
            assert_eq!(monthly_share_of_annual(Fen(277900), m), Fen(23158));
        }
        assert_eq!(monthly_share_of_annual(Fen(208400), 12), Fen(17363));
        assert_eq!(
            monthly_share_of_annual(Fen(277900), 12),
            Fen(277900 - 254738)
        );
        assert_eq!(monthly_share_of_annual(Fen(277900), 12), Fen(23162));
        for annual in [208400, 277900, 0, 1, 11, 12, 13, 999_999] {
            let total: Fen = (1..=12)
                .map(|m| monthly_share_of_annual(Fen(annual), m))
                .sum();
            assert_eq!(total, Fen(annual));
        }
        assert_eq!(monthly_share_of_annual(Fen(208400), 0), Fen::ZERO);
        assert_eq!(monthly_share_of_annual(Fen(208400), 13), Fen::ZERO);
    }

    proptest::proptest! {
        #[test]
        fn a_year_always_sums(annual in -10_000_000_000i64..10_000_000_000) {
            let total: Fen = (1..=12).map(|m| monthly_share_of_annual(Fen(annual), m)).sum();
            proptest::prop_assert_eq!(total, Fen(annual));
        }

        #[test]
        fn parse_yuan_inverts_yuan_string(v in -1_000_000_000_000i64..1_000_000_000_000) {
            proptest::prop_assert_eq!(Fen::parse_yuan(&Fen(v).yuan_string()), Some(Fen(v)));
        }
    }
}
