use super::*;

fn full() -> BTreeMap<String, i64> {
    ITEMS.iter().map(|i| (i.code.to_owned(), i64::from(i.max()))).collect()
}

fn with(changes: &[(&str, i64)]) -> BTreeMap<String, i64> {
    let mut m = full();
    for (k, v) in changes {
        m.insert((*k).to_owned(), *v);
    }
    m
}

/// An answer set totalling `target`: items lowered from their maxima, in form order.
fn totalling(target: u32) -> Answers {
    let mut m = full();
    let mut excess = FULL_SCORE - target;
    for i in ITEMS.iter() {
        let cut = excess.min(u32::from(i.max()));
        m.insert(i.code.to_owned(), i64::from(u32::from(i.max()) - cut));
        excess -= cut;
    }
    Answers::parse(&m).unwrap()
}

fn level_of(target: u32) -> Level {
    let s = score(&totalling(target), &Adjustments::default()).unwrap();
    assert_eq!(s.total, target);
    s.level
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_form_has_26_items_summing_to_90() {
    assert_eq!(ITEMS.len(), 26);
    let maxima: Vec<u32> = Indicator::ALL.iter().map(|&i| items::indicator_max(i)).collect();
    assert_eq!(maxima, vec![32, 15, 28, 15]);
    assert_eq!(maxima.iter().sum::<u32>(), FULL_SCORE);
    let counts: Vec<usize> = Indicator::ALL.iter().map(|&ind| ITEMS.iter().filter(|i| i.indicator == ind).count()).collect();
    assert_eq!(counts, vec![8, 4, 9, 5]);
    // options are listed best first and every score from 0 to the maximum has one
    for i in ITEMS.iter() {
        for s in 0..=i.max() {
            assert!(i.options.iter().any(|o| o.score == s), "{} lacks score {s}", i.code);
        }
        assert_eq!(i.options[0].score, i.max());
    }
}

#[test]
fn full_marks_are_intact() {
    let s = score(&Answers::parse(&full()).unwrap(), &Adjustments::default()).unwrap();
    assert_eq!(s.total, 90);
    assert_eq!(s.subtotals.iter().map(|s| s.score).collect::<Vec<_>>(), vec![32, 15, 28, 15]);
    assert_eq!(s.level, Level::Intact);
}

/// Worked by hand: self-care 3+3+2+3+2+3+4+3 = 23, motor 4+3+3+1 = 11,
/// mental 3+3+4+2+3+3+1+0+2 = 21, perception 1+1+2+1+3 = 8; total 63 → 中度失能.
#[test]
fn a_worked_example() {
    let answers = Answers::parse(&with(&[
        ("eating", 3),
        ("grooming", 3),
        ("bathing", 2),
        ("dressing_upper", 3),
        ("dressing_lower", 2),
        ("bladder", 3),
        ("bowel", 4),
        ("toileting", 3),
        ("bed_mobility", 4),
        ("bed_chair_transfer", 3),
        ("walking", 3),
        ("stairs", 1),
        ("time_orientation", 3),
        ("place_orientation", 3),
        ("person_orientation", 4),
        ("memory", 2),
        ("understanding", 3),
        ("expression", 3),
        ("aggression", 1),
        ("depression", 0),
        ("consciousness", 2),
        ("vision", 1),
        ("hearing", 1),
        ("daily_affairs", 2),
        ("transport", 1),
        ("social", 3),
    ]))
    .unwrap();
    let s = score(&answers, &Adjustments::default()).unwrap();
    assert_eq!(s.subtotals.iter().map(|s| s.score).collect::<Vec<_>>(), vec![23, 11, 21, 8]);
    assert_eq!(s.total, 63);
    assert_eq!(s.preliminary, Level::Moderate);
    assert_eq!(s.level, Level::Moderate);
    assert!(s.explanation.iter().any(|l| l.zh.contains("总分 63 / 90") && l.zh.contains("46–65")));
    assert_eq!(s.level.self_care(), SelfCare::Partial);
}

#[test]
fn level_boundaries() {
    assert_eq!(level_of(90), Level::Intact);
    assert_eq!(level_of(89), Level::Mild);
    assert_eq!(level_of(66), Level::Mild);
    assert_eq!(level_of(65), Level::Moderate);
    assert_eq!(level_of(46), Level::Moderate);
    assert_eq!(level_of(45), Level::Severe);
    assert_eq!(level_of(30), Level::Severe);
    assert_eq!(level_of(29), Level::Total);
    assert_eq!(level_of(0), Level::Total);
}

#[test]
fn coma_is_total_outright() {
    // only consciousness lowered to 0: total 88, 轻度失能 by score, 完全失能 by the coma
    let answers = Answers::parse(&with(&[("consciousness", 0)])).unwrap();
    let s = score(&answers, &Adjustments { coma: true, ..Default::default() }).unwrap();
    assert_eq!((s.total, s.preliminary, s.level), (88, Level::Mild, Level::Total));
    assert!(s.explanation.iter().any(|l| l.zh.contains("昏迷")));
    // a coma with the consciousness scored as awake contradicts itself
    let e = score(&Answers::parse(&full()).unwrap(), &Adjustments { coma: true, ..Default::default() }).unwrap_err();
    assert_eq!(e[0].field, "adjustments.coma");
}

#[test]
fn dementia_raises_one_step() {
    let s = score(&totalling(63), &Adjustments { dementia: true, ..Default::default() }).unwrap();
    assert_eq!((s.preliminary, s.level), (Level::Moderate, Level::Severe));
    let s = score(&totalling(90), &Adjustments { dementia: true, ..Default::default() }).unwrap();
    assert_eq!((s.preliminary, s.level), (Level::Intact, Level::Mild));
}

#[test]
fn two_risk_events_raise_one_step_one_does_not() {
    let two = Adjustments { falls: 1, wandering: 1, ..Default::default() };
    let s = score(&totalling(70), &two).unwrap();
    assert_eq!((s.preliminary, s.level), (Level::Mild, Level::Moderate));
    let one = Adjustments { choking: 1, ..Default::default() };
    assert_eq!(score(&totalling(70), &one).unwrap().level, Level::Mild);
    let falls = Adjustments { falls: 2, ..Default::default() };
    assert_eq!(score(&totalling(40), &falls).unwrap().level, Level::Total);
}

#[test]
fn both_adjustments_raise_one_step_and_total_stays_total() {
    let both = Adjustments { dementia: true, self_harm: 2, ..Default::default() };
    assert_eq!(score(&totalling(50), &both).unwrap().level, Level::Severe);
    assert_eq!(score(&totalling(20), &both).unwrap().level, Level::Total);
}

#[test]
fn rejected_answers_name_the_item() {
    let mut missing = full();
    missing.remove("memory");
    assert_eq!(Answers::parse(&missing).unwrap_err()[0].field, "items.memory");
    assert_eq!(Answers::parse(&with(&[("eating", 5)])).unwrap_err()[0].field, "items.eating");
    assert_eq!(Answers::parse(&with(&[("eating", -1)])).unwrap_err()[0].field, "items.eating");
    // 上下楼梯 goes to 3, 视力 to 2, 攻击行为 to 1
    assert_eq!(Answers::parse(&with(&[("stairs", 4)])).unwrap_err()[0].field, "items.stairs");
    assert_eq!(Answers::parse(&with(&[("vision", 3)])).unwrap_err()[0].field, "items.vision");
    assert_eq!(Answers::parse(&with(&[("aggression", 2)])).unwrap_err()[0].field, "items.aggression");
    let unknown = Answers::parse(&with(&[("singing", 4)])).unwrap_err();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].field, "items.singing");
    let e = score(&Answers::parse(&full()).unwrap(), &Adjustments { falls: 31, ..Default::default() }).unwrap_err();
    assert_eq!(e[0].field, "adjustments.falls");
}

#[test]
fn reassessment_due() {
    assert_eq!(next_due(d("2026-03-15"), Level::Intact, None), d("2027-03-15"));
    assert_eq!(next_due(d("2026-03-15"), Level::Mild, Some(Level::Mild)), d("2027-03-15"));
    assert_eq!(next_due(d("2026-03-15"), Level::Mild, Some(Level::Intact)), d("2026-09-15"));
    assert_eq!(next_due(d("2026-03-15"), Level::Moderate, None), d("2026-09-15"));
    assert_eq!(next_due(d("2026-08-31"), Level::Total, None), d("2027-02-28"));
}

#[test]
fn self_care_by_level() {
    assert_eq!(Level::Intact.self_care(), SelfCare::Full);
    assert_eq!(Level::Mild.self_care(), SelfCare::Full);
    assert_eq!(Level::Moderate.self_care(), SelfCare::Partial);
    assert_eq!(Level::Severe.self_care(), SelfCare::None);
    assert_eq!(Level::Total.self_care(), SelfCare::None);
}
