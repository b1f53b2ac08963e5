//! B. Payroll: confirming a month twice pays once; a preview that no longer matches the data is
//! refused and stores nothing.
use reqwest::StatusCode;
use serde_json::json;

use super::support::*;
use crate::common::*;

both!(payroll_idempotence => assistance_payroll_idempotence_sqlite, assistance_payroll_idempotence_postgres);

// 2 members, 660000 fen of wages a year: per-capita 660000 ÷ 12 ÷ 2 = 27500;
// (55000 − 27500) × 2 = 55000 a month; at a standard of 60000: (60000 − 27500) × 2 = 65000.
const MONTHLY: i64 = 55_000;
const MONTHLY_60K: i64 = 65_000;
// a second household, one member without income: (60000 − 0) × 1 = 60000 at the raised standard
const SECOND_60K: i64 = 60_000;

async fn payroll_idempotence(app: &TestApp) {
    let today = app.today;
    let m = |k: i32| month(today, k);
    let (_, _, case_id) = enrolled(
        app,
        "huicheng",
        HUICHENG,
        BEIMEN,
        &[member("柏文涛", "440705", "19800512", 11, "head"), member("岑秀兰", "440705", "19820318", 22, "spouse")],
        660_000,
        "6217000012345678",
    )
    .await;
    let finance = app.login("finance").await;
    let runs = || async { (app.count("payroll_runs").await, app.count("payroll_lines").await) };

    // ---- the same month twice: one run, paid once ----
    let p = preview(&finance, &m(0), COUNTY).await;
    assert_eq!(p["total"], MONTHLY, "{p}");
    let (status, first) = confirm(&finance, &m(0), COUNTY, &p["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(runs().await, (1, 1));
    let (status, second) = confirm(&finance, &m(0), COUNTY, &p["fingerprint"]).await;
    assert_eq!(status, StatusCode::OK, "the second answer is the existing run: {second}");
    assert_eq!(second["id"], first["id"]);
    for key in ["month", "households", "lines", "regular_total", "arrears_total", "recovery_total", "total", "created_by", "created_at"] {
        assert_eq!(second[key], first[key], "{key}");
    }
    // whatever the fingerprint, a confirmed month is never paid again
    let (status, third) = confirm(&finance, &m(0), COUNTY, &json!("0123456789abcdef01234567")).await;
    assert_eq!(status, StatusCode::OK, "{third}");
    assert_eq!(third["id"], first["id"]);
    assert_eq!(runs().await, (1, 1), "nothing stored by the repeats");
    let (_, list) = finance.get("/api/v1/assistance/payroll/runs").await;
    assert_eq!(list.as_array().expect("runs").len(), 1, "{list}");
    let again = preview(&finance, &m(0), COUNTY).await;
    assert_eq!(again["confirmed_run_id"], first["id"]);
    assert_eq!(again["total"], 0, "nothing is left to pay for a paid month: {again}");
    let (_, detail) = finance.get(&format!("/api/v1/assistance/payroll/runs/{}", first["id"])).await;
    assert_eq!(detail["total"], MONTHLY, "{detail}");
    assert_eq!(lines_of(&lines(&finance, first["id"].as_i64().expect("id")).await, case_id), [("regular".to_owned(), m(0), MONTHLY)]);

    // two clicks at once: still one run, paid once
    let p1 = preview(&finance, &m(1), COUNTY).await;
    let finance2 = app.login("finance").await;
    let m1 = m(1);
    let (a, b) = tokio::join!(confirm(&finance, &m1, COUNTY, &p1["fingerprint"]), confirm(&finance2, &m1, COUNTY, &p1["fingerprint"]));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED], "{} / {}", a.1, b.1);
    assert_eq!(a.1["id"], b.1["id"]);
    assert_eq!(runs().await, (2, 2));

    // ---- a stale preview: the standard changes after it ----
    let p2 = preview(&finance, &m(2), COUNTY).await;
    assert_eq!(p2["total"], MONTHLY, "{p2}");
    let district = app.login("district").await;
    let (status, saved) = district
        .post("/api/v1/assistance/params", &json!({"key": "dibao.standard", "region_prefix": "440705", "effective_month": m(2), "value": 60000, "note": "提标"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    let stale = confirm(&finance, &m(2), COUNTY, &p2["fingerprint"]).await;
    assert_error(&stale, StatusCode::CONFLICT, "conflict", Some("fingerprint"));
    assert_eq!(runs().await, (2, 2), "no run, no line stored");
    let fresh = preview(&finance, &m(2), COUNTY).await;
    assert_eq!(fresh["total"], MONTHLY_60K, "{fresh}");
    assert_eq!(fresh["confirmed_run_id"], serde_json::Value::Null);
    assert_ne!(fresh["fingerprint"], p2["fingerprint"]);
    let (status, run2) = confirm(&finance, &m(2), COUNTY, &fresh["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run2}");
    assert_eq!(run2["total"], MONTHLY_60K);

    // ---- a stale preview: a household is enrolled after it ----
    let p3 = preview(&finance, &m(3), COUNTY).await;
    assert_eq!(p3["households"], 1);
    let (_, _, second_case) = enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("闵玉芬", "440705", "19700908", 24, "head")], 0, "6217000099998888").await;
    let stale = confirm(&finance, &m(3), COUNTY, &p3["fingerprint"]).await;
    assert_error(&stale, StatusCode::CONFLICT, "conflict", Some("fingerprint"));
    assert_eq!(runs().await.0, 3);
    let fresh = preview(&finance, &m(3), COUNTY).await;
    assert_eq!(fresh["households"], 2, "{fresh}");
    assert_eq!(fresh["regular_total"], MONTHLY_60K + SECOND_60K);
    let (status, run3) = confirm(&finance, &m(3), COUNTY, &fresh["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run3}");
    let l3 = lines(&finance, run3["id"].as_i64().expect("id")).await;
    assert!(lines_of(&l3, second_case).contains(&("regular".to_owned(), m(3), SECOND_60K)), "{l3:?}");

    // ---- enrolled after months already paid: those months come as arrears in the next run ----
    // one member without income: 55000 a month before the raise (m0, m1), 60000 from m2
    let (_, _, late_case) = enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("饶桂英", "440705", "19650304", 26, "head")], 0, "6217000055554444").await;
    let p4 = preview(&finance, &m(4), COUNTY).await;
    assert_eq!(p4["arrears_total"], 55_000 + 55_000 + 60_000 + 60_000, "{p4}");
    let run4 = pay(&finance, &m(4), COUNTY).await;
    let mut late = lines_of(&lines(&finance, run4["id"].as_i64().expect("id")).await, late_case);
    late.sort();
    assert_eq!(
        late,
        [
            ("arrears".to_owned(), m(0), 55_000),
            ("arrears".to_owned(), m(1), 55_000),
            ("arrears".to_owned(), m(2), 60_000),
            ("arrears".to_owned(), m(3), 60_000),
            ("regular".to_owned(), m(4), 60_000),
        ]
    );
}
