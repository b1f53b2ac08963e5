//! 津补贴 allowances paid to one person every month through the shared payroll: 高龄津贴 by age
//! band (the 100+ band is the centenarians' 长寿保健金), 困难残疾人生活补贴 and 重度残疾人护理补贴
//! (annual standards with the December remainder), and the basic living of orphans (孤儿) and of
//! children without factual carers (事实无人抚养儿童), concentrated or dispersed.
//!
//! The rules run inside the means test's `assess` (same explanation, parameter record and
//! conclusion), so enrolment, amount schedules, recalculation after a standard change, a death and
//! the payroll are the ones social assistance already has.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assistance::means::{Assessment, MemberFacts, MemberShare, Work, age_in, source, yuan, yuan_en};
use crate::assistance::money::div_round;
use crate::assistance::policy::ParamKey;
use crate::assistance::{Fen, Programme, YearMonth};
use crate::date::age_on;
use crate::registry::person::DisabilityKind;

vocabulary! {
    /// 儿童类别 a child's status for basic living.
pub enum ChildStatus {
        Orphan => ("orphan", "孤儿", "Orphan", ["孤儿"]),
        /// 事实无人抚养儿童: both parents unable to care (severe disability, serious illness,
        /// prison, missing…), recognised by the civil-affairs office.
        Unattended => ("unattended", "事实无人抚养儿童", "Child without factual carers", ["事实孤儿"]),
    }
}

vocabulary! {
    /// 供养方式 concentrated (in a welfare institution) or dispersed (with relatives, a foster family).
pub enum Placement {
        Concentrated => ("concentrated", "集中供养", "In an institution", ["集中"]),
        Dispersed => ("dispersed", "分散供养", "Dispersed", ["分散", "散居"]),
    }
}

/// What the allowance rules need beyond the person's own facts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceFacts {
    /// the person's household is an active dibao case (困难残疾人生活补贴 is for dibao households)
    #[serde(default)]
    pub dibao_household: bool,
    #[serde(default)]
    pub child_status: Option<ChildStatus>,
    #[serde(default)]
    pub placement: Option<Placement>,
}

/// The ages at which an allowance's amount or eligibility changes: the amount schedule adds a
/// change point at the months around each of these birthdays.
pub fn age_thresholds(programme: Programme) -> &'static [u32] {
    match programme {
        Programme::OldAge => &[80, 90, 100],
        Programme::Orphan | Programme::UnattendedChild => &[18],
        _ => &[],
    }
}

/// The months in which a person born on `birth` may cross a threshold of `programme`.
pub fn change_months(programme: Programme, birth: NaiveDate) -> Vec<YearMonth> {
    let mut out = Vec::new();
    for &age in age_thresholds(programme) {
        let year = birth.year() + i32::try_from(age).unwrap_or(i32::MAX / 2);
        // 29 February: the birthday month is February whatever the year
        let Some(first) = NaiveDate::from_ymd_opt(year, birth.month(), 1) else { continue };
        let m = YearMonth::of(first);
        out.push(m);
        out.push(m.next());
    }
    out
}

/// 高龄津贴 age: the age reached by the end of the previous month, so the allowance starts in the
/// month after the 80th (90th, 100th) birthday — 年满80周岁的次月起.
pub fn old_age_years(birth: NaiveDate, month: YearMonth) -> u32 {
    age_on(birth, month.prev().last_day())
}

/// Runs the allowance rule of `a.programme` for the one counted member.
pub(crate) fn assess(w: &mut Work<'_>, a: &mut Assessment, facts: &crate::assistance::means::HouseholdFacts, members: &[&MemberFacts]) {
    let month = a.month;
    let p = a.programme;
    let [m] = members else {
        if members.is_empty() {
            w.reason(
                "no_members",
                format!("{month}该人员不计入（已去世或无人员），不发放{}。", p.zh()),
                format!("Nobody is counted in {month}; no {}.", p.en().to_lowercase()),
            );
        } else {
            w.reason(
                "one_person",
                format!("{}按人认定，每次只能为一人办理（本次{}人）。", p.zh(), members.len()),
                format!("{} is granted per person; this request names {} persons.", p.en(), members.len()),
            );
        }
        return;
    };
    w.line(
        format!("申领人：{}，{}出生。", m.name, m.birth_date),
        format!("Person: {}, born {}.", m.name, m.birth_date),
    );
    if !m.hukou_local {
        w.reason(
            "hukou_not_local",
            format!("{}的户籍不在本地，不能在本地享受{}。", m.name, p.zh()),
            format!("{} has no local 户籍 and cannot receive the {} here.", m.name, p.en().to_lowercase()),
        );
        return;
    }
    match p {
        Programme::OldAge => old_age(w, a, m),
        Programme::DisabilityLiving => disability(w, a, m, facts.allowance.dibao_household, ParamKey::DisabilityLivingAnnual),
        Programme::DisabilityCare => disability(w, a, m, false, ParamKey::DisabilityCareAnnual),
        Programme::Orphan | Programme::UnattendedChild => child(w, a, m, &facts.allowance),
        // not an allowance: `assess` never sends these here
        Programme::Dibao | Programme::Tekun | Programme::LowIncome | Programme::Temporary | Programme::Medical => {}
    }
    if a.eligible {
        a.members = 1;
        a.shares = vec![MemberShare { person_id: m.person_id, name: m.name.clone(), base: a.monthly, increments: Fen::ZERO, total: a.monthly }];
    }
}

/// Records a stored amount and says where it came from; an amount of 0 means the region has not
/// set it, so nothing can be granted.
fn amount(w: &mut Work<'_>, key: ParamKey, zh_what: &str, en_what: &str) -> Option<Fen> {
    let used = w.param_use(key);
    let (zh_src, en_src) = source(&used);
    let v = Fen(used.value);
    if v.0 <= 0 {
        w.reason(
            "standard_not_set",
            format!("本地区尚未设定{zh_what}标准（参数 {}），暂不能发放。", key.as_str()),
            format!("The region has not set the {en_what} (parameter {}); nothing can be paid yet.", key.as_str()),
        );
        return None;
    }
    w.line(format!("{zh_what}标准为{}{zh_src}。", yuan(v)), format!("The {en_what} is {}{en_src}.", yuan_en(v)));
    Some(v)
}

/// 高龄津贴: 80–89, 90–99, 100+ (长寿保健金), per month, from the month after the birthday.
fn old_age(w: &mut Work<'_>, a: &mut Assessment, m: &MemberFacts) {
    let age = old_age_years(m.birth_date, a.month);
    let (key, zh_band, en_band) = match age {
        0..=79 => {
            w.reason(
                "under_80",
                format!("至{}月初年满{age}周岁，未满80周岁（年满80周岁的次月起发放）。", a.month),
                format!("Aged {age} before {}: under 80 (paid from the month after the 80th birthday).", a.month),
            );
            return;
        }
        80..=89 => (ParamKey::OldAge80, "80至89周岁", "aged 80–89"),
        90..=99 => (ParamKey::OldAge90, "90至99周岁", "aged 90–99"),
        _ => (ParamKey::OldAge100, "百岁老人长寿保健金", "centenarians' allowance"),
    };
    w.line(
        format!("至{}月初已满{age}周岁，属{zh_band}档。", a.month),
        format!("Aged {age} before {}: band {en_band}.", a.month),
    );
    let Some(v) = amount(w, key, &format!("高龄津贴（{zh_band}）"), &format!("old-age allowance ({en_band})")) else { return };
    if age >= 100 {
        w.line(
            "百岁老人另享医疗费用全免（POLICY.md）。".into(),
            "Centenarians' medical costs are also free (POLICY.md).".into(),
        );
    }
    a.eligible = true;
    a.standard = v;
    a.base = v;
    a.monthly = v;
}

/// 残疾人两项补贴: an annual standard paid monthly, December the rest.
fn disability(w: &mut Work<'_>, a: &mut Assessment, m: &MemberFacts, dibao_household: bool, key: ParamKey) {
    let Some(grade) = m.disability_grade else {
        w.reason("no_disability", format!("{}未持有残疾人证。", m.name), format!("{} holds no disability certificate.", m.name));
        return;
    };
    let kind = m.disability_kind;
    let kind_zh = kind.map_or("残疾", |k| k.zh());
    w.line(format!("持有{kind_zh}{grade}级残疾人证。", ), format!("Holds a grade {grade} disability certificate ({}).", kind.map_or("unknown kind", |k| k.en())));
    let (zh_what, en_what) = if key == ParamKey::DisabilityLivingAnnual {
        if !dibao_household {
            w.reason(
                "not_dibao_household",
                "困难残疾人生活补贴发给低保家庭中的残疾人，该人员家庭不在低保。".into(),
                "The living allowance is for disabled members of dibao households; this household is not on dibao.".into(),
            );
            return;
        }
        w.line("所在家庭为低保家庭。".into(), "The household is on dibao.".into());
        ("困难残疾人生活补贴", "disability living allowance")
    } else {
        let severe = matches!(grade, 1 | 2);
        let mental = matches!(grade, 3 | 4) && matches!(kind, Some(DisabilityKind::Intellectual | DisabilityKind::Mental));
        if !(severe || mental) {
            w.reason(
                "not_severe",
                "重度残疾人护理补贴发给一、二级残疾人和三、四级智力、精神残疾人。".into(),
                "The care subsidy is for grade 1–2 disability and grade 3–4 intellectual or mental disability.".into(),
            );
            return;
        }
        ("重度残疾人护理补贴", "severe disability care subsidy")
    };
    let Some(annual) = amount(w, key, &format!("{zh_what}（年）"), &format!("{en_what} (per year)")) else { return };
    let monthly = Fen(div_round(annual.0, 12));
    let december = Fen(Assessment::due_for(monthly.0, Some(annual.0), 12));
    w.line(
        format!("按月发放：1至11月每月 {} ÷ 12 = {}（四舍五入到分），12月发放余额 {} − {} × 11 = {}，全年合计{}。", yuan(annual), yuan(monthly), yuan(annual), yuan(monthly), yuan(december), yuan(annual)),
        format!(
            "Paid monthly: January to November {} ÷ 12 = {} (rounded to the fen), December the rest {} − {} × 11 = {}; the year sums to {}.",
            yuan_en(annual),
            yuan_en(monthly),
            yuan_en(annual),
            yuan_en(monthly),
            yuan_en(december),
            yuan_en(annual)
        ),
    );
    a.eligible = true;
    a.standard = annual;
    a.base = monthly;
    a.monthly = monthly;
    a.annual = Some(annual);
}

/// 孤儿 / 事实无人抚养儿童 basic living: under 18; concentrated or dispersed standard (children
/// without factual carers as dispersed orphans).
fn child(w: &mut Work<'_>, a: &mut Assessment, m: &MemberFacts, f: &AllowanceFacts) {
    let age = age_in(m, a.month);
    if age >= 18 {
        w.reason("adult", format!("{}月初已满{age}周岁，不再属于儿童。", a.month), format!("Aged {age} at the start of {}: no longer a child.", a.month));
        return;
    }
    let wanted = if a.programme == Programme::Orphan { ChildStatus::Orphan } else { ChildStatus::Unattended };
    if f.child_status != Some(wanted) {
        w.reason(
            "child_status",
            format!("未认定为{}（当前：{}）。", wanted.zh(), f.child_status.map_or("未认定", |c| c.zh())),
            format!("Not recognised as: {} (now: {}).", wanted.en().to_lowercase(), f.child_status.map_or("none", |c| c.en())),
        );
        return;
    }
    let placement = if wanted == ChildStatus::Unattended { Placement::Dispersed } else { f.placement.unwrap_or(Placement::Dispersed) };
    w.line(
        format!("{age}周岁，认定为{}，{}。", wanted.zh(), placement.zh()),
        format!("Aged {age}, recognised as {}, {}.", wanted.en().to_lowercase(), placement.en().to_lowercase()),
    );
    if wanted == ChildStatus::Unattended {
        w.line("事实无人抚养儿童参照分散供养孤儿标准发放（POLICY.md）。".into(), "Children without factual carers are paid as dispersed orphans (POLICY.md).".into());
    }
    let key = if placement == Placement::Concentrated { ParamKey::OrphanConcentrated } else { ParamKey::OrphanDispersed };
    let Some(v) = amount(w, key, &format!("孤儿基本生活费（{}）", placement.zh()), &format!("orphans' basic living ({})", placement.en().to_lowercase())) else { return };
    a.eligible = true;
    a.standard = v;
    a.base = v;
    a.monthly = v;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistance::means::{HouseholdFacts, Request, assess as run_assess};
    use crate::assistance::money::monthly_share_of_annual;
    use crate::assistance::policy::{PolicyParam, PolicySet};
    use crate::registry::person::Relation;
    use crate::registry::region::RegionCode;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }
    fn xinhui() -> RegionCode {
        RegionCode::parse("440705001001").unwrap()
    }
    fn person(birth: NaiveDate) -> MemberFacts {
        MemberFacts {
            person_id: 7,
            name: "梁桂英".into(),
            relation: Relation::Head,
            birth_date: birth,
            death_date: None,
            hukou_local: true,
            disability_kind: None,
            disability_grade: None,
            serious_illness: false,
            able_to_work: false,
            has_supporter: true,
            self_care: None,
        }
    }
    fn facts(m: MemberFacts, allowance: AllowanceFacts) -> HouseholdFacts {
        HouseholdFacts { members: vec![m], allowance, ..Default::default() }
    }
    fn policy() -> PolicySet {
        let p = |id, key, value| PolicyParam { id, key, region_prefix: "440705".into(), effective: ym(2024, 1), value };
        PolicySet::new(vec![p(1, ParamKey::OldAge80, 5000), p(2, ParamKey::OldAge90, 10000), p(3, ParamKey::OldAge100, 50000)])
    }
    fn run(p: Programme, f: &HouseholdFacts, policy: &PolicySet, m: YearMonth) -> Assessment {
        run_assess(p, &xinhui(), f, &Request::default(), policy, m)
    }

    #[test]
    fn old_age_starts_the_month_after_the_birthday() {
        // born 15 March 1946: 80 on 15 March 2026, paid from April 2026
        let f = facts(person(d(1946, 3, 15)), AllowanceFacts::default());
        let march = run(Programme::OldAge, &f, &policy(), ym(2026, 3));
        assert!(!march.eligible && march.reasons[0].code == "under_80");
        let april = run(Programme::OldAge, &f, &policy(), ym(2026, 4));
        assert!(april.eligible);
        assert_eq!(april.monthly, Fen(5000));
        assert_eq!(april.params.iter().find(|u| u.key == ParamKey::OldAge80).and_then(|u| u.param_id), Some(1));
        // born on the first of a month: the birthday month itself is still not paid
        let f = facts(person(d(1946, 3, 1)), AllowanceFacts::default());
        assert!(!run(Programme::OldAge, &f, &policy(), ym(2026, 3)).eligible);
        assert!(run(Programme::OldAge, &f, &policy(), ym(2026, 4)).eligible);
    }

    #[test]
    fn old_age_bands_and_centenarians() {
        let f = facts(person(d(1936, 6, 30)), AllowanceFacts::default());
        // 90 on 30 June 2026: June still pays the 80–89 band, July the 90–99 band
        assert_eq!(run(Programme::OldAge, &f, &policy(), ym(2026, 6)).monthly, Fen(5000));
        assert_eq!(run(Programme::OldAge, &f, &policy(), ym(2026, 7)).monthly, Fen(10000));
        let f = facts(person(d(1925, 1, 10)), AllowanceFacts::default());
        let a = run(Programme::OldAge, &f, &policy(), ym(2026, 1));
        assert_eq!(a.monthly, Fen(50000));
        assert!(a.explanation.iter().any(|l| l.zh.contains("医疗费用全免")));
        assert!(a.explanation.last().unwrap().zh.contains("每月发放500.00元"));
    }

    #[test]
    fn old_age_needs_a_local_hukou_and_a_standard() {
        let mut m = person(d(1940, 1, 1));
        m.hukou_local = false;
        let a = run(Programme::OldAge, &facts(m, AllowanceFacts::default()), &policy(), ym(2026, 1));
        assert_eq!(a.reasons[0].code, "hukou_not_local");
        // the national default is 0: nothing to pay until the region sets it
        let a = run(Programme::OldAge, &facts(person(d(1940, 1, 1)), AllowanceFacts::default()), &PolicySet::default(), ym(2026, 1));
        assert!(!a.eligible);
        assert_eq!(a.reasons[0].code, "standard_not_set");
        assert!(a.reasons[0].zh.contains("old_age.80"));
    }

    #[test]
    fn disability_living_allowance_needs_a_dibao_household_and_keeps_the_december_rest() {
        let mut m = person(d(1970, 5, 5));
        m.disability_grade = Some(3);
        m.disability_kind = Some(DisabilityKind::Physical);
        let not_dibao = run(Programme::DisabilityLiving, &facts(m.clone(), AllowanceFacts::default()), &PolicySet::default(), ym(2026, 1));
        assert_eq!(not_dibao.reasons[0].code, "not_dibao_household");
        let f = facts(m, AllowanceFacts { dibao_household: true, ..Default::default() });
        let a = run(Programme::DisabilityLiving, &f, &PolicySet::default(), ym(2026, 1));
        // 208400 ÷ 12 = 17366.67 → 17367; December 208400 − 17367 × 11 = 17363
        assert_eq!(a.monthly, Fen(17367));
        assert_eq!(a.annual, Some(Fen(208_400)));
        assert_eq!(Assessment::due_for(a.monthly.0, Some(208_400), 12), 17363);
        assert_eq!((1..=12).map(|mo| Assessment::due_for(a.monthly.0, Some(208_400), mo)).sum::<i64>(), 208_400);
        // the same as the shared money rule
        assert_eq!(Fen(17363), monthly_share_of_annual(Fen(208_400), 12));
        assert!(a.explanation.iter().any(|l| l.zh.contains("12月发放余额")));
    }

    #[test]
    fn care_subsidy_for_severe_or_intellectual_and_mental_disability() {
        let cases = [
            (Some(1), DisabilityKind::Physical, true),
            (Some(2), DisabilityKind::Visual, true),
            (Some(3), DisabilityKind::Intellectual, true),
            (Some(4), DisabilityKind::Mental, true),
            (Some(3), DisabilityKind::Physical, false),
            (Some(4), DisabilityKind::Hearing, false),
            (None, DisabilityKind::Physical, false),
        ];
        for (grade, kind, eligible) in cases {
            let mut m = person(d(1980, 1, 1));
            m.disability_grade = grade;
            m.disability_kind = grade.map(|_| kind);
            let a = run(Programme::DisabilityCare, &facts(m, AllowanceFacts::default()), &PolicySet::default(), ym(2026, 3));
            assert_eq!(a.eligible, eligible, "{grade:?} {kind}");
            if eligible {
                // 277900 ÷ 12 = 23158.33 → 23158; December 277900 − 23158 × 11 = 23162
                assert_eq!(a.monthly, Fen(23158));
                assert_eq!(Assessment::due_for(a.monthly.0, a.annual.map(|f| f.0), 12), 23162);
            }
        }
    }

    #[test]
    fn orphans_by_placement_and_unattended_children_as_dispersed() {
        let child = person(d(2015, 8, 20));
        let concentrated = AllowanceFacts { child_status: Some(ChildStatus::Orphan), placement: Some(Placement::Concentrated), ..Default::default() };
        let dispersed = AllowanceFacts { child_status: Some(ChildStatus::Orphan), placement: Some(Placement::Dispersed), ..Default::default() };
        assert_eq!(run(Programme::Orphan, &facts(child.clone(), concentrated.clone()), &PolicySet::default(), ym(2026, 1)).monthly, Fen(124_000));
        assert_eq!(run(Programme::Orphan, &facts(child.clone(), dispersed), &PolicySet::default(), ym(2026, 1)).monthly, Fen(76_000));
        // a child without carers in an institution is still paid as a dispersed orphan
        let unattended = AllowanceFacts { child_status: Some(ChildStatus::Unattended), placement: Some(Placement::Concentrated), ..Default::default() };
        assert_eq!(run(Programme::UnattendedChild, &facts(child.clone(), unattended), &PolicySet::default(), ym(2026, 1)).monthly, Fen(76_000));
        // not recognised as an orphan
        let a = run(Programme::Orphan, &facts(child, AllowanceFacts::default()), &PolicySet::default(), ym(2026, 1));
        assert_eq!(a.reasons[0].code, "child_status");
        // 18 on 20 August 2033: August still paid, September not
        let f = facts(person(d(2015, 8, 20)), concentrated);
        assert!(run(Programme::Orphan, &f, &PolicySet::default(), ym(2033, 8)).eligible);
        assert_eq!(run(Programme::Orphan, &f, &PolicySet::default(), ym(2033, 9)).reasons[0].code, "adult");
    }

    #[test]
    fn one_person_per_allowance_and_deaths() {
        let mut f = facts(person(d(1940, 1, 1)), AllowanceFacts::default());
        f.members.push(person(d(1941, 1, 1)));
        assert_eq!(run(Programme::OldAge, &f, &policy(), ym(2026, 1)).reasons[0].code, "one_person");
        let mut f = facts(person(d(1940, 1, 1)), AllowanceFacts::default());
        f.members[0].death_date = Some(d(2026, 2, 10));
        assert!(run(Programme::OldAge, &f, &policy(), ym(2026, 2)).eligible);
        assert_eq!(run(Programme::OldAge, &f, &policy(), ym(2026, 3)).reasons[0].code, "no_members");
    }

    #[test]
    fn change_months_surround_the_birthdays() {
        let months = change_months(Programme::OldAge, d(1946, 3, 15));
        assert_eq!(months, vec![ym(2026, 3), ym(2026, 4), ym(2036, 3), ym(2036, 4), ym(2046, 3), ym(2046, 4)]);
        assert_eq!(change_months(Programme::Orphan, d(2016, 2, 29)), vec![ym(2034, 2), ym(2034, 3)]);
        assert!(change_months(Programme::DisabilityCare, d(1950, 1, 1)).is_empty());
    }
}
