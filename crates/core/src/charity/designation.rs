//! 定向捐赠 designations: what a donation may be spent on, and how an allocation draws on the
//! money held.
//!
//! A donor who names a project, a town or a group of beneficiaries gives money that may be spent
//! only that way (慈善法: 按照捐赠人的意愿使用). Donations with the same designation form one pool
//! (资金池); an allocation draws only on pools whose designation admits its target, and refuses
//! with the reason when they do not cover it.
//!
//! Among the pools that admit a target, the most specific are spent first (a project's own
//! donations before the town's, those before the fund's, those before undesignated money), so that
//! designated money is used for what it was given for before general money is. Within one level
//! an allocation draws on every admitting pool in proportion to what remains of it (largest
//! remainder to the fen). How a pool's draws are traced back to its donations, in proportion, is
//! `charity::pool`.
use serde::{Deserialize, Serialize};

use crate::assistance::Fen;
use super::kinds::DesignationKind;
use crate::registry::region::RegionCode;

vocabulary! {
    /// 受助对象类别 a group of beneficiaries a donation may be designated to.
    pub enum Category {
        Dibao => ("dibao", "低保家庭", "Dibao households"),
        Tekun => ("tekun", "特困人员", "Extreme-poverty persons"),
        LowIncome => ("low_income", "低收入家庭", "Low-income households"),
        Elderly => ("elderly", "困难老年人", "Elderly in hardship"),
        Disabled => ("disabled", "困难残疾人", "Disabled persons in hardship"),
        Children => ("children", "困境儿童", "Children in difficulty"),
        Students => ("students", "困难学生", "Students in hardship"),
        Disaster => ("disaster", "受灾群众", "Disaster victims"),
    }
}

/// What a donation may be spent on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Designation {
    /// 非定向: the charity decides (within its funds)
    Undesignated,
    /// a fund (基金) by its code
    Fund { fund: String },
    /// a project (项目) by its id
    Project { project: i64 },
    /// beneficiaries living in a town (or any region subtree)
    Region { region: RegionCode },
    /// a group of beneficiaries
    Category { category: Category },
}

/// What an allocation pays for: the fund it is paid from, the project (if any), and the
/// recipient's region and categories (for a household from the registry; an organisation has a
/// region and no categories).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub fund: String,
    pub project: Option<i64>,
    pub region: Option<RegionCode>,
    pub categories: Vec<Category>,
}

/// Why money cannot be spent so.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

impl Designation {
    /// How specific the designation is: spent first when higher.
    pub fn specificity(&self) -> u8 {
        match self {
            Designation::Project { .. } => 3,
            Designation::Region { .. } | Designation::Category { .. } => 2,
            Designation::Fund { .. } => 1,
            Designation::Undesignated => 0,
        }
    }

    /// How it is stored: a kind and a value (`undesignated`/"", `fund`/code, `project`/id,
    /// `region`/code, `category`/code); one pool per pair.
    pub fn parts(&self) -> (DesignationKind, String) {
        match self {
            Designation::Undesignated => (DesignationKind::Undesignated, String::new()),
            Designation::Fund { fund } => (DesignationKind::Fund, fund.clone()),
            Designation::Project { project } => (DesignationKind::Project, project.to_string()),
            Designation::Region { region } => (DesignationKind::Region, region.to_string()),
            Designation::Category { category } => (DesignationKind::Category, category.as_str().to_owned()),
        }
    }

    /// The inverse of `parts` (`None` for a pair that is not a designation).
    pub fn from_parts(kind: DesignationKind, value: &str) -> Option<Designation> {
        Some(match kind {
            DesignationKind::Undesignated if value.is_empty() => Designation::Undesignated,
            DesignationKind::Fund if !value.is_empty() => Designation::Fund { fund: value.to_owned() },
            DesignationKind::Project => Designation::Project { project: value.parse().ok()? },
            DesignationKind::Region => Designation::Region { region: RegionCode::parse(value).ok()? },
            DesignationKind::Category => Designation::Category { category: Category::parse(value)? },
            _ => return None,
        })
    }

    /// Whether money so designated may pay for `target`, and if not why (naming funds, projects
    /// and regions by their codes).
    pub fn admits(&self, target: &Target) -> Result<(), Refusal> {
        self.admits_named(target, &|_| None)
    }

    /// As `admits`, with the reason naming the fund, project or region by `name` (their display
    /// names; `None` falls back to the code).
    pub fn admits_named(&self, target: &Target, name: &dyn Fn(&Designation) -> Option<String>) -> Result<(), Refusal> {
        match self {
            Designation::Undesignated => Ok(()),
            Designation::Fund { fund } if *fund == target.fund => Ok(()),
            Designation::Fund { fund } => {
                let this = name(self).unwrap_or_else(|| fund.clone());
                let other = name(&Designation::Fund { fund: target.fund.clone() }).unwrap_or_else(|| target.fund.clone());
                Err(Refusal { code: "other_fund", zh: format!("该笔捐赠定向用于“{this}”，不能用于“{other}”"), en: format!("designated to fund {fund}, not {}", target.fund) })
            }
            Designation::Project { project } if target.project == Some(*project) => Ok(()),
            Designation::Project { project } => {
                let this = name(self).map_or_else(|| format!("项目 {project}"), |n| format!("项目“{n}”"));
                Err(Refusal { code: "other_project", zh: format!("该笔捐赠定向用于{this}，不能用于其他项目或对象"), en: format!("designated to project {project} only") })
            }
            Designation::Region { region } if target.region.as_ref().is_some_and(|r| region.contains(r)) => Ok(()),
            Designation::Region { region } => {
                let this = name(self).unwrap_or_else(|| format!("区划 {region}"));
                Err(Refusal {
                    code: "other_region",
                    zh: format!("该笔捐赠定向用于{this}的受助对象，受助对象不在该区域"),
                    en: format!("designated to beneficiaries in region {region}; the recipient is elsewhere"),
                })
            }
            Designation::Category { category } if target.categories.contains(category) => Ok(()),
            Designation::Category { category } => Err(Refusal {
                code: "other_category",
                zh: format!("该笔捐赠定向用于{}，受助对象不属于该类别", category.zh()),
                en: format!("designated to {}; the recipient is not one", category.en().to_lowercase()),
            }),
        }
    }
}

/// What remains in a pool (the donations of one designation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balance {
    pub pool_id: i64,
    pub designation: Designation,
    pub remaining: Fen,
}

/// A pool's share of an allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Draw {
    pub pool_id: i64,
    pub amount: Fen,
}

/// The draws that pay `amount` for `target` from `balances` (most specific designations first,
/// then in proportion to what remains), or the refusal naming how much is available and how much
/// is held for other uses. Nothing is taken on refusal: the caller applies the draws.
pub fn allocate(balances: &[Balance], target: &Target, amount: Fen) -> Result<Vec<Draw>, Refusal> {
    allocate_named(balances, target, amount, &|_| None)
}

/// As `allocate`, with a refusal naming funds, projects and regions by `name` (see
/// `Designation::admits_named`).
pub fn allocate_named(balances: &[Balance], target: &Target, amount: Fen, name: &dyn Fn(&Designation) -> Option<String>) -> Result<Vec<Draw>, Refusal> {
    if amount.0 <= 0 {
        return Err(Refusal { code: "amount", zh: "拨付金额须大于0".into(), en: "the amount must be positive".into() });
    }
    let mut eligible: Vec<&Balance> = Vec::new();
    let mut held = Fen::ZERO;
    let mut reasons: Vec<Refusal> = Vec::new();
    for b in balances.iter().filter(|b| b.remaining.0 > 0) {
        match b.designation.admits_named(target, name) {
            Ok(()) => eligible.push(b),
            Err(r) => {
                held += b.remaining;
                if !reasons.iter().any(|x| x.code == r.code) {
                    reasons.push(r);
                }
            }
        }
    }
    let available: i64 = eligible.iter().map(|b| b.remaining.0).sum();
    if available < amount.0 {
        let why_zh = reasons.iter().map(|r| r.zh.clone()).collect::<Vec<_>>().join("；");
        let why_en = reasons.iter().map(|r| r.en.clone()).collect::<Vec<_>>().join("; ");
        let (held_zh, held_en) = if held.0 > 0 {
            (format!("；另有{}元为定向资金，不能用于此项（{why_zh}）", held.yuan_string()), format!("; {} yuan more is designated to other uses ({why_en})", held.yuan_string()))
        } else {
            (String::new(), String::new())
        };
        return Err(Refusal {
            code: "insufficient",
            zh: format!("可用于此项的资金为{}元，不足拨付{}元{held_zh}", Fen(available).yuan_string(), amount.yuan_string()),
            en: format!("{} yuan is available for this use, less than {} yuan{held_en}", Fen(available).yuan_string(), amount.yuan_string()),
        });
    }
    let mut draws: Vec<Draw> = Vec::new();
    let mut left = amount.0;
    for level in (0..=3u8).rev() {
        if left == 0 {
            break;
        }
        let tier: Vec<&Balance> = eligible.iter().copied().filter(|b| b.designation.specificity() == level).collect();
        let total: i64 = tier.iter().map(|b| b.remaining.0).sum();
        if total == 0 {
            continue;
        }
        let take = left.min(total);
        draws.extend(proportional(&tier, take, total));
        left -= take;
    }
    Ok(draws)
}

/// `take` (≤ `total`, the sum of the balances) split in proportion to the balances: each gets the
/// floor of its share, and the fen left over go one each to the largest remainders (ties: the
/// older pool, by id). The parts sum to `take` and none exceeds its balance.
fn proportional(tier: &[&Balance], take: i64, total: i64) -> Vec<Draw> {
    let mut parts: Vec<(i64, i128, i64)> = tier
        .iter()
        .map(|b| {
            let exact = i128::from(take) * i128::from(b.remaining.0);
            let floor = exact / i128::from(total);
            (b.pool_id, exact % i128::from(total), i64::try_from(floor).unwrap_or(i64::MAX))
        })
        .collect();
    let assigned: i64 = parts.iter().map(|p| p.2).sum();
    let mut extra = take - assigned;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].1.cmp(&parts[a].1).then(parts[a].0.cmp(&parts[b].0)));
    for i in order {
        if extra == 0 {
            break;
        }
        // a zero remainder means the share is whole: adding to it could exceed the balance
        if parts[i].1 > 0 {
            parts[i].2 += 1;
            extra -= 1;
        }
    }
    parts.into_iter().filter(|p| p.2 > 0).map(|(pool_id, _, amount)| Draw { pool_id, amount: Fen(amount) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn town(code: &str) -> RegionCode {
        RegionCode::parse(code).unwrap()
    }
    fn target(fund: &str, project: Option<i64>, region: &str, categories: Vec<Category>) -> Target {
        Target { fund: fund.into(), project, region: Some(town(region)), categories }
    }
    fn bal(id: i64, d: Designation, fen: i64) -> Balance {
        Balance { pool_id: id, designation: d, remaining: Fen(fen) }
    }

    #[test]
    fn designations_round_trip_through_their_stored_parts() {
        for d in [
            Designation::Undesignated,
            Designation::Fund { fund: "ZX".into() },
            Designation::Project { project: 17 },
            Designation::Region { region: town("440703001000") },
            Designation::Category { category: Category::Children },
        ] {
            let (k, v) = d.parts();
            assert_eq!(Designation::from_parts(k, &v), Some(d));
        }
        assert_eq!(Designation::from_parts(DesignationKind::Project, "x"), None);
        assert_eq!(Designation::from_parts(DesignationKind::Fund, ""), None);
        assert_eq!(Designation::from_parts(DesignationKind::Category, "pets"), None);
        assert_eq!(Designation::from_parts(DesignationKind::Undesignated, "x"), None);
    }

    #[test]
    fn designations_admit_only_their_use() {
        let t = target("扶贫济困", Some(7), "440705001001", vec![Category::Elderly]);
        assert!(Designation::Undesignated.admits(&t).is_ok());
        assert!(Designation::Fund { fund: "扶贫济困".into() }.admits(&t).is_ok());
        assert_eq!(Designation::Fund { fund: "助学".into() }.admits(&t).unwrap_err().code, "other_fund");
        assert!(Designation::Project { project: 7 }.admits(&t).is_ok());
        assert_eq!(Designation::Project { project: 8 }.admits(&t).unwrap_err().code, "other_project");
        assert!(Designation::Region { region: town("440705001000") }.admits(&t).is_ok());
        let r = Designation::Region { region: town("440705102000") }.admits(&t).unwrap_err();
        assert_eq!(r.code, "other_region");
        assert!(r.zh.contains("440705102000"));
        assert!(Designation::Category { category: Category::Elderly }.admits(&t).is_ok());
        assert_eq!(Designation::Category { category: Category::Children }.admits(&t).unwrap_err().code, "other_category");
        // an organisation (no region) cannot take money designated to a town
        let org = Target { fund: "扶贫济困".into(), project: None, region: None, categories: vec![] };
        assert!(Designation::Region { region: town("440705001000") }.admits(&org).is_err());
    }

    #[test]
    fn designated_money_first_then_in_proportion() {
        // 会城 elder: 300.00 yuan. The project's own 100.00 first, then the town's 150.00 and the
        // elders' 50.00 (both level 2: 200.00 in the proportion 3:1 → 150.00 and 50.00, all of
        // them), then nothing from the 1,000.00 undesignated.
        let t = target("扶贫济困", Some(7), "440705001001", vec![Category::Elderly]);
        let balances = vec![
            bal(1, Designation::Undesignated, 100_000),
            bal(2, Designation::Project { project: 7 }, 10_000),
            bal(3, Designation::Region { region: town("440705001000") }, 15_000),
            bal(4, Designation::Category { category: Category::Elderly }, 5_000),
            bal(5, Designation::Category { category: Category::Children }, 50_000),
        ];
        let draws = allocate(&balances, &t, Fen(30_000)).unwrap();
        assert_eq!(draws, vec![Draw { pool_id: 2, amount: Fen(10_000) }, Draw { pool_id: 3, amount: Fen(15_000) }, Draw { pool_id: 4, amount: Fen(5_000) }]);
        // 310.00: 10.00 more from the undesignated money
        let draws = allocate(&balances, &t, Fen(31_000)).unwrap();
        assert_eq!(draws.last(), Some(&Draw { pool_id: 1, amount: Fen(1_000) }));
    }

    #[test]
    fn pooled_shares_are_proportional_to_the_fen() {
        // three undesignated donations of 100.00, 200.00 and 700.00 pay 100.01:
        // exact shares 10.001, 20.002, 70.007 → floors 1000, 2000, 7000 fen and 1 fen left for the
        // largest remainder (the 700.00 donation: 0.7 fen)
        let t = target("扶贫济困", None, "440705001001", vec![]);
        let balances = vec![bal(1, Designation::Undesignated, 10_000), bal(2, Designation::Undesignated, 20_000), bal(3, Designation::Undesignated, 70_000)];
        let draws = allocate(&balances, &t, Fen(10_001)).unwrap();
        assert_eq!(draws, vec![Draw { pool_id: 1, amount: Fen(1_000) }, Draw { pool_id: 2, amount: Fen(2_000) }, Draw { pool_id: 3, amount: Fen(7_001) }]);
    }

    #[test]
    fn refusals_name_what_the_money_is_for() {
        let t = target("FPJK", None, "440705001001", vec![]);
        let name = |d: &Designation| match d {
            Designation::Fund { fund } if fund == "ZX" => Some("助学基金".to_owned()),
            Designation::Fund { fund } if fund == "FPJK" => Some("扶贫济困基金".to_owned()),
            Designation::Project { project: 7 } => Some("春节慰问".to_owned()),
            Designation::Region { .. } => Some("司前镇".to_owned()),
            _ => None,
        };
        let r = Designation::Fund { fund: "ZX".into() }.admits_named(&t, &name).unwrap_err();
        assert_eq!(r.zh, "该笔捐赠定向用于“助学基金”，不能用于“扶贫济困基金”");
        assert!(Designation::Project { project: 7 }.admits_named(&t, &name).unwrap_err().zh.contains("项目“春节慰问”"));
        assert!(Designation::Region { region: town("440705102000") }.admits_named(&t, &name).unwrap_err().zh.contains("用于司前镇的受助对象"));
        // without names, the codes
        assert!(Designation::Project { project: 8 }.admits(&t).unwrap_err().zh.contains("项目 8"));
        let balances = vec![bal(1, Designation::Fund { fund: "ZX".into() }, 5_000)];
        let r = allocate_named(&balances, &t, Fen(100), &name).unwrap_err();
        assert!(r.zh.contains("助学基金") && r.zh.contains("50.00元"), "{}", r.zh);
    }

    #[test]
    fn refusals_say_what_is_available_and_held() {
        let t = target("扶贫济困", None, "440705001001", vec![Category::Dibao]);
        let balances = vec![bal(1, Designation::Undesignated, 5_000), bal(2, Designation::Category { category: Category::Children }, 80_000)];
        let r = allocate(&balances, &t, Fen(10_000)).unwrap_err();
        assert_eq!(r.code, "insufficient");
        assert!(r.zh.contains("50.00元") && r.zh.contains("100.00元") && r.zh.contains("800.00元") && r.zh.contains("困境儿童"), "{}", r.zh);
        assert_eq!(allocate(&balances, &t, Fen(0)).unwrap_err().code, "amount");
        assert_eq!(allocate(&balances, &t, Fen(-5)).unwrap_err().code, "amount");
    }

    fn designation() -> impl Strategy<Value = Designation> {
        prop_oneof![
            Just(Designation::Undesignated),
            prop_oneof![Just("扶贫济困"), Just("助学")].prop_map(|f| Designation::Fund { fund: f.into() }),
            (1i64..4).prop_map(|p| Designation::Project { project: p }),
            prop_oneof![Just("440705001000"), Just("440705102000")].prop_map(|r| Designation::Region { region: town(r) }),
            prop_oneof![Just(Category::Elderly), Just(Category::Children)].prop_map(|c| Designation::Category { category: c }),
        ]
    }

    fn target_strategy() -> impl Strategy<Value = Target> {
        (
            prop_oneof![Just("扶贫济困"), Just("助学")],
            proptest::option::of(1i64..4),
            prop_oneof![Just("440705001001"), Just("440705102201")],
            proptest::collection::vec(prop_oneof![Just(Category::Elderly), Just(Category::Children)], 0..2),
        )
            .prop_map(|(f, p, r, c)| target(f, p, r, c))
    }

    proptest! {
        /// However allocations follow each other, no pool is ever spent beyond what was given to it,
        /// every draw respects its pool's designation, and an allocation pays exactly its amount.
        #[test]
        fn allocations_never_exceed_donations_per_designation(
            donations in proptest::collection::vec((designation(), 1i64..1_000_000), 1..12),
            allocations in proptest::collection::vec((target_strategy(), 1i64..2_000_000), 1..20),
        ) {
            let mut balances: Vec<Balance> = donations.iter().enumerate().map(|(i, (d, fen))| bal(i as i64 + 1, d.clone(), *fen)).collect();
            let mut spent = vec![0i64; balances.len()];
            for (t, amount) in &allocations {
                match allocate(&balances, t, Fen(*amount)) {
                    Ok(draws) => {
                        prop_assert_eq!(draws.iter().map(|d| d.amount.0).sum::<i64>(), *amount);
                        for d in &draws {
                            let i = (d.pool_id - 1) as usize;
                            prop_assert!(d.amount.0 > 0);
                            prop_assert!(balances[i].designation.admits(t).is_ok());
                            prop_assert!(d.amount <= balances[i].remaining);
                            balances[i].remaining -= d.amount;
                            spent[i] += d.amount.0;
                        }
                    }
                    Err(r) => {
                        // refused only when the admitting money does not cover it
                        let available: i64 = balances.iter().filter(|b| b.designation.admits(t).is_ok()).map(|b| b.remaining.0).sum();
                        prop_assert!(r.code == "insufficient" && available < *amount);
                    }
                }
            }
            for (i, (_, fen)) in donations.iter().enumerate() {
                prop_assert!(spent[i] <= *fen);
                prop_assert_eq!(spent[i] + balances[i].remaining.0, *fen);
            }
        }
    }
}
