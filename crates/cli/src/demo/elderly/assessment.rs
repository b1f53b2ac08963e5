//! 老年人能力评估 and 探访 demo data: the assessor account, a few hundred assessments over the
//! district's elderly (deterministic: each person's answers come from his id), recorded living
//! situations for some elders living alone or left behind, and visit plans, some overdue. A
//! district that already has assessments gets nothing more.
use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use chrono::{Days, Months, NaiveDate};
use minzheng_core::date::age_on;
use minzheng_core::elderly::assessment::living::{self, Living, Member};
use minzheng_core::elderly::assessment::visits::VisitCategory;
use minzheng_core::elderly::assessment::{self as core, Adjustments, Answers, ITEMS, Indicator, Reason};
use minzheng_core::registry::region::RegionCode;
use minzheng_app::admin::accounts::{AccountBody, create_account, validate_account};
use minzheng_store::elderly::assessment::{NewAssessment, NewVisitPlan};
use minzheng_store::{Scope, Store, today};

use crate::demo::draw::Draws;

/// How many elders the demo assesses (at most).
const ASSESSED: usize = 400;

/// Answers for a person: a frailty drawn from his id and age, each item lowered by it with some
/// spread, so the levels come out mostly intact and mild, fewer the worse they are.
fn answers_for(draws: &Draws, id: i64, age: u32) -> BTreeMap<String, i64> {
    let b = (draws.person(id, 1) % 100) as i64;
    // about a fifth of the younger old are fully able; the rest lose more the older and frailer
    let frailty = if b < 22 && age < 80 { 0 } else { ((b - 20).max(0).pow(3) / 6400 + i64::from(age.saturating_sub(60)) / 2).min(100) };
    ITEMS
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let max = i64::from(item.max());
            let noise = if frailty == 0 { 0 } else { (draws.person(id, 10 + i as u64) % 21) as i64 - 10 };
            let loss = ((frailty + noise).clamp(0, 100) * max + 50) / 100;
            (item.code.to_owned(), (max - loss).clamp(0, max))
        })
        .collect()
}

async fn ensure_assessor(store: &Store, county: &RegionCode) -> Result<()> {
    if store.account_by_username("assessor").await?.is_some() {
        return Ok(());
    }
    let region_name = store.region(county).await?.map(|r| r.name).unwrap_or_default();
    let body = AccountBody {
        username: Some("assessor".into()),
        display_name: Some(format!("{region_name}能力评估员")),
        password: Some(crate::demo::DEMO_PASSWORD.into()),
        role: Some("assessor".into()),
        region_code: Some(county.as_str().to_owned()),
        active: Some(true),
        provider_id: None,
    };
    let v = validate_account(store, &body, true, &Scope::system()).await.map_err(|e| anyhow!("demo account assessor: {e}"))?;
    let mut tx = store.begin().await?;
    create_account(store, &mut tx, &v).await.map_err(|e| anyhow!("demo account assessor: {e}"))?;
    store.audit(&mut tx, &crate::operator(store, "account.create", format!("demo account assessor assessor {county}")).await?).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn seed(store: &Store, county: &RegionCode, draws: &Draws) -> Result<()> {
    ensure_assessor(store, county).await?;
    if store.count_assessments().await? > 0 {
        return Ok(());
    }
    let today = today();
    let born_by = today.checked_sub_months(Months::new(60 * 12)).unwrap_or(today);
    let scope = Scope::of(county.clone());
    let elders = store.elders_in(&scope, &born_by.to_string(), 20_000).await?;
    if elders.is_empty() {
        return Ok(());
    }
    // the village of the demo's village worker first, so its plans show on his phone
    let first_village = crate::demo::worker_village(store, county).await?;
    let step = (elders.len() / ASSESSED).max(1);
    let mut picked: Vec<_> = elders.iter().filter(|e| Some(&e.region_code) == first_village.as_ref()).take(40).cloned().collect();
    picked.extend(elders.iter().step_by(step).filter(|e| Some(&e.region_code) != first_village.as_ref()).take(ASSESSED.saturating_sub(picked.len())).cloned());

    let mut tx = store.begin().await?;
    let (mut assessed, mut profiles, mut plans) = (0usize, 0usize, 0usize);
    for e in &picked {
        let Ok(birth) = NaiveDate::parse_from_str(&e.birth_date, "%Y-%m-%d") else { continue };
        // assessed within the last 15 months: those beyond 12 (6 for moderate or worse) are overdue
        let assessed_on = today.checked_sub_days(Days::new(draws.person(e.id, 2) % 450)).unwrap_or(today);
        let age = age_on(birth, assessed_on);
        if age < 60 {
            continue;
        }
        let answers = Answers::parse(&answers_for(draws, e.id, age)).map_err(|errs| anyhow!("demo answers: {:?}", errs))?;
        let adj = Adjustments { dementia: draws.person(e.id, 3).is_multiple_of(25), falls: u32::from(draws.person(e.id, 4).is_multiple_of(12)) * 2, ..Default::default() };
        let scored = core::score(&answers, &adj).map_err(|errs| anyhow!("demo score: {:?}", errs))?;
        let next_due = core::next_due(assessed_on, scored.level, None);
        let sub = |i: Indicator| scored.subtotals.iter().find(|s| s.indicator == i).map(|s| i64::from(s.score)).unwrap_or(0);
        let mut explanation = scored.explanation.clone();
        explanation.push(minzheng_core::assistance::means::Line {
            zh: format!("{} 个月后复评：{next_due}", core::reassessment_months(scored.level, None)),
            en: format!("Reassess in {} months, on {next_due}", core::reassessment_months(scored.level, None)),
        });
        store
            .insert_assessment(
                &mut tx,
                &NewAssessment {
                    person_id: e.id,
                    region_code: e.region_code.clone(),
                    assessed_on: assessed_on.to_string(),
                    reason: Reason::Initial.as_str().to_owned(),
                    items: serde_json::to_value(answers.to_map())?,
                    subtotals: [sub(Indicator::SelfCare), sub(Indicator::Motor), sub(Indicator::Mental), sub(Indicator::Perception)],
                    total: i64::from(scored.total),
                    preliminary_level: scored.preliminary.as_str().to_owned(),
                    level: scored.level.as_str().to_owned(),
                    adjustments: serde_json::to_value(&adj)?,
                    explanation: serde_json::to_value(&explanation)?,
                    next_due_on: next_due.to_string(),
                    assessor: "能力评估员（演示）".into(),
                    second_assessor: String::new(),
                    note: String::new(),
                    created_by: "demo".into(),
                },
            )
            .await?;
        assessed += 1;

        // living situation: derived from the household; some of those with family are recorded as 留守
        let members: Vec<Member> = match e.household_id {
            Some(h) => store.current_members(h).await?.into_iter().filter_map(|(id, b)| NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok().map(|b| Member { person_id: id, age: age_on(b, today) })).collect(),
            None => Vec::new(),
        };
        let derived = living::derive(e.id, &members);
        let recorded = match derived {
            Some(Living::Alone) => Some(Living::Alone),
            Some(Living::WithFamily) if draws.person(e.id, 5).is_multiple_of(6) => Some(Living::LeftBehind),
            Some(Living::EmptyNest) if draws.person(e.id, 5).is_multiple_of(3) => Some(Living::EmptyNest),
            _ => None,
        };
        let Some(living) = recorded else { continue };
        store.put_elder_profile(&mut tx, e.id, &e.region_code, living.as_str(), "", 0, "demo").await?;
        profiles += 1;
        let category = match living {
            Living::Alone => VisitCategory::AloneElder,
            Living::LeftBehind => VisitCategory::LeftBehindElder,
            _ => VisitCategory::EmptyNestElder,
        };
        // next visits spread from 20 days ago to 40 days ahead: about a third overdue
        let offset = (draws.person(e.id, 6) % 61) as i64 - 20;
        let next = if offset < 0 { today.checked_sub_days(Days::new(offset.unsigned_abs())) } else { today.checked_add_days(Days::new(offset as u64)) }.unwrap_or(today);
        let interval = category.default_interval_days();
        store
            .insert_visit_plan(&mut tx, &NewVisitPlan { person_id: e.id, region_code: e.region_code.clone(), category: category.as_str().to_owned(), interval_days: i64::from(interval), next_due_on: next.to_string(), created_by: "demo".into() })
            .await?;
        plans += 1;
    }
    store.audit(&mut tx, &crate::operator(store, "demo.elderly.assessment", format!("{assessed} assessments, {profiles} profiles, {plans} visit plans")).await?).await?;
    tx.commit().await?;
    Ok(())
}
