//! 捐赠收据编号 receipt codes: what a donor types on the portal to trace a donation.
//!
//! `CS` + the day (YYYYMMDD) + `-` + 8 random characters of Crockford's base32 (no I, L, O, U, so a
//! code read aloud or copied by hand is not mistyped). 40 random bits make guessing a valid code
//! hopeless within any rate of requests, since a code opens a donor's trace.
use chrono::NaiveDate;
use rand::{Rng, RngExt};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh code for a donation received on `day`.
pub fn new_code(day: NaiveDate, rng: &mut impl Rng) -> String {
    let tail: String = (0..8).map(|_| ALPHABET[rng.random_range(0..32)] as char).collect();
    format!("CS{}-{tail}", day.format("%Y%m%d"))
}

/// The code as stored, from what a person typed: spaces dropped, upper case, the letters base32
/// readers confuse read as their digits (O→0, I/L→1). `None` if it cannot be a code.
pub fn normalize(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let (head, tail) = s.split_once('-')?;
    let day = head.strip_prefix("CS")?;
    if day.len() != 8 || NaiveDate::parse_from_str(day, "%Y%m%d").is_err() || tail.len() != 8 {
        return None;
    }
    let tail: String = tail
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    tail.bytes().all(|b| ALPHABET.contains(&b)).then(|| format!("CS{day}-{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn codes_are_well_formed_and_typed_codes_normalize() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let day = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let code = new_code(day, &mut rng);
        assert!(code.starts_with("CS20260630-") && code.len() == 19, "{code}");
        assert_eq!(normalize(&code).as_deref(), Some(code.as_str()));
        assert_eq!(normalize(&format!(" {} ", code.to_lowercase())).as_deref(), Some(code.as_str()));
        assert_eq!(normalize("cs20260630-0o1il9zz").as_deref(), Some("CS20260630-001119ZZ"));
        assert_eq!(normalize("CS20261330-00000000"), None);
        assert_eq!(normalize("CS20260630-0000000"), None);
        assert_eq!(normalize("CS20260630-0000000U"), None);
        assert_eq!(normalize("XX20260630-00000000"), None);
        assert_eq!(normalize(""), None);
    }
}
