use super::*;
use crate::assistance::means::{Assets, MemberFacts};
use crate::registry::identity::IdNumber;
use crate::registry::person::Relation;

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

fn id(seq: u16) -> String {
    IdNumber::from_parts("440703", NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), seq).into_string()
}

fn member(pid: i64, relation: Relation, birth_year: i32) -> MemberFacts {
    MemberFacts {
        person_id: pid,
        name: format!("成员{pid}"),
        relation,
        birth_date: NaiveDate::from_ymd_opt(birth_year, 3, 1).unwrap(),
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

/// A three-person household declaring 12,000 yuan of wages a year, nothing else: per capita
/// 12000 ÷ 12 ÷ 3 = 333.33 yuan, benefit (550 − 333.33) × 3 = 650.01 yuan a month.
fn household() -> (HouseholdFacts, Vec<Member>) {
    let facts = HouseholdFacts {
        members: vec![member(1, Relation::Head, 1980), member(2, Relation::Spouse, 1982), member(3, Relation::Child, 2012)],
        incomes: vec![Income { person_id: Some(1), kind: IncomeType::Wage, amount: Fen(1_200_000) }],
        assets: Assets { vehicles: 0, dwellings: 1, business_capital: Fen(0), monetary: Fen(500_000) },
        single_parent: false,
        allowance: Default::default(),
    };
    let members = (1..=3).map(|i| Member { person_id: i, name: format!("成员{i}"), id_number: Some(id(i as u16)), registry_other_household: None, registry_death: None }).collect();
    (facts, members)
}

fn rec(seq: u16, f: impl FnOnce(&mut Record)) -> Record {
    let mut r = Record { id_number: id(seq), name: format!("成员{seq}"), ..Record::default() };
    f(&mut r);
    r
}

fn run(found: &[(Feed, Record)]) -> Outcome {
    run_with(found, &[], &[], None)
}

fn run_with(found: &[(Feed, Record)], enrolments: &[OtherEnrolment], relatives: &[StaffRelative], shared: Option<(&str, &[i64])>) -> Outcome {
    let (facts, members) = household();
    let region = RegionCode::parse("440703001001").unwrap();
    let request = Request::default();
    let input = Input {
        programme: Programme::Dibao,
        region: &region,
        month: ym(2026, 11),
        declared: &facts,
        request: &request,
        members: &members,
        found,
        enrolments,
        relatives,
        shared_account: shared,
    };
    verify(&input, &PolicySet::default())
}

fn codes(o: &Outcome) -> Vec<&str> {
    o.flags.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn nothing_found_is_consistent() {
    let o = run(&[]);
    assert_eq!(o.conclusion, Conclusion::Consistent);
    assert!(o.flags.is_empty());
    assert_eq!(o.declared.monthly, Fen(65_001));
    assert_eq!(o.verified.monthly, Fen(65_001));
}

#[test]
fn a_matching_record_is_consistent_and_shown() {
    // contributions of 1000 yuan × 12 = 12,000 yuan: what was declared
    let o = run(&[(Feed::Contribution, rec(1, |r| { r.amount = 100_000; r.quantity = 12; r.detail = "某厂".into(); }))]);
    assert_eq!(o.conclusion, Conclusion::Consistent);
    assert_eq!(o.members[0].findings.len(), 1);
    assert!(o.members[0].findings[0].zh.contains("某厂"));
    let wage = o.comparisons.iter().find(|c| c.item == "income.wage").unwrap();
    assert_eq!((wage.declared, wage.found, wage.verified, wage.differs), (1_200_000, 1_200_000, 1_200_000, false));
}

#[test]
fn undeclared_wage_changes_the_amount() {
    // the spouse earns 2,000 yuan × 6 months = 12,000 yuan, undeclared: 24,000 ÷ 12 ÷ 3 = 666.66 ≥ 550
    let o = run(&[(Feed::Contribution, rec(2, |r| { r.amount = 200_000; r.quantity = 6; }))]);
    let wage = o.comparisons.iter().find(|c| c.item == "income.wage").unwrap();
    assert_eq!((wage.declared, wage.found, wage.verified, wage.differs), (1_200_000, 1_200_000, 2_400_000, true));
    assert_eq!(o.conclusion, Conclusion::NotEligible);
    assert_eq!(o.verified.per_capita_income, Fen(66_666));
    assert_eq!(codes(&o), vec!["income_above_line"]);
    // 1,000 yuan × 3 months = 3,000 more: 15,000 ÷ 36 = 416.66; (550 − 416.66) × 3 = 400.02
    let o = run(&[(Feed::Contribution, rec(2, |r| { r.amount = 100_000; r.quantity = 3; }))]);
    assert_eq!(o.conclusion, Conclusion::Inconsistent);
    assert_eq!(o.verified.monthly, Fen(40_002));
    assert!(o.flags.is_empty());
    assert!(o.reasons.iter().any(|r| r.zh.contains("650.01") && r.zh.contains("400.02")), "{:?}", o.reasons);
}

#[test]
fn wages_from_two_departments_are_not_counted_twice() {
    // contribution 12,000, tax 13,200 for the same person: 13,200 counts
    let o = run(&[
        (Feed::Contribution, rec(1, |r| { r.amount = 100_000; r.quantity = 12; })),
        (Feed::TaxIncome, rec(1, |r| { r.amount = 1_320_000; r.category = "wage".into(); })),
    ]);
    let wage = o.comparisons.iter().find(|c| c.item == "income.wage").unwrap();
    assert_eq!(wage.found, 1_320_000);
    assert_eq!(o.verified.counted_income, Fen(1_320_000));
}

#[test]
fn unattributed_declared_income_covers_what_is_found() {
    // the officer declared 12,000 yuan of wages for the household without naming the earner
    let (mut facts, members) = household();
    facts.incomes[0].person_id = None;
    let region = RegionCode::parse("440703001001").unwrap();
    let found = [(Feed::Contribution, rec(2, |r| { r.amount = 100_000; r.quantity = 12; }))];
    let request = Request::default();
    let input = Input { programme: Programme::Dibao, region: &region, month: ym(2026, 11), declared: &facts, request: &request, members: &members, found: &found, enrolments: &[], relatives: &[], shared_account: None };
    let o = verify(&input, &PolicySet::default());
    assert_eq!(o.conclusion, Conclusion::Consistent);
}

#[test]
fn pension_counts_the_months_since_it_started() {
    // 1,500 yuan a month since 2026-06: June to October, 5 months before November = 7,500
    let o = run(&[(Feed::Pension, rec(1, |r| { r.amount = 150_000; r.on_date = "2026-06-01".into(); }))]);
    assert_eq!(o.comparisons.iter().find(|c| c.item == "income.pension").unwrap().found, 750_000);
    let o = run(&[(Feed::Pension, rec(1, |r| { r.amount = 150_000; r.on_date = "2010-01-01".into(); }))]);
    assert_eq!(o.comparisons.iter().find(|c| c.item == "income.pension").unwrap().found, 1_800_000);
}

#[test]
fn each_asset_flag_raised_by_its_record() {
    let o = run(&[(Feed::Vehicle, rec(1, |r| { r.reference = "粤J12345".into(); r.category = "car".into(); }))]);
    assert_eq!(codes(&o), vec!["undeclared_vehicle"]);
    assert_eq!(o.conclusion, Conclusion::NotEligible);
    assert!(o.flags[0].evidence_zh.contains("粤J12345"));
    let o = run(&[(Feed::Vehicle, rec(1, |r| { r.reference = "粤J1".into(); r.category = "disabled_mobility".into(); }))]);
    assert!(o.flags.is_empty(), "a disabled person's mobility vehicle is exempt");

    let o = run(&[
        (Feed::Property, rec(1, |r| { r.reference = "A".into(); r.quantity = 6000; })),
        (Feed::Property, rec(2, |r| { r.reference = "B".into(); r.quantity = 5000; })),
    ]);
    assert_eq!(codes(&o), vec!["property_over_limit"]);
    let o = run(&[
        (Feed::Property, rec(1, |r| { r.reference = "A".into(); r.quantity = 6000; })),
        (Feed::Property, rec(2, |r| { r.reference = "A".into(); r.quantity = 6000; })),
    ]);
    assert!(o.flags.is_empty(), "one dwelling owned jointly is one dwelling");

    let o = run(&[(Feed::Business, rec(2, |r| { r.reference = "91440703X".into(); r.category = "legal_representative".into(); r.detail = "某公司".into(); }))]);
    assert_eq!(codes(&o), vec!["business_owner"]);
    assert_eq!(o.comparisons.iter().find(|c| c.item == "assets.business_capital").unwrap().found, 0, "a legal representative subscribes no capital");

    // limit: 24 × 550 × 3 = 39,600 yuan
    let o = run(&[(Feed::Deposit, rec(1, |r| { r.amount = 3_960_000; r.reference = "6222000011112222".into(); }))]);
    assert!(!codes(&o).contains(&"deposits_over_limit"), "at the limit is not beyond it");
    let o = run(&[(Feed::Deposit, rec(1, |r| { r.amount = 3_960_001; r.reference = "6222000011112222".into(); }))]);
    assert_eq!(codes(&o), vec!["deposits_over_limit"]);
    assert!(o.members[0].findings[0].zh.contains("****2222") && !o.members[0].findings[0].zh.contains("62220000"));
}

#[test]
fn a_death_stops_the_members_share() {
    // the spouse died in August: 2 counted in November; 12,000 ÷ 12 ÷ 2 = 500; (550 − 500) × 2 = 100
    let o = run(&[(Feed::Cremation, rec(2, |r| { r.on_date = "2026-08-10".into(); }))]);
    assert_eq!(codes(&o), vec!["deceased"]);
    assert_eq!(o.verified.members, 2);
    assert_eq!(o.verified.monthly, Fen(10_000));
    assert_eq!(o.conclusion, Conclusion::Inconsistent);
    assert!(o.comparisons.iter().any(|c| c.item == "members" && c.declared == 3 && c.verified == 2));
}

#[test]
fn other_household_enrolment_relative_account_and_spouse() {
    let o = run(&[
        (Feed::Hukou, rec(1, |r| r.reference = "H1".into())),
        (Feed::Hukou, rec(2, |r| r.reference = "H1".into())),
        (Feed::Hukou, rec(3, |r| r.reference = "H9".into())),
    ]);
    assert_eq!(codes(&o), vec!["other_household"]);
    assert_eq!(o.flags[0].person_id, Some(3));

    let o = run(&[(Feed::Enrolment, rec(3, |r| { r.category = "tekun".into(); r.reference = "江海区".into(); }))]);
    assert_eq!(codes(&o), vec!["enrolled_elsewhere"]);
    let o = run(&[(Feed::Enrolment, rec(3, |r| { r.category = "orphan".into(); r.reference = "江海区".into(); }))]);
    assert!(o.flags.is_empty(), "an orphan's allowance does not exclude dibao");
    let o = run_with(&[], &[OtherEnrolment { person_id: 2, programme: "dibao".into(), case_id: 7, household_id: 70 }], &[], None);
    assert_eq!(codes(&o), vec!["enrolled_elsewhere"]);

    let o = run_with(&[], &[], &[StaffRelative { person_id: 1, staff_name: "李四".into(), staff_post: "村委会主任".into(), relation: "兄弟".into() }], None);
    assert_eq!(codes(&o), vec!["staff_relative"]);
    assert_eq!(o.conclusion, Conclusion::Consistent, "a relative is filed, not disqualified");

    let o = run_with(&[], &[], &[], Some(("6222000011113333", &[41, 42])));
    assert_eq!(codes(&o), vec!["shared_bank_account"]);
    assert!(o.flags[0].evidence_zh.contains("41、42") && o.flags[0].evidence_zh.contains("****3333"));
    assert!(run_with(&[], &[], &[], Some(("6222000011113333", &[]))).flags.is_empty());

    let married_outside = rec(1, |r| { r.category = "marriage".into(); r.reference = id(77); r.on_date = "2025-01-01".into(); r.detail = "王五".into(); });
    assert_eq!(codes(&run(&[(Feed::Marriage, married_outside.clone())])), vec!["undeclared_spouse"]);
    let divorced = rec(1, |r| { r.category = "divorce".into(); r.reference = id(77); r.on_date = "2026-01-01".into(); });
    assert!(run(&[(Feed::Marriage, married_outside), (Feed::Marriage, divorced)]).flags.is_empty());
    let married_inside = rec(1, |r| { r.category = "marriage".into(); r.reference = id(2); r.on_date = "2005-01-01".into(); });
    assert!(run(&[(Feed::Marriage, married_inside)]).flags.is_empty());
}

#[test]
fn records_of_strangers_are_ignored() {
    let o = run(&[(Feed::Vehicle, rec(99, |r| { r.reference = "粤J9".into(); r.category = "car".into(); }))]);
    assert!(o.flags.is_empty());
    assert_eq!(o.conclusion, Conclusion::Consistent);
}

#[test]
fn accounts_show_their_last_four_digits() {
    assert_eq!(mask_account("6222000011112222"), "****2222");
    assert_eq!(mask_account("123"), "***");
}
