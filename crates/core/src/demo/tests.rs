use std::collections::HashSet;

use super::*;
use crate::date::age_on;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn villages() -> Vec<DemoVillage> {
    let v = |code: &str, name: &str, town: &str, urban: bool| DemoVillage {
        code: RegionCode::parse(code).unwrap(),
        name: name.into(),
        town_name: town.into(),
        urban,
    };
    vec![
        v("440705001001", "北门社区居委会", "会城街道", true),
        v("440705001002", "南门社区居委会", "会城街道", true),
        v("440705002001", "冈州社区居委会", "冈州街道", true),
        v("440705100201", "桥美村委会", "大泽镇", false),
        v("440705101201", "田金村委会", "司前镇", false),
        v("440705103201", "小冈村委会", "罗坑镇", false),
    ]
}

fn generate(seed: u64, n: u64) -> Vec<DemoHousehold> {
    DemoGenerator::new(villages(), seed, n, today()).collect()
}

#[test]
fn reproducible_for_a_seed_and_different_for_another() {
    let a = generate(7, 2_000);
    let b = generate(7, 2_000);
    let c = generate(8, 2_000);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn stops_at_the_target() {
    for n in [0u64, 1, 2, 3, 10, 999] {
        let total: usize = generate(1, n).iter().map(|h| h.members.len()).sum();
        assert_eq!(total as u64, n);
    }
    assert_eq!(DemoGenerator::new(Vec::new(), 1, 10, today()).count(), 0);
}

/// Statistics over 50,000 persons against the targets of the issue.
#[test]
fn plausible_population() {
    let households = generate(2026, 50_000);
    let persons: Vec<&DemoPerson> = households.iter().flat_map(|h| &h.members).collect();
    let n = persons.len() as f64;
    assert_eq!(persons.len(), 50_000);

    let avg = n / households.len() as f64;
    assert!((2.55..=2.85).contains(&avg), "average household size {avg}");

    let age = |p: &DemoPerson| age_on(p.person.birth_date, today());
    let share =
        |f: &dyn Fn(&DemoPerson) -> bool| persons.iter().filter(|p| f(p)).count() as f64 / n;
    let elderly = share(&|p| age(p) >= 60);
    assert!((0.15..=0.20).contains(&elderly), "60+ share {elderly}");
    let centenarians = persons.iter().filter(|p| age(p) >= 100).count();
    assert!(
        (1..=30).contains(&centenarians),
        "centenarians {centenarians}"
    );
    let disabled = share(&|p| p.person.disability.is_some());
    assert!(
        (0.05..=0.07).contains(&disabled),
        "disability share {disabled}"
    );
    let dead = share(&|p| !p.person.alive);
    assert!((0.002..=0.01).contains(&dead), "deceased share {dead}");
    let care = share(&|p| p.person.priority_care.is_some());
    assert!((0.005..=0.015).contains(&care), "priority care {care}");
    let han = share(&|p| p.person.ethnicity == "汉族");
    assert!(han > 0.98, "han {han}");
    let adults: Vec<_> = persons
        .iter()
        .filter(|p| age(p) >= 18 && p.person.alive)
        .collect();
    let phones =
        adults.iter().filter(|p| p.person.phone.is_some()).count() as f64 / adults.len() as f64;
    assert!((0.75..=0.85).contains(&phones), "adult phones {phones}");
    let local = share(&|p| p.person.id_number.as_ref().unwrap().county_code() == "440705");
    assert!((0.88..=0.93).contains(&local), "local IDs {local}");
    let orphans = persons.iter().filter(|p| p.person.orphan).count();
    assert!(orphans >= 1, "no orphans");
    let solitary = households
        .iter()
        .filter(|h| h.members.len() == 1 && age(&h.members[0]) >= 60)
        .count();
    assert!(
        solitary as f64 / households.len() as f64 > 0.05,
        "独居 {solitary}"
    );

    // disability mix and grades roughly as configured
    let with_kind = |k: DisabilityKind| {
        persons
            .iter()
            .filter(|p| p.person.disability.as_ref().is_some_and(|d| d.kind == k))
            .count() as f64
    };
    let total_disabled = persons
        .iter()
        .filter(|p| p.person.disability.is_some())
        .count() as f64;
    assert!((with_kind(DisabilityKind::Physical) / total_disabled - 0.29).abs() < 0.05);
    assert!((with_kind(DisabilityKind::Hearing) / total_disabled - 0.24).abs() < 0.05);
    let elderly_rate = persons
        .iter()
        .filter(|p| age(p) >= 60 && p.person.disability.is_some())
        .count() as f64
        / persons.iter().filter(|p| age(p) >= 60).count() as f64;
    assert!(
        elderly_rate > disabled,
        "disability should be commoner among the old"
    );
}

#[test]
fn every_person_is_valid_consistent_and_unique() {
    let households = generate(99, 50_000);
    let mut ids = HashSet::new();
    for h in &households {
        assert!(!h.members.is_empty());
        assert_eq!(h.members[0].relation, Relation::Head);
        assert_eq!(
            h.members
                .iter()
                .filter(|m| m.relation == Relation::Head)
                .count(),
            1
        );
        assert!(
            h.address
                .starts_with(&h.members[0].person.region.to_string())
                || h.address.ends_with('号')
        );
        let head = &h.members[0].person;
        for m in &h.members {
            let p = &m.person;
            let id = p.id_number.as_ref().unwrap();
            let reparsed = IdNumber::parse(id.as_str(), today()).unwrap();
            assert_eq!(reparsed.birth_date(), p.birth_date);
            assert_eq!(reparsed.gender(), p.gender);
            assert!(ids.insert(id.as_str().to_string()), "duplicate {id}");
            // the record passes the same validation as user input
            let again = p
                .to_input()
                .validate(today())
                .unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert_eq!(&again, p);
            if let Some(d) = &p.disability {
                let cert = d.certificate_no.as_deref().unwrap();
                assert_eq!(cert.len(), 20);
                assert!(cert.starts_with(id.as_str()));
            }
            if let Some(death) = p.death_date {
                assert!(!p.alive && death >= p.birth_date && death < today());
            }
            if p.orphan {
                assert!(age_on(p.birth_date, today()) < 18);
                assert!(!h.members.iter().any(|o| o.relation == Relation::Child));
            }
            let urban = h.region.is_urban().unwrap();
            assert_eq!(p.hukou_type == HukouType::Urban, urban);
            let age_gap = |a: &ValidPerson| {
                age_on(head.birth_date, today()) as i64 - age_on(a.birth_date, today()) as i64
            };
            match m.relation {
                Relation::Spouse => {
                    assert_ne!(p.gender, head.gender);
                    assert!(age_gap(p).abs() <= 8, "spouse gap {}", age_gap(p));
                }
                Relation::Child => {
                    assert!((19..=41).contains(&age_gap(p)), "child gap {}", age_gap(p))
                }
                Relation::Parent => assert!(age_gap(p) <= -18, "parent gap {}", age_gap(p)),
                Relation::Grandchild => assert!(age_gap(p) >= 40, "grandchild gap {}", age_gap(p)),
                _ => {}
            }
        }
    }
}

#[test]
fn streets_belong_to_their_town() {
    let households = generate(3, 5_000);
    for h in households {
        let urban = h.region.is_urban().unwrap();
        let streets = if urban { STREETS } else { LANES };
        assert!(
            streets.iter().any(|s| h.address.contains(s)),
            "{}",
            h.address
        );
    }
}
