//! Region scope in the charity (issue 15, item 2): the records bound to a region — allocations to
//! a recipient there, supermarket vouchers, households' balances and redemptions — are not there
//! (404, or an empty list) for a town's account asking for another town's, and a region filter
//! outside its scope is refused (403). The charity clerk's scope is the district, so the records
//! are made in 会城 and asked for by 司前's officer (who may read the charity).
//!
//! District-wide by design, and so not here: funds, projects, campaigns, donations and their
//! pools, the ledger and its verifications, and the supermarket's catalogue, stock, programmes
//! and monthly statement — the charity's own books, which the public portal also shows.
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{assert_not_found, assert_outside};
use crate::charity::supermarket::{enrol, households_in};
use crate::common::*;

both!(charity_scope => charity_scope_sqlite, charity_scope_postgres);

fn ok(answer: (StatusCode, Value), status: StatusCode) -> Value {
    assert_eq!(answer.0, status, "{}", answer.1);
    answer.1
}

/// A record made by a POST (201, or 200 where the area answers so).
fn made(answer: (StatusCode, Value)) -> Value {
    assert!(answer.0 == StatusCode::CREATED || answer.0 == StatusCode::OK, "{} {}", answer.0, answer.1);
    answer.1
}

async fn charity_scope(app: &TestApp) {
    let clerk = app.login("charity").await;
    let district = app.login("district").await;
    let siqian = app.login("siqian").await;

    // an allocation to an organisation in 会城, paid from an undesignated donation
    let fund = made(clerk.post("/api/v1/charity/funds", &json!({"code": "HC", "name": "会城慰问基金", "purpose": "慰问"})).await);
    made(clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "张三", "amount_fen": 10_000, "designation": {"kind": "undesignated"}})).await);
    let body = json!({"fund_id": fund["id"], "recipient_kind": "organisation", "recipient_name": "会城街道敬老院", "region_code": HUICHENG, "amount_fen": 5_000, "purpose": "重阳慰问"});
    let allocation = made(clerk.post("/api/v1/charity/allocations", &body).await);
    let allocation = format!("/api/v1/charity/allocations/{}", allocation["id"]);

    // supermarket vouchers for a 会城 household
    let household = households_in(app, "440705001", 1).await[0];
    enrol(app, 920_000_001, "dibao", household, "禤甲一", 2, "active").await;
    let programme = made(clerk.post("/api/v1/charity/supermarket/programmes", &json!({"name": "会城爱心积分", "eligible": ["dibao"], "basis": "per_member", "points": 100, "valid_months": 2})).await);
    let period = minzheng_core::assistance::YearMonth::of(minzheng_store::today()).to_string();
    let issued = made(clerk.post(&format!("/api/v1/charity/supermarket/programmes/{}/issues", programme["id"]), &json!({"period": period, "region_code": HUICHENG})).await);
    assert_eq!(issued["households"].as_i64(), Some(1), "{issued}");
    let balance = format!("/api/v1/charity/supermarket/households/{household}");

    // ---- details: the district reads them, 司前 is told they do not exist ----
    for path in [&allocation, &balance] {
        ok(district.get(path).await, StatusCode::OK);
        assert_not_found(&siqian.get(path).await, path);
    }

    // ---- lists: 会城's records by id are not in 司前's lists ----
    for path in [format!("/api/v1/charity/supermarket/vouchers?household_id={household}"), format!("/api/v1/charity/supermarket/redemptions?household_id={household}")] {
        let theirs = ok(siqian.get(&path).await, StatusCode::OK);
        assert_eq!(theirs["total"].as_i64(), Some(0), "{path}: {theirs}");
    }
    let all = ok(district.get(&format!("/api/v1/charity/supermarket/vouchers?household_id={household}")).await, StatusCode::OK);
    assert_eq!(all["total"].as_i64(), Some(1), "{all}");
    for path in ["/api/v1/charity/allocations", "/api/v1/charity/supermarket/households"] {
        let theirs = ok(siqian.get(path).await, StatusCode::OK);
        let items = theirs["items"].as_array().expect("items");
        assert!(items.iter().all(|i| i["region_code"].as_str().is_some_and(|r| r.starts_with("440705102"))), "{path}: {theirs}");
    }

    // ---- lists: a region filter outside the scope is refused, inside it narrows ----
    for path in [
        format!("/api/v1/charity/allocations?region={HUICHENG}"),
        format!("/api/v1/charity/supermarket/vouchers?region={HUICHENG}"),
        format!("/api/v1/charity/supermarket/households?region={HUICHENG}"),
        format!("/api/v1/charity/supermarket/redemptions?region={HUICHENG}"),
    ] {
        assert_outside(&siqian.get(&path).await, &path);
    }
    let narrowed = ok(district.get(&format!("/api/v1/charity/allocations?region={SIQIAN}")).await, StatusCode::OK);
    assert_eq!(narrowed["total"].as_i64(), Some(0), "{narrowed}");
    let narrowed = ok(district.get(&format!("/api/v1/charity/allocations?region={HUICHENG}")).await, StatusCode::OK);
    assert_eq!(narrowed["total"].as_i64(), Some(1), "{narrowed}");

    // ---- typed fields: a bad value is that field's 422, named in both languages ----
    for (path, field) in [
        ("/api/v1/charity/supermarket/vouchers?period=2026-13", "period"),
        ("/api/v1/charity/supermarket/redemptions?month=abc", "month"),
        ("/api/v1/charity/supermarket/items?category=toys", "category"),
        ("/api/v1/charity/supermarket/lots?order=newest", "order"),
        ("/api/v1/charity/allocations?from=2026-02-30", "from"),
        ("/api/v1/elderly/outreach/tasks?status=closed", "status"),
        ("/api/v1/elderly/care/orders?date=tomorrow", "date"),
    ] {
        let answer = district.get(path).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(field));
        let (zh, en) = (answer.1["error"]["message"].as_str().unwrap_or_default(), answer.1["error"]["message_en"].as_str().unwrap_or_default());
        assert!(zh != en && !zh.contains('\u{1e}') && !en.contains('\u{1e}'), "{path}: {}", answer.1);
    }
    let refused = clerk.post("/api/v1/charity/supermarket/programmes", &json!({"name": "x", "eligible": ["dibao", "nobody"], "points": 100})).await;
    assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("eligible[1]"));
}
