//! 临时救助 is capped at `temporary.months_cap` × standard × members and, above the town's
//! authority (`temporary.town_months` × standard × members), approved by the district only.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::assistance::support::*;
use crate::common::*;

both!(temporary_cap_and_authority => money_temporary_cap_and_authority_sqlite, money_temporary_cap_and_authority_postgres);

// Three members, city standard 55000 (prefix 4407), defaults months_cap 3 and town_months 1:
// cap 55000 × 3 × 3 = 495000 fen; town authority 55000 × 1 × 3 = 165000 fen.
const CAP: i64 = 495_000;
const TOWN: i64 = 165_000;

fn temporary_body(household: i64, members: &[i64], amount: i64, account: &str) -> Value {
    json!({"programme": "temporary", "household_id": household, "facts": facts(members, members[0], 0),
           "request": {"temporary_amount": amount},
           "payee": {"bank_name": BANK, "bank_account": account}, "note": "火灾后申请临时救助"})
}

fn explanation(a: &Value) -> String {
    a["assessment"]["explanation"].as_array().expect("explanation").iter().map(|l| l["zh"].as_str().unwrap_or_default().to_owned()).collect::<Vec<_>>().join("\n")
}

/// Home visit and verification by the town: a temporary application then waits for approval.
async fn to_approval(app: &TestApp, town: &Client, id: i64) {
    ok(act(town, id, "investigate", visit(app.today)).await);
    let a = ok(act(town, id, "verify", json!({"note": "核对无异常"})).await);
    assert_eq!(a["stage"], "approval", "{a}");
}

async fn temporary_cap_and_authority(app: &TestApp) {
    let town = app.login("huicheng").await;
    let district = app.login("district").await;
    let h = create_household(&town, BEIMEN, "会城街道北门社区临救1号", &[
        member("甘振华", "440705", "19790304", 13, "head"),
        member("甘丽萍", "440705", "19810711", 24, "spouse"),
        member("甘子轩", "440705", "20120915", 35, "child"),
    ])
    .await;

    // 10,000,000,000,000 fen asked: refused at the field, naming the cap; nothing stored
    let before = app.count("applications").await;
    let answer = town.post("/api/v1/assistance/applications", &temporary_body(h.id, &h.ids(), 10_000_000_000_000, "6217000011112222")).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("request.temporary_amount"));
    let message = answer.1["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("{}元", yuan(CAP))), "{message}");
    assert_eq!(app.count("applications").await, before);
    // a negative amount is refused at the field too
    let answer = town.post("/api/v1/assistance/applications", &temporary_body(h.id, &h.ids(), -100, "6217000011112222")).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("request.temporary_amount"));
    // exactly the cap is accepted; between the town's authority and the cap: the district's
    let (status, a) = town.post("/api/v1/assistance/applications", &temporary_body(h.id, &h.ids(), 300_000, "6217000011112222")).await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    let id = a["id"].as_i64().expect("id");
    assert_eq!(a["one_off"], 300_000);
    assert_eq!(a["assessment"]["approver"], "district");
    let text = explanation(&a);
    assert!(text.contains(&format!("临时救助上限 = 低保标准550.00元 × 3个月（默认标准） × 3人 = {}元", yuan(CAP))), "{text}");
    assert!(text.contains(&format!("镇街审批权限 = 低保标准550.00元 × 1个月（默认标准） × 3人 = {}元", yuan(TOWN))), "{text}");
    let keys: Vec<&str> = a["assessment"]["params"].as_array().expect("params").iter().map(|p| p["key"].as_str().unwrap_or_default()).collect();
    assert!(keys.contains(&"temporary.months_cap") && keys.contains(&"temporary.town_months") && keys.contains(&"dibao.standard"), "{keys:?}");
    to_approval(app, &town, id).await;
    let a = application(&town, id).await;
    assert!(!a["allowed_actions"].as_array().expect("actions").iter().any(|x| x == "approve"), "{a}");
    // the town's approval is refused: over its authority
    let answer = act(&town, id, "approve", json!({"note": "同意"})).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "forbidden", None);
    assert!(answer.1["error"]["message"].as_str().unwrap_or_default().contains("审批权限"), "{}", answer.1);
    // the district may not approve more than the cap either
    let answer = act(&district, id, "approve", json!({"request": {"temporary_amount": CAP + 1}})).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("request.temporary_amount"));
    assert_eq!(application(&town, id).await["stage"], "approval");
    // the district approves
    let a = ok(act(&district, id, "approve", json!({"note": "同意临时救助"})).await);
    assert_eq!(a["stage"], "approved", "{a}");
    let case_id = a["case_id"].as_i64().expect("case");
    assert_eq!(case(&district, case_id).await["one_off"], 300_000);

    // within the town's authority the town approves itself (another household)
    let h2 = create_household(&town, BEIMEN, "会城街道北门社区临救2号", &[
        member("龚建国", "440705", "19700101", 57, "head"),
        member("龚美玲", "440705", "19720202", 68, "spouse"),
        member("龚晓东", "440705", "20000303", 79, "child"),
    ])
    .await;
    let (status, a) = town.post("/api/v1/assistance/applications", &temporary_body(h2.id, &h2.ids(), TOWN, "6217000033334444")).await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    assert_eq!(a["assessment"]["approver"], "town");
    let id2 = a["id"].as_i64().expect("id");
    to_approval(app, &town, id2).await;
    // raising the amount at the approval puts it over the town's authority
    let answer = act(&town, id2, "approve", json!({"request": {"temporary_amount": TOWN + 1}})).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "forbidden", None);
    let a = ok(act(&town, id2, "approve", json!({"note": "镇街审批"})).await);
    assert_eq!(a["stage"], "approved", "{a}");
}
