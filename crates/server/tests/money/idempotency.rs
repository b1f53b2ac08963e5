//! `Idempotency-Key` on the creates that move money or write to the public ledger: the same key
//! and body answer the first result and create nothing new; another body with the key is 409.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

both!(donations_once => money_idempotent_donations_sqlite, money_idempotent_donations_postgres);

/// POST with an `Idempotency-Key`.
pub async fn post_keyed(c: &Client, path: &str, key: &str, body: &Value) -> (StatusCode, Value) {
    answer(c.http.post(c.url(path)).header("Idempotency-Key", key).json(body).send().await.expect("POST")).await
}

async fn donations_once(app: &TestApp) {
    let clerk = app.login("charity").await;
    let body = json!({"donor_kind": "person", "donor_name": "谭志坚", "form": "money", "amount_fen": 500_000, "channel": "bank_transfer"});
    let (donations, ledger) = (app.count("charity_donations").await, app.count("charity_ledger").await);
    // twenty identical requests at once
    let answers = futures_join(&clerk, "/api/v1/charity/donations", "donation-7f3a", &body, 20).await;
    let first = &answers[0];
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    for a in &answers {
        assert_eq!(a, first, "every answer is the first result");
    }
    assert_eq!(app.count("charity_donations").await, donations + 1);
    assert_eq!(app.count("charity_ledger").await, ledger + 1);
    // later, the same again: the same answer
    assert_eq!(&post_keyed(&clerk, "/api/v1/charity/donations", "donation-7f3a", &body).await, first);
    // the same key with another body: 409, nothing written
    let mut other = body.clone();
    other["amount_fen"] = json!(600_000);
    let answer = post_keyed(&clerk, "/api/v1/charity/donations", "donation-7f3a", &other).await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict", Some("Idempotency-Key"));
    assert_eq!(app.count("charity_donations").await, donations + 1);
    // a new key makes a new donation
    let (status, second) = post_keyed(&clerk, "/api/v1/charity/donations", "donation-8b21", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_ne!(second["id"], first.1["id"]);
    assert_eq!(app.count("charity_ledger").await, ledger + 2);
    // keys are per account: another clerk's key of the same name is its own
    let admin = app.login("admin").await;
    let (status, acc) = admin.post("/api/v1/accounts", &json!({"username": "clerk2", "display_name": "慈善会二", "password": PASSWORD, "role": "charity_clerk", "region_code": COUNTY})).await;
    assert_eq!(status, StatusCode::CREATED, "{acc}");
    let clerk2 = app.login("clerk2").await;
    let (status, third) = post_keyed(&clerk2, "/api/v1/charity/donations", "donation-7f3a", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{third}");
    assert_ne!(third["id"], first.1["id"]);
    assert_eq!(app.count("charity_donations").await, donations + 3);
    // a key that is not visible ASCII is refused at the header
    let answer = post_keyed(&clerk, "/api/v1/charity/donations", " ", &body).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("Idempotency-Key"));
}

/// `n` identical keyed POSTs sent at once.
pub async fn futures_join(c: &Client, path: &str, key: &str, body: &Value, n: usize) -> Vec<(StatusCode, Value)> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (c, path, key, body) = (c.clone(), path.to_owned(), key.to_owned(), body.clone());
        tasks.push(tokio::spawn(async move { post_keyed(&c, &path, &key, &body).await }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("task"));
    }
    out
}

both!(other_creates_once => money_idempotent_creates_sqlite, money_idempotent_creates_postgres);

/// Allocations, point issues, redemptions and payroll runs: a replay of the key answers the first
/// result and writes nothing.
async fn other_creates_once(app: &TestApp) {
    use crate::assistance::support::{enrolled, member, month, preview};
    let clerk = app.login("charity").await;
    let finance = app.login("finance").await;
    // one dibao household of one member in 会城, enrolled through the real path
    let (h, _, _) = enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("冼耀祖", "440705", "19610915", 33, "head")], 0, "6217000099990000").await;

    // ---- an allocation: 100.00 given undesignated, 50.00 of it to the household ----
    let (status, fund) = clerk.post("/api/v1/charity/funds", &json!({"code": "JK", "name": "济困基金", "purpose": "济困"})).await;
    assert_eq!(status, StatusCode::CREATED, "{fund}");
    let (status, d) = clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "陈白沙", "amount_fen": 10_000})).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let body = json!({"fund_id": fund["id"], "recipient_kind": "household", "household_id": h.id, "amount_fen": 5_000, "purpose": "临时困难慰问"});
    let (allocations, ledger) = (app.count("charity_allocations").await, app.count("charity_ledger").await);
    let answers = futures_join(&clerk, "/api/v1/charity/allocations", "alloc-1", &body, 5).await;
    assert_eq!(answers[0].0, StatusCode::CREATED, "{}", answers[0].1);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(post_keyed(&clerk, "/api/v1/charity/allocations", "alloc-1", &body).await, answers[0]);
    assert_eq!(app.count("charity_allocations").await, allocations + 1);
    assert_eq!(app.count("charity_ledger").await, ledger + 1);
    let mut other = body.clone();
    other["amount_fen"] = json!(4_000);
    assert_error(&post_keyed(&clerk, "/api/v1/charity/allocations", "alloc-1", &other).await, StatusCode::CONFLICT, "conflict", Some("Idempotency-Key"));
    assert_eq!(app.count("charity_allocations").await, allocations + 1);

    // ---- points: 100 a member for dibao households, issued once ----
    let base = "/api/v1/charity/supermarket";
    let (status, rice) = clerk.post(&format!("{base}/items"), &json!({"code": "RICE5", "name": "大米（5斤装）", "category": "grain_oil", "unit": "袋", "points_price": 50, "unit_value_fen": 2500})).await;
    assert_eq!(status, StatusCode::CREATED, "{rice}");
    let (status, lot) = clerk.post(&format!("{base}/lots"), &json!({"item_id": rice["id"], "quantity": 4, "unit_value_fen": 2500, "supplier": "新会粮油公司"})).await;
    assert_eq!(status, StatusCode::CREATED, "{lot}");
    let (status, programme) = clerk.post(&format!("{base}/programmes"), &json!({"name": "低保家庭爱心积分", "eligible": ["dibao"], "basis": "per_member", "points": 100, "valid_months": 2})).await;
    assert_eq!(status, StatusCode::CREATED, "{programme}");
    let issues = format!("{base}/programmes/{}/issues", programme["id"]);
    let body = json!({"period": month(app.today, 0), "region_code": HUICHENG});
    let first = post_keyed(&clerk, &issues, "issue-1", &body).await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    assert_eq!((first.1["households"].as_i64(), first.1["points"].as_i64()), (Some(1), Some(100)), "{}", first.1);
    assert_eq!(post_keyed(&clerk, &issues, "issue-1", &body).await, first);
    assert_eq!(app.count("supermarket_issues").await, 1);
    assert_eq!(app.count("supermarket_vouchers").await, 1);

    // ---- a redemption: one bag, 50 points, once ----
    let body = json!({"household_id": h.id, "lines": [{"item_id": rice["id"], "quantity": 1}]});
    let answers = futures_join(&clerk, &format!("{base}/redemptions"), "redeem-1", &body, 5).await;
    assert_eq!(answers[0].0, StatusCode::CREATED, "{}", answers[0].1);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].1["balance"], 50);
    assert_eq!(app.count("supermarket_redemptions").await, 1);
    let (status, held) = clerk.get(&format!("{base}/households/{}", h.id)).await;
    assert_eq!((status, held["balance"].as_i64()), (StatusCode::OK, Some(50)), "{held}");

    // ---- a payroll run: 55000 for the one-member household, confirmed once ----
    let this = month(app.today, 0);
    let p = preview(&finance, &this, COUNTY).await;
    let body = json!({"month": this, "programme": "dibao", "region": COUNTY, "fingerprint": p["fingerprint"]});
    let answers = futures_join(&finance, "/api/v1/assistance/payroll/runs", "run-1", &body, 5).await;
    assert_eq!(answers[0].0, StatusCode::CREATED, "{}", answers[0].1);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].1["total"], 55_000);
    assert_eq!(app.count("payroll_runs").await, 1);
    let mut other = body.clone();
    other["month"] = json!(month(app.today, 1));
    assert_error(&post_keyed(&finance, "/api/v1/assistance/payroll/runs", "run-1", &other).await, StatusCode::CONFLICT, "conflict", Some("Idempotency-Key"));
    assert_eq!(app.count("payroll_runs").await, 1);
}

both!(settlement_once => money_idempotent_settlement_sqlite, money_idempotent_settlement_postgres);

/// A unified social credit code: 17 characters and the GB 32100-2015 check character.
fn credit_code(first17: &str) -> String {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let (mut w, mut sum) = (1u32, 0u32);
    for c in first17.chars() {
        sum += CHARS.find(c).expect("code character") as u32 * w;
        w = w * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    format!("{first17}{}", CHARS.chars().nth(check as usize).expect("check"))
}

/// A home-care settlement of a provider's month, confirmed once however often it is sent.
async fn settlement_once(app: &TestApp) {
    use crate::assistance::support::{create_household, member};
    let district = app.login("district").await;
    let huicheng = app.login("huicheng").await;
    let month = app.today.to_string()[..7].to_owned();
    let provider = json!({
        "name": "会城街道居家养老服务中心", "kind": "home_care", "credit_code": credit_code("52440705MJL000001"), "region_code": HUICHENG,
        "contact": "李主任", "phone": "0750-6612345", "qualification": "江门市养老服务机构备案", "qualification_until": "2030-12-31",
        "contract_no": "XHMZ-000001", "contract_start": "2026-01-01", "contract_end": "2030-12-31"
    });
    let (status, p) = district.post("/api/v1/elderly/care/providers", &provider).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let (status, item) = district.post("/api/v1/elderly/care/items", &json!({"code": "ZJ", "name": "助洁", "unit": "小时", "price": 4500, "minutes": 60})).await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    // a centenarian of 北门 (eligible by age), enrolled with the provider, one order of 2 hours
    let h = create_household(&huicheng, BEIMEN, "北门村二巷8号", &[member("岑百龄", "440705", "19210808", 111, "head")]).await;
    let person = h.ids()[0];
    let (status, e) = huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": person, "provider_id": p["id"]})).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    let (status, o) = huicheng.post("/api/v1/elderly/care/orders", &json!({"person_id": person, "item_id": item["id"], "units": 2, "scheduled_on": app.today.to_string()})).await;
    assert_eq!(status, StatusCode::CREATED, "{o}");

    let body = json!({"provider_id": p["id"], "month": month});
    let answers = futures_join(&district, "/api/v1/elderly/care/settlements", "settle-1", &body, 5).await;
    assert_eq!(answers[0].0, StatusCode::CREATED, "{}", answers[0].1);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(app.count("homecare_settlements").await, 1);
    // without the key a second settlement of the month is still refused
    assert_error(&district.post("/api/v1/elderly/care/settlements", &body).await, StatusCode::CONFLICT, "conflict", Some("month"));
    assert_eq!(app.count("homecare_settlements").await, 1);
}
