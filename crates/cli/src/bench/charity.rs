//! 慈善基准 `minzheng charity bench`: the charity ledger at scale.
//!
//! On an empty, migrated database: 5 funds and 50 projects, then `--donations` donations with every
//! kind of designation and `--allocations` allocations (projects, households, organisations) over
//! `--days` days, each day's donations before its allocations, the last day holding
//! `--last-day` donations so its checkpoint covers that many entries. Timed: ingest, the
//! checkpoints of the earlier days and, alone, the last day's; `--traces` donor traces (the portal's
//! whole answer) at random, with p50/p95/p99; one inclusion proof of the last day; the full
//! verification.
use std::time::Instant;

use anyhow::{Result, anyhow, bail};
use chrono::Days;
use minzheng_core::charity::designation::{Category, Designation, Target};
use minzheng_core::charity::receipt;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::charity::kinds::{Channel, DonorKind, Form, RecipientKind};
use minzheng_store::charity::allocations::NewAllocation;
use minzheng_store::charity::donations::NewDonation;
use minzheng_store::sql::Sql;
use minzheng_store::{Store, today};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

#[derive(clap::Args, Clone)]
pub struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    donations: u64,
    #[arg(long, default_value_t = 100_000)]
    allocations: u64,
    /// Days the donations and allocations are spread over (ending yesterday)
    #[arg(long, default_value_t = 90)]
    days: u64,
    /// Donations on the last day (its checkpoint covers them and that day's allocations)
    #[arg(long, default_value_t = 100_000)]
    last_day: u64,
    /// Donor traces timed
    #[arg(long, default_value_t = 2_000)]
    traces: u64,
    #[arg(long, default_value_t = 20261123)]
    seed: u64,
}

const BY: &str = "bench";
const DONATION_BATCH: usize = 5_000;
const ALLOCATION_BATCH: usize = 1_000;

fn town(t: u32) -> String {
    format!("440705{t:03}000")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub async fn run(store: &Store, a: Args) -> Result<()> {
    if !store.charity_funds().await?.is_empty() {
        bail!("the database already has charity funds: the benchmark needs an empty, migrated database");
    }
    if a.last_day > a.donations || a.days < 2 {
        bail!("--last-day must not exceed --donations, and --days must be at least 2");
    }
    let mut rng = ChaCha8Rng::seed_from_u64(a.seed);
    let today = today();
    let first = today.checked_sub_days(Days::new(a.days)).ok_or_else(|| anyhow!("bad --days"))?;
    let mut tx = store.begin().await?;
    let mut funds = Vec::new();
    for (code, name) in [("CZJZ", "慈善救助基金"), ("FPJK", "扶贫济困基金"), ("ZX", "助学基金"), ("ALZC", "安老助残基金"), ("JZ", "救灾备灾基金")] {
        funds.push((store.charity_insert_fund(&mut tx, code, name, name, BY).await?, code.to_owned()));
    }
    let mut projects = Vec::new();
    for i in 0..50u32 {
        let (fund_id, _) = &funds[(i % 5) as usize];
        let region = town(1 + i % 12);
        let p = minzheng_store::charity::funds::NewProject { fund_id: *fund_id, name: format!("项目{i}"), region_code: RegionCode::parse(&region).map_err(|e| anyhow!(e.message_en))?, target_fen: 100_000_000, description: String::new(), starts_on: first, ends_on: None };
        projects.push((store.charity_insert_project(&mut tx, &p, BY).await?, (i % 5) as usize, region));
    }
    tx.commit().await?;

    // donations and allocations per day: the last day has `last_day` donations
    let earlier_days = a.days - 1;
    let per_day_donations = (a.donations - a.last_day) / earlier_days;
    let per_day_allocations = a.allocations / a.days;
    let pb = crate::bar(a.donations + a.allocations, "ingest");
    let (mut donation_secs, mut allocation_secs) = (0.0f64, 0.0f64);
    let (mut donated, mut allocated, mut refused) = (0u64, 0u64, 0u64);
    for d in 0..a.days {
        let day = first.checked_add_days(Days::new(d)).expect("a day");
        let n = if d == a.days - 1 { a.donations - donated } else { per_day_donations };
        let mut left = n;
        while left > 0 {
            let k = left.min(DONATION_BATCH as u64);
            let batch: Vec<NewDonation> = (0..k)
                .map(|_| {
                    let roll = rng.random_range(0..100);
                    let (designation, fund_id) = if roll < 40 {
                        (Designation::Undesignated, None)
                    } else if roll < 60 {
                        let f = &funds[rng.random_range(0..funds.len())];
                        (Designation::Fund { fund: f.1.clone() }, Some(f.0))
                    } else if roll < 80 {
                        let p = &projects[rng.random_range(0..projects.len())];
                        (Designation::Project { project: p.0 }, Some(funds[p.1].0))
                    } else if roll < 90 {
                        (Designation::Region { region: RegionCode::parse(&town(rng.random_range(1..13))).expect("a town code") }, None)
                    } else {
                        (Designation::Category { category: Category::ALL[rng.random_range(0..Category::ALL.len())] }, None)
                    };
                    let (kind, value) = designation.parts();
                    NewDonation {
                        receipt_code: receipt::new_code(day, &mut rng),
                        donor_kind: DonorKind::Person,
                        donor_name: format!("捐赠人{}", rng.random_range(0..500_000)),
                        donor_phone: String::new(),
                        anonymous: rng.random_range(0..10) == 0,
                        form: Form::Money,
                        amount_fen: rng.random_range(10..1_000) * 100,
                        goods: json!([]),
                        designation_kind: kind,
                        designation_value: value,
                        fund_id,
                        campaign_id: None,
                        channel: Channel::Wechat,
                        received_on: day,
                        note: String::new(),
                        created_by: BY.into(),
                    }
                })
                .collect();
            let started = Instant::now();
            let mut tx = store.begin().await?;
            store.charity_lock(&mut tx).await?;
            store.charity_insert_donations(&mut tx, &batch, day).await?;
            tx.commit().await?;
            donation_secs += started.elapsed().as_secs_f64();
            donated += k;
            left -= k;
            pb.inc(k);
        }
        let n = if d == a.days - 1 { a.allocations - (allocated + refused) } else { per_day_allocations };
        let mut left = n;
        while left > 0 {
            let k = left.min(ALLOCATION_BATCH as u64);
            let batch: Vec<(NewAllocation, Target)> = (0..k)
                .map(|_| {
                    let roll = rng.random_range(0..100);
                    let amount_fen = rng.random_range(100..3_000) * 100;
                    let (kind, fund, project, region, categories): (RecipientKind, usize, Option<i64>, String, Vec<Category>) = if roll < 40 {
                        let p = &projects[rng.random_range(0..projects.len())];
                        (RecipientKind::Project, p.1, Some(p.0), p.2.clone(), vec![])
                    } else if roll < 80 {
                        let t = rng.random_range(1..13);
                        let cats = (0..rng.random_range(0..3)).map(|_| Category::ALL[rng.random_range(0..Category::ALL.len())]).collect();
                        (RecipientKind::Household, rng.random_range(0..funds.len()), None, format!("440705{t:03}{:03}", rng.random_range(1..20)), cats)
                    } else {
                        (RecipientKind::Organisation, rng.random_range(0..funds.len()), None, town(rng.random_range(1..13)), vec![])
                    };
                    let new = NewAllocation {
                        fund_id: funds[fund].0,
                        project_id: project,
                        recipient_kind: kind,
                        household_id: (kind == RecipientKind::Household).then(|| rng.random_range(1..1_000_000)),
                        recipient_name: format!("受助方{}", rng.random_range(0..100_000)),
                        region_code: region.clone(),
                        categories: categories.iter().map(|c| c.as_str().to_owned()).collect(),
                        amount_fen,
                        purpose: "救助".into(),
                        allocated_on: day,
                        created_by: BY.into(),
                    };
                    let target = Target { fund: funds[fund].1.clone(), project, region: RegionCode::parse(&region).ok(), categories };
                    (new, target)
                })
                .collect();
            let started = Instant::now();
            let mut tx = store.begin().await?;
            store.charity_lock(&mut tx).await?;
            let out = store.charity_insert_allocations(&mut tx, &batch, day, &|_| None).await?;
            tx.commit().await?;
            allocation_secs += started.elapsed().as_secs_f64();
            let ok = out.iter().filter(|o| o.is_ok()).count() as u64;
            allocated += ok;
            refused += k - ok;
            left -= k;
            pb.inc(k);
        }
    }
    pb.finish_and_clear();
    println!("ingest: {donated} donations in {donation_secs:.1} s ({:.0}/s); {allocated} allocations paid and {refused} refused by their designations in {allocation_secs:.1} s ({:.0}/s)", donated as f64 / donation_secs.max(1e-9), (allocated + refused) as f64 / allocation_secs.max(1e-9));
    let draws: i64 = Sql::new("SELECT COUNT(*) FROM charity_draws").query_scalar().fetch_one(store.pool()).await?;
    println!("ledger: {} entries; {draws} draws on {} pools", donated + allocated, store.charity_pools().await?.len());

    store.analyze().await?;
    let last = today.pred_opt().expect("yesterday");
    let started = Instant::now();
    let earlier = store.charity_publish_checkpoints(last).await?;
    println!("checkpoints: {} earlier days published in {:.2} s", earlier.len(), started.elapsed().as_secs_f64());
    let started = Instant::now();
    let built = store.charity_publish_checkpoints(today).await?;
    let secs = started.elapsed().as_secs_f64();
    let cp = built.first().ok_or_else(|| anyhow!("no checkpoint for the last day"))?;
    println!("checkpoint of {}: {} entries, built in {secs:.3} s (root {})", cp.day, cp.tree_size, &cp.root[..16]);

    let lo: i64 = Sql::new("SELECT MIN(id) FROM charity_donations").query_scalar().fetch_one(store.pool()).await?;
    let hi: i64 = Sql::new("SELECT MAX(id) FROM charity_donations").query_scalar().fetch_one(store.pool()).await?;
    let mut times = Vec::with_capacity(a.traces as usize);
    let mut reached = 0usize;
    let pb = crate::bar(a.traces, "traces");
    for _ in 0..a.traces {
        // a receipt code at random (ids are dense within the reserved ranges; gaps are skipped)
        let id = rng.random_range(lo..=hi);
        let Ok(d) = store.charity_donation(id).await else { continue };
        let code = d.receipt_code.clone();
        let started = Instant::now();
        let d = store.charity_donation_by_receipt(&code).await?;
        let t = minzheng_app::charity::portal::trace_view(store, &d).await.map_err(|e| anyhow!("trace {code}: {e}"))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        reached += t.money.map_or(0, |m| m.allocations.len());
        pb.inc(1);
    }
    pb.finish_and_clear();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "trace: {} receipt codes, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({:.1} allocations listed on average)",
        times.len(),
        percentile(&times, 50.0),
        percentile(&times, 95.0),
        percentile(&times, 99.0),
        times.last().copied().unwrap_or(0.0),
        reached as f64 / times.len().max(1) as f64
    );
    let started = Instant::now();
    let proof = store.charity_inclusion_proof(cp.last_seq).await?.ok_or_else(|| anyhow!("no proof"))?;
    println!("inclusion proof of entry {} among {}: {} hashes, built in {:.3} s", cp.last_seq, proof.0.tree_size, proof.0.audit_path.len(), started.elapsed().as_secs_f64());
    let started = Instant::now();
    let v = store.charity_verify(BY, |_, _| {}).await?;
    println!("verify: {} entries, {} checkpoints, every row: {} in {:.1} s", v.entries, v.checkpoints, if v.ok { "intact" } else { "BROKEN" }, started.elapsed().as_secs_f64());
    Ok(())
}
