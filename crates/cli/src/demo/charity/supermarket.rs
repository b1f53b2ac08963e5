//! 慈善超市 demo data: a catalogue (rice, oil, flour, noodles, milk, biscuits, quilts, daily
//! necessities), purchased lots over the last two months (one of biscuits written off when it
//! expired last month, one of biscuits past its date still on the shelf, some expiring soon), a points
//! programme for dibao households issued last month and this month and one for tekun persons
//! issued this month, and redemptions at the counter in both months, taken first-expiring-first
//! by the same rules as the counter. Donated lots are added by the donation seeding. Seeds once: a
//! district whose supermarket has a catalogue gets nothing more.
use std::collections::HashMap;

use anyhow::{Result, anyhow};
use chrono::{Datelike, Duration, NaiveDate};
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::charity::supermarket::{self as rule, Basis, Category, PointsRule, ProgrammeStatus, Source, Wanted, WriteOffReason};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::charity::supermarket::{EligibleRow, ItemFields, NewIssue, NewLot, NewRedemption, ProgrammeFields, VoucherFilter};
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store, today};

const BY: &str = "charity";

/// (code, name, category, unit, points per unit, value per unit in fen)
const ITEMS: &[(&str, &str, Category, &str, i64, i64)] = &[
    ("RICE10", "大米（5kg装）", Category::GrainOil, "袋", 40, 3_800),
    ("OIL5L", "食用花生油（5L）", Category::GrainOil, "瓶", 90, 8_900),
    ("FLOUR5", "面粉（5kg）", Category::GrainOil, "袋", 30, 2_900),
    ("NOODLE", "挂面（1kg）", Category::Food, "包", 8, 750),
    ("MILK12", "纯牛奶（250ml×12）", Category::Food, "箱", 40, 3_900),
    ("BISCUIT", "饼干礼盒", Category::Food, "盒", 20, 1_800),
    ("QUILT", "冬被（200×230）", Category::Bedding, "床", 150, 15_000),
    ("SOAP", "洗衣液（2kg）", Category::Daily, "瓶", 25, 2_500),
    ("TOOTH", "牙膏牙刷套装", Category::Daily, "套", 10, 980),
    ("TOWEL", "毛巾（两条装）", Category::Daily, "套", 10, 1_000),
];

/// The day `d` of `month`, not after `today`.
fn day_of(month: YearMonth, d: u32, today: NaiveDate) -> NaiveDate {
    let day = NaiveDate::from_ymd_opt(month.year(), month.month(), d.min(month.last_day().day())).unwrap_or(month.first_day());
    day.min(today)
}

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    if store.supermarket_seeded().await? {
        return Ok(());
    }
    let today = today();
    let m0 = YearMonth::of(today);
    let m1 = m0.prev();
    let m2 = m1.prev();

    // the catalogue
    let mut tx = store.begin().await?;
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for (code, name, category, unit, points, value) in ITEMS {
        let f = ItemFields { code: (*code).into(), name: (*name).into(), category: *category, unit: (*unit).into(), points_price: *points, unit_value_fen: *value, active: true };
        ids.insert(code, store.supermarket_insert_item(&mut tx, &f, BY).await?);
    }
    tx.commit().await?;

    // purchases: (code, quantity, value per unit, received, expires)
    let supplier = "江门市新会区粮油食品公司";
    let purchases: Vec<(&str, i64, i64, NaiveDate, Option<NaiveDate>)> = vec![
        ("RICE10", 80, 3_600, day_of(m1, 2, today), Some(day_of(m1, 2, today) + Duration::days(270))),
        ("OIL5L", 40, 8_500, day_of(m1, 2, today), Some(day_of(m1, 2, today) + Duration::days(360))),
        ("FLOUR5", 30, 2_800, day_of(m1, 2, today), Some(day_of(m1, 2, today) + Duration::days(180))),
        ("NOODLE", 120, 700, day_of(m1, 2, today), Some(day_of(m1, 2, today) + Duration::days(300))),
        // biscuits that expired in the middle of last month and were written off, and some bought
        // then too, past their date since yesterday and still on the shelf to write off
        ("BISCUIT", 10, 1_700, day_of(m2, 3, today), Some(day_of(m1, 15, today))),
        ("BISCUIT", 8, 1_700, day_of(m2, 5, today), Some(today - Duration::days(1))),
        ("QUILT", 15, 14_000, day_of(m1, 2, today), None),
        ("SOAP", 40, 2_300, day_of(m1, 2, today), None),
        ("TOOTH", 60, 900, day_of(m1, 2, today), Some(day_of(m1, 2, today) + Duration::days(720))),
        ("TOWEL", 60, 950, day_of(m1, 2, today), None),
        // this month's: rice and milk expiring soon
        ("RICE10", 40, 3_700, day_of(m0, 1, today), Some(today + Duration::days(25))),
        ("MILK12", 24, 3_900, day_of(m0, 1, today), Some(today + Duration::days(18))),
        ("BISCUIT", 30, 1_750, day_of(m0, 1, today), Some(today + Duration::days(120))),
    ];
    let mut tx = store.begin().await?;
    let mut biscuits = None;
    for (code, quantity, value, received, expires) in &purchases {
        let lot = NewLot {
            item_id: ids[code],
            quantity: *quantity,
            unit_value_fen: *value,
            expires_on: *expires,
            source: Source::Purchase,
            donation_id: None,
            supplier: supplier.into(),
            received_on: *received,
            created_by: BY.into(),
        };
        let id = store.supermarket_stock_in(&mut tx, &lot).await?;
        if *code == "BISCUIT" && biscuits.is_none() {
            biscuits = Some(id);
        }
    }
    tx.commit().await?;

    // programmes, issued by the same rules as the console's issue
    let dibao = programme(store, "低保家庭爱心积分", &[Programme::Dibao], Basis::PerMember, 60, 2, "每月按低保家庭人数发放，每人60分，两个月内有效").await?;
    let tekun = programme(store, "特困人员爱心积分", &[Programme::Tekun], Basis::PerHousehold, 200, 1, "每月每户200分，当月有效").await?;
    let district = Scope::of(county.clone());
    issue(store, dibao, m1, m1.first_day(), &district).await?;
    issue(store, dibao, m0, day_of(m0, 1, today), &district).await?;
    issue(store, tekun, m0, day_of(m0, 1, today), &district).await?;

    // the biscuits that expired last month, written off the day after
    if let Some(id) = biscuits {
        let lot = store.supermarket_lot(id).await?;
        let on = day_of(m1, 16, today);
        let mut tx = store.begin().await?;
        store.supermarket_write_off(&mut tx, &lot, lot.remaining, WriteOffReason::Expired, "过期报损", on, BY).await?;
        tx.commit().await?;
    }

    // the counter: some dibao households last month and this month, a few tekun persons
    let baskets: &[&[(&str, i64)]] = &[&[("RICE10", 1), ("OIL5L", 1)], &[("RICE10", 1), ("NOODLE", 3), ("TOOTH", 1)], &[("FLOUR5", 1), ("MILK12", 1)], &[("QUILT", 1)], &[("SOAP", 1), ("TOWEL", 1), ("NOODLE", 2)]];
    let mut served = 0;
    for (month, on_day, programme_id, n) in [(m1, 12, dibao, 40), (m0, 3, dibao, 30), (m0, 5, tekun, 10)] {
        let vouchers = store.supermarket_vouchers(&Scope::system(), &VoucherFilter { programme_id: Some(programme_id), period: Some(month), ..Default::default() }, Paging::new(Some(1), Some(n))).await?;
        for (k, v) in vouchers.items.iter().enumerate() {
            let on = day_of(month, on_day + (k as u32 % 10), today);
            if redeem(store, v.household_id, baskets[k % baskets.len()], &ids, on).await? {
                served += 1;
            }
        }
    }
    let stock = store.supermarket_stock(today).await?;
    println!(
        "charity supermarket: {} items, stock worth {} yuan, {served} redemptions",
        stock.len(),
        Fen(stock.iter().map(|s| s.value_fen).sum()).yuan_string()
    );
    Ok(())
}

async fn programme(store: &Store, name: &str, eligible: &[Programme], basis: Basis, points: i64, valid_months: i64, note: &str) -> Result<i64> {
    let f = ProgrammeFields {
        name: name.into(),
        eligible: eligible.to_vec(),
        basis,
        points,
        valid_months,
        status: ProgrammeStatus::Active,
        note: note.into(),
    };
    let mut tx = store.begin().await?;
    let id = store.supermarket_insert_programme(&mut tx, &f, BY).await?;
    tx.commit().await?;
    Ok(id)
}

/// Issues a programme's points of `period` to every eligible household of `region` (as the console does).
async fn issue(store: &Store, programme_id: i64, period: YearMonth, issued_on: NaiveDate, region: &Scope) -> Result<()> {
    let p = store.supermarket_programme(programme_id).await?;
    let points_rule = PointsRule {
        eligible: p.eligible.clone(),
        basis: p.basis,
        points: p.points,
        valid_months: u32::try_from(p.valid_months).unwrap_or(1),
    };
    let expires_on = points_rule.expires_on(period);
    let mut tx = store.begin().await?;
    let issue_id = tx.next_id().await?;
    let (mut households, mut points, mut already, mut after) = (0i64, 0i64, 0i64, 0i64);
    loop {
        let rows: Vec<EligibleRow> = store.supermarket_eligible(&mut tx, programme_id, period, &p.eligible, region, after, 500).await?;
        let Some(last) = rows.last() else { break };
        after = last.eligible.household_id;
        let batch: Vec<_> = rows.iter().map(|r| r.eligible.clone()).collect();
        let plan = rule::plan_issue(&points_rule, &batch);
        let by_household: HashMap<i64, &EligibleRow> = rows.iter().map(|r| (r.eligible.household_id, r)).collect();
        let writes: Vec<_> = plan.vouchers.iter().filter_map(|v| by_household.get(&v.household_id).map(|r| (v.clone(), *r))).collect();
        store.supermarket_insert_vouchers(&mut tx, issue_id, programme_id, period, issued_on, expires_on, &writes).await?;
        households += plan.vouchers.len() as i64;
        points += plan.points;
        already += plan.already;
    }
    if households > 0 {
        let root = region.root().cloned().ok_or_else(|| anyhow!("an issue is recorded for a region"))?;
        let new = NewIssue {
            id: issue_id,
            programme_id,
            period,
            region_code: root,
            households,
            points,
            already,
            expires_on,
            rule: serde_json::to_string(&points_rule)?,
            created_by: BY.into(),
        };
        store.supermarket_insert_issue(&mut tx, &new).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// One redemption on `on` by the counter's rules, from the lots received by then and the vouchers
/// issued by then; false (nothing written) when the stock or the points fall short.
async fn redeem(store: &Store, household_id: i64, basket: &[(&str, i64)], ids: &HashMap<&str, i64>, on: NaiveDate) -> Result<bool> {
    let items = store.supermarket_item_map().await?;
    let wanted: Vec<Wanted> = basket
        .iter()
        .filter_map(|(code, q)| {
            let i = items.get(ids.get(code)?)?;
            Some(Wanted { item_id: i.id, name: i.name.clone(), unit: i.unit.clone(), points_price: i.points_price, quantity: *q })
        })
        .collect();
    let mut tx = store.begin().await?;
    let vouchers = store.supermarket_household_vouchers(Some(&mut tx), &Scope::system(), household_id).await?;
    let Some(latest) = vouchers.iter().filter(|v| v.issued_on <= on).max_by_key(|v| v.id).cloned() else { return Ok(false) };
    let balances: Vec<_> = vouchers.iter().filter(|v| v.issued_on <= on).map(|v| v.balance()).collect();
    let item_ids: Vec<i64> = wanted.iter().map(|w| w.item_id).collect();
    let lots = store.supermarket_open_lots(&mut tx, &item_ids).await?;
    let stock: Vec<_> = lots.iter().filter(|l| l.received_on <= on).map(|l| l.stock()).collect();
    let Ok(plan) = rule::plan_redemption(&wanted, &stock, &balances, on) else { return Ok(false) };
    let price: HashMap<i64, i64> = wanted.iter().map(|w| (w.item_id, w.points_price)).collect();
    let r = NewRedemption {
        household_id,
        region_code: latest.region_code.clone(),
        redeemed_on: on,
        points: plan.points,
        value_fen: plan.value.0,
        note: String::new(),
        lots: plan.lots.iter().map(|d| (d.clone(), d.quantity * price.get(&d.item_id).copied().unwrap_or(0))).collect(),
        vouchers: plan.vouchers.clone(),
        created_by: BY.into(),
    };
    store.supermarket_redeem(&mut tx, &r).await?;
    tx.commit().await?;
    Ok(true)
}
