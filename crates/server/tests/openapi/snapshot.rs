//! web/openapi.json is the server's document as the console's types were generated from it
//! (`npm --prefix web run gen:api`): a change to a handler's payloads must show up in that file,
//! and so in the console's types, in the same commit.
use reqwest::StatusCode;

use crate::common::{Db, TestApp, spawn_app};

both!(snapshot_is_current => openapi_snapshot_sqlite, openapi_snapshot_postgres);

/// How to bring web/openapi.json and the console's types up to date, in one command.
const UPDATE: &str = "MZ_UPDATE_OPENAPI=1 cargo test -p minzheng-server --test api -- openapi && npm --prefix web run gen:api";

async fn snapshot_is_current(app: &TestApp) {
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    // serde_json's map is ordered by key, so the text is stable whatever order utoipa built it in
    // one operationId per route, so the console's generated `operations` cannot confuse two
    let mut ids = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if let Some(id) = op["operationId"].as_str() {
                ids.entry(id.to_owned()).or_default().push(format!("{method} {path}"));
            }
        }
    }
    let repeated: Vec<_> = ids.iter().filter(|(_, routes)| routes.len() > 1).collect();
    assert!(repeated.is_empty(), "operationIds used by more than one route: {repeated:?}");
    let live = serde_json::to_string_pretty(&doc).expect("document") + "\n";
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/openapi.json");
    if std::env::var_os("MZ_UPDATE_OPENAPI").is_some_and(|v| v == "1") {
        // both databases' tests write the same text, one at a time
        static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        std::fs::write(&file, &live).expect("write web/openapi.json");
        return;
    }
    let saved = std::fs::read_to_string(&file).unwrap_or_default();
    if saved != live {
        let line = saved.lines().zip(live.lines()).position(|(a, b)| a != b).unwrap_or_else(|| saved.lines().count().min(live.lines().count())) + 1;
        panic!("web/openapi.json differs from the server's document (first at line {line}); update it and the console's types with:\n  {UPDATE}");
    }
}
