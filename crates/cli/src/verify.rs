//! 核对 `minzheng verify`: load a departmental snapshot from a file, and run a batch verification,
//! with progress bars. The same rules as the console (docs/verification.md): bad rows are rejected
//! one by one, a file with more than 1% of them (or a missing column) is rejected whole and the
//! snapshot in force stays.
use std::path::Path;
use std::time::Instant;

use anyhow::{Result, anyhow, bail};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_core::verification::Feed;
use minzheng_core::verification::feed::{Layout, acceptable};
use minzheng_store::verification::runs::RunScope;
use minzheng_store::verification::snapshots::{NewSnapshot, RejectedRow, SnapshotRecord};
use minzheng_store::{Scope, Store, today};

const ACTOR: &str = "cli";
/// Records per insert batch while loading.
const BATCH: usize = 10_000;

/// Loads `path` (.csv streamed, or .xlsx/.xls) as the feed's new snapshot.
pub async fn load(store: &Store, feed: Feed, as_of: &str, path: &Path, actor: &str, quiet: bool) -> Result<(SnapshotRecord, Vec<RejectedRow>)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let today = today();
    let is_csv = name.to_ascii_lowercase().ends_with(".csv");
    // .csv is read as it is loaded (a department's file may hold millions of rows); a workbook is read whole
    let mut rows: Box<dyn Iterator<Item = Result<Vec<String>>>> = if is_csv {
        let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(std::fs::File::open(path).map_err(|e| crate::Failure::file(path, &e))?);
        Box::new(reader.into_records().map(|r| r.map(|r| r.iter().map(|c| c.trim().to_owned()).collect()).map_err(anyhow::Error::from)))
    } else {
        let bytes = std::fs::read(path).map_err(|e| crate::Failure::file(path, &e))?;
        let table = minzheng_app::tabular::read_table_with(&name, &bytes, &minzheng_app::tabular::limits::LOCAL_FILE).map_err(|e| anyhow!("{}: {}", name, e.message_zh()))?;
        Box::new(table.into_iter().map(Ok))
    };
    let header = rows.next().ok_or_else(|| anyhow!("{name}: 文件中没有数据 / the file is empty"))??;
    let layout = Layout::from_headers(feed, &header).map_err(|e| anyhow!("{} / {}", e.message, e.message_en))?;
    let bytes = std::fs::metadata(path)?.len();
    let pb = if quiet { indicatif::ProgressBar::hidden() } else { crate::bar(bytes, feed.zh()) };
    let sha = file_sha256(path)?;
    let mut tx = store.begin().await?;
    let id = store.begin_snapshot(&mut tx, &NewSnapshot { feed, as_of, file_name: &name, sha256: &sha, actor }).await?;
    let mut batch = Vec::with_capacity(BATCH);
    let mut rejected = Vec::new();
    let mut data_rows = 0usize;
    let mut read_bytes = 0u64;
    for (i, row) in rows.enumerate() {
        let row = row?;
        read_bytes += row.iter().map(|c| c.len() as u64 + 1).sum::<u64>();
        if row.iter().all(String::is_empty) {
            continue;
        }
        data_rows += 1;
        match layout.parse_row(&row, today) {
            Ok(r) => batch.push((i + 2, r)),
            Err(e) => rejected.push(RejectedRow { row: i + 2, column: e.field, zh: e.message, en: e.message_en }),
        }
        if batch.len() == BATCH {
            store.insert_records(&mut tx, id, feed, &batch).await?;
            batch.clear();
            pb.set_position(read_bytes.min(bytes));
        }
    }
    store.insert_records(&mut tx, id, feed, &batch).await?;
    pb.finish_and_clear();
    if !acceptable(data_rows, rejected.len()) {
        // dropping the transaction rolls the snapshot back: the one in force stays
        let first: Vec<String> = rejected.iter().take(20).map(|r| format!("  第{}行 {}：{}", r.row, r.column, r.zh)).collect();
        bail!("{name}: {} of {data_rows} rows are bad (more than 1%); nothing was loaded, the snapshot in force stays\n{}", rejected.len(), first.join("\n"));
    }
    let snapshot = store.finish_snapshot(&mut tx, id, feed, data_rows, &rejected).await?;
    let entry = minzheng_store::audit::AuditEntry {
        actor: actor.to_owned(),
        action: "verification.snapshot.load".into(),
        entity: "verification_snapshot".into(),
        entity_id: id.to_string(),
        region_code: store.system_region().await?,
        ip: "local".into(),
        detail: format!("{} as of {as_of}: {data_rows} rows, {} rejected, {name} (command line)", feed.as_str(), rejected.len()),
    };
    store.audit(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok((snapshot, rejected))
}

/// The file's SHA-256, read in pieces (a snapshot may be gigabytes).
fn file_sha256(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hash = minzheng_core::audit::Sha256Hex::default();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hash.finish());
        }
        hash.update(&buf[..n]);
    }
}

/// `minzheng verify load`.
pub async fn load_command(store: &Store, feed: &str, as_of: &str, path: &Path) -> Result<()> {
    let feed = Feed::parse(feed).ok_or_else(|| anyhow!("unknown feed {feed:?}: {}", Feed::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")))?;
    chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").map_err(|_| anyhow!("--as-of must be YYYY-MM-DD"))?;
    let t = Instant::now();
    let (s, rejected) = load(store, feed, as_of, path, ACTOR, false).await?;
    println!(
        "{} ({}) as of {}: {} rows loaded, {} rejected, {} of {} registered persons found ({:.1}%), in {:.1} s",
        feed.zh(),
        feed.as_str(),
        s.as_of,
        s.rows - s.rejected_rows,
        s.rejected_rows,
        s.matched_persons,
        s.registry_persons,
        s.coverage_permille as f64 / 10.0,
        t.elapsed().as_secs_f64()
    );
    for r in rejected.iter().take(20) {
        println!("  rejected: row {} {}: {} / {}", r.row, r.column, r.zh, r.en);
    }
    Ok(())
}

/// `minzheng verify run`: the active cases of a region (of one programme or all), or with
/// `pending` the applications waiting for the verification step.
pub async fn run_command(store: &Store, region: &str, programme: Option<&str>, pending: bool) -> Result<()> {
    let region = RegionCode::parse(region).map_err(|e| crate::Failure::Argument { flag: "--region", zh: e.message, en: e.message_en })?;
    let what = if pending {
        RunScope::Pending { region }
    } else {
        let programme = programme.map(|p| Programme::parse(p).ok_or_else(|| anyhow!("unknown programme {p:?}"))).transpose()?;
        RunScope::Cases { region, programme }
    };
    let policy = store.policy().await?;
    let t = Instant::now();
    let run = store.create_run(&Scope::system(), &what, YearMonth::of(today()), ACTOR).await?;
    let pb = crate::bar(run.total as u64, "核对");
    let run = store.execute_run(run.id, &policy, |done, _| pb.set_position(done as u64)).await?;
    pb.finish_and_clear();
    println!(
        "run {}: {} households in {:.1} s: {} consistent, {} inconsistent, {} not eligible, {} red flags (reports: /verification/runs/{} in the console)",
        run.id,
        run.done,
        t.elapsed().as_secs_f64(),
        run.consistent,
        run.inconsistent,
        run.not_eligible,
        run.flags,
        run.id
    );
    Ok(())
}
