//! 老年人能力评估 and 探访 end to end: an assessment scored as worked out by hand, bad answers
//! refused with nothing stored, scope, the reassessment list, the elder profile's versions, visit
//! plans moved by a visit, the overdue list and a stale visit.
use chrono::{Days, Months, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::assistance::support::{create_household, member};
use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/elderly/assessment/form"),
    ("get", "/api/v1/elderly/assessments"),
    ("get", "/api/v1/elderly/assessments/due"),
    ("get", "/api/v1/elderly/assessments/{}"),
    ("get", "/api/v1/elderly/persons/{}/assessments"),
    ("post", "/api/v1/elderly/persons/{}/assessments"),
    ("get", "/api/v1/elderly/persons/{}/profile"),
    ("put", "/api/v1/elderly/persons/{}/profile"),
    ("get", "/api/v1/elderly/persons/{}/visit-plans"),
    ("post", "/api/v1/elderly/persons/{}/visit-plans"),
    ("get", "/api/v1/elderly/visit-plans"),
    ("get", "/api/v1/elderly/visit-plans/{}"),
    ("post", "/api/v1/elderly/visit-plans/{}/visits"),
];

/// The 26 items at their maxima (8 × 4, 4 + 4 + 4 + 3, 6 × 4 + 1 + 1 + 2, 2 + 2 + 4 + 3 + 4 = 90).
fn full() -> serde_json::Map<String, Value> {
    let max = [
        ("eating", 4), ("grooming", 4), ("bathing", 4), ("dressing_upper", 4), ("dressing_lower", 4), ("bladder", 4), ("bowel", 4), ("toileting", 4),
        ("bed_mobility", 4), ("bed_chair_transfer", 4), ("walking", 4), ("stairs", 3),
        ("time_orientation", 4), ("place_orientation", 4), ("person_orientation", 4), ("memory", 4), ("understanding", 4), ("expression", 4),
        ("aggression", 1), ("depression", 1), ("consciousness", 2),
        ("vision", 2), ("hearing", 2), ("daily_affairs", 4), ("transport", 3), ("social", 4),
    ];
    max.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect()
}

fn with(changes: &[(&str, i64)]) -> Value {
    let mut m = full();
    for (k, v) in changes {
        m.insert((*k).to_owned(), json!(v));
    }
    Value::Object(m)
}

/// Worked by hand: self-care 3+3+2+3+2+3+4+3 = 23, motor 4+3+3+1 = 11, mental 3+3+4+2+3+3+1+0+2
/// = 21, perception 1+1+2+1+3 = 8; total 63, 46–65 → 中度失能.
fn worked() -> Value {
    with(&[
        ("eating", 3), ("grooming", 3), ("bathing", 2), ("dressing_upper", 3), ("dressing_lower", 2), ("bladder", 3), ("bowel", 4), ("toileting", 3),
        ("bed_mobility", 4), ("bed_chair_transfer", 3), ("walking", 3), ("stairs", 1),
        ("time_orientation", 3), ("place_orientation", 3), ("person_orientation", 4), ("memory", 2), ("understanding", 3), ("expression", 3),
        ("aggression", 1), ("depression", 0), ("consciousness", 2),
        ("vision", 1), ("hearing", 1), ("daily_affairs", 2), ("transport", 1), ("social", 3),
    ])
}

fn day(d: NaiveDate, back: u64) -> String {
    d.checked_sub_days(Days::new(back)).expect("date").to_string()
}

fn listed(page: &Value, person: i64) -> bool {
    page["items"].as_array().expect("items").iter().any(|a| a["person_id"] == person)
}

pub async fn assessment_scored_and_due(app: &TestApp) {
    let town = app.login("huicheng").await;
    let assessor = app.login("assessor").await;
    let siqian = app.login("siqian").await;
    let village = app.login("beimen").await;
    // 王老伯 (1950) alone; 李阿婆 (1948) with her son (1975); a 1980 resident
    let alone = create_household(&town, BEIMEN, "北门村评估1号", &[member("王老伯", "440705", "19500301", 401, "head")]).await;
    let family = create_household(&town, BEIMEN, "北门村评估2号", &[member("李阿婆", "440705", "19480615", 402, "head"), member("李子", "440705", "19750101", 403, "child")]).await;
    let wang = alone.person("head");
    let li = family.person("head");
    let young = family.person("child");

    let (s, form) = assessor.get("/api/v1/elderly/assessment/form").await;
    assert_eq!(s, StatusCode::OK, "{form}");
    assert_eq!(form["items"].as_array().map(Vec::len), Some(26));
    assert_eq!(form["full_score"], 90);
    let maxima: i64 = form["items"].as_array().expect("items").iter().map(|i| i["max"].as_i64().expect("max")).sum();
    assert_eq!(maxima, 90);

    // a bad item: 422 naming it, nothing stored
    let path = format!("/api/v1/elderly/persons/{wang}/assessments");
    let bad = assessor.post(&path, &json!({"items": with(&[("eating", 5)])})).await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("items.eating"));
    let mut missing = full();
    missing.remove("memory");
    assert_error(&assessor.post(&path, &json!({"items": missing})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("items.memory"));
    let coma = assessor.post(&path, &json!({"items": full(), "adjustments": {"coma": true}})).await;
    assert_error(&coma, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("adjustments.coma"));
    assert_eq!(app.count("elder_assessments").await, 0);

    // not an elder; outside the account's region; a village worker may not assess
    assert_error(&assessor.post(&format!("/api/v1/elderly/persons/{young}/assessments"), &json!({"items": full()})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("person_id"));
    assert_eq!(siqian.post(&path, &json!({"items": worked()})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(siqian.get(&path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(village.post(&path, &json!({"items": worked()})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.count("elder_assessments").await, 0);

    // the worked example, ten days ago: 63 → 中度失能, due in 6 months
    let on = app.today.checked_sub_days(Days::new(10)).expect("date");
    let (s, a) = assessor.post(&path, &json!({"items": worked(), "assessed_on": on.to_string(), "second_assessor": "张医生"})).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!((a["total"].as_i64(), a["self_care_score"].as_i64(), a["motor_score"].as_i64(), a["mental_score"].as_i64(), a["perception_score"].as_i64()), (Some(63), Some(23), Some(11), Some(21), Some(8)));
    assert_eq!((a["preliminary_level"].as_str(), a["level"].as_str(), a["self_care"].as_str()), (Some("moderate"), Some("moderate"), Some("partial")));
    assert_eq!(a["reason"], "initial");
    assert_eq!(a["next_due_on"], on.checked_add_months(Months::new(6)).expect("date").to_string());
    assert!(a["explanation"].as_array().expect("explanation").iter().any(|l| l["zh"].as_str().is_some_and(|z| z.contains("总分 63 / 90"))), "{a}");
    assert_eq!(a["person_name"], "王*伯");

    // today, full marks but a diagnosed dementia: 90 → 能力完好 raised to 轻度失能; changed → 6 months
    let (s, b) = assessor.post(&path, &json!({"items": full(), "adjustments": {"dementia": true}, "reason": "change"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!((b["total"].as_i64(), b["preliminary_level"].as_str(), b["level"].as_str()), (Some(90), Some("intact"), Some("mild")));
    assert_eq!(b["next_due_on"], app.today.checked_add_months(Months::new(6)).expect("date").to_string());
    let (s, history) = town.get(&path).await;
    assert_eq!(s, StatusCode::OK, "{history}");
    assert_eq!(history["latest"]["id"], b["id"]);
    assert_eq!(history["items"].as_array().map(Vec::len), Some(2));

    // 李阿婆 assessed 13 months ago, intact: due a month ago
    let long_ago = app.today.checked_sub_months(Months::new(13)).expect("date");
    let (s, c) = assessor.post(&format!("/api/v1/elderly/persons/{li}/assessments"), &json!({"items": full(), "assessed_on": long_ago.to_string()})).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["next_due_on"], long_ago.checked_add_months(Months::new(12)).expect("date").to_string());
    let (s, overdue) = town.get("/api/v1/elderly/assessments/due?overdue=true").await;
    assert_eq!(s, StatusCode::OK, "{overdue}");
    assert!(listed(&overdue, li) && !listed(&overdue, wang), "{overdue}");
    assert_eq!(overdue["items"][0]["overdue"], true);
    let (_, soon) = town.get("/api/v1/elderly/assessments/due?within_days=30").await;
    assert!(listed(&soon, li) && !listed(&soon, wang), "{soon}");
    let (_, later) = town.get("/api/v1/elderly/assessments/due?within_days=200").await;
    assert!(listed(&later, li) && listed(&later, wang), "{later}");
    assert_eq!(later["items"][0]["person_id"], li, "soonest first");
    let (_, elsewhere) = siqian.get("/api/v1/elderly/assessments/due?within_days=365").await;
    assert!(!listed(&elsewhere, li) && !listed(&elsewhere, wang), "{elsewhere}");
    assert_error(&town.get("/api/v1/elderly/assessments/due?within_days=999").await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("within_days"));
    let (_, moderate) = town.get("/api/v1/elderly/assessments?level=moderate").await;
    assert_eq!(moderate["total"], 1);
    let (s, one) = town.get(&format!("/api/v1/elderly/assessments/{}", a["id"])).await;
    assert_eq!((s, one["total"].as_i64()), (StatusCode::OK, Some(63)));

    // the profile: derived from the household until recorded, then version-checked
    let (_, p) = village.get(&format!("/api/v1/elderly/persons/{wang}/profile")).await;
    assert_eq!((p["living"].as_str(), p["recorded"].as_bool(), p["version"].as_i64()), (Some("alone"), Some(false), Some(0)));
    let (_, p) = village.get(&format!("/api/v1/elderly/persons/{li}/profile")).await;
    assert_eq!(p["living"], "with_family");
    let profile = format!("/api/v1/elderly/persons/{li}/profile");
    let (s, p) = village.put(&profile, &json!({"living": "left_behind", "note": "儿子在外务工", "version": 0})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!((p["living"].as_str(), p["derived"].as_str(), p["version"].as_i64()), (Some("left_behind"), Some("with_family"), Some(1)));
    assert_error(&town.put(&profile, &json!({"living": "alone", "version": 0})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    assert_error(&town.put(&profile, &json!({"living": "lonely", "version": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("living"));
    let (s, p) = town.put(&profile, &json!({"living": "empty_nest", "version": 1})).await;
    assert_eq!((s, p["living"].as_str(), p["version"].as_i64()), (StatusCode::OK, Some("empty_nest"), Some(2)));
    assert_eq!(siqian.put(&profile, &json!({"living": "alone", "version": 2})).await.0, StatusCode::NOT_FOUND);

    // 特困: a member assessed 完全失能 (in a coma) is taken as not self-caring, whatever was declared
    let zhao = create_household(&town, BEIMEN, "北门村评估3号", &[member("赵婆婆", "440705", "19400808", 404, "head")]).await;
    let zhao_id = zhao.person("head");
    let facts = json!({"members": [{"person_id": zhao_id, "able_to_work": false, "has_supporter": false, "self_care": "full"}], "incomes": [], "assets": {}});
    let body = json!({"programme": "tekun", "household_id": zhao.id, "facts": facts});
    let (s, before) = town.post("/api/v1/assistance/assess", &body).await;
    assert_eq!(s, StatusCode::OK, "{before}");
    assert!(before.to_string().contains("具备生活自理能力"), "{before}");
    let (s, c) = assessor.post(&format!("/api/v1/elderly/persons/{zhao_id}/assessments"), &json!({"items": with(&[("consciousness", 0)]), "adjustments": {"coma": true}})).await;
    assert_eq!((s, c["total"].as_i64(), c["level"].as_str(), c["self_care"].as_str()), (StatusCode::OK, Some(88), Some("total"), Some("none")), "{c}");
    let (s, after) = town.post("/api/v1/assistance/assess", &body).await;
    assert_eq!(s, StatusCode::OK, "{after}");
    assert!(after.to_string().contains("完全丧失生活自理能力") && !after.to_string().contains("具备生活自理能力"), "{after}");
}

pub async fn visits_move_the_due_date(app: &TestApp) {
    let town = app.login("huicheng").await;
    let village = app.login("beimen").await;
    let siqian = app.login("siqian").await;
    let auditor = app.login("auditor").await;
    let h = create_household(&town, BEIMEN, "北门村探访1号", &[member("陈伯", "440705", "19440202", 411, "head"), member("陈孙", "440705", "20150505", 412, "grandchild")]).await;
    let elder = h.person("head");
    let child = h.person("grandchild");
    let plans = format!("/api/v1/elderly/persons/{elder}/visit-plans");

    // categories must fit the age; intervals 7–365
    assert_error(&village.post(&plans, &json!({"category": "left_behind_child"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("category"));
    assert_error(&village.post(&plans, &json!({"category": "alone_elder", "interval_days": 3})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("interval_days"));
    assert_eq!(auditor.post(&plans, &json!({"category": "alone_elder"})).await.0, StatusCode::FORBIDDEN);

    // first visit due five days ago: overdue
    let (s, plan) = village.post(&plans, &json!({"category": "left_behind_elder", "first_due_on": day(app.today, 5)})).await;
    assert_eq!(s, StatusCode::OK, "{plan}");
    assert_eq!((plan["interval_days"].as_i64(), plan["overdue"].as_bool(), plan["days_overdue"].as_i64()), (Some(30), Some(true), Some(5)));
    assert_error(&village.post(&plans, &json!({"category": "left_behind_elder"})).await, StatusCode::CONFLICT, "conflict", Some("category"));
    let (s, kid) = village.post(&format!("/api/v1/elderly/persons/{child}/visit-plans"), &json!({"category": "left_behind_child", "first_due_on": day(app.today, 0)})).await;
    assert_eq!(s, StatusCode::OK, "{kid}");
    let id = plan["id"].as_i64().expect("plan id");
    let (_, overdue) = town.get("/api/v1/elderly/visit-plans?status=overdue").await;
    assert!(listed(&overdue, elder) && !listed(&overdue, child), "{overdue}");
    let (_, due) = town.get("/api/v1/elderly/visit-plans?status=due&within_days=0").await;
    assert!(listed(&due, elder) && listed(&due, child), "{due}");
    let (_, none) = siqian.get("/api/v1/elderly/visit-plans?status=overdue").await;
    assert!(!listed(&none, elder), "{none}");
    assert_eq!(siqian.get(&format!("/api/v1/elderly/visit-plans/{id}")).await.0, StatusCode::NOT_FOUND);

    // a visit two days ago: next due 28 days from today, off the overdue list
    let visits = format!("/api/v1/elderly/visit-plans/{id}/visits");
    assert_error(&village.post(&visits, &json!({"findings": "好", "version": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("findings"));
    assert_error(&village.post(&visits, &json!({"findings": "身体尚可，独自在家", "visited_on": day(app.today, 0).replace('-', "/") + "x", "version": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("visited_on"));
    assert_eq!(app.count("visits").await, 0);
    let (s, d) = village.post(&visits, &json!({"findings": "身体尚可，独自在家，饮食正常", "needs": "希望安装平安钟", "visited_on": day(app.today, 2), "version": 1})).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let expected = app.today.checked_add_days(Days::new(28)).expect("date").to_string();
    assert_eq!((d["plan"]["next_due_on"].as_str(), d["plan"]["last_visited_on"].as_str(), d["plan"]["version"].as_i64()), (Some(expected.as_str()), Some(day(app.today, 2).as_str()), Some(2)));
    assert_eq!(d["plan"]["overdue"], false);
    assert_eq!(d["visits"].as_array().map(Vec::len), Some(1));
    let (_, overdue) = town.get("/api/v1/elderly/visit-plans?status=overdue").await;
    assert!(!listed(&overdue, elder), "{overdue}");

    // the same visit sent again with the version read before: 409, nothing added
    assert_error(&village.post(&visits, &json!({"findings": "身体尚可，独自在家，饮食正常", "version": 1})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    assert_eq!(app.count("visits").await, 1);
    // before the last visit: refused
    assert_error(&village.post(&visits, &json!({"findings": "补登一次探访记录", "visited_on": day(app.today, 3), "version": 2})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("visited_on"));
    let (_, of_person) = town.get(&plans).await;
    assert_eq!(of_person.as_array().map(Vec::len), Some(1));
    let (_, audit) = app.login("admin").await.get("/api/v1/audit?action=elderly.visit.record").await;
    assert!(audit.to_string().contains("elderly.visit.record"), "{audit}");
}

both!(assessment_scored_and_due => elderly_assessment_sqlite, elderly_assessment_postgres);
both!(visits_move_the_due_date => elderly_visits_sqlite, elderly_visits_postgres);
