//! 人口信息 registry of regions, persons and households.
pub mod households;
pub mod persons;
pub mod reference;
pub mod regions;
pub mod stats;


/// The smallest string greater than every string starting with `prefix`, for prefixes of ASCII
/// digits and letters (ID numbers, pinyin keys); `None` when there is none (all 'z'/'Z'/'9').
pub(crate) fn prefix_successor(prefix: &str) -> Option<String> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        let next = match last {
            b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => last + 1,
            b'9' => b'A',
            _ => continue,
        };
        bytes.push(next);
        return String::from_utf8(bytes).ok();
    }
    None
}

/// Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn successor_of_prefixes() {
        assert_eq!(prefix_successor("zs").as_deref(), Some("zt"));
        assert_eq!(prefix_successor("az").as_deref(), Some("b"));
        assert_eq!(prefix_successor("4407059").as_deref(), Some("440705A"));
        assert_eq!(prefix_successor("zz"), None);
    }
}
