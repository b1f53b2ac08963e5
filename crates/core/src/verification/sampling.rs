//! 入户抽查 the yearly re-inspection sample (POLICY.md; seed 001: the district visits 50% of its
//! dibao households, and its list avoids the city's 20%).
//!
//! Stratified by town: each town gives its share, so a small town is not skipped by chance. Within
//! a town, households are ranked by a hash of the seed and their id, and the first ones are taken.
//! The rank of a household depends only on the seed and its own id, so the same seed and the same
//! population give the same sample, in any order the population is listed.
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assistance::money::div_round;
use crate::audit::sha256_hex;

vocabulary! {
    /// 抽查结果 what a re-inspection found.
    pub enum VisitOutcome {
        Consistent => ("consistent", "情况属实", "As recorded"),
        Changed => ("changed", "情况有变化，需调整", "Changed, to be adjusted"),
        NotEligible => ("not_eligible", "不再符合条件", "No longer eligible"),
        Absent => ("absent", "未能入户", "Could not visit"),
    }
}

vocabulary! {
    /// 抽查类别 which list a household was drawn for.
    pub enum Sample {
        City => ("city", "市级抽查", "City sample"),
        District => ("district", "区县抽查", "District sample"),
    }
}

vocabulary! {
    /// 入户状态 whether a drawn household was visited yet.
    pub enum ItemStatus {
        Pending => ("pending", "待入户", "To visit"),
        Done => ("done", "已入户", "Visited"),
    }
}

/// Counts of one town.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TownCount {
    pub town: String,
    pub population: usize,
    pub city: usize,
    pub district: usize,
}

/// The drawn sample: (household id, town, which list), and the counts per town.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draw {
    pub items: Vec<(i64, String, Sample)>,
    pub by_town: Vec<TownCount>,
}

/// The share of `n`, rounded half up.
pub fn share_of(n: usize, permille: i64) -> usize {
    usize::try_from(div_round(i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(permille.clamp(0, 1000)), 1000)).unwrap_or(0)
}

fn rank(seed: &str, label: &str, household_id: i64) -> String {
    sha256_hex(format!("minzheng re-inspection {seed} {label} {household_id}").as_bytes())
}

/// Draws the sample. `population` is (household id, town code) of every household; `city_list`
/// is the city's sample when the city sent one (ids outside the population are ignored), else the
/// city's share is drawn here too.
pub fn draw(population: &[(i64, String)], seed: &str, city_permille: i64, district_permille: i64, city_list: Option<&[i64]>) -> Draw {
    let mut towns: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (id, town) in population {
        towns.entry(town.as_str()).or_default().push(*id);
    }
    let given: Option<BTreeSet<i64>> = city_list.map(|l| l.iter().copied().collect());
    let mut items = Vec::new();
    let mut by_town = Vec::new();
    for (town, mut ids) in towns {
        ids.sort_unstable();
        ids.dedup();
        let n = ids.len();
        let city: BTreeSet<i64> = match &given {
            Some(g) => ids.iter().copied().filter(|id| g.contains(id)).collect(),
            None => {
                let mut ranked: Vec<(String, i64)> = ids.iter().map(|&id| (rank(seed, "city", id), id)).collect();
                ranked.sort_unstable();
                ranked.into_iter().take(share_of(n, city_permille)).map(|(_, id)| id).collect()
            }
        };
        let rest: Vec<i64> = ids.iter().copied().filter(|id| !city.contains(id)).collect();
        let k = share_of(n, district_permille).min(rest.len());
        let mut ranked: Vec<(String, i64)> = rest.iter().map(|&id| (rank(seed, "district", id), id)).collect();
        ranked.sort_unstable();
        let district: Vec<i64> = ranked.into_iter().take(k).map(|(_, id)| id).collect();
        by_town.push(TownCount { town: town.to_owned(), population: n, city: city.len(), district: district.len() });
        items.extend(city.into_iter().map(|id| (id, town.to_owned(), Sample::City)));
        let mut district = district;
        district.sort_unstable();
        items.extend(district.into_iter().map(|id| (id, town.to_owned(), Sample::District)));
    }
    Draw { items, by_town }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn population() -> Vec<(i64, String)> {
        // town A 100 households, town B 7, town C 1
        let mut p: Vec<(i64, String)> = (1..=100).map(|i| (i, "A".to_string())).collect();
        p.extend((101..=107).map(|i| (i, "B".to_string())));
        p.push((200, "C".to_string()));
        p
    }

    fn ids(d: &Draw, s: Sample) -> BTreeSet<i64> {
        d.items.iter().filter(|(_, _, x)| *x == s).map(|(id, _, _)| *id).collect()
    }

    #[test]
    fn half_of_each_town_apart_from_the_citys_fifth() {
        let d = draw(&population(), "20261123", 200, 500, None);
        // A: 20 city, 50 district; B: round(1.4) = 1 city, round(3.5) = 4 district; C: round(0.2) = 0, round(0.5) = 1
        assert_eq!(
            d.by_town,
            vec![
                TownCount { town: "A".into(), population: 100, city: 20, district: 50 },
                TownCount { town: "B".into(), population: 7, city: 1, district: 4 },
                TownCount { town: "C".into(), population: 1, city: 0, district: 1 },
            ]
        );
        assert!(ids(&d, Sample::City).is_disjoint(&ids(&d, Sample::District)));
        for (id, town, _) in &d.items {
            assert!(population().contains(&(*id, town.clone())));
        }
    }

    #[test]
    fn same_seed_same_sample_in_any_order_another_seed_another_sample() {
        let a = draw(&population(), "42", 200, 500, None);
        let mut shuffled = population();
        shuffled.reverse();
        assert_eq!(a, draw(&shuffled, "42", 200, 500, None));
        let b = draw(&population(), "43", 200, 500, None);
        assert_ne!(ids(&a, Sample::District), ids(&b, Sample::District));
    }

    #[test]
    fn the_citys_list_is_excluded() {
        let city: Vec<i64> = (1..=30).chain([101, 999]).collect();
        let d = draw(&population(), "7", 200, 500, Some(&city));
        let c = ids(&d, Sample::City);
        assert_eq!(c.len(), 31, "999 is not in the population");
        let district = ids(&d, Sample::District);
        assert!(district.iter().all(|id| !city.contains(id)));
        assert_eq!(d.by_town[0].district, 50);
    }

    #[test]
    fn never_more_than_the_town_has() {
        let d = draw(&population(), "7", 600, 600, None);
        for t in &d.by_town {
            assert!(t.city + t.district <= t.population, "{t:?}");
        }
        assert_eq!(d.by_town[0].district, 40);
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(share_of(7, 500), 4);
        assert_eq!(share_of(1, 500), 1);
        assert_eq!(share_of(1, 200), 0);
        assert_eq!(share_of(0, 500), 0);
        assert_eq!(share_of(3, 1500), 3, "a share is at most the whole");
    }
}
