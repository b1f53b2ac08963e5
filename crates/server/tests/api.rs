//! End-to-end tests of the HTTP API (docs/api.md) against a real server on a random port, on
//! SQLite always and on PostgreSQL when `MZ_TEST_PG_URL` is set.
mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use common::*;
use minzheng_core::registry::person::Relation;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Generates `#[tokio::test]` pairs running one scenario on SQLite and on PostgreSQL.
macro_rules! both {
    ($scenario:ident => $sqlite:ident, $postgres:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $sqlite() {
            let app = spawn_app(Db::Sqlite).await.expect("SQLite is always available");
            $scenario(&app).await;
            app.cleanup().await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $postgres() {
            let Some(app) = spawn_app(Db::Postgres).await else { return };
            $scenario(&app).await;
            app.cleanup().await;
        }
    };
}

both!(health_and_login_required => health_and_login_required_sqlite, health_and_login_required_postgres);
both!(login_cookie_and_lockout => login_cookie_and_lockout_sqlite, login_cookie_and_lockout_postgres);
both!(person_validation => person_validation_sqlite, person_validation_postgres);
both!(households_members_and_versions => households_members_and_versions_sqlite, households_members_and_versions_postgres);
both!(search => search_sqlite, search_postgres);
both!(region_scope => region_scope_sqlite, region_scope_postgres);
both!(masking => masking_sqlite, masking_postgres);
both!(statistics => statistics_sqlite, statistics_postgres);
both!(imports => imports_sqlite, imports_postgres);
both!(accounts => accounts_sqlite, accounts_postgres);
both!(audit_chain => audit_chain_sqlite, audit_chain_postgres);
both!(openapi_lists_routes => openapi_lists_routes_sqlite, openapi_lists_routes_postgres);

// 社会救助: the scenarios live in tests/assistance/ (one test binary).
#[path = "assistance/mod.rs"]
mod assistance;

// 家庭经济状况核对: tests/verification/.
#[path = "verification/mod.rs"]
mod verification;

// 养老助残儿童: tests/elderly/.
#[path = "elderly/mod.rs"]
mod elderly;

// 慈善: tests/charity/.
#[path = "charity/mod.rs"]
mod charity;

// 大民政工作计划: tests/plan/.
#[path = "plan/mod.rs"]
mod plan;

// 资金边界、幂等、发放批次 (issue 14): tests/money/.
#[path = "money/mod.rs"]
mod money;

// 隐私与角色: tests/privacy/.
#[path = "privacy/mod.rs"]
mod privacy;
// issue 14's edges (uploads, audit, login, errors): tests/edges/.
#[path = "edges/mod.rs"]
mod edges;

// 后台任务 (issue 15 item 7): tests/jobs/.
#[path = "jobs/mod.rs"]
mod jobs;

// The OpenAPI document: tests/openapi/.
#[path = "openapi/mod.rs"]
mod openapi;
mod scope;


// ---- helpers ----

fn person(name: &str, id: &str, region: &str) -> Value {
    json!({"id_number": id, "name": name, "region_code": region})
}

/// 闫雪霁: initials yxj, which no generated name has.
const YAN_NAME: &str = "闫雪霁";
fn yan_id() -> String {
    id_number("440705", "19870615", 22)
}
/// 郇志刚: initials hzg.
const HUAN_NAME: &str = "郇志刚";
fn huan_id() -> String {
    id_number("440705", "19850302", 17)
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().expect("items").iter().map(|i| i["id"].as_i64().expect("id")).collect()
}

async fn created(answer: (StatusCode, Value)) -> Value {
    assert_eq!(answer.0, StatusCode::CREATED, "{}", answer.1);
    answer.1
}

/// Generated persons living under `prefix` (a region code prefix): (persons, households).
fn seeded_under(app: &TestApp, prefix: &str) -> (i64, i64) {
    let hs: Vec<_> = app.seeded.iter().filter(|h| h.region.as_str().starts_with(prefix)).collect();
    (hs.iter().map(|h| h.members.len() as i64).sum(), hs.len() as i64)
}

// ---- 1. health and login required ----

async fn health_and_login_required(app: &TestApp) {
    let anon = app.anonymous();
    let (status, body) = anon.get("/api/v1/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], if app.backend == Db::Sqlite { "sqlite" } else { "postgres" });
    assert_eq!(body["version"], "0.1.0");

    for path in [
        "/api/v1/auth/me",
        "/api/v1/dict",
        "/api/v1/regions",
        "/api/v1/regions/root",
        "/api/v1/regions/440705001000",
        "/api/v1/persons",
        "/api/v1/persons/1",
        "/api/v1/persons/export",
        "/api/v1/households",
        "/api/v1/households/1",
        "/api/v1/households/1/history",
        "/api/v1/households/export",
        "/api/v1/stats/population",
        "/api/v1/imports/template?kind=persons",
        "/api/v1/imports/1",
        "/api/v1/accounts",
        "/api/v1/audit",
        "/api/v1/audit/verify",
    ] {
        let answer = anon.get(path).await;
        assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthorized", None);
    }
    let body = person(YAN_NAME, &yan_id(), BEIMEN);
    for path in ["/api/v1/persons", "/api/v1/households", "/api/v1/accounts", "/api/v1/regions"] {
        assert_error(&anon.post(path, &body).await, StatusCode::UNAUTHORIZED, "unauthorized", None);
    }
    for path in ["/api/v1/persons/1", "/api/v1/households/1", "/api/v1/accounts/1"] {
        assert_error(&anon.put(path, &body).await, StatusCode::UNAUTHORIZED, "unauthorized", None);
    }
    let upload = anon.upload("persons", "valid_only", "a.csv", "身份证号,姓名,居住地区划代码\n".as_bytes().to_vec(), true).await;
    assert_error(&upload, StatusCode::UNAUTHORIZED, "unauthorized", None);
    // a made-up session cookie is no session
    let forged = anon.http.get(anon.url("/api/v1/auth/me")).header("cookie", "mz_session=0123456789abcdef").send().await.expect("GET");
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("persons").await, SEED_PERSONS as i64, "nothing was stored");
}

// ---- 2. login, cookie, lockout ----

async fn login_cookie_and_lockout(app: &TestApp) {
    let anon = app.anonymous();
    let r = anon.http.post(anon.url("/api/v1/auth/login")).json(&json!({"username": "huicheng", "password": PASSWORD})).send().await.expect("login");
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers().get("set-cookie").expect("a session cookie").to_str().expect("ascii").to_owned();
    assert!(cookie.starts_with("mz_session="), "{cookie}");
    let attrs: Vec<String> = cookie.split(';').map(|a| a.trim().to_ascii_lowercase()).collect();
    assert!(attrs.contains(&"httponly".to_owned()), "{cookie}");
    assert!(attrs.contains(&"samesite=strict".to_owned()), "{cookie}");
    assert!(!attrs.contains(&"secure".to_owned()), "not Secure without --secure-cookies: {cookie}");
    let me: Value = r.json().await.expect("Me");
    assert_eq!(me["username"], "huicheng");
    assert_eq!(me["role"], "town_officer");
    assert_eq!(me["region_code"], HUICHENG);
    assert_eq!(me["region_name"], "会城街道");
    let perms: Vec<&str> = me["permissions"].as_array().expect("permissions").iter().filter_map(Value::as_str).collect();
    for p in ["person.read", "person.write", "person.unmask", "person.import", "person.export", "stats.read"] {
        assert!(perms.contains(&p), "{p} in {perms:?}");
    }
    assert!(!perms.contains(&"account.manage") && !perms.contains(&"audit.read"), "{perms:?}");
    let (status, me2) = anon.get("/api/v1/auth/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me2["username"], "huicheng");

    // logout ends the session
    let (status, _) = anon.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_error(&anon.get("/api/v1/auth/me").await, StatusCode::UNAUTHORIZED, "unauthorized", None);

    // unknown user and wrong password look alike
    let login = |user: &'static str, pw: &'static str| {
        let c = app.anonymous();
        async move { c.post("/api/v1/auth/login", &json!({"username": user, "password": pw})).await }
    };
    assert_error(&login("nobody", PASSWORD).await, StatusCode::UNAUTHORIZED, "unauthorized", None);
    for i in 1..=5 {
        let a = login("beimen", "Wrong@2026").await;
        assert_error(&a, StatusCode::UNAUTHORIZED, "unauthorized", None);
        assert!(a.1["error"]["message_en"].as_str().is_some(), "attempt {i}");
    }
    // no lock: a slowdown (login_throttle). After five failures the next attempt must wait 2 s,
    // whatever the password, answered 429 with Retry-After
    for pw in ["Wrong@2026", PASSWORD] {
        let r = app.anonymous().http.post(app.anonymous().url("/api/v1/auth/login")).json(&json!({"username": "beimen", "password": pw})).send().await.expect("login");
        let retry: u64 = r.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).expect("Retry-After");
        assert!((1..=2).contains(&retry), "{retry}");
        assert_error(&answer(r).await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", None);
    }
    // other accounts are not affected
    app.login("siqian").await;
    // and once the delay has passed the officer logs in
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    app.login("beimen").await;

    // seven refused attempts (five wrong passwords, two while waiting), each audited; and the
    // unknown name's in the district
    let auditor = app.login("auditor").await;
    let (status, page) = auditor.get("/api/v1/audit?action=login_failed&actor=beimen").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["total"], 7, "{page}");
    for e in page["items"].as_array().expect("items") {
        assert_eq!(e["actor"], "beimen");
        assert_eq!(e["entity"], "account");
        assert_eq!(e["region_code"], BEIMEN);
    }
    let (_, page) = auditor.get("/api/v1/audit?action=login_failed&actor=nobody").await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["region_code"], COUNTY);
    assert_eq!(page["items"][0]["detail"], "unknown user name");
    let (_, logins) = auditor.get("/api/v1/audit?action=login&actor=huicheng").await;
    assert_eq!(logins["total"], 1, "{logins}");
    // the logout above is audited too (docs/api.md lists the action); a second logout without a
    // session writes nothing
    let (status, _) = anon.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, logouts) = auditor.get("/api/v1/audit?action=logout").await;
    assert_eq!(logouts["total"], 1, "{logouts}");
    assert_eq!(logouts["items"][0]["actor"], "huicheng");
}

// ---- 3. person validation ----

async fn person_validation(app: &TestApp) {
    let c = app.login("huicheng").await;
    let before = app.count("persons").await;
    assert_eq!(before, SEED_PERSONS as i64);
    let unchanged = || async { assert_eq!(app.count("persons").await, before, "nothing may be stored") };

    // wrong check digit
    let bad = bad_id_number("440705", "19870615", 22);
    assert_error(&c.post("/api/v1/persons", &person(YAN_NAME, &bad, BEIMEN)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("id_number"));
    unchanged().await;

    // no ID number: 30 February
    let foreigner = |birth: &str| {
        json!({"alt_id_type": "passport", "alt_id": "E12345678", "name": "John Smith", "gender": "male", "birth_date": birth, "region_code": BEIMEN})
    };
    assert_error(&c.post("/api/v1/persons", &foreigner("2001-02-30")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("birth_date"));
    unchanged().await;
    // birth date in the future
    let tomorrow = (app.today + chrono::Duration::days(1)).to_string();
    assert_error(&c.post("/api/v1/persons", &foreigner(&tomorrow)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("birth_date"));
    unchanged().await;
    // an ID number whose birth date is in the future
    let next_year = (app.today + chrono::Duration::days(400)).format("%Y%m%d").to_string();
    assert_error(&c.post("/api/v1/persons", &person(YAN_NAME, &id_number("440705", &next_year, 22), BEIMEN)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("id_number"));
    unchanged().await;

    // a well-formed village code that does not exist
    assert_error(&c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), "440705001999")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region_code"));
    unchanged().await;
    // a town is not a residence
    assert_error(&c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), HUICHENG)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region_code"));
    unchanged().await;
    // a village outside the account's region
    assert_error(&c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), SIQIAN_VILLAGE)).await, StatusCode::FORBIDDEN, "forbidden", None);
    unchanged().await;

    // malformed JSON
    let a = c.post_raw("/api/v1/persons", "application/json", br#"{"name": "x", "id_number": "#.to_vec()).await;
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_request", None);
    unchanged().await;

    // 20 MB
    let mut big = person(YAN_NAME, &yan_id(), BEIMEN);
    big["ethnicity"] = Value::String("汉".repeat(20 * 1024 * 1024 / 3));
    let bytes = serde_json::to_vec(&big).expect("json");
    assert!(bytes.len() > 20_000_000);
    let a = c.post_streaming("/api/v1/persons", "application/json", bytes).await;
    assert_error(&a, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", None);
    unchanged().await;

    // a wrong type names the field
    let mut wrong = person(YAN_NAME, &yan_id(), BEIMEN);
    wrong["orphan"] = json!("yes");
    assert_error(&c.post("/api/v1/persons", &wrong).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("orphan"));
    unchanged().await;
    let mut wrong = person(YAN_NAME, &yan_id(), BEIMEN);
    wrong["alive"] = json!(1);
    assert_error(&c.post("/api/v1/persons", &wrong).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("alive"));
    unchanged().await;

    // a given gender contradicting the ID (sequence 022 is even: female)
    let mut contra = person(YAN_NAME, &yan_id(), BEIMEN);
    contra["gender"] = json!("male");
    assert_error(&c.post("/api/v1/persons", &contra).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("gender"));
    unchanged().await;
    let mut contra = person(YAN_NAME, &yan_id(), BEIMEN);
    contra["birth_date"] = json!("1987-06-16");
    assert_error(&c.post("/api/v1/persons", &contra).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("birth_date"));
    unchanged().await;

    // valid: gender and birth date derived from the ID number
    let p = created(c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), BEIMEN)).await).await;
    assert_eq!(p["gender"], "female");
    // the answer is masked: the birth year and the age by year; the date only unmasked
    assert_eq!((p.get("birth_date"), p["birth_year"].as_i64()), (None, Some(1987)), "{p}");
    assert_eq!(p["age"], app.today.year() - 1987);
    let full = |id: &Value| {
        let c = c.clone();
        let id = id.clone();
        async move { c.get(&format!("/api/v1/persons/{id}?unmask=true")).await.1 }
    };
    let birth = NaiveDate::from_ymd_opt(1987, 6, 15).expect("date");
    let unmasked = full(&p["id"]).await;
    assert_eq!(unmasked["birth_date"], "1987-06-15");
    assert_eq!(unmasked["age"], age(birth, app.today));
    assert_eq!(p["region_code"], BEIMEN);
    assert_eq!(p["region_name"], "北门社区居委会");
    assert_eq!(p["hukou_type"], "urban", "a community of a street is urban");
    assert_eq!(p["ethnicity"], "汉族");
    assert_eq!(p["alive"], true);
    assert_eq!(p["version"], 1);
    assert!(p["id"].as_i64().is_some_and(|id| id > 0 && id < (1i64 << 53)));
    assert_eq!(app.count("persons").await, before + 1);
    // a male ID (odd sequence)
    let m = created(c.post("/api/v1/persons", &person(HUAN_NAME, &huan_id(), BEIMEN)).await).await;
    assert_eq!(m["gender"], "male");
    assert_eq!(full(&m["id"]).await["birth_date"], "1985-03-02");
    // the foreigner without ID number, now with a real date
    let f = created(c.post("/api/v1/persons", &foreigner("2001-02-28")).await).await;
    assert_eq!(f["id_number"], Value::Null);
    assert_eq!(f["alt_id_type"], "passport");
    assert_eq!(full(&f["id"]).await["birth_date"], "2001-02-28");
    assert_eq!(app.count("persons").await, before + 3);

    // duplicate ID number
    assert_error(&c.post("/api/v1/persons", &person("闫另一", &yan_id(), BEIMEN)).await, StatusCode::CONFLICT, "conflict", Some("id_number"));
    assert_eq!(app.count("persons").await, before + 3);

    // update: stale version is 409, the current one is accepted
    let id = p["id"].as_i64().expect("id");
    let mut body = person(YAN_NAME, &yan_id(), BEIMEN);
    body["phone"] = json!("13812345678");
    body["version"] = json!(1);
    let (status, updated) = c.put(&format!("/api/v1/persons/{id}"), &body).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["phone"], "138****5678");
    assert_error(&c.put(&format!("/api/v1/persons/{id}"), &body).await, StatusCode::CONFLICT, "conflict", Some("version"));
}

// ---- 4. households ----

async fn households_members_and_versions(app: &TestApp) {
    let c = app.login("huicheng").await;
    let (p0, h0) = (app.count("persons").await, app.count("households").await);
    let counts = || async { (app.count("persons").await, app.count("households").await) };
    let head = json!({"relation": "head", "person": person(YAN_NAME, &yan_id(), BEIMEN)});
    // the member's region defaults to the household's
    let spouse = json!({"relation": "spouse", "person": {"id_number": huan_id(), "name": HUAN_NAME}});

    // a bad member ID number names the member, nothing is stored
    let bad_member = json!({"relation": "spouse", "person": person(HUAN_NAME, &bad_id_number("440705", "19850302", 17), BEIMEN)});
    let body = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [head, bad_member]});
    assert_error(&c.post("/api/v1/households", &body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members[1].person.id_number"));
    assert_eq!(counts().await, (p0, h0), "no person, no household");

    // a wrong type inside a member names its path
    let mut typed = json!({"relation": "spouse", "person": person(HUAN_NAME, &huan_id(), BEIMEN)});
    typed["person"]["orphan"] = json!("yes");
    let a = c.post("/api/v1/households", &json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [head, typed]})).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members[1].person.orphan"));
    assert_eq!(counts().await, (p0, h0));

    // exactly one head
    let two_heads = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [head, {"relation": "head", "person": person(HUAN_NAME, &huan_id(), BEIMEN)}]});
    assert_error(&c.post("/api/v1/households", &two_heads).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members"));
    let no_head = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [spouse]});
    assert_error(&c.post("/api/v1/households", &no_head).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members"));
    let empty = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": []});
    assert_error(&c.post("/api/v1/households", &empty).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members"));
    assert_eq!(counts().await, (p0, h0));

    // create with an inline head and a second member
    let body = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [head, spouse]});
    let h1 = created(c.post("/api/v1/households", &body).await).await;
    assert_eq!(counts().await, (p0 + 2, h0 + 1));
    assert_eq!(h1["member_count"], 2);
    assert_eq!(h1["region_code"], BEIMEN);
    assert_eq!(h1["version"], 1);
    assert_eq!(h1["masked"], true);
    assert_eq!(h1["head_name"], "闫*霁");
    let members = h1["members"].as_array().expect("members in the detail");
    assert_eq!(members.len(), 2);
    let head_id = h1["head_person_id"].as_i64().expect("head");
    let by_relation = |ms: &[Value], r: &str| ms.iter().find(|m| m["relation"] == r).cloned().unwrap_or_else(|| panic!("{r} in {ms:?}"));
    assert_eq!(by_relation(members, "head")["person_id"], head_id);
    let spouse_id = by_relation(members, "spouse")["person_id"].as_i64().expect("spouse id");
    let (_, sp) = c.get(&format!("/api/v1/persons/{spouse_id}")).await;
    assert_eq!(sp["region_code"], BEIMEN);
    assert_eq!(sp["household_id"], h1["id"]);
    assert_eq!(sp["relation"], "spouse");
    let h1_id = h1["id"].as_i64().expect("id");

    // a person already in another household: 409 naming him, nothing stored
    let newcomer = id_number("440705", "19600101", 31);
    let body2 = |mv: bool| {
        json!({"region_code": BEIMEN, "address": "会城街道北门社区人民路2号",
               "members": [{"relation": "head", "person": person("甄新户", &newcomer, BEIMEN)}, {"relation": "spouse", "person_id": spouse_id, "move": mv}]})
    };
    assert_error(&c.post("/api/v1/households", &body2(false)).await, StatusCode::CONFLICT, "conflict", Some("members[1].person_id"));
    assert_eq!(counts().await, (p0 + 2, h0 + 1), "the inline head was not stored either");
    // a person that does not exist
    let ghost = json!({"region_code": BEIMEN, "address": "x路1号", "members": [{"relation": "head", "person_id": 999_999_999}]});
    let a = c.post("/api/v1/households", &ghost).await;
    assert_eq!(a.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.1);
    assert_eq!(a.1["error"]["field"], "members[0].person_id");

    // with move: the old household loses him
    let h2 = created(c.post("/api/v1/households", &body2(true)).await).await;
    assert_eq!(h2["member_count"], 2);
    assert_eq!(counts().await, (p0 + 3, h0 + 2));
    let (_, h1_now) = c.get(&format!("/api/v1/households/{h1_id}")).await;
    assert_eq!(h1_now["member_count"], 1);
    assert_eq!(h1_now["members"].as_array().expect("members").len(), 1);
    let (status, hist) = c.get(&format!("/api/v1/households/{h1_id}/history")).await;
    assert_eq!(status, StatusCode::OK, "{hist}");
    let hist = hist.as_array().expect("history").clone();
    assert_eq!(hist.len(), 2);
    let today = app.today.to_string();
    let entry = |pid: i64| hist.iter().find(|e| e["person_id"] == pid).cloned().expect("in history");
    assert_eq!(entry(spouse_id)["left_on"], today.as_str());
    assert_eq!(entry(spouse_id)["joined_on"], today.as_str());
    assert_eq!(entry(spouse_id)["relation"], "spouse");
    assert_eq!(entry(spouse_id)["name"], "郇*刚");
    assert_eq!(entry(head_id)["left_on"], Value::Null);
    let (_, hist2) = c.get(&format!("/api/v1/households/{}/history", h2["id"])).await;
    assert!(hist2.as_array().expect("history").iter().any(|e| e["person_id"] == spouse_id && e["left_on"].is_null()));

    // PUT: the current version is accepted, a stale one is 409
    let put = |version: i64, members: Value| json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路10号", "members": members, "version": version});
    let (status, v2) = c.put(&format!("/api/v1/households/{h1_id}"), &put(1, json!([{"person_id": head_id, "relation": "head"}]))).await;
    assert_eq!(status, StatusCode::OK, "{v2}");
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["member_count"], 1);
    let stale = c.put(&format!("/api/v1/households/{h1_id}"), &put(1, json!([{"person_id": head_id, "relation": "head"}]))).await;
    assert_error(&stale, StatusCode::CONFLICT, "conflict", Some("version"));
    // an update without a head is refused
    let headless = c.put(&format!("/api/v1/households/{h1_id}"), &put(2, json!([{"person_id": head_id, "relation": "spouse"}]))).await;
    assert_error(&headless, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("members"));
    let (_, still) = c.get(&format!("/api/v1/households/{h1_id}")).await;
    assert_eq!(still["version"], 2, "the refused update changed nothing");
    assert_eq!(still["members"][0]["relation"], "head");
    // removing a member through PUT ends his membership
    let (_, h2_detail) = c.get(&format!("/api/v1/households/{}", h2["id"])).await;
    let h2_head = h2_detail["head_person_id"].as_i64().expect("head");
    let (status, h2v2) = c.put(&format!("/api/v1/households/{}", h2["id"]), &put(h2_detail["version"].as_i64().expect("v"), json!([{"person_id": h2_head, "relation": "head"}]))).await;
    assert_eq!(status, StatusCode::OK, "{h2v2}");
    assert_eq!(h2v2["member_count"], 1);
    let (_, hist2) = c.get(&format!("/api/v1/households/{}/history", h2["id"])).await;
    assert!(hist2.as_array().expect("history").iter().any(|e| e["person_id"] == spouse_id && e["left_on"] == today.as_str()));
    let (_, sp) = c.get(&format!("/api/v1/persons/{spouse_id}")).await;
    assert_eq!(sp["household_id"], Value::Null);
}

// ---- 5. search ----

async fn search(app: &TestApp) {
    let c = app.login("huicheng").await;
    let p = created(c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), BEIMEN)).await).await;
    let id = p["id"].as_i64().expect("id");
    let found = |q: &str| {
        let c = c.clone();
        let q = q.to_owned();
        async move {
            let (status, page) = c.get(&format!("/api/v1/persons?q={}&page_size=200", urlencode(&q))).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            page
        }
    };
    // pinyin initials (no generated name has them)
    for q in ["yxj", "YXJ", "yx"] {
        let page = found(q).await;
        assert!(ids(&page).contains(&id), "q={q}: {page}");
    }
    assert_eq!(found("yxj").await["total"], 1);
    // ID number prefix (birth date and sequence make it unique) and full number; a prefix that
    // reaches into the birth date needs the unmasked view (it would tell the date otherwise)
    let prefix = &yan_id()[..15];
    assert_error(&c.get(&format!("/api/v1/persons?q={prefix}")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("q"));
    assert_eq!(ids(&c.get(&format!("/api/v1/persons?q={prefix}&unmask=true")).await.1), vec![id]);
    assert_eq!(ids(&found(&yan_id()).await), vec![id]);
    // every hit of a short prefix starts with it
    let (_, page) = c.get("/api/v1/persons?q=4407051987&unmask=true&page_size=200").await;
    assert!(ids(&page).contains(&id));
    for item in page["items"].as_array().expect("items") {
        assert!(item["id_number"].as_str().expect("id").starts_with("4407051987"), "{item}");
    }
    // name substrings
    assert_eq!(ids(&found("雪霁").await), vec![id]);
    assert_eq!(ids(&found("闫雪").await), vec![id]);
    assert_eq!(found("闫雪霁霁").await["total"], 0);

    // households: found by a (non-head) member's initials
    let body = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号",
        "members": [{"relation": "head", "person": person(HUAN_NAME, &huan_id(), BEIMEN)}, {"relation": "spouse", "person_id": id}]});
    let h = created(c.post("/api/v1/households", &body).await).await;
    let (status, hs) = c.get("/api/v1/households?q=yxj").await;
    assert_eq!(status, StatusCode::OK, "{hs}");
    assert_eq!(ids(&hs), vec![h["id"].as_i64().expect("id")]);
    let (_, hs) = c.get("/api/v1/households?q=hzg").await;
    assert_eq!(ids(&hs), vec![h["id"].as_i64().expect("id")]);
    assert_eq!(hs["items"][0]["member_count"], 2);
    assert!(hs["items"][0].get("members").is_none(), "members only in the detail answer");
    let (_, hs) = c.get(&format!("/api/v1/households?q={}&unmask=true", &yan_id()[..15])).await;
    assert_eq!(ids(&hs), vec![h["id"].as_i64().expect("id")]);

    // filters: region, gender and age
    let (_, page) = c.get("/api/v1/persons?q=yxj&gender=male").await;
    assert_eq!(page["total"], 0);
    let a = age(NaiveDate::from_ymd_opt(1987, 6, 15).expect("date"), app.today);
    // (ages to the day: the unmasked view; a masked one counts by year, see tests/privacy)
    let (_, page) = c.get(&format!("/api/v1/persons?q=yxj&age_min={a}&age_max={a}&region={BEIMEN}&unmask=true")).await;
    assert_eq!(ids(&page), vec![id]);
    let (_, page) = c.get(&format!("/api/v1/persons?q=yxj&age_min={}&unmask=true", a + 1)).await;
    assert_eq!(page["total"], 0);
    // a bad query value is 400
    assert_error(&c.get("/api/v1/persons?age_min=old").await, StatusCode::BAD_REQUEST, "bad_request", None);
    // paging: the region's total matches the generated population of 会城街道 (+ the 2 created)
    let (pn, _) = seeded_under(app, "440705001");
    let (_, page) = c.get("/api/v1/persons?page=2&page_size=7").await;
    assert_eq!(page["total"], pn + 2);
    assert_eq!(page["page"], 2);
    assert_eq!(page["page_size"], 7);
    assert_eq!(page["items"].as_array().expect("items").len(), 7);
    let (_, page) = c.get("/api/v1/persons?page_size=100000").await;
    assert_eq!(page["page_size"], 200, "page_size is capped at 200");
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

// ---- 6. region scope ----

async fn region_scope(app: &TestApp) {
    let huicheng = app.login("huicheng").await;
    let siqian = app.login("siqian").await;
    let district = app.login("district").await;
    let body = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号",
        "members": [{"relation": "head", "person": person(YAN_NAME, &yan_id(), BEIMEN)}]});
    let h = created(huicheng.post("/api/v1/households", &body).await).await;
    let hid = h["id"].as_i64().expect("id");
    let pid = h["head_person_id"].as_i64().expect("head");

    for c in [&huicheng, &district] {
        let (_, page) = c.get("/api/v1/households?q=yxj").await;
        assert_eq!(ids(&page), vec![hid]);
        let (status, _) = c.get(&format!("/api/v1/households/{hid}")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = c.get(&format!("/api/v1/persons/{pid}")).await;
        assert_eq!(status, StatusCode::OK);
    }
    // siqian sees nothing of it
    let (_, page) = siqian.get("/api/v1/households?q=yxj").await;
    assert_eq!(page["total"], 0);
    let (_, page) = siqian.get("/api/v1/persons?q=yxj").await;
    assert_eq!(page["total"], 0);
    let (_, page) = siqian.get(&format!("/api/v1/persons?q={}", yan_id())).await;
    assert_eq!(page["total"], 0);
    assert_error(&siqian.get(&format!("/api/v1/households/{hid}")).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&siqian.get(&format!("/api/v1/households/{hid}/history")).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&siqian.get(&format!("/api/v1/persons/{pid}")).await, StatusCode::NOT_FOUND, "not_found", None);
    // PUT into its own region still must not reveal or touch the record
    let put = json!({"region_code": SIQIAN_VILLAGE, "address": "司前镇新建村1号", "members": [{"person_id": pid, "relation": "head"}], "version": 1});
    assert_error(&siqian.put(&format!("/api/v1/households/{hid}"), &put).await, StatusCode::NOT_FOUND, "not_found", None);
    let mut pbody = person(YAN_NAME, &yan_id(), SIQIAN_VILLAGE);
    pbody["version"] = json!(1);
    assert_error(&siqian.put(&format!("/api/v1/persons/{pid}"), &pbody).await, StatusCode::NOT_FOUND, "not_found", None);
    let (_, unchanged) = huicheng.get(&format!("/api/v1/households/{hid}")).await;
    assert_eq!(unchanged["version"], 1);
    assert_eq!(unchanged["region_code"], BEIMEN);
    // region filters outside the scope
    for path in ["/api/v1/persons?region=440705001", "/api/v1/households?region=440705001", "/api/v1/stats/population?region=440705001", "/api/v1/persons/export?region=440705001", "/api/v1/regions?parent=440705001"] {
        assert_error(&siqian.get(path).await, StatusCode::FORBIDDEN, "forbidden", None);
    }
    assert_error(&siqian.get("/api/v1/regions/440705001000").await, StatusCode::NOT_FOUND, "not_found", None);
    // siqian cannot register someone in 会城
    let a = siqian.post("/api/v1/persons", &person(HUAN_NAME, &huan_id(), BEIMEN)).await;
    assert_error(&a, StatusCode::FORBIDDEN, "forbidden", None);

    // lists, statistics and exports count only 司前镇
    let (sp, sh) = seeded_under(app, "440705102");
    assert!(sp > 0 && sh > 0, "the seed has people in 司前镇");
    let (_, page) = siqian.get("/api/v1/persons").await;
    assert_eq!(page["total"], sp);
    let (_, page) = siqian.get("/api/v1/households").await;
    assert_eq!(page["total"], sh);
    let (status, stats) = siqian.get("/api/v1/stats/population").await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(stats["region"]["code"], SIQIAN);
    assert_eq!(stats["persons"], sp);
    assert_eq!(stats["households"], sh);
    for child in stats["by_child"].as_array().expect("by_child") {
        assert!(child["code"].as_str().expect("code").starts_with("440705102"), "{child}");
    }
    let by_child_sum: i64 = stats["by_child"].as_array().expect("by_child").iter().map(|c| c["persons"].as_i64().expect("n")).sum();
    assert_eq!(by_child_sum, sp);
    // district sees 会城 with the new household
    let (hp, hh) = seeded_under(app, "440705001");
    let (_, stats) = district.get("/api/v1/stats/population?region=440705001").await;
    assert_eq!(stats["persons"], hp + 1);
    assert_eq!(stats["households"], hh + 1);

    let (status, bytes) = siqian.get_bytes("/api/v1/persons/export").await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("export.xlsx", &bytes).expect("an xlsx");
    assert_eq!(rows[0][7], "居住地区划代码");
    assert_eq!(rows.len() as i64 - 1, sp);
    for row in &rows[1..] {
        assert!(row[7].starts_with("440705102"), "{row:?}");
        assert!(!row[7].starts_with("440705001") && !row[1].contains('闫'), "{row:?}");
    }
    let (status, bytes) = siqian.get_bytes("/api/v1/households/export").await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("export.xlsx", &bytes).expect("an xlsx");
    assert_eq!(rows.len() as i64 - 1, sh);
    for row in &rows[1..] {
        assert!(row[4].starts_with("440705102"), "{row:?}");
    }
    // the district export has everyone (2,000 + 1)
    let (_, bytes) = district.get_bytes("/api/v1/persons/export").await;
    let rows = minzheng_server::tabular::read_table("export.xlsx", &bytes).expect("an xlsx");
    assert_eq!(rows.len() as i64 - 1, SEED_PERSONS as i64 + 1);
    // masked by default
    assert!(rows[1..].iter().all(|r| r[0].contains("********")), "ID numbers are masked in exports");
    // every export is audited (the refused one is not an export)
    let auditor = app.login("auditor").await;
    let (_, exports) = auditor.get("/api/v1/audit?action=export").await;
    assert_eq!(exports["total"], 3, "{exports}");
    let actors: Vec<&str> = exports["items"].as_array().expect("items").iter().filter_map(|e| e["actor"].as_str()).collect();
    assert_eq!(actors, vec!["district", "siqian", "siqian"]);
}

// ---- 7. masking ----

async fn masking(app: &TestApp) {
    let c = app.login("huicheng").await;
    let mut body = person(YAN_NAME, &yan_id(), BEIMEN);
    body["phone"] = json!("13812345678");
    let p = created(c.post("/api/v1/persons", &body).await).await;
    let id = p["id"].as_i64().expect("id");
    let full = yan_id();
    let masked_id = format!("{}********{}", &full[..6], &full[14..]);
    assert_eq!(p["masked"], true);
    assert_eq!(p["name"], "闫*霁");

    let (_, page) = c.get("/api/v1/persons?q=yxj").await;
    let item = &page["items"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["name"], "闫*霁");
    assert_eq!(item["id_number"], masked_id.as_str());
    assert_eq!(item["phone"], "138****5678");
    assert_eq!(item["masked"], true);

    let auditor = app.login("auditor").await;
    let unmask_entries = || async { auditor.get("/api/v1/audit?action=person.unmask").await.1 };
    assert_eq!(unmask_entries().await["total"], 0);

    let (status, page) = c.get("/api/v1/persons?q=yxj&unmask=true").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let item = &page["items"][0];
    assert_eq!(item["name"], YAN_NAME);
    assert_eq!(item["id_number"], full.as_str());
    assert_eq!(item["phone"], "13812345678");
    assert_eq!(item["masked"], false);
    let entries = unmask_entries().await;
    assert_eq!(entries["total"], 1, "{entries}");
    assert_eq!(entries["items"][0]["actor"], "huicheng");
    assert_eq!(entries["items"][0]["entity"], "person");
    assert!(entries["items"][0]["entity_id"].as_str().expect("ids").split(',').any(|x| x == id.to_string()), "{entries}");

    let (_, detail) = c.get(&format!("/api/v1/persons/{id}?unmask=true")).await;
    assert_eq!(detail["name"], YAN_NAME);
    assert_eq!(detail["masked"], false);
    assert_eq!(unmask_entries().await["total"], 2);
    let (_, detail) = c.get(&format!("/api/v1/persons/{id}")).await;
    assert_eq!(detail["id_number"], masked_id.as_str());
    assert_eq!(unmask_entries().await["total"], 2, "a masked read is not an unmask");

    // the village worker may unmask too
    let beimen = app.login("beimen").await;
    let (status, page) = beimen.get("/api/v1/persons?q=yxj&unmask=true").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"][0]["name"], YAN_NAME);

    // auditor and admin may read masked data but neither unmask nor write
    for user in ["auditor", "admin"] {
        let u = app.login(user).await;
        let (status, page) = u.get("/api/v1/persons?q=yxj").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["items"][0]["name"], "闫*霁");
        assert_error(&u.get("/api/v1/persons?q=yxj&unmask=true").await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&u.get(&format!("/api/v1/persons/{id}?unmask=true")).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&u.get("/api/v1/persons/export?unmask=true").await, StatusCode::FORBIDDEN, "forbidden", None);
        let before = app.count("persons").await;
        assert_error(&u.post("/api/v1/persons", &person(HUAN_NAME, &huan_id(), BEIMEN)).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_eq!(app.count("persons").await, before);
    }
    assert_eq!(unmask_entries().await["total"], 3);

    // households are masked as well
    let hbody = json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号",
        "members": [{"relation": "head", "person_id": id}]});
    let h = created(c.post("/api/v1/households", &hbody).await).await;
    assert_eq!(h["head_name"], "闫*霁");
    let addr = h["address"].as_str().expect("address");
    assert!(addr.starts_with("会城") && addr.contains('*') && !addr.contains("中山路8号"), "{addr}");
    assert_eq!(h["members"][0]["id_number"], masked_id.as_str());
    let (_, hu) = c.get(&format!("/api/v1/households/{}?unmask=true", h["id"])).await;
    assert_eq!(hu["address"], "会城街道北门社区中山路8号");
    assert_eq!(hu["members"][0]["name"], YAN_NAME);
    let (_, hunmask) = auditor.get("/api/v1/audit?action=household.unmask").await;
    assert_eq!(hunmask["total"], 1);
}

// ---- 8. statistics ----

async fn statistics(app: &TestApp) {
    let today = app.today;
    let people: Vec<_> = app.seeded.iter().flat_map(|h| h.members.iter().map(|m| &m.person)).collect();
    let persons = people.len() as i64;
    assert_eq!(persons, SEED_PERSONS as i64);
    let alive: Vec<_> = people.iter().filter(|p| p.alive).collect();
    let households = app.seeded.len() as i64;
    let aged = |years: i32| alive.iter().filter(|p| age(p.birth_date, today) >= years).count() as i64;
    let disabled: Vec<_> = alive.iter().filter_map(|p| p.disability.as_ref()).collect();
    let mut by_kind: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_grade: BTreeMap<i64, i64> = BTreeMap::new();
    for d in &disabled {
        *by_kind.entry(d.kind.as_str().to_owned()).or_default() += 1;
        *by_grade.entry(i64::from(d.grade.get())).or_default() += 1;
    }
    let mut pyramid: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
    for p in &alive {
        let band = (age(p.birth_date, today) as usize / 5).min(20);
        let e = pyramid.entry(band).or_default();
        if p.gender == minzheng_core::registry::person::Gender::Male { e.0 += 1 } else { e.1 += 1 }
    }

    let c = app.login("district").await;
    let (status, s) = c.get("/api/v1/stats/population").await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["region"]["code"], COUNTY);
    assert_eq!(s["region"]["name"], "新会区");
    assert_eq!(s["region"]["level"], "county");
    assert_eq!(s["as_of"], today.to_string());
    assert_eq!(s["persons"], persons);
    assert_eq!(s["alive"], alive.len() as i64);
    assert_eq!(s["households"], households);
    let avg = (persons as f64 / households as f64 * 10.0).round() / 10.0;
    assert!((s["avg_household_size"].as_f64().expect("avg") - avg).abs() < 1e-9, "{} vs {avg}", s["avg_household_size"]);
    assert_eq!(s["elderly"]["60"], aged(60));
    assert_eq!(s["elderly"]["80"], aged(80));
    assert_eq!(s["elderly"]["90"], aged(90));
    assert_eq!(s["elderly"]["100"], aged(100));
    assert!(aged(60) > 100, "a plausible share of elderly: {}", aged(60));
    assert_eq!(s["disability"]["total"], disabled.len() as i64);
    assert!(!disabled.is_empty());
    let got_kinds: BTreeMap<String, i64> = s["disability"]["by_kind"].as_array().expect("by_kind").iter().map(|k| (k["kind"].as_str().expect("kind").to_owned(), k["count"].as_i64().expect("n"))).collect();
    assert_eq!(got_kinds, by_kind);
    let got_grades: BTreeMap<i64, i64> = s["disability"]["by_grade"].as_array().expect("by_grade").iter().map(|k| (k["grade"].as_i64().expect("grade"), k["count"].as_i64().expect("n"))).collect();
    assert_eq!(got_grades, by_grade);
    let kg_sum: i64 = s["disability"]["by_kind_grade"].as_array().expect("kg").iter().map(|k| k["count"].as_i64().expect("n")).sum();
    assert_eq!(kg_sum, disabled.len() as i64);
    let bands = s["age_pyramid"].as_array().expect("pyramid");
    assert_eq!(bands.len(), 21);
    assert_eq!(bands[0]["band"], "0-4");
    assert_eq!(bands[20]["band"], "100+");
    for (i, b) in bands.iter().enumerate() {
        let (m, f) = pyramid.get(&i).copied().unwrap_or_default();
        assert_eq!((b["male"].as_i64().expect("m"), b["female"].as_i64().expect("f")), (m, f), "band {}", b["band"]);
    }
    // by town: every town of the district listed, summing to the whole
    let by_child = s["by_child"].as_array().expect("by_child");
    let sum: i64 = by_child.iter().map(|c| c["persons"].as_i64().expect("n")).sum();
    assert_eq!(sum, persons);
    let hsum: i64 = by_child.iter().map(|c| c["households"].as_i64().expect("n")).sum();
    assert_eq!(hsum, households);
    let huicheng = by_child.iter().find(|c| c["code"] == HUICHENG).expect("会城街道 in by_child");
    let (hp, hh) = seeded_under(app, "440705001");
    assert_eq!(huicheng["persons"], hp);
    assert_eq!(huicheng["households"], hh);
    let e60 = app.seeded.iter().filter(|h| h.region.as_str().starts_with("440705001")).flat_map(|h| &h.members).filter(|m| m.person.alive && age(m.person.birth_date, today) >= 60).count() as i64;
    assert_eq!(huicheng["name"], "会城街道");
    assert_eq!(huicheng["elderly_60"], e60);

    // a town's statistics group by village; the same figures as the district's view of it
    let town = app.login("huicheng").await;
    let (_, t) = town.get("/api/v1/stats/population").await;
    assert_eq!(t["region"]["code"], HUICHENG);
    assert_eq!(t["persons"], hp);
    assert!(t["by_child"].as_array().expect("villages").iter().all(|v| v["code"].as_str().expect("code").starts_with("440705001")));
    let (_, t2) = c.get("/api/v1/stats/population?region=440705001000").await;
    assert_eq!(t2["persons"], t["persons"]);
    assert_eq!(t2["elderly"], t["elderly"]);
    // a death leaves the counts of persons but not of the living
    let auditor = app.login("auditor").await;
    let (status, a) = auditor.get("/api/v1/stats/population").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(a["persons"], persons);
}

// ---- 9. imports ----

const PERSON_HEADER: &str = "身份证号,姓名,性别,出生日期,民族,联系电话,户籍地区划代码,居住地区划代码,户籍类型,残疾类别,残疾等级,残疾证号,优抚类别,孤儿";

async fn imports(app: &TestApp) {
    let c = app.login("huicheng").await;
    let good = id_number("440705", "19900101", 13);
    let bad = bad_id_number("440705", "19900102", 13);
    let csv = format!("{PERSON_HEADER}\n{good},甄导入,,,汉族,,,{BEIMEN},,,,,,否\n{bad},甄错误,,,汉族,,,{BEIMEN},,,,,,否\n");
    let persons0 = app.count("persons").await;
    let jobs0 = app.count("import_jobs").await;

    // CSRF: a multipart POST without X-Requested-With is refused
    let a = c.upload("persons", "valid_only", "persons.csv", csv.clone().into_bytes(), false).await;
    assert_error(&a, StatusCode::FORBIDDEN, "forbidden", None);
    assert_eq!(app.count("import_jobs").await, jobs0);

    // all or nothing: rejected, nothing stored
    let (status, job) = c.upload("persons", "all_or_nothing", "persons.csv", csv.clone().into_bytes(), true).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["status"], "rejected", "{job}");
    assert_eq!(job["kind"], "persons");
    assert_eq!(job["mode"], "all_or_nothing");
    assert_eq!(job["total"], 2);
    assert_eq!(job["inserted"], 0);
    assert_eq!(job["failed_rows"], 1);
    let errors = job["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{job}");
    assert_eq!(errors[0]["row"], 3);
    assert_eq!(errors[0]["field"], "身份证号");
    assert_eq!(app.count("persons").await, persons0);

    // valid only: the good row is stored
    let (status, job) = c.upload("persons", "valid_only", "persons.csv", csv.clone().into_bytes(), true).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["inserted"], 1);
    assert_eq!(job["failed_rows"], 1);
    assert_eq!(job["percent"], 100);
    let errors = job["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{job}");
    assert_eq!(errors[0]["row"], 3);
    assert_eq!(errors[0]["field"], "身份证号");
    assert!(errors[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(app.count("persons").await, persons0 + 1);
    let (_, page) = c.get(&format!("/api/v1/persons?q={good}&unmask=true")).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["name"], "甄导入");
    assert_eq!(page["items"][0]["gender"], "male");
    assert_eq!(page["items"][0]["birth_date"], "1990-01-01");
    // the same file again: the good row is now a duplicate
    let (_, job) = c.upload("persons", "valid_only", "persons.csv", csv.clone().into_bytes(), true).await;
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["inserted"], 0, "{job}");
    assert_eq!(job["failed_rows"], 2);
    assert_eq!(app.count("persons").await, persons0 + 1);

    // a GBK file (as Excel saves it on Chinese Windows)
    let gbk_id = id_number("440705", "19900103", 23);
    let gbk_csv = format!("{PERSON_HEADER}\n{gbk_id},甄国标,,,汉族,,,{BEIMEN},,,,,,否\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_csv);
    let (_, job) = c.upload("persons", "all_or_nothing", "gbk.csv", gbk.into_owned(), true).await;
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["inserted"], 1);
    let (_, page) = c.get("/api/v1/persons?q=甄国标").await;
    assert_eq!(page["total"], 1);

    // households: rows sharing 户编号 make one household
    let households0 = app.count("households").await;
    let header = format!("{PERSON_HEADER},户编号,与户主关系,家庭住址");
    let ids = [id_number("440705", "19700101", 15), id_number("440705", "19720202", 26), id_number("440705", "20000303", 37), id_number("440705", "19800101", 19)];
    let hcsv = format!(
        "{header}\n{},甄户主,,,汉族,,,{BEIMEN},,,,,,否,A1,户主,会城街道北门社区中山路99号\n{},甄妻子,,,汉族,,,{BEIMEN},,,,,,否,A1,妻子,\n{},甄儿子,,,汉族,,,{BEIMEN},,,,,,否,A1,子,\n{},甄独居,,,汉族,,,{BEIMEN},,,,,,否,B2,户主,会城街道北门社区中山路100号\n",
        ids[0], ids[1], ids[2], ids[3]
    );
    let (_, job) = c.upload("households", "all_or_nothing", "households.csv", hcsv.into_bytes(), true).await;
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["inserted"], 4);
    assert_eq!(app.count("households").await, households0 + 2);
    let (_, hs) = c.get(&format!("/api/v1/households?q={}&unmask=true", ids[1])).await;
    assert_eq!(hs["total"], 1, "{hs}");
    let h = &hs["items"][0];
    assert_eq!(h["member_count"], 3);
    assert_eq!(h["head_name"], "甄户主");
    assert_eq!(h["region_code"], BEIMEN);
    assert_eq!(h["address"], "会城街道北门社区中山路99号");
    let (_, detail) = c.get(&format!("/api/v1/households/{}", h["id"])).await;
    let relations: BTreeSet<String> = detail["members"].as_array().expect("members").iter().map(|m| m["relation"].as_str().expect("rel").to_owned()).collect();
    assert_eq!(relations, [Relation::Head, Relation::Spouse, Relation::Child].iter().map(|r| r.as_str().to_owned()).collect());
    // a household with two heads is refused whole (all its rows are reported)
    let twoheads = format!(
        "{header}\n{},甄甲,,,汉族,,,{BEIMEN},,,,,,否,C3,户主,地址1号\n{},甄乙,,,汉族,,,{BEIMEN},,,,,,否,C3,户主,\n",
        id_number("440705", "19700105", 15),
        id_number("440705", "19700106", 15)
    );
    let (_, job) = c.upload("households", "valid_only", "h2.csv", twoheads.into_bytes(), true).await;
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["inserted"], 0, "{job}");
    assert_eq!(job["failed_rows"], 2);
    let rows: Vec<i64> = job["errors"].as_array().expect("errors").iter().map(|e| e["row"].as_i64().expect("row")).collect();
    assert_eq!(rows, vec![2, 3]);
    assert_eq!(app.count("households").await, households0 + 2);

    // a row outside the account's region is an error of that row
    let outside = format!("{PERSON_HEADER}\n{},甄外镇,,,汉族,,,{SIQIAN_VILLAGE},,,,,,否\n", id_number("440705", "19700107", 15));
    let (_, job) = c.upload("persons", "valid_only", "o.csv", outside.into_bytes(), true).await;
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["inserted"], 0, "{job}");
    assert_eq!(job["errors"][0]["row"], 2);
    assert_eq!(job["errors"][0]["field"], "居住地区划代码");

    // bad form fields
    let a = c.upload("people", "valid_only", "persons.csv", csv.clone().into_bytes(), true).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("kind"));
    let a = c.upload("persons", "sometimes", "persons.csv", csv.clone().into_bytes(), true).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("mode"));
    let a = c.upload("persons", "valid_only", "persons.pdf", csv.into_bytes(), true).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
    // the template is an .xlsx with the documented headers
    let (status, bytes) = c.get_bytes("/api/v1/imports/template?kind=households").await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("t.xlsx", &bytes).expect("xlsx");
    let expected: Vec<&str> = PERSON_HEADER.split(',').chain(["户编号", "与户主关系", "家庭住址"]).collect();
    assert_eq!(rows[0], expected);
    // other towns do not see the jobs; roles without person.import may not import
    let siqian = app.login("siqian").await;
    assert_error(&siqian.get(&format!("/api/v1/imports/{}", job["id"])).await, StatusCode::NOT_FOUND, "not_found", None);
    let beimen = app.login("beimen").await;
    let a = beimen.upload("persons", "valid_only", "persons.csv", format!("{PERSON_HEADER}\n").into_bytes(), true).await;
    assert_error(&a, StatusCode::FORBIDDEN, "forbidden", None);
}

// ---- 10. accounts ----

async fn accounts(app: &TestApp) {
    let admin = app.login("admin").await;
    let (status, list) = admin.get("/api/v1/accounts").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let names: BTreeSet<&str> = list.as_array().expect("accounts").iter().filter_map(|a| a["username"].as_str()).collect();
    assert_eq!(names, ACCOUNTS.iter().map(|a| a.0).collect());
    assert!(list.as_array().expect("accounts").iter().all(|a| a.get("password_hash").is_none()));

    let body = |username: &str, password: &str| {
        json!({"username": username, "display_name": "司前镇民政办二", "password": password, "role": "town_officer", "region_code": SIQIAN})
    };
    let (status, acc) = admin.post("/api/v1/accounts", &body("siqian2", "Siqian2026ok")).await;
    assert_eq!(status, StatusCode::CREATED, "{acc}");
    assert_eq!(acc["username"], "siqian2");
    assert_eq!(acc["role"], "town_officer");
    assert_eq!(acc["region_code"], SIQIAN);
    assert_eq!(acc["region_name"], "司前镇");
    assert_eq!(acc["active"], true);
    let s2 = app.login_with("siqian2", "Siqian2026ok").await;
    let (_, me) = s2.get("/api/v1/auth/me").await;
    assert_eq!(me["region_code"], SIQIAN);
    assert_eq!(me["role"], "town_officer");
    let (sp, _) = seeded_under(app, "440705102");
    let (_, page) = s2.get("/api/v1/persons").await;
    assert_eq!(page["total"], sp);

    // weak passwords, duplicates, bad fields
    for weak in ["short1", "abcdefghij", "1234567890"] {
        assert_error(&admin.post("/api/v1/accounts", &body("siqian3", weak)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("password"));
    }
    assert_error(&admin.post("/api/v1/accounts", &body("siqian", "Siqian2026ok")).await, StatusCode::CONFLICT, "conflict", Some("username"));
    let mut bad_role = body("siqian4", "Siqian2026ok");
    bad_role["role"] = json!("king");
    assert_error(&admin.post("/api/v1/accounts", &bad_role).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("role"));
    let mut bad_region = body("siqian5", "Siqian2026ok");
    bad_region["region_code"] = json!("440705199000");
    assert_error(&admin.post("/api/v1/accounts", &bad_region).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region_code"));
    let (_, list) = admin.get("/api/v1/accounts").await;
    assert_eq!(list.as_array().expect("accounts").len(), ACCOUNTS.len() + 1);

    // deactivate: the account can no longer log in
    let id = acc["id"].as_i64().expect("id");
    let (status, upd) = admin.put(&format!("/api/v1/accounts/{id}"), &json!({"display_name": "停用", "role": "town_officer", "region_code": SIQIAN, "active": false})).await;
    assert_eq!(status, StatusCode::OK, "{upd}");
    assert_eq!(upd["active"], false);
    let a = app.anonymous().post("/api/v1/auth/login", &json!({"username": "siqian2", "password": "Siqian2026ok"})).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "unauthorized", None);

    // other roles may not manage accounts
    for user in ["district", "huicheng", "auditor"] {
        let u = app.login(user).await;
        assert_error(&u.get("/api/v1/accounts").await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&u.post("/api/v1/accounts", &body("sneaky", "Sneaky2026ok")).await, StatusCode::FORBIDDEN, "forbidden", None);
    }
    let (_, list) = admin.get("/api/v1/accounts").await;
    assert_eq!(list.as_array().expect("accounts").len(), ACCOUNTS.len() + 1);
}

// ---- 11. audit ----

async fn audit_chain(app: &TestApp) {
    let c = app.login("huicheng").await;
    let p = created(c.post("/api/v1/persons", &person(YAN_NAME, &yan_id(), BEIMEN)).await).await;
    let h = created(
        c.post("/api/v1/households", &json!({"region_code": BEIMEN, "address": "会城街道北门社区中山路8号", "members": [{"relation": "head", "person_id": p["id"]}]}))
            .await,
    )
    .await;
    let auditor = app.login("auditor").await;
    let (status, page) = auditor.get("/api/v1/audit?action=person.create").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["total"], 1);
    let e = &page["items"][0];
    assert_eq!(e["actor"], "huicheng");
    assert_eq!(e["action"], "person.create");
    assert_eq!(e["entity"], "person");
    assert_eq!(e["entity_id"], p["id"].as_i64().expect("id").to_string());
    assert_eq!(e["region_code"], BEIMEN);
    assert_eq!(e["ip"], "127.0.0.1");
    assert_eq!(e["hash"].as_str().expect("hash").len(), 64);
    let (_, page) = auditor.get("/api/v1/audit?action=household.create").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["entity_id"], h["id"].as_i64().expect("id").to_string());
    assert_eq!(page["items"][0]["actor"], "huicheng");
    // newest first, chained
    let (_, all) = auditor.get("/api/v1/audit?page_size=200").await;
    let items = all["items"].as_array().expect("items");
    let seqs: Vec<i64> = items.iter().map(|e| e["seq"].as_i64().expect("seq")).collect();
    assert!(seqs.windows(2).all(|w| w[0] > w[1]), "{seqs:?}");
    for w in items.windows(2) {
        if w[0]["seq"].as_i64() == w[1]["seq"].as_i64().map(|s| s + 1) {
            assert_eq!(w[0]["prev_hash"], w[1]["hash"]);
        }
    }
    let (_, by_actor) = auditor.get("/api/v1/audit?actor=huicheng").await;
    // login, person.create, household.create
    assert_eq!(by_actor["total"], 3, "{by_actor}");
    // a town's view of the audit log is not for town officers
    assert_error(&c.get("/api/v1/audit").await, StatusCode::FORBIDDEN, "forbidden", None);
    assert_error(&c.get("/api/v1/audit/export").await, StatusCode::FORBIDDEN, "forbidden", None);
    // the export holds the same entries, newest first, and is itself audited
    let (status, bytes) = auditor.get_bytes("/api/v1/audit/export?actor=huicheng").await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("audit.xlsx", &bytes).expect("an xlsx");
    assert_eq!(rows[0][0], "序号");
    let actions: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    // (the two refused reads just above are audited too: request.refused)
    assert_eq!(actions, ["request.refused", "request.refused", "household.create", "person.create", "login"]);
    let (_, exports) = auditor.get("/api/v1/audit?action=export&entity=audit_log").await;
    assert_eq!(exports["total"], 1, "{exports}");

    let entries = app.count("audit_log").await;
    let (status, v) = auditor.get("/api/v1/audit/verify").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["entries"], entries);
    assert_eq!(v["first_broken"], Value::Null);

    sqlx::query("UPDATE audit_log SET detail = 'x' WHERE seq = 3").execute(app.store.pool()).await.expect("tamper");
    let (status, v) = auditor.get("/api/v1/audit/verify").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["first_broken"]["seq"], 3, "{v}");
    assert!(v["first_broken"]["reason"].as_str().is_some_and(|r| !r.is_empty()));
}

// ---- 12. OpenAPI ----

/// Every route the router serves under /api/v1 (crates/server/src: lib.rs, auth.rs, registry/mod.rs, admin/mod.rs,
/// assistance/mod.rs).
const ROUTER_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/health"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/auth/me"),
    ("get", "/api/v1/dict"),
    ("get", "/api/v1/regions"),
    ("post", "/api/v1/regions"),
    ("get", "/api/v1/regions/root"),
    ("get", "/api/v1/regions/{}"),
    ("get", "/api/v1/persons"),
    ("post", "/api/v1/persons"),
    ("get", "/api/v1/persons/export"),
    ("get", "/api/v1/persons/{}"),
    ("put", "/api/v1/persons/{}"),
    ("get", "/api/v1/households"),
    ("post", "/api/v1/households"),
    ("get", "/api/v1/households/export"),
    ("get", "/api/v1/households/{}"),
    ("put", "/api/v1/households/{}"),
    ("get", "/api/v1/households/{}/history"),
    ("get", "/api/v1/stats/population"),
    ("post", "/api/v1/imports"),
    ("get", "/api/v1/imports/template"),
    ("get", "/api/v1/imports/{}"),
    ("get", "/api/v1/accounts"),
    ("post", "/api/v1/accounts"),
    ("get", "/api/v1/accounts/export"),
    ("put", "/api/v1/accounts/{}"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/audit/export"),
    ("get", "/api/v1/audit/verify"),
    // 社会救助 (crates/server/src/assistance/mod.rs)
    ("get", "/api/v1/assistance/param-keys"),
    ("get", "/api/v1/assistance/params"),
    ("post", "/api/v1/assistance/params"),
    ("post", "/api/v1/assistance/params/simulate"),
    ("get", "/api/v1/assistance/standard-check"),
    ("get", "/api/v1/assistance/holidays"),
    ("post", "/api/v1/assistance/holidays"),
    ("delete", "/api/v1/assistance/holidays/{}"),
    ("get", "/api/v1/assistance/relatives"),
    ("post", "/api/v1/assistance/relatives"),
    ("delete", "/api/v1/assistance/relatives/{}"),
    ("post", "/api/v1/assistance/assess"),
    ("get", "/api/v1/assistance/applications"),
    ("post", "/api/v1/assistance/applications"),
    ("get", "/api/v1/assistance/applications/{}"),
    ("post", "/api/v1/assistance/applications/{}/actions"),
    ("post", "/api/v1/assistance/applications/{}/attachments"),
    ("get", "/api/v1/assistance/applications/{}/attachments/{}"),
    ("get", "/api/v1/assistance/notices"),
    ("post", "/api/v1/assistance/notices"),
    ("get", "/api/v1/assistance/notices/{}"),
    ("post", "/api/v1/assistance/notices/{}/objections"),
    ("post", "/api/v1/assistance/notices/{}/close"),
    ("post", "/api/v1/assistance/objections/{}/decide"),
    ("get", "/api/v1/public/notices/{}"),
    ("get", "/api/v1/assistance/cases"),
    ("get", "/api/v1/assistance/cases/{}"),
    ("post", "/api/v1/assistance/cases/{}/review"),
    ("post", "/api/v1/assistance/cases/{}/death"),
    ("post", "/api/v1/assistance/cases/{}/exit"),
    ("post", "/api/v1/assistance/payroll/preview"),
    ("get", "/api/v1/assistance/payroll/runs"),
    ("post", "/api/v1/assistance/payroll/runs"),
    ("get", "/api/v1/assistance/payroll/runs/{}"),
    ("get", "/api/v1/assistance/payroll/runs/{}/lines"),
    ("get", "/api/v1/assistance/payroll/runs/{}/bank.xlsx"),
    ("get", "/api/v1/assistance/payroll/runs/{}/bank.csv"),
    ("get", "/api/v1/assistance/payroll/runs/{}/summary.xlsx"),
    ("get", "/api/v1/assistance/stats"),
    ("get", "/api/v1/assistance/stats.xlsx"),
    ("get", "/api/v1/verification/feeds"),
    ("get", "/api/v1/verification/snapshots"),
    ("post", "/api/v1/verification/snapshots"),
    ("get", "/api/v1/verification/snapshots/{}/rejected"),
    ("post", "/api/v1/verification/feeds/{}/push"),
    ("get", "/api/v1/verification/runs"),
    ("post", "/api/v1/verification/runs"),
    ("get", "/api/v1/verification/runs/{}"),
    ("get", "/api/v1/verification/reports"),
    ("get", "/api/v1/verification/reports/{}"),
    ("get", "/api/v1/verification/flags"),
    ("post", "/api/v1/verification/flags/{}/resolve"),
    ("get", "/api/v1/verification/sampling"),
    ("post", "/api/v1/verification/sampling"),
    ("get", "/api/v1/verification/sampling/{}"),
    ("get", "/api/v1/verification/sampling/{}/items"),
    ("get", "/api/v1/verification/sampling/items/{}"),
    ("post", "/api/v1/verification/sampling/items/{}/visit"),
];

/// `/api/v1/persons/{id}` → `/api/v1/persons/{}` (parameter names differ between docs and code).
fn normalise(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches(['`', ',', '.', ')']);
    let mut out = String::new();
    let mut in_param = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(ch),
        }
    }
    out
}

/// The `METHOD /api/v1/...` routes docs/api.md names.
fn documented_routes() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md")).expect("docs/api.md");
    let mut out = BTreeSet::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '`').filter(|w| !w.is_empty()).collect();
    for w in words.windows(2) {
        if matches!(w[0], "GET" | "POST" | "PUT" | "DELETE" | "PATCH") && w[1].starts_with("/api/v1/") {
            out.insert((w[0].to_ascii_lowercase(), normalise(w[1])));
        }
    }
    out
}

async fn openapi_lists_routes(app: &TestApp) {
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with('3')), "an OpenAPI 3 document");
    let mut listed: BTreeSet<(String, String)> = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            listed.insert((method.clone(), normalise(path)));
        }
    }
    let documented = documented_routes();
    assert!(documented.len() >= 25, "docs/api.md names its routes: {documented:?}");
    let router: BTreeSet<(String, String)> = ROUTER_ROUTES.iter().chain(elderly::routes()).chain(charity::routes()).chain(plan::ROUTES).chain(privacy::ROUTES).chain(jobs::ROUTES).map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    let missing_docs: Vec<_> = documented.difference(&listed).collect();
    assert!(missing_docs.is_empty(), "documented in docs/api.md but not in the OpenAPI document: {missing_docs:?}");
    let missing_router: Vec<_> = router.difference(&listed).collect();
    assert!(missing_router.is_empty(), "served by the router but not in the OpenAPI document: {missing_router:?}");
    let undocumented: Vec<_> = router.difference(&documented).collect();
    assert!(undocumented.is_empty(), "served by the router but not in docs/api.md: {undocumented:?}");
    let phantom: Vec<_> = listed.difference(&router).collect();
    assert!(phantom.is_empty(), "in the OpenAPI document but not served: {phantom:?}");

    // and the router really serves each of them: with a session, none is the 404 of an unknown route
    let admin = app.login("admin").await;
    for (method, path) in ROUTER_ROUTES.iter().chain(elderly::routes()).chain(charity::routes()).chain(plan::ROUTES).chain(privacy::ROUTES) {
        if path.ends_with("/logout") {
            continue;
        }
        let concrete = path.replace("{}", "1");
        let req = match *method {
            "get" => admin.http.get(admin.url(&concrete)),
            "post" => admin.http.post(admin.url(&concrete)).header("X-Requested-With", "minzheng").json(&json!({})),
            "put" => admin.http.put(admin.url(&concrete)).json(&json!({})),
            "delete" => admin.http.delete(admin.url(&concrete)).header("X-Requested-With", "minzheng"),
            _ => unreachable!("{method}"),
        };
        let r = req.send().await.expect("request");
        let status = r.status();
        if status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED {
            // a record that does not exist is fine; an unknown route is not
            let body: Value = r.json().await.unwrap_or(Value::Null);
            assert!(
                status == StatusCode::NOT_FOUND && concrete.ends_with("/1") || concrete.contains("/1/"),
                "{method} {concrete}: {status} {body}"
            );
        }
    }
    // unknown API routes are JSON 404s
    assert_error(&admin.get("/api/v1/no-such-thing").await, StatusCode::NOT_FOUND, "not_found", None);
}
