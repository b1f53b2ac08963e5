//! D. Who may see and do what, and what a bad request is told: another town's officer sees
//! nothing, roles keep to their steps, bad bodies name the field and store nothing, the public
//! notice shows masked names only.
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::*;
use crate::common::*;

both!(access_and_validation => assistance_access_and_validation_sqlite, assistance_access_and_validation_postgres);

const ACCOUNT: &str = "6217000012345678";

async fn access_and_validation(app: &TestApp) {
    let town = app.login("huicheng").await;
    let other_town = app.login("siqian").await;
    let village = app.login("beimen").await;
    let finance = app.login("finance").await;
    let district = app.login("district").await;
    let auditor = app.login("auditor").await;

    let h = create_household(
        &town,
        BEIMEN,
        "会城街道北门社区新会路18号",
        &[member("柏文涛", "440705", "19800512", 11, "head"), member("岑秀兰", "440705", "19820318", 22, "spouse")],
    )
    .await;
    let elsewhere = create_household(&other_town, SIQIAN_VILLAGE, "司前镇某村3号", &[member("龚德明", "440705", "19650704", 33, "head")]).await;
    let (head, spouse) = (h.person("head"), h.person("spouse"));
    let good = application_body(h.id, facts(&[head, spouse], head, 660_000), ACCOUNT);
    let stored = || async { (app.count("applications").await, app.count("application_events").await) };
    assert_eq!(stored().await, (0, 0));

    // ---- only the town accepts (一门受理) ----
    for (who, c) in [("finance", &finance), ("village worker", &village), ("district", &district), ("auditor", &auditor)] {
        let a = c.post("/api/v1/assistance/applications", &good).await;
        assert_error(&a, StatusCode::FORBIDDEN, "forbidden", None);
        assert_eq!(stored().await, (0, 0), "{who}");
    }

    // ---- bad bodies: 422 naming the field, nothing stored ----
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut b = good.clone();
        edit(&mut b);
        b
    };
    let bad: Vec<(Value, &str)> = vec![
        (with(&|b| b["programme"] = json!("pension")), "programme"),
        (with(&|b| b["programme"] = Value::Null), "programme"),
        (with(&|b| drop(b.as_object_mut().expect("object").remove("household_id"))), "household_id"),
        // another town's household is not this officer's
        (with(&|b| b["household_id"] = json!(elsewhere.id)), "household_id"),
        (with(&|b| b["facts"]["incomes"][0]["amount"] = json!(-1)), "facts.incomes[0].amount"),
        // a person of 司前镇 is outside 会城's scope
        (with(&|b| b["facts"]["members"][1]["person_id"] = json!(elsewhere.person("head"))), "facts.members[1].person_id"),
        (with(&|b| b["facts"]["members"][0]["person_id"] = json!(999_999_999)), "facts.members[0].person_id"),
        (with(&|b| b["facts"]["members"] = json!([])), "facts.members"),
        (with(&|b| b["payee"]["bank_account"] = json!("12ab")), "payee.bank_account"),
    ];
    for (body, field) in &bad {
        let a = town.post("/api/v1/assistance/applications", body).await;
        assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(field));
        // the provisional means test says the same
        if !field.starts_with("payee") {
            // (the means test's body is the application's without the payee and the note, as the
            // console sends it: an unknown field would be refused)
            let mut body = body.clone();
            let fields = body.as_object_mut().expect("object");
            fields.remove("payee");
            fields.remove("note");
            let a = town.post("/api/v1/assistance/assess", &body).await;
            assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(field));
        }
    }
    assert_eq!(stored().await, (0, 0), "no bad body stored anything");

    let created = apply(&town, h.id, facts(&[head, spouse], head, 660_000), ACCOUNT).await;
    let id = created["id"].as_i64().expect("id");
    let path = format!("/api/v1/assistance/applications/{id}");
    let version = created["version"].as_i64().expect("version");

    // ---- another town's officer: not found, whatever he tries ----
    assert_error(&other_town.get(&path).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&act_at(&other_town, id, "investigate", version, visit(app.today)).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&act_at(&other_town, id, "reject", version, json!({"reason": "不符合条件"})).await, StatusCode::NOT_FOUND, "not_found", None);
    let (_, list) = other_town.get("/api/v1/assistance/applications").await;
    assert_eq!(list["total"], 0, "{list}");
    assert_error(&other_town.get("/api/v1/assistance/applications?region=440705001000").await, StatusCode::FORBIDDEN, "forbidden", None);
    // while the district and the village see it
    assert_eq!(application(&district, id).await["id"], id);
    assert_eq!(application(&village, id).await["id"], id);

    // ---- steps and their rules ----
    let reject = act_at(&town, id, "reject", version, json!({})).await;
    assert_error(&reject, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("reason"));
    let reject = act_at(&town, id, "reject", version, json!({"reason": "   "})).await;
    assert_error(&reject, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("reason"));
    assert_error(&act_at(&town, id, "fly", version, json!({})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("action"));
    // the district approves, but not at the home-visit step
    assert_error(&act_at(&district, id, "approve", version, json!({})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("action"));
    // a home visit needs its findings
    let no_findings = act_at(&town, id, "investigate", version, json!({"visit": {"visited_on": app.today.to_string(), "findings": ""}})).await;
    assert_error(&no_findings, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("visit.findings"));
    assert_error(&act_at(&town, id, "investigate", version + 1, visit(app.today)).await, StatusCode::CONFLICT, "conflict", Some("version"));
    let unchanged = application(&town, id).await;
    assert_eq!(unchanged["stage"], "investigation");
    assert_eq!(unchanged["version"], version, "no refused step changed anything");
    assert_eq!(stored().await, (1, 1), "only the acceptance is recorded");

    to_notice(app, &town, id).await;
    let notice = publish_and_close(app, &town, HUICHENG).await;
    let at_approval = application(&district, id).await;
    assert_eq!(at_approval["stage"], "approval");
    let version = at_approval["version"].as_i64().expect("version");
    for (who, c) in [("village worker", &village), ("town officer", &town), ("finance", &finance), ("auditor", &auditor)] {
        let a = act_at(c, id, "approve", version, json!({})).await;
        assert_eq!(a.0, StatusCode::FORBIDDEN, "{who}: {}", a.1);
        assert_eq!(a.1["error"]["code"], "forbidden");
    }
    assert!(!application(&village, id).await["allowed_actions"].as_array().expect("allowed").iter().any(|a| a == "approve"));
    // the district's rejection needs its reasons too, and carries them
    let a = act_at(&district, id, "reject", version, json!({})).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("reason"));
    assert_eq!(application(&district, id).await["version"], version);
    let rejected = ok(act_at(&district, id, "reject", version, json!({"reason": "家庭成员名下有未申报的经营性车辆"})).await);
    assert_eq!(rejected["stage"], "rejected");
    assert_eq!(rejected["case_id"], Value::Null);
    assert_eq!(rejected["allowed_actions"], json!([]));
    let event = rejected["events"].as_array().expect("events").iter().find(|e| e["action"] == "reject").cloned().expect("a reject event");
    assert!(event["note"].as_str().is_some_and(|n| n.contains("未申报的经营性车辆")), "{event}");
    assert_eq!(app.count("cases").await, 0);

    // ---- the notice board: no login, masked ----
    let (status, public) = app.anonymous().get(&format!("/api/v1/public/notices/{}", notice["id"])).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    let items = public["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert!(items[0]["name"].as_str().is_some_and(|n| n.contains('*')), "{public}");
    assert!(items[0]["id_number"].as_str().is_some_and(|n| n.contains('*')), "{public}");
    let text = public.to_string();
    for (_, _, name, id_number) in &h.members {
        assert!(!text.contains(id_number.as_str()) && !text.contains(name.as_str()), "{text}");
    }
    // the console's notice list needs a login
    assert_error(&app.anonymous().get("/api/v1/assistance/notices").await, StatusCode::UNAUTHORIZED, "unauthorized", None);
    assert_error(&app.anonymous().get(&format!("/api/v1/assistance/notices/{}", notice["id"])).await, StatusCode::UNAUTHORIZED, "unauthorized", None);
}
