//! 人员 the person registry's vocabulary, and the validation of a person record as it comes from
//! a form (JSON) or a spreadsheet row.

use std::fmt;

use crate::date::to_ascii_digit;
use crate::error::FieldError;

vocabulary! {
    /// 性别 gender.
    pub enum Gender {
        Male => ("male", "男", "Male", ["m", "男性"]),
        Female => ("female", "女", "Female", ["f", "女性"]),
    }
}

vocabulary! {
    /// 户籍类型 household registration type.
    pub enum HukouType {
        /// 城镇 (formerly 非农业户口)
        Urban => ("urban", "城镇", "Urban", ["城市", "非农业", "非农", "城镇户口", "非农业户口", "居民"]),
        /// 农村 (formerly 农业户口)
        Rural => ("rural", "农村", "Rural", ["农业", "农村户口", "农业户口"]),
    }
}

vocabulary! {
    /// 残疾类别 disability kind (GB/T 26341-2010).
pub enum DisabilityKind {
        Visual => ("visual", "视力残疾", "Visual", ["视力"]),
        Hearing => ("hearing", "听力残疾", "Hearing", ["听力"]),
        Speech => ("speech", "言语残疾", "Speech", ["言语", "语言残疾", "语言"]),
        Physical => ("physical", "肢体残疾", "Physical", ["肢体"]),
        Intellectual => ("intellectual", "智力残疾", "Intellectual", ["智力"]),
        Mental => ("mental", "精神残疾", "Mental", ["精神"]),
        Multiple => ("multiple", "多重残疾", "Multiple", ["多重"]),
    }
}

vocabulary! {
    /// 优抚对象类别 priority-care category (servicemen and their families).
pub enum PriorityCare {
        /// 烈属 family of a revolutionary martyr
        MartyrFamily => ("martyr_family", "烈属", "Martyr's family", ["烈士遗属", "烈士家属"]),
        /// 伤残军人
        DisabledVeteran => ("disabled_veteran", "伤残军人", "Disabled serviceman", ["残疾军人"]),
        /// 退役军人
        Veteran => ("veteran", "退役军人", "Veteran", ["退伍军人"]),
        /// 军属 family of a serving member
        ServicememberFamily => ("servicemember_family", "军属", "Servicemember's family", ["现役军人家属"]),
    }
}

vocabulary! {
    /// 与户主关系 relation to the head of household.
pub enum Relation {
        Head => ("head", "户主", "Head", ["本人"]),
        Spouse => ("spouse", "配偶", "Spouse", ["妻", "夫", "妻子", "丈夫"]),
        Child => ("child", "子女", "Child", ["子", "女", "儿子", "女儿", "长子", "次子", "长女", "次女", "养子", "养女", "继子", "继女"]),
        Parent => ("parent", "父母", "Parent", ["父亲", "母亲", "父", "母"]),
        Grandchild => ("grandchild", "孙子女", "Grandchild", ["孙子", "孙女", "外孙子", "外孙女", "外孙"]),
        Grandparent => ("grandparent", "祖父母", "Grandparent", ["祖父", "祖母", "外祖父", "外祖母"]),
        Sibling => ("sibling", "兄弟姐妹", "Sibling", ["兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"]),
        Other => ("other", "其他", "Other", ["其它"]),
    }
}

/// 残疾等级 disability grade, 1 (most severe) to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(into = "u8")]
pub struct DisabilityGrade(u8);

impl DisabilityGrade {
    pub fn new(grade: u8) -> Option<DisabilityGrade> {
        (1..=4).contains(&grade).then_some(DisabilityGrade(grade))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Reads `1`..`4`, `一级`..`四级`, `1级`, `一`, `二` ...
    pub fn parse(input: &str) -> Option<DisabilityGrade> {
        let s: String = input.trim().chars().map(to_ascii_digit).collect();
        let s = s.strip_suffix('级').unwrap_or(&s);
        let n = match s {
            "1" | "一" | "壹" => 1,
            "2" | "二" | "贰" => 2,
            "3" | "三" | "叁" => 3,
            "4" | "四" | "肆" => 4,
            _ => return None,
        };
        DisabilityGrade::new(n)
    }

    /// 一级 .. 四级
    pub fn zh(self) -> &'static str {
        ["一级", "二级", "三级", "四级"][usize::from(self.0 - 1)]
    }

    /// 重度残疾: grades 1 and 2.
    pub fn is_severe(self) -> bool {
        self.0 <= 2
    }
}

impl From<DisabilityGrade> for u8 {
    fn from(g: DisabilityGrade) -> u8 {
        g.0
    }
}

/// 残疾 a disability as recorded on the 残疾人证.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Disability {
    pub kind: DisabilityKind,
    pub grade: DisabilityGrade,
    /// 残疾人证号 (the holder's ID number plus two digits for kind and grade).
    pub certificate_no: Option<String>,
}

/// 姓名 a person's name: 1 to 30 letters of any script, with `·` and spaces inside (as in
/// 买买提·艾力 or a foreigner's name); no digits or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: usize = 30;

    pub fn parse(input: &str) -> Result<PersonName, FieldError> {
        let s = input.trim();
        let err = |zh: &str, en: &str| FieldError::new("name", zh, en);
        if s.is_empty() {
            return Err(err("姓名不能为空", "name is required"));
        }
        let len = s.chars().count();
        if len > Self::MAX_LEN {
            return Err(err(
                "姓名不能超过30个字符",
                "name must have at most 30 characters",
            ));
        }
        let is_separator = |c: char| matches!(c, '·' | '•' | '・' | '.' | ' ' | '-' | '\'');
        for c in s.chars() {
            if c.is_numeric() {
                return Err(err("姓名不能包含数字", "name must not contain digits"));
            }
            if !(c.is_alphabetic() || is_separator(c)) {
                return Err(err(
                    "姓名包含非法字符",
                    "name contains characters that are not letters",
                ));
            }
        }
        // Trimmed, so only a leading or trailing non-space separator can remain.
        let first = s.chars().next().unwrap_or(' ');
        let last = s.chars().next_back().unwrap_or(' ');
        if is_separator(first) || is_separator(last) {
            return Err(err(
                "姓名不能以分隔符开头或结尾",
                "name must not start or end with a separator",
            ));
        }
        Ok(PersonName(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Builds a name known to be valid (demo data); not for input.
    pub(crate) fn from_trusted(s: String) -> PersonName {
        PersonName(s)
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 联系电话 a phone number: a mobile number (`1[3-9]` + 9 digits) or a landline with a 3–4 digit
/// area code starting with 0 and a 7–8 digit local number, stored as `0750-6612345`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Phone(String);

impl Phone {
    /// Strips spaces and a `+86` / `0086` prefix; full-width digits are accepted.
    pub fn parse(input: &str) -> Result<Phone, FieldError> {
        let err = || {
            FieldError::new(
                "phone",
                "联系电话格式不正确（手机号11位，或区号-号码）",
                "phone must be a mobile number or a landline such as 0750-6612345",
            )
        };
        let compact: String = input
            .chars()
            .map(to_ascii_digit)
            .map(|c| if c == '－' || c == '—' { '-' } else { c })
            .filter(|c| !c.is_whitespace())
            .collect();
        if compact.is_empty() {
            return Err(FieldError::new(
                "phone",
                "联系电话不能为空",
                "phone is required",
            ));
        }
        let body = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("0086"))
            .map(|b| b.trim_start_matches('-'))
            .unwrap_or(&compact);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let is_mobile = |s: &str| {
            s.len() == 11
                && all_digits(s)
                && s.as_bytes()[0] == b'1'
                && (b'3'..=b'9').contains(&s.as_bytes()[1])
        };
        let area_ok = |a: &str| (3..=4).contains(&a.len()) && all_digits(a) && a.starts_with('0');
        let local_ok = |l: &str| (7..=8).contains(&l.len()) && all_digits(l) && !l.starts_with('0');
        if is_mobile(body) {
            return Ok(Phone(body.to_string()));
        }
        if let Some((area, local)) = body.split_once('-') {
            if area_ok(area) && local_ok(local) {
                return Ok(Phone(format!("{area}-{local}")));
            }
            return Err(err());
        }
        if all_digits(body) && body.starts_with('0') {
            // Without a dash the area code's length follows the national plan: 010 and 02x are
            // three digits, every other area code four.
            let area_len = if body.starts_with("01") || body.starts_with("02") {
                3
            } else {
                4
            };
            if body.len() > area_len {
                let (area, local) = body.split_at(area_len);
                if local_ok(local) {
                    return Ok(Phone(format!("{area}-{local}")));
                }
            }
        }
        Err(err())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_mobile(&self) -> bool {
        !self.0.contains('-')
    }

    pub(crate) fn from_trusted(s: String) -> Phone {
        Phone(s)
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

mod input;

pub use input::{DisabilityInput, PersonInput, ValidPerson};

#[cfg(test)]
mod tests;
