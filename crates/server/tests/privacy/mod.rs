//! 隐私与角色 (issue 14 items 1, 8, 10, 14) end to end on both databases: masks that cannot be
//! reversed, what each role sees of the registry, plausible birth dates, and exports that a
//! spreadsheet cannot execute.
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(implausible_birth_dates => implausible_birth_dates_sqlite, implausible_birth_dates_postgres);
both!(formulas_in_exports => formulas_in_exports_sqlite, formulas_in_exports_postgres);

/// A birth date before 1890-01-01 is refused, typed or inside an ID number, and nothing is written.
async fn implausible_birth_dates(app: &TestApp) {
    let c = app.login("huicheng").await;
    let before = app.count("persons").await;
    let typed = json!({"alt_id_type": "passport", "alt_id": "E1800", "name": "林古", "gender": "male", "birth_date": "1800-01-01", "region_code": BEIMEN});
    let answer = c.post("/api/v1/persons", &typed).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("birth_date"));
    assert!(answer.1.to_string().contains("1890-01-01"), "{}", answer.1);
    let in_id = json!({"id_number": id_number("440705", "18000101", 11), "name": "林古", "region_code": BEIMEN});
    assert_error(&c.post("/api/v1/persons", &in_id).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("id_number"));
    assert_eq!(app.count("persons").await, before, "nothing was written");
    // the first plausible day is accepted
    let first = json!({"alt_id_type": "passport", "alt_id": "E1890", "name": "林古", "gender": "male", "birth_date": "1890-01-01", "region_code": BEIMEN});
    let (status, body) = c.post("/api/v1/persons", &first).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

const FORMULA: &str = "=cmd|' /C calc'!A0";
const SCRIPT: &str = "<script>alert(1)</script>";

/// Typed text is stored and answered as typed (JSON is not HTML), and an export never carries a
/// formula a spreadsheet would run: the cell starts with `'`.
async fn formulas_in_exports(app: &TestApp) {
    let clerk = app.login("charity").await;
    let fund = clerk.post("/api/v1/charity/funds", &json!({"code": "FX", "name": FORMULA, "purpose": "测试"})).await;
    assert_eq!(fund.0, StatusCode::CREATED, "{}", fund.1);
    let mut codes = Vec::new();
    for donor in [FORMULA, SCRIPT] {
        let (status, d) = clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "company", "donor_name": donor, "amount_fen": 10_000, "designation": {"kind": "fund", "fund": "FX"}})).await;
        assert_eq!(status, StatusCode::CREATED, "{d}");
        codes.push(d["receipt_code"].as_str().expect("receipt code").to_owned());
    }
    // the public trace answers the names as typed, in JSON
    let public = app.anonymous();
    for (code, donor) in codes.iter().zip([FORMULA, SCRIPT]) {
        let (status, t) = public.get(&format!("/api/v1/public/charity/trace/{code}")).await;
        assert_eq!(status, StatusCode::OK, "{t}");
        assert_eq!(t["donation"]["donor"], donor);
    }
    // the annual report's export: the fund's name (typed) is neutralised, amounts stay numbers
    let year = chrono::Datelike::year(&minzheng_store::today());
    let (status, _, bytes) = clerk.download(&format!("/api/v1/charity/report.xlsx?year={year}")).await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("report.xlsx", &bytes).expect("an xlsx");
    let by_fund = rows.iter().find(|r| r[0] == "收入·按基金" && r[1].contains("cmd")).expect("the fund's row");
    assert_eq!(by_fund[1], format!("'{FORMULA}"));
    assert_eq!(by_fund[2], "200.00", "an amount is not touched");
    assert!(rows.iter().flatten().all(|cell| !cell.starts_with('=')), "no cell starts a formula");
}
