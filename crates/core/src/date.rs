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

/// `deserialize_with` readers for dates in request bodies and queries: the layouts of
/// [`parse_date`], and an error that names the field in both languages (the server answers it as
/// that field's 422), so a handler takes a `NaiveDate` instead of parsing a string itself.
///
/// ```ignore
/// #[serde(deserialize_with = "minzheng_core::date::de::day")] pub on: NaiveDate,
/// #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")] pub from: Option<NaiveDate>,
/// ```
pub mod de {
    use chrono::NaiveDate;
    use serde::Deserialize;

    fn read<E: serde::de::Error>(s: &str) -> Result<NaiveDate, E> {
        super::parse_date(s).map_err(|e| {
            crate::error::FieldError::new("", format!("“{s}”：{}", e.message_zh()), format!("{s:?}: {}", e.message_en())).to_de_error()
        })
    }

    /// A required date.
    pub fn day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        read(&s)
    }

    /// An optional date: absent, null or blank (a cleared form field) is none.
    pub fn opt_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) if !s.trim().is_empty() => read(&s).map(Some),
            _ => Ok(None),
        }
    }
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

/// 出生日期下限 the earliest birth date the platform accepts. Nobody on a register today was born
/// before it (the oldest verified person ever was born in 1875 and died in 1997), so an earlier
/// date is a typing or conversion error, and would make every age rule (高龄津贴, 事找人's
/// centenarian task) misfire.
pub const EARLIEST_BIRTH_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1890, 1, 1) {
    Some(d) => d,
    None => panic!("1890-01-01 exists"),
};

/// 生卒日期 why a birth or death date is not plausible. The one rule every input of a birth or
/// death date goes through (ID numbers, persons, imports, death reports, departmental data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LifeDateError {
    #[error("birth date is before 1890-01-01")]
    BirthTooEarly,
    #[error("birth date is in the future")]
    BirthInFuture,
    #[error("death date is in the future")]
    DeathInFuture,
    #[error("death date is before the birth date")]
    DeathBeforeBirth,
    #[error("death date is before 1890-01-01")]
    DeathTooEarly,
}

impl LifeDateError {
    pub fn message_zh(self) -> &'static str {
        match self {
            LifeDateError::BirthTooEarly => "出生日期不能早于1890-01-01",
            LifeDateError::BirthInFuture => "出生日期不能晚于今天",
            LifeDateError::DeathInFuture => "死亡日期不能晚于今天",
            LifeDateError::DeathBeforeBirth => "死亡日期不能早于出生日期",
            LifeDateError::DeathTooEarly => "死亡日期不能早于1890-01-01",
        }
    }

    pub fn to_field_error(self, field: &str) -> crate::error::FieldError {
        crate::error::FieldError::new(field, self.message_zh(), self.to_string())
    }
}

/// A birth date is plausible from [`EARLIEST_BIRTH_DATE`] up to and including `today`.
pub fn check_birth_date(birth: NaiveDate, today: NaiveDate) -> Result<NaiveDate, LifeDateError> {
    if birth < EARLIEST_BIRTH_DATE {
        Err(LifeDateError::BirthTooEarly)
    } else if birth > today {
        Err(LifeDateError::BirthInFuture)
    } else {
        Ok(birth)
    }
}

/// A death date is plausible up to `today`, not before the birth date (when known) and never
/// before [`EARLIEST_BIRTH_DATE`].
pub fn check_death_date(death: NaiveDate, birth: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, LifeDateError> {
    if death > today {
        Err(LifeDateError::DeathInFuture)
    } else if birth.is_some_and(|b| death < b) {
        Err(LifeDateError::DeathBeforeBirth)
    } else if death < EARLIEST_BIRTH_DATE {
        Err(LifeDateError::DeathTooEarly)
    } else {
        Ok(death)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Form {
        #[serde(deserialize_with = "de::day")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "de::opt_day")]
        until: Option<NaiveDate>,
    }

    #[test]
    fn request_dates_read_once_with_a_bilingual_error() {
        let f: Form = serde_json::from_str(r#"{"on":"2026/12/7","until":" "}"#).unwrap();
        assert_eq!((f.on, f.until), (NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), None));
        let f: Form = serde_json::from_str(r#"{"on":"2026-02-28","until":"2026-03-01"}"#).unwrap();
        assert_eq!(f.until, NaiveDate::from_ymd_opt(2026, 3, 1));
        let err = serde_json::from_str::<Form>(r#"{"on":"2026-02-30"}"#).unwrap_err().to_string();
        let e = crate::FieldError::from_de_message("on", &err).expect("a FieldError");
        assert_eq!((e.field.as_str(), e.message.as_str()), ("on", "“2026-02-30”：日期不存在"));
        assert!(e.message_en.contains("does not exist"), "{e:?}");
        let err = serde_json::from_str::<Form>(r#"{"on":"2026-12-07","until":"soon"}"#).unwrap_err().to_string();
        assert!(crate::FieldError::from_de_message("until", &err).unwrap().message.contains("YYYY-MM-DD"));
    }

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

    #[test]
    fn life_dates_are_plausible() {
        let today = d(2026, 12, 7);
        assert_eq!(check_birth_date(d(1800, 1, 1), today), Err(LifeDateError::BirthTooEarly));
        assert_eq!(check_birth_date(d(1889, 12, 31), today), Err(LifeDateError::BirthTooEarly));
        assert_eq!(check_birth_date(d(1890, 1, 1), today), Ok(d(1890, 1, 1)));
        assert_eq!(check_birth_date(today, today), Ok(today));
        assert_eq!(check_birth_date(d(2026, 12, 8), today), Err(LifeDateError::BirthInFuture));
        assert_eq!(check_death_date(d(2026, 12, 8), None, today), Err(LifeDateError::DeathInFuture));
        assert_eq!(check_death_date(d(1950, 3, 6), Some(d(1950, 3, 7)), today), Err(LifeDateError::DeathBeforeBirth));
        assert_eq!(check_death_date(d(1950, 3, 7), Some(d(1950, 3, 7)), today), Ok(d(1950, 3, 7)));
        assert_eq!(check_death_date(d(1880, 1, 1), None, today), Err(LifeDateError::DeathTooEarly));
        let e = LifeDateError::BirthTooEarly.to_field_error("birth_date");
        assert_eq!((e.field.as_str(), e.message.as_str()), ("birth_date", "出生日期不能早于1890-01-01"));
    }
}

/// Times as the store writes them and the API answers them: RFC 3339 in UTC with milliseconds
/// (`2024-05-01T08:00:00.000Z`), so a record holding a `DateTime<Utc>` answers the text it read.
/// chrono's own `Serialize` drops a zero fraction, which would change the API's answers.
///
/// ```ignore
/// #[serde(serialize_with = "minzheng_core::date::stamp::serialize")] pub created_at: DateTime<Utc>,
/// ```
pub mod stamp {
    use chrono::{DateTime, Utc};
    use serde::Serializer;

    pub const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

    /// The stored text of a time.
    pub fn text(t: DateTime<Utc>) -> String {
        t.format(FORMAT).to_string()
    }

    /// Reads a stored time (any RFC 3339 offset, kept as UTC); `None` if it is not one.
    pub fn parse(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
    }

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format(FORMAT))
    }

    /// As [`serialize`], for an optional time (`null` when absent).
    pub fn opt<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => serialize(t, s),
            None => s.serialize_none(),
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn a_stored_time_answers_the_same_text() {
            for text in ["2024-05-01T08:00:00.000Z", "2024-05-01T08:00:00.120Z"] {
                let t = super::parse(text).unwrap();
                assert_eq!(super::text(t), text);
                let mut out = Vec::new();
                super::serialize(&t, &mut serde_json::Serializer::new(&mut out)).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), format!("\"{text}\""));
            }
            assert!(super::parse("yesterday").is_none());
        }
    }
}
