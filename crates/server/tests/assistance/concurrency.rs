//! C. Two district officers approve the same application at the same moment, from the same
//! version: one succeeds, the other is told someone else took the step; one case, one event.
use reqwest::StatusCode;
use serde_json::json;

use super::support::*;
use crate::common::*;

both!(concurrent_approval => assistance_concurrent_approval_sqlite, assistance_concurrent_approval_postgres);

async fn concurrent_approval(app: &TestApp) {
    let admin = app.login("admin").await;
    let (status, acc) = admin
        .post("/api/v1/accounts", &json!({"username": "district2", "display_name": "区民政局审批员二", "password": "District2026ok", "role": "district_officer", "region_code": COUNTY}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{acc}");

    let town = app.login("huicheng").await;
    let h = create_household(&town, BEIMEN, "会城街道北门社区新会路20号", &[member("柏文涛", "440705", "19800512", 11, "head"), member("岑秀兰", "440705", "19820318", 22, "spouse")]).await;
    let a = apply(&town, h.id, facts(&h.ids(), h.person("head"), 660_000), "6217000012345678").await;
    let id = a["id"].as_i64().expect("id");
    to_notice(app, &town, id).await;
    publish_and_close(app, &town, HUICHENG).await;

    let first = app.login("district").await;
    let second = app.login_with("district2", "District2026ok").await;
    let waiting = application(&first, id).await;
    assert_eq!(waiting["stage"], "approval");
    let version = waiting["version"].as_i64().expect("version");
    let note = json!({"note": "同意"});
    let (a, b) = tokio::join!(act_at(&first, id, "approve", version, note.clone()), act_at(&second, id, "approve", version, note.clone()));
    let (won, lost) = match (a.0, b.0) {
        (StatusCode::OK, _) => (a, b),
        (_, StatusCode::OK) => (b, a),
        _ => panic!("neither approval succeeded: {} {} / {} {}", a.0, a.1, b.0, b.1),
    };
    // the loser is told someone else took the step, not some other reason
    assert_error(&lost, StatusCode::CONFLICT, "conflict", Some("version"));
    assert!(lost.1["error"]["message"].as_str().is_some_and(|m| m.contains("他人")), "{}", lost.1);
    assert!(lost.1["error"]["message_en"].as_str().is_some_and(|m| m.contains("someone else")), "{}", lost.1);
    assert_eq!(won.1["stage"], "approved");

    let now = application(&first, id).await;
    assert_eq!(now["stage"], "approved");
    assert_eq!(now["version"], version + 1, "one step taken");
    let approvals = now["events"].as_array().expect("events").iter().filter(|e| e["action"] == "approve").count();
    assert_eq!(approvals, 1, "one approval recorded: {}", now["events"]);
    let (_, cases) = first.get("/api/v1/assistance/cases").await;
    assert_eq!(cases["total"], 1, "one case enrolled: {cases}");
    assert_eq!(cases["items"][0]["household_id"], h.id);
    assert_eq!(cases["items"][0]["id"], now["case_id"]);
    assert_eq!(app.count("cases").await, 1);
    assert_eq!(app.count("case_members").await, 2, "the loser's members were not stored");
    // the step is done: approving again from the new version is refused by the stage
    let again = act_at(&second, id, "approve", version + 1, note).await;
    assert_error(&again, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("action"));
}
