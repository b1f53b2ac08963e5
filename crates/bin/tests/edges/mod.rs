//! The command line's edges (issue 14): a failure a person can cause is one line naming the flag
//! that fixes it, with its exit code (README); the command line's audit entries are the district's
//! and the auditor lists them.
use std::io::Write;
use std::process::{Command, Output, Stdio};

use minzheng_core::registry::region::RegionCode;
use minzheng_store::audit::AuditFilter;
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store};

const BIN: &str = env!("CARGO_BIN_EXE_minzheng");

/// Runs the binary without RUST_BACKTRACE (as a person does) unless `backtrace`.
fn run(db: &str, args: &[&str], backtrace: bool) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--db").arg(db).args(args).env_remove("RUST_BACKTRACE").env_remove("RUST_LIB_BACKTRACE").env_remove("RUST_LOG");
    if backtrace {
        cmd.env("RUST_BACKTRACE", "1");
    }
    cmd.output().expect("run minzheng")
}

/// The stderr of a failed run: exactly one line, with the code expected.
#[track_caller]
fn one_line_failure(out: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "exit code; stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(!stderr.to_lowercase().contains("backtrace"), "{stderr}");
    assert!(lines[0].contains("错误") && lines[0].contains("error:"), "Chinese and English: {stderr}");
    lines[0].to_owned()
}

fn temp_sqlite(tag: &str) -> (String, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("mz-edges-{tag}-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&path);
    (format!("sqlite://{}", path.display()), path)
}

fn remove_sqlite(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn cli_taken_port_is_one_line() {
    let (db, path) = temp_sqlite("port");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = run(&db, &["serve", "--port", &port], false);
    let line = one_line_failure(&out, 4);
    assert!(line.contains("--port") && line.contains(&port) && line.contains("already in use"), "{line}");
    // the whole story when asked for
    let out = run(&db, &["serve", "--port", &port], true);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).lines().count() > 1, "RUST_BACKTRACE=1 shows the chain");
    drop(taken);
    remove_sqlite(&path);
}

#[test]
fn cli_unopenable_db_is_one_line() {
    let db = "sqlite:///nonexistent-minzheng-dir/sub/a.db";
    let line = one_line_failure(&run(db, &["migrate"], false), 3);
    assert!(line.contains("--db") && line.contains("unable to open database file") && !line.contains("code: 14"), "{line}");
    let line = one_line_failure(&run(db, &["verify-audit"], false), 3);
    assert!(line.contains("--db"), "{line}");
}

#[test]
fn cli_bad_region_and_missing_file_are_one_line() {
    let (db, path) = temp_sqlite("args");
    let out_file = std::env::temp_dir().join(format!("mz-edges-{}.xlsx", std::process::id()));
    let line = one_line_failure(&run(&db, &["export", "--kind", "persons", "--region", "44x", "--out", &out_file.display().to_string()], false), 2);
    assert!(line.contains("--region"), "{line}");
    let line = one_line_failure(&run(&db, &["import", "--kind", "persons", "/nonexistent-minzheng-dir/persons.csv"], false), 5);
    assert!(line.contains("/nonexistent-minzheng-dir/persons.csv"), "{line}");
    let line = one_line_failure(&run(&db, &["payroll", "--month", "2026-13"], false), 2);
    assert!(line.contains("--month"), "{line}");
    remove_sqlite(&path);
}

/// The demo loader and `user create` write audit entries of the district, which the district's
/// auditor lists (they had an empty region: counted by verify, listed nowhere).
fn cli_audit_entries_listed(db: &str) {
    let out = run(db, &["demo", "--persons", "200", "--no-serve"], false);
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["user", "create", "--username", "cli_made", "--role", "village_worker", "--region", "440705001001", "--display-name", "命令行建"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"Minzheng@2026cli\n").expect("password");
    let out = child.wait_with_output().expect("user create");
    assert!(out.status.success(), "user create: {}", String::from_utf8_lossy(&out.stderr));

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let store = Store::connect(db).await.expect("connect");
        let district = Scope::of(RegionCode::parse("440705000000").expect("county"));
        let filter = AuditFilter { action: Some("account.create".into()), ..Default::default() };
        let page = store.list_audit(&district, &filter, Paging::new(Some(1), Some(200))).await.expect("list");
        let made: Vec<_> = page.items.iter().filter(|e| e.detail.contains("cli_made")).collect();
        assert_eq!(made.len(), 1, "the auditor lists user create: {:?}", page.items.iter().map(|e| (&e.actor, &e.detail, &e.region_code)).collect::<Vec<_>>());
        assert_eq!(made[0].region_code, "440705000000");
        assert!(made[0].actor.starts_with("cli:"), "{:?}", made[0].actor);
        // every entry the command line wrote has a region, and the district's auditor lists all
        let empty: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE region_code = ''").fetch_one(store.pool()).await.expect("count");
        assert_eq!(empty, 0);
        let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(store.pool()).await.expect("count");
        let listed = store.list_audit(&district, &AuditFilter::default(), Paging::new(Some(1), Some(1))).await.expect("list");
        assert_eq!(listed.total, all.min(10_000), "the district's auditor lists every entry");
        store.close().await;
    });
}

#[test]
fn cli_audit_entries_listed_sqlite() {
    let (db, path) = temp_sqlite("audit");
    cli_audit_entries_listed(&db);
    remove_sqlite(&path);
}

#[test]
fn cli_audit_entries_listed_postgres() {
    super::with_pg_database("mz_cli_audit", cli_audit_entries_listed);
}
