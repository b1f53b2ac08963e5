//! 居民身份证号码 citizen ID numbers (GB 11643-1999) and the alternative identifiers (其他证件)
//! used for persons without one.

use chrono::{Datelike, NaiveDate};

use crate::date::to_ascii_digit;
use crate::error::FieldError;
use crate::registry::person::Gender;

/// Weights of the ISO 7064 MOD 11-2 check (GB 11643-1999) for digits 1–17.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character indexed by the weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level codes (省级行政区划代码) that can start an ID number or a region code.
pub const PROVINCE_CODES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// Whether `code` (two digits) names a province-level division.
pub fn is_province_code(code: &str) -> bool {
    PROVINCE_CODES.contains(&code)
}

/// The check character for the first 17 digits of an ID number.
///
/// `first17` is expected to be 17 ASCII digits; any other character counts as 0, so callers
/// validate first (as [`IdNumber::parse`] does).
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// 居民身份证号码: 18 characters, ASCII digits and an optional final uppercase `X`, with a
/// real province, a plausible birth date ([`crate::date::check_birth_date`]) and a correct check
/// character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

/// Why an ID number was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("ID number is empty")]
    Empty,
    #[error("ID number must have 18 characters (or 15 for an old number), found {len}")]
    BadLength { len: usize },
    #[error("ID number may contain only digits and a final X")]
    BadCharacter,
    #[error("ID number starts with {code}, which is not a province code")]
    UnknownProvince { code: String },
    #[error("ID number contains a birth date that does not exist")]
    InvalidDate,
    #[error("ID number contains a birth date in the future")]
    FutureDate,
    /// Before [`crate::date::EARLIEST_BIRTH_DATE`].
    #[error("ID number contains a birth date before 1890-01-01")]
    TooEarlyDate,
    #[error("ID number check digit is wrong (expected {expected}, found {found})")]
    CheckDigit { expected: char, found: char },
    /// An old 15-digit number that cannot be converted to 18 digits, with the reason.
    #[error("old 15-digit ID number cannot be converted: {cause}")]
    Legacy15 { cause: Box<IdNumberError> },
}

impl IdNumberError {
    pub fn message_zh(&self) -> String {
        match self {
            IdNumberError::Empty => "身份证号码不能为空".into(),
            IdNumberError::BadLength { len } => {
                format!("身份证号码应为18位（或15位旧号码），实际为{len}位")
            }
            IdNumberError::BadCharacter => "身份证号码只能包含数字和末位X".into(),
            IdNumberError::UnknownProvince { code } => {
                format!("身份证号码前两位{code}不是有效的省级行政区划代码")
            }
            IdNumberError::InvalidDate => "身份证号码中的出生日期不存在".into(),
            IdNumberError::FutureDate => "身份证号码中的出生日期晚于今天".into(),
            IdNumberError::TooEarlyDate => "身份证号码中的出生日期早于1890-01-01".into(),
            IdNumberError::CheckDigit { .. } => "身份证号码校验位错误".into(),
            IdNumberError::Legacy15 { cause } => {
                format!("15位旧身份证号码无法转换为18位：{}", cause.message_zh())
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            // The API contract quotes this exact message.
            IdNumberError::CheckDigit { .. } => "ID number check digit is wrong".into(),
            other => other.to_string(),
        }
    }

    pub fn to_field_error(&self, field: &str) -> FieldError {
        FieldError::new(field, self.message_zh(), self.message_en())
    }
}

impl IdNumber {
    /// Parses and validates an ID number as typed: trims, turns full-width digits and `x` into
    /// ASCII and `X`, and converts an old 15-digit number (born 19xx) to 18 digits.
    pub fn parse(input: &str, today: NaiveDate) -> Result<IdNumber, IdNumberError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(IdNumberError::Empty);
        }
        let s = normalise_chars(trimmed).ok_or(IdNumberError::BadCharacter)?;
        match s.len() {
            18 => Self::validate18(s, today),
            15 => {
                if s.contains('X') {
                    return Err(IdNumberError::BadCharacter);
                }
                // 15-digit numbers (issued before 1999) have a two-digit year in the 1900s and no
                // check character; GB 11643 conversion inserts "19" and computes the check.
                let mut first17 = String::with_capacity(18);
                first17.push_str(&s[..6]);
                first17.push_str("19");
                first17.push_str(&s[6..]);
                let check = check_char(&first17);
                first17.push(check);
                Self::validate18(first17, today).map_err(|cause| IdNumberError::Legacy15 {
                    cause: Box::new(cause),
                })
            }
            len => Err(IdNumberError::BadLength { len }),
        }
    }

    fn validate18(s: String, today: NaiveDate) -> Result<IdNumber, IdNumberError> {
        if s[..17].contains('X') {
            return Err(IdNumberError::BadCharacter);
        }
        if !is_province_code(&s[..2]) {
            return Err(IdNumberError::UnknownProvince {
                code: s[..2].to_string(),
            });
        }
        let birth = birth_of(&s).ok_or(IdNumberError::InvalidDate)?;
        crate::date::check_birth_date(birth, today).map_err(|e| match e {
            crate::date::LifeDateError::BirthTooEarly => IdNumberError::TooEarlyDate,
            _ => IdNumberError::FutureDate,
        })?;
        let expected = check_char(&s[..17]);
        let found = s[17..].chars().next().unwrap_or(' ');
        if expected != found {
            return Err(IdNumberError::CheckDigit { expected, found });
        }
        Ok(IdNumber(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Digits 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        // Validated at construction; the fallback is unreachable but keeps this total.
        birth_of(&self.0).unwrap_or(NaiveDate::MIN)
    }

    /// Digit 17: odd for men, even for women.
    pub fn gender(&self) -> Gender {
        let digit = self.0.as_bytes()[16].wrapping_sub(b'0');
        if digit % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// Digits 1–6: the county (县级行政区划) that issued the number, possibly since retired.
    pub fn county_code(&self) -> &str {
        &self.0[..6]
    }

    /// Builds a number from its parts and computes the check character (demo data, tests).
    /// `seq` (0..=999) is digits 15–17, so its parity decides the gender.
    ///
    /// # Panics
    /// If `county6` is not six ASCII digits, `seq` exceeds 999 or the year has not four digits:
    /// these are programming errors, never user input.
    pub fn from_parts(county6: &str, birth: NaiveDate, seq: u16) -> IdNumber {
        assert!(
            county6.len() == 6 && county6.bytes().all(|b| b.is_ascii_digit()),
            "county code must be 6 digits"
        );
        assert!(seq <= 999, "sequence must be 0..=999");
        assert!(
            (1000..=9999).contains(&birth.year()),
            "year must have 4 digits"
        );
        let mut s = String::with_capacity(18);
        s.push_str(county6);
        push_num(&mut s, birth.year() as u32, 4);
        push_num(&mut s, birth.month(), 2);
        push_num(&mut s, birth.day(), 2);
        push_num(&mut s, u32::from(seq), 3);
        let check = check_char(&s);
        s.push(check);
        IdNumber(s)
    }

    /// Normalises a partial ID number typed into a search box (full-width digits, lowercase
    /// `x`) without validating it; `None` if it holds anything but digits and `X`.
    pub fn normalise_prefix(input: &str) -> Option<String> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return None;
        }
        normalise_chars(trimmed)
    }
}

/// Maps full-width digits to ASCII and x/ｘ/Ｘ to `X`; `None` on any other character.
fn normalise_chars(s: &str) -> Option<String> {
    s.chars()
        .map(|c| match to_ascii_digit(c) {
            d @ '0'..='9' => Some(d),
            'x' | 'X' | 'ｘ' | 'Ｘ' => Some('X'),
            _ => None,
        })
        .collect()
}

fn birth_of(s: &str) -> Option<NaiveDate> {
    let year = s.get(6..10)?.parse().ok()?;
    let month = s.get(10..12)?.parse().ok()?;
    let day = s.get(12..14)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Appends `n` zero-padded to `width` digits without going through `format!` (the demo generator
/// builds a million of these).
fn push_num(s: &mut String, n: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    while div > 0 {
        s.push(char::from(b'0' + ((n / div) % 10) as u8));
        div /= 10;
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for IdNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for IdNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

vocabulary! {
    /// 其他证件类型 kinds of identifier for persons without a citizen ID number.
    pub enum AltIdType {
        /// 护照
        Passport => ("passport", "护照", "Passport"),
        /// 港澳台居民证件 (居住证, 通行证)
        HkMacaoTaiwan => ("hk_macao_taiwan", "港澳台居民证件", "Hong Kong, Macao or Taiwan resident permit",
            ["港澳台居民居住证", "港澳居民来往内地通行证", "台湾居民来往大陆通行证"]),
        /// 外国人永久居留身份证
        ForeignerPermit => ("foreigner_permit", "外国人永久居留证", "Foreigner permanent residence permit",
            ["外国人永久居留身份证"]),
        /// 无证件, e.g. an abandoned infant (弃婴) before registration
        Unregistered => ("unregistered", "无证件（弃婴等）", "No document (e.g. abandoned infant)",
            ["无证件", "无"]),
    }
}

/// 其他证件 an alternative identifier: its kind and the number as written on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct AltId {
    pub kind: AltIdType,
    pub value: String,
}

impl AltId {
    /// Longest accepted identifier, in characters.
    pub const MAX_LEN: usize = 40;

    /// Validates the kind (field `alt_id_type`) and the value (field `alt_id`): trimmed, 1 to 40
    /// characters, no control characters.
    pub fn parse(kind_code: &str, value: &str) -> Result<AltId, FieldError> {
        let kind = AltIdType::parse(kind_code).ok_or_else(|| {
            FieldError::new("alt_id_type", "证件类型无效", "unknown identifier type")
        })?;
        let value = value.trim();
        if value.is_empty() {
            return Err(FieldError::new(
                "alt_id",
                "证件号码不能为空",
                "identifier is required",
            ));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(FieldError::new(
                "alt_id",
                format!("证件号码不能超过{}个字符", Self::MAX_LEN),
                format!("identifier must have at most {} characters", Self::MAX_LEN),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(FieldError::new(
                "alt_id",
                "证件号码包含非法字符",
                "identifier contains control characters",
            ));
        }
        Ok(AltId {
            kind,
            value: value.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn known_valid_number() {
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.county_code(), "110105");
        assert_eq!(check_char("11010519491231002"), 'X');
    }

    #[test]
    fn lowercase_x_and_full_width_are_normalised() {
        assert_eq!(
            IdNumber::parse(" 11010519491231002x ", today())
                .unwrap()
                .as_str(),
            "11010519491231002X"
        );
        assert_eq!(
            IdNumber::parse("１１０１０５１９４９１２３１００２ｘ", today())
                .unwrap()
                .as_str(),
            "11010519491231002X"
        );
    }

    #[test]
    fn fifteen_digit_numbers_are_converted() {
        let id = IdNumber::parse("110105491231002", today()).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn unconvertible_fifteen_digit_number_says_so() {
        let err = IdNumber::parse("110105490231002", today()).unwrap_err();
        assert!(
            matches!(&err, IdNumberError::Legacy15 { cause } if **cause == IdNumberError::InvalidDate)
        );
        assert!(
            err.message_zh().contains("15位旧身份证号码"),
            "{}",
            err.message_zh()
        );
        let err = IdNumber::parse("990105491231002", today()).unwrap_err();
        assert!(err.message_zh().contains("15位旧"));
        assert_eq!(
            IdNumber::parse("11010549123100X", today()),
            Err(IdNumberError::BadCharacter)
        );
    }

    #[test]
    fn each_error_kind() {
        assert_eq!(IdNumber::parse("  ", today()), Err(IdNumberError::Empty));
        assert_eq!(
            IdNumber::parse("1101051949", today()),
            Err(IdNumberError::BadLength { len: 10 })
        );
        assert_eq!(
            IdNumber::parse("11010519491231002A", today()),
            Err(IdNumberError::BadCharacter)
        );
        assert_eq!(
            IdNumber::parse("1101051949123X0021", today()),
            Err(IdNumberError::BadCharacter)
        );
        assert_eq!(
            IdNumber::parse("110105 19491231002X", today()),
            Err(IdNumberError::BadCharacter)
        );
        let bad_prov = format!("99010519491231002{}", check_char("99010519491231002"));
        assert_eq!(
            IdNumber::parse(&bad_prov, today()),
            Err(IdNumberError::UnknownProvince { code: "99".into() })
        );
        // 30 February
        let feb30 = format!("44070519500230123{}", check_char("44070519500230123"));
        assert_eq!(
            IdNumber::parse(&feb30, today()),
            Err(IdNumberError::InvalidDate)
        );
        let future =
            IdNumber::from_parts("440705", NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), 1);
        assert_eq!(
            IdNumber::parse(future.as_str(), today()),
            Err(IdNumberError::FutureDate)
        );
        assert_eq!(
            IdNumber::parse("110105194912310021", today()),
            Err(IdNumberError::CheckDigit {
                expected: 'X',
                found: '1'
            })
        );
        let e = IdNumberError::CheckDigit {
            expected: 'X',
            found: '1',
        }
        .to_field_error("id_number");
        assert_eq!(e.field, "id_number");
        assert_eq!(e.message, "身份证号码校验位错误");
        assert_eq!(e.message_en, "ID number check digit is wrong");
    }

    #[test]
    fn implausibly_old_birth_dates_are_refused() {
        let old = IdNumber::from_parts("440705", NaiveDate::from_ymd_opt(1800, 1, 1).unwrap(), 1);
        assert_eq!(IdNumber::parse(old.as_str(), today()), Err(IdNumberError::TooEarlyDate));
        let e = IdNumberError::TooEarlyDate.to_field_error("id_number");
        assert_eq!(e.message, "身份证号码中的出生日期早于1890-01-01");
        let first = IdNumber::from_parts("440705", NaiveDate::from_ymd_opt(1890, 1, 1).unwrap(), 1);
        assert!(IdNumber::parse(first.as_str(), today()).is_ok());
        let eve = IdNumber::from_parts("440705", NaiveDate::from_ymd_opt(1889, 12, 31).unwrap(), 1);
        assert_eq!(IdNumber::parse(eve.as_str(), today()), Err(IdNumberError::TooEarlyDate));
    }

    #[test]
    fn retired_county_code_with_real_province_is_accepted() {
        // 440724 was 新会县 before it became a district; any county digits are fine.
        let id = IdNumber::from_parts("440724", NaiveDate::from_ymd_opt(1960, 5, 5).unwrap(), 11);
        assert!(IdNumber::parse(id.as_str(), today()).is_ok());
        let id = IdNumber::from_parts("449999", NaiveDate::from_ymd_opt(1960, 5, 5).unwrap(), 11);
        assert!(IdNumber::parse(id.as_str(), today()).is_ok());
    }

    #[test]
    fn today_is_not_the_future() {
        let id = IdNumber::from_parts("440705", today(), 2);
        assert_eq!(
            IdNumber::parse(id.as_str(), today()).unwrap().gender(),
            Gender::Female
        );
    }

    #[test]
    fn search_prefix_normalisation() {
        assert_eq!(IdNumber::normalise_prefix(" ４４０７"), Some("4407".into()));
        assert_eq!(IdNumber::normalise_prefix("1234x"), Some("1234X".into()));
        assert_eq!(IdNumber::normalise_prefix("张三"), None);
        assert_eq!(IdNumber::normalise_prefix(""), None);
    }

    #[test]
    fn alt_ids() {
        let a = AltId::parse("passport", " E12345678 ").unwrap();
        assert_eq!(a.kind, AltIdType::Passport);
        assert_eq!(a.value, "E12345678");
        assert_eq!(
            AltId::parse("护照", "E1").unwrap().kind,
            AltIdType::Passport
        );
        assert_eq!(AltId::parse("visa", "E1").unwrap_err().field, "alt_id_type");
        assert_eq!(AltId::parse("passport", " ").unwrap_err().field, "alt_id");
        assert_eq!(
            AltId::parse("passport", &"1".repeat(41)).unwrap_err().field,
            "alt_id"
        );
        assert_eq!(
            AltId::parse("passport", "a\u{7}b").unwrap_err().field,
            "alt_id"
        );
        assert_eq!(AltIdType::HkMacaoTaiwan.as_str(), "hk_macao_taiwan");
    }

    proptest! {
        #[test]
        fn from_parts_always_parses_back(
            prov in proptest::sample::select(PROVINCE_CODES),
            county in 0u32..10_000,
            days in 0i64..(365 * 120),
            seq in 0u16..=999,
        ) {
            let county6 = format!("{prov}{county:04}");
            let birth = today() - chrono::Duration::days(days);
            let id = IdNumber::from_parts(&county6, birth, seq);
            let parsed = IdNumber::parse(id.as_str(), today()).unwrap();
            prop_assert_eq!(&parsed, &id);
            prop_assert_eq!(parsed.birth_date(), birth);
            prop_assert_eq!(parsed.gender() == Gender::Male, seq % 2 == 1);
            prop_assert_eq!(parsed.county_code(), county6.as_str());
        }
    }
}
