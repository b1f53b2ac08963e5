//! 隐私与角色 (issue 14 items 1, 8, 10, 14) end to end on both databases: masks that cannot be
//! reversed, what each role sees of the registry, plausible birth dates, and exports that a
//! spreadsheet cannot execute.
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(implausible_birth_dates => implausible_birth_dates_sqlite, implausible_birth_dates_postgres);

/// A birth date before 1890-01-01 is refused, typed or inside an ID number, and nothing is written.
async fn implausible_birth_dates(app: &TestApp) {
    let c = app.login("huicheng").await;
    let before = app.count("persons").await;
    let typed = json!({"alt_id_type": "passport", "alt_id": "E1800", "name": "林古", "gender": "male", "birth_date": "1800-01-01", "region_code": BEIMEN});
    let answer = c.post("/api/v1/persons", &typed).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("birth_date"));
    assert!(answer.1.to_string().contains("1890-01-01"), "{}", answer.1);
    let in_id = json!({"id_number": id_number("440705", "18000101", 11), "name": "林古", "region_code": BEIMEN});
    assert_error(&c.post("/api/v1/persons", &in_id).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("id_number"));
    assert_eq!(app.count("persons").await, before, "nothing was written");
    // the first plausible day is accepted
    let first = json!({"alt_id_type": "passport", "alt_id": "E1890", "name": "林古", "gender": "male", "birth_date": "1890-01-01", "region_code": BEIMEN});
    let (status, body) = c.post("/api/v1/persons", &first).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}
