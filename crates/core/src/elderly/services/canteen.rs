//! 长者食堂 elder canteens: the 分层次补贴 (tiered meal subsidy, seeds 000 and 004) per meal, by age
//! and status. One subsidised meal per person per meal slot per day (the store's unique key).
//!
//! The scheme (docs/elderly-services.md), Guangdong-style: the highest tier that applies wins.
//! - `top` 特困 elders and everyone aged 90+: `canteen.subsidy.top` (default 1000 fen a meal);
//! - `needy` elders of dibao or low-income households: `canteen.subsidy.needy` (800);
//! - `aged80` aged 80–89: `canteen.subsidy.aged80` (500);
//! - `base` other elders aged 60+ with local 户籍: `canteen.subsidy.base` (300);
//! - `none` under 60, or an age tier without local 户籍: no subsidy, the full price.
//!
//! Status tiers (特困, 低保, 低收入) are the district's own cases and so its own charge; the age tiers
//! need the elder's 户籍 in the canteen's district. The subsidy never exceeds the price: the elder
//! pays price − subsidy, never below 0.
use serde::{Deserialize, Serialize};

use super::emergency::ELDERLY_AGE;
use crate::assistance::YearMonth;
use crate::assistance::means::Line;
use crate::assistance::policy::{ParamKey, ParamUse, PolicySet};
use crate::assistance::Fen;
use crate::registry::region::RegionCode;

vocabulary! {
    /// 助餐补贴档次 the subsidy tier of a meal.
pub enum MealTier {
        Top => ("top", "特困、90岁以上老人", "Tekun elders and aged 90+"),
        Needy => ("needy", "低保、低收入老人", "Dibao and low-income elders"),
        Aged80 => ("aged80", "80岁以上老人", "Aged 80+"),
        Base => ("base", "60岁以上本地户籍老人", "Local elders aged 60+"),
        None => ("none", "不享受补贴", "No subsidy"),
    }
}

impl MealTier {
    /// The parameter holding the tier's amount per meal.
    pub fn param_key(self) -> Option<ParamKey> {
        match self {
            MealTier::Top => Some(ParamKey::CanteenSubsidyTop),
            MealTier::Needy => Some(ParamKey::CanteenSubsidyNeedy),
            MealTier::Aged80 => Some(ParamKey::CanteenSubsidyAged80),
            MealTier::Base => Some(ParamKey::CanteenSubsidyBase),
            MealTier::None => None,
        }
    }
}

vocabulary! {
    /// 餐次 meal slot.
    pub enum MealSlot {
        Breakfast => ("breakfast", "早餐", "Breakfast"),
        Lunch => ("lunch", "午餐", "Lunch"),
        Dinner => ("dinner", "晚餐", "Dinner"),
    }
}

/// What the tier rule looks at for one diner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DinerFacts {
    pub age: u32,
    /// 户籍 in the canteen's district
    pub local_hukou: bool,
    pub tekun: bool,
    pub dibao: bool,
    pub low_income: bool,
}

/// The tier that applies (the highest).
pub fn tier(f: &DinerFacts) -> MealTier {
    if f.age < ELDERLY_AGE {
        return MealTier::None;
    }
    if f.tekun || (f.age >= 90 && f.local_hukou) {
        MealTier::Top
    } else if f.dibao || f.low_income {
        MealTier::Needy
    } else if f.age >= 80 && f.local_hukou {
        MealTier::Aged80
    } else if f.local_hukou {
        MealTier::Base
    } else {
        MealTier::None
    }
}

/// A meal's subsidy, explained.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MealSubsidy {
    pub tier: MealTier,
    pub price: Fen,
    pub subsidy: Fen,
    pub elder_pays: Fen,
    /// the tier's parameter as used (none for tier `none`)
    pub param: Option<ParamUse>,
    pub explanation: Vec<Line>,
}

/// The subsidy of one meal at `price` in `region` (the canteen's) in `month`.
pub fn subsidy(f: &DinerFacts, price: Fen, policy: &PolicySet, region: &RegionCode, month: YearMonth) -> MealSubsidy {
    let tier = tier(f);
    let param = tier.param_key().map(|k| policy.get(k, region, month));
    let amount = Fen(param.as_ref().map_or(0, |p| p.value.max(0)));
    let subsidy = amount.min(Fen(price.0.max(0)));
    let elder_pays = Fen((price.0 - subsidy.0).max(0));
    let mut explanation = vec![Line {
        zh: format!(
            "{}岁，{}户籍{}{}{}：补贴档次“{}”",
            f.age,
            if f.local_hukou { "本地" } else { "非本地" },
            if f.tekun { "，特困人员" } else { "" },
            if f.dibao { "，低保对象" } else { "" },
            if f.low_income { "，低收入家庭" } else { "" },
            tier.zh()
        ),
        en: format!(
            "aged {}, {} hukou{}{}{}: tier {}",
            f.age,
            if f.local_hukou { "local" } else { "non-local" },
            if f.tekun { ", tekun" } else { "" },
            if f.dibao { ", dibao" } else { "" },
            if f.low_income { ", low-income" } else { "" },
            tier.as_str()
        ),
    }];
    match &param {
        Some(p) => {
            let source_zh = p.param_id.map_or("全国默认值".to_owned(), |id| format!("参数#{id}（{}，{}起）", p.region_prefix.clone().unwrap_or_default(), p.effective.map(|m| m.to_string()).unwrap_or_default()));
            let source_en = p.param_id.map_or("national default".to_owned(), |id| format!("parameter #{id} ({}, from {})", p.region_prefix.clone().unwrap_or_default(), p.effective.map(|m| m.to_string()).unwrap_or_default()));
            explanation.push(Line {
                zh: format!("每餐补贴 {} 元（{} {}）", amount.yuan_string(), p.key.as_str(), source_zh),
                en: format!("subsidy {} yuan a meal ({} {})", amount.yuan_string(), p.key.as_str(), source_en),
            });
        }
        None => explanation.push(Line { zh: "不享受助餐补贴，按餐价全额自付".into(), en: "no meal subsidy: the elder pays the full price".into() }),
    }
    explanation.push(Line {
        zh: format!("餐价 {} 元 − 补贴 {} 元 = 个人支付 {} 元", price.yuan_string(), subsidy.yuan_string(), elder_pays.yuan_string()),
        en: format!("price {} − subsidy {} = elder pays {} yuan", price.yuan_string(), subsidy.yuan_string(), elder_pays.yuan_string()),
    });
    if subsidy < amount {
        explanation.push(Line { zh: "补贴以餐价为限".into(), en: "the subsidy is capped at the price".into() });
    }
    MealSubsidy { tier, price, subsidy, elder_pays, param, explanation }
}

/// A canteen's month: meals and subsidy by tier, and the total the district pays the canteen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub meals: i64,
    pub subsidy: Fen,
    pub paid_by_elders: Fen,
    pub lines: Vec<SettlementLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettlementLine {
    pub tier: MealTier,
    pub meals: i64,
    pub subsidy: Fen,
    pub paid_by_elders: Fen,
}

/// Sums the meals of a month, (tier, subsidy, paid by elder) each, into a settlement by tier
/// (tiers in the order of `MealTier::ALL`, tiers without meals left out).
pub fn settle(meals: &[(MealTier, Fen, Fen)]) -> Settlement {
    let mut s = Settlement::default();
    for t in MealTier::ALL {
        let mine: Vec<_> = meals.iter().filter(|m| m.0 == *t).collect();
        if mine.is_empty() {
            continue;
        }
        let line = SettlementLine { tier: *t, meals: mine.len() as i64, subsidy: mine.iter().map(|m| m.1).sum(), paid_by_elders: mine.iter().map(|m| m.2).sum() };
        s.meals += line.meals;
        s.subsidy += line.subsidy;
        s.paid_by_elders += line.paid_by_elders;
        s.lines.push(line);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistance::policy::PolicyParam;

    fn local(age: u32) -> DinerFacts {
        DinerFacts { age, local_hukou: true, ..Default::default() }
    }

    #[test]
    fn tiers() {
        assert_eq!(tier(&local(59)), MealTier::None);
        assert_eq!(tier(&local(60)), MealTier::Base);
        assert_eq!(tier(&local(79)), MealTier::Base);
        assert_eq!(tier(&local(80)), MealTier::Aged80);
        assert_eq!(tier(&local(90)), MealTier::Top);
        assert_eq!(tier(&DinerFacts { dibao: true, ..local(65) }), MealTier::Needy);
        assert_eq!(tier(&DinerFacts { low_income: true, ..local(85) }), MealTier::Needy);
        assert_eq!(tier(&DinerFacts { tekun: true, ..local(61) }), MealTier::Top);
        // non-local: no age tier; a status tier still applies
        assert_eq!(tier(&DinerFacts { age: 92, ..Default::default() }), MealTier::None);
        assert_eq!(tier(&DinerFacts { age: 70, dibao: true, ..Default::default() }), MealTier::Needy);
        assert_eq!(tier(&DinerFacts { age: 50, tekun: true, ..Default::default() }), MealTier::None);
    }

    #[test]
    fn subsidies_by_hand() {
        let region = RegionCode::parse("440705001001").unwrap();
        let month = YearMonth::new(2026, 3).unwrap();
        let p = PolicySet::default();
        // a 12-yuan lunch: 60+ local pays 12 − 3 = 9; 80+ 12 − 5 = 7; dibao 12 − 8 = 4; tekun 12 − 10 = 2
        let price = Fen(1200);
        let pays = |f: DinerFacts| {
            let s = subsidy(&f, price, &p, &region, month);
            (s.tier, s.subsidy.0, s.elder_pays.0)
        };
        assert_eq!(pays(local(66)), (MealTier::Base, 300, 900));
        assert_eq!(pays(local(83)), (MealTier::Aged80, 500, 700));
        assert_eq!(pays(DinerFacts { dibao: true, ..local(70) }), (MealTier::Needy, 800, 400));
        assert_eq!(pays(DinerFacts { tekun: true, ..local(70) }), (MealTier::Top, 1000, 200));
        assert_eq!(pays(local(91)), (MealTier::Top, 1000, 200));
        assert_eq!(pays(local(40)), (MealTier::None, 0, 1200));
        // an 8-yuan breakfast for a 90+ elder: the subsidy is capped at the price, the elder pays 0
        let s = subsidy(&local(95), Fen(800), &p, &region, month);
        assert_eq!((s.subsidy.0, s.elder_pays.0), (800, 0));
        assert!(s.explanation.iter().any(|l| l.zh.contains("以餐价为限")));
        // a district's own amount, with its version in the explanation
        let set = PolicySet::new(vec![PolicyParam { id: 41, key: ParamKey::CanteenSubsidyBase, region_prefix: "440705".into(), effective: YearMonth::new(2026, 1).unwrap(), value: 400 }]);
        let s = subsidy(&local(66), price, &set, &region, month);
        assert_eq!((s.subsidy.0, s.elder_pays.0), (400, 800));
        assert_eq!(s.param.as_ref().and_then(|u| u.param_id), Some(41));
        assert!(s.explanation[1].zh.contains("参数#41"), "{:?}", s.explanation);
    }

    #[test]
    fn settlement_by_tier() {
        // two base lunches (300 + 300, elders 900 + 900) and one top (1000, elder 200)
        let s = settle(&[(MealTier::Base, Fen(300), Fen(900)), (MealTier::Top, Fen(1000), Fen(200)), (MealTier::Base, Fen(300), Fen(900))]);
        assert_eq!((s.meals, s.subsidy.0, s.paid_by_elders.0), (3, 1600, 2000));
        assert_eq!(s.lines.iter().map(|l| (l.tier, l.meals, l.subsidy.0)).collect::<Vec<_>>(), vec![(MealTier::Top, 1, 1000), (MealTier::Base, 2, 600)]);
        assert_eq!(settle(&[]).meals, 0);
    }
}
