//! 拼音 search keys for names: officers find 张三 by typing `zs`, and a polyphonic surname such
//! as 单 (Shàn, also read dān and chán) must be found under every reading.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Most initials variants kept per name; the search column stays small.
pub const MAX_VARIANTS: usize = 8;
/// Variants kept while expanding, before the final cut (bounds work on long names).
const BEAM: usize = 64;

/// Lowercase initials of every character: `张三` → `["zs"]`. A polyphonic character contributes
/// every reading (`单` → `d`, `s`, `c`), at most [`MAX_VARIANTS`] combinations in all, the
/// combination of first readings first. All readings of the surname are kept before alternative
/// readings of the given name, since surnames are where the unusual readings matter. Words in
/// other scripts contribute the lowercase first letter of each word.
pub fn initials_variants(name: &str) -> Vec<String> {
    // (initials, cost): cost counts non-first readings outside the surname.
    let mut variants: Vec<(String, u32)> = vec![(String::new(), 0)];
    let mut in_word = false;
    let mut position = 0usize;
    for c in name.chars() {
        let letters: Vec<char> = match c.to_pinyin_multi() {
            Some(multi) => {
                in_word = false;
                let mut ls: Vec<char> = Vec::with_capacity(multi.count());
                for p in multi {
                    if let Some(l) = p.first_letter().chars().next() {
                        let l = fold_letter(l);
                        if !ls.contains(&l) {
                            ls.push(l);
                        }
                    }
                }
                ls
            }
            None if is_non_cjk_letter(c) => {
                if in_word {
                    continue;
                }
                in_word = true;
                c.to_lowercase().map(fold_letter).take(1).collect()
            }
            None => {
                in_word = false;
                continue;
            }
        };
        if letters.is_empty() {
            continue;
        }
        let surname = position == 0;
        position += 1;
        let mut next = Vec::with_capacity(variants.len() * letters.len());
        for (prefix, cost) in &variants {
            for (i, l) in letters.iter().enumerate() {
                let mut s = prefix.clone();
                s.push(*l);
                let extra = u32::from(i > 0 && !surname);
                next.push((s, cost + extra));
            }
        }
        // Stable: among equal costs the reading order of the dictionary is kept.
        next.sort_by_key(|(_, cost)| *cost);
        next.truncate(BEAM);
        variants = next;
    }
    let mut out: Vec<String> = Vec::new();
    for (s, _) in variants {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
            if out.len() == MAX_VARIANTS {
                break;
            }
        }
    }
    out
}

/// Full pinyin without tones (first reading of each character), lowercase: `张三` → `zhangsan`.
/// ü is written `v` as on keyboards; letters of other scripts are kept lowercased.
pub fn full_pinyin(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => out.extend(p.plain().chars().map(fold_letter)),
            None if is_non_cjk_letter(c) || c.is_ascii_digit() => {
                out.extend(c.to_lowercase().map(fold_letter))
            }
            None => {}
        }
    }
    out
}

/// A letter of an alphabetic script. Han characters the pinyin table lacks (rare characters of
/// the extension blocks) are skipped rather than copied into an ASCII search key.
fn is_non_cjk_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x2E80
}

fn fold_letter(c: char) -> char {
    match c {
        'ü' | 'Ü' => 'v',
        _ => c.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        assert_eq!(initials_variants("张三"), vec!["zs"]);
        assert_eq!(full_pinyin("张三"), "zhangsan");
        assert_eq!(full_pinyin("吕"), "lv");
    }

    #[test]
    fn polyphonic_surnames_give_every_reading() {
        let v = initials_variants("单");
        for l in ["s", "d", "c"] {
            assert!(v.contains(&l.to_string()), "{v:?}");
        }
        assert!(initials_variants("曾小明").contains(&"zxm".to_string()));
        let qu = initials_variants("区华");
        assert!(
            qu.contains(&"oh".to_string()) && qu.contains(&"qh".to_string()),
            "{qu:?}"
        );
        let xie = initials_variants("解放");
        assert!(
            xie.contains(&"xf".to_string()) && xie.contains(&"jf".to_string()),
            "{xie:?}"
        );
        let qiu = initials_variants("仇");
        assert!(
            qiu.contains(&"q".to_string()) && qiu.contains(&"c".to_string()),
            "{qiu:?}"
        );
        let zha = initials_variants("查");
        assert!(
            zha.contains(&"z".to_string()) && zha.contains(&"c".to_string()),
            "{zha:?}"
        );
        assert!(initials_variants("朴").contains(&"p".to_string()));
    }

    #[test]
    fn surname_readings_survive_the_cap() {
        let v = initials_variants("单长行重");
        assert!(v.len() <= MAX_VARIANTS);
        for l in ['s', 'd', 'c'] {
            assert!(v.iter().any(|x| x.starts_with(l)), "{v:?}");
        }
        assert_eq!(
            v.len(),
            v.iter().collect::<std::collections::HashSet<_>>().len()
        );
    }

    #[test]
    fn other_scripts_and_separators() {
        assert_eq!(initials_variants("John Smith"), vec!["js"]);
        assert_eq!(initials_variants("买买提·艾力")[0], "mmtal");
        assert_eq!(initials_variants(""), Vec::<String>::new());
        assert_eq!(full_pinyin("Anna·李"), "annali");
        // a letter of the CJK blocks without a reading (here bopomofo) is skipped, not copied
        assert_eq!(initials_variants("张ㄅ"), vec!["z"]);
        assert_eq!(full_pinyin("张ㄅ"), "zhang");
    }
}
