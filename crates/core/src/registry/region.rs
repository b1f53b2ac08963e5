//! 统计用区划代码 statistical region codes: province → city → county → town (镇/街道) →
//! village (村/社区居委会), plus the grids (网格) the platform adds below villages.
//!
//! A code's subtree is a string prefix, which is what data-scope filters on: every row carries
//! its 12- or 15-digit code, and `code >= lo AND code < hi` selects a subtree with an index.

use std::fmt;

use crate::error::FieldError;
use crate::registry::identity::is_province_code;

vocabulary! {
    /// 区划级别 region level.
    pub enum RegionLevel {
        Province => ("province", "省", "Province", ["省级"]),
        City => ("city", "市", "City", ["地级", "市级"]),
        County => ("county", "区县", "County", ["县", "区", "县级"]),
        /// 镇、乡、街道
        Town => ("town", "镇街", "Town", ["乡镇", "街道", "乡级"]),
        /// 村委会、社区居委会
        Village => ("village", "村居", "Village", ["村", "社区", "村级"]),
        /// 网格
        Grid => ("grid", "网格", "Grid"),
    }
}

impl RegionLevel {
    /// Number of significant digits of a code at this level.
    pub fn prefix_len(self) -> usize {
        match self {
            RegionLevel::Province => 2,
            RegionLevel::City => 4,
            RegionLevel::County => 6,
            RegionLevel::Town => 9,
            RegionLevel::Village => 12,
            RegionLevel::Grid => 15,
        }
    }

    /// The next finer level, `None` for grids.
    pub fn child(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::Province => Some(RegionLevel::City),
            RegionLevel::City => Some(RegionLevel::County),
            RegionLevel::County => Some(RegionLevel::Town),
            RegionLevel::Town => Some(RegionLevel::Village),
            RegionLevel::Village => Some(RegionLevel::Grid),
            RegionLevel::Grid => None,
        }
    }

    /// The next coarser level, `None` for provinces.
    pub fn parent(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::Province => None,
            RegionLevel::City => Some(RegionLevel::Province),
            RegionLevel::County => Some(RegionLevel::City),
            RegionLevel::Town => Some(RegionLevel::County),
            RegionLevel::Village => Some(RegionLevel::Town),
            RegionLevel::Grid => Some(RegionLevel::Village),
        }
    }
}

/// Segment boundaries of a 12-digit code: province, city, county, town, village.
const SEGMENTS: [(usize, usize, RegionLevel); 5] = [
    (0, 2, RegionLevel::Province),
    (2, 4, RegionLevel::City),
    (4, 6, RegionLevel::County),
    (6, 9, RegionLevel::Town),
    (9, 12, RegionLevel::Village),
];

/// A region code, valid by construction: 12 digits for province to village, 15 for a grid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

fn invalid(zh: &str, en: &str) -> FieldError {
    FieldError::new("region_code", zh, en)
}

impl RegionCode {
    /// Parses a 12-digit (or 15-digit grid) code; the short forms of 2, 4, 6 or 9 digits are
    /// padded with zeros to 12. Errors name the field `region_code`.
    pub fn parse(s: &str) -> Result<RegionCode, FieldError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(invalid("区划代码不能为空", "region code is required"));
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                "区划代码只能包含数字",
                "region code must contain only digits",
            ));
        }
        let code = match s.len() {
            2 | 4 | 6 | 9 => format!("{s:0<12}"),
            12 | 15 => s.to_string(),
            _ => {
                return Err(invalid(
                    "区划代码应为12位（网格为15位）",
                    "region code must have 12 digits (15 for a grid)",
                ));
            }
        };
        if !is_province_code(&code[..2]) {
            return Err(invalid(
                "区划代码的省级代码不存在",
                "region code has an unknown province",
            ));
        }
        let base_level = level12(&code[..12]).ok_or_else(|| {
            invalid(
                "区划代码结构不正确",
                "region code has a zero level above a non-zero one",
            )
        })?;
        if code.len() == 15 {
            if base_level != RegionLevel::Village {
                return Err(invalid(
                    "网格代码的前12位必须是村（居）代码",
                    "the first 12 digits of a grid code must be a village",
                ));
            }
            if &code[12..] == "000" {
                return Err(invalid("网格编号不能为000", "grid number must not be 000"));
            }
        }
        Ok(RegionCode(code))
    }

    /// The code of a grid under `village`, numbered 1..=999.
    pub fn grid(village: &RegionCode, number: u16) -> Option<RegionCode> {
        if village.level() != RegionLevel::Village || !(1..=999).contains(&number) {
            return None;
        }
        Some(RegionCode(format!("{}{number:03}", village.0)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn level(&self) -> RegionLevel {
        if self.0.len() == 15 {
            RegionLevel::Grid
        } else {
            // Validated at construction.
            level12(&self.0).unwrap_or(RegionLevel::Village)
        }
    }

    /// The significant digits: 2 for a province, 4 city, 6 county, 9 town, 12 village, 15 grid.
    pub fn prefix(&self) -> &str {
        &self.0[..self.level().prefix_len()]
    }

    /// The region directly above, `None` for a province. A town of a city without counties
    /// (东莞, 中山: `441900003000`) has the city as parent.
    pub fn parent(&self) -> Option<RegionCode> {
        let level = self.level();
        let parent_level = level.parent()?;
        if level == RegionLevel::Grid {
            return Some(RegionCode(self.0[..12].to_string()));
        }
        Some(RegionCode(format!(
            "{:0<12}",
            &self.0[..parent_level.prefix_len()]
        )))
    }

    /// Whether `other` is this region or lies below it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(self.prefix())
    }

    /// A half-open string range `[lo, hi)` such that `code >= lo AND code < hi` selects exactly
    /// this subtree: `lo` is the prefix, `hi` the prefix plus one with carry (`440705009` →
    /// `440705010`).
    pub fn scope_bounds(&self) -> (String, String) {
        let lo = self.prefix().to_string();
        let hi = increment_decimal(&lo);
        (lo, hi)
    }

    /// The region at `level` on the path from the province to this one: the town of a village,
    /// the county of a grid. `None` if `level` is finer than this region or absent from the path
    /// (a town of 东莞 has no county).
    pub fn ancestor_at(&self, level: RegionLevel) -> Option<RegionCode> {
        let own = self.level();
        if level > own {
            return None;
        }
        if level == own {
            return Some(self.clone());
        }
        let candidate = RegionCode(format!("{:0<12}", &self.0[..level.prefix_len()]));
        (candidate.level() == level).then_some(candidate)
    }

    /// The level of this region's children (`None` for a grid).
    pub fn child_level(&self) -> Option<RegionLevel> {
        self.level().child()
    }

    /// 城镇 or 农村 by the town part of the code: towns numbered below 100 are streets (街道),
    /// whose villages are urban communities; higher numbers are towns (镇) and townships (乡).
    /// `None` above the town level.
    pub fn is_urban(&self) -> Option<bool> {
        if self.level() < RegionLevel::Town {
            return None;
        }
        Some(&self.0[6..9] < "100")
    }
}

/// The level of a 12-digit code: its deepest non-zero segment. `None` if the province is zero
/// or a zero segment lies above a non-zero one, with one exception: cities without counties
/// (东莞, 中山, 儋州, 嘉峪关) have towns directly below them, with county digits `00`.
fn level12(code: &str) -> Option<RegionLevel> {
    let nonzero = SEGMENTS.map(|(start, end, _)| code[start..end].bytes().any(|b| b != b'0'));
    let deepest = (0..SEGMENTS.len()).rev().find(|&i| nonzero[i])?;
    let county = 2;
    let gap_ok = |i: usize| nonzero[i] || (i == county && nonzero[county - 1]);
    if !nonzero[0] || !(0..deepest).all(gap_ok) {
        return None;
    }
    Some(SEGMENTS[deepest].2)
}

/// Adds one to a decimal digit string, keeping its width. All nines (no real region has them,
/// since province codes stop at 82) yield the prefix with its last digit replaced by `:`, which
/// still sorts after every code beginning with the prefix.
fn increment_decimal(s: &str) -> String {
    let mut digits: Vec<u8> = s.bytes().collect();
    for i in (0..digits.len()).rev() {
        if digits[i] == b'9' {
            digits[i] = b'0';
        } else {
            digits[i] += 1;
            return String::from_utf8(digits).unwrap_or_default();
        }
    }
    let mut hi = s[..s.len().saturating_sub(1)].to_string();
    hi.push(':');
    hi
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RegionCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for RegionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RegionCode::parse(&s).map_err(|e| e.to_de_error())
    }
}

// written as 12 digits (15 for a grid); read also in the short forms `parse` pads
#[cfg(feature = "openapi")]
string_schema!(
    RegionCode,
    "a region code: 12 digits from province to village, 15 for a grid (2, 4, 6 or 9 digits are read as the region they start)",
    "^[1-8][0-9]([0-9]{2}|[0-9]{4}|[0-9]{7}|[0-9]{10}|[0-9]{13})?$"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn rc(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn levels_and_prefixes() {
        let cases = [
            ("440000000000", RegionLevel::Province, "44"),
            ("440700000000", RegionLevel::City, "4407"),
            ("440705000000", RegionLevel::County, "440705"),
            ("440705001000", RegionLevel::Town, "440705001"),
            ("440705001001", RegionLevel::Village, "440705001001"),
            ("440705001001002", RegionLevel::Grid, "440705001001002"),
            ("441900003000", RegionLevel::Town, "441900003"),
            ("441900003001", RegionLevel::Village, "441900003001"),
        ];
        for (code, level, prefix) in cases {
            let c = rc(code);
            assert_eq!(c.level(), level, "{code}");
            assert_eq!(c.prefix(), prefix, "{code}");
        }
    }

    #[test]
    fn short_forms_are_padded() {
        assert_eq!(rc("44").as_str(), "440000000000");
        assert_eq!(rc("4407").as_str(), "440700000000");
        assert_eq!(rc("440705").as_str(), "440705000000");
        assert_eq!(rc(" 440705001 ").as_str(), "440705001000");
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for s in [
            "",
            "44070500100",
            "4407050010011",
            "44070500100a",
            "990000000000",
            "000000000000",
            "440005000000",
            "440005001000",
            "440705000001",
            "440705001000001",
            "440705001001000",
        ] {
            let e = RegionCode::parse(s).unwrap_err();
            assert_eq!(e.field, "region_code", "{s}");
        }
    }

    #[test]
    fn parents() {
        assert_eq!(rc("440705001001002").parent(), Some(rc("440705001001")));
        assert_eq!(rc("440705001001").parent(), Some(rc("440705001000")));
        assert_eq!(rc("440705001000").parent(), Some(rc("440705000000")));
        assert_eq!(rc("440705000000").parent(), Some(rc("440700000000")));
        assert_eq!(rc("440700000000").parent(), Some(rc("440000000000")));
        assert_eq!(rc("440000000000").parent(), None);
        assert_eq!(rc("441900003000").parent(), Some(rc("441900000000")));
    }

    #[test]
    fn containment() {
        let county = rc("440705000000");
        assert!(county.contains(&county));
        assert!(county.contains(&rc("440705001001")));
        assert!(county.contains(&rc("440705001001002")));
        assert!(!county.contains(&rc("440703001001")));
        assert!(!rc("440705001001").contains(&county));
        assert!(rc("440705001001").contains(&rc("440705001001002")));
        assert!(!rc("440705001001").contains(&rc("440705001011")));
    }

    #[test]
    fn bounds_select_exactly_the_subtree() {
        assert_eq!(
            rc("440705009000").scope_bounds(),
            ("440705009".into(), "440705010".into())
        );
        assert_eq!(
            rc("440705000000").scope_bounds(),
            ("440705".into(), "440706".into())
        );
        assert_eq!(
            rc("449900000000").scope_bounds(),
            ("4499".into(), "4500".into())
        );
        assert_eq!(increment_decimal("99"), "9:");
        let (lo, hi) = rc("440705001001").scope_bounds();
        let inside = |c: &str| c >= lo.as_str() && c < hi.as_str();
        assert!(inside("440705001001"));
        assert!(inside("440705001001999"));
        assert!(!inside("440705001002"));
        assert!(!inside("440705001000"));
    }

    #[test]
    fn ancestors() {
        let v = rc("440705001001002");
        assert_eq!(v.ancestor_at(RegionLevel::Town), Some(rc("440705001000")));
        assert_eq!(v.ancestor_at(RegionLevel::County), Some(rc("440705000000")));
        assert_eq!(v.ancestor_at(RegionLevel::Grid), Some(v.clone()));
        assert_eq!(rc("440705001000").ancestor_at(RegionLevel::Village), None);
        assert_eq!(rc("441900003001").ancestor_at(RegionLevel::County), None);
        assert_eq!(rc("440705001000").child_level(), Some(RegionLevel::Village));
        assert_eq!(v.child_level(), None);
    }

    #[test]
    fn urban_by_town_number() {
        assert_eq!(rc("440705001001").is_urban(), Some(true));
        assert_eq!(rc("440705100201").is_urban(), Some(false));
        assert_eq!(rc("440705000000").is_urban(), None);
    }

    #[test]
    fn grids() {
        assert_eq!(
            RegionCode::grid(&rc("440705001001"), 7),
            Some(rc("440705001001007"))
        );
        assert_eq!(RegionCode::grid(&rc("440705001000"), 7), None);
        assert_eq!(RegionCode::grid(&rc("440705001001"), 0), None);
    }
}
