//! The payroll survives a crash: the process is killed inside the confirming transaction, the
//! run is started again, and exactly one run is confirmed with the totals of the preview; a third
//! start pays nothing again. Runs the real binary against SQLite and PostgreSQL.
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_minzheng");

// the command line's edges (issue 14): one test binary per crate
mod edges;
// the demo's draws are keyed on ID numbers (issue 15)
mod demo_draws;

fn minzheng(db: &str, args: &[&str]) -> String {
    let out = Command::new(BIN).arg("--db").arg(db).args(args).output().expect("run minzheng");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "minzheng {args:?} failed: {text}\n{}", String::from_utf8_lossy(&out.stderr));
    text
}

/// The "total ¥…" of a preview line.
fn preview_total(text: &str) -> String {
    let line = text.lines().find(|l| l.contains("regular ")).unwrap_or_else(|| panic!("no totals in {text}"));
    line.split("total ").nth(1).and_then(|t| t.split_whitespace().next()).expect("total").to_owned()
}

fn crash_and_rerun(db: &str) {
    minzheng(db, &["demo", "--persons", "1500", "--no-serve"]);
    let month = chrono_month();
    let preview = minzheng(db, &["payroll", "--month", &month]);
    assert!(!preview.contains("already confirmed"), "{preview}");
    let expected = preview_total(&preview);

    // killed while the lines are written but not committed
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["payroll", "--month", &month, "--confirm"])
        .env("MZ_PAYROLL_PAUSE_MS", "60000")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).expect("read") > 0, "the run ended before writing its lines");
        if line.contains("lines written") {
            break;
        }
    }
    child.kill().expect("kill");
    child.wait().expect("wait");

    let after_crash = minzheng(db, &["payroll", "--month", &month]);
    assert!(!after_crash.contains("already confirmed"), "a killed run left a confirmed run behind: {after_crash}");
    assert_eq!(preview_total(&after_crash), expected, "the crash changed what is due");

    let first = minzheng(db, &["payroll", "--month", &month, "--confirm"]);
    let run_line = first.lines().find(|l| l.starts_with("confirmed run ")).unwrap_or_else(|| panic!("not confirmed: {first}"));
    assert!(run_line.ends_with(&format!("total {expected}")), "{run_line} vs preview {expected}");
    let run_id = run_line.split_whitespace().nth(2).expect("id").trim_end_matches(':').to_owned();

    let again = minzheng(db, &["payroll", "--month", &month, "--confirm"]);
    assert!(again.contains(&format!("run {run_id} was already confirmed")), "{again}");
    assert!(again.contains(&format!("total {expected}")), "{again}");
    let preview_after = minzheng(db, &["payroll", "--month", &month]);
    assert!(preview_after.contains("0 households, 0 lines"), "everything due was paid once: {preview_after}");
}

/// The current month, as the binary sees it (local time).
fn chrono_month() -> String {
    let out = Command::new("date").arg("+%Y-%m").output().expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn payroll_crash_sqlite() {
    let path = std::env::temp_dir().join(format!("mz-crash-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&path);
    crash_and_rerun(&format!("sqlite://{}", path.display()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn payroll_crash_postgres() {
    with_pg_database("mz_crash", crash_and_rerun);
}

/// Runs `scenario` on a throw-away database of the PostgreSQL cluster at `MZ_TEST_PG_URL`, dropped
/// afterwards; without the variable it is skipped (an error under `MZ_REQUIRE_PG=1`).
fn with_pg_database(prefix: &str, scenario: impl FnOnce(&str)) {
    let Some(admin) = std::env::var("MZ_TEST_PG_URL").ok().filter(|u| !u.trim().is_empty()) else {
        assert!(std::env::var("MZ_REQUIRE_PG").as_deref() != Ok("1"), "MZ_REQUIRE_PG=1 but MZ_TEST_PG_URL is not set");
        eprintln!("note: MZ_TEST_PG_URL is not set; skipping the PostgreSQL variant");
        return;
    };
    let name = format!("{prefix}_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let exec = |sql: String| {
        rt.block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.expect("connect");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.expect("admin statement");
        })
    };
    exec(format!("CREATE DATABASE {name}"));
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let root = &base[..base.rfind('/').filter(|i| *i > base.find("://").map_or(0, |s| s + 2)).unwrap_or(base.len())];
    let url = match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    };
    scenario(&url);
    exec(format!("DROP DATABASE {name} WITH (FORCE)"));
}
