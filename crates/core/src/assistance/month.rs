//! 月份 a calendar month: payroll months, effective months of standards.
use chrono::NaiveDate;

/// A calendar month, `2026-12` in JSON, the database and URLs. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// `None` unless 1 <= month <= 12 and 1900 <= year <= 9999.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        todo!()
    }

    /// Reads `2026-12` (also `2026-1`, `202612`, `2026/12`, `2026年12月`).
    pub fn parse(s: &str) -> Option<YearMonth> {
        todo!()
    }

    pub fn of(date: NaiveDate) -> YearMonth {
        todo!()
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        todo!()
    }

    pub fn last_day(self) -> NaiveDate {
        todo!()
    }

    /// The month `n` months later (`n` may be negative).
    pub fn plus(self, n: i32) -> YearMonth {
        todo!()
    }

    pub fn next(self) -> YearMonth {
        self.plus(1)
    }

    pub fn prev(self) -> YearMonth {
        self.plus(-1)
    }

    /// Months from `self` to `later` (0 when equal, negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i32 {
        todo!()
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
        YearMonth::parse(&s).ok_or_else(|| <D::Error as serde::de::Error>::custom(format!("not a month `{s}` (expected YYYY-MM)")))
    }
}
