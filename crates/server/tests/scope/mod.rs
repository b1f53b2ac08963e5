//! Region scope per area (issue 15, item 2): a town's account asking for another town's records by
//! id is told they do not exist (404), and a region filter outside its scope is refused (403,
//! naming the region), for the lists, details and exports of each area that lacked such a test.
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

mod charity;
mod plan;

both!(scope_per_area => scope_per_area_sqlite, scope_per_area_postgres);

/// 403 for a region outside the account's scope (not for a missing permission: the message names
/// the region).
fn assert_outside(answer: &(StatusCode, Value), path: &str) {
    assert_eq!(answer.0, StatusCode::FORBIDDEN, "{path}: {}", answer.1);
    assert_eq!(answer.1["error"]["code"], "forbidden", "{path}: {}", answer.1);
    let en = answer.1["error"]["message_en"].as_str().unwrap_or_default();
    assert!(en.contains("outside your region"), "{path}: not a scope refusal: {}", answer.1);
}

fn assert_not_found(answer: &(StatusCode, Value), path: &str) {
    assert_eq!(answer.0, StatusCode::NOT_FOUND, "{path}: {}", answer.1);
    assert_eq!(answer.1["error"]["code"], "not_found", "{path}: {}", answer.1);
}

async fn scope_per_area(app: &TestApp) {
    let district = app.login("district").await;
    let siqian = app.login("siqian").await;

    // a seeded person living in 会城 (outside 司前's scope), found by the district
    let (status, page) = district.get(&format!("/api/v1/persons?region={HUICHENG}&page_size=1")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let pid = page["items"][0]["id"].as_i64().expect("a seeded person in 会城");
    let (status, _) = district.get(&format!("/api/v1/elderly/persons/{pid}/profile")).await;
    assert_eq!(status, StatusCode::OK, "the district reads the profile");

    // ---- details: another town's record does not exist for 司前 ----
    for path in [
        format!("/api/v1/persons/{pid}"),
        format!("/api/v1/elderly/persons/{pid}/profile"),
        format!("/api/v1/elderly/persons/{pid}/assessments"),
        format!("/api/v1/elderly/persons/{pid}/visit-plans"),
        format!("/api/v1/elderly/care/eligibility/{pid}"),
    ] {
        assert_not_found(&siqian.get(&path).await, &path);
    }

    // ---- lists and exports: a region filter outside the scope is refused ----
    let paths = [
        // registry
        format!("/api/v1/persons?region={HUICHENG}"),
        format!("/api/v1/households/export?region={HUICHENG}"),
        // plan: the district's by design, no region filter (scope/plan.rs)
        // verification
        format!("/api/v1/verification/reports?region_code={HUICHENG}"),
        format!("/api/v1/verification/flags?region_code={HUICHENG}"),
        // elderly: outreach and register
        format!("/api/v1/elderly/register?region_code={HUICHENG}"),
        format!("/api/v1/elderly/register.xlsx?region_code={HUICHENG}"),
        format!("/api/v1/elderly/register/map?region_code={HUICHENG}"),
        format!("/api/v1/elderly/outreach/tasks?region_code={HUICHENG}"),
        // elderly: assessment
        format!("/api/v1/elderly/assessments?region_code={HUICHENG}"),
        format!("/api/v1/elderly/assessments/due?region_code={HUICHENG}"),
        format!("/api/v1/elderly/visit-plans?region_code={HUICHENG}"),
        // elderly: care
        format!("/api/v1/elderly/care/enrolments?region_code={HUICHENG}"),
        format!("/api/v1/elderly/care/orders?region_code={HUICHENG}"),
        // elderly: services
        format!("/api/v1/elderly/institutions?region={HUICHENG}"),
        format!("/api/v1/elderly/institutions/indicators?region={HUICHENG}"),
        format!("/api/v1/elderly/canteens?region={HUICHENG}"),
        format!("/api/v1/elderly/canteens/meals?region={HUICHENG}"),
        format!("/api/v1/elderly/emergency/devices?region={HUICHENG}"),
        format!("/api/v1/elderly/emergency/priority?region={HUICHENG}"),
        format!("/api/v1/elderly/emergency/alarms?region={HUICHENG}"),
    ];
    for path in &paths {
        assert_outside(&siqian.get(path).await, path);
    }

    // a typed region filter: blank is no filter, a malformed code is a 422 naming `region` in both
    // languages (RegionCode's Deserialize), as the handlers' own parse answered before
    for path in ["/api/v1/persons?region=", "/api/v1/elderly/canteens?region=%20"] {
        let (status, body) = siqian.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    for path in ["/api/v1/persons?region=44x7", "/api/v1/elderly/canteens?region=abc", "/api/v1/assistance/cases?region=12-34"] {
        let answer = siqian.get(path).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region"));
        assert!(!answer.1["error"]["message_en"].as_str().unwrap_or_default().contains('\u{1e}'), "{path}: {}", answer.1);
    }

    // charity: the clerk's scope is the district; a region filter beyond it is refused
    let charity = app.login("charity").await;
    for path in [
        "/api/v1/charity/allocations?region=440706000000",
        "/api/v1/charity/supermarket/vouchers?region=440706000000",
        "/api/v1/charity/supermarket/households?region=440706000000",
        "/api/v1/charity/supermarket/redemptions?region=440706000000",
    ] {
        assert_outside(&charity.get(path).await, path);
    }
}
