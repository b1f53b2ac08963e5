//! 核对基准 `minzheng bench-verification`: batch verification at scale.
//!
//! On an empty, migrated database it enrols N synthetic dibao households of three members (cases
//! as `bench-assistance` makes them, plus the members' registry rows with real-looking ID numbers),
//! writes departmental snapshots as CSV files, 14 feeds totalling `--records` rows (the members'
//! own records and, mostly, other residents'), loads them through the feeds' parsers, then times a
//! verification run over every active case. The CSV files and `members.csv` / `meta.json` stay in
//! `--dir` for the DuckDB comparison (`scripts/bench_verification_duckdb.py`).
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use minzheng_core::assistance::YearMonth;
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::registry::identity::IdNumber;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::verification::Feed;
use minzheng_store::registry::reference;
use minzheng_store::sql::Sql;
use minzheng_store::verification::runs::RunScope;
use minzheng_store::{Backend, Scope, Store};

use crate::bench::assistance::{self as ba, ACTOR, DISTRICT, HOUSEHOLD_BASE, household, pick, ym};

#[derive(clap::Args, Clone)]
pub struct Args {
    /// Enrolled dibao households to verify (three members each)
    #[arg(long, default_value_t = 100_000)]
    households: u64,
    /// Departmental records across all feeds
    #[arg(long, default_value_t = 10_000_000)]
    records: u64,
    /// Where the snapshot CSV files (and the DuckDB comparison's members.csv, meta.json) are written
    #[arg(long)]
    dir: PathBuf,
    /// Seed of the generator
    #[arg(long, default_value_t = 20261123)]
    seed: u64,
    /// Verify again on a database this command already set up and loaded (skips setup and load)
    #[arg(long)]
    again: bool,
}

const MEMBERS: u32 = 3;
/// Counties the registry's members come from, and the other residents' (never the same).
const MEMBER_COUNTIES: &[&str] = &["440705", "440703", "440704", "440781", "440783", "440784", "440785"];
const OTHER_COUNTIES: &[&str] = &["440711", "445102", "445122", "450102", "440106", "440306", "441802"];
/// The month verified, and the snapshots' date.
const AS_OF: &str = "2026-10-31";

/// The share of the other residents' records per feed, per mille (sums to 1000).
const BACKGROUND: &[(Feed, u64)] = &[
    (Feed::Hukou, 330),
    (Feed::Vehicle, 110),
    (Feed::Property, 140),
    (Feed::Contribution, 120),
    (Feed::Pension, 80),
    (Feed::Deposit, 90),
    (Feed::TaxIncome, 40),
    (Feed::Business, 20),
    (Feed::ProvidentFund, 30),
    (Feed::Marriage, 20),
    (Feed::Unemployment, 5),
    (Feed::Death, 5),
    (Feed::Cremation, 5),
    (Feed::Enrolment, 5),
];

/// One CSV writer per feed, with the feed's own headers.
struct Writers {
    files: Vec<(Feed, std::io::BufWriter<std::fs::File>, u64)>,
}

impl Writers {
    fn new(dir: &std::path::Path) -> Result<Writers> {
        let mut files = Vec::new();
        for f in Feed::ALL {
            let path = dir.join(format!("{}.csv", f.as_str()));
            let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).with_context(|| format!("create {}", path.display()))?);
            let headers: Vec<&str> = f.columns().iter().map(|c| c.header).collect();
            writeln!(w, "{}", headers.join(","))?;
            files.push((*f, w, 0));
        }
        Ok(Writers { files })
    }

    /// Writes one row: the values in the feed's column order.
    fn row(&mut self, feed: Feed, values: &[&str]) -> Result<()> {
        let (_, w, n) = self.files.iter_mut().find(|(f, _, _)| *f == feed).ok_or_else(|| anyhow!("feed"))?;
        writeln!(w, "{}", values.join(","))?;
        *n += 1;
        Ok(())
    }

    fn total(&self) -> u64 {
        self.files.iter().map(|(_, _, n)| n).sum()
    }

    fn finish(self) -> Result<Vec<(Feed, u64)>> {
        let mut out = Vec::new();
        for (f, mut w, n) in self.files {
            w.flush()?;
            out.push((f, n));
        }
        Ok(out)
    }
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// The values of a feed's row for `id`/`name`; `k` varies the rest. `spouse` is the ID number
/// a marriage record names.
fn values(feed: Feed, id: &str, name: &str, k: u64, seed: u64, spouse: &str, booklet: &str) -> Vec<String> {
    let p = |salt: u64, n: u64| pick(seed, k, salt, n);
    let date = |salt: u64| format!("{}-{:02}-{:02}", 2000 + p(salt, 26), 1 + p(salt + 1, 12), 1 + p(salt + 2, 28));
    let mut v = vec![id.to_owned(), name.to_owned()];
    match feed {
        Feed::Hukou => v.extend([booklet.to_owned(), "户主".into(), "江门市".into()]),
        Feed::Death => v.extend([date(3), "死亡".into()]),
        Feed::Vehicle => v.extend([format!("粤J{:05}", k % 100_000), if p(4, 20) == 0 { "残疾人专用车" } else { "小型汽车" }.into(), date(5)]),
        Feed::Pension => v.extend([yuan(120_000 + p(6, 300_000)), "城镇职工基本养老保险".into(), "2015-01".into()]),
        Feed::Contribution => v.extend(["江门市某公司".into(), yuan(200_000 + p(7, 400_000)), (1 + p(8, 12)).to_string()]),
        Feed::Unemployment => v.extend([yuan(150_000), (1 + p(9, 6)).to_string(), "2026-01".into()]),
        Feed::Property => v.extend([format!("粤({})江门市不动产权第{:08}号", 2010 + p(10, 16), k % 100_000_000), "江门市".into(), format!("{}.{:02}", 40 + p(11, 100), p(12, 100)), date(13)]),
        Feed::Business => v.extend([format!("92440705MA{:08}", k % 100_000_000), "某某商行".into(), yuan(p(14, 10_000_000)), if p(15, 2) == 0 { "投资人兼法定代表人" } else { "法定代表人" }.into()]),
        Feed::TaxIncome => v.extend(["工资薪金".into(), yuan(3_000_000 + p(16, 9_000_000)), "某公司".into()]),
        Feed::ProvidentFund => v.extend(["某公司".into(), yuan(60_000 + p(17, 100_000)), yuan(p(18, 10_000_000))]),
        Feed::Deposit => v.extend(["江门农商银行".into(), format!("6228{:012}", k % 1_000_000_000_000), yuan(p(19, 5_000_000))]),
        Feed::Marriage => v.extend(["结婚".into(), spouse.to_owned(), "配偶".into(), date(20)]),
        Feed::Cremation => v.extend(["2026-03-15".into(), "殡仪馆".into()]),
        Feed::Enrolment => v.extend([if p(21, 2) == 0 { "特困" } else { "低保" }.into(), "江海区".into(), "2024-01".into()]),
    }
    v
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    if args.households == 0 {
        bail!("--households must be positive");
    }
    let empty: i64 = Sql::new("SELECT COUNT(*) FROM cases").query_scalar().fetch_one(store.pool()).await?;
    if args.again {
        let county = RegionCode::parse(DISTRICT).map_err(|e| anyhow!(e.message_en))?;
        let policy = store.policy().await?;
        return verify(store, &args, &county, &policy).await;
    }
    if empty > 0 {
        bail!("bench-verification needs an empty database (it has {empty} cases)");
    }
    std::fs::create_dir_all(&args.dir)?;
    let backend = store.backend();
    let county = RegionCode::parse(DISTRICT).map_err(|e| anyhow!(e.message_en))?;
    println!("bench-verification on {}: {} households × {MEMBERS} members, {} departmental records", backend.as_str(), args.households, args.records);

    // --- setup: the cases (as bench-assistance enrols them) and their members in the registry
    let started = Instant::now();
    let tree = reference::district_tree(DISTRICT).ok_or_else(|| anyhow!("no region tree for {DISTRICT}"))?;
    store.upsert_regions(&tree).await?;
    let villages: Vec<RegionCode> = store.villages_under(&county).await?.into_iter().map(|(code, _, _)| code).collect();
    let mut tx = store.begin().await?;
    store.insert_param(&mut tx, ParamKey::DibaoStandard, "4407", ym(2025, 1), ba::STANDARD_2026, "城乡统一低保标准", ACTOR).await?;
    let ids = tx.reserve_ids(4 * args.households as i64).await?;
    tx.commit().await?;
    let policy = store.policy().await?;
    let bench_args = ba::Args { households: args.households, members: MEMBERS, adjustments: 0, csv_dir: None, seed: args.seed };
    ba::generate(store, &bench_args, &villages, &policy, ids.start).await?;

    let mut taken: HashSet<String> = HashSet::new();
    let mut members_csv = std::io::BufWriter::new(std::fs::File::create(args.dir.join("members.csv"))?);
    writeln!(members_csv, "case_id,household_id,person_id,member_no,id_number,declared_vehicles,declared_dwellings,declared_capital,declared_monetary")?;
    let mut writers = Writers::new(&args.dir)?;
    let now = minzheng_store::now();
    let pb = crate::bar(args.households, "members");
    let mut k = 0u64;
    while k < args.households {
        let end = (k + 2000).min(args.households);
        let mut rows = Vec::new();
        for i in k..end {
            let facts = household(args.seed, i, MEMBERS);
            let region = &villages[pick(args.seed, i, 7, villages.len() as u64) as usize];
            let mut ids_of: Vec<String> = Vec::new();
            for (j, m) in facts.members.iter().enumerate() {
                let n = i * u64::from(MEMBERS) + j as u64;
                let mut seq = 1 + (n % 999) as u16;
                let id = loop {
                    let c = MEMBER_COUNTIES[((n / 999) % MEMBER_COUNTIES.len() as u64) as usize];
                    let id = IdNumber::from_parts(c, m.birth_date, seq).into_string();
                    if taken.insert(id.clone()) {
                        break id;
                    }
                    seq = seq % 999 + 1;
                };
                ids_of.push(id.clone());
                rows.push((m.person_id, id, m.name.clone(), m.birth_date, region.as_str().to_owned(), HOUSEHOLD_BASE + i as i64, m.relation.as_str()));
            }
            let case_id = ids.start + i as i64;
            let a = &facts.assets;
            for (j, m) in facts.members.iter().enumerate() {
                writeln!(members_csv, "{case_id},{},{},{j},{},{},{},{},{}", HOUSEHOLD_BASE + i as i64, m.person_id, ids_of[j], a.vehicles, a.dwellings, a.business_capital.0, a.monetary.0)?;
            }
            // the members' own records: 户籍 for all; the rest by chance
            let booklet = format!("B{i}");
            for (j, (id, m)) in ids_of.iter().zip(&facts.members).enumerate() {
                let n = i * u64::from(MEMBERS) + j as u64;
                let own_booklet = if pick(args.seed, n, 30, 500) == 0 { format!("B{i}X") } else { booklet.clone() };
                let spouse = if pick(args.seed, n, 31, 200) == 0 { IdNumber::from_parts(OTHER_COUNTIES[0], NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default(), (n % 999) as u16 + 1).into_string() } else { ids_of[1 - j.min(1)].clone() };
                let name = &m.name;
                let mut second: Option<Vec<String>> = None;
                let mut emit = |feed: Feed| -> Result<()> {
                    let v = values(feed, id, name, n, args.seed, &spouse, &own_booklet);
                    writers.row(feed, &v.iter().map(String::as_str).collect::<Vec<_>>())
                };
                emit(Feed::Hukou)?;
                let r = pick(args.seed, n, 32, 1000);
                if r < 80 {
                    emit(Feed::Contribution)?;
                }
                if (80..180).contains(&r) {
                    emit(Feed::Pension)?;
                }
                if (180..190).contains(&r) {
                    emit(Feed::Vehicle)?;
                }
                if (190..200).contains(&r) {
                    emit(Feed::Business)?;
                }
                if (200..203).contains(&r) {
                    emit(Feed::Cremation)?;
                }
                if (203..205).contains(&r) {
                    emit(Feed::Death)?;
                }
                if (205..207).contains(&r) {
                    emit(Feed::Enrolment)?;
                }
                if (207..257).contains(&r) {
                    emit(Feed::TaxIncome)?;
                }
                if (257..307).contains(&r) {
                    emit(Feed::ProvidentFund)?;
                }
                if j < 2 && r >= 800 {
                    emit(Feed::Marriage)?;
                }
                if j == 0 {
                    let h = pick(args.seed, i, 33, 1000);
                    if h < 600 {
                        emit(Feed::Property)?;
                    }
                    if h < 10 {
                        // a second dwelling
                        let v = values(Feed::Property, id, name, n + 7_777_777, args.seed, &spouse, &own_booklet);
                        second = Some(v);
                    }
                    if h >= 500 {
                        emit(Feed::Deposit)?;
                    }
                }
                if let Some(v) = second {
                    writers.row(Feed::Property, &v.iter().map(String::as_str).collect::<Vec<_>>())?;
                }
            }
        }
        let mut tx = store.pool().begin().await?;
        for chunk in rows.chunks(1000) {
            let mut sql = Sql::bulk(
                "INSERT INTO persons (id, id_number, name, name_pinyin, gender, birth_date, ethnicity, hukou_region_code, region_code, hukou_type, alive, orphan, household_id, relation, version, created_at, updated_at) VALUES ",
                backend,
            );
            for (n, (pid, id, name, birth, region, hh, relation)) in chunk.iter().enumerate() {
                sql.push(if n == 0 { "(" } else { ", (" });
                sql.bind(*pid).push(", ").bind(id.clone()).push(", ").bind(name.clone()).push(", '', 'male', ").bind(birth.to_string()).push(", '汉族', ");
                sql.bind(region.clone()).push(", ").bind(region.clone()).push(", 'urban', 1, 0, ").bind(*hh).push(", ").bind((*relation).to_owned());
                sql.push(", 1, ").bind(now.clone()).push(", ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        k = end;
        pb.set_position(k);
    }
    pb.finish_and_clear();
    members_csv.flush()?;
    let own = writers.total();

    // --- the other residents' records, to `--records` in all
    let background = args.records.saturating_sub(own);
    let pb = crate::bar(background, "records");
    let mut n = 0u64;
    for (feed, share) in BACKGROUND {
        let count = background * share / 1000;
        for _ in 0..count {
            let c = OTHER_COUNTIES[(n % OTHER_COUNTIES.len() as u64) as usize];
            let birth = NaiveDate::from_ymd_opt(1940 + pick(args.seed, n, 40, 66) as i32, 1 + pick(args.seed, n, 41, 12) as u32, 1 + pick(args.seed, n, 42, 28) as u32).unwrap_or_default();
            let id = IdNumber::from_parts(c, birth, 1 + pick(args.seed, n, 43, 999) as u16).into_string();
            let spouse = IdNumber::from_parts(c, birth, 1 + pick(args.seed, n, 44, 999) as u16).into_string();
            let v = values(*feed, &id, "居民", n + 100_000_000, args.seed, &spouse, &format!("R{}", n / 3));
            writers.row(*feed, &v.iter().map(String::as_str).collect::<Vec<_>>())?;
            n += 1;
            if n.is_multiple_of(100_000) {
                pb.set_position(n);
            }
        }
    }
    pb.finish_and_clear();
    let per_feed = writers.finish()?;
    let total: u64 = per_feed.iter().map(|(_, n)| n).sum();
    match backend {
        Backend::Postgres => {
            Sql::new("VACUUM ANALYZE").query().execute(store.pool()).await?;
        }
        Backend::Sqlite => store.analyze().await?,
    }
    println!("setup: {} households, {} persons, {total} records in {} CSV files ({own} of the members) in {:.1} s", args.households, args.households * u64::from(MEMBERS), per_feed.len(), started.elapsed().as_secs_f64());

    // --- load the snapshots through the feeds' parsers
    ba::reset_peak();
    let t = Instant::now();
    let mut loaded = 0u64;
    for (feed, _) in &per_feed {
        // the loader of `minzheng verify load`
        let (snapshot, rejected) = crate::verify::load(store, *feed, AS_OF, &args.dir.join(format!("{}.csv", feed.as_str())), ACTOR, false).await?;
        if !rejected.is_empty() {
            bail!("{}: {} rows rejected", feed.as_str(), rejected.len());
        }
        loaded += snapshot.rows as u64;
    }
    if backend == Backend::Postgres {
        Sql::new("VACUUM ANALYZE verification_records").query().execute(store.pool()).await?;
    } else {
        store.analyze().await?;
    }
    let load_s = t.elapsed().as_secs_f64();
    println!("load: {loaded} records in {load_s:.1} s ({:.0} records/s), peak RSS {:.0} MiB", loaded as f64 / load_s, ba::peak_mib());

    verify(store, &args, &county, &policy).await
}

/// Times one verification run over every active case and writes `meta-BACKEND.json`.
async fn verify(store: &Store, args: &Args, county: &RegionCode, policy: &minzheng_core::assistance::policy::PolicySet) -> Result<()> {
    let backend = store.backend();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let loaded: i64 = Sql::new("SELECT COUNT(*) FROM verification_records").query_scalar().fetch_one(store.pool()).await?;
    ba::reset_peak();
    let start_mib = ba::start_mib();
    let t = Instant::now();
    let run = store.create_run(&Scope::system(), &RunScope::Cases { region: county.clone(), programme: None }, YearMonth::of(today), ACTOR).await?;
    let pb = crate::bar(run.total as u64, "verify");
    let run = store.execute_run(run.id, policy, |done, _| pb.set_position(done as u64)).await?;
    pb.finish_and_clear();
    let verify_s = t.elapsed().as_secs_f64();
    let peak = ba::peak_mib();
    let counts = store.flag_counts(run.id).await?;
    println!(
        "verify: {} households in {verify_s:.1} s ({:.0} households/s): {} consistent, {} inconsistent, {} not eligible, {} flags; peak RSS {peak:.0} MiB (+{:.0} MiB)",
        run.done,
        run.done as f64 / verify_s,
        run.consistent,
        run.inconsistent,
        run.not_eligible,
        run.flags,
        peak - start_mib
    );
    println!("flags: {}", counts.iter().map(|(c, n)| format!("{c}={n}")).collect::<Vec<_>>().join(" "));
    println!("RESULT backend={} households={} records={loaded} verify_s={verify_s:.2} peak_mib={peak:.0} added_mib={:.0}", backend.as_str(), run.done, peak - start_mib);
    let meta = serde_json::json!({
        "backend": backend.as_str(),
        "households": run.done,
        "records": loaded,
        "standard": ba::STANDARD_2026,
        "month_first_day": "2026-11-01",
        "max_assets_months": ParamKey::DibaoMaxAssetsMonths.default_value(),
        "verify_s": verify_s,
        "flags": counts.iter().map(|(c, n)| (c.clone(), serde_json::json!(n))).collect::<serde_json::Map<String, serde_json::Value>>(),
        "consistent": run.consistent, "inconsistent": run.inconsistent, "not_eligible": run.not_eligible,
    });
    std::fs::write(args.dir.join(format!("meta-{}.json", backend.as_str())), serde_json::to_string_pretty(&meta)?)?;
    Ok(())
}
