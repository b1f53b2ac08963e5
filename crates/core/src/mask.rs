//! 脱敏 masking of personal data for roles that may not see it in full (个人信息保护法).
//!
//! Masks work on characters, not bytes, and never panic on odd input: they are applied to
//! whatever is stored, including legacy values.

/// 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明; a one-character name becomes `*`.
pub fn mask_name(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_string(),
        2 => format!("{}*", chars[0]),
        n => {
            let mut out = String::with_capacity(s.len());
            out.push(chars[0]);
            out.extend(std::iter::repeat_n('*', n - 2));
            out.push(chars[n - 1]);
            out
        }
    }
}

/// `440705195003071234` → `440705********1234`; other lengths keep the first 2 and last 2
/// characters (and anything of 4 characters or fewer is masked whole).
pub fn mask_id_number(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    match chars.len() {
        18 => keep_ends(&chars, 6, 4),
        n if n <= 4 => "*".repeat(n),
        _ => keep_ends(&chars, 2, 2),
    }
}

/// `13812341234` → `138****1234`; a landline keeps its area code and last 2 digits
/// (`0750-6612345` → `0750-*****45`).
pub fn mask_phone(s: &str) -> String {
    let s = s.trim();
    if let Some((area, local)) = s.split_once('-') {
        let local: Vec<char> = local.chars().collect();
        let masked = if local.len() <= 2 {
            "*".repeat(local.len())
        } else {
            keep_ends(&local, 0, 2)
        };
        return format!("{area}-{masked}");
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.len() {
        11 => keep_ends(&chars, 3, 4),
        n if n <= 4 => "*".repeat(n),
        _ => keep_ends(&chars, 2, 2),
    }
}

/// Keeps the first 6 characters (street and community) and hides the rest behind `****`.
pub fn mask_address(s: &str) -> String {
    let s = s.trim();
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(6).collect();
    if chars.next().is_some() {
        format!("{head}****")
    } else {
        head
    }
}

/// 出生年份 what a masked answer shows of a birth date (`1950-03-07` → 1950): never the month and
/// day. The ID mask keeps the first 6 and last 4 characters and hides the 8 birth-date digits; the
/// birth year gives 4 of them back, and month and day stay unknown: 365 (366) dates, of which the
/// GB 11643 check character (one of 11) keeps about 365 / 11 ≈ 33 candidate numbers. A full date
/// beside the mask would leave exactly one, so no masked answer carries it (nor a field from which it
/// follows, see [`age_in_year`]).
pub fn birth_year(birth_date: &str) -> Option<i32> {
    birth_date
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse().ok())
}

/// 年龄（按年份） the age a masked answer shows: the age reached in `on`'s calendar year
/// (`on.year − birth_year`). The age to the day (周岁) beside the birth year would tell whether the
/// birthday has passed this year, which for a late-year birthday leaves only a few days, so masked
/// answers count by year (0 for a birth year after `on`'s).
pub fn age_in_year(birth_year: i32, on: chrono::NaiveDate) -> u32 {
    u32::try_from(chrono::Datelike::year(&on) - birth_year).unwrap_or(0)
}

/// Whether an ID-number search typed by a masked reader would probe the hidden birth-date digits:
/// a prefix longer than the 6 shown digits but short of the whole number answers "is the birthday
/// in …?" one digit at a time. The first 6 digits and the whole number (the reader holds it) are
/// fine; anything between is refused.
pub fn id_prefix_probes_birth(query: &str) -> bool {
    crate::registry::identity::IdNumber::normalise_prefix(query).is_some_and(|p| (7..18).contains(&p.len()))
}

fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let n = chars.len();
    let mut out = String::with_capacity(n + 8);
    out.extend(&chars[..head]);
    out.extend(std::iter::repeat_n('*', n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张三丰"), "张*丰");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
        assert_eq!(mask_name("张"), "*");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_name("买买提·艾力"), "买****力");
    }

    #[test]
    fn id_numbers() {
        assert_eq!(mask_id_number("44070519500307123X"), "440705********123X");
        assert_eq!(mask_id_number("E12345678"), "E1*****78");
        assert_eq!(mask_id_number("AB1"), "***");
        assert_eq!(mask_id_number(""), "");
    }

    #[test]
    fn phones() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("0750-6612345"), "0750-*****45");
        assert_eq!(mask_phone("020-87654321"), "020-******21");
        assert_eq!(mask_phone("12345"), "12*45");
    }

    #[test]
    fn birth_years_and_ages_by_year() {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(birth_year("1946-12-20"), Some(1946));
        assert_eq!(birth_year(""), None);
        assert_eq!(birth_year("19x6-01-01"), None);
        // born 1946-12-20 and 1946-01-01: 79 and 80 to the day, both 80 by year
        assert_eq!(age_in_year(1946, on), 80);
        assert_eq!(age_in_year(2027, on), 0);
        assert!(id_prefix_probes_birth("4407051946"));
        assert!(id_prefix_probes_birth("4407051946122"));
        assert!(!id_prefix_probes_birth("440705"));
        assert!(!id_prefix_probes_birth("44070519461220123X"));
        assert!(!id_prefix_probes_birth("张三"));
    }

    #[test]
    fn addresses() {
        assert_eq!(
            mask_address("会城街道北门社区居委会中山路12号"),
            "会城街道北门****"
        );
        assert_eq!(mask_address("会城街道"), "会城街道");
        assert_eq!(mask_address("会城街道北门"), "会城街道北门");
    }
}
