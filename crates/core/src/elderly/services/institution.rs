//! 养老机构与设施 institutions and facilities: nursing homes (敬老院/养老院, public, private or
//! 公建民营), day-care centres (日间照料中心), rural happiness homes (农村幸福院) and community
//! rehabilitation centres (康园中心); their indicators and the bed subsidies of POLICY.md ([000]).
//!
//! Subsidies (docs/elderly-services.md):
//! - construction (新增床位一次性建设补贴): a private (民办) institution opened in the year receives
//!   `institution.bed_construction` (500000 fen) per bed, once;
//! - operating (运营补贴): private and 公建民营 institutions receive `institution.bed_operating`
//!   (100000 fen per bed per year) for the beds actually occupied, counted in resident-days:
//!   round(amount × resident-days ÷ days of the year). Public institutions are budget-funded and
//!   receive neither. Paying for occupied rather than all beds rewards care given, not beds built.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Ratio, mul_div_round};
use crate::assistance::means::Line;
use crate::assistance::policy::{ParamKey, ParamUse, PolicySet};
use crate::assistance::{Fen, YearMonth};
use crate::registry::region::RegionCode;

vocabulary! {
    /// 机构类型.
    pub enum InstitutionKind {
        NursingHome => ("nursing_home", "养老院（敬老院）", "Nursing home"),
        DayCare => ("day_care", "日间照料中心", "Day-care centre"),
        HappinessHome => ("happiness_home", "农村幸福院", "Rural happiness home"),
        RehabCentre => ("rehab_centre", "康园中心", "Community rehabilitation centre"),
    }
}

vocabulary! {
    /// 运营性质.
    pub enum Ownership {
        Public => ("public", "公办", "Public"),
        Private => ("private", "民办", "Private"),
        PublicPrivate => ("public_private", "公建民营", "Publicly built, privately run"),
    }
}

vocabulary! {
    /// 补贴类型.
pub enum SubsidyKind {
        Construction => ("construction", "建设补贴（新增床位）", "Construction (new beds)"),
        Operating => ("operating", "运营补贴", "Operating"),
    }
}

/// A town's indicators.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicators {
    /// beds of active institutions ÷ residents aged 60+, per thousand (tenths: 390 = 39.0‰)
    pub beds_per_1000: Ratio,
    /// current residents ÷ beds, percent in tenths
    pub occupancy: Ratio,
    /// 集中供养率: 特困 persons living in an institution ÷ all 特困 persons, percent in tenths
    pub concentrated_rate: Ratio,
}

/// The indicators of one area from its counts.
pub fn indicators(beds: i64, elderly: i64, residents: i64, tekun_in_institutions: i64, tekun_all: i64) -> Indicators {
    Indicators { beds_per_1000: Ratio::new(beds, elderly, 1000), occupancy: Ratio::new(residents, beds, 100), concentrated_rate: Ratio::new(tekun_in_institutions, tekun_all, 100) }
}

/// What a subsidy looks at: the institution and its residents' stays.
#[derive(Clone, Debug)]
pub struct InstitutionFacts {
    pub ownership: Ownership,
    pub beds: i64,
    pub opened_on: Option<NaiveDate>,
    /// (admitted on, left on) of every resident ever admitted
    pub stays: Vec<(NaiveDate, Option<NaiveDate>)>,
}

/// A subsidy computed for a year, explained.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subsidy {
    pub kind: SubsidyKind,
    pub year: i32,
    /// beds paid for: new beds (construction) or average occupied beds in resident-days (operating)
    pub beds: i64,
    pub resident_days: i64,
    pub amount: Fen,
    pub param: ParamUse,
    pub explanation: Vec<Line>,
}

/// Days of `year` in a stay from `admitted` to `left` (the day of leaving not counted), up to
/// `until` (inclusive: a year still running counts to today).
pub fn days_in_year(admitted: NaiveDate, left: Option<NaiveDate>, year: i32, until: NaiveDate) -> i64 {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else { return 0 };
    let start = admitted.max(first);
    // exclusive end
    let mut end = last.succ_opt().unwrap_or(last);
    if let Some(l) = left {
        end = end.min(l);
    }
    end = end.min(until.succ_opt().unwrap_or(until));
    (end - start).num_days().max(0)
}

fn year_days(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 }
}

/// The subsidies of `year` for an institution in `region`, counted up to `today`: construction
/// when a private one opened that year, operating for private and 公建民营 ones with residents.
pub fn subsidies(f: &InstitutionFacts, year: i32, today: NaiveDate, policy: &PolicySet, region: &RegionCode) -> Vec<Subsidy> {
    // the parameter in force in December of the year (or now, for the running year)
    let month = if year >= today.year() { YearMonth::of(today) } else { YearMonth::new(year, 12).unwrap_or(YearMonth::of(today)) };
    let mut out = Vec::new();
    let opened_this_year = f.opened_on.is_some_and(|d| d.year() == year && d <= today);
    if f.ownership == Ownership::Private && opened_this_year && f.beds > 0 {
        let p = policy.get(ParamKey::BedConstructionSubsidy, region, month);
        let amount = Fen(p.value.saturating_mul(f.beds));
        out.push(Subsidy {
            kind: SubsidyKind::Construction,
            year,
            beds: f.beds,
            resident_days: 0,
            amount,
            explanation: vec![
                Line { zh: format!("民办机构{}年开业，新增床位 {} 张", year, f.beds), en: format!("private institution opened in {year} with {} new beds", f.beds) },
                Line {
                    zh: format!("{} 张 × {} 元 = {} 元（一次性，参数 {}）", f.beds, Fen(p.value).yuan_string(), amount.yuan_string(), source(&p)),
                    en: format!("{} beds × {} = {} yuan (one-off, parameter {})", f.beds, Fen(p.value).yuan_string(), amount.yuan_string(), source(&p)),
                },
            ],
            param: p,
        });
    }
    if matches!(f.ownership, Ownership::Private | Ownership::PublicPrivate) {
        let resident_days: i64 = f.stays.iter().map(|(a, l)| days_in_year(*a, *l, year, today)).sum();
        if resident_days > 0 {
            let p = policy.get(ParamKey::BedOperatingSubsidy, region, month);
            let days = year_days(year);
            let amount = Fen(mul_div_round(p.value, resident_days, days));
            out.push(Subsidy {
                kind: SubsidyKind::Operating,
                year,
                // average occupied beds, rounded half up
                beds: mul_div_round(1, resident_days, days),
                resident_days,
                amount,
                explanation: vec![
                    Line { zh: format!("{}年在院老人共 {} 人日（全年 {} 天）", year, resident_days, days), en: format!("{resident_days} resident-days in {year} ({days} days)") },
                    Line {
                        zh: format!("{} 元/张·年 × {} ÷ {} = {} 元（按实际入住床位，参数 {}）", Fen(p.value).yuan_string(), resident_days, days, amount.yuan_string(), source(&p)),
                        en: format!("{} per bed-year × {resident_days} ÷ {days} = {} yuan (occupied beds, parameter {})", Fen(p.value).yuan_string(), amount.yuan_string(), source(&p)),
                    },
                ],
                param: p,
            });
        }
    }
    out
}

fn source(p: &ParamUse) -> String {
    match p.param_id {
        Some(id) => format!("{} #{id}", p.key.as_str()),
        None => format!("{} default", p.key.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn indicators_by_hand() {
        // 120 beds for 3000 elderly: 40.0‰; 90 residents in 120 beds: 75.0%; 3 of 4 tekun: 75.0%
        let i = indicators(120, 3000, 90, 3, 4);
        assert_eq!((i.beds_per_1000.tenths, i.occupancy.tenths, i.concentrated_rate.tenths), (Some(400), Some(750), Some(750)));
        // 50 beds for 1283 elderly: 38.97…‰ → 39.0
        assert_eq!(indicators(50, 1283, 0, 0, 0).beds_per_1000.display(), "39.0");
        // a town without tekun persons has no rate
        assert_eq!(indicators(0, 10, 0, 0, 0).concentrated_rate.tenths, None);
        assert_eq!(indicators(0, 10, 0, 0, 0).occupancy.tenths, None);
    }

    #[test]
    fn stay_days() {
        let today = d(2027, 6, 1);
        // all of 2026
        assert_eq!(days_in_year(d(2020, 5, 1), None, 2026, today), 365);
        // admitted 2026-12-01: 31 days
        assert_eq!(days_in_year(d(2026, 12, 1), None, 2026, today), 31);
        // 2026-03-01 to 2026-03-11 (left on the 11th): 10 days
        assert_eq!(days_in_year(d(2026, 3, 1), Some(d(2026, 3, 11)), 2026, today), 10);
        // the running year counts to today inclusive: 2027-01-01..=2027-06-01 = 152 days
        assert_eq!(days_in_year(d(2026, 1, 1), None, 2027, today), 152);
        assert_eq!(days_in_year(d(2028, 1, 1), None, 2027, today), 0);
    }

    #[test]
    fn subsidies_by_hand() {
        let region = RegionCode::parse("440705001001").unwrap();
        let today = d(2027, 2, 1);
        let policy = PolicySet::default();
        // a private home of 40 beds opened 2026-07-01: construction 40 × 500000 = 20000000;
        // two residents all of the second half (184 days each) and one for 10 days: 378
        // resident-days, operating round(100000 × 378 ÷ 365) = round(103561.6) = 103562
        let f = InstitutionFacts {
            ownership: Ownership::Private,
            beds: 40,
            opened_on: Some(d(2026, 7, 1)),
            stays: vec![(d(2026, 7, 1), None), (d(2026, 7, 1), None), (d(2026, 9, 1), Some(d(2026, 9, 11)))],
        };
        let s = subsidies(&f, 2026, today, &policy, &region);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].kind, s[0].beds, s[0].amount.0), (SubsidyKind::Construction, 40, 20_000_000));
        assert_eq!((s[1].kind, s[1].resident_days, s[1].amount.0, s[1].beds), (SubsidyKind::Operating, 378, 103_562, 1));
        // the next year: no construction; resident-days to today (2027-01-01..=02-01: 32 each, two residents)
        let s = subsidies(&f, 2027, today, &policy, &region);
        assert_eq!(s.iter().map(|x| (x.kind, x.resident_days, x.amount.0)).collect::<Vec<_>>(), vec![(SubsidyKind::Operating, 64, 17_534)]);
        // 公建民营: operating only; public: nothing
        let pp = InstitutionFacts { ownership: Ownership::PublicPrivate, ..f.clone() };
        assert_eq!(subsidies(&pp, 2026, today, &policy, &region).iter().map(|x| x.kind).collect::<Vec<_>>(), vec![SubsidyKind::Operating]);
        let public = InstitutionFacts { ownership: Ownership::Public, ..f };
        assert!(subsidies(&public, 2026, today, &policy, &region).is_empty());
    }
}
