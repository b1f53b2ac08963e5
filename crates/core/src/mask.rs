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
    fn addresses() {
        assert_eq!(
            mask_address("会城街道北门社区居委会中山路12号"),
            "会城街道北门****"
        );
        assert_eq!(mask_address("会城街道"), "会城街道");
        assert_eq!(mask_address("会城街道北门"), "会城街道北门");
    }
}
