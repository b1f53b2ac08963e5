//! 演示核对数据 departmental snapshots for the demo district, a verification of its dibao cases
//! and this year's re-inspection draw.
//!
//! The records are generated from the enrolled members, deterministically from their ids: most
//! agree with what the households declared, and a few carry what a real verification finds (a
//! car, a second flat, a business, wages nobody declared, a death not yet reported).
use anyhow::Result;
use chrono::Datelike;
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::verification::{Feed, Record};
use minzheng_core::verification::sampling;
use minzheng_store::assistance::town_of;
use minzheng_store::verification::runs::RunScope;
use minzheng_store::verification::snapshots::{EnrolledPerson, NewSnapshot};
use minzheng_store::{Scope, Store, today};

const ACTOR: &str = "demo";

/// The records the departments would hold about the enrolled members: every member's 户籍, and
/// for about one household in seven one thing a verification exists to find.
pub fn records(persons: &[EnrolledPerson], as_of: chrono::NaiveDate) -> Vec<(Feed, Record)> {
    let mut out = Vec::new();
    let rec = |p: &EnrolledPerson, f: &dyn Fn(&mut Record)| {
        let mut r = Record { id_number: p.id_number.clone(), name: p.name.clone(), ..Record::default() };
        f(&mut r);
        r
    };
    let adult = |p: &EnrolledPerson| p.birth_date.get(..4).and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| as_of.year() - y >= 18);
    for members in persons.chunk_by(|a, b| a.household_id == b.household_id) {
        let h = members[0].household_id;
        // the household's draw is keyed on its members' ID numbers, not on its database id
        let key = members.iter().map(|p| p.id_number.as_str()).min().unwrap_or_default();
        let kind = (super::draw::by_text(key, 21) % 1000) as i64;
        let head = &members[0];
        let last = &members[members.len() - 1];
        for p in members {
            let booklet = if (100..110).contains(&kind) && p.person_id == last.person_id && members.len() > 1 { h + 1 } else { h };
            out.push((Feed::Hukou, rec(p, &|r| {
                r.reference = format!("4407{booklet:08}");
                r.detail = "江门市新会区".into();
            })));
        }
        match kind {
            0..20 if adult(head) => out.push((Feed::Vehicle, rec(head, &|r| {
                r.reference = format!("粤J{:05}", head.person_id % 100_000);
                r.category = "car".into();
                r.on_date = "2019-05-20".into();
            }))),
            20..35 => {
                for (year, n, place) in [(2016, h, "新会区会城街道"), (2021, h + 5_000_000, "蓬江区某小区")] {
                    out.push((Feed::Property, rec(head, &|r| {
                        r.reference = format!("粤({year})江门市不动产权第{:07}号", n % 10_000_000);
                        r.detail = place.into();
                        r.quantity = 6_500 + (h % 30) * 100;
                    })));
                }
            }
            35..50 => out.push((Feed::Business, rec(head, &|r| {
                r.reference = format!("92440705MA{:08}", head.person_id % 100_000_000);
                r.detail = "新会区某某五金店".into();
                r.amount = if kind < 43 { 5_000_000 } else { 0 };
                r.category = if kind < 43 { "investor_and_legal" } else { "legal_representative" }.into();
            }))),
            50..65 => out.push((Feed::Deposit, rec(head, &|r| {
                r.detail = "江门农商银行".into();
                r.reference = format!("6228{h:012}");
                r.amount = 8_800_000;
            }))),
            65..90 => {
                if let Some(p) = members.iter().rev().find(|p| adult(p)) {
                    out.push((Feed::Contribution, rec(p, &|r| {
                        r.detail = "江门市某制造有限公司".into();
                        r.amount = 230_000;
                        r.quantity = 4;
                    })));
                }
            }
            90..100 if members.len() > 1 => out.push((Feed::Cremation, rec(last, &|r| {
                r.on_date = (as_of - chrono::Duration::days(40 + (last.person_id % 100))).to_string();
                r.detail = "新会区殡仪馆".into();
            }))),
            110..120 if adult(head) => out.push((Feed::Marriage, rec(head, &|r| {
                r.category = "marriage".into();
                r.reference = minzheng_core::registry::identity::IdNumber::from_parts("440705", chrono::NaiveDate::from_ymd_opt(1985, 6, 1).unwrap_or_default(), (h % 900) as u16 + 1).into_string();
                r.detail = "陈某某".into();
                r.on_date = "2024-03-08".into();
            }))),
            120..130 if adult(head) => out.push((Feed::Pension, rec(head, &|r| {
                r.amount = 180_000;
                r.detail = "城镇职工基本养老保险".into();
            }))),
            130..140 => out.push((Feed::Enrolment, rec(last, &|r| {
                r.category = "tekun".into();
                r.reference = "江海区".into();
                r.on_date = "2025-01-01".into();
            }))),
            _ => {}
        }
    }
    out
}

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    if !store.active_snapshots().await?.is_empty() {
        println!("verification: snapshots already loaded; not generating again");
        return Ok(());
    }
    let scope = Scope::of(county.clone());
    let persons = store.enrolled_persons(&scope).await?;
    let today = today();
    let as_of = today - chrono::Duration::days(today.day0() as i64 + 1);
    let all = records(&persons, as_of);
    let mut tx = store.begin().await?;
    let mut loaded = 0;
    for feed in Feed::ALL {
        let rows: Vec<(usize, Record)> = all.iter().filter(|(f, _)| f == feed).enumerate().map(|(i, (_, r))| (i + 2, r.clone())).collect();
        if rows.is_empty() {
            continue;
        }
        let id = store
            .begin_snapshot(&mut tx, &NewSnapshot { feed: *feed, as_of: &as_of.to_string(), file_name: &format!("{}_{}.csv", feed.as_str(), as_of.format("%Y%m%d")), sha256: "", actor: ACTOR })
            .await?;
        store.insert_records(&mut tx, id, *feed, &rows).await?;
        store.finish_snapshot(&mut tx, id, *feed, rows.len(), &[]).await?;
        loaded += rows.len();
    }
    tx.commit().await?;
    let policy = store.policy().await?;
    let run = store.create_run(&scope, &RunScope::Cases { region: county.clone(), programme: Some(Programme::Dibao) }, YearMonth::of(today), ACTOR).await?;
    let run = store.execute_run(run.id, &policy, |_, _| {}).await?;
    let population = store.sampling_population(county).await?;
    let units: Vec<(i64, String)> = population.iter().map(|(_, h, r)| (*h, town_of(r))).collect();
    let seed = format!("{}0101", today.year());
    let draw = sampling::draw(&units, &seed, 200, 500, None);
    let mut tx = store.begin().await?;
    store.insert_draw(&mut tx, today.year(), county.as_str(), &seed, (200, 500), &population, &draw, ACTOR).await?;
    tx.commit().await?;
    println!(
        "verification: {loaded} departmental records in {} snapshots; {} dibao households verified ({} consistent, {} inconsistent, {} not eligible, {} flags); {} drawn for re-inspection",
        store.active_snapshots().await?.len(),
        run.done,
        run.consistent,
        run.inconsistent,
        run.not_eligible,
        run.flags,
        draw.items.len()
    );
    Ok(())
}
