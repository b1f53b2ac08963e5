//! Fixtures the programme tests share, and the tests of the shared assessment (members, income,
//! assets, 户籍, increments, explanations).
use super::*;
use crate::assistance::policy::PolicyParam;

pub(super) fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn penjiang() -> RegionCode {
    RegionCode::parse("440703001001").unwrap()
}

/// A working-age member with local 户籍 and nothing special.
pub(super) fn member(id: i64, name: &str, relation: Relation, birth: NaiveDate) -> MemberFacts {
    MemberFacts {
        person_id: id,
        name: name.into(),
        relation,
        birth_date: birth,
        death_date: None,
        hukou_local: true,
        disability_kind: None,
        disability_grade: None,
        serious_illness: false,
        able_to_work: true,
        has_supporter: false,
        self_care: None,
    }
}

pub(super) fn income(person_id: Option<i64>, kind: IncomeType, amount: i64) -> Income {
    Income {
        person_id,
        kind,
        amount: Fen(amount),
    }
}

pub(super) fn household(members: Vec<MemberFacts>, incomes: Vec<Income>) -> HouseholdFacts {
    HouseholdFacts {
        members,
        incomes,
        assets: Assets {
            dwellings: 1,
            ..Assets::default()
        },
        single_parent: false,
        allowance: Default::default(),
    }
}

/// One adult, with `counted` wages over the year.
pub(super) fn single(counted: i64) -> HouseholdFacts {
    household(
        vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
        vec![income(Some(1), IncomeType::Wage, counted)],
    )
}

pub(super) fn run(
    programme: Programme,
    facts: &HouseholdFacts,
    request: &Request,
    policy: &PolicySet,
) -> Assessment {
    assess(programme, &penjiang(), facts, request, policy, ym(2026, 6))
}

pub(super) fn dibao(facts: &HouseholdFacts) -> Assessment {
    run(
        Programme::Dibao,
        facts,
        &Request::default(),
        &PolicySet::default(),
    )
}

pub(super) fn codes(a: &Assessment) -> Vec<&str> {
    a.reasons.iter().map(|r| r.code.as_str()).collect()
}

pub(super) fn said(a: &Assessment, zh: &str) -> bool {
    a.explanation.iter().any(|l| l.zh.contains(zh))
}

pub(super) fn param(id: i64, key: ParamKey, prefix: &str, value: i64) -> PolicyParam {
    PolicyParam {
        id,
        key,
        region_prefix: prefix.into(),
        effective: ym(2018, 1),
        value,
    }
}

/// Three members: wages 900000 counted, a disability subsidy 208400 exempt, one grade-2
/// disabled member (the worked case of the brief).
pub(super) fn three_with_disabled() -> HouseholdFacts {
    let mut disabled = member(2, "李四", Relation::Spouse, d(1982, 3, 1));
    disabled.disability_kind = Some(DisabilityKind::Physical);
    disabled.disability_grade = Some(2);
    household(
        vec![
            member(1, "张三", Relation::Head, d(1980, 5, 1)),
            disabled,
            member(3, "张小明", Relation::Child, d(2005, 1, 1)),
        ],
        vec![
            income(Some(1), IncomeType::Wage, 900000),
            income(Some(2), IncomeType::DisabilitySubsidy, 208400),
        ],
    )
}

#[test]
fn exempt_income_types() {
    let exempt: Vec<_> = IncomeType::ALL
        .iter()
        .copied()
        .filter(|k| k.exempt())
        .collect();
    assert_eq!(
        exempt,
        vec![
            IncomeType::DisabilitySubsidy,
            IncomeType::OldAgeAllowance,
            IncomeType::PriorityCarePension,
            IncomeType::OneChildReward,
            IncomeType::HeroismReward,
            IncomeType::AssistancePayment,
        ]
    );
}

#[test]
fn increment_categories_have_their_keys() {
    assert_eq!(
        IncrementCategory::SevereDisability.param_key(),
        ParamKey::IncrementSevereDisability
    );
    assert_eq!(
        IncrementCategory::Aged70.param_key(),
        ParamKey::IncrementAged70
    );
    assert_eq!(
        IncrementCategory::Minor.param_key(),
        ParamKey::IncrementMinor
    );
    assert_eq!(
        IncrementCategory::SeriousIllness.param_key(),
        ParamKey::IncrementSeriousIllness
    );
    assert_eq!(
        IncrementCategory::SingleParent.param_key(),
        ParamKey::IncrementSingleParent
    );
}

/// Prints an explanation (`cargo test -- --nocapture explanation_reads`) for proofreading.
#[test]
fn explanation_reads_as_sentences() {
    let mut facts = three_with_disabled();
    facts.members[2].death_date = Some(d(2026, 4, 2));
    let a = assess(
        Programme::Dibao,
        &penjiang(),
        &facts,
        &Request::default(),
        &PolicySet::default(),
        ym(2026, 6),
    );
    for l in &a.explanation {
        println!("{}\n  {}", l.zh, l.en);
        assert!(l.zh.ends_with('。'), "{}", l.zh);
        assert!(l.en.ends_with('.'), "{}", l.en);
    }
}

#[test]
fn dibao_worked_case_with_severe_disability() {
    let a = dibao(&three_with_disabled());
    assert!(a.eligible, "{:?}", a.reasons);
    assert!(a.reasons.is_empty());
    assert_eq!(a.members, 3);
    assert!(
        a.explanation[0]
            .en
            .contains("(张三, head; 李四, spouse; 张小明, child)")
    );
    assert_eq!(a.counted_income, Fen(900000));
    assert_eq!(a.exempt_income, Fen(208400));
    assert_eq!(a.per_capita_income, Fen(25000));
    assert_eq!(a.standard, Fen(55000));
    assert_eq!(a.threshold, Fen(55000));
    assert_eq!(a.base, Fen(90000));
    assert_eq!(
        a.increments,
        vec![Increment {
            person_id: 2,
            category: IncrementCategory::SevereDisability,
            permille: 350,
            amount: Fen(19250)
        }]
    );
    assert_eq!(a.monthly, Fen(109250));
    assert_eq!(a.one_off, Fen::ZERO);
    assert_eq!(a.shares.len(), 3);
    assert_eq!(
        a.shares[1],
        MemberShare {
            person_id: 2,
            name: "李四".into(),
            base: Fen(30000),
            increments: Fen(19250),
            total: Fen(49250)
        }
    );
    assert_eq!(a.shares[0].total, Fen(30000));
    assert_eq!(a.shares.iter().map(|s| s.total).sum::<Fen>(), a.monthly);
    // the explanation shows the numbers
    assert!(said(&a, "近12个月工资性收入9000.00元，计入家庭收入"));
    assert!(said(&a, "9000.00元 ÷ 12个月 ÷ 3人 = 250.00元"));
    assert!(said(&a, "残疾人两项补贴2084.00元，按政策不计入"));
    assert!(said(
        &a,
        "（低保标准550.00元 − 月人均收入250.00元）× 3人 = 900.00元"
    ));
    assert!(said(
        &a,
        "李四（44岁）属于重度残疾，分类施保按低保标准的35%增发192.50元"
    ));
    assert!(said(&a, "= 1092.50元"));
    assert!(said(&a, "每月发放1092.50元"));
    assert!(
        a.explanation
            .iter()
            .all(|l| !l.zh.is_empty() && !l.en.is_empty())
    );
    assert!(a.explanation.iter().any(|l| l.en.contains("1092.50 yuan")));
}

#[test]
fn params_are_recorded_once() {
    let a = dibao(&three_with_disabled());
    let keys: Vec<ParamKey> = a.params.iter().map(|p| p.key).collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "{keys:?}");
    for k in [
        ParamKey::DibaoStandard,
        ParamKey::DibaoMaxDwellings,
        ParamKey::DibaoMaxAssetsMonths,
        ParamKey::IncrementSevereDisability,
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    assert!(a.params.iter().all(|p| p.param_id.is_none()));
}

#[test]
fn stored_standard_is_used_and_recorded() {
    let policy = PolicySet::new(vec![param(42, ParamKey::DibaoStandard, "440703", 60000)]);
    let a = run(Programme::Dibao, &single(0), &Request::default(), &policy);
    assert_eq!(a.standard, Fen(60000));
    assert_eq!(a.monthly, Fen(60000));
    let used = a
        .params
        .iter()
        .find(|p| p.key == ParamKey::DibaoStandard)
        .unwrap();
    assert_eq!(used.param_id, Some(42));
    assert!(said(&a, "区划440703自2018-01起执行"));
}

#[test]
fn income_exactly_at_the_standard_is_not_eligible() {
    let a = dibao(&single(660000));
    assert_eq!(a.per_capita_income, Fen(55000));
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["income_above_line"]);
    assert_eq!((a.monthly, a.base), (Fen::ZERO, Fen::ZERO));
    assert!(a.increments.is_empty() && a.shares.is_empty());
    assert!(said(&a, "不符合最低生活保障条件"));
    // one fen less a year is still at the standard after rounding down... one fen a month less is not
    let a = dibao(&single(660000 - 12));
    assert_eq!(a.per_capita_income, Fen(54999));
    assert!(a.eligible);
    assert_eq!(a.monthly, Fen(1));
}

#[test]
fn per_capita_rounds_down_for_one_member() {
    let a = dibao(&single(100001));
    assert_eq!(a.per_capita_income, Fen(8333));
    assert_eq!(a.base, Fen(46667));
    assert_eq!(a.monthly, Fen(46667));
}

#[test]
fn per_capita_rounds_down_for_three_members() {
    let mut facts = three_with_disabled();
    facts.incomes = vec![income(None, IncomeType::Wage, 1000000)];
    let a = dibao(&facts);
    assert_eq!(a.per_capita_income, Fen(27777));
    assert_eq!(a.base, Fen((55000 - 27777) * 3));
}

#[test]
fn vehicle_fails_the_asset_test() {
    let mut facts = single(0);
    facts.assets.vehicles = 1;
    let a = dibao(&facts);
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["vehicle"]);
    assert!(a.reasons[0].zh.contains("1辆"));
    assert_eq!(a.monthly, Fen::ZERO);
}

#[test]
fn monetary_assets_limit_is_inclusive() {
    let two = |monetary: i64| {
        let mut facts = household(
            vec![
                member(1, "张三", Relation::Head, d(1980, 5, 1)),
                member(2, "李四", Relation::Spouse, d(1980, 5, 1)),
            ],
            vec![],
        );
        facts.assets.monetary = Fen(monetary);
        dibao(&facts)
    };
    let limit = 55000 * 24 * 2;
    let a = two(limit);
    assert!(a.eligible, "{:?}", a.reasons);
    assert!(said(
        &a,
        "未超过上限26400.00元（24个月 × 低保标准550.00元 × 2人）"
    ));
    let a = two(limit + 1);
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["monetary_assets"]);
    assert!(a.reasons[0].zh.contains("26400.01元") && a.reasons[0].zh.contains("26400.00元"));
    assert!(a.reasons[0].en.contains("26400.01 yuan"));
}

#[test]
fn dwellings_and_business_fail_with_reasons() {
    let mut facts = single(0);
    facts.assets.dwellings = 2;
    facts.assets.business_capital = Fen(1000000);
    facts.assets.vehicles = 2;
    let a = dibao(&facts);
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["vehicle", "dwellings", "business"]);
    assert!(a.reasons[1].zh.contains("2套") && a.reasons[1].zh.contains("上限1套"));
    assert!(a.reasons[2].zh.contains("10000.00元"));
    // no dwelling at all is fine
    let mut facts = single(0);
    facts.assets.dwellings = 0;
    assert!(dibao(&facts).eligible);
}

#[test]
fn hukou_must_be_local_for_dibao() {
    let mut facts = single(0);
    facts.members[0].hukou_local = false;
    let a = dibao(&facts);
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["hukou_not_local"]);
    // the head decides, not the first member
    let mut facts = three_with_disabled();
    facts.members[0].relation = Relation::Child;
    facts.members[2].relation = Relation::Head;
    facts.members[2].hukou_local = false;
    assert_eq!(codes(&dibao(&facts)), vec!["hukou_not_local"]);
    facts.members[2].hukou_local = true;
    facts.members[0].hukou_local = false;
    assert!(dibao(&facts).eligible);
}

#[test]
fn several_failures_are_all_named() {
    let mut facts = single(700000);
    facts.assets.vehicles = 1;
    facts.members[0].hukou_local = false;
    assert_eq!(
        codes(&dibao(&facts)),
        vec!["income_above_line", "vehicle", "hukou_not_local"]
    );
}

#[test]
fn death_stops_the_share_from_the_next_month() {
    let mut old = member(2, "王五", Relation::Parent, d(1940, 1, 1));
    old.death_date = Some(d(2026, 3, 15));
    let facts = household(
        vec![member(1, "张三", Relation::Head, d(1980, 5, 1)), old],
        vec![
            income(None, IncomeType::Wage, 600000),
            income(Some(2), IncomeType::Pension, 120000),
        ],
    );
    let at = |m| {
        assess(
            Programme::Dibao,
            &penjiang(),
            &facts,
            &Request::default(),
            &PolicySet::default(),
            m,
        )
    };
    let march = at(ym(2026, 3));
    assert_eq!(march.members, 2);
    assert_eq!(march.counted_income, Fen(720000));
    assert_eq!(march.per_capita_income, Fen(30000));
    assert_eq!(march.monthly, Fen(50000));
    assert!(said(
        &march,
        "王五于2026-03-15去世，本月仍计入，自2026-04起不再计入家庭成员"
    ));
    let april = at(ym(2026, 4));
    assert_eq!(april.members, 1);
    // the dead member's pension no longer counts
    assert_eq!(april.counted_income, Fen(600000));
    assert_eq!(april.per_capita_income, Fen(50000));
    assert_eq!(april.monthly, Fen(5000));
    assert_eq!(april.shares.len(), 1);
    assert!(said(
        &april,
        "王五已于2026-03-15去世，自2026-04起不再计入家庭成员"
    ));
    assert!(said(&april, "王五的收入1200.00元不计入"));
    assert_eq!(counted_members(&facts, ym(2026, 3)).len(), 2);
    assert_eq!(counted_members(&facts, ym(2026, 4)).len(), 1);
    assert_eq!(counted_members(&facts, ym(2025, 1)).len(), 2);
}

#[test]
fn no_members_is_a_reasoned_result() {
    let a = dibao(&HouseholdFacts::default());
    assert!(!a.eligible);
    assert_eq!(codes(&a), vec!["no_members"]);
    assert_eq!(
        (a.members, a.per_capita_income, a.monthly),
        (0, Fen::ZERO, Fen::ZERO)
    );
    assert!(said(&a, "没有计入的家庭成员"));
    assert!(
        a.explanation
            .iter()
            .all(|l| l.zh.ends_with('。') && l.en.ends_with('.'))
    );
    // everyone died before the month
    let mut facts = single(0);
    facts.members[0].death_date = Some(d(2025, 12, 31));
    for &p in Programme::ALL {
        let a = run(
            p,
            &facts,
            &Request {
                temporary_amount: Some(Fen(100)),
                ..Request::default()
            },
            &PolicySet::default(),
        );
        assert!(!a.eligible, "{p}");
        assert_eq!(codes(&a), vec!["no_members"], "{p}");
    }
}

#[test]
fn income_of_strangers_and_negative_income() {
    let facts = household(
        vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
        vec![
            income(Some(99), IncomeType::Wage, 5_000_000),
            income(Some(1), IncomeType::Business, -120000),
            income(Some(1), IncomeType::Wage, 120000),
        ],
    );
    let a = dibao(&facts);
    assert_eq!(a.counted_income, Fen(120000));
    assert_eq!(a.per_capita_income, Fen(10000));
    assert!(said(&a, "按0计算"));
    assert!(said(&a, "编号99"));
    assert!(a.eligible);
}

#[test]
fn optional_increments_apply_when_a_region_sets_them() {
    let policy = PolicySet::new(vec![
        param(1, ParamKey::IncrementAged70, "4407", 200),
        param(2, ParamKey::IncrementMinor, "4407", 100),
        param(3, ParamKey::IncrementSeriousIllness, "4407", 150),
        param(4, ParamKey::IncrementSingleParent, "4407", 50),
        param(5, ParamKey::IncrementSevereDisability, "4407", 0),
    ]);
    let mut grandma = member(1, "王奶奶", Relation::Head, d(1956, 6, 1)); // 70 on 2026-06-01
    grandma.serious_illness = true;
    grandma.disability_grade = Some(1); // severe disability switched off by the region
    let child = member(2, "王小", Relation::Grandchild, d(2008, 6, 2)); // 17 on 2026-06-01
    let mut facts = household(vec![grandma, child], vec![]);
    facts.single_parent = true;
    let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
    assert!(a.eligible);
    let got: Vec<(i64, IncrementCategory, i64)> = a
        .increments
        .iter()
        .map(|i| (i.person_id, i.category, i.amount.0))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, IncrementCategory::Aged70, 11000),
            (1, IncrementCategory::SeriousIllness, 8250),
            (1, IncrementCategory::SingleParent, 2750),
            (2, IncrementCategory::Minor, 5500),
            (2, IncrementCategory::SingleParent, 2750),
        ]
    );
    assert_eq!(a.base, Fen(110000));
    assert_eq!(a.monthly, Fen(110000 + 11000 + 8250 + 2750 + 5500 + 2750));
    assert!(said(&a, "单亲家庭成员"));
    // a day short of 70 and a day past 18 do not count
    let young_gran = member(1, "李奶奶", Relation::Head, d(1956, 6, 2));
    let adult = member(2, "李大", Relation::Child, d(2008, 6, 1));
    let a = run(
        Programme::Dibao,
        &household(vec![young_gran, adult], vec![]),
        &Request::default(),
        &policy,
    );
    assert!(a.increments.is_empty());
    assert!(said(&a, "均不属于分类施保对象"));
}

#[test]
fn increment_rounds_half_up() {
    let policy = PolicySet::new(vec![
        param(1, ParamKey::DibaoStandard, "440703", 55001),
        param(2, ParamKey::IncrementSevereDisability, "440703", 350),
    ]);
    let mut facts = single(0);
    facts.members[0].disability_grade = Some(1);
    let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
    // 55001 × 0.35 = 19250.35 → 19250; 55010 × 0.35 = 19253.5 → 19254
    assert_eq!(a.increments[0].amount, Fen(19250));
    let policy = policy.with(param(3, ParamKey::DibaoStandard, "440703001", 55010));
    let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
    assert_eq!(a.increments[0].amount, Fen(19254));
    // grade 3 is not severe
    facts.members[0].disability_grade = Some(3);
    assert!(
        run(Programme::Dibao, &facts, &Request::default(), &policy)
            .increments
            .is_empty()
    );
}

#[test]
fn odd_input_never_panics() {
    let huge = household(
        vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
        vec![
            income(Some(1), IncomeType::Wage, i64::MAX),
            income(Some(1), IncomeType::Wage, i64::MAX),
            income(None, IncomeType::DisabilitySubsidy, i64::MIN),
        ],
    );
    let request = Request {
        temporary_amount: Some(Fen(i64::MAX)),
        medical_out_of_pocket: Some(Fen(i64::MAX)),
        medical_paid_this_year: Fen(i64::MIN),
    };
    let policy = PolicySet::new(vec![
        param(1, ParamKey::DibaoStandard, "44", i64::MAX),
        param(2, ParamKey::DibaoMaxAssetsMonths, "44", i64::MAX),
        param(3, ParamKey::TemporaryMonthsCap, "44", i64::MAX),
        param(4, ParamKey::LowIncomeMultiple, "44", i64::MAX),
        param(5, ParamKey::MedicalRatio, "44", i64::MIN),
    ]);
    let mut facts = huge.clone();
    facts.assets.monetary = Fen(i64::MAX);
    facts.members[0].birth_date = d(2030, 1, 1);
    for &p in Programme::ALL {
        for f in [&huge, &facts] {
            let a = run(p, f, &request, &policy);
            assert!(!a.explanation.is_empty());
            let a = run(p, f, &request, &PolicySet::default());
            assert!(!a.explanation.is_empty());
        }
    }
}

#[test]
fn vocabularies_read_what_officers_type() {
    assert_eq!(IncomeType::parse("工资"), Some(IncomeType::Wage));
    assert_eq!(
        IncomeType::parse("残疾人补贴"),
        Some(IncomeType::DisabilitySubsidy)
    );
    assert_eq!(SelfCare::parse("半失能"), Some(SelfCare::Partial));
    assert_eq!(
        IncrementCategory::parse("aged70"),
        Some(IncrementCategory::Aged70)
    );
}
