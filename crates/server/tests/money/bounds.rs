//! Every amount an officer types has its rule's bound: outside it a 422 names the field and the
//! bound, and nothing is written.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::assistance::support::*;
use crate::common::*;

both!(typed_amounts_are_bounded => money_typed_amounts_bounded_sqlite, money_typed_amounts_bounded_postgres);

const ABSURD: i64 = 10_000_000_000_000;

#[track_caller]
fn refused(answer: &(StatusCode, Value), field: &str) {
    assert_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(field));
}

async fn typed_amounts_are_bounded(app: &TestApp) {
    let town = app.login("huicheng").await;
    let district = app.login("district").await;
    let clerk = app.login("charity").await;

    // 医疗救助: the out-of-pocket cost (1 fen to 1亿元) and what was paid this year (0 to 1亿元)
    let h = create_household(&town, BEIMEN, "会城街道北门社区医救1号", &[member("麦永康", "440705", "19720412", 19, "head")]).await;
    let medical = |request: Value| json!({"programme": "medical", "household_id": h.id, "facts": facts(&h.ids(), h.ids()[0], 0), "request": request,
        "payee": {"bank_name": BANK, "bank_account": "6217000012121212"}});
    let before = app.count("applications").await;
    let answer = town.post("/api/v1/assistance/applications", &medical(json!({"medical_out_of_pocket": ABSURD}))).await;
    refused(&answer, "request.medical_out_of_pocket");
    assert!(answer.1["error"]["message"].as_str().unwrap_or_default().contains("100000000.00元"), "{}", answer.1);
    refused(&town.post("/api/v1/assistance/applications", &medical(json!({"medical_out_of_pocket": 100_000, "medical_paid_this_year": -1}))).await, "request.medical_paid_this_year");
    // a household's income: not negative
    let mut body = medical(json!({"medical_out_of_pocket": 100_000}));
    body["facts"]["incomes"][0]["amount"] = json!(-1);
    refused(&town.post("/api/v1/assistance/applications", &body).await, "facts.incomes[0].amount");
    body["facts"]["incomes"][0]["amount"] = json!(0);
    body["facts"]["assets"]["monetary"] = json!(-5);
    refused(&town.post("/api/v1/assistance/applications", &body).await, "facts.assets.monetary");
    assert_eq!(app.count("applications").await, before);

    // 慈善: a donation and an allocation, positive and at most 1亿元
    let donations = app.count("charity_donations").await;
    refused(&clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": ABSURD})).await, "amount_fen");
    refused(&clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": -100})).await, "amount_fen");
    assert_eq!(app.count("charity_donations").await, donations);
    let (_, fund) = clerk.post("/api/v1/charity/funds", &json!({"code": "BD", "name": "边界基金", "purpose": "测试"})).await;
    let allocations = app.count("charity_allocations").await;
    refused(&clerk.post("/api/v1/charity/allocations", &json!({"fund_id": fund["id"], "recipient_kind": "household", "household_id": h.id, "amount_fen": ABSURD, "purpose": "慰问"})).await, "amount_fen");
    assert_eq!(app.count("charity_allocations").await, allocations);
    // catalogue prices: a supermarket item's reference value (0 to 100万元), a home-care item's price (0 to 10万元)
    refused(&clerk.post("/api/v1/charity/supermarket/items", &json!({"code": "X1", "name": "大米", "category": "grain_oil", "unit": "袋", "points_price": 10, "unit_value_fen": -1})).await, "unit_value_fen");
    refused(&clerk.post("/api/v1/charity/supermarket/items", &json!({"code": "X1", "name": "大米", "category": "grain_oil", "unit": "袋", "points_price": 10, "unit_value_fen": 100_000_001})).await, "unit_value_fen");
    assert_eq!(app.count("supermarket_items").await, 0);
    refused(&district.post("/api/v1/elderly/care/items", &json!({"code": "ZJ", "name": "助洁", "unit": "小时", "price": ABSURD, "minutes": 60})).await, "price");
    assert_eq!(app.count("service_items").await, 0);

    // 工作计划: a money target, not negative and at most 1亿元
    let (status, plan) = district.post("/api/v1/plan/plans", &json!({"name": "边界测试计划", "years": [2026]})).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    let (status, with_line) = district.post(&format!("/api/v1/plan/plans/{}/lines", plan["id"]), &json!({"system": "社会救助体系", "task": "临时救助资金", "due_year": 2026, "units": "区民政局", "plans": {"2026": "安排资金"}})).await;
    assert_eq!(status, StatusCode::CREATED, "{with_line}");
    let line: i64 = sqlx::query_scalar("SELECT MAX(id) FROM plan_lines").fetch_one(app.store.pool()).await.expect("line");
    let targets = app.count("plan_targets").await;
    refused(&district.post(&format!("/api/v1/plan/lines/{line}/targets"), &json!({"year": 2026, "subject": "资金", "hundredths": 100, "unit": "万元", "fen": ABSURD})).await, "fen");
    refused(&district.post(&format!("/api/v1/plan/lines/{line}/targets"), &json!({"year": 2026, "subject": "资金", "hundredths": 100, "unit": "万元", "fen": -1})).await, "fen");
    assert_eq!(app.count("plan_targets").await, targets);
    let (status, t) = district.post(&format!("/api/v1/plan/lines/{line}/targets"), &json!({"year": 2026, "subject": "资金", "hundredths": 100, "unit": "万元", "fen": 1_000_000})).await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
}
