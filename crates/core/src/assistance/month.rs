//! 月份 a calendar month: payroll months, effective months of standards.
use chrono::{Datelike, NaiveDate};

use crate::date::to_ascii_digit;

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 9999;

/// A calendar month, `2026-12` in JSON, the database and URLs. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// `None` unless 1 <= month <= 12 and 1900 <= year <= 9999.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        if (1..=12).contains(&month) && (MIN_YEAR..=MAX_YEAR).contains(&year) {
            Some(YearMonth { year, month })
        } else {
            None
        }
    }

    /// Reads `2026-12` (also `2026-1`, `202612`, `2026/12`, `2026年12月`).
    ///
    /// Also `2026.12`, `2026年12` and full-width digits, as spreadsheets and input methods write them.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let s: String = s.trim().chars().map(to_ascii_digit).collect();
        let (y, m) = if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
            (&s[..4], &s[4..])
        } else {
            let body = s.strip_suffix('月').unwrap_or(&s);
            let (y, m) = body.split_once(['-', '/', '.', '年'])?;
            (y, m)
        };
        let digits = |t: &str, min: usize, max: usize| {
            (min..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(y, 4, 4) || !digits(m, 1, 2) {
            return None;
        }
        YearMonth::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The month a date falls in. Dates outside 1900..=9999 are clamped to the nearest month
    /// that can be represented.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth::from_index(i64::from(date.year()) * 12 + i64::from(date.month0()))
    }

    /// Months since year 0, the inverse of [`YearMonth::from_index`].
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month with the given index, clamped to 1900-01..=9999-12.
    fn from_index(i: i64) -> YearMonth {
        let i = i.clamp(i64::from(MIN_YEAR) * 12, i64::from(MAX_YEAR) * 12 + 11);
        // The clamp keeps both parts in range.
        YearMonth {
            year: i.div_euclid(12) as i32,
            month: i.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        // Valid by construction (year and month checked); the fallback is never reached.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next_first = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next_first
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// The month `n` months later (`n` may be negative).
    ///
    /// Saturates at 1900-01 and 9999-12, the months [`YearMonth::new`] accepts.
    pub fn plus(self, n: i32) -> YearMonth {
        YearMonth::from_index(self.index() + i64::from(n))
    }

    pub fn next(self) -> YearMonth {
        self.plus(1)
    }

    pub fn prev(self) -> YearMonth {
        self.plus(-1)
    }

    /// Months from `self` to `later` (0 when equal, negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i32 {
        // At most 8100 × 12 apart: fits an i32.
        (later.index() - self.index()) as i32
    }

    /// `self`, `self.next()`, ... up to and including `last` (empty when `last < self`).
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        let n = self.months_until(last);
        (0..=n).map(move |i| self.plus(i))
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        YearMonth::parse(&s).ok_or_else(|| {
            crate::error::FieldError::new("", format!("月份“{s}”格式不正确，应为 2026-12"), format!("{s:?} is not a month (YYYY-MM)")).to_de_error()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn new_checks_ranges() {
        assert!(YearMonth::new(2026, 0).is_none());
        assert!(YearMonth::new(2026, 13).is_none());
        assert!(YearMonth::new(1899, 12).is_none());
        assert!(YearMonth::new(10000, 1).is_none());
        assert_eq!(ym(1900, 1).year(), 1900);
        assert_eq!(ym(9999, 12).month(), 12);
    }

    #[test]
    fn parse_reads_the_usual_layouts() {
        for s in [
            "2026-12",
            "2026-12 ",
            "2026/12",
            "202612",
            "2026年12月",
            "2026年12",
            "2026.12",
            "２０２６-１２",
        ] {
            assert_eq!(YearMonth::parse(s), Some(ym(2026, 12)), "{s}");
        }
        for s in [
            "2026-1",
            "2026-01",
            "2026/1",
            "202601",
            "2026年1月",
            "2026年01月",
        ] {
            assert_eq!(YearMonth::parse(s), Some(ym(2026, 1)), "{s}");
        }
        for s in [
            "",
            "2026",
            "2026-13",
            "2026-0",
            "2026-",
            "-12",
            "26-12",
            "2026-123",
            "20261",
            "2026121",
            "2026-12-01",
            "abcd-12",
            "2026--12",
            "1899-12",
            "2026年13月",
            "+026-12",
        ] {
            assert_eq!(YearMonth::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn display_round_trips_through_parse() {
        assert_eq!(ym(2026, 3).to_string(), "2026-03");
        assert_eq!(
            YearMonth::parse(&ym(1900, 1).to_string()),
            Some(ym(1900, 1))
        );
    }

    #[test]
    fn of_date() {
        assert_eq!(YearMonth::of(d(2026, 3, 15)), ym(2026, 3));
        assert_eq!(YearMonth::of(d(2026, 12, 31)), ym(2026, 12));
        assert_eq!(YearMonth::of(d(1800, 5, 1)), ym(1900, 1));
    }

    #[test]
    fn plus_crosses_years() {
        assert_eq!(ym(2026, 11).plus(3), ym(2027, 2));
        assert_eq!(ym(2026, 11).plus(-11), ym(2025, 12));
        assert_eq!(ym(2026, 1).plus(-1), ym(2025, 12));
        assert_eq!(ym(2026, 12).next(), ym(2027, 1));
        assert_eq!(ym(2027, 1).prev(), ym(2026, 12));
        assert_eq!(ym(2026, 5).plus(0), ym(2026, 5));
        assert_eq!(ym(2026, 5).plus(24), ym(2028, 5));
        assert_eq!(ym(2026, 5).plus(-25), ym(2024, 4));
        // saturates instead of leaving the valid range
        assert_eq!(ym(9999, 12).next(), ym(9999, 12));
        assert_eq!(ym(1900, 1).prev(), ym(1900, 1));
        assert_eq!(ym(2026, 1).plus(i32::MAX), ym(9999, 12));
        assert_eq!(ym(2026, 1).plus(i32::MIN), ym(1900, 1));
    }

    #[test]
    fn months_until_is_signed() {
        assert_eq!(ym(2026, 11).months_until(ym(2027, 2)), 3);
        assert_eq!(ym(2027, 2).months_until(ym(2026, 11)), -3);
        assert_eq!(ym(2026, 5).months_until(ym(2026, 5)), 0);
        assert_eq!(ym(1900, 1).months_until(ym(9999, 12)), 8100 * 12 - 1);
    }

    #[test]
    fn through_lists_months_inclusive() {
        let months: Vec<_> = ym(2026, 11).through(ym(2027, 2)).collect();
        assert_eq!(
            months,
            vec![ym(2026, 11), ym(2026, 12), ym(2027, 1), ym(2027, 2)]
        );
        assert_eq!(ym(2026, 5).through(ym(2026, 5)).count(), 1);
        assert_eq!(ym(2026, 5).through(ym(2026, 4)).count(), 0);
    }

    #[test]
    fn first_and_last_day() {
        assert_eq!(ym(2026, 3).first_day(), d(2026, 3, 1));
        assert_eq!(ym(2026, 3).last_day(), d(2026, 3, 31));
        assert_eq!(ym(2026, 4).last_day(), d(2026, 4, 30));
        assert_eq!(ym(2026, 2).last_day(), d(2026, 2, 28));
        assert_eq!(ym(2028, 2).last_day(), d(2028, 2, 29));
        assert_eq!(ym(2100, 2).last_day(), d(2100, 2, 28));
        assert_eq!(ym(2026, 12).last_day(), d(2026, 12, 31));
        assert_eq!(ym(9999, 12).last_day(), d(9999, 12, 31));
    }

    #[test]
    fn ordered_by_time() {
        assert!(ym(2026, 12) < ym(2027, 1));
        assert!(ym(2026, 2) < ym(2026, 11));
    }
}

#[cfg(feature = "openapi")]
string_schema!(YearMonth, "a month, YYYY-MM", "^[0-9]{4}-(0[1-9]|1[0-2])$");
