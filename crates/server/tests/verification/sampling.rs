//! The yearly re-inspection sample: per town, the city's share apart, reproducible from its seed;
//! the visit recorded once on the phone page's API; and a batch run over active cases.
use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::*;
use crate::assistance::support::*;
use crate::common::*;

fn items_of(v: &Value) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = v["items"].as_array().expect("items").iter().map(|i| (i["household_id"].as_i64().expect("household"), i["sample"].as_str().expect("sample").to_owned())).collect();
    out.sort();
    out
}

pub async fn sampling_reproducible_and_visited(app: &TestApp) {
    let mut households = Vec::new();
    for (i, (user, town, village)) in [("huicheng", HUICHENG, BEIMEN), ("huicheng", HUICHENG, BEIMEN), ("huicheng", HUICHENG, BEIMEN), ("siqian", SIQIAN, SIQIAN_VILLAGE)].into_iter().enumerate() {
        let seq = 400 + 2 * i as u16;
        let members = [member("抽查户主", "440705", "19650101", seq, "head"), member("抽查配偶", "440705", "19660101", seq + 1, "spouse")];
        let (h, _, _) = enrolled(app, user, town, village, &members, 600_000, &format!("62280000000004{i:02}")).await;
        households.push(h.id);
    }
    let verifier = app.login("verifier").await;
    let year = app.today.year();
    let (status, draw) = verifier.post("/api/v1/verification/sampling", &json!({"year": year, "region_code": COUNTY, "seed": "abc123"})).await;
    assert_eq!(status, StatusCode::CREATED, "{draw}");
    // 会城 3 households: city round(0.6) = 1, district round(1.5) = 2; 司前 1: city round(0.2) = 0, district round(0.5) = 1
    assert_eq!((draw["population"].as_i64(), draw["city_count"].as_i64(), draw["district_count"].as_i64()), (Some(4), Some(1), Some(3)), "{draw}");
    let towns: Vec<(String, i64, i64, i64)> = draw["by_town"]
        .as_array()
        .expect("by_town")
        .iter()
        .map(|t| (t["town_code"].as_str().unwrap_or("").to_owned(), t["population"].as_i64().unwrap_or(0), t["city"].as_i64().unwrap_or(0), t["district"].as_i64().unwrap_or(0)))
        .collect();
    assert_eq!(towns, vec![(HUICHENG.to_owned(), 3, 1, 2), (SIQIAN.to_owned(), 1, 0, 1)]);
    assert_eq!(draw["seed"], "abc123");
    assert_error(&verifier.post("/api/v1/verification/sampling", &json!({"year": year, "region_code": COUNTY})).await, StatusCode::CONFLICT, "conflict", Some("year"));
    assert_error(&verifier.post("/api/v1/verification/sampling", &json!({"year": year - 3, "seed": "not a seed!"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("seed"));

    // the same seed and population give the same sample
    let (_, first) = verifier.get(&format!("/api/v1/verification/sampling/{}/items?page_size=50", draw["id"])).await;
    let (status, again) = verifier.post("/api/v1/verification/sampling", &json!({"year": year - 1, "region_code": COUNTY, "seed": "abc123"})).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    let (_, second) = verifier.get(&format!("/api/v1/verification/sampling/{}/items?page_size=50", again["id"])).await;
    assert_eq!(items_of(&first), items_of(&second));
    assert_eq!(items_of(&first).len(), 4);

    // the city's list is the city's sample, and the district draws from the rest
    let city_pick = households[0];
    let (status, with_city) = verifier.post("/api/v1/verification/sampling", &json!({"year": year - 2, "region_code": COUNTY, "seed": "abc123", "city_household_ids": [city_pick]})).await;
    assert_eq!(status, StatusCode::CREATED, "{with_city}");
    let (_, listed) = verifier.get(&format!("/api/v1/verification/sampling/{}/items?page_size=50", with_city["id"])).await;
    let drawn = items_of(&listed);
    assert!(drawn.contains(&(city_pick, "city".to_owned())), "{drawn:?}");
    assert_eq!(drawn.iter().filter(|(h, _)| *h == city_pick).count(), 1, "never on both lists");
    let mut district: Vec<i64> = drawn.iter().filter(|(_, s)| s == "district").map(|(h, _)| *h).collect();
    district.sort();
    let mut rest = vec![households[1], households[2], households[3]];
    rest.sort();
    assert_eq!(district, rest, "会城's other two and 司前's one");

    // the village worker sees his village's households and records a visit once
    let worker = app.login("beimen").await;
    let (status, mine) = worker.get(&format!("/api/v1/verification/sampling/{}/items", draw["id"])).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine["total"], 3, "{mine}");
    assert!(mine["items"][0]["applicant_name"].as_str().expect("name").contains('*'));
    let item = mine["items"][0].clone();
    let path = format!("/api/v1/verification/sampling/items/{}/visit", item["id"]);
    assert_error(&worker.post(&path, &json!({"outcome": "changed", "note": "", "version": item["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("note"));
    assert_error(&worker.post(&path, &json!({"outcome": "gone", "version": item["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("outcome"));
    let (status, done) = worker.post(&path, &json!({"outcome": "consistent", "note": "", "visited_on": app.today.to_string(), "version": item["version"]})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!((done["status"].as_str(), done["outcome"].as_str(), done["outcome_zh"].as_str()), (Some("done"), Some("consistent"), Some("情况属实")));
    assert_error(&worker.post(&path, &json!({"outcome": "consistent", "version": item["version"]})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    let (_, after) = verifier.get(&format!("/api/v1/verification/sampling/{}", draw["id"])).await;
    assert_eq!(after["by_town"][0]["done"], 1, "{after}");

    // the other town sees its own town only
    let siqian = app.login("siqian").await;
    let (_, theirs) = siqian.get(&format!("/api/v1/verification/sampling/{}/items", draw["id"])).await;
    assert_eq!(theirs["total"], 1, "{theirs}");
    let (_, their_draw) = siqian.get(&format!("/api/v1/verification/sampling/{}", draw["id"])).await;
    assert_eq!(their_draw["by_town"].as_array().expect("towns").len(), 1, "{their_draw}");
    assert_eq!(siqian.post(&path, &json!({"outcome": "consistent", "version": 2})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.login("huicheng").await.post("/api/v1/verification/sampling", &json!({"year": year - 4})).await.0, StatusCode::FORBIDDEN);

    // a batch over the active cases of the district (no snapshot loaded: all as declared)
    let (status, run) = verifier.post("/api/v1/verification/runs", &json!({"scope": "cases", "region_code": COUNTY, "programme": "dibao"})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    let run = wait_run(&verifier, run["id"].as_i64().expect("id")).await;
    assert_eq!((run["status"].as_str(), run["total"].as_i64(), run["consistent"].as_i64()), (Some("done"), Some(4), Some(4)), "{run}");
    let (_, reports) = siqian.get(&format!("/api/v1/verification/reports?run_id={}", run["id"])).await;
    assert_eq!(reports["total"], 1, "a town sees its own households' reports: {reports}");
}
