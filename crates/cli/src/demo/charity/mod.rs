//! 慈善 demo data: the district charity federation's funds, projects and campaigns (the 广东扶贫
//! 济困日 on 30 June among them), a year of donations from persons and companies with every kind of
//! designation, allocations to dibao households, projects and organisations that respect them,
//! goods into the charity supermarket, each finished day's checkpoint published and the ledger
//! verified. Deterministic; a district that already has funds gets nothing more.
pub mod supermarket;

use anyhow::{Result, anyhow};
use chrono::{Datelike, Days, NaiveDate};
use minzheng_core::assistance::Fen;
use minzheng_core::charity::designation::{Category, Designation, Target};
use minzheng_core::charity::receipt;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::assistance::cases::CaseFilter;
use minzheng_core::charity::kinds::{Channel, DesignationKind, DonorKind, Form, RecipientKind};
use minzheng_store::charity::allocations::NewAllocation;
use minzheng_store::charity::donations::NewDonation;
use minzheng_store::charity::funds::{NewCampaign, NewProject};
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store, today};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

const BY: &str = "charity";

const FUNDS: &[(&str, &str, &str)] = &[
    ("CZJZ", "慈善救助基金", "困难群众临时救助、重病救助、春节慰问"),
    ("FPJK", "扶贫济困基金", "广东扶贫济困日募集，用于精准扶贫和困难家庭帮扶"),
    ("ZX", "助学基金", "资助困难家庭学生完成学业"),
    ("ALZC", "安老助残基金", "困难老年人、残疾人的照护、康复和辅具"),
    ("JZ", "救灾备灾基金", "自然灾害救助和救灾物资储备"),
];

const SURNAMES: &[&str] = &["陈", "李", "黄", "梁", "林", "张", "何", "吴", "谭", "区", "钟", "冯", "莫", "容", "甄"];
const GIVEN: &[&str] = &["志强", "丽华", "国明", "美玲", "家豪", "淑芬", "伟文", "秀英", "俊杰", "雪梅", "锦荣", "嘉欣"];
const COMPANIES: &[&str] = &[
    "江门市新会区葵艺有限公司",
    "新会陈皮村实业有限公司",
    "江门市崖门船舶修造厂",
    "新会区司前镇商会",
    "广东粤新建设集团有限公司",
    "江门市会城街道个体劳动者协会",
    "新会农村商业银行",
    "江门市冈州电器有限公司",
];

fn pick<'a>(rng: &mut ChaCha8Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.random_range(0..xs.len())]
}

struct Ctx {
    funds: Vec<(i64, String)>,
    projects: Vec<(i64, i64, String)>,
    towns: Vec<String>,
    county: RegionCode,
}

async fn donate(store: &Store, rng: &mut ChaCha8Rng, c: &Ctx, day: NaiveDate, campaign: Option<i64>) -> Result<()> {
    let company = rng.random_range(0..100) < 22;
    let donor_name = if company { pick(rng, COMPANIES).to_owned() } else { format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN)) };
    let amount_fen = if company { rng.random_range(50..2_000) * 10_000 } else { rng.random_range(1..200) * 1_000 };
    let roll = rng.random_range(0..100);
    let (designation, fund_id) = if campaign.is_some() && roll < 60 {
        let f = &c.funds[1];
        (Designation::Fund { fund: f.1.clone() }, Some(f.0))
    } else if roll < 40 {
        (Designation::Undesignated, None)
    } else if roll < 60 {
        let f = &c.funds[rng.random_range(0..c.funds.len())];
        (Designation::Fund { fund: f.1.clone() }, Some(f.0))
    } else if roll < 80 {
        let p = &c.projects[rng.random_range(0..c.projects.len())];
        (Designation::Project { project: p.0 }, Some(p.1))
    } else if roll < 90 {
        let t = &c.towns[rng.random_range(0..c.towns.len().min(4))];
        (Designation::Region { region: RegionCode::parse(t).map_err(|e| anyhow!(e.message_en))? }, None)
    } else {
        let cat = [Category::Elderly, Category::Children, Category::Disabled, Category::Dibao][rng.random_range(0..4)];
        (Designation::Category { category: cat }, None)
    };
    let (kind, value) = designation.parts();
    let d = NewDonation {
        receipt_code: receipt::new_code(day, rng),
        donor_kind: if company { DonorKind::Company } else { DonorKind::Person },
        donor_name,
        donor_phone: if company { String::new() } else { format!("13{:09}", rng.random_range(0..1_000_000_000u64)) },
        anonymous: !company && rng.random_range(0..100) < 12,
        form: Form::Money,
        amount_fen,
        goods: json!([]),
        designation_kind: kind,
        designation_value: value,
        fund_id,
        campaign_id: campaign,
        channel: [Channel::BankTransfer, Channel::Wechat, Channel::Alipay, Channel::Cash][rng.random_range(0..4)],
        received_on: day,
        note: String::new(),
        created_by: BY.into(),
    };
    let mut tx = store.begin().await?;
    store.charity_lock(&mut tx).await?;
    store.charity_insert_donation(&mut tx, &d, day).await?;
    tx.commit().await?;
    Ok(())
}

/// Allocates if the designations allow it (a refusal is simply skipped: the demo has no clerk to
/// change the request).
async fn allocate(store: &Store, a: NewAllocation, target: Target, day: NaiveDate) -> Result<bool> {
    let mut tx = store.begin().await?;
    store.charity_lock(&mut tx).await?;
    let paid = store.charity_insert_allocations(&mut tx, &[(a, target)], day, &|_| None).await?.remove(0).is_ok();
    tx.commit().await?;
    Ok(paid)
}

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    if !store.charity_funds().await?.is_empty() {
        return Ok(());
    }
    let today = today();
    let mut rng = ChaCha8Rng::seed_from_u64(20_260_630);
    let towns: Vec<String> = store.region_children(county).await?.into_iter().map(|t| t.code).collect();
    let mut tx = store.begin().await?;
    let mut funds = Vec::new();
    for (code, name, purpose) in FUNDS {
        funds.push((store.charity_insert_fund(&mut tx, code, name, purpose, BY).await?, (*code).to_owned()));
    }
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
    let first_town = towns.first().cloned().unwrap_or_else(|| county.to_string());
    let plan: [(usize, &str, String, i64, &str); 5] = [
        (0, "重病困难家庭医疗救助", county.to_string(), 30_000_000, "为因病致贫的困难家庭提供医疗费用补助"),
        (1, "困难家庭春节慰问", county.to_string(), 50_000_000, "春节前走访慰问全区低保、特困家庭"),
        (2, "助学圆梦", county.to_string(), 40_000_000, "资助困难家庭大学新生和在读学生"),
        (3, "长者饭堂爱心餐", first_town.clone(), 20_000_000, "为困难老年人提供爱心午餐"),
        (4, "防汛救灾物资储备", county.to_string(), 15_000_000, "汛期前储备救灾帐篷、棉被和食品"),
    ];
    let mut projects = Vec::new();
    for (fund, name, region, target, description) in plan {
        let p = NewProject { fund_id: funds[fund].0, name: name.into(), region_code: RegionCode::parse(&region).map_err(|e| anyhow!(e.message_en))?, target_fen: target, description: description.into(), starts_on: year_start, ends_on: None };
        projects.push((store.charity_insert_project(&mut tx, &p, BY).await?, funds[fund].0, name.to_owned()));
    }
    let fpjr_start = NaiveDate::from_ymd_opt(today.year(), 6, 20).expect("20 June");
    let fpjr_end = NaiveDate::from_ymd_opt(today.year(), 6, 30).expect("30 June");
    let fpjr = store
        .charity_insert_campaign(&mut tx, &NewCampaign { name: format!("{}年广东扶贫济困日", today.year()), starts_on: fpjr_start, ends_on: fpjr_end, target_fen: 200_000_000, description: "6月30日广东扶贫济困日，全区募集扶贫济困资金".into() }, BY)
        .await?;
    let gy_start = NaiveDate::from_ymd_opt(today.year(), 9, 7).expect("7 September");
    let gy_end = NaiveDate::from_ymd_opt(today.year(), 9, 9).expect("9 September");
    let gy = store.charity_insert_campaign(&mut tx, &NewCampaign { name: "99公益日".into(), starts_on: gy_start, ends_on: gy_end, target_fen: 50_000_000, description: "腾讯99公益日线上募捐".into() }, BY).await?;
    tx.commit().await?;

    // the households an allocation may reach: active dibao cases of the district
    let cases = store.list_cases(&Scope::of(county.clone()), &CaseFilter { programme: Some("dibao".into()), status: Some("active".into()), ..Default::default() }, Paging::new(Some(1), Some(200))).await?.items;
    let c = Ctx { funds, projects, towns, county: county.clone() };
    let fund_code = |i: usize| c.funds[i].1.clone();
    let mut day = year_start;
    let mut case_i = 0usize;
    let pb = crate::bar((today - year_start).num_days().max(1) as u64, "charity days");
    while day < today {
        let in_fpjr = day >= fpjr_start && day <= fpjr_end;
        let in_gy = day >= gy_start && day <= gy_end;
        let n = if day == fpjr_end { 40 } else if in_fpjr || in_gy { 10 } else { rng.random_range(0..4) };
        for _ in 0..n {
            let campaign = if in_fpjr { Some(fpjr) } else if in_gy { Some(gy) } else { None };
            donate(store, &mut rng, &c, day, campaign).await?;
        }
        // the 10th: aid to dibao households; the 20th: the projects and an organisation
        if day.day() == 10 && !cases.is_empty() {
            for _ in 0..8 {
                let case = &cases[case_i % cases.len()];
                case_i += 1;
                let h = store.charity_household_recipient(&Scope::system(), case.household_id, day).await?;
                let region = RegionCode::parse(&h.region_code).map_err(|e| anyhow!(e.message_en))?;
                let (fund, project) = if day.month() == 1 { (1, Some(c.projects[1].0)) } else { (0, None) };
                let amount = rng.random_range(5..30) * 10_000;
                let a = NewAllocation {
                    fund_id: c.funds[fund].0,
                    project_id: project,
                    recipient_kind: RecipientKind::Household,
                    household_id: Some(h.household_id),
                    recipient_name: h.head_name.clone(),
                    region_code: h.region_code.clone(),
                    categories: h.categories.clone(),
                    amount_fen: amount,
                    purpose: if day.month() == 1 { "春节慰问金".into() } else { "临时生活困难救助".into() },
                    allocated_on: day,
                    created_by: BY.into(),
                };
                let t = Target { fund: fund_code(fund), project, region: Some(region), categories: h.categories.iter().filter_map(|x| Category::parse(x)).collect() };
                allocate(store, a, t, day).await?;
            }
        }
        if day.day() == 20 && day.month().is_multiple_of(2) {
            for (i, (pid, fid, name)) in c.projects.iter().enumerate() {
                let Some(fund) = c.funds.iter().position(|f| f.0 == *fid) else { continue };
                let p = store.charity_project(*pid).await?;
                let region = p.region_code.clone();
                let amount = rng.random_range(20..80) * 100_000 / (i as i64 + 1);
                let a = NewAllocation {
                    fund_id: *fid,
                    project_id: Some(*pid),
                    recipient_kind: RecipientKind::Project,
                    household_id: None,
                    recipient_name: name.clone(),
                    region_code: p.region_code.as_str().to_owned(),
                    categories: vec![],
                    amount_fen: amount,
                    purpose: format!("{name}项目执行经费"),
                    allocated_on: day,
                    created_by: BY.into(),
                };
                allocate(store, a, Target { fund: fund_code(fund), project: Some(*pid), region: Some(region), categories: vec![] }, day).await?;
            }
            let a = NewAllocation {
                fund_id: c.funds[3].0,
                project_id: None,
                recipient_kind: RecipientKind::Organisation,
                household_id: None,
                recipient_name: "新会区社会福利院".into(),
                region_code: c.county.to_string(),
                categories: vec![],
                amount_fen: 1_000_000,
                purpose: "院内困难老人护理用品".into(),
                allocated_on: day,
                created_by: BY.into(),
            };
            allocate(store, a, Target { fund: fund_code(3), project: None, region: Some(c.county.clone()), categories: vec![] }, day).await?;
        }
        pb.inc(1);
        day = day.checked_add_days(Days::new(1)).expect("a next day");
    }
    pb.finish_and_clear();
    supermarket::seed(store, county).await?;
    // goods given yesterday go into the supermarket's stock
    let yesterday = today.pred_opt().expect("a day before");
    let items = store.supermarket_item_map().await?;
    let mut items: Vec<_> = items.into_values().filter(|i| i.active).collect();
    items.sort_by_key(|i| i.id);
    for (k, company) in COMPANIES.iter().take(3).enumerate() {
        let Some(item) = items.get(k) else { break };
        let quantity = 20 * (k as i64 + 1);
        let expires = yesterday.checked_add_days(Days::new(180));
        let d = NewDonation {
            receipt_code: receipt::new_code(yesterday, &mut rng),
            donor_kind: DonorKind::Company,
            donor_name: (*company).into(),
            donor_phone: String::new(),
            anonymous: false,
            form: Form::Goods,
            amount_fen: quantity * item.unit_value_fen,
            goods: json!([{"item_id": item.id, "item_name": item.name, "unit": item.unit, "quantity": quantity, "unit_value_fen": item.unit_value_fen, "expires_on": expires}]),
            designation_kind: DesignationKind::Undesignated,
            designation_value: String::new(),
            fund_id: None,
            campaign_id: None,
            channel: Channel::Goods,
            received_on: yesterday,
            note: String::new(),
            created_by: BY.into(),
        };
        let mut tx = store.begin().await?;
        store.charity_lock(&mut tx).await?;
        let (rec, _) = store.charity_insert_donation(&mut tx, &d, yesterday).await?;
        let lot = minzheng_store::charity::supermarket::NewLot {
            item_id: item.id,
            quantity,
            unit_value_fen: item.unit_value_fen,
            expires_on: expires,
            source: minzheng_core::charity::supermarket::Source::Donation,
            donation_id: Some(rec.id),
            supplier: String::new(),
            received_on: yesterday,
            created_by: BY.into(),
        };
        store.supermarket_stock_in(&mut tx, &lot).await?;
        tx.commit().await?;
    }
    let published = store.charity_publish_checkpoints(today).await?;
    // today's: not yet in a checkpoint (the portal says it is published tomorrow)
    for _ in 0..3 {
        donate(store, &mut rng, &c, today, None).await?;
    }
    let v = store.charity_verify("demo", |_, _| {}).await?;
    let t = store.charity_totals(None, None).await?;
    println!(
        "charity: {} donations ({} yuan), {} allocations ({} yuan), {} checkpoints published, ledger verified: {}",
        t.donations,
        Fen(t.money_fen + t.goods_fen).yuan_string(),
        t.allocations,
        Fen(t.spent_fen).yuan_string(),
        published.len(),
        if v.ok { "ok" } else { "BROKEN" }
    );
    Ok(())
}
