//! 居家养老服务 demo data: three providers of 新会区 with their contracts, the service catalogue,
//! eligible elders enrolled (found with the rule, not picked by hand), last month's orders all
//! confirmed and settled, this month's in progress (today's dispatched for the provider's phone
//! page), a few return visits, and the `provider` account bound to the first provider.
//! A district that already has a home-care provider gets nothing more (the account is still ensured).
use anyhow::{Context, Result, anyhow};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use minzheng_core::assistance::YearMonth;
use minzheng_core::assistance::policy::PolicySet;
use minzheng_core::elderly::care::{self as rule, ElderAllowance, OrderFact, OrderStatus};
use minzheng_core::registry::region::RegionCode;
use minzheng_app::admin::accounts::{AccountBody, create_account, validate_account};
use minzheng_store::elderly::care::{EnrolmentInput, OrderAccess, OrderInput, OrderStep, ProviderInput, ServiceItemInput, ServiceItemRecord};
use minzheng_store::{Scope, Store, fmt_time, today};

use crate::demo::draw::Draws;

/// A unified social credit code with its GB 32100 check character.
fn credit_code(first17: &str) -> String {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let (mut w, mut sum) = (1u32, 0u32);
    for c in first17.chars() {
        sum += CHARS.find(c).unwrap_or(0) as u32 * w;
        w = w * 3 % 31;
    }
    let check = ((31 - sum % 31) % 31) as usize;
    format!("{first17}{}", &CHARS[check..=check])
}

/// The catalogue: code, name, unit, price (fen), minutes: prices of a Guangdong district's
/// purchased home-care list.
const ITEMS: &[(&str, &str, &str, i64, i64)] = &[
    ("ZC", "助餐（送餐上门）", "次", 1500, 30),
    ("ZJ", "助洁（居室清洁）", "小时", 4500, 60),
    ("ZY", "助浴", "次", 8000, 90),
    ("ZYI", "助医（陪同就医）", "次", 6000, 120),
    ("PH", "陪护（生活照料）", "小时", 3500, 60),
    ("LF", "理发修甲", "次", 2000, 30),
    ("JK", "健康监测（血压血糖）", "次", 1000, 20),
];

struct Plan {
    name: &'static str,
    code17: &'static str,
    /// index into the towns chosen; None = the whole district
    town: Option<usize>,
    contact: &'static str,
    phone: &'static str,
    elders: usize,
}

const PROVIDERS: &[Plan] = &[
    Plan { name: "会城街道居家养老服务中心", code17: "52440705MJL21001", town: Some(0), contact: "陈丽华", phone: "0750-6632118", elders: 14 },
    Plan { name: "司前镇乐龄居家养老服务社", code17: "52440705MJL21002", town: Some(1), contact: "梁志强", phone: "0750-6771302", elders: 8 },
    Plan { name: "新会区颐康居家养老服务有限公司", code17: "91440705MA4W2G3H", town: None, contact: "黄晓敏", phone: "0750-6109988", elders: 0 },
];

pub async fn seed(store: &Store, county: &RegionCode, draws: &Draws) -> Result<()> {
    let towns = store.region_children(county).await?;
    let pick = |name: &str, index: usize| towns.iter().find(|t| t.name == name).or_else(|| towns.get(index)).map(|t| t.code.clone());
    let chosen = [pick("会城街道", 0).context("the district has no towns")?, pick("司前镇", 2).context("the district has too few towns")?];
    let existing = store.list_providers(&Scope::system(), Some("home_care"), None).await?;
    let provider_ids: Vec<i64> = if existing.is_empty() { seed_all(store, county, &chosen, draws).await? } else { existing.iter().map(|p| p.id).collect() };
    if let Some(first) = provider_ids.first() {
        ensure_account(store, *first, &chosen[0]).await?;
    }
    Ok(())
}

async fn ensure_account(store: &Store, provider_id: i64, region: &str) -> Result<()> {
    if store.account_by_username("provider").await?.is_some() {
        return Ok(());
    }
    let body = AccountBody {
        username: Some("provider".into()),
        display_name: Some("会城居家养老服务中心护理员".into()),
        password: Some(crate::demo::DEMO_PASSWORD.into()),
        role: Some("provider".into()),
        region_code: Some(region.to_owned()),
        active: Some(true),
        provider_id: Some(provider_id),
    };
    let v = validate_account(store, &body, true, &Scope::system()).await.map_err(|e| anyhow!("demo account provider: {e}"))?;
    let mut tx = store.begin().await?;
    create_account(store, &mut tx, &v).await.map_err(|e| anyhow!("demo account provider: {e}"))?;
    store.audit(&mut tx, &crate::operator(store, "account.create", format!("demo account provider provider {region} bound to provider {provider_id}")).await?).await?;
    tx.commit().await?;
    Ok(())
}

async fn seed_all(store: &Store, county: &RegionCode, towns: &[String; 2], draws: &Draws) -> Result<Vec<i64>> {
    let today = today();
    let this_month = YearMonth::of(today);
    let last_month = YearMonth::of(this_month.first_day() - Duration::days(1));
    let policy: PolicySet = store.policy().await?;
    let actor = "demo";
    let mut tx = store.begin().await?;
    let mut items: Vec<ServiceItemRecord> = Vec::new();
    for (code, name, unit, price, minutes) in ITEMS {
        let input = ServiceItemInput { code: (*code).into(), name: (*name).into(), unit: (*unit).into(), price: *price, minutes: *minutes, active: true };
        let id = store.create_service_item(&mut tx, &input).await?;
        items.push(ServiceItemRecord { id, code: input.code, name: input.name, unit: input.unit, price: input.price, minutes: input.minutes, active: true, version: 1, created_at: String::new(), updated_at: String::new() });
    }
    let mut provider_ids = Vec::new();
    for (i, p) in PROVIDERS.iter().enumerate() {
        let area = p.town.map(|t| towns[t].clone()).unwrap_or_else(|| county.as_str().to_owned());
        let input = ProviderInput {
            name: p.name.into(),
            kind: "home_care".into(),
            credit_code: credit_code(&format!("{}{}", p.code17, "0")[..17]),
            region_code: area,
            contact: p.contact.into(),
            phone: p.phone.into(),
            qualification: "江门市养老服务机构备案、居家养老服务政府购买定点".into(),
            qualification_until: Some(format!("{}-12-31", today.year() + 2)),
            contract_no: format!("XHMZ-JJYL-{}-{:03}", today.year(), i + 1),
            contract_start: format!("{}-01-01", today.year()),
            contract_end: format!("{}-12-31", today.year() + 1),
            status: "active".into(),
        };
        provider_ids.push(store.create_provider(&mut tx, &input, actor).await?);
    }
    tx.commit().await?;

    // eligible elders of each town, found with the rule
    let mut enrolled: Vec<(i64, i64, String, String, i64)> = Vec::new(); // (provider, person, name, region, enrolment)
    for (pi, p) in PROVIDERS.iter().enumerate() {
        let Some(t) = p.town else { continue };
        let town = RegionCode::parse(&towns[t]).map_err(|e| anyhow!(e.message_en))?;
        let born = (today - Duration::days(365 * 60 + 15)).to_string();
        let candidates = store.homecare_candidates(&Scope::of(town), &born, 4000).await?;
        let mut taken = 0;
        let mut tx = store.begin().await?;
        for person_id in candidates {
            if taken >= p.elders {
                break;
            }
            let person = store.person(&Scope::system(), person_id).await?;
            let facts = store.homecare_elder_facts(&person, last_month.first_day()).await?;
            let e = rule::eligibility(&facts);
            if !e.eligible {
                continue;
            }
            let region = RegionCode::parse(&person.region_code).map_err(|e| anyhow!(e.message_en))?;
            let allowance = rule::monthly_allowance(&policy, &region, last_month);
            let input = EnrolmentInput {
                person_id,
                region_code: person.region_code.clone(),
                provider_id: provider_ids[pi],
                monthly_allowance: allowance.value,
                basis: e.bases.clone(),
                reason: e.reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；"),
                params: vec![allowance],
                start_month: last_month.to_string(),
            };
            let id = store.create_enrolment(&mut tx, &input, actor).await?;
            enrolled.push((provider_ids[pi], person_id, person.name.clone(), person.region_code.clone(), id));
            taken += 1;
        }
        tx.commit().await?;
    }

    // orders: last month all confirmed; this month done and confirmed up to yesterday, today's dispatched
    let everything = OrderAccess { scope: Scope::system(), provider_id: None };
    let places = ["老人家中", "村（居）委会长者饭堂", "镇卫生院"];
    let relations = [("本人", ""), ("子女", "儿子"), ("配偶", "老伴")];
    let mut n_orders = 0;
    let mut tx = store.begin().await?;
    for (provider_id, person_id, name, region, enrolment_id) in &enrolled {
        for (month, count) in [(last_month, 4 + (draws.person(*person_id, 1) % 4) as i64), (this_month, 3 + (draws.person(*person_id, 2) % 3) as i64)] {
            for k in 0..count {
                let item = &items[(draws.person(*person_id, 10 + k as u64) % items.len() as u64) as usize];
                let units = if item.unit == "小时" { 1 + (draws.person(*person_id, 20 + k as u64) % 3) as i64 } else { 1 + (draws.person(*person_id, 30 + k as u64) % 2) as i64 };
                let last_day = if month == this_month { today.day() } else { month.last_day().day() };
                let day = 1 + (draws.person(*person_id, 40 + k as u64 + month.to_string().len() as u64) % u64::from(last_day)) as u32;
                let date = NaiveDate::from_ymd_opt(month.first_day().year(), month.first_day().month(), day).unwrap_or(month.first_day());
                let input = OrderInput {
                    enrolment_id: *enrolment_id,
                    person_id: *person_id,
                    region_code: region.clone(),
                    provider_id: *provider_id,
                    item_id: item.id,
                    item_name: item.name.clone(),
                    unit: item.unit.clone(),
                    units,
                    unit_price: item.price,
                    amount: item.price * units,
                    scheduled_on: date.to_string(),
                    note: String::new(),
                };
                let id = store.create_order(&mut tx, &input, actor).await?;
                n_orders += 1;
                if date >= today {
                    continue; // today's: dispatched, for the provider's page
                }
                let start = Utc.from_utc_datetime(&date.and_hms_opt(1 + (draws.person(*person_id, k as u64) % 6) as u32, 0, 0).unwrap_or_default());
                let end = start + Duration::minutes(item.minutes * units);
                let place = format!("{}（{name}）", places[(draws.person(*person_id, 50 + k as u64) % 3) as usize]);
                let steps = [
                    OrderStep::Start { worker: "陈阿姨".into(), at: fmt_time(start), lat: Some(22.52 + (draws.person(*person_id, 60) % 100) as f64 / 10000.0), lng: Some(113.03 + (draws.person(*person_id, 61) % 100) as f64 / 10000.0), place: place.clone() },
                    OrderStep::End { at: fmt_time(end), lat: None, lng: None, place, note: "服务完成，老人状态良好".into() },
                ];
                let mut version = 1;
                for s in &steps {
                    version = store.step_order(&mut tx, &everything, id, version, s).await?.version;
                }
                // this month: a few finished orders still wait for the confirmation
                if month == this_month && draws.person(*person_id, 70 + k as u64).is_multiple_of(4) {
                    continue;
                }
                let (rel, who) = relations[(draws.person(*person_id, 80 + k as u64) % 3) as usize];
                let by = if who.is_empty() { name.clone() } else { format!("{}{who}", name.chars().next().unwrap_or('李')) };
                let confirm = OrderStep::Confirm { by, relation: rel.into(), at: fmt_time(end + Duration::minutes(5)), recorder: "provider".into() };
                store.step_order(&mut tx, &everything, id, version, &confirm).await?;
                if month == last_month && k == 0 {
                    let sat = 3 + (draws.person(*person_id, 90) % 3) as i64;
                    let note = if sat == 5 { "老人对服务很满意" } else { "服务基本到位，建议准时上门" };
                    let visit_day = (date + Duration::days(3)).min(today);
                    store.insert_return_visit(&mut tx, id, region, sat, note, "镇街民政办", &visit_day.to_string(), actor).await?;
                }
            }
        }
    }
    // today's visits of the first provider, dispatched: what its worker opens on the phone
    for (provider_id, person_id, _, region, enrolment_id) in enrolled.iter().filter(|e| e.0 == provider_ids[0]).take(4) {
        let item = &items[(draws.person(*person_id, 99) % items.len() as u64) as usize];
        let input = OrderInput {
            enrolment_id: *enrolment_id,
            person_id: *person_id,
            region_code: region.clone(),
            provider_id: *provider_id,
            item_id: item.id,
            item_name: item.name.clone(),
            unit: item.unit.clone(),
            units: 1,
            unit_price: item.price,
            amount: item.price,
            scheduled_on: today.to_string(),
            note: "上午上门".into(),
        };
        store.create_order(&mut tx, &input, actor).await?;
        n_orders += 1;
    }
    tx.commit().await?;

    // last month settled per provider (as the district would)
    let mut settled = 0;
    for provider_id in &provider_ids {
        let orders = store.provider_month_orders(*provider_id, &last_month.to_string()).await?;
        if orders.is_empty() {
            continue;
        }
        let mut allowances: Vec<ElderAllowance> = Vec::new();
        for o in &orders {
            if allowances.iter().any(|a| a.person_id == o.fact.person_id) {
                continue;
            }
            allowances.push(ElderAllowance {
                person_id: o.fact.person_id,
                name: o.name.clone(),
                region_code: o.region_code.to_string(),
                enrolled: true,
                allowance: rule::monthly_allowance(&policy, &o.region_code, last_month),
                paid_elsewhere: minzheng_core::assistance::Fen(0),
            });
        }
        let facts: Vec<OrderFact> = orders.into_iter().map(|o| o.fact).collect();
        debug_assert!(facts.iter().all(|f| f.status == OrderStatus::Confirmed));
        let s = rule::settle(last_month, &facts, &allowances);
        let mut tx = store.begin().await?;
        store.insert_homecare_settlement(&mut tx, *provider_id, &s, actor).await?;
        tx.commit().await?;
        settled += 1;
    }
    let mut tx = store.begin().await?;
    store
        .audit(
            &mut tx,
            &crate::operator(store, "demo.elderly.care", format!("{} providers, {} items, {} enrolments, {n_orders} orders, {settled} settlements", provider_ids.len(), items.len(), enrolled.len())).await?,
        )
        .await?;
    tx.commit().await?;
    println!("home care: {} providers, {} elders enrolled, {n_orders} work orders, {settled} months settled", provider_ids.len(), enrolled.len());
    Ok(provider_ids)
}
