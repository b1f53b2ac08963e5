//! 演示救助数据 assistance in the demo district: the district's parameters and holidays, enrolled
//! dibao, tekun and low-income households, applications at each step, two months of payroll.
//!
//! Deterministic: which households take part follows from their ids, so the same seed gives the
//! same district.
use anyhow::{Result, anyhow};
use chrono::{Datelike, NaiveDate};
use minzheng_core::assistance::means::{Assets, HouseholdFacts, Income, IncomeType, Request, SelfCare, assess};
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::assistance::workflow::{self, Stage};
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_app::assistance::facts::{MemberInput, member_facts};
use minzheng_store::assistance::applications::{NewApplication, NewEvent};
use minzheng_store::assistance::cases::{NewCase, is_stable};
use minzheng_store::assistance::policy::Holiday;
use minzheng_store::registry::households::{HouseholdFilter, HouseholdRecord};
use minzheng_store::registry::persons::PersonRecord;
use minzheng_store::{Scope, Store, today};

use minzheng_core::registry::identity::IdNumber;

use super::draw::{self, Draws};

const ACTOR: &str = "demo";

pub async fn seed(store: &Store, county: &RegionCode, draws: &Draws) -> Result<()> {
    let scope = Scope::of(county.clone());
    let existing: i64 = store.list_cases(&scope, &Default::default(), minzheng_store::page::Paging::new(Some(1), Some(1))).await?.total;
    if existing > 0 {
        println!("assistance: {existing} cases already enrolled; not generating again");
        return Ok(());
    }
    let today = today();
    let this_month = YearMonth::of(today);
    let county6 = &county.as_str()[..6];
    let city4 = &county.as_str()[..4];

    let mut tx = store.begin().await?;
    // 江门 city standard and the district's own rules (POLICY.md: 蓬江 1.6× for tekun from 2018)
    let base = YearMonth::new(2025, 1).ok_or_else(|| anyhow!("month"))?;
    for (key, prefix, eff, value, note) in [
        (ParamKey::DibaoStandard, city4, base, 55000, "城乡统一低保标准"),
        (ParamKey::TekunMultiple, county6, YearMonth::new(2018, 1).unwrap_or(base), 1600, "特困基本生活标准为低保标准的1.6倍"),
        (ParamKey::TekunCarePartial, county6, base, 30000, "半失能照料标准"),
        (ParamKey::TekunCareNone, county6, base, 60000, "全失能照料标准"),
        (ParamKey::ConsumptionPerCapita, city4, YearMonth::new(2026, 1).unwrap_or(base), 2_800_000, "上年居民人均消费支出（演示数值）"),
    ] {
        store.insert_param(&mut tx, key, prefix, eff, value, note, ACTOR).await?;
    }
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(|x| x.to_string()).unwrap_or_default();
    for (day, kind, name) in [
        (d(2026, 10, 1), "holiday", "国庆节"),
        (d(2026, 10, 2), "holiday", "国庆节"),
        (d(2026, 10, 5), "holiday", "国庆节"),
        (d(2026, 10, 6), "holiday", "国庆节"),
        (d(2026, 10, 7), "holiday", "国庆节"),
        (d(2026, 9, 27), "workday", "国庆节调休"),
        (d(2026, 10, 10), "workday", "国庆节调休"),
        (d(2027, 1, 1), "holiday", "元旦"),
    ] {
        store.put_holiday(&mut tx, &Holiday { day, kind: kind.into(), name: name.into() }).await?;
    }
    tx.commit().await?;
    let policy = store.policy().await?;
    let calendar = store.calendar().await?;
    let village = super::worker_village(store, county).await?;
    // a household's draws are its head's (by ID number)
    let hmix = |h: &HouseholdRecord, salt: u64| (h.head_person_id.map_or_else(|| draw::by_text(&h.address, salt), |p| draws.person(p, salt)) % 1_000_000) as i64;

    // choose the households
    let mut chosen: Vec<(HouseholdRecord, Programme, bool)> = Vec::new();
    let mut unpicked: Vec<HouseholdRecord> = Vec::new();
    store
        .for_each_household(&scope, &HouseholdFilter::default(), 2000, |h| {
            // elders are more often assisted, and the village worker's village has its share
            // even in a small demo (each a quarter of the draw's range: more picks, same mix)
            let elder = h.head_id_number.as_deref().and_then(|n| IdNumber::parse(n, today).ok()).is_some_and(|n| minzheng_core::date::age_on(n.birth_date(), today) >= 60);
            let mut r = hmix(&h, 1) % 1000;
            if elder {
                r /= 2;
            }
            if village.as_deref() == Some(h.region_code.as_str()) {
                r /= 4;
            }
            let pick = match r {
                0..=24 => Some((Programme::Dibao, true)),
                25..=29 => Some((Programme::Tekun, true)),
                30..=37 => Some((Programme::LowIncome, true)),
                38..=39 => Some((Programme::Dibao, false)),
                40 => Some((Programme::Temporary, false)),
                _ => None,
            };
            if let Some((p, enrolled)) = pick {
                chosen.push((h, p, enrolled));
            } else if village.as_deref() == Some(h.region_code.as_str()) {
                unpicked.push(h);
            }
            Ok(())
        })
        .await?;
    // the village worker's village has two dibao households whatever the draw (his phone's visits,
    // the supermarket's points): the next ones of the village in draw order
    let have = chosen.iter().filter(|(h, p, enrolled)| *enrolled && *p == Programme::Dibao && village.as_deref() == Some(h.region_code.as_str())).count();
    unpicked.sort_by_key(|h| hmix(h, 9));
    chosen.extend(unpicked.into_iter().take(2usize.saturating_sub(have)).map(|h| (h, Programme::Dibao, true)));
    let pb = crate::bar(chosen.len() as u64, "assistance");
    let standard = policy.get(ParamKey::DibaoStandard, county, this_month).value;
    let mut enrolled = 0u64;
    let mut applications = 0u64;
    let mut tx = store.begin().await?;
    for (i, (h, programme, enrol)) in chosen.iter().enumerate() {
        pb.set_position(i as u64);
        let members: Vec<PersonRecord> = store.household_members(h.id).await?.into_iter().filter(|p| p.alive).collect();
        if members.is_empty() {
            continue;
        }
        let region = RegionCode::parse(&h.region_code).map_err(|e| anyhow!(e.message_en))?;
        let mut facts = HouseholdFacts { assets: Assets { dwellings: 1, ..Default::default() }, ..Default::default() };
        let n = members.len() as i64;
        for p in &members {
            let age = minzheng_core::date::age_on(NaiveDate::parse_from_str(&p.birth_date, "%Y-%m-%d")?, today);
            let input = MemberInput {
                person_id: Some(p.id),
                able_to_work: (18..60).contains(&age) && p.disability_grade.is_none(),
                has_supporter: *programme != Programme::Tekun,
                self_care: Some(if age >= 85 { SelfCare::Partial } else { SelfCare::Full }),
                serious_illness: draws.person(p.id, 5).is_multiple_of(20),
            };
            facts.members.push(member_facts(p, h, &input).map_err(|e| anyhow!("{e}"))?);
            if p.disability_grade.is_some() {
                facts.incomes.push(Income { person_id: Some(p.id), kind: IncomeType::DisabilitySubsidy, amount: Fen(208400) });
            }
        }
        let head = facts.members.iter().position(|m| m.relation == minzheng_core::registry::person::Relation::Head).unwrap_or(0);
        facts.members.swap(0, head);
        // per-capita income: dibao below the standard, low income between 1× and 1.5×
        let pci = match programme {
            Programme::Dibao | Programme::Temporary => hmix(h, 2) % (standard * 8 / 10),
            Programme::LowIncome => standard + hmix(h, 3) % (standard * 45 / 100),
            _ => 0,
        };
        if pci > 0 {
            facts.incomes.push(Income { person_id: Some(facts.members[0].person_id), kind: IncomeType::Wage, amount: Fen(pci * 12 * n) });
        }
        let request = if *programme == Programme::Temporary { Request { temporary_amount: Some(Fen(standard * 2)), ..Default::default() } } else { Request::default() };
        let bank_account = format!("6217{:015}", h.id % 1_000_000_000_000_000);
        if *enrol {
            let start = this_month.plus(-((hmix(h, 4) % 30) as i32) - 2);
            let stable = is_stable(&facts, today);
            let cycle = if stable { 12 } else { 6 };
            let next_review_on = today + chrono::Duration::days(hmix(h, 6) % (cycle * 30) - 20);
            let a = assess(*programme, &region, &facts, &request, &policy, start);
            if !a.eligible {
                continue;
            }
            store
                .enrol(&mut tx, &NewCase {
                    region_code: region.clone(),
                    programme: *programme,
                    household_id: h.id,
                    application_id: None,
                    head_name: facts.members[0].name.clone(),
                    start_month: start,
                    facts,
                    request,
                    bank_name: "江门农商银行".into(),
                    bank_account,
                    review_cycle_months: cycle,
                    next_review_on,
                    actor: ACTOR.into(),
                }, &policy)
                .await?;
            enrolled += 1;
        } else {
            // an application somewhere on its path, accepted in the last weeks
            let accepted = today - chrono::Duration::days(hmix(h, 7) % 28);
            let path = Stage::path(*programme);
            let reached = (hmix(h, 8) as usize) % 3;
            let stage = path[reached.min(path.len() - 2)];
            let a = assess(*programme, &region, &facts, &request, &policy, YearMonth::of(accepted));
            let deadline = workflow::deadline(&calendar, accepted, 15, None, None);
            let id = store
                .insert_application(&mut tx, &NewApplication {
                    region_code: region.clone(),
                    programme: *programme,
                    household_id: h.id,
                    applicant_person_id: facts.members[0].person_id,
                    applicant_name: facts.members[0].name.clone(),
                    members: i64::from(a.members),
                    stage,
                    facts: serde_json::to_string(&facts)?,
                    request: serde_json::to_string(&request)?,
                    assessment: serde_json::to_string(&a)?,
                    flags: "[]".into(),
                    flag_count: 0,
                    eligible: a.eligible,
                    monthly: a.monthly.0,
                    one_off: a.one_off.0,
                    bank_name: "江门农商银行".into(),
                    bank_account,
                    accepted_on: accepted,
                    deadline,
                    actor: ACTOR.into(),
                })
                .await?;
            let mut from = None;
            for (step, action) in path.iter().zip(["accept", "investigate", "verify", "review"]).take(reached + 1) {
                store
                    .insert_event(&mut tx, &NewEvent {
                        application_id: id,
                        region_code: &h.region_code,
                        action,
                        stage_from: from,
                        stage_to: step.as_str(),
                        actor: ACTOR,
                        actor_role: "town_officer",
                        note: "",
                        data: "{}".into(),
                    })
                    .await?;
                from = Some(step.as_str());
            }
            applications += 1;
        }
        if i % 500 == 499 {
            tx.commit().await?;
            tx = store.begin().await?;
        }
    }
    tx.commit().await?;
    pb.finish_and_clear();
    // the last two months were paid
    let mut paid = 0i64;
    for back in [2, 1] {
        let m = this_month.plus(-back);
        for p in [Programme::Dibao, Programme::Tekun] {
            // a programme with nobody to pay that month has no run (an empty run is refused)
            match store.payroll_confirm(m, p, &scope, None, ACTOR, None, |_| {}).await {
                Ok((run, _)) => paid += run.total,
                Err(minzheng_store::StoreError::Invalid(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    println!(
        "assistance: {enrolled} households enrolled, {applications} applications open, {} paid in the last two months (standard {} per person, {})",
        Fen(paid),
        Fen(standard),
        today.year()
    );
    Ok(())
}
