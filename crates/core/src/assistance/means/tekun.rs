//! 特困人员救助供养 support for people in extreme poverty (POLICY.md, 特困).
use super::*;
use super::work::times;

/// 特困: each member is tested for 三无; qualifying members get the basic living and care
/// standards. Household assets are not tested.
pub(super) fn tekun(w: &mut Work<'_>, a: &mut Assessment, facts: &HouseholdFacts, members: &[&MemberFacts]) {
    let mut qualifying: Vec<&MemberFacts> = Vec::new();
    let mut failing_zh: Vec<String> = Vec::new();
    let mut failing_en: Vec<String> = Vec::new();
    for m in members {
        let age = age_in(m, a.month);
        let own_income = IncomeSummary::own_counted(facts, m.person_id);
        let mut fails: Vec<(String, String)> = Vec::new();
        if !(age >= 60 || m.disability_grade.is_some() || age < 16) {
            fails.push((
                "年龄在16至59周岁之间且无残疾".into(),
                "aged 16 to 59 and not disabled".into(),
            ));
        }
        if m.able_to_work {
            fails.push(("有劳动能力".into(), "able to work".into()));
        }
        if m.has_supporter {
            fails.push((
                "有具备履行能力的法定赡养、抚养、扶养义务人".into(),
                "has a legal supporter able to support them".into(),
            ));
        }
        if own_income > Fen::ZERO {
            fails.push((
                format!("本人近12个月有计入收入{}", yuan(own_income)),
                format!("has counted income of {}", yuan_en(own_income)),
            ));
        }
        if fails.is_empty() {
            let who = if age >= 60 {
                ("60周岁以上老年人", "aged 60 or over")
            } else if age < 16 {
                ("未满16周岁", "under 16")
            } else {
                ("残疾人", "disabled")
            };
            w.line(
                format!(
                    "{}（{age}岁）为{}，无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行能力，符合特困人员条件。",
                    m.name, who.0
                ),
                format!(
                    "{} (aged {age}) is {}, unable to work, without income and without a supporter able to support them: meets the conditions.",
                    m.name, who.1
                ),
            );
            qualifying.push(m);
        } else {
            let zh: Vec<&str> = fails.iter().map(|f| f.0.as_str()).collect();
            let en: Vec<&str> = fails.iter().map(|f| f.1.as_str()).collect();
            let zh = format!("{}（{age}岁）：{}", m.name, zh.join("、"));
            let en = format!("{} (aged {age}): {}", m.name, en.join(", "));
            w.line(
                format!("{zh}，不符合特困人员条件。"),
                format!("{en}; does not meet the conditions."),
            );
            failing_zh.push(zh);
            failing_en.push(en);
        }
    }
    if qualifying.is_empty() {
        w.reason(
            "not_three_nos",
            format!(
                "家庭成员均不符合特困人员“三无”条件（{}）。",
                failing_zh.join("；")
            ),
            format!(
                "No member meets the three-nos conditions of extreme-poverty support ({}).",
                failing_en.join("; ")
            ),
        );
    }
    let hukou_ok = w.hukou_test(a.programme, members);
    if qualifying.is_empty() || !hukou_ok {
        return;
    }
    a.eligible = true;
    let multiple = w.param(ParamKey::TekunMultiple);
    let base = a.standard.mul_permille(multiple);
    w.line(
        format!(
            "特困人员基本生活标准 = 低保标准{} × {}倍 = {}。",
            yuan(a.standard),
            times(multiple),
            yuan(base)
        ),
        format!(
            "Basic living standard = dibao standard {} × {} = {}.",
            yuan_en(a.standard),
            times(multiple),
            yuan_en(base)
        ),
    );
    for m in qualifying {
        let level = m.self_care.unwrap_or(SelfCare::Full);
        let key = match level {
            SelfCare::Full => ParamKey::TekunCareFull,
            SelfCare::Partial => ParamKey::TekunCarePartial,
            SelfCare::None => ParamKey::TekunCareNone,
        };
        let care = Fen(w.param(key));
        let assumed = if m.self_care.is_none() {
            (
                "（未评估自理能力，按具备生活自理能力计）",
                " (self-care not assessed: taken as fully self-caring)",
            )
        } else {
            ("", "")
        };
        let total = base + care;
        w.line(
            format!(
                "{}{}{}，照料护理标准{}；每月合计 = {} + {} = {}。",
                m.name,
                level.zh(),
                assumed.0,
                yuan(care),
                yuan(base),
                yuan(care),
                yuan(total)
            ),
            format!(
                "{}: {}{}, care standard {}; monthly {} + {} = {}.",
                m.name,
                level.en().to_lowercase(),
                assumed.1,
                yuan_en(care),
                yuan_en(base),
                yuan_en(care),
                yuan_en(total)
            ),
        );
        a.shares.push(MemberShare {
            person_id: m.person_id,
            name: m.name.clone(),
            base,
            increments: care,
            total,
        });
    }
    a.monthly = a.shares.iter().map(|s| s.total).sum();
    if a.shares.len() > 1 {
        w.line(
            format!("{}名特困人员每月合计{}。", a.shares.len(), yuan(a.monthly)),
            format!(
                "{} supported members: {} a month in all.",
                a.shares.len(),
                yuan_en(a.monthly)
            ),
        );
    }
}


#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;


    fn tekun_policy() -> PolicySet {
        PolicySet::new(vec![
            param(11, ParamKey::TekunMultiple, "440703", 1600),
            param(12, ParamKey::TekunCarePartial, "440703", 30000),
        ])
    }

    fn elder(id: i64, name: &str) -> MemberFacts {
        let mut m = member(id, name, Relation::Head, d(1956, 1, 1)); // 70 in 2026-06
        m.able_to_work = false;
        m.self_care = Some(SelfCare::Partial);
        m
    }

    #[test]
    fn tekun_worked_case() {
        let facts = household(
            vec![elder(1, "陈伯")],
            vec![income(Some(1), IncomeType::OldAgeAllowance, 60000)],
        );
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(
            a.shares,
            vec![MemberShare {
                person_id: 1,
                name: "陈伯".into(),
                base: Fen(88000),
                increments: Fen(30000),
                total: Fen(118000)
            }]
        );
        assert_eq!(a.monthly, Fen(118000));
        assert_eq!(a.base, Fen::ZERO);
        assert!(a.increments.is_empty());
        assert!(said(
            &a,
            "特困人员基本生活标准 = 低保标准550.00元 × 1.6倍 = 880.00元"
        ));
        assert!(said(&a, "部分丧失生活自理能力"));
        assert!(said(&a, "每月发放1180.00元"));
        let used: Vec<Option<i64>> = a
            .params
            .iter()
            .filter(|p| p.key != ParamKey::DibaoStandard)
            .map(|p| p.param_id)
            .collect();
        assert_eq!(used, vec![Some(11), Some(12)]);
    }

    #[test]
    fn tekun_defaults_and_unassessed_self_care() {
        let mut m = elder(1, "陈伯");
        m.self_care = None;
        let a = run(
            Programme::Tekun,
            &household(vec![m], vec![]),
            &Request::default(),
            &PolicySet::default(),
        );
        assert!(a.eligible);
        // 1.3 × 55000, care for the fully self-caring 0 by default
        assert_eq!(a.monthly, Fen(71500));
        assert!(said(&a, "按具备生活自理能力计"));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TekunCareFull));
    }

    #[test]
    fn tekun_names_every_failing_condition() {
        let worker = member(1, "张三", Relation::Head, d(1980, 5, 1)); // 46, able to work
        let mut supported = elder(2, "张父");
        supported.relation = Relation::Parent;
        supported.has_supporter = true;
        let mut earner = elder(3, "张母");
        earner.relation = Relation::Parent;
        let facts = household(
            vec![worker, supported, earner],
            vec![income(Some(3), IncomeType::Pension, 240000)],
        );
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["not_three_nos"]);
        let r = &a.reasons[0];
        assert!(
            r.zh.contains("张三（46岁）：年龄在16至59周岁之间且无残疾、有劳动能力"),
            "{}",
            r.zh
        );
        assert!(
            r.zh.contains("张父（70岁）：有具备履行能力的法定赡养、抚养、扶养义务人"),
            "{}",
            r.zh
        );
        assert!(
            r.zh.contains("张母（70岁）：本人近12个月有计入收入2400.00元"),
            "{}",
            r.zh
        );
        assert!(r.en.contains("able to work"));
        assert_eq!((a.monthly, a.shares.len()), (Fen::ZERO, 0));
    }

    #[test]
    fn tekun_pays_only_qualifying_members() {
        let mut child = member(2, "小明", Relation::Grandchild, d(2015, 1, 1)); // 11
        child.able_to_work = false;
        child.self_care = Some(SelfCare::Full);
        let mut disabled = member(3, "阿强", Relation::Child, d(1990, 1, 1)); // 36, disabled
        disabled.able_to_work = false;
        disabled.disability_grade = Some(3);
        disabled.self_care = Some(SelfCare::None);
        let adult = member(4, "阿华", Relation::Child, d(1992, 1, 1));
        let facts = household(
            vec![elder(1, "陈伯"), child, disabled, adult],
            vec![income(Some(4), IncomeType::Wage, 3_000_000)],
        );
        let policy = tekun_policy().with(param(13, ParamKey::TekunCareNone, "440703", 100000));
        let a = run(Programme::Tekun, &facts, &Request::default(), &policy);
        assert!(a.eligible);
        let totals: Vec<(i64, i64)> = a.shares.iter().map(|s| (s.person_id, s.total.0)).collect();
        assert_eq!(totals, vec![(1, 118000), (2, 88000), (3, 188000)]);
        assert_eq!(a.monthly, Fen(118000 + 88000 + 188000));
        assert!(said(&a, "阿华（34岁）"));
    }

    #[test]
    fn tekun_needs_local_hukou_but_no_asset_test() {
        let mut facts = household(vec![elder(1, "陈伯")], vec![]);
        facts.assets.vehicles = 1;
        facts.assets.monetary = Fen(100_000_000);
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(a.eligible);
        facts.members[0].hukou_local = false;
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["hukou_not_local"]);
    }
}
