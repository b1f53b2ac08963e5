//! 平安钟, 长者食堂, 养老机构 (docs/api.md, "Emergency calls, canteens and institutions") end to end
//! on both databases: the installation priority list with who is still missing, an alarm handled
//! step by step with its response time, meals with their tiered subsidies and a canteen's monthly
//! settlement, and an institution's indicators by town — every number worked out by hand.
use chrono::{Datelike, Duration, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/elderly/emergency/devices"),
    ("post", "/api/v1/elderly/emergency/devices"),
    ("get", "/api/v1/elderly/emergency/devices/{}"),
    ("put", "/api/v1/elderly/emergency/devices/{}"),
    ("post", "/api/v1/elderly/emergency/devices/{}/remove"),
    ("get", "/api/v1/elderly/emergency/priority"),
    ("get", "/api/v1/elderly/emergency/alarms"),
    ("post", "/api/v1/elderly/emergency/alarms"),
    ("get", "/api/v1/elderly/emergency/alarms/{}"),
    ("post", "/api/v1/elderly/emergency/alarms/{}/steps"),
    ("get", "/api/v1/elderly/emergency/duty"),
    ("get", "/api/v1/elderly/canteens"),
    ("post", "/api/v1/elderly/canteens"),
    ("get", "/api/v1/elderly/canteens/meals"),
    ("get", "/api/v1/elderly/canteens/settlements"),
    ("get", "/api/v1/elderly/canteens/{}"),
    ("put", "/api/v1/elderly/canteens/{}"),
    ("post", "/api/v1/elderly/canteens/{}/meals"),
    ("get", "/api/v1/elderly/canteens/{}/quote"),
    ("get", "/api/v1/elderly/canteens/{}/settlements/{}"),
    ("post", "/api/v1/elderly/canteens/{}/settlements/{}"),
    ("get", "/api/v1/elderly/institutions"),
    ("post", "/api/v1/elderly/institutions"),
    ("get", "/api/v1/elderly/institutions/indicators"),
    ("get", "/api/v1/elderly/institutions/subsidies"),
    ("post", "/api/v1/elderly/institutions/residents/{}/discharge"),
    ("get", "/api/v1/elderly/institutions/{}"),
    ("put", "/api/v1/elderly/institutions/{}"),
    ("get", "/api/v1/elderly/institutions/{}/residents"),
    ("post", "/api/v1/elderly/institutions/{}/residents"),
    ("get", "/api/v1/elderly/institutions/{}/subsidies/{}"),
    ("post", "/api/v1/elderly/institutions/{}/subsidies/{}"),
];

both!(priority_and_alarms => services_emergency_sqlite, services_emergency_postgres);
both!(canteen_meals_and_settlement => services_canteen_sqlite, services_canteen_postgres);
both!(institution_indicators => services_institution_sqlite, services_institution_postgres);

/// A birth date (YYYYMMDD) making a person `years` old today (birthday 100 days ago).
fn born(today: NaiveDate, years: i32) -> String {
    let d = today - Duration::days(100);
    let d = NaiveDate::from_ymd_opt(d.year() - years, d.month(), d.day().min(28)).expect("date");
    d.format("%Y%m%d").to_string()
}

/// Registers a person (户籍 `hukou`) through the API; returns the id.
async fn person(c: &Client, name: &str, village: &str, hukou: &str, birth: &str, seq: u16, grade: Option<u8>) -> i64 {
    let id = id_number("440705", birth, seq);
    let mut body = json!({"id_number": id, "name": name, "region_code": village, "hukou_region_code": hukou});
    if let Some(g) = grade {
        body["disability"] = json!({"kind": "physical", "grade": g, "certificate_no": format!("{id}1{g}")});
    }
    let (status, p) = c.post("/api/v1/persons", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    p["id"].as_i64().expect("person id")
}

/// An active case of `programme` covering the person (the assistance workflow is tested elsewhere;
/// here only the membership matters).
async fn enrol(app: &TestApp, programme: &str, person_id: i64, region: &str) {
    let case_id = 900_000_000 + person_id;
    let now = "2026-01-01T00:00:00.000Z";
    sqlx::query(
        "INSERT INTO cases (id, region_code, programme, household_id, application_id, head_name, status, start_month, end_month, members, monthly, one_off, facts, assessment, \
         bank_name, bank_account, review_cycle_months, next_review_on, exit_proposed, exit_reason, version, created_at, updated_at) \
         VALUES ($1, $2, $3, 0, NULL, 'x', 'active', '2025-01', NULL, 1, 0, 0, '{}', '{}', '', '', 12, '2030-01-01', 0, NULL, 1, $4, $5)",
    )
    .bind(case_id)
    .bind(region.to_owned())
    .bind(programme.to_owned())
    .bind(now)
    .bind(now)
    .execute(app.store.pool())
    .await
    .expect("case");
    sqlx::query("INSERT INTO case_members (case_id, person_id, region_code) VALUES ($1, $2, $3)").bind(case_id).bind(person_id).bind(region.to_owned()).execute(app.store.pool()).await.expect("member");
}

fn ok(answer: (StatusCode, Value), status: StatusCode) -> Value {
    assert_eq!(answer.0, status, "{}", answer.1);
    answer.1
}

fn names_of(page: &Value) -> Vec<(i64, i64, Vec<String>, bool)> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            let reasons = i["reasons"].as_array().expect("reasons").iter().map(|r| r["code"].as_str().expect("code").to_owned()).collect();
            (i["person_id"].as_i64().expect("id"), i["tier"].as_i64().expect("tier"), reasons, i["has_device"].as_bool().expect("has_device"))
        })
        .collect()
}

pub async fn priority_and_alarms(app: &TestApp) {
    let district = app.login("district").await;
    let today = app.today;
    // 禤 is a surname the generated population does not use
    let tekun = person(&district, "禤特困", BEIMEN, BEIMEN, &born(today, 70), 501, None).await;
    let ninety = person(&district, "禤九十", BEIMEN, BEIMEN, &born(today, 92), 503, None).await;
    let eighty = person(&district, "禤八五", BEIMEN, BEIMEN, &born(today, 85), 505, None).await;
    let seventy = person(&district, "禤七十", BEIMEN, BEIMEN, &born(today, 70), 507, None).await;
    let severe = person(&district, "禤重残", BEIMEN, BEIMEN, &born(today, 66), 509, Some(1)).await;
    enrol(app, "tekun", tekun, BEIMEN).await;
    enrol(app, "dibao", severe, BEIMEN).await;
    // the 70-year-old is dibao but not disabled: not on the list
    enrol(app, "dibao", seventy, BEIMEN).await;

    let list = ok(district.get("/api/v1/elderly/emergency/priority?q=禤&page_size=50").await, StatusCode::OK);
    // tier 1 oldest first (92, the 70-year-old tekun, the 66-year-old), then tier 2 (85)
    assert_eq!(
        names_of(&list),
        vec![
            (ninety, 1, vec!["aged90".into()], false),
            (tekun, 1, vec!["tekun".into()], false),
            (severe, 1, vec!["dibao_severe_disability".into()], false),
            (eighty, 2, vec!["aged80".into()], false),
        ]
    );
    assert!(list["items"][0]["name"].as_str().expect("name").contains('*'), "masked: {list}");
    assert_eq!(list["items"][0]["age"], 92);
    let tier2 = ok(district.get("/api/v1/elderly/emergency/priority?q=禤&tier=2").await, StatusCode::OK);
    assert_eq!(tier2["total"], 1);
    // the counts per tier agree with the lists
    let all1 = ok(district.get("/api/v1/elderly/emergency/priority?tier=1&region=440705001001").await, StatusCode::OK);
    let counts = ok(district.get("/api/v1/elderly/emergency/priority?region=440705001001&missing=true&tier=1").await, StatusCode::OK);
    assert_eq!(counts["counts"][0]["total"], all1["total"], "{counts}");
    assert_eq!(counts["counts"][0]["missing"], counts["total"], "{counts}");
    assert_error(&district.get("/api/v1/elderly/emergency/priority?tier=3").await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("tier"));

    // the 平安钟 operator (a registered provider of kind emergency_call)
    let op = ok(district.post("/api/v1/elderly/care/providers", &provider_body("新会平安通呼叫中心", "emergency_call", "52440705MJL0E0001")).await, StatusCode::CREATED);
    let canteen_op = ok(district.post("/api/v1/elderly/care/providers", &provider_body("某助餐社", "canteen", "52440705MJL0E0002")).await, StatusCode::CREATED);

    // installing a device for the 92-year-old takes him off the missing list
    let wrong = json!({"serial": "PAZ-0001", "person_id": ninety, "kind": "pendant", "phone": "13800138000", "provider_id": canteen_op["id"]});
    assert_error(&district.post("/api/v1/elderly/emergency/devices", &wrong).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("provider_id"));
    let body = json!({"serial": "PAZ-0001", "person_id": ninety, "kind": "pendant", "phone": "13800138000", "installed_on": today.to_string(), "provider_id": op["id"]});
    let device = ok(district.post("/api/v1/elderly/emergency/devices", &body).await, StatusCode::CREATED);
    assert_eq!(device["annual_fee"], 33000, "emergency.annual_fee default (seed 000): {device}");
    assert_eq!(device["phone"], "138****8000");
    assert_error(&district.post("/api/v1/elderly/emergency/devices", &json!({"serial": "PAZ-0002", "person_id": ninety, "kind": "watch", "phone": "13800138000"})).await, StatusCode::CONFLICT, "conflict", Some("person_id"));
    assert_error(&district.post("/api/v1/elderly/emergency/devices", &json!({"serial": "PAZ-0001", "person_id": eighty, "kind": "watch", "phone": "13800138000"})).await, StatusCode::CONFLICT, "conflict", Some("serial"));
    assert_error(&district.post("/api/v1/elderly/emergency/devices", &json!({"serial": "PAZ-0003", "person_id": eighty, "kind": "rocket", "phone": "13800138000"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("kind"));
    let missing = ok(district.get("/api/v1/elderly/emergency/priority?q=禤&missing=true").await, StatusCode::OK);
    assert_eq!(names_of(&missing).iter().map(|m| m.0).collect::<Vec<_>>(), vec![tekun, severe, eighty]);
    let with = ok(district.get("/api/v1/elderly/emergency/priority?q=禤").await, StatusCode::OK);
    assert_eq!(with["items"][0]["has_device"], true);
    assert_eq!(with["items"][0]["device_serial"], "PAZ-0001");
    // a town officer may not install
    assert_eq!(app.login("huicheng").await.post("/api/v1/elderly/emergency/devices", &json!({"serial": "X-1", "person_id": eighty, "kind": "pendant", "phone": "13800138000"})).await.0, StatusCode::FORBIDDEN);

    // an alarm raised two hours ago, handled step by step by the town officer
    let t0 = (Utc::now() - Duration::hours(2)).with_nanosecond_zero();
    let at = |s: i64| (t0 + Duration::seconds(s)).to_rfc3339();
    let alarm = ok(district.post("/api/v1/elderly/emergency/alarms", &json!({"serial": "PAZ-0001", "kind": "fall", "raised_at": at(0)})).await, StatusCode::CREATED);
    assert_eq!((alarm["status"].as_str(), alarm["version"].as_i64()), (Some("raised"), Some(1)), "{alarm}");
    let town = app.login("huicheng").await;
    let steps = format!("/api/v1/elderly/emergency/alarms/{}/steps", alarm["id"]);
    assert_error(&town.post(&steps, &json!({"step": "arrive", "at": at(30), "version": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("step"));
    let a = ok(town.post(&steps, &json!({"step": "acknowledge", "at": at(90), "version": 1})).await, StatusCode::OK);
    assert_eq!((a["status"].as_str(), a["response_seconds"].as_i64()), (Some("acknowledged"), Some(90)), "{a}");
    assert_error(&town.post(&steps, &json!({"step": "arrive", "at": at(100), "version": 2})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("step"));
    assert_error(&town.post(&steps, &json!({"step": "dispatch", "at": at(60), "version": 2})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("at"));
    ok(town.post(&steps, &json!({"step": "call_family", "at": at(120), "note": "已通知其女儿", "version": 2})).await, StatusCode::OK);
    // a second officer with the version he read: stale
    assert_error(&town.post(&steps, &json!({"step": "dispatch", "at": at(130), "version": 2})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    ok(town.post(&steps, &json!({"step": "dispatch", "at": at(150), "version": 3})).await, StatusCode::OK);
    assert_error(&town.post(&steps, &json!({"step": "close", "outcome": "hospital", "at": at(200), "version": 4})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("outcome"));
    let a = ok(town.post(&steps, &json!({"step": "arrive", "at": at(1500), "version": 4})).await, StatusCode::OK);
    assert_eq!(a["arrival_seconds"], 1500);
    let a = ok(town.post(&steps, &json!({"step": "close", "outcome": "hospital", "at": at(3600), "version": 5})).await, StatusCode::OK);
    assert_eq!((a["status"].as_str(), a["outcome"].as_str(), a["elapsed_seconds"].as_i64()), (Some("closed"), Some("hospital"), Some(3600)), "{a}");
    // the first dispatch (the family call at +120) is the dispatch time
    assert_eq!(a["dispatched_at"].as_str().map(|s| s.get(..19).unwrap_or_default().to_owned()), Some(at(120).get(..19).unwrap_or_default().to_owned()));
    assert_eq!(a["steps"].as_array().map(Vec::len), Some(6), "raise + 5 steps: {a}");
    assert_error(&town.post(&steps, &json!({"step": "close", "outcome": "other", "version": 6})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("step"));

    // a second alarm, still open, acknowledged by nobody: the duty board puts it first
    let open = ok(district.post("/api/v1/elderly/emergency/alarms", &json!({"device_id": device["id"], "kind": "sos", "raised_at": at(5400)})).await, StatusCode::CREATED);
    let duty = ok(town.get("/api/v1/elderly/emergency/duty").await, StatusCode::OK);
    assert_eq!((duty["open"].as_i64(), duty["last_24h"].as_i64()), (Some(1), Some(2)), "{duty}");
    assert_eq!(duty["alarms"][0]["id"], open["id"]);
    assert_eq!(duty["alarms"][0]["person_name"], "禤九十", "the handler sees whom to call");
    assert_eq!((duty["average_response_seconds"].as_i64(), duty["worst_response_seconds"].as_i64()), (Some(90), Some(90)), "{duty}");
    assert!(duty["longest_waiting_seconds"].as_i64().is_some_and(|s| s >= 1800 - 5), "{duty}");
    let by_status: Vec<(String, i64)> = duty["by_status"].as_array().expect("by_status").iter().map(|s| (s["status"].as_str().unwrap_or("").to_owned(), s["count"].as_i64().unwrap_or(0))).collect();
    assert!(by_status.contains(&("raised".into(), 1)) && by_status.contains(&("closed".into(), 1)), "{by_status:?}");
    // the village worker acknowledges it: 30 minutes after (+5400 → +7200 = now) — at least 1800 s
    let w = app.login("beimen").await;
    let a = ok(w.post(&format!("/api/v1/elderly/emergency/alarms/{}/steps", open["id"]), &json!({"step": "acknowledge", "version": 1})).await, StatusCode::OK);
    assert!(a["response_seconds"].as_i64().is_some_and(|s| (1795..=1900).contains(&s)), "{a}");
    let list = ok(district.get("/api/v1/elderly/emergency/alarms?open=true").await, StatusCode::OK);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["response_seconds"], a["response_seconds"]);

    // the operator's account reads its devices' alarms, masked, and handles nothing
    let admin = app.login("admin").await;
    ok(
        admin.post("/api/v1/accounts", &json!({"username": "pat_op", "display_name": "平安通", "password": PASSWORD, "role": "provider", "region_code": COUNTY, "provider_id": op["id"]})).await,
        StatusCode::CREATED,
    );
    let operator = app.login("pat_op").await;
    assert_eq!(ok(operator.get("/api/v1/elderly/emergency/devices").await, StatusCode::OK)["total"], 1);
    let theirs = ok(operator.get("/api/v1/elderly/emergency/alarms").await, StatusCode::OK);
    assert_eq!(theirs["total"], 2);
    assert!(theirs["items"][0]["person_name"].as_str().expect("name").contains('*'));
    let board = ok(operator.get("/api/v1/elderly/emergency/duty").await, StatusCode::OK);
    assert_eq!((board["open"].as_i64(), board["alarms"][0]["person_name"].as_str().map(|n| n.contains('*'))), (Some(1), Some(true)), "{board}");
    assert_eq!(operator.get("/api/v1/elderly/emergency/priority").await.0, StatusCode::FORBIDDEN);
    assert_eq!(operator.post(&format!("/api/v1/elderly/emergency/alarms/{}/steps", open["id"]), &json!({"step": "dispatch", "version": 2})).await.0, StatusCode::FORBIDDEN);
    // another operator's account sees none of them
    ok(
        admin.post("/api/v1/accounts", &json!({"username": "meal_op", "display_name": "助餐社", "password": PASSWORD, "role": "provider", "region_code": COUNTY, "provider_id": canteen_op["id"]})).await,
        StatusCode::CREATED,
    );
    let other = app.login("meal_op").await;
    assert_eq!(ok(other.get("/api/v1/elderly/emergency/alarms").await, StatusCode::OK)["total"], 0);
    assert_eq!(other.get(&format!("/api/v1/elderly/emergency/alarms/{}", open["id"])).await.0, StatusCode::NOT_FOUND);

    // removing the device puts the elder back on the missing list
    let removed = ok(district.post(&format!("/api/v1/elderly/emergency/devices/{}/remove", device["id"]), &json!({"note": "迁往外地", "version": 1})).await, StatusCode::OK);
    assert_eq!(removed["status"], "removed");
    assert_error(&district.post(&format!("/api/v1/elderly/emergency/devices/{}/remove", device["id"]), &json!({"note": "迁往外地", "version": 1})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    let missing = ok(district.get("/api/v1/elderly/emergency/priority?q=禤&missing=true").await, StatusCode::OK);
    assert_eq!(missing["total"], 4);

    // the other town sees nothing of 会城
    let siqian = app.login("siqian").await;
    assert_eq!(ok(siqian.get("/api/v1/elderly/emergency/priority?q=禤").await, StatusCode::OK)["total"], 0);
    assert_eq!(ok(siqian.get("/api/v1/elderly/emergency/devices").await, StatusCode::OK)["total"], 0);
    assert_eq!(ok(siqian.get("/api/v1/elderly/emergency/alarms").await, StatusCode::OK)["total"], 0);
    assert_eq!(ok(siqian.get("/api/v1/elderly/emergency/duty").await, StatusCode::OK)["last_24h"], 0);
    assert_eq!(siqian.get(&format!("/api/v1/elderly/emergency/alarms/{}", alarm["id"])).await.0, StatusCode::NOT_FOUND);
    assert_eq!(siqian.post(&format!("/api/v1/elderly/emergency/alarms/{}/steps", open["id"]), &json!({"step": "dispatch", "version": 2})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(siqian.get("/api/v1/elderly/emergency/priority?region=440705001001").await.0, StatusCode::FORBIDDEN);
    // writes audited
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'emergency.alarm.step'").fetch_one(app.store.pool()).await.expect("audit");
    assert_eq!(audited, 6);
}

/// A provider of stream B's register, of `kind`.
fn provider_body(name: &str, kind: &str, code17: &str) -> Value {
    json!({"name": name, "kind": kind, "credit_code": credit_code(code17), "region_code": COUNTY, "contact": "陈经理", "phone": "0750-6612345",
        "qualification": "江门市养老服务机构备案", "qualification_until": "2030-12-31", "contract_no": format!("XHMZ-{}", &code17[10..]),
        "contract_start": "2026-01-01", "contract_end": "2030-12-31"})
}

/// A unified social credit code with its GB 32100 check character (for a provider registered here).
fn credit_code(first17: &str) -> String {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let (mut w, mut sum) = (1u32, 0u32);
    for c in first17.chars() {
        sum += CHARS.find(c).unwrap_or(0) as u32 * w;
        w = w * 3 % 31;
    }
    let check = ((31 - sum % 31) % 31) as usize;
    format!("{first17}{}", &CHARS[check..=check])
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for chrono::DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).expect("0 ns")
    }
}

pub async fn canteen_meals_and_settlement(app: &TestApp) {
    let district = app.login("district").await;
    let today = app.today;
    let canteen = ok(
        district.post("/api/v1/elderly/canteens", &json!({"name": "北门长者饭堂", "region_code": BEIMEN, "address": "北门路1号", "seats": 40, "meal_price": 1200})).await,
        StatusCode::CREATED,
    );
    let id = canteen["id"].as_i64().expect("id");
    assert_error(&district.post("/api/v1/elderly/canteens", &json!({"name": "x", "region_code": BEIMEN, "meal_price": -5})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("meal_price"));
    let base = person(&district, "禤六六", BEIMEN, BEIMEN, &born(today, 66), 601, None).await;
    let aged80 = person(&district, "禤八三", BEIMEN, BEIMEN, &born(today, 83), 603, None).await;
    let dibao = person(&district, "禤低保", BEIMEN, BEIMEN, &born(today, 70), 605, None).await;
    let tekun = person(&district, "禤五保", BEIMEN, BEIMEN, &born(today, 75), 607, None).await;
    let ninety = person(&district, "禤九一", BEIMEN, BEIMEN, &born(today, 91), 609, None).await;
    // 户籍 in 蓬江 (440703): no age tier in 新会
    let outsider = person(&district, "禤外地", BEIMEN, "440703001001", &born(today, 81), 611, None).await;
    enrol(app, "dibao", dibao, BEIMEN).await;
    enrol(app, "tekun", tekun, BEIMEN).await;

    // last month, so that it can be settled
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first") - Duration::days(1);
    let month = first.format("%Y-%m").to_string();
    let day1 = NaiveDate::from_ymd_opt(first.year(), first.month(), 3).expect("day").to_string();
    let day2 = NaiveDate::from_ymd_opt(first.year(), first.month(), 4).expect("day").to_string();
    let meals = format!("/api/v1/elderly/canteens/{id}/meals");
    // a 12-yuan lunch: 60+ local 3 yuan (pays 9), 80+ 5 (7), dibao 8 (4), tekun 10 (2), 90+ 10 (2),
    // non-local 81 nothing (12)
    let expect = [(base, "base", 300, 900), (aged80, "aged80", 500, 700), (dibao, "needy", 800, 400), (tekun, "top", 1000, 200), (ninety, "top", 1000, 200), (outsider, "none", 0, 1200)];
    for (p, tier, subsidy, pays) in expect {
        let m = ok(district.post(&meals, &json!({"person_id": p, "served_on": day1, "slot": "lunch"})).await, StatusCode::CREATED);
        assert_eq!((m["tier"].as_str(), m["subsidy"].as_i64(), m["paid_by_elder"].as_i64(), m["price"].as_i64()), (Some(tier), Some(subsidy), Some(pays), Some(1200)), "{m}");
        assert!(m["explanation"]["explanation"].as_array().is_some_and(|l| l.len() >= 3), "{m}");
    }
    // the same lunch again: 409; the 60+ elder's dinner that day and an 8-yuan breakfast for the
    // 90+ elder (subsidy capped at the price: 8, pays 0) the next day
    assert_error(&district.post(&meals, &json!({"person_id": base, "served_on": day1, "slot": "lunch"})).await, StatusCode::CONFLICT, "conflict", Some("slot"));
    assert_error(&district.post(&meals, &json!({"person_id": base, "served_on": day1, "slot": "supper"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("slot"));
    ok(district.post(&meals, &json!({"person_id": base, "served_on": day1, "slot": "dinner"})).await, StatusCode::CREATED);
    let b = ok(district.post(&meals, &json!({"person_id": ninety, "served_on": day2, "slot": "breakfast", "price": 800})).await, StatusCode::CREATED);
    assert_eq!((b["subsidy"].as_i64(), b["paid_by_elder"].as_i64()), (Some(800), Some(0)));
    // the quote for today
    let q = ok(district.get(&format!("/api/v1/elderly/canteens/{id}/quote?person_id={dibao}")).await, StatusCode::OK);
    assert_eq!((q["tier"].as_str(), q["subsidy"].as_i64(), q["elder_pays"].as_i64()), (Some("needy"), Some(800), Some(400)), "{q}");

    // the month: 8 meals; subsidy 300 + 500 + 800 + 1000 + 1000 + 0 + 300 + 800 = 4700;
    // elders 900 + 700 + 400 + 200 + 200 + 1200 + 900 + 0 = 4500
    let path = format!("/api/v1/elderly/canteens/{id}/settlements/{month}");
    let preview = ok(district.get(&path).await, StatusCode::OK);
    assert_eq!((preview["confirmed"].as_bool(), preview["meals"].as_i64(), preview["subsidy_total"].as_i64(), preview["paid_by_elders"].as_i64()), (Some(false), Some(8), Some(4700), Some(4500)), "{preview}");
    let lines: Vec<(String, i64, i64)> = preview["lines"].as_array().expect("lines").iter().map(|l| (l["tier"].as_str().unwrap_or("").to_owned(), l["meals"].as_i64().unwrap_or(0), l["subsidy"].as_i64().unwrap_or(0))).collect();
    assert_eq!(lines, vec![("top".into(), 3, 2800), ("needy".into(), 1, 800), ("aged80".into(), 1, 500), ("base".into(), 2, 600), ("none".into(), 1, 0)]);
    // finance confirms once
    let finance = app.login("finance").await;
    let done = ok(finance.post(&path, &json!({})).await, StatusCode::CREATED);
    assert_eq!((done["confirmed"].as_bool(), done["subsidy_total"].as_i64()), (Some(true), Some(4700)));
    assert_error(&finance.post(&path, &json!({})).await, StatusCode::CONFLICT, "conflict", Some("month"));
    // the settled month takes no more meals
    assert_error(&district.post(&meals, &json!({"person_id": aged80, "served_on": day2, "slot": "dinner"})).await, StatusCode::CONFLICT, "conflict", Some("served_on"));
    let this_month = today.format("%Y-%m").to_string();
    assert_error(&finance.post(&format!("/api/v1/elderly/canteens/{id}/settlements/{this_month}"), &json!({})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("month"));
    assert_eq!(ok(district.get("/api/v1/elderly/canteens/settlements").await, StatusCode::OK).as_array().map(Vec::len), Some(1));
    let listed = ok(district.get(&format!("/api/v1/elderly/canteens/meals?canteen_id={id}&month={month}")).await, StatusCode::OK);
    assert_eq!(listed["total"], 8);
    assert!(listed["items"][0]["person_name"].as_str().expect("name").contains('*'));

    // the canteen's operator (a provider's account) records meals at its own canteen only, by the
    // elder's ID number, and sees only its canteen's meals
    let admin = app.login("admin").await;
    let op = ok(
        district
            .post(
                "/api/v1/elderly/care/providers",
                &json!({"name": "北门助餐服务社", "kind": "canteen", "credit_code": credit_code("52440705MJL0C0001"), "region_code": HUICHENG, "contact": "陈经理",
                    "phone": "0750-6612345", "qualification": "食品经营许可证", "qualification_until": "2030-12-31", "contract_no": "XHMZ-C0001",
                    "contract_start": "2026-01-01", "contract_end": "2030-12-31"}),
            )
            .await,
        StatusCode::CREATED,
    );
    let run = ok(
        district.post("/api/v1/elderly/canteens", &json!({"name": "北门长者饭堂（社企）", "region_code": BEIMEN, "seats": 20, "meal_price": 1000, "provider_id": op["id"]})).await,
        StatusCode::CREATED,
    );
    ok(
        admin.post("/api/v1/accounts", &json!({"username": "canteen_op", "display_name": "助餐服务社", "password": PASSWORD, "role": "provider", "region_code": COUNTY, "provider_id": op["id"]})).await,
        StatusCode::CREATED,
    );
    let operator = app.login("canteen_op").await;
    let theirs = ok(operator.get("/api/v1/elderly/canteens").await, StatusCode::OK);
    assert_eq!((theirs["total"].as_i64(), theirs["items"][0]["id"].as_i64()), (Some(1), run["id"].as_i64()), "{theirs}");
    let card = id_number("440705", &born(today, 83), 603);
    let q = ok(operator.get(&format!("/api/v1/elderly/canteens/{}/quote?id_number={card}", run["id"])).await, StatusCode::OK);
    assert_eq!((q["tier"].as_str(), q["subsidy"].as_i64(), q["elder_pays"].as_i64(), q["person_id"].as_i64()), (Some("aged80"), Some(500), Some(500), Some(aged80)), "{q}");
    let m = ok(operator.post(&format!("/api/v1/elderly/canteens/{}/meals", run["id"]), &json!({"id_number": card, "slot": "lunch"})).await, StatusCode::CREATED);
    assert_eq!((m["person_id"].as_i64(), m["subsidy"].as_i64()), (Some(aged80), Some(500)));
    assert_eq!(operator.post(&meals, &json!({"id_number": card, "slot": "dinner"})).await.0, StatusCode::NOT_FOUND, "another operator's canteen");
    assert_error(&operator.post(&format!("/api/v1/elderly/canteens/{}/meals", run["id"]), &json!({"id_number": "440705", "slot": "dinner"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("id_number"));
    let listed = ok(operator.get("/api/v1/elderly/canteens/meals").await, StatusCode::OK);
    assert_eq!(listed["total"], 1, "{listed}");
    assert_eq!(operator.get(&path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(ok(operator.get("/api/v1/elderly/emergency/devices").await, StatusCode::OK)["total"], 0, "a canteen runs no 平安钟");
    assert_eq!(operator.get("/api/v1/elderly/institutions").await.0, StatusCode::FORBIDDEN);

    // the other town sees nothing
    let siqian = app.login("siqian").await;
    assert_eq!(ok(siqian.get("/api/v1/elderly/canteens").await, StatusCode::OK)["total"], 0);
    assert_eq!(ok(siqian.get("/api/v1/elderly/canteens/meals").await, StatusCode::OK)["total"], 0);
    assert_eq!(siqian.get(&path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(siqian.get("/api/v1/elderly/canteens/settlements").await.1.as_array().map(Vec::len), Some(0));
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'canteen.meal'").fetch_one(app.store.pool()).await.expect("audit");
    assert_eq!(audited, 9);
}

pub async fn institution_indicators(app: &TestApp) {
    let district = app.login("district").await;
    let today = app.today;
    let create = |body: Value| {
        let d = district.clone();
        async move { d.post("/api/v1/elderly/institutions", &body).await }
    };
    let opened = format!("{}-01-10", today.year() - 1);
    let home = ok(create(json!({"name": "司前镇敬老院", "kind": "nursing_home", "ownership": "public", "region_code": SIQIAN, "beds": 60, "opened_on": "2005-06-01"})).await, StatusCode::CREATED);
    let private = ok(create(json!({"name": "司前颐康养老院", "kind": "nursing_home", "ownership": "private", "region_code": SIQIAN_VILLAGE, "beds": 40, "opened_on": opened})).await, StatusCode::CREATED);
    ok(create(json!({"name": "司前幸福院", "kind": "happiness_home", "ownership": "public", "region_code": SIQIAN_VILLAGE, "beds": 0})).await, StatusCode::CREATED);
    let closed = ok(create(json!({"name": "旧院", "kind": "nursing_home", "ownership": "public", "region_code": SIQIAN, "beds": 30, "status": "closed"})).await, StatusCode::CREATED);
    assert_eq!(closed["status"], "closed");
    assert_error(&create(json!({"name": "x", "kind": "castle", "ownership": "public", "region_code": SIQIAN, "beds": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("kind"));
    assert_error(&create(json!({"name": "x", "kind": "day_care", "ownership": "public", "region_code": COUNTY, "beds": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region_code"));

    // residents: two tekun elders and one other in the public home, one other in the private home
    let t1 = person(&district, "禤甲", SIQIAN_VILLAGE, SIQIAN_VILLAGE, &born(today, 78), 701, None).await;
    let t2 = person(&district, "禤乙", SIQIAN_VILLAGE, SIQIAN_VILLAGE, &born(today, 81), 703, None).await;
    let t3 = person(&district, "禤丙", SIQIAN_VILLAGE, SIQIAN_VILLAGE, &born(today, 69), 705, None).await;
    let o1 = person(&district, "禤丁", SIQIAN_VILLAGE, SIQIAN_VILLAGE, &born(today, 88), 707, None).await;
    let o2 = person(&district, "禤戊", SIQIAN_VILLAGE, SIQIAN_VILLAGE, &born(today, 90), 709, None).await;
    for t in [t1, t2, t3] {
        enrol(app, "tekun", t, SIQIAN_VILLAGE).await;
    }
    let admit = |inst: i64, p: i64, on: String| {
        let d = district.clone();
        async move { d.post(&format!("/api/v1/elderly/institutions/{inst}/residents"), &json!({"person_id": p, "bed": "A-1", "admitted_on": on})).await }
    };
    let home_id = home["id"].as_i64().expect("id");
    let private_id = private["id"].as_i64().expect("id");
    let r1 = ok(admit(home_id, t1, today.to_string()).await, StatusCode::CREATED);
    assert_eq!(r1["tekun"], true);
    ok(admit(home_id, t2, today.to_string()).await, StatusCode::CREATED);
    ok(admit(home_id, o1, today.to_string()).await, StatusCode::CREATED);
    assert_error(&admit(private_id, t1, today.to_string()).await, StatusCode::CONFLICT, "conflict", Some("person_id"));
    // o2 in the private home from the day it opened; discharged and readmitted would double count, so one stay
    let stay = ok(admit(private_id, o2, opened.clone()).await, StatusCode::CREATED);
    assert_eq!(stay["tekun"], false);

    // the harness's own population of 司前 (generated; counted here independently of the app)
    let sixty_bound = (today.checked_sub_months(chrono::Months::new(60 * 12)).expect("date")).to_string();
    let elderly: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE alive = 1 AND birth_date <= $1 AND region_code >= '440705102000' AND region_code < '440705103000'")
        .bind(sixty_bound)
        .fetch_one(app.store.pool())
        .await
        .expect("elderly");
    assert!(elderly >= 5);
    let ind = ok(district.get("/api/v1/elderly/institutions/indicators").await, StatusCode::OK);
    let town = ind["towns"].as_array().expect("towns").iter().find(|t| t["town_code"] == SIQIAN).cloned().expect("司前");
    // beds 60 + 40 + 0 (the closed home not counted) = 100; residents 4; occupancy 4 ÷ 100 = 4.0%;
    // tekun 3, of them 2 in an institution: 66.7%; beds per 1000 elderly = round(100 × 10000 ÷ elderly) tenths
    assert_eq!((town["beds"].as_i64(), town["residents"].as_i64(), town["institutions"].as_i64()), (Some(100), Some(4), Some(3)), "{town}");
    assert_eq!((town["tekun_all"].as_i64(), town["tekun_in_institutions"].as_i64()), (Some(3), Some(2)), "{town}");
    assert_eq!(town["occupancy"]["tenths"], 40);
    assert_eq!(town["concentrated_rate"]["tenths"], 667);
    assert_eq!(town["elderly"].as_i64(), Some(elderly));
    assert_eq!(town["beds_per_1000"]["tenths"].as_i64(), Some((2 * 100 * 10_000 + elderly) / (2 * elderly)), "{town}");

    // subsidies of last year for the private home: construction 40 × 500000 = 20000000; operating
    // round(100000 × days ÷ days of the year) for o2's stay from the opening day to 31 December
    let year = today.year() - 1;
    let jan10 = NaiveDate::from_ymd_opt(year, 1, 10).expect("date");
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).expect("date");
    let days = (dec31 - jan10).num_days() + 1;
    let year_days = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 };
    let operating = (2 * 100_000 * days + year_days) / (2 * year_days);
    let path = format!("/api/v1/elderly/institutions/{private_id}/subsidies/{year}");
    let preview = ok(district.get(&path).await, StatusCode::OK);
    let got: Vec<(String, i64, i64)> = preview["subsidies"].as_array().expect("subsidies").iter().map(|s| (s["kind"].as_str().unwrap_or("").to_owned(), s["amount"].as_i64().unwrap_or(0), s["resident_days"].as_i64().unwrap_or(0))).collect();
    assert_eq!(got, vec![("construction".into(), 20_000_000, 0), ("operating".into(), operating, days)], "{preview}");
    let recorded = ok(district.post(&path, &json!({})).await, StatusCode::CREATED);
    assert_eq!(recorded.as_array().map(Vec::len), Some(2));
    assert_error(&district.post(&path, &json!({})).await, StatusCode::CONFLICT, "conflict", Some("year"));
    // the public home receives neither
    assert_error(&district.post(&format!("/api/v1/elderly/institutions/{home_id}/subsidies/{year}"), &json!({})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("year"));

    // discharge: version-checked, the stay ends and occupancy drops
    let residents = ok(district.get(&format!("/api/v1/elderly/institutions/{home_id}/residents")).await, StatusCode::OK);
    assert_eq!(residents.as_array().map(Vec::len), Some(3));
    let rid = r1["id"].as_i64().expect("id");
    ok(district.post(&format!("/api/v1/elderly/institutions/residents/{rid}/discharge"), &json!({"reason": "回家居住", "version": 1})).await, StatusCode::OK);
    assert_error(&district.post(&format!("/api/v1/elderly/institutions/residents/{rid}/discharge"), &json!({"reason": "回家居住", "version": 1})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    let ind = ok(district.get(&format!("/api/v1/elderly/institutions/indicators?region={SIQIAN}")).await, StatusCode::OK);
    assert_eq!(ind["towns"].as_array().map(Vec::len), Some(1));
    assert_eq!((ind["total"]["residents"].as_i64(), ind["total"]["concentrated_rate"]["tenths"].as_i64()), (Some(3), Some(333)), "{ind}");
    // beds cannot drop below the residents
    let inst = ok(district.get(&format!("/api/v1/elderly/institutions/{home_id}")).await, StatusCode::OK);
    assert_error(
        &district.put(&format!("/api/v1/elderly/institutions/{home_id}"), &json!({"name": "司前镇敬老院", "kind": "nursing_home", "ownership": "public", "region_code": SIQIAN, "beds": 1, "version": inst["version"]})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some("beds"),
    );

    // 会城's officer sees nothing of 司前
    let huicheng = app.login("huicheng").await;
    assert_eq!(ok(huicheng.get("/api/v1/elderly/institutions").await, StatusCode::OK)["total"], 0);
    assert_eq!(huicheng.get(&format!("/api/v1/elderly/institutions/{home_id}/residents")).await.0, StatusCode::NOT_FOUND);
    let theirs = ok(huicheng.get("/api/v1/elderly/institutions/indicators").await, StatusCode::OK);
    assert!(theirs["towns"].as_array().expect("towns").iter().all(|t| t["town_code"] == HUICHENG), "{theirs}");
    assert_eq!(theirs["total"]["beds"], 0);
    let siqian = app.login("siqian").await;
    assert_eq!(ok(siqian.get("/api/v1/elderly/institutions").await, StatusCode::OK)["total"], 4);
}
