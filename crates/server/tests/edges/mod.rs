//! Edges found by the outside test of issue 14: the read-only auditor, error shapes, unknown JSON
//! fields, region filters outside the scope, upload bombs, audit gaps, logins.
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(auditor_writes_nothing => edges_auditor_writes_nothing_sqlite, edges_auditor_writes_nothing_postgres);
both!(errors_are_json => edges_errors_are_json_sqlite, edges_errors_are_json_postgres);
both!(unknown_fields_refused => edges_unknown_fields_refused_sqlite, edges_unknown_fields_refused_postgres);
both!(region_filters_in_scope => edges_region_filters_in_scope_sqlite, edges_region_filters_in_scope_postgres);

/// Every write the OpenAPI document lists is refused to the auditor (403) before it does anything:
/// the auditor reads and writes nothing, whatever permission a route checks.
async fn auditor_writes_nothing(app: &TestApp) {
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let auditor = app.login("auditor").await;
    let audit_before = app.count("audit_log").await;
    let mut walked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        // logging in and out is not a write of the auditor's; the public pages need no account
        if path.starts_with("/api/v1/auth/") || path.starts_with("/api/v1/public/") {
            continue;
        }
        for method in item.as_object().expect("path item").keys() {
            let method = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("method");
            if matches!(method, reqwest::Method::GET | reqwest::Method::HEAD | reqwest::Method::OPTIONS) {
                continue;
            }
            let concrete: String = {
                let mut out = String::new();
                let mut in_param = false;
                for c in path.chars() {
                    match c {
                        '{' => in_param = true,
                        '}' => {
                            in_param = false;
                            out.push('1');
                        }
                        c if !in_param => out.push(c),
                        _ => {}
                    }
                }
                out
            };
            let r = auditor.http.request(method.clone(), auditor.url(&concrete)).header("X-Requested-With", "minzheng").json(&json!({})).send().await.expect("request");
            let answer = answer(r).await;
            assert_error(&answer, StatusCode::FORBIDDEN, "forbidden", None);
            walked += 1;
        }
    }
    assert!(walked >= 100, "the document lists the writes: {walked}");
    // the charity verification of the report is one of them, and none was started
    assert_eq!(app.count("charity_verifications").await, 0);
    assert_eq!(app.count("audit_log").await, audit_before, "a refused write writes nothing");
}

/// axum's own rejections answer the JSON error shape; the JSON content type is a MIME type.
async fn errors_are_json(app: &TestApp) {
    let c = app.login("huicheng").await;
    // a path id that is not a number (was 400 text/plain)
    assert_error(&c.get("/api/v1/persons/abc").await, StatusCode::BAD_REQUEST, "bad_request", None);
    // an unknown route and an unknown method
    assert_error(&c.get("/api/v1/no-such-thing").await, StatusCode::NOT_FOUND, "not_found", None);
    let r = c.http.delete(c.url("/api/v1/health")).header("X-Requested-With", "minzheng").send().await.expect("DELETE");
    assert!(r.headers().get("allow").is_some(), "405 keeps Allow");
    assert_error(&answer(r).await, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None);
    // a query value of the wrong type
    assert_error(&c.get("/api/v1/persons?page=x").await, StatusCode::BAD_REQUEST, "bad_request", None);
    // a multipart upload without its boundary
    let r = c.http.post(c.url("/api/v1/imports")).header("X-Requested-With", "minzheng").header("content-type", "multipart/form-data").body("x").send().await.expect("POST");
    let a = answer(r).await;
    assert_eq!(a.0, StatusCode::BAD_REQUEST, "{}", a.1);
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_request", None);

    // the content type is a MIME type: case and parameters do not matter (was 403)
    let before = app.count("persons").await;
    let body = serde_json::to_vec(&json!({"id_number": id_number("440705", "19870615", 22), "name": "闫雪霁", "region_code": BEIMEN})).expect("json");
    let a = c.post_raw("/api/v1/persons", "Application/JSON; charset=UTF-8", body.clone()).await;
    assert_eq!(a.0, StatusCode::CREATED, "{}", a.1);
    assert_eq!(app.count("persons").await, before + 1);
    // and something else is still not JSON
    assert_error(&c.post_raw("/api/v1/persons", "text/plain", body).await, StatusCode::FORBIDDEN, "forbidden", None);
}

/// A field the body's type does not know is a 422 naming it, and nothing is stored.
async fn unknown_fields_refused(app: &TestApp) {
    let admin = app.login("admin").await;
    let before = app.count("accounts").await;
    let body = json!({"username": "mallory", "display_name": "马洛", "password": "Minzheng@2026x", "role": "village_worker", "region_code": BEIMEN, "is_admin": true});
    let a = admin.post("/api/v1/accounts", &body).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("is_admin"));
    assert_eq!(app.count("accounts").await, before, "nothing stored");
    // without it the same body is fine
    let mut ok = body.clone();
    ok.as_object_mut().expect("object").remove("is_admin");
    let (status, created) = admin.post("/api/v1/accounts", &ok).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");

    // a nested unknown field is named by its path
    let c = app.login("huicheng").await;
    let households = app.count("households").await;
    let hh = json!({"region_code": BEIMEN, "address": "北门路1号", "members": [
        {"relation": "head", "person": {"id_number": id_number("440705", "19850302", 17), "name": "郇志刚", "region_code": BEIMEN, "favourite_colour": "red"}}
    ]});
    let (status, body) = c.post("/api/v1/households", &hh).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["field"].as_str().is_some_and(|f| f.contains("favourite_colour")), "{body}");
    assert_eq!(app.count("households").await, households, "nothing stored");
}

/// A `region` filter outside the account's scope is 403 on the notices and the parameters, as on
/// every other list.
async fn region_filters_in_scope(app: &TestApp) {
    let c = app.login("huicheng").await;
    for path in ["/api/v1/assistance/notices", "/api/v1/assistance/params"] {
        assert_error(&c.get(&format!("{path}?region={SIQIAN}")).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&c.get(&format!("{path}?region={COUNTY}")).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&c.get(&format!("{path}?region=44x")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region"));
        let (status, list) = c.get(&format!("{path}?region={HUICHENG}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {list}");
        let (status, list) = c.get(&format!("{path}?region={BEIMEN}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {list}");
    }
    // the city's standard (prefix 4407, stored by the harness) applies inside the town's filter
    let (_, params) = c.get(&format!("/api/v1/assistance/params?key=dibao.standard&region={BEIMEN}")).await;
    let prefixes: Vec<&str> = params.as_array().expect("list").iter().filter_map(|p| p["region_prefix"].as_str()).collect();
    assert_eq!(prefixes, ["4407"], "{params}");
}
