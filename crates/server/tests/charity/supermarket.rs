//! 慈善超市 (docs/api.md, "Charity supermarket") end to end on both databases: the catalogue,
//! purchases and a donated lot, stock with expiry warnings, a programme issued per region (and
//! again, changing nothing), redemption at the counter first-expiring-first across lots, refusals
//! beyond points and beyond stock that change nothing, write-offs, the monthly statement and its
//! export, the donation trace and the year's figures, region scope and permissions — every number
//! worked out by hand.
use chrono::{Datelike, Duration};
use minzheng_core::assistance::YearMonth;
use minzheng_store::charity::supermarket::NewLot;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/charity/supermarket/items"),
    ("post", "/api/v1/charity/supermarket/items"),
    ("put", "/api/v1/charity/supermarket/items/{}"),
    ("get", "/api/v1/charity/supermarket/stock"),
    ("get", "/api/v1/charity/supermarket/lots"),
    ("post", "/api/v1/charity/supermarket/lots"),
    ("post", "/api/v1/charity/supermarket/lots/{}/write-off"),
    ("get", "/api/v1/charity/supermarket/programmes"),
    ("post", "/api/v1/charity/supermarket/programmes"),
    ("put", "/api/v1/charity/supermarket/programmes/{}"),
    ("get", "/api/v1/charity/supermarket/programmes/{}/issues"),
    ("post", "/api/v1/charity/supermarket/programmes/{}/issues"),
    ("get", "/api/v1/charity/supermarket/vouchers"),
    ("get", "/api/v1/charity/supermarket/households"),
    ("get", "/api/v1/charity/supermarket/households/{}"),
    ("get", "/api/v1/charity/supermarket/redemptions"),
    ("post", "/api/v1/charity/supermarket/redemptions"),
    ("get", "/api/v1/charity/supermarket/statements/{}"),
    ("get", "/api/v1/charity/supermarket/statements/{}/export"),
];

both!(supermarket_story => supermarket_sqlite, supermarket_postgres);

const BASE: &str = "/api/v1/charity/supermarket";
/// The donation the donated lot comes from (the donation code is the caller of `supermarket_stock_in`).
const DONATION: i64 = 424_242;

fn ok(answer: (StatusCode, Value), status: StatusCode) -> Value {
    assert_eq!(answer.0, status, "{}", answer.1);
    answer.1
}

/// Households of the harness's population in a town (region prefix), by id.
pub(crate) async fn households_in(app: &TestApp, town_prefix: &str, n: i64) -> Vec<i64> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM households WHERE region_code LIKE $1 ORDER BY id LIMIT $2")
        .bind(format!("{town_prefix}%"))
        .bind(n)
        .fetch_all(app.store.pool())
        .await
        .expect("households");
    assert_eq!(ids.len() as i64, n, "the harness has {n} households in {town_prefix}");
    ids
}

/// A case of `programme` for a household covering `members` persons (the assistance workflow is
/// tested elsewhere; here only the active case and its members matter).
pub(crate) async fn enrol(app: &TestApp, case_id: i64, programme: &str, household_id: i64, head: &str, members: i64, status: &str) {
    let region: String = sqlx::query_scalar("SELECT region_code FROM households WHERE id = $1").bind(household_id).fetch_one(app.store.pool()).await.expect("region");
    let now = "2026-01-01T00:00:00.000Z";
    sqlx::query(
        "INSERT INTO cases (id, region_code, programme, household_id, application_id, head_name, status, start_month, end_month, members, monthly, one_off, facts, assessment, \
         bank_name, bank_account, review_cycle_months, next_review_on, exit_proposed, exit_reason, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, NULL, $5, $6, '2025-01', NULL, $7, 0, 0, '{}', '{}', '', '', 12, '2030-01-01', 0, NULL, 1, $8, $9)",
    )
    .bind(case_id)
    .bind(region.clone())
    .bind(programme.to_owned())
    .bind(household_id)
    .bind(head.to_owned())
    .bind(status.to_owned())
    .bind(members)
    .bind(now)
    .bind(now)
    .execute(app.store.pool())
    .await
    .expect("case");
    for k in 0..members {
        sqlx::query("INSERT INTO case_members (case_id, person_id, region_code) VALUES ($1, $2, $3)")
            .bind(case_id)
            .bind(case_id * 10 + k)
            .bind(region.clone())
            .execute(app.store.pool())
            .await
            .expect("member");
    }
}

/// What a refused request must leave untouched: movements, redemptions, draws, and the sums of
/// the lots' and vouchers' balances.
async fn ledger(app: &TestApp) -> (i64, i64, i64, i64, i64) {
    let sum = |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(app.store.pool()).await.expect(sql) };
    (
        app.count("supermarket_moves").await,
        app.count("supermarket_redemptions").await,
        app.count("supermarket_draws").await,
        sum("SELECT CAST(COALESCE(SUM(remaining), 0) AS BIGINT) FROM supermarket_lots").await,
        sum("SELECT CAST(COALESCE(SUM(remaining), 0) AS BIGINT) FROM supermarket_vouchers").await,
    )
}

fn by_code<'a>(stock: &'a Value, code: &str) -> &'a Value {
    stock["items"].as_array().expect("items").iter().find(|i| i["code"] == code).unwrap_or_else(|| panic!("{code} in {stock}"))
}

fn qv(flows: &Value, key: &str) -> (i64, i64) {
    (flows[key]["quantity"].as_i64().expect("quantity"), flows[key]["value"].as_i64().expect("value"))
}

pub async fn supermarket_story(app: &TestApp) {
    let today = app.today;
    let this_month = YearMonth::of(today);
    let last_month = this_month.prev();
    let admin = app.login("admin").await;
    ok(
        admin.post("/api/v1/accounts", &json!({"username": "clerk", "display_name": "慈善会", "password": PASSWORD, "role": "charity_clerk", "region_code": COUNTY})).await,
        StatusCode::CREATED,
    );
    let clerk = app.login("clerk").await;
    let district = app.login("district").await;

    // ---- the catalogue: the clerk writes, the district officer only reads ----
    let rice_body = json!({"code": "rice10", "name": "大米（10斤装）", "category": "grain_oil", "unit": "袋", "points_price": 50, "unit_value_fen": 4500});
    assert_eq!(district.post(&format!("{BASE}/items"), &rice_body).await.0, StatusCode::FORBIDDEN);
    let rice = ok(clerk.post(&format!("{BASE}/items"), &rice_body).await, StatusCode::CREATED);
    assert_eq!((rice["code"].as_str(), rice["category_zh"].as_str(), rice["version"].as_i64()), (Some("RICE10"), Some("粮油"), Some(1)), "{rice}");
    let oil = ok(clerk.post(&format!("{BASE}/items"), &json!({"code": "OIL5", "name": "食用油", "category": "grain_oil", "unit": "瓶", "points_price": 60, "unit_value_fen": 6000})).await, StatusCode::CREATED);
    let milk = ok(clerk.post(&format!("{BASE}/items"), &json!({"code": "MILK", "name": "牛奶", "category": "food", "unit": "箱", "points_price": 30, "unit_value_fen": 3000})).await, StatusCode::CREATED);
    assert_error(&clerk.post(&format!("{BASE}/items"), &rice_body).await, StatusCode::CONFLICT, "conflict", Some("code"));
    assert_error(&clerk.post(&format!("{BASE}/items"), &json!({"code": "X1", "name": "x", "category": "toys", "unit": "个", "points_price": 1, "unit_value_fen": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("category"));
    assert_error(&clerk.post(&format!("{BASE}/items"), &json!({"code": "X1", "name": "x", "category": "food", "unit": "个", "points_price": 0, "unit_value_fen": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("points_price"));
    let (rice_id, oil_id, milk_id) = (rice["id"].as_i64().expect("id"), oil["id"].as_i64().expect("id"), milk["id"].as_i64().expect("id"));
    // a change with a stale version is refused
    let renamed = ok(clerk.put(&format!("{BASE}/items/{rice_id}"), &json!({"code": "RICE10", "name": "大米", "category": "grain_oil", "unit": "袋", "points_price": 50, "unit_value_fen": 4500, "version": 1})).await, StatusCode::OK);
    assert_eq!((renamed["name"].as_str(), renamed["version"].as_i64()), (Some("大米"), Some(2)));
    assert_error(&clerk.put(&format!("{BASE}/items/{rice_id}"), &json!({"code": "RICE10", "name": "大米2", "category": "grain_oil", "unit": "袋", "points_price": 50, "unit_value_fen": 4500, "version": 1})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    assert_eq!(ok(district.get(&format!("{BASE}/items?q=油")).await, StatusCode::OK)["total"], 1);

    // ---- stock in ----
    let start_of_last = last_month.first_day();
    let lots = format!("{BASE}/lots");
    // P1: 4 bags of rice at 45.00 bought on the first of last month, good for 60 days
    let p1 = ok(clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 4, "unit_value_fen": 4500, "expires_on": (today + Duration::days(60)).to_string(), "supplier": "新会粮油公司", "received_on": start_of_last.to_string()})).await, StatusCode::CREATED);
    // M1: 5 boxes of milk at 30.00, bought then too, past their date since yesterday
    let m1 = ok(clerk.post(&lots, &json!({"item_id": milk_id, "quantity": 5, "unit_value_fen": 3000, "expires_on": (today - Duration::days(1)).to_string(), "supplier": "乳业公司", "received_on": start_of_last.to_string()})).await, StatusCode::CREATED);
    // P2: 3 bags at 50.00 today, good for 20 days; O1: 2 bottles of oil at 60.00, no date
    let p2 = ok(clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 3, "unit_value_fen": 5000, "expires_on": (today + Duration::days(20)).to_string(), "supplier": "新会粮油公司"})).await, StatusCode::CREATED);
    ok(clerk.post(&lots, &json!({"item_id": oil_id, "quantity": 2, "unit_value_fen": 6000, "supplier": "新会粮油公司"})).await, StatusCode::CREATED);
    assert_eq!((p2["source"].as_str(), p2["received_on"].as_str()), (Some("purchase"), Some(today.to_string().as_str())), "{p2}");
    assert_eq!((p2["warning"].as_str(), p2["days_left"].as_i64()), (Some("soon"), Some(20)), "{p2}");
    let before = ledger(app).await;
    assert_error(&clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 1, "unit_value_fen": 1, "supplier": "x", "expires_on": (today - Duration::days(1)).to_string()})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("expires_on"));
    assert_error(&clerk.post(&lots, &json!({"item_id": 999_999, "quantity": 1, "unit_value_fen": 1, "supplier": "x"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("item_id"));
    assert_error(&clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 0, "unit_value_fen": 1, "supplier": "x"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("quantity"));
    assert_error(&clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 1, "unit_value_fen": 1, "supplier": "x", "received_on": (today + Duration::days(1)).to_string()})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("received_on"));
    assert_error(&clerk.post(&lots, &json!({"item_id": rice_id, "quantity": 1, "unit_value_fen": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("supplier"));
    assert_eq!(district.post(&lots, &json!({"item_id": rice_id, "quantity": 1, "unit_value_fen": 1, "supplier": "x"})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(ledger(app).await, before, "refused receipts change nothing");
    // D1: a donated lot, as the donation endpoint receives it: 2 bags at 48.00, good for 10 days
    let mut tx = app.store.begin().await.expect("begin");
    let donated = NewLot {
        item_id: rice_id,
        quantity: 2,
        unit_value_fen: 4800,
        expires_on: Some(today + Duration::days(10)),
        source: minzheng_core::charity::supermarket::Source::Donation,
        donation_id: Some(DONATION),
        supplier: "爱心企业".into(),
        received_on: today,
        created_by: "clerk".into(),
    };
    let d1 = app.store.supermarket_stock_in(&mut tx, &donated).await.expect("donated lot");
    tx.commit().await.expect("commit");
    let mut tx = app.store.begin().await.expect("begin");
    let unknown = app.store.supermarket_stock_in(&mut tx, &NewLot { item_id: 999_999, ..donated.clone() }).await.expect_err("unknown item");
    assert!(matches!(unknown, minzheng_store::StoreError::Invalid(ref f) if f.field == "item_id"), "{unknown:?}");
    drop(tx);

    // the stock: rice 4 + 3 + 2 = 9 bags worth 180.00 + 150.00 + 96.00 = 426.00, expiring soon
    // (D1 in 10 days); milk 5 boxes past their date; oil 2 bottles without a date
    let stock = ok(district.get(&format!("{BASE}/stock")).await, StatusCode::OK);
    let r = by_code(&stock, "RICE10");
    assert_eq!((r["in_stock"].as_i64(), r["issuable"].as_i64(), r["value_fen"].as_i64(), r["warning"].as_str()), (Some(9), Some(9), Some(42_600), Some("soon")), "{r}");
    let m = by_code(&stock, "MILK");
    assert_eq!((m["in_stock"].as_i64(), m["issuable"].as_i64(), m["expired"].as_i64(), m["warning"].as_str()), (Some(5), Some(0), Some(5), Some("expired")), "{m}");
    let o = by_code(&stock, "OIL5");
    assert_eq!((o["in_stock"].as_i64(), o["warning"].as_str()), (Some(2), None), "{o}");
    assert_eq!(stock["value_fen"], 42_600 + 15_000 + 12_000);
    let expired = ok(district.get(&format!("{lots}?status=expired")).await, StatusCode::OK);
    assert_eq!((expired["total"].as_i64(), expired["items"][0]["id"].as_i64()), (Some(1), m1["id"].as_i64()), "{expired}");
    // rice lots first-expiring-first: D1 (10 days), P2 (20), P1 (60)
    let rice_lots = ok(district.get(&format!("{lots}?item_id={rice_id}")).await, StatusCode::OK);
    let order: Vec<i64> = rice_lots["items"].as_array().expect("items").iter().map(|l| l["id"].as_i64().expect("id")).collect();
    assert_eq!(order, vec![d1, p2["id"].as_i64().expect("id"), p1["id"].as_i64().expect("id")]);
    // the latest receipt first: the donated lot, received last
    assert_eq!(ok(district.get(&format!("{lots}?order=recent")).await, StatusCode::OK)["items"][0]["id"].as_i64(), Some(d1));
    assert_error(&district.get(&format!("{lots}?order=newest")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("order"));

    // ---- households and a programme ----
    let huicheng = households_in(app, "440705001", 3).await;
    let siqian = households_in(app, "440705102", 1).await;
    let (a, b, d) = (huicheng[0], huicheng[1], huicheng[2]);
    let c = siqian[0];
    enrol(app, 910_000_001, "dibao", a, "禤甲一", 3, "active").await;
    enrol(app, 910_000_002, "tekun", b, "禤乙二", 1, "active").await;
    enrol(app, 910_000_003, "dibao", c, "禤丙三", 2, "active").await;
    // not served: a low-income household (not in the programme) and an ended dibao case
    enrol(app, 910_000_004, "low_income", d, "禤丁四", 4, "active").await;
    let ended = households_in(app, "440705102", 2).await[1];
    enrol(app, 910_000_005, "dibao", ended, "禤戊五", 2, "ended").await;

    let programmes = format!("{BASE}/programmes");
    assert_error(&clerk.post(&programmes, &json!({"name": "x", "eligible": ["medical"], "points": 100})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("eligible"));
    assert_error(&clerk.post(&programmes, &json!({"name": "x", "eligible": ["dibao"], "points": 100, "valid_months": 13})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("valid_months"));
    let body = json!({"name": "低保特困家庭爱心积分", "eligible": ["dibao", "tekun"], "basis": "per_member", "points": 100, "valid_months": 2});
    assert_eq!(district.post(&programmes, &body).await.0, StatusCode::FORBIDDEN);
    let programme = ok(clerk.post(&programmes, &body).await, StatusCode::CREATED);
    assert_eq!(programme["eligible_zh"], json!(["最低生活保障", "特困人员供养"]));
    let pid = programme["id"].as_i64().expect("id");
    let issues = format!("{BASE}/programmes/{pid}/issues");
    let period = this_month.to_string();
    assert_error(&clerk.post(&issues, &json!({"period": last_month.to_string()})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("period"));
    assert_eq!(district.post(&issues, &json!({"period": period})).await.0, StatusCode::FORBIDDEN);
    // 会城 first: A (3 members × 100) and B (1 × 100) = 400 points, valid through next month's end
    let first = ok(clerk.post(&issues, &json!({"period": period, "region_code": HUICHENG})).await, StatusCode::CREATED);
    assert_eq!((first["households"].as_i64(), first["points"].as_i64(), first["already"].as_i64()), (Some(2), Some(400), Some(0)), "{first}");
    assert_eq!(first["expires_on"], this_month.next().last_day().to_string());
    assert_eq!(first["issue"]["region_name"], "会城街道");
    // again: nothing new
    let again = ok(clerk.post(&issues, &json!({"period": period, "region_code": HUICHENG})).await, StatusCode::OK);
    assert_eq!((again["households"].as_i64(), again["points"].as_i64(), again["already"].as_i64(), again["issue"].is_null()), (Some(0), Some(0), Some(2), true), "{again}");
    // the whole district: only C (2 × 100) is new
    let all = ok(clerk.post(&issues, &json!({"period": period})).await, StatusCode::CREATED);
    assert_eq!((all["households"].as_i64(), all["points"].as_i64(), all["already"].as_i64()), (Some(1), Some(200), Some(2)), "{all}");
    assert_eq!(app.count("supermarket_vouchers").await, 3);
    assert_eq!(app.count("supermarket_issues").await, 2);
    let listed = ok(clerk.get(&issues).await, StatusCode::OK);
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    // balances, the heads' names masked; found by name or by the head's ID number
    let found = ok(clerk.get(&format!("{BASE}/households?q=禤")).await, StatusCode::OK);
    assert_eq!(found["total"], 3, "{found}");
    let bal: Vec<(i64, i64)> = found["items"].as_array().expect("items").iter().map(|h| (h["household_id"].as_i64().expect("id"), h["balance"].as_i64().expect("balance"))).collect();
    assert!(bal.contains(&(a, 300)) && bal.contains(&(b, 100)) && bal.contains(&(c, 200)), "{bal:?}");
    assert!(found["items"].as_array().expect("items").iter().all(|h| h["head_name"].as_str().is_some_and(|n| n.contains('*'))), "{found}");
    let head_id: Option<String> = sqlx::query_scalar("SELECT p.id_number FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = $1").bind(a).fetch_optional(app.store.pool()).await.expect("head").flatten();
    if let Some(n) = head_id {
        let by_id = ok(clerk.get(&format!("{BASE}/households?q={n}")).await, StatusCode::OK);
        assert_eq!((by_id["total"].as_i64(), by_id["items"][0]["household_id"].as_i64()), (Some(1), Some(a)), "{by_id}");
    }
    let ha = ok(clerk.get(&format!("{BASE}/households/{a}")).await, StatusCode::OK);
    assert_eq!((ha["balance"].as_i64(), ha["head_name"].as_str()), (Some(300), Some("禤*一")), "{ha}");
    let voucher_a = ha["vouchers"][0]["id"].as_i64().expect("voucher");

    // ---- the counter ----
    let counter = format!("{BASE}/redemptions");
    // A takes 4 bags of rice (200 points) and a bottle of oil (60): 260 of 300. The rice comes
    // first-expiring-first: both bags of D1 (2 × 48.00) then 2 of P2 (2 × 50.00); value 96.00 +
    // 100.00 + 60.00 = 256.00
    let done = ok(clerk.post(&counter, &json!({"household_id": a, "lines": [{"item_id": rice_id, "quantity": 4}, {"item_id": oil_id, "quantity": 1}]})).await, StatusCode::CREATED);
    let red = &done["redemption"];
    assert_eq!((red["points"].as_i64(), red["value_fen"].as_i64(), done["balance"].as_i64()), (Some(260), Some(25_600), Some(40)), "{done}");
    let taken: Vec<(i64, i64, i64, i64)> = red["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| (l["lot_id"].as_i64().expect("lot"), l["quantity"].as_i64().expect("q"), l["points"].as_i64().expect("p"), l["value_fen"].as_i64().expect("v")))
        .collect();
    let p2_id = p2["id"].as_i64().expect("id");
    assert_eq!(&taken[..2], &[(d1, 2, 100, 9_600), (p2_id, 2, 100, 10_000)], "{red}");
    assert_eq!((taken[2].1, taken[2].2, taken[2].3), (1, 60, 6_000));
    assert_eq!(red["head_name"], "禤*一");
    assert_eq!(red["region_code"].as_str().map(|r| r.starts_with("440705001")), Some(true));

    // refusals change nothing
    let before = ledger(app).await;
    // beyond points: one more bottle of oil (60) against 40 left
    assert_error(&clerk.post(&counter, &json!({"household_id": a, "lines": [{"item_id": oil_id, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines"));
    assert_error(&clerk.post(&counter, &json!({"household_id": a, "voucher_id": voucher_a, "lines": [{"item_id": oil_id, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("voucher_id"));
    // beyond stock: 6 bags when 5 are left (B's 100 points would not cover them either: stock is checked first)
    let short = clerk.post(&counter, &json!({"household_id": b, "lines": [{"item_id": oil_id, "quantity": 1}, {"item_id": rice_id, "quantity": 6}]})).await;
    assert_error(&short, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines[1].quantity"));
    assert!(short.1["error"]["message"].as_str().is_some_and(|m| m.contains("可兑换5袋")), "{}", short.1);
    // expired milk is not issuable at all
    assert_error(&clerk.post(&counter, &json!({"household_id": b, "lines": [{"item_id": milk_id, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines[0].quantity"));
    assert_error(&clerk.post(&counter, &json!({"household_id": d, "lines": [{"item_id": oil_id, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("household_id"));
    assert_error(&clerk.post(&counter, &json!({"household_id": b, "lines": []})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines"));
    assert_error(&clerk.post(&counter, &json!({"household_id": b, "lines": [{"item_id": 999_999, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines[0].item_id"));
    assert_eq!(district.post(&counter, &json!({"household_id": b, "lines": [{"item_id": oil_id, "quantity": 1}]})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.login("siqian").await.post(&counter, &json!({"household_id": c, "lines": [{"item_id": oil_id, "quantity": 1}]})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(ledger(app).await, before, "refused redemptions change nothing");
    assert_eq!(ok(clerk.get(&format!("{BASE}/households/{a}")).await, StatusCode::OK)["balance"], 40);

    // ---- write-offs ----
    let p1_id = p1["id"].as_i64().expect("id");
    assert_error(&clerk.post(&format!("{lots}/{p1_id}/write-off"), &json!({"reason": "expired"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("reason"));
    assert_error(&clerk.post(&format!("{lots}/{p1_id}/write-off"), &json!({"reason": "damaged", "quantity": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("note"));
    assert_error(&clerk.post(&format!("{lots}/{p1_id}/write-off"), &json!({"reason": "damaged", "quantity": 5, "note": "受潮"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("quantity"));
    assert_eq!(district.post(&format!("{lots}/{}/write-off", m1["id"]), &json!({"reason": "expired"})).await.0, StatusCode::FORBIDDEN);
    // the milk, all 5 boxes (150.00), expired; 1 bag of P1 (45.00) damaged
    let gone = ok(clerk.post(&format!("{lots}/{}/write-off", m1["id"]), &json!({"reason": "expired"})).await, StatusCode::OK);
    assert_eq!((gone["remaining"].as_i64(), gone["warning"].is_null()), (Some(0), true), "{gone}");
    ok(clerk.post(&format!("{lots}/{p1_id}/write-off"), &json!({"reason": "damaged", "quantity": 1, "note": "包装破损受潮"})).await, StatusCode::OK);
    assert_error(&clerk.post(&format!("{lots}/{}/write-off", m1["id"]), &json!({"reason": "expired"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("quantity"));
    let stock = ok(district.get(&format!("{BASE}/stock")).await, StatusCode::OK);
    // rice left: 1 of P2 (50.00) and 3 of P1 (135.00); oil 1 (60.00); milk none
    assert_eq!(by_code(&stock, "RICE10")["value_fen"], 18_500);
    assert_eq!(stock["value_fen"], 18_500 + 6_000);

    // B's points, issued and expired last month (as if issued then): not spendable now
    sqlx::query("UPDATE supermarket_vouchers SET issued_on = $1, expires_on = $2 WHERE household_id = $3")
        .bind(last_month.first_day().to_string())
        .bind(last_month.last_day().to_string())
        .bind(b)
        .execute(app.store.pool())
        .await
        .expect("age B's voucher");
    assert_eq!(ok(clerk.get(&format!("{BASE}/households/{b}")).await, StatusCode::OK)["balance"], 0);
    assert_error(&clerk.post(&counter, &json!({"household_id": b, "lines": [{"item_id": oil_id, "quantity": 1}]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("lines"));

    // ---- the statement of this month ----
    let s = ok(district.get(&format!("{BASE}/statements/{this_month}")).await, StatusCode::OK);
    // opening (bought last month): P1 4 × 45.00 + milk 5 × 30.00 = 330.00
    // in: donated 96.00 (D1); bought 150.00 (P2) + 120.00 (oil) = 270.00
    // out: redeemed 256.00; written off 150.00 + 45.00 = 195.00
    // closing: 330.00 + 96.00 + 270.00 − 256.00 − 195.00 = 245.00 (the stock's value above)
    let t = &s["totals"];
    assert_eq!(qv(t, "opening").1, 33_000, "{s}");
    assert_eq!((qv(t, "in_donation").1, qv(t, "in_purchase").1), (9_600, 27_000), "{s}");
    assert_eq!((qv(t, "redeemed").1, qv(t, "written_off").1, qv(t, "closing").1), (25_600, 19_500, 24_500), "{s}");
    let rice_line = s["lines"].as_array().expect("lines").iter().find(|l| l["item_id"] == rice_id).expect("rice line");
    // rice: 4 bags (180.00) + 2 donated (96.00) + 3 bought (150.00) − 4 redeemed (196.00) − 1 written off (45.00) = 4 bags, 185.00
    assert_eq!((qv(rice_line, "opening"), qv(rice_line, "in_donation"), qv(rice_line, "in_purchase")), ((4, 18_000), (2, 9_600), (3, 15_000)), "{rice_line}");
    assert_eq!((qv(rice_line, "redeemed"), qv(rice_line, "written_off"), qv(rice_line, "closing")), ((4, 19_600), (1, 4_500), (4, 18_500)), "{rice_line}");
    assert_eq!(rice_line["name"], "大米");
    // points: B's 100 issued and expired last month (opening 0); A's 300 and C's 200 issued now,
    // 260 redeemed: closing 240 (A's 40 + C's 200)
    assert_eq!(s["points"], json!({"opening": 0, "issued": 500, "redeemed": 260, "expired": 0, "closing": 240}), "{s}");
    assert_eq!((s["redemptions"].as_i64(), s["households_served"].as_i64(), s["closed"].as_bool()), (Some(1), Some(1), Some(false)));
    // last month: the two purchases in, B's points issued and expired
    let prev = ok(district.get(&format!("{BASE}/statements/{last_month}")).await, StatusCode::OK);
    assert_eq!((qv(&prev["totals"], "in_purchase").1, qv(&prev["totals"], "closing").1, prev["closed"].as_bool()), (33_000, 33_000, Some(true)), "{prev}");
    assert_eq!(prev["points"], json!({"opening": 0, "issued": 100, "redeemed": 0, "expired": 100, "closing": 0}), "{prev}");
    assert_error(&district.get(&format!("{BASE}/statements/{}", this_month.next())).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("month"));
    assert_error(&district.get(&format!("{BASE}/statements/2026-13")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("month"));
    let (status, content_type, bytes) = district.download(&format!("{BASE}/statements/{this_month}/export")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.contains("spreadsheetml") && bytes.starts_with(b"PK"), "{content_type}");
    let exported: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'supermarket_statement'").fetch_one(app.store.pool()).await.expect("audit");
    assert_eq!(exported, 1);

    // ---- region scope: 司前's officer sees C and nothing of 会城 ----
    let sq = app.login("siqian").await;
    let theirs = ok(sq.get(&format!("{BASE}/households")).await, StatusCode::OK);
    assert_eq!((theirs["total"].as_i64(), theirs["items"][0]["household_id"].as_i64()), (Some(1), Some(c)), "{theirs}");
    assert_eq!(sq.get(&format!("{BASE}/households/{a}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(ok(sq.get(&format!("{BASE}/vouchers")).await, StatusCode::OK)["total"], 1);
    assert_eq!(ok(sq.get(&format!("{BASE}/redemptions")).await, StatusCode::OK)["total"], 0);
    assert_eq!(ok(sq.get(&issues).await, StatusCode::OK).as_array().map(Vec::len), Some(0), "the issues were for 会城 and the district");
    assert_eq!(sq.get(&format!("{BASE}/vouchers?region={HUICHENG}")).await.0, StatusCode::FORBIDDEN);
    // its statement counts only its own households' points (the stock is the supermarket's)
    let theirs = ok(sq.get(&format!("{BASE}/statements/{this_month}")).await, StatusCode::OK);
    assert_eq!(theirs["points"], json!({"opening": 0, "issued": 200, "redeemed": 0, "expired": 0, "closing": 200}), "{theirs}");
    assert_eq!((theirs["households_served"].as_i64(), qv(&theirs["totals"], "closing").1), (Some(0), 24_500));
    // 会城's officer sees A's redemption, masked
    let hc = ok(app.login("huicheng").await.get(&format!("{BASE}/redemptions?month={this_month}")).await, StatusCode::OK);
    assert_eq!((hc["total"].as_i64(), hc["items"][0]["head_name"].as_str()), (Some(1), Some("禤*一")), "{hc}");

    // ---- the donation's trace and the year's figures ----
    let trace = app.store.supermarket_donation_trace(DONATION).await.expect("trace");
    assert_eq!(trace.len(), 1);
    let line = &trace[0];
    assert_eq!((line.lot_id, line.item_name.as_str(), line.unit.as_str(), line.quantity_in, line.redeemed, line.written_off, line.in_stock), (d1, "大米", "袋", 2, 2, 0, 0));
    assert_eq!(line.redemptions.len(), 1);
    assert_eq!((line.redemptions[0].head_name.as_str(), line.redemptions[0].quantity, line.redemptions[0].redeemed_on), ("禤甲一", 2, today));
    assert!(line.redemptions[0].region_code.as_str().starts_with("440705001"));
    assert!(app.store.supermarket_donation_trace(DONATION + 1).await.expect("trace").is_empty());
    let y = app.store.supermarket_year_summary(today.year()).await.expect("year");
    let last_month_this_year = last_month.year() == today.year();
    assert_eq!(y.donated_in_fen, 9_600);
    assert_eq!(y.purchased_in_fen, 27_000 + if last_month_this_year { 33_000 } else { 0 });
    assert_eq!((y.redeemed_out_fen, y.written_off_fen), (25_600, 19_500));
    assert_eq!((y.points_issued, y.points_redeemed, y.households_served, y.redemptions), (500 + if last_month_this_year { 100 } else { 0 }, 260, 1, 1));

    // ---- programmes close; every write was audited ----
    let closed = ok(clerk.put(&format!("{programmes}/{pid}"), &json!({"name": "低保特困家庭爱心积分", "eligible": ["dibao", "tekun"], "basis": "per_member", "points": 100, "valid_months": 2, "status": "closed", "version": 1})).await, StatusCode::OK);
    assert_eq!(closed["status"], "closed");
    assert_error(&clerk.post(&issues, &json!({"period": period})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("status"));
    let audited: Vec<(String, i64)> = sqlx::query("SELECT action, COUNT(*) FROM audit_log WHERE action LIKE 'supermarket.%' GROUP BY action ORDER BY action")
        .fetch_all(app.store.pool())
        .await
        .expect("audit")
        .iter()
        .map(|r| {
            use sqlx::Row;
            (r.get::<String, _>(0), r.get::<i64, _>(1))
        })
        .collect();
    let expect: Vec<(String, i64)> = [
        ("supermarket.issue", 2),
        ("supermarket.item.create", 3),
        ("supermarket.item.update", 1),
        ("supermarket.programme.create", 1),
        ("supermarket.programme.update", 1),
        ("supermarket.redeem", 1),
        ("supermarket.stock_in", 4),
        ("supermarket.write_off", 2),
    ]
    .iter()
    .map(|(a, n)| ((*a).to_owned(), *n))
    .collect();
    assert_eq!(audited, expect);
}
