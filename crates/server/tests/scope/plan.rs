//! Region scope of the work plan (大民政工作计划). The plan is the district's by design: its plans,
//! lines, targets, matrix, status, report and export have no place of their own, so every account
//! that may read the plan reads all of it (a town's officer reads by id what the district reads),
//! and no plan endpoint takes a region filter. What a town's account may do is bound by the units
//! it acts for: a town unit is its town's (`plan_units.region_code`), so another town's officer
//! reports for it no more than he reads another town's persons.
use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(plan_scope => plan_scope_sqlite, plan_scope_postgres);

async fn plan_scope(app: &TestApp) {
    let district = app.login("district").await;
    let (huicheng, siqian) = (app.login("huicheng").await, app.login("siqian").await);
    let year = app.today.year();
    let (st, plan) = district.post("/api/v1/plan/plans", &json!({"name": "范围", "years": [year]})).await;
    assert_eq!(st, StatusCode::CREATED, "{plan}");
    let id = plan["id"].as_i64().unwrap();
    let (st, line) = district.post(&format!("/api/v1/plan/plans/{id}/lines"), &json!({"system": "体系", "task": "会城的任务", "due_year": year, "units": "会城"})).await;
    assert_eq!(st, StatusCode::CREATED, "{line}");

    // the district's plan: another town's officer reads it, by id too, as the district does
    for path in [
        "/api/v1/plan/plans".to_owned(),
        format!("/api/v1/plan/plans/{id}"),
        format!("/api/v1/plan/plans/{id}/matrix"),
        format!("/api/v1/plan/plans/{id}/status"),
        format!("/api/v1/plan/plans/{id}/indicators"),
        format!("/api/v1/plan/plans/{id}/report"),
    ] {
        let (st, body) = siqian.get(&path).await;
        assert_eq!(st, StatusCode::OK, "{path}: {body}");
    }
    let (st, _, bytes) = siqian.download(&format!("/api/v1/plan/plans/{id}/export.xlsx")).await;
    assert!(st == StatusCode::OK && !bytes.is_empty(), "the export is the district's");

    // the line's unit is 会城's: its officer reports for it, 司前's may not
    let (_, units) = district.get("/api/v1/plan/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["region_code"] == HUICHENG).unwrap_or_else(|| panic!("a unit of 会城: {units}"));
    assert_eq!(unit["kind"], "town");
    let line = &line["systems"][0]["groups"][0]["tasks"][0]["lines"][0];
    assert_eq!(line["lead"]["id"], unit["id"], "{line}");
    let line_id = line["id"].as_i64().unwrap();
    let quarter = format!("{}-Q{}", year, app.today.month0() / 3 + 1);
    let report = json!({"unit_id": unit["id"], "period": quarter, "percent": 10, "narrative": "已启动"});
    let (st, body) = siqian.post(&format!("/api/v1/plan/lines/{line_id}/reports"), &report).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "another town's unit: {body}");
    let (_, mine) = siqian.get("/api/v1/plan/me").await;
    assert!(mine["units"].as_array().unwrap().iter().all(|u| u["id"] != unit["id"]), "{mine}");
    let (st, body) = huicheng.post(&format!("/api/v1/plan/lines/{line_id}/reports"), &report).await;
    assert_eq!(st, StatusCode::CREATED, "its own town's unit: {body}");
}

