//! 统计用区划代码 the national region codes the program ships (data/regions, NBS 2023), embedded in
//! the binary so that `minzheng demo --district CODE` works anywhere.
use minzheng_core::registry::region::{RegionCode, RegionLevel};

const PROVINCES: &str = include_str!("../../../../data/regions/provinces.csv");
const CITIES: &str = include_str!("../../../../data/regions/cities.csv");
const AREAS: &str = include_str!("../../../../data/regions/areas.csv");
const STREETS: &str = include_str!("../../../../data/regions/streets.csv");
const VILLAGES: &str = include_str!("../../../../data/regions/villages-sample.csv");

/// A region as the reference data gives it.
#[derive(Debug, Clone)]
pub struct RegionRow {
    pub code: RegionCode,
    pub name: String,
    pub level: RegionLevel,
    pub parent: Option<RegionCode>,
}

fn rows(csv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(|f| f.trim().trim_matches('"')).collect())
}

fn row(code: &str, name: &str) -> Option<RegionRow> {
    let code = RegionCode::parse(code).ok()?;
    Some(RegionRow { level: code.level(), parent: code.parent(), code, name: name.to_owned() })
}

/// The province, city and county of `county6`, its towns, and its villages where shipped.
/// `None` if the county code is unknown.
pub fn district_tree(county6: &str) -> Option<Vec<RegionRow>> {
    let county = rows(AREAS).find(|r| r.first() == Some(&county6))?;
    let (city4, province2) = (county.get(2)?.to_string(), county.get(3)?.to_string());
    let mut out = Vec::new();
    out.extend(rows(PROVINCES).filter(|r| r[0] == province2).filter_map(|r| row(r[0], r[1])));
    out.extend(rows(CITIES).filter(|r| r[0] == city4).filter_map(|r| row(r[0], r[1])));
    out.extend(row(county6, county.get(1)?));
    out.extend(rows(STREETS).filter(|r| r.get(2) == Some(&county6)).filter_map(|r| row(r[0], r[1])));
    out.extend(rows(VILLAGES).filter(|r| r.get(5) == Some(&county6)).filter_map(|r| row(r[0], r[1])));
    Some(out)
}

/// Whether villages are shipped for `county6` (the three demo districts).
pub fn has_villages(county6: &str) -> bool {
    rows(VILLAGES).any(|r| r.get(5) == Some(&county6))
}

#[cfg(test)]
mod tests {
    #[test]
    fn xinhui_tree_has_towns_and_villages() {
        let tree = super::district_tree("440705").expect("新会区 is shipped");
        assert!(tree.iter().any(|r| r.name == "会城街道"));
        assert!(tree.iter().any(|r| r.name == "司前镇"));
        assert_eq!(tree.iter().filter(|r| r.code.as_str() == "440705000000").count(), 1);
        assert!(tree.iter().filter(|r| r.level == minzheng_core::registry::region::RegionLevel::Village).count() > 100);
        assert!(super::district_tree("999999").is_none());
    }
}
