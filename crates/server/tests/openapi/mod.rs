//! The OpenAPI document (/api/openapi.json) describes what the handlers really take and answer:
//! bodies, parameters in the right place, the error shape, and every route the router serves.
//! (`openapi_lists_routes` in api.rs checks the list of routes against docs/api.md.)
use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{Db, TestApp, spawn_app};

mod snapshot;

both!(document_describes_every_operation => openapi_document_sqlite, openapi_document_postgres);

/// Writes that take no body at all (the path says everything); every other POST/PUT/PATCH must
/// declare one.
const BODYLESS: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/assistance/notices/{id}/close"),
    ("post", "/api/v1/charity/checkpoints"),
    ("post", "/api/v1/charity/verify"),
    ("post", "/api/v1/elderly/outreach/runs"),
    ("post", "/api/v1/elderly/canteens/{id}/settlements/{month}"),
    ("post", "/api/v1/elderly/institutions/{id}/subsidies/{year}"),
];

/// The operations anyone may call without a session.
fn public(path: &str) -> bool {
    path == "/api/v1/health" || path == "/api/v1/auth/login" || path.starts_with("/api/v1/public/")
}

/// Follows a local `$ref` (`#/components/schemas/X`) to what it names.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> Option<&'a Value> {
    match v.get("$ref").and_then(Value::as_str) {
        None => Some(v),
        Some(r) => {
            let mut at = doc;
            for part in r.strip_prefix("#/")?.split('/') {
                at = at.get(part)?;
            }
            Some(at)
        }
    }
}

/// Every `$ref` anywhere under `v`.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    out.extend(x.as_str().map(str::to_owned));
                } else {
                    refs(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// Does the schema (after refs) describe the error answer `{"error": {code, field, message, message_en}}`?
fn is_error_schema(doc: &Value, schema: &Value) -> bool {
    let Some(s) = resolve(doc, schema) else { return false };
    let Some(inner) = s.pointer("/properties/error").and_then(|e| resolve(doc, e)) else { return false };
    ["code", "field", "message", "message_en"].iter().all(|k| inner.pointer(&format!("/properties/{k}")).is_some())
}

/// The routes the router serves, read from the `.route("…", get(…).post(…))` calls in the
/// server's source (axum cannot list its routes), as (method, "/api/v1…" path).
fn router_routes() -> BTreeSet<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("src dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(std::fs::read_to_string(&p).expect("source"));
            }
        }
    }
    let mut sources = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut sources);
    let mut routes = BTreeSet::new();
    for src in &sources {
        let mut rest = src.as_str();
        while let Some(at) = rest.find(".route(") {
            let args = &rest[at + ".route(".len()..];
            // the call's arguments, up to the matching parenthesis
            let mut depth = 1;
            let end = args
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|(i, _)| i)
                .expect("balanced .route(");
            let call = &args[..end];
            rest = &args[end..];
            let Some(path) = call.trim_start().strip_prefix('"').and_then(|p| p.split('"').next()) else { continue };
            let full = if path == "/api/openapi.json" { path.to_owned() } else { format!("/api/v1{path}") };
            let methods = &call[call.find(',').expect("route handler")..];
            for m in ["get", "post", "put", "patch", "delete"] {
                let top = |s: &str| s.match_indices(&format!("{m}(")).any(|(i, _)| i == 0 || !methods.as_bytes()[i - 1].is_ascii_alphanumeric() && methods.as_bytes()[i - 1] != b'_');
                if top(methods) {
                    routes.insert((m.to_owned(), full.clone()));
                }
            }
        }
    }
    routes
}

async fn document_describes_every_operation(app: &TestApp) {
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let mut problems: Vec<String> = Vec::new();

    // every reference resolves
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all.iter().collect::<BTreeSet<_>>() {
        if resolve(&doc, &serde_json::json!({"$ref": r})).is_none() {
            problems.push(format!("dangling reference {r}"));
        }
    }

    let mut documented = BTreeSet::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let in_path: BTreeSet<&str> = path.split('{').skip(1).filter_map(|s| s.split('}').next()).collect();
        for (method, op) in item.as_object().expect("path item") {
            operations += 1;
            documented.insert((method.clone(), path.clone()));
            let here = format!("{} {path}", method.to_uppercase());
            let params: Vec<&Value> = op["parameters"].as_array().map(|a| a.iter().filter_map(|p| resolve(&doc, p)).collect()).unwrap_or_default();
            // path parameters: exactly the `{x}` of the path, each declared once
            let declared: Vec<&str> = params.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect();
            for name in &declared {
                if !in_path.contains(name) {
                    problems.push(format!("{here}: `{name}` is declared `in: path` but the path has no {{{name}}} (a query parameter?)"));
                }
            }
            for name in &in_path {
                match declared.iter().filter(|d| *d == name).count() {
                    1 => {}
                    0 => problems.push(format!("{here}: {{{name}}} has no path parameter")),
                    _ => problems.push(format!("{here}: {{{name}}} is declared twice")),
                }
            }
            let mut seen = BTreeSet::new();
            for p in &params {
                if !seen.insert((p["in"].as_str().unwrap_or(""), p["name"].as_str().unwrap_or(""))) {
                    problems.push(format!("{here}: parameter {} declared twice", p["name"]));
                }
            }
            // a body for every write that takes one, with a schema; JSON or multipart
            if ["post", "put", "patch"].contains(&method.as_str()) && !BODYLESS.contains(&(method.as_str(), path.as_str())) {
                match op.get("requestBody").and_then(|b| resolve(&doc, b)) {
                    None => problems.push(format!("{here}: no request body")),
                    Some(body) => {
                        let content = body["content"].as_object();
                        let schema = content.and_then(|c| c.get("application/json").or_else(|| c.get("multipart/form-data"))).map(|c| &c["schema"]);
                        match schema {
                            None => problems.push(format!("{here}: the request body is neither JSON nor multipart: {body}")),
                            Some(s) if s.is_null() || resolve(&doc, s).is_none() => problems.push(format!("{here}: the request body has no schema")),
                            Some(_) => {}
                        }
                    }
                }
            }
            // the refusals, with the error shape; 401 for every operation behind the login
            let responses = op["responses"].as_object().expect("responses");
            let errors: Vec<&String> = responses
                .iter()
                .filter(|(code, r)| code.starts_with('4') && resolve(&doc, r).and_then(|r| r.pointer("/content/application~1json/schema")).is_some_and(|s| is_error_schema(&doc, s)))
                .map(|(code, _)| code)
                .collect();
            if errors.is_empty() {
                problems.push(format!("{here}: no 4xx response with the error schema"));
            }
            if !public(path) && !errors.iter().any(|c| *c == "401") {
                problems.push(format!("{here}: behind the login but no 401"));
            }
            if !responses.keys().any(|c| c.starts_with('2')) {
                problems.push(format!("{here}: no success response"));
            }
        }
    }
    assert!(operations > 200, "about 250 operations, found {operations}");

    // every route the router serves is in the document, and nothing else is
    let served = router_routes();
    assert!(served.len() > 200, "the source scan finds the routes: {}", served.len());
    for r in served.difference(&documented) {
        if r.1 != "/api/openapi.json" {
            problems.push(format!("{} {} is served but not documented", r.0.to_uppercase(), r.1));
        }
    }
    for r in documented.difference(&served) {
        problems.push(format!("{} {} is documented but not served", r.0.to_uppercase(), r.1));
    }
    assert!(problems.is_empty(), "{} problems in the OpenAPI document:\n{}", problems.len(), problems.join("\n"));
}

both!(fuzz_findings => openapi_fuzz_findings_sqlite, openapi_fuzz_findings_postgres);

/// What the schema-driven fuzzer (scripts/fuzz-api.sh) found, kept found: each was a panic in a
/// debug build (the connection dropped, no answer) and a wrapped number in a release build.
async fn fuzz_findings(app: &TestApp) {
    let district = app.login("district").await;
    // an age past any person: `years * 12` overflowed u32 in the birth-date bound
    let (_, everyone) = district.get("/api/v1/persons").await;
    assert!(everyone["total"].as_i64().is_some_and(|n| n > 0), "{everyone}");
    // nobody is that old; everybody is at most that old
    for (q, total) in [("age_min=2147483648", &Value::from(0)), ("age_max=4294967295", &everyone["total"]), ("age_min=4294967295&age_max=4294967295", &Value::from(0))] {
        let (status, page) = district.get(&format!("/api/v1/persons?{q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
        assert_eq!(&page["total"], total, "{q}");
        let (status, _, _) = district.download(&format!("/api/v1/persons/export?{q}")).await;
        assert_eq!(status, StatusCode::OK, "export {q}");
    }
    // a page past the end: `(page - 1) * page_size` overflowed i64
    let (status, page) = district.get("/api/v1/persons?page=9223372036854775807&page_size=200").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(0));
}
