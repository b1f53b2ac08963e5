//! Test harness (zero2prod style): every test gets a fresh database and a real server on
//! 127.0.0.1 port 0, loaded with the 新会区 (440705) region tree, a small generated population
//! and the demo accounts.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use minzheng_core::demo::{DemoGenerator, DemoHousehold, DemoVillage};
use minzheng_core::registry::region::RegionCode;
use minzheng_server::admin::accounts::{AccountBody, create_account, validate_account};
use minzheng_server::{AppState, Config, router};
use minzheng_store::audit::AuditEntry;
use minzheng_store::registry::reference;
use minzheng_store::{Scope, Store};
use reqwest::StatusCode;
use serde_json::Value;

pub const PASSWORD: &str = "Minzheng@2026";
pub const COUNTY: &str = "440705000000";
pub const HUICHENG: &str = "440705001000";
pub const SIQIAN: &str = "440705102000";
pub const BEIMEN: &str = "440705001001";
/// A village of 司前镇.
pub const SIQIAN_VILLAGE: &str = "440705102201";
/// 江门's dibao standard (fen per person per month) the harness stores for prefix 4407.
pub const CITY_DIBAO_STANDARD: i64 = 55000;
/// Persons the harness generates.
pub const SEED_PERSONS: u64 = 2000;
pub const SEED: u64 = 20261123;

/// (username, role, region)
pub const ACCOUNTS: &[(&str, &str, &str)] = &[
    ("admin", "admin", COUNTY),
    ("district", "district_officer", COUNTY),
    ("huicheng", "town_officer", HUICHENG),
    ("siqian", "town_officer", SIQIAN),
    ("beimen", "village_worker", BEIMEN),
    ("auditor", "auditor", COUNTY),
    ("finance", "finance_officer", COUNTY),
    ("verifier", "verifier", COUNTY),
    ("assessor", "assessor", COUNTY),
    ("charity", "charity_clerk", COUNTY),
    ("weiji", "unit_officer", COUNTY),
    ("caizheng", "unit_officer", COUNTY),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub store: Store,
    pub backend: Db,
    /// The households the harness inserted (members[0] is the head).
    pub seeded: Vec<DemoHousehold>,
    pub today: NaiveDate,
    cleanup: Option<Cleanup>,
    server: tokio::task::JoinHandle<()>,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    Postgres { admin_url: String, db: String },
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("mz_test_{}_{}_{}", std::process::id(), n, nanos)
}

/// Replaces the database name of a postgres:// URL (keeping a query string).
fn with_database(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let scheme_end = main.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match main[scheme_end..].find('/') {
        Some(i) => &main[..scheme_end + i],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

async fn pg_admin_exec(admin_url: &str, statement: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::postgres::PgConnection::connect(admin_url).await.unwrap_or_else(|e| panic!("cannot connect to {admin_url}: {e}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_owned())).execute(&mut conn).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
    let _ = conn.close().await;
}

/// A fresh, seeded app on `backend`; `None` (after a note) when PostgreSQL is not configured and
/// not required. Panics when `MZ_REQUIRE_PG=1` and `MZ_TEST_PG_URL` is unset.
pub async fn spawn_app(backend: Db) -> Option<TestApp> {
    spawn_app_with(backend, Config::default()).await
}

/// `spawn_app` with a server configured by `config` (e.g. short login delays).
pub async fn spawn_app_with(backend: Db, config: Config) -> Option<TestApp> {
    let name = unique_name();
    let (url, cleanup) = match backend {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.sqlite"));
            (format!("sqlite://{}", path.display()), Cleanup::SqliteFile(path))
        }
        Db::Postgres => {
            let admin_url = match std::env::var("MZ_TEST_PG_URL") {
                Ok(u) if !u.trim().is_empty() => u,
                _ => {
                    if std::env::var("MZ_REQUIRE_PG").as_deref() == Ok("1") {
                        panic!("MZ_REQUIRE_PG=1 but MZ_TEST_PG_URL is not set: the PostgreSQL variant cannot run");
                    }
                    eprintln!("note: MZ_TEST_PG_URL is not set; skipping the PostgreSQL variant");
                    return None;
                }
            };
            pg_admin_exec(&admin_url, &format!("CREATE DATABASE {name}")).await;
            (with_database(&admin_url, &name), Cleanup::Postgres { admin_url, db: name.clone() })
        }
    };
    let store = Store::connect(&url).await.unwrap_or_else(|e| panic!("connect {url}: {e}"));
    store.migrate().await.expect("migrate");
    let today = minzheng_store::today();
    let seeded = seed(&store, today).await;

    let state = AppState::new(store.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let server = tokio::spawn(async move {
        axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>()).await.expect("server");
    });
    Some(TestApp { base: format!("http://{addr}"), addr, store, backend, seeded, today, cleanup: Some(cleanup), server })
}

/// Regions, demo accounts (each audited: audit seq 1..=7), the generated population and, as the
/// demo loader sets it (crates/cli/src/demo/assistance.rs), the city's dibao standard: 55000 fen
/// for 江门 (prefix 4407) from 2025-01.
async fn seed(store: &Store, today: NaiveDate) -> Vec<DemoHousehold> {
    let tree = reference::district_tree("440705").expect("新会区 is shipped");
    store.upsert_regions(&tree).await.expect("regions");
    for (username, role, region) in ACCOUNTS {
        let body = AccountBody {
            username: Some((*username).into()),
            display_name: Some(format!("{username} 演示账号")),
            password: Some(PASSWORD.into()),
            role: Some((*role).into()),
            region_code: Some((*region).into()),
            active: Some(true),
            provider_id: None,
        };
        let v = validate_account(store, &body, true, &Scope::system()).await.unwrap_or_else(|e| panic!("account {username}: {e}"));
        let mut tx = store.begin().await.expect("begin");
        create_account(store, &mut tx, &v).await.unwrap_or_else(|e| panic!("account {username}: {e}"));
        let entry = AuditEntry {
            actor: "test-harness".into(),
            action: "account.create".into(),
            entity: "account".into(),
            entity_id: (*username).into(),
            region_code: RegionCode::parse(region).expect("region"),
            ip: "local".into(),
            detail: format!("demo account {username} {role}"),
        };
        store.audit(&mut tx, &entry).await.expect("audit");
        tx.commit().await.expect("commit");
    }
    let county = RegionCode::parse(COUNTY).expect("county");
    let villages: Vec<DemoVillage> = store
        .villages_under(&county)
        .await
        .expect("villages")
        .into_iter()
        .map(|(code, name, town_name)| DemoVillage { urban: code.is_urban().unwrap_or(false), code, name, town_name })
        .collect();
    assert!(villages.len() > 100, "新会区 has its villages");
    let households: Vec<DemoHousehold> = DemoGenerator::new(villages, SEED, SEED_PERSONS, today).collect();
    let rows: Vec<_> = households.iter().map(|h| (h.region.clone(), h.address.clone(), h.members.iter().map(|m| (&m.person, m.relation)).collect())).collect();
    let mut tx = store.begin().await.expect("begin");
    store.insert_households_bulk(&mut tx, &rows, today).await.expect("population");
    let from = minzheng_core::assistance::YearMonth::new(2025, 1).expect("month");
    store
        .insert_param(&mut tx, minzheng_core::assistance::policy::ParamKey::DibaoStandard, "4407", from, CITY_DIBAO_STANDARD, "城乡统一低保标准", "test-harness")
        .await
        .expect("city dibao standard");
    tx.commit().await.expect("commit");
    households
}

impl TestApp {
    /// A client without a session.
    pub fn anonymous(&self) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Client { http: reqwest::Client::builder().cookie_provider(jar.clone()).build().expect("client"), base: self.base.clone(), jar }
    }

    /// A client logged in as `username` (demo password).
    pub async fn login(&self, username: &str) -> Client {
        self.login_with(username, PASSWORD).await
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Client {
        let c = self.anonymous();
        let (status, body) = c.post("/api/v1/auth/login", &serde_json::json!({"username": username, "password": password})).await;
        assert_eq!(status, StatusCode::OK, "login {username}: {body}");
        c
    }

    /// Persons in the database (all regions), counted directly.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(self.store.pool()).await.expect("count")
    }

    /// Drops the database (PostgreSQL) or removes the file (SQLite).
    pub async fn cleanup(mut self) {
        self.server.abort();
        self.store.close().await;
        if let Some(c) = self.cleanup.take() {
            c.run().await;
        }
    }
}

impl Cleanup {
    async fn run(&self) {
        match self {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, db } => {
                pg_admin_exec(admin_url, &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await;
            }
        }
    }
}

/// A test that panicked still removes its database (on a thread of its own: the test's runtime
/// may be the one unwinding).
impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(c) = self.cleanup.take() {
            self.server.abort();
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    rt.block_on(c.run());
                }
            })
            .join();
        }
    }
}

/// An HTTP client with its own cookie jar; answers are (status, JSON body or Null).
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

pub async fn answer(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.expect("body");
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, body)
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        answer(self.http.get(self.url(path)).send().await.expect("GET")).await
    }
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let r = self.http.get(self.url(path)).send().await.expect("GET");
        let status = r.status();
        (status, r.bytes().await.expect("bytes").to_vec())
    }
    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        answer(self.http.post(self.url(path)).json(body).send().await.expect("POST")).await
    }
    pub async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        answer(self.http.put(self.url(path)).json(body).send().await.expect("PUT")).await
    }
    /// A DELETE (marked with `X-Requested-With`, as the console sends it).
    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        answer(self.http.delete(self.url(path)).header("X-Requested-With", "minzheng").send().await.expect("DELETE")).await
    }
    /// A GET answering the raw bytes and the content type.
    pub async fn download(&self, path: &str) -> (StatusCode, String, Vec<u8>) {
        let r = self.http.get(self.url(path)).send().await.expect("GET");
        let status = r.status();
        let content_type = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (status, content_type, r.bytes().await.expect("bytes").to_vec())
    }
    /// A POST with a raw body and content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        answer(self.http.post(self.url(path)).header("content-type", content_type).body(body).send().await.expect("POST")).await
    }
    /// POSTs a body over raw TCP, reading the answer while still writing: a server may answer
    /// (413) and close before the body is sent, which a browser reports as the answer but
    /// reqwest may report as a broken pipe.
    pub async fn post_streaming(&self, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        use reqwest::cookie::CookieStore;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let url: reqwest::Url = self.url(path).parse().expect("url");
        let cookie = self.jar.cookies(&url).map(|v| v.to_str().expect("ascii").to_owned()).unwrap_or_default();
        let host = format!("{}:{}", url.host_str().expect("host"), url.port().expect("port"));
        let stream = tokio::net::TcpStream::connect(&host).await.expect("connect");
        let (mut rd, mut wr) = stream.into_split();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let writer = tokio::spawn(async move {
            if wr.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            for chunk in body.chunks(64 * 1024) {
                if wr.write_all(chunk).await.is_err() {
                    return;
                }
            }
        });
        let mut buf = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(30), async {
            let mut chunk = [0u8; 8192];
            loop {
                match rd.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
                // stop once the head and a body of Content-Length bytes are in
                if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                    let len = head.lines().find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)));
                    if len.is_some_and(|n| buf.len() >= end + 4 + n) {
                        break;
                    }
                }
            }
        })
        .await;
        writer.abort();
        assert!(read.is_ok(), "no answer within 30 s");
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&buf)));
        let head = String::from_utf8_lossy(&buf[..end]).to_string();
        let code: u16 = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("status line: {head}"));
        let body = serde_json::from_slice(&buf[end + 4..]).unwrap_or(Value::Null);
        (StatusCode::from_u16(code).expect("status"), body)
    }
    pub async fn upload(&self, kind: &str, mode: &str, file_name: &str, bytes: Vec<u8>, csrf_header: bool) -> (StatusCode, Value) {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new().text("kind", kind.to_owned()).text("mode", mode.to_owned()).part("file", part);
        let mut req = self.http.post(self.url("/api/v1/imports")).multipart(form);
        if csrf_header {
            req = req.header("X-Requested-With", "minzheng");
        }
        answer(req.send().await.expect("upload")).await
    }
    /// Polls an import job until it is no longer running.
    pub async fn wait_job(&self, id: i64) -> Value {
        let started = std::time::Instant::now();
        loop {
            let (status, job) = self.get(&format!("/api/v1/imports/{id}")).await;
            assert_eq!(status, StatusCode::OK, "job {id}: {job}");
            if job["status"] != "running" {
                return job;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "import job {id} still running after 30 s: {job}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Asserts an error answer: status, `error.code` and (when given) `error.field`.
#[track_caller]
pub fn assert_error(answer: &(StatusCode, Value), status: StatusCode, code: &str, field: Option<&str>) {
    let (s, body) = answer;
    assert_eq!(*s, status, "status of {body}");
    assert_eq!(body["error"]["code"], code, "code of {body}");
    if let Some(f) = field {
        assert_eq!(body["error"]["field"], f, "field of {body}");
    }
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "message of {body}");
    assert!(body["error"]["message_en"].as_str().is_some_and(|m| !m.is_empty()), "message_en of {body}");
}

// ---- independent reference computations (not the implementation's) ----

/// GB 11643 check character of the first 17 digits.
pub fn check_char(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.chars().zip(W).map(|(c, w)| c.to_digit(10).expect("digit") * w).sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

/// A valid 18-digit ID number: county, birth date (YYYYMMDD) and 3-digit sequence (odd = male).
pub fn id_number(county6: &str, birth: &str, seq: u16) -> String {
    let first17 = format!("{county6}{birth}{seq:03}");
    format!("{first17}{}", check_char(&first17))
}

/// The same with a wrong check character.
pub fn bad_id_number(county6: &str, birth: &str, seq: u16) -> String {
    let good = id_number(county6, birth, seq);
    let last = good.chars().last().expect("18 chars");
    let wrong = if last == '0' { '1' } else { '0' };
    format!("{}{wrong}", &good[..17])
}

/// Completed years on `today`.
pub fn age(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut a = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}
