//! 救助基准 `minzheng bench-assistance`: the monthly payroll and a standard change at scale.
//!
//! On an empty, migrated database it enrols N synthetic dibao households directly with bulk
//! inserts (cases with their facts, case members, amount schedules and enrolment events, spread over
//! the real villages of 440705 新会区), pays two months through the real `payroll_confirm`, adds a few
//! thousand pending adjustments, then times the code the officers run:
//!
//! 1. payroll preview, confirm, bank file (.xlsx and .csv) for the next month;
//! 2. a new dibao standard effective from an already-paid month, recalculated as a simulation and
//!    applied (amount rows, arrears for the months paid, case updates).
//!
//! Each phase reports its wall time and its peak RSS (VmHWM, reset before the phase through
//! `/proc/self/clear_refs`). With `--csv-dir`, the tables the DuckDB comparison
//! (`scripts/bench_assistance_duckdb.py`) needs are written there, with the facts summarised in
//! columns (members, per-capita income, increment categories) so the means test is expressible in SQL.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use minzheng_core::assistance::means::{Assets, HouseholdFacts, Income, IncomeType, IncrementCategory, MemberFacts, Request, SelfCare, assess};
use minzheng_core::assistance::policy::{ParamKey, PolicyParam, PolicySet};
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::registry::person::{DisabilityKind, Relation};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::assistance::cases::{Mode, Selection, schedule};
use minzheng_store::registry::reference;
use minzheng_store::sql::Sql;
use minzheng_store::{Backend, Scope, Store};

pub(crate) const DISTRICT: &str = "440705";
pub(crate) const ACTOR: &str = "bench";
/// The standard before and after 2026-01 (江门, the city prefix), and the change the benchmark makes.
pub(crate) const STANDARD_2025: i64 = 52000;
pub(crate) const STANDARD_2026: i64 = 55000;
const NEW_STANDARD: i64 = 58000;
/// Households enrolled per transaction while generating.
const BATCH: u64 = 2000;
/// Synthetic person ids, far above the global id counter.
pub(crate) const PERSON_BASE: i64 = 9_000_000_000;
/// Synthetic household ids (no households rows: the cases carry their facts).
pub(crate) const HOUSEHOLD_BASE: i64 = 8_000_000_000;

#[derive(clap::Args, Clone)]
pub struct Args {
    /// Enrolled dibao households (cases) to generate
    #[arg(long, default_value_t = 200_000)]
    pub(crate) households: u64,
    /// Members per household; households × members = beneficiaries
    #[arg(long, default_value_t = 5)]
    pub(crate) members: u32,
    /// Pending adjustments (arrears and recoveries for months already paid) to generate
    #[arg(long, default_value_t = 4000)]
    pub(crate) adjustments: u64,
    /// Write the CSV files of the DuckDB comparison (cases, case_amounts, adjustments, payroll_lines, meta.json) here
    #[arg(long)]
    pub(crate) csv_dir: Option<PathBuf>,
    /// Seed of the generator
    #[arg(long, default_value_t = 20261123)]
    pub(crate) seed: u64,
}

pub(crate) fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).expect("a valid month")
}

/// Months: enrolments start 2025-03 … 2026-08; 2026-09 and 2026-10 are paid during setup; the
/// benchmark pays 2026-11; the standard changes from 2026-10 (already paid: arrears).
fn months() -> (Vec<YearMonth>, YearMonth, YearMonth) {
    (vec![ym(2026, 9), ym(2026, 10)], ym(2026, 11), ym(2026, 10))
}

/// A deterministic mix of a number (splitmix64).
pub(crate) fn mix(seed: u64, i: u64, salt: u64) -> u64 {
    crate::demo::draw::splitmix(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xD1B5_4A32_D192_ED69))
}

pub(crate) fn pick(seed: u64, i: u64, salt: u64, n: u64) -> u64 {
    mix(seed, i, salt) % n.max(1)
}

/// Peak RSS since the last reset, MiB.
pub(crate) fn peak_mib() -> f64 {
    status_kib("VmHWM:") as f64 / 1024.0
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

static PHASE_START_KIB: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs) and remembers that RSS.
pub(crate) fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    PHASE_START_KIB.store(status_kib("VmRSS:"), std::sync::atomic::Ordering::Relaxed);
}

/// RSS when the current phase started, MiB.
pub(crate) fn start_mib() -> f64 {
    PHASE_START_KIB.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0
}

struct Phase {
    name: &'static str,
    seconds: f64,
    peak_mib: f64,
    /// RSS when the phase started: the peak minus this is what the phase itself added
    start_mib: f64,
    note: String,
}

/// A phase's name as one word for the RESULT lines: `payroll total (preview+confirm+xlsx)` →
/// `payroll_total_preview_confirm_xlsx`.
fn slug(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

pub(crate) fn spinner(what: &str) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
    pb.set_message(what.to_owned());
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

const SURNAMES: &[&str] = &["陈", "李", "黄", "梁", "林", "张", "何", "吴", "谭", "区", "赵", "钟", "莫", "容", "罗", "冯", "余", "卢", "汤", "甘"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "志", "文", "荣", "欣"];

/// The facts of household `i`: `n` members, a wage below 80% of the 2025 standard per head (so every
/// household is eligible throughout), a disability subsidy (exempt) for disabled members.
pub(crate) fn household(seed: u64, i: u64, n: u32) -> HouseholdFacts {
    let surname = SURNAMES[pick(seed, i, 1, SURNAMES.len() as u64) as usize];
    let date = |y: i64, salt: u64| NaiveDate::from_ymd_opt(y as i32, 1 + pick(seed, i, salt, 12) as u32, 1 + pick(seed, i, salt + 1, 28) as u32).expect("a valid date");
    let head_year = 1950 + pick(seed, i, 2, 41) as i64;
    let relations = [Relation::Head, Relation::Spouse, Relation::Child, Relation::Child, Relation::Parent, Relation::Grandchild, Relation::Sibling];
    let mut members = Vec::with_capacity(n as usize);
    let mut incomes = Vec::new();
    for j in 0..u64::from(n) {
        let relation = relations.get(j as usize).copied().unwrap_or(Relation::Other);
        let birth = match relation {
            Relation::Head => date(head_year, 10),
            Relation::Spouse => date(head_year - 3 + pick(seed, i, 12, 7) as i64, 14),
            Relation::Child => date((head_year + 22).max(2004) + pick(seed, i, 16 + j, 14) as i64, 20 + 2 * j),
            Relation::Parent => date(1932 + pick(seed, i, 40, 28) as i64, 42),
            Relation::Grandchild => date(2016 + pick(seed, i, 44, 9) as i64, 46),
            _ => date(head_year - 10 + pick(seed, i, 50 + j, 20) as i64, 60 + 2 * j),
        };
        let person_id = PERSON_BASE + (i * u64::from(n) + j) as i64;
        let disabled = pick(seed, i, 100 + j, 100) < 4;
        let grade = disabled.then(|| 1 + pick(seed, i, 120 + j, 4) as u8);
        let age = minzheng_core::date::age_on(birth, NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"));
        members.push(MemberFacts {
            person_id,
            name: format!("{surname}{}{}", GIVEN[pick(seed, i, 140 + j, GIVEN.len() as u64) as usize], GIVEN[pick(seed, i, 160 + j, GIVEN.len() as u64) as usize]),
            relation,
            birth_date: birth,
            death_date: None,
            hukou_local: true,
            disability_kind: disabled.then_some(DisabilityKind::Physical),
            disability_grade: grade,
            serious_illness: pick(seed, i, 180 + j, 100) < 5,
            able_to_work: (18..60).contains(&age) && !disabled,
            has_supporter: true,
            self_care: Some(SelfCare::Full),
        });
        if disabled {
            incomes.push(Income { person_id: Some(person_id), kind: IncomeType::DisabilitySubsidy, amount: Fen(208_400) });
        }
    }
    // per-capita counted income below 80% of the lowest standard
    let pci = pick(seed, i, 3, (STANDARD_2025 * 8 / 10) as u64) as i64;
    let n = i64::from(n);
    if pci > 0 {
        incomes.push(Income { person_id: Some(members[0].person_id), kind: IncomeType::Wage, amount: Fen(pci * 12 * n + pick(seed, i, 4, 12) as i64) });
    }
    HouseholdFacts {
        members,
        incomes,
        assets: Assets { vehicles: 0, dwellings: 1, business_capital: Fen::ZERO, monetary: Fen(pick(seed, i, 5, (STANDARD_2025 * 12) as u64) as i64) },
        single_parent: pick(seed, i, 6, 50) == 0,
        allowance: Default::default(),
    }
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    if args.households == 0 || args.members == 0 {
        bail!("--households and --members must be positive");
    }
    let empty: i64 = Sql::new("SELECT COUNT(*) FROM cases").query_scalar().fetch_one(store.pool()).await?;
    if empty > 0 {
        bail!("bench-assistance needs an empty database (it has {empty} cases); use a new file or database");
    }
    let backend = store.backend().as_str();
    let county = RegionCode::parse(DISTRICT).map_err(|e| anyhow!(e.message_en))?;
    let beneficiaries = args.households * u64::from(args.members);
    println!(
        "bench-assistance on {backend}: {} households × {} members = {} beneficiaries, {} pending adjustments",
        args.households, args.members, beneficiaries, args.adjustments
    );
    let mut phases: Vec<Phase> = Vec::new();
    reset_peak();

    // --- setup: regions, parameters, cases, two paid months, pending adjustments
    let started = Instant::now();
    let tree = reference::district_tree(DISTRICT).ok_or_else(|| anyhow!("no region tree for {DISTRICT}"))?;
    store.upsert_regions(&tree).await?;
    let villages: Vec<RegionCode> = store.villages_under(&county).await?.into_iter().map(|(code, _, _)| code).collect();
    if villages.is_empty() {
        bail!("no villages under {DISTRICT}");
    }
    let mut tx = store.begin().await?;
    for (key, prefix, eff, value, note) in [
        (ParamKey::DibaoStandard, "4407", ym(2025, 1), STANDARD_2025, "城乡统一低保标准"),
        (ParamKey::DibaoStandard, "4407", ym(2026, 1), STANDARD_2026, "城乡统一低保标准（2026年调整）"),
        (ParamKey::IncrementAged70, DISTRICT, ym(2025, 1), 100, "分类施保：70岁以上老人增发10%"),
        (ParamKey::IncrementMinor, DISTRICT, ym(2025, 1), 100, "分类施保：未成年人增发10%"),
    ] {
        store.insert_param(&mut tx, key, prefix, eff, value, note, ACTOR).await?;
    }
    // ids: cases, then up to two amount rows per case, then one event per case
    let h = args.households as i64;
    let ids = tx.reserve_ids(4 * h).await?;
    tx.commit().await?;
    let policy = store.policy().await?;
    let case_base = ids.start;
    let t = Instant::now();
    let generated = generate(store, &args, &villages, &policy, case_base).await?;
    let generate_s = t.elapsed().as_secs_f64();
    let (paid_months, pay_month, change_from) = months();
    let scope = Scope::of(county.clone());
    let mut setup_runs = Vec::new();
    for m in &paid_months {
        let t = Instant::now();
        let (run, _) = store.payroll_confirm(*m, Programme::Dibao, &scope, None, ACTOR, None, |_| {}).await?;
        setup_runs.push(format!("{m}: {} lines in {:.2} s", run.lines, t.elapsed().as_secs_f64()));
    }
    let adjustments = pending_adjustments(store, &args, &villages, case_base, &paid_months).await?;
    // the planner's statistics; on PostgreSQL also the visibility map (what autovacuum keeps up in
    // a live database), without which no index-only scan is used on freshly loaded tables
    match store.backend() {
        Backend::Postgres => {
            Sql::new("VACUUM ANALYZE").query().execute(store.pool()).await?;
        }
        Backend::Sqlite => store.analyze().await?,
    }
    let setup = started.elapsed().as_secs_f64();
    println!(
        "setup: {} cases and {generated} amount rows generated in {generate_s:.1} s ({:.0} households/s); paid {}; {adjustments} pending adjustments; {setup:.1} s in all",
        args.households,
        args.households as f64 / generate_s.max(0.001),
        setup_runs.join(", "),
    );
    phases.push(Phase { name: "setup (generate, pay 2 months)", seconds: setup, peak_mib: peak_mib(), start_mib: start_mib(), note: String::new() });

    // --- payroll for the month
    reset_peak();
    let t = Instant::now();
    let preview = store.payroll_preview(pay_month, Programme::Dibao, &scope).await?;
    let preview_s = t.elapsed().as_secs_f64();
    phases.push(Phase {
        name: "payroll preview",
        seconds: preview_s,
        peak_mib: peak_mib(), start_mib: start_mib(),
        note: format!("{} lines, {} households, total {}", preview.totals.lines, preview.totals.households, Fen(preview.totals.total)),
    });

    reset_peak();
    let pb = crate::bar(100, "confirm");
    let t = Instant::now();
    let (run, fresh) = store.payroll_confirm(pay_month, Programme::Dibao, &scope, Some(&preview.totals.fingerprint), ACTOR, None, |p| pb.set_position(u64::from(p))).await?;
    let confirm_s = t.elapsed().as_secs_f64();
    pb.finish_and_clear();
    if !fresh {
        bail!("the run for {pay_month} existed already");
    }
    phases.push(Phase { name: "payroll confirm", seconds: confirm_s, peak_mib: peak_mib(), start_mib: start_mib(), note: format!("run {} with {} lines", run.id, run.lines) });

    reset_peak();
    let pb = spinner("bank .xlsx");
    let t = Instant::now();
    let xlsx = minzheng_app::assistance::payroll::bank_xlsx_bytes(store, &run).await.map_err(|e| anyhow!("bank.xlsx: {e}"))?;
    let xlsx_s = t.elapsed().as_secs_f64();
    pb.finish_and_clear();
    phases.push(Phase { name: "bank file .xlsx", seconds: xlsx_s, peak_mib: peak_mib(), start_mib: start_mib(), note: format!("{:.1} MiB", xlsx.len() as f64 / 1048576.0) });
    let xlsx_len = xlsx.len();
    drop(xlsx);

    reset_peak();
    let pb = spinner("bank .csv");
    let t = Instant::now();
    let csv = minzheng_app::assistance::payroll::bank_csv_bytes(store, &run).await.map_err(|e| anyhow!("bank.csv: {e}"))?;
    let csv_s = t.elapsed().as_secs_f64();
    pb.finish_and_clear();
    phases.push(Phase { name: "bank file .csv", seconds: csv_s, peak_mib: peak_mib(), start_mib: start_mib(), note: format!("{:.1} MiB", csv.len() as f64 / 1048576.0) });
    if let Some(dir) = &args.csv_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(dir.join("bank.csv"), &csv)?;
    }
    drop(csv);
    // the rows of the bank file alone (the store's part of both exports)
    reset_peak();
    let t = Instant::now();
    let mut net = 0i64;
    let bank_rows = store
        .for_each_bank_row(run.id, |b| {
            net += b.amount;
            Ok(())
        })
        .await?;
    phases.push(Phase { name: "bank rows query alone", seconds: t.elapsed().as_secs_f64(), peak_mib: peak_mib(), start_mib: start_mib(), note: format!("{bank_rows} households, net {}", Fen(net)) });

    let payroll_peak = phases[phases.len() - 5..].iter().map(|p| p.peak_mib).fold(0.0, f64::max);
    phases.push(Phase {
        name: "payroll total (preview+confirm+xlsx)",
        seconds: preview_s + confirm_s + xlsx_s,
        peak_mib: payroll_peak,
        start_mib: phases[phases.len() - 5].start_mib,
        note: format!("target < 10 s; {xlsx_len} bytes of xlsx"),
    });
    println!(
        "CHECK payroll {backend} fingerprint={} lines={} households={} regular={} arrears={} recovery={} total={}",
        run.fingerprint, run.lines, run.households, run.regular_total, run.arrears_total, run.recovery_total, run.total
    );

    // --- the tables the DuckDB side reads (not timed as part of the benchmark)
    if let Some(dir) = &args.csv_dir {
        let t = Instant::now();
        let rows = export_csv(store, dir, &policy, change_from, pay_month, &county).await?;
        println!("csv: {rows} rows written to {} in {:.1} s", dir.display(), t.elapsed().as_secs_f64());
    }

    // --- a standard change from an already-paid month
    let param = PolicyParam { id: 0, key: ParamKey::DibaoStandard, region_prefix: DISTRICT.into(), effective: change_from, value: NEW_STANDARD };
    let sel = Selection { scope: Scope::of(county.clone()), programmes: vec![Programme::Dibao, Programme::Tekun], case_id: None, hold_exits: true };
    reset_peak();
    let pb = spinner("recalculate (simulate)");
    let t = Instant::now();
    let policy_sim = store.policy().await?.with(param.clone());
    let mut tx = store.begin().await?;
    let sim = store.recalculate(&mut tx, &sel, change_from, &policy_sim, "simulate", ACTOR, Mode::Simulate).await?;
    drop(tx);
    let sim_s = t.elapsed().as_secs_f64();
    pb.finish_and_clear();
    phases.push(Phase {
        name: "recalculate, simulate",
        seconds: sim_s,
        peak_mib: peak_mib(), start_mib: start_mib(),
        note: format!("{} cases, {} change, monthly {} → {}", sim.cases, sim.changed, Fen(sim.monthly_before), Fen(sim.monthly_after)),
    });

    reset_peak();
    let pb = spinner("recalculate (apply)");
    let t = Instant::now();
    let mut tx = store.begin().await?;
    let rec = store.insert_param(&mut tx, ParamKey::DibaoStandard, DISTRICT, change_from, NEW_STANDARD, "低保标准调整（基准）", ACTOR).await?;
    let policy_new = store.policy().await?.with(PolicyParam { id: rec.id, ..param });
    let reason = format!("{} {DISTRICT} → {NEW_STANDARD}（{change_from} 起）", ParamKey::DibaoStandard.zh());
    let applied = store.recalculate(&mut tx, &sel, change_from, &policy_new, &reason, ACTOR, Mode::Apply).await?;
    tx.commit().await?;
    let apply_s = t.elapsed().as_secs_f64();
    pb.finish_and_clear();
    phases.push(Phase {
        name: "recalculate, apply",
        seconds: apply_s,
        peak_mib: peak_mib(), start_mib: start_mib(),
        note: format!("target < 5 s; arrears {} for the months paid", Fen(applied.arrears_total)),
    });
    println!(
        "CHECK recalc {backend} cases={} changed={} gain={} lose={} leave={} monthly_before={} monthly_after={} arrears={} recovery={}",
        applied.cases, applied.changed, applied.gain, applied.lose, applied.leave, applied.monthly_before, applied.monthly_after, applied.arrears_total, applied.recovery_total
    );

    println!();
    println!("{:<38} {:>10} {:>14} {:>14}  note", "phase", "seconds", "peak RSS MiB", "RSS at start");
    for p in &phases {
        println!("{:<38} {:>10.3} {:>14.1} {:>14.1}  {}", p.name, p.seconds, p.peak_mib, p.start_mib, p.note);
    }
    for p in &phases {
        println!("RESULT {backend} {} {} {:.3} {:.1} {:.1}", args.households, slug(p.name), p.seconds, p.peak_mib, p.start_mib);
    }
    Ok(())
}

/// Enrols the households in transactions of [`BATCH`]; returns the number of amount rows.
pub(crate) async fn generate(store: &Store, args: &Args, villages: &[RegionCode], policy: &PolicySet, case_base: i64) -> Result<u64> {
    let backend = store.backend();
    let h = args.households as i64;
    let mut amount_id = case_base + h;
    let event_base = case_base + 3 * h;
    let now = minzheng_store::now();
    let pb = crate::bar(args.households, "households");
    let mut amounts = 0u64;
    let mut i = 0u64;
    while i < args.households {
        let end = (i + BATCH).min(args.households);
        let mut cases: Vec<(i64, String, Vec<i64>, CaseRow)> = Vec::with_capacity((end - i) as usize);
        for k in i..end {
            let region = &villages[pick(args.seed, k, 7, villages.len() as u64) as usize];
            let facts = household(args.seed, k, args.members);
            let start = ym(2025, 3).plus(pick(args.seed, k, 8, 18) as i32);
            let sched = schedule(Programme::Dibao, region, &facts, policy, start, None);
            let Some((_, first)) = sched.first() else { bail!("no schedule for household {k}") };
            let mut rows = Vec::with_capacity(sched.len());
            for (m, a) in &sched {
                rows.push((amount_id, m.to_string(), a.monthly.0, serde_json::to_string(&a.params)?));
                amount_id += 1;
            }
            if rows.len() > 2 {
                bail!("household {k}: more than two amount rows");
            }
            amounts += rows.len() as u64;
            let stable = minzheng_store::assistance::cases::is_stable(&facts, NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"));
            let cycle = if stable { 12 } else { 6 };
            let row = CaseRow {
                head_name: facts.members[0].name.clone(),
                start: start.to_string(),
                members: i64::from(first.members),
                monthly: first.monthly.0,
                facts: serde_json::to_string(&facts)?,
                assessment: serde_json::to_string(first)?,
                bank_account: format!("6217{:015}", HOUSEHOLD_BASE + k as i64),
                cycle,
                next_review: (NaiveDate::from_ymd_opt(2026, 11, 23).expect("date") + chrono::Duration::days(pick(args.seed, k, 9, cycle as u64 * 30) as i64 - 20)).to_string(),
                amounts: rows,
            };
            let person_ids = facts.members.iter().map(|m| m.person_id).collect();
            cases.push((case_base + k as i64, region.as_str().to_owned(), person_ids, row));
        }
        let mut tx = store.pool().begin().await?;
        for chunk in cases.chunks(400) {
            let mut sql = Sql::bulk(
                "INSERT INTO cases (id, region_code, programme, household_id, application_id, head_name, status, start_month, end_month, members, \
                 monthly, one_off, facts, assessment, bank_name, bank_account, review_cycle_months, next_review_on, exit_proposed, exit_reason, version, \
                 created_at, updated_at) VALUES ",
                backend,
            );
            for (n, (id, region, _, c)) in chunk.iter().enumerate() {
                sql.push(if n == 0 { "(" } else { ", (" });
                sql.bind(*id).push(", ").bind(region.clone()).push(", 'dibao', ").bind(HOUSEHOLD_BASE + (*id - case_base)).push(", NULL, ").bind(c.head_name.clone());
                sql.push(", 'active', ").bind(c.start.clone()).push(", NULL, ").bind(c.members).push(", ").bind(c.monthly).push(", 0, ").bind(c.facts.clone());
                sql.push(", ").bind(c.assessment.clone()).push(", '江门农商银行', ").bind(c.bank_account.clone()).push(", ").bind(c.cycle);
                sql.push(", ").bind(c.next_review.clone()).push(", 0, NULL, 1, ").bind(now.clone()).push(", ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx).await?;
        }
        let members: Vec<(i64, &str, i64)> = cases.iter().flat_map(|(id, region, persons, _)| persons.iter().map(move |p| (*id, region.as_str(), *p))).collect();
        for chunk in members.chunks(2000) {
            let mut sql = Sql::bulk("INSERT INTO case_members (case_id, person_id, region_code) VALUES ", backend);
            for (n, (id, region, person)) in chunk.iter().enumerate() {
                sql.push(if n == 0 { "(" } else { ", (" });
                sql.bind(*id).push(", ").bind(*person).push(", ").bind((*region).to_owned()).push(")");
            }
            sql.query().execute(&mut *tx).await?;
        }
        let amount_rows: Vec<(i64, &str, &AmountRow)> = cases.iter().flat_map(|(id, region, _, c)| c.amounts.iter().map(move |a| (*id, region.as_str(), a))).collect();
        for chunk in amount_rows.chunks(1000) {
            let mut sql = Sql::bulk("INSERT INTO case_amounts (id, case_id, region_code, from_month, monthly, reason, params, created_at) VALUES ", backend);
            for (n, (case_id, region, (id, month, monthly, params))) in chunk.iter().enumerate() {
                sql.push(if n == 0 { "(" } else { ", (" });
                sql.bind(*id).push(", ").bind(*case_id).push(", ").bind((*region).to_owned()).push(", ").bind(month.clone());
                sql.push(", ").bind(*monthly).push(", 'enrol', ").bind(params.clone()).push(", ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx).await?;
        }
        for chunk in cases.chunks(1000) {
            let mut sql = Sql::bulk("INSERT INTO case_events (id, case_id, region_code, kind, actor, at, note, data) VALUES ", backend);
            for (n, (id, region, _, c)) in chunk.iter().enumerate() {
                sql.push(if n == 0 { "(" } else { ", (" });
                sql.bind(event_base + (*id - case_base)).push(", ").bind(*id).push(", ").bind(region.clone()).push(", 'enrol', 'bench', ").bind(now.clone());
                sql.push(", '', ").bind(format!("{{\"start_month\":\"{}\",\"monthly\":{},\"application_id\":null}}", c.start, c.monthly)).push(")");
            }
            sql.query().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        i = end;
        pb.set_position(i);
    }
    pb.finish_and_clear();
    Ok(amounts)
}

struct CaseRow {
    head_name: String,
    start: String,
    members: i64,
    monthly: i64,
    facts: String,
    assessment: String,
    bank_account: String,
    cycle: i64,
    next_review: String,
    amounts: Vec<AmountRow>,
}

/// (id, from_month, monthly, params)
type AmountRow = (i64, String, i64, String);

/// Arrears (three in four) and recoveries for months already paid, not yet carried by a run.
async fn pending_adjustments(store: &Store, args: &Args, villages: &[RegionCode], case_base: i64, paid: &[YearMonth]) -> Result<u64> {
    if args.adjustments == 0 {
        return Ok(0);
    }
    let mut tx = store.begin().await?;
    let ids = tx.reserve_ids(args.adjustments as i64).await?;
    tx.commit().await?;
    let now = minzheng_store::now();
    let mut tx = store.pool().begin().await?;
    let all: Vec<u64> = (0..args.adjustments).collect();
    for chunk in all.chunks(1000) {
        let mut sql = Sql::bulk("INSERT INTO adjustments (id, case_id, region_code, programme, for_month, amount, reason, created_at) VALUES ", store.backend());
        for (n, j) in chunk.iter().enumerate() {
            let k = pick(args.seed, *j, 200, args.households);
            let region = &villages[pick(args.seed, k, 7, villages.len() as u64) as usize];
            let recovery = j % 4 == 3;
            let amount = if recovery { -(100 + pick(args.seed, *j, 201, 20000) as i64) } else { 100 + pick(args.seed, *j, 202, 30000) as i64 };
            let month = paid[(*j as usize) % paid.len()];
            sql.push(if n == 0 { "(" } else { ", (" });
            sql.bind(ids.start + *j as i64).push(", ").bind(case_base + k as i64).push(", ").bind(region.as_str().to_owned()).push(", 'dibao', ").bind(month.to_string());
            sql.push(", ").bind(amount).push(", ").bind(if recovery { "复核追回".to_owned() } else { "复核补发".to_owned() }).push(", ").bind(now.clone()).push(")");
        }
        sql.query().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(args.adjustments)
}

/// A CSV file with its header line.
fn csv_file(path: &Path, header: &str) -> Result<std::io::BufWriter<std::fs::File>> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    writeln!(w, "{header}")?;
    Ok(w)
}

/// Writes the rows of a query returning one text column, paged by an integer key: `select` ends
/// with `key > ` (bound here), `order` is the ORDER BY column. `line` turns a row into the CSV line
/// and its key.
async fn dump(store: &Store, w: &mut impl Write, select: &str, order: &str, mut line: impl FnMut(&str) -> Result<(i64, String)>) -> Result<u64> {
    const PAGE: i64 = 20_000;
    let mut after = i64::MIN;
    let mut n = 0u64;
    loop {
        let mut sql = Sql::new(select);
        sql.bind(after).push(" ORDER BY ").push(order).push(" LIMIT ").bind(PAGE);
        let rows: Vec<String> = sql.query_scalar().fetch_all(store.pool()).await?;
        for r in &rows {
            let (key, text) = line(r)?;
            after = key;
            writeln!(w, "{text}")?;
            n += 1;
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    Ok(n)
}

fn first_int(s: &str) -> Result<i64> {
    s.split(',').next().and_then(|v| v.parse().ok()).ok_or_else(|| anyhow!("bad row {s:?}"))
}

/// The CSV files and `meta.json` of the DuckDB comparison; returns the rows written.
async fn export_csv(store: &Store, dir: &Path, policy: &PolicySet, change_from: YearMonth, pay_month: YearMonth, county: &RegionCode) -> Result<u64> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let t = |col: &str| format!("CAST({col} AS TEXT)");
    let mut rows = 0;
    // cases, with the facts summarised as of the change month (members counted, per-capita income,
    // members in each increment category, assets, the applicant's hukou)
    let select = format!(
        "SELECT {} || ',' || region_code || ',' || {} || ',' || programme || ',' || status || ',' || start_month || ',' || COALESCE(end_month, '') || ',' || {} || ',' || head_name || ',' || bank_name || ',' || bank_account || ',' || facts FROM cases WHERE id > ",
        t("id"),
        t("household_id"),
        t("monthly")
    );
    let age_day = change_from.first_day();
    let mut w = csv_file(
        &dir.join("cases.csv"),
        "id,region_code,household_id,programme,status,start_month,end_month,monthly,head_name,bank_name,bank_account,n,pci,n_severe_disability,n_aged70,n_minor,n_serious_illness,single_parent,vehicles,dwellings,business_capital,monetary,hukou_ok",
    )?;
    rows += dump(
        store,
        &mut w,
        &select,
        "id",
        |r| {
            let brace = r.find(",{").ok_or_else(|| anyhow!("no facts in {r:?}"))?;
            let (head, facts) = (&r[..brace], &r[brace + 1..]);
            let facts: HouseholdFacts = serde_json::from_str(facts)?;
            let region = RegionCode::parse(r.split(',').nth(1).unwrap_or_default()).map_err(|e| anyhow!(e.message_en))?;
            // members and per-capita income are facts, not policy: the assessment reports them
            let a = assess(Programme::Dibao, &region, &facts, &Request::default(), policy, change_from);
            let counted = minzheng_core::assistance::means::counted_members(&facts, change_from);
            let mut cats = [0u32; 5];
            for m in &counted {
                let age = minzheng_core::date::age_on(m.birth_date, age_day);
                for (k, c) in IncrementCategory::ALL.iter().enumerate() {
                    if c.applies(m, age, facts.single_parent) {
                        cats[k] += 1;
                    }
                }
            }
            let idx = |c: IncrementCategory| IncrementCategory::ALL.iter().position(|x| *x == c).unwrap_or(0);
            let head_member = counted.iter().find(|m| m.relation == Relation::Head).or(counted.first());
            let s = &facts.assets;
            Ok((
                first_int(head)?,
                format!(
                    "{head},{},{},{},{},{},{},{},{},{},{},{},{}",
                    a.members,
                    a.per_capita_income.0,
                    cats[idx(IncrementCategory::SevereDisability)],
                    cats[idx(IncrementCategory::Aged70)],
                    cats[idx(IncrementCategory::Minor)],
                    cats[idx(IncrementCategory::SeriousIllness)],
                    i32::from(facts.single_parent),
                    s.vehicles,
                    s.dwellings,
                    s.business_capital.0,
                    s.monetary.0,
                    i32::from(head_member.is_some_and(|m| m.hukou_local)),
                ),
            ))
        },
    )
    .await?;
    w.flush()?;
    let mut w = csv_file(&dir.join("case_amounts.csv"), "id,case_id,from_month,monthly")?;
    rows += dump(
        store,
        &mut w,
        &format!("SELECT {} || ',' || {} || ',' || from_month || ',' || {} FROM case_amounts WHERE id > ", t("id"), t("case_id"), t("monthly")),
        "id",
        |r| Ok((first_int(r)?, r.to_owned())),
    )
    .await?;
    w.flush()?;
    let mut w = csv_file(&dir.join("adjustments.csv"), "id,case_id,region_code,programme,for_month,amount")?;
    rows += dump(
        store,
        &mut w,
        &format!("SELECT {} || ',' || {} || ',' || region_code || ',' || programme || ',' || for_month || ',' || {} FROM adjustments WHERE id > ", t("id"), t("case_id"), t("amount")),
        "id",
        |r| Ok((first_int(r)?, r.to_owned())),
    )
    .await?;
    w.flush()?;
    // payroll lines of every run, with the run's month (the DuckDB payroll sees only earlier runs)
    let runs: Vec<i64> = Sql::new("SELECT id FROM payroll_runs ORDER BY id").query_scalar().fetch_all(store.pool()).await?;
    let mut w = csv_file(&dir.join("payroll_lines.csv"), "line_no,run_id,run_month,case_id,region_code,kind,for_month,amount,adjustment_id")?;
    for run in runs {
        let select = format!(
            "SELECT {} || ',' || {} || ',' || r.month || ',' || {} || ',' || l.region_code || ',' || l.kind || ',' || l.for_month || ',' || {} || ',' || COALESCE({}, '') \
             FROM payroll_lines l JOIN payroll_runs r ON r.id = l.run_id WHERE l.run_id = {run} AND l.line_no > ",
            t("l.line_no"),
            t("l.run_id"),
            t("l.case_id"),
            t("l.amount"),
            t("l.adjustment_id")
        );
        rows += dump(store, &mut w, &select, "l.line_no", |r| Ok((first_int(r)?, r.to_owned()))).await?;
    }
    w.flush()?;
    let rate = |key: ParamKey| policy.get(key, county, change_from).value;
    let meta = serde_json::json!({
        "backend": store.backend().as_str(),
        "programme": "dibao",
        "scope": county.as_str(),
        "scope_prefix": county.prefix(),
        "pay_month": pay_month.to_string(),
        "change_from": change_from.to_string(),
        "new_standard": NEW_STANDARD,
        "max_dwellings": rate(ParamKey::DibaoMaxDwellings),
        "max_assets_months": rate(ParamKey::DibaoMaxAssetsMonths),
        "rates": {
            "severe_disability": rate(ParamKey::IncrementSevereDisability),
            "aged70": rate(ParamKey::IncrementAged70),
            "minor": rate(ParamKey::IncrementMinor),
            "serious_illness": rate(ParamKey::IncrementSeriousIllness),
            "single_parent": rate(ParamKey::IncrementSingleParent),
        },
    });
    std::fs::write(dir.join("meta.json"), serde_json::to_string_pretty(&meta)?)?;
    Ok(rows)
}
