//! Snapshots: loaded with rejected rows listed, rejected whole (nothing changed) when malformed,
//! superseded by the next one, loaded by those who may.
use reqwest::StatusCode;
use serde_json::json;

use super::support::*;
use crate::common::*;

fn deposits(rows: usize, bad: &[usize]) -> String {
    let mut s = String::from("身份证号,姓名,开户银行,账号,余额");
    for i in 0..rows {
        let id = if bad.contains(&i) { bad_id_number("440705", "19800101", i as u16 + 1) } else { id_number("440705", "19800101", i as u16 + 1) };
        s.push_str(&format!("\n{id},储户{i},江门农商银行,62280000{i:08},{}.50", 1000 + i));
    }
    s
}

async fn active(c: &Client, feed: &str) -> serde_json::Value {
    let (status, v) = c.get("/api/v1/verification/snapshots").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v["feeds"].as_array().expect("feeds").iter().find(|f| f["feed"] == feed).cloned().expect("feed")["active"].clone()
}

pub async fn snapshots_loaded_and_rejected(app: &TestApp) {
    let verifier = app.login("verifier").await;
    let as_of = (app.today - chrono::Duration::days(3)).to_string();
    let (status, feeds) = verifier.get("/api/v1/verification/feeds").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(feeds.as_array().expect("feeds").len(), 14, "{feeds}");
    let deposit_feed = feeds.as_array().expect("feeds").iter().find(|f| f["code"] == "bank_deposit").cloned().expect("bank_deposit");
    assert_eq!(deposit_feed["source_zh"], "银行");
    assert!(deposit_feed["columns"].as_array().expect("columns").iter().any(|c| c["header"] == "余额" && c["kind"] == "yuan" && c["required"] == true));

    // 200 rows, one with a wrong check digit: loaded, that row rejected and named
    let first = loaded(&verifier, "bank_deposit", &as_of, &deposits(200, &[7])).await;
    assert_eq!((first["rows"].as_i64(), first["rejected_rows"].as_i64(), first["status"].as_str()), (Some(200), Some(1), Some("active")), "{first}");
    assert_eq!(first["rejected"][0]["row"], 9, "row 1 is the header: the 8th data row is row 9");
    assert_eq!(first["rejected"][0]["column"], "身份证号");
    let (_, rejected) = verifier.get(&format!("/api/v1/verification/snapshots/{}/rejected", first["id"])).await;
    assert_eq!(rejected.as_array().expect("rejected").len(), 1);
    let records = app.count("verification_records").await;
    assert_eq!(records, 199);

    // malformed: a required column missing; then 3 bad rows of 200 (over 1%): rejected whole
    let (status, e) = load(&verifier, "bank_deposit", &as_of, "身份证号,姓名,开户银行\n440705198001010011,张三,某行").await;
    assert_error(&(status, e.clone()), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
    assert!(e["error"]["message"].as_str().expect("message").contains("账号"), "{e}");
    let (status, e) = load(&verifier, "bank_deposit", &as_of, &deposits(200, &[2, 50, 51])).await;
    assert_error(&(status, e.clone()), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
    let fields: Vec<&str> = e["error"]["errors"].as_array().expect("errors").iter().filter_map(|x| x["field"].as_str()).collect();
    assert!(fields.contains(&"rows[4].身份证号") && fields.contains(&"rows[53].身份证号"), "{fields:?}");
    let (status, e) = load(&verifier, "bank_deposit", &as_of, "").await;
    assert_error(&(status, e), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
    let (status, e) = load(&verifier, "no_such_feed", &as_of, &deposits(3, &[])).await;
    assert_error(&(status, e), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("feed"));
    assert_eq!(active(&verifier, "bank_deposit").await["id"], first["id"], "the snapshot in force stays");
    assert_eq!(app.count("verification_records").await, records, "nothing was written");

    // the next snapshot supersedes it (by push, as a department's system would)
    let (status, second) = verifier
        .post(
            "/api/v1/verification/feeds/bank_deposit/push",
            &json!({"as_of": as_of, "rows": [{"身份证号": id_number("440705", "19800101", 1), "姓名": "储户0", "account": "6228", "balance": "12.00"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(active(&verifier, "bank_deposit").await["id"], second["id"]);
    assert_eq!(app.count("verification_records").await, 1, "the superseded snapshot's records are gone");
    let (_, all) = verifier.get("/api/v1/verification/snapshots").await;
    let history = all["feeds"].as_array().expect("feeds").iter().find(|f| f["feed"] == "bank_deposit").cloned().expect("feed")["history"].clone();
    assert_eq!(history.as_array().expect("history").iter().map(|s| s["status"].as_str().unwrap_or("")).collect::<Vec<_>>(), vec!["active", "superseded"]);

    // coverage: a registered person's ID number counts as matched
    let person = &app.seeded[0].members[0].person;
    let id = person.id_number.as_ref().expect("an ID number").as_str().to_owned();
    let one = loaded(&verifier, "ps_hukou", &as_of, &format!("身份证号,姓名,户号\n{id},{},H1", person.name)).await;
    assert_eq!(one["matched_persons"], 1, "{one}");
    assert!(one["registry_persons"].as_i64().expect("registry") >= 1000);

    // who may load
    let town = app.login("huicheng").await;
    assert_eq!(load(&town, "bank_deposit", &as_of, &deposits(3, &[])).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.login("auditor").await.get("/api/v1/verification/snapshots").await.0, StatusCode::OK);
    assert_eq!(app.login("finance").await.get("/api/v1/verification/snapshots").await.0, StatusCode::FORBIDDEN);
}
