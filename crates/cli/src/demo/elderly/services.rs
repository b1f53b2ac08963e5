//! 平安钟, 长者食堂, 养老机构 demo data: devices for part of the installation priority list (so some
//! tier-1 elders are still missing), alarms of the last days (closed, with their times) and two open
//! ones for the duty board, four canteens with last month's and this month's lunches (subsidies by the
//! tier rule), and institutions of every kind in several towns with residents — 特困 elders in the
//! town homes (集中供养) and others in the private homes. Seeds once: a district that already has
//! an institution, canteen or device gets nothing more.
use anyhow::{Context, Result};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use minzheng_core::assistance::{Fen, YearMonth};
use minzheng_core::date::age_on;
use minzheng_core::elderly::services::canteen::{self as canteen_rule, DinerFacts};
use minzheng_core::elderly::services::emergency as emergency_rule;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::elderly::services::ElderFactsRow;
use minzheng_store::elderly::services::canteen::{CanteenFields, NewMeal};
use minzheng_store::elderly::services::emergency::{NewDevice, PriorityFilter, StepEntry, StepWrite};
use minzheng_store::elderly::services::institution::InstitutionFields;
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store, fmt_time, today};

use crate::demo::draw::Draws;

pub async fn seed(store: &Store, county: &RegionCode, draws: &Draws) -> Result<()> {
    if store.services_seeded().await? {
        return Ok(());
    }
    let towns = store.region_children(county).await?;
    anyhow::ensure!(towns.len() >= 3, "the district has too few towns");
    let pick = |name: &str, index: usize| towns.iter().find(|t| t.name == name).or_else(|| towns.get(index)).map(|t| t.code.clone()).unwrap_or_default();
    let chosen = [pick("会城街道", 0), pick("司前镇", 2), pick("双水镇", 4), pick("大鳌镇", 6)];
    let today = today();
    let policy = store.policy().await?;
    let scope = Scope::of(county.clone());
    devices_and_alarms(store, &scope, today, &policy, draws).await?;
    canteens(store, &chosen, today, &policy, draws).await?;
    institutions(store, &chosen, today, draws).await?;
    Ok(())
}

async fn devices_and_alarms(store: &Store, scope: &Scope, today: NaiveDate, policy: &minzheng_core::assistance::policy::PolicySet, draws: &Draws) -> Result<()> {
    let mut holders: Vec<(i64, String)> = Vec::new();
    for tier in [1u8, 2] {
        let page = store.priority_list(scope, &PriorityFilter { tier: Some(tier), ..Default::default() }, today, Paging::new(Some(1), Some(200))).await?;
        // about 60% of tier 1 and 25% of tier 2 have one: the rest are the "still missing"
        let share = if tier == 1 { 60 } else { 25 };
        holders.extend(page.items.iter().filter(|r| draws.person(r.facts.person_id, 7) % 100 < share).map(|r| (r.facts.person_id, r.facts.region_code.to_string())));
    }
    let mut tx = store.begin().await?;
    let mut devices = Vec::new();
    for (i, (person_id, region)) in holders.iter().enumerate() {
        let code = RegionCode::parse(region).context("person region")?;
        let installed_on = today - Duration::days(30 + (draws.person(*person_id, 11) % 700) as i64);
        let fee = emergency_rule::annual_fee(policy, &code, YearMonth::of(installed_on));
        let kinds = ["pendant", "pendant", "watch", "fixed"];
        let d = NewDevice {
            serial: format!("PAZ{:06}", 100_000 + i),
            person_id: *person_id,
            region_code: region.clone(),
            provider_id: None,
            kind: kinds[(draws.person(*person_id, 13) % 4) as usize].to_owned(),
            phone: format!("139{:08}", draws.person(*person_id, 17) % 100_000_000),
            installed_on,
            annual_fee: fee.value,
            fee_param: serde_json::to_string(&fee)?,
            note: String::new(),
        };
        devices.push((store.insert_device(&mut tx, &d).await?, *person_id));
    }
    tx.commit().await?;
    let scope_all = Scope::system();
    let now = Utc::now();
    let kinds = ["sos", "fall", "sos", "no_activity", "low_battery", "sos"];
    let outcomes = ["resolved_by_phone", "family_handled", "false_alarm", "on_site_help", "hospital", "resolved_by_phone"];
    // twelve closed alarms over the last three days, then two open ones
    for (n, (device_id, holder)) in devices.iter().take(14).enumerate() {
        let device = store.device(&scope_all, *device_id).await?;
        let open = n >= 12;
        let raised = if open { now - Duration::minutes(if n == 12 { 6 } else { 22 }) } else { now - Duration::minutes(60 * (3 + 5 * n as i64) + (draws.person(*holder, 100 + 3) % 50) as i64) };
        let mut tx = store.begin().await?;
        let id = store.insert_alarm(&mut tx, &device, kinds[n % kinds.len()], &fmt_time(raised), "平安钟呼叫平台", "").await?;
        tx.commit().await?;
        if n == 12 {
            continue; // waiting for a response
        }
        let ack = raised + Duration::seconds(20 + (draws.person(*holder, 100 + 5) % 200) as i64);
        let outcome = outcomes[n % outcomes.len()];
        let mut steps: Vec<(&str, chrono::DateTime<Utc>, Option<&str>)> = vec![("acknowledge", ack, None)];
        if n == 13 {
            steps.push(("call_family", ack + Duration::minutes(2), None));
        } else if matches!(outcome, "on_site_help" | "hospital") {
            steps.push(("dispatch", ack + Duration::minutes(1), None));
            steps.push(("arrive", ack + Duration::minutes(18 + (draws.person(*holder, 100 + 9) % 20) as i64), None));
            steps.push(("close", ack + Duration::minutes(60), Some(outcome)));
        } else if outcome == "family_handled" {
            steps.push(("call_family", ack + Duration::minutes(1), None));
            steps.push(("close", ack + Duration::minutes(25), Some(outcome)));
        } else {
            steps.push(("close", ack + Duration::minutes(4), Some(outcome)));
        }
        for (version, (step, at, outcome)) in (1..).zip(steps) {
            let before = store.alarm_at(&scope_all, id, version).await?;
            let status = match step {
                "acknowledge" => "acknowledged",
                "dispatch" | "call_family" => "dispatched",
                "arrive" => "arrived",
                _ => "closed",
            };
            let column = match step {
                "acknowledge" => "acknowledged_at",
                "dispatch" | "call_family" => "dispatched_at",
                "arrive" => "arrived_at",
                _ => "closed_at",
            };
            let entry = StepEntry { step: step.to_owned(), at: fmt_time(at), by: "district".into(), note: String::new(), outcome: outcome.map(str::to_owned) };
            let mut tx = store.begin().await?;
            store.alarm_step(&mut tx, &scope_all, &before, StepWrite { status, column: Some(column), entry, outcome }).await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

fn diner(f: &ElderFactsRow, district: &str, on: NaiveDate) -> DinerFacts {
    DinerFacts { age: age_on(f.birth_date, on), local_hukou: f.hukou_region_code.as_str().starts_with(district), tekun: f.tekun, dibao: f.dibao, low_income: f.low_income }
}

async fn canteens(store: &Store, towns: &[String; 4], today: NaiveDate, policy: &minzheng_core::assistance::policy::PolicySet, draws: &Draws) -> Result<()> {
    let plans = [("会城街道长者饭堂（仁寿社区）", 0, 60, 1200), ("会城街道长者饭堂（同安社区）", 0, 40, 1000), ("司前镇长者食堂", 1, 30, 1000), ("双水镇长者食堂", 2, 36, 1100)];
    let first = YearMonth::of(today).prev().first_day();
    // one lunch per elder and day, whichever canteen (a unique violation would abort a PostgreSQL transaction)
    let mut served = std::collections::HashSet::new();
    for (n, (name, town, seats, price)) in plans.into_iter().enumerate() {
        let town_code = &towns[town];
        let town_scope = Scope::of(RegionCode::parse(town_code).context("town")?);
        let elders = store.elders_of(&town_scope, 60, today, 400).await?;
        let village = elders.first().map(|e| e.region_code.to_string()).unwrap_or_else(|| town_code.clone());
        let mut tx = store.begin().await?;
        let id = store
            .insert_canteen(&mut tx, &CanteenFields { name: name.to_owned(), region_code: village.clone(), provider_id: None, address: format!("{name}（社区服务中心一楼）"), seats, meal_price: price, status: "active".into() })
            .await?;
        let region = RegionCode::parse(&village)?;
        let district = &village[..6];
        // regulars: about one in six of the town's elders, lunch on most weekdays
        let regulars: Vec<&ElderFactsRow> = elders.iter().filter(|e| draws.person(e.person_id, 200 + n as u64).is_multiple_of(6)).take(seats as usize / 2).collect();
        let mut day = first;
        while day < today {
            if day.weekday().number_from_monday() <= 6 {
                for e in &regulars {
                    if draws.person(e.person_id, day.num_days_from_ce() as u64) % 10 >= 7 || !served.insert((e.person_id, day)) {
                        continue;
                    }
                    let s = canteen_rule::subsidy(&diner(e, district, day), Fen(price), policy, &region, YearMonth::of(day));
                    let meal = NewMeal {
                        canteen_id: id,
                        person_id: e.person_id,
                        region_code: e.region_code.to_string(),
                        served_on: day.to_string(),
                        slot: "lunch".into(),
                        price,
                        subsidy: s.subsidy.0,
                        tier: s.tier.as_str().to_owned(),
                        paid_by_elder: s.elder_pays.0,
                        explanation: serde_json::to_string(&s)?,
                    };
                    store.insert_meal(&mut tx, &meal, "demo").await?;
                }
            }
            day = day.succ_opt().context("date")?;
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn institutions(store: &Store, towns: &[String; 4], today: NaiveDate, draws: &Draws) -> Result<()> {
    let last_year = today.year() - 1;
    // (name, kind, ownership, town, beds, opened_on, licence)
    let plans: Vec<(String, &str, &str, usize, i64, String, &str)> = vec![
        ("新会区养老中心".into(), "nursing_home", "public_private", 0, 250, "2016-09-28".into(), "粤江民养备 2016-001"),
        ("会城街道敬老院".into(), "nursing_home", "public", 0, 60, "1998-05-01".into(), "粤江民养备 1998-012"),
        ("新会区颐康护养院".into(), "nursing_home", "private", 0, 120, "2019-03-15".into(), "粤江民养备 2019-007"),
        ("司前镇敬老院".into(), "nursing_home", "public", 1, 45, "2002-10-01".into(), "粤江民养备 2002-021"),
        ("司前镇康乐养老院".into(), "nursing_home", "private", 1, 80, format!("{last_year}-04-18"), "粤江民养备 新-003"),
        ("双水镇敬老院".into(), "nursing_home", "public", 2, 50, "2000-06-01".into(), "粤江民养备 2000-015"),
        ("会城街道日间照料中心".into(), "day_care", "public_private", 0, 15, "2014-12-01".into(), ""),
        ("司前镇日间照料中心".into(), "day_care", "public", 1, 10, "2015-07-01".into(), ""),
        ("会城街道康园中心".into(), "rehab_centre", "public", 0, 0, "2013-05-20".into(), ""),
        ("大鳌镇康园中心".into(), "rehab_centre", "public", 3, 0, "2017-01-10".into(), ""),
    ];
    let mut homes: Vec<(i64, usize, &str, i64, String)> = Vec::new();
    for (name, kind, ownership, town, beds, opened, licence) in &plans {
        let town_code = towns[*town].clone();
        let mut tx = store.begin().await?;
        let id = store
            .insert_institution(
                &mut tx,
                &InstitutionFields {
                    name: name.clone(),
                    kind: (*kind).to_owned(),
                    ownership: (*ownership).to_owned(),
                    region_code: town_code.clone(),
                    provider_id: None,
                    beds: *beds,
                    opened_on: Some(opened.clone()),
                    licence: (*licence).to_owned(),
                    address: format!("{name}院内"),
                    status: "active".into(),
                },
            )
            .await?;
        tx.commit().await?;
        if *kind == "nursing_home" {
            homes.push((id, *town, ownership, *beds, opened.clone()));
        }
    }
    // 农村幸福院: in the first villages of three towns, a few rest beds each
    for (t, town) in towns.iter().enumerate().take(3) {
        let villages = store.region_children(&RegionCode::parse(town)?).await?;
        for v in villages.iter().filter(|v| !v.code.ends_with("000")).skip(1).take(2) {
            let mut tx = store.begin().await?;
            store
                .insert_institution(
                    &mut tx,
                    &InstitutionFields {
                        name: format!("{}农村幸福院", v.name),
                        kind: "happiness_home".into(),
                        ownership: "public".into(),
                        region_code: v.code.clone(),
                        provider_id: None,
                        beds: 4 + (t as i64) * 2,
                        opened_on: Some("2014-10-01".into()),
                        licence: String::new(),
                        address: format!("{}村委会旁", v.name),
                        status: "active".into(),
                    },
                )
                .await?;
            tx.commit().await?;
        }
    }
    // residents: three in five of the district's 特困 elders live in an institution (集中供养) — their
    // town's public home, else the district centre; the other places go to elders aged 70+ of the town
    let scope_all = Scope::system();
    let county = RegionCode::parse(&format!("{}000000", &towns[0][..6]))?;
    let everyone = store.elders_of(&Scope::of(county), 60, today, 100_000).await?;
    let town_of = |code: &str| format!("{}000", &code[..9]);
    let centre = homes.first().map(|h| h.0).context("the district centre")?;
    let mut placed: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    let mut living = std::collections::HashSet::new();
    // a place in `inst` while it holds fewer than `cap` (then the bed number)
    let mut admit = |inst: i64, e: &ElderFactsRow, cap: i64| -> Option<(i64, i64)> {
        let n = placed.entry(inst).or_insert(0);
        if *n >= cap || living.contains(&e.person_id) {
            return None;
        }
        living.insert(e.person_id);
        *n += 1;
        Some((inst, *n - 1))
    };
    let mut plan: Vec<(i64, i64, &ElderFactsRow)> = Vec::new();
    for e in everyone.iter().filter(|e| e.tekun && draws.person(e.person_id, 21) % 5 < 3) {
        let town = towns.iter().position(|t| *t == town_of(e.region_code.as_str()));
        let home = town.and_then(|t| homes.iter().find(|h| h.1 == t && h.2 == "public")).map(|h| h.0).unwrap_or(centre);
        let beds = homes.iter().find(|h| h.0 == home).map_or(0, |h| h.3);
        if let Some((inst, bed)) = admit(home, e, beds * 4 / 5) {
            plan.push((inst, bed, e));
        }
    }
    let mut others: Vec<&ElderFactsRow> = everyone.iter().filter(|e| !e.tekun && age_on(e.birth_date, today) >= 70).collect();
    others.sort_by_key(|e| draws.person(e.person_id, 23));
    for e in others {
        let Some(t) = towns.iter().position(|t| *t == town_of(e.region_code.as_str())) else { continue };
        // the private and 公建民营 homes of the town fill to about three in five of their beds
        for (inst, _, ownership, beds, _) in homes.iter().filter(|h| h.1 == t) {
            let cap = if *ownership == "public" { beds * 4 / 5 } else { beds * 3 / 5 };
            if let Some((i, bed)) = admit(*inst, e, cap) {
                plan.push((i, bed, e));
                break;
            }
        }
    }
    let mut tx = store.begin().await?;
    for (inst, bed, e) in plan {
        let record = store.institution(&scope_all, inst).await?;
        let opened = record.opened_on.unwrap_or(today);
        let since = (today - Duration::days(20 + (draws.person(e.person_id, 25) % 900) as i64)).max(opened).min(today);
        store.admit_resident(&mut tx, &record, e.person_id, e.region_code.as_str(), &format!("{}-{:02}", 1 + bed / 20, bed % 20 + 1), e.tekun, since).await?;
    }
    tx.commit().await?;
    Ok(())
}
