//! Helpers of the verification scenarios.
#![allow(dead_code)]

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Loads a CSV snapshot of `feed` (multipart, as the console does).
pub async fn load(c: &Client, feed: &str, as_of: &str, csv: &str) -> (StatusCode, Value) {
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name(format!("{feed}.csv"));
    let form = reqwest::multipart::Form::new().text("feed", feed.to_owned()).text("as_of", as_of.to_owned()).part("file", part);
    let req = c.http.post(c.url("/api/v1/verification/snapshots")).header("X-Requested-With", "minzheng").multipart(form);
    answer(req.send().await.expect("upload")).await
}

/// Loads and expects 201.
pub async fn loaded(c: &Client, feed: &str, as_of: &str, csv: &str) -> Value {
    let (status, v) = load(c, feed, as_of, csv).await;
    assert_eq!(status, StatusCode::CREATED, "{feed}: {v}");
    v
}

/// Verifies one application; returns the report.
pub async fn verify_application(c: &Client, application_id: i64) -> Value {
    let (status, run) = c.post("/api/v1/verification/runs", &json!({"scope": "application", "application_id": application_id})).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    assert_eq!(run["status"], "done", "{run}");
    let id = run["report_id"].as_i64().unwrap_or_else(|| panic!("a report in {run}"));
    let (status, report) = c.get(&format!("/api/v1/verification/reports/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    report
}

/// The flag codes of a report, sorted.
pub fn codes(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["flags"].as_array().expect("flags").iter().map(|f| f["code"].as_str().expect("code").to_owned()).collect();
    v.sort();
    v
}

/// Polls a run until it is no longer running.
pub async fn wait_run(c: &Client, id: i64) -> Value {
    let started = std::time::Instant::now();
    loop {
        let (status, run) = c.get(&format!("/api/v1/verification/runs/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{run}");
        if run["status"] != "running" {
            return run;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "run {id} still running: {run}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
