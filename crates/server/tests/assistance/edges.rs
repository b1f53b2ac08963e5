//! Typed request fields (issue 15, item 3): a bad code, month or date in a query or a body is a 422
//! that names the field in Chinese and English, answered by the type's own Deserialize; blank is
//! no value.
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(typed_fields_name_the_field => typed_fields_sqlite, typed_fields_postgres);

async fn typed_fields_name_the_field(app: &TestApp) {
    let district = app.login("district").await;
    let town = app.login("huicheng").await;
    let bad = [
        (district.get("/api/v1/assistance/applications?stage=nope").await, "stage"),
        (district.get("/api/v1/assistance/applications?programme=nope").await, "programme"),
        (district.get("/api/v1/assistance/cases?programme=xyz").await, "programme"),
        (district.get("/api/v1/assistance/params?key=nope").await, "key"),
        (district.get("/api/v1/verification/reports?conclusion=maybe").await, "conclusion"),
        (district.get("/api/v1/verification/flags?code=nope").await, "code"),
        (district.get("/api/v1/verification/flags?region_code=44x").await, "region_code"),
        (district.get("/api/v1/persons?gender=x").await, "gender"),
        (district.post("/api/v1/assistance/payroll/preview", &json!({"month": "2026-13", "programme": "dibao"})).await, "month"),
        (district.post("/api/v1/assistance/holidays", &json!({"day": "2026-02-30", "kind": "holiday"})).await, "day"),
        (town.post("/api/v1/assistance/notices", &json!({"programme": "dibao", "starts_on": "yesterday"})).await, "starts_on"),
    ];
    for (answer, field) in &bad {
        assert_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some(*field));
        let (zh, en) = (answer.1["error"]["message"].as_str().unwrap_or_default(), answer.1["error"]["message_en"].as_str().unwrap_or_default());
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{field}: both languages: {}", answer.1);
    }
    // blank is no filter; a known code in Chinese reads as the code
    for path in ["/api/v1/assistance/applications?stage=&programme=", "/api/v1/verification/reports?conclusion=", "/api/v1/assistance/cases?programme=低保"] {
        let (status, body) = district.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
}
