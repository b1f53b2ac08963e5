//! 日期 calendar dates as officers write them, and ages.

use chrono::{Datelike, NaiveDate};

/// Why a date string was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not any of the accepted layouts.
    #[error("date format not recognised")]
    Format,
    /// Well-formed but not on the calendar (30 February, month 13).
    #[error("date does not exist")]
    NonExistent,
}

impl DateError {
    pub fn message_zh(self) -> &'static str {
        match self {
            DateError::Format => "日期格式不正确（应为 YYYY-MM-DD）",
            DateError::NonExistent => "日期不存在",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            DateError::Format => "date format not recognised (expected YYYY-MM-DD)",
            DateError::NonExistent => "date does not exist",
        }
    }
}

/// Reads a date in the layouts found in forms and spreadsheets: `1950-03-07`, `1950/3/7`,
/// `19500307`, `1950年3月7日`, `1950.3.7` (full-width digits too). A time after the date
/// (`1950-03-07 00:00:00`, `1950-03-07T00:00:00`) is ignored, since spreadsheets add one.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let normalised: String = input.trim().chars().map(to_ascii_digit).collect();
    let date_part = normalised.split([' ', 'T']).next().unwrap_or_default();
    if date_part.is_empty() {
        return Err(DateError::Format);
    }
    let (y, m, d) = if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        (&date_part[0..4], &date_part[4..6], &date_part[6..8])
    } else {
        let body = date_part
            .strip_suffix('日')
            .or_else(|| date_part.strip_suffix('号'))
            .unwrap_or(date_part);
        let mut parts = body.split(['-', '/', '.', '年', '月']);
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::Format);
        };
        (y, m, d)
    };
    let digits_ok = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits_ok(y, 4, 4) || !digits_ok(m, 1, 2) || !digits_ok(d, 1, 2) {
        return Err(DateError::Format);
    }
    // The digit checks above make these parses infallible; map defensively anyway.
    let year: i32 = y.parse().map_err(|_| DateError::Format)?;
    let month: u32 = m.parse().map_err(|_| DateError::Format)?;
    let day: u32 = d.parse().map_err(|_| DateError::Format)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NonExistent)
}

/// Full-width digits (０-９) become ASCII; everything else is kept.
pub(crate) fn to_ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

/// 周岁 age in completed years on `today` (0 for a birth date after `today`).
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    if birth > today {
        return 0;
    }
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn accepts_the_usual_layouts() {
        for s in [
            "1950-03-07",
            "1950/3/7",
            "19500307",
            "1950年3月7日",
            "1950.3.7",
            " 1950-3-7 ",
            "１９５０-０３-０７",
            "1950-03-07 00:00:00",
            "1950-03-07T00:00:00",
        ] {
            assert_eq!(parse_date(s), Ok(d(1950, 3, 7)), "{s}");
        }
    }

    #[test]
    fn rejects_nonsense_and_impossible_dates() {
        assert_eq!(parse_date("1950-02-30"), Err(DateError::NonExistent));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::NonExistent));
        assert_eq!(parse_date("1950-13-01"), Err(DateError::NonExistent));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        for s in [
            "",
            "abc",
            "50-3-7",
            "1950-3",
            "1950-3-7-1",
            "1950-003-07",
            "195003077",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Format), "{s}");
        }
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(d(1950, 3, 7), d(2026, 3, 6)), 75);
        assert_eq!(age_on(d(1950, 3, 7), d(2026, 3, 7)), 76);
        assert_eq!(age_on(d(2030, 1, 1), d(2026, 3, 7)), 0);
        assert_eq!(age_on(d(2000, 2, 29), d(2001, 2, 28)), 0);
        assert_eq!(age_on(d(2000, 2, 29), d(2001, 3, 1)), 1);
    }
}
