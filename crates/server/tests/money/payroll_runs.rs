//! A payroll run pays something, and a month the district paid is not paid again by a town;
//! a district run after a town's pays the rest and names the town's run.
use reqwest::StatusCode;

use crate::assistance::support::*;
use crate::common::*;

both!(empty_and_covered_runs => money_empty_and_covered_runs_sqlite, money_empty_and_covered_runs_postgres);

async fn empty_and_covered_runs(app: &TestApp) {
    let finance = app.login("finance").await;
    let this = month(app.today, 0);
    let next = month(app.today, 1);

    // nobody is enrolled yet: the preview shows nothing and confirming it is refused
    let p = preview(&finance, &this, COUNTY).await;
    assert_eq!(p["lines"], 0, "{p}");
    let answer = confirm(&finance, &this, COUNTY, &p["fingerprint"]).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("month"));
    assert!(answer.1["error"]["message"].as_str().unwrap_or_default().contains("空的发放批次"), "{}", answer.1);
    assert_eq!(app.count("payroll_runs").await, 0);

    // one dibao household in each of two towns, by hand (POLICY.md): no income, so
    // (55000 − 0) × 1 = 55000 a month for a one-member household
    let (_, _, huicheng_case) = enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("欧阳春", "440705", "19660406", 15, "head")], 0, "6217000055556666").await;
    let (_, _, siqian_case) = enrolled(app, "siqian", SIQIAN, SIQIAN_VILLAGE, &[member("区惠芳", "440705", "19700808", 26, "head")], 0, "6217000077778888").await;

    // the district pays this month first; the town's run for the same month is refused, naming it
    let district_run = pay(&finance, &this, COUNTY).await;
    assert_eq!(district_run["total"], 110_000, "{district_run}");
    let p = preview(&finance, &this, HUICHENG).await;
    assert_eq!(p["covered_by"]["id"], district_run["id"], "{p}");
    let answer = confirm(&finance, &this, HUICHENG, &p["fingerprint"]).await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict", Some("region"));
    let message = answer.1["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("#{}", district_run["id"])), "{message}");
    assert_eq!(app.count("payroll_runs").await, 1);

    // next month the town pays first; the district's run pays the other town and names the
    // town's run, whose household it does not pay again
    let town_run = pay(&finance, &next, HUICHENG).await;
    assert_eq!(town_run["total"], 55_000, "{town_run}");
    let p = preview(&finance, &next, COUNTY).await;
    assert_eq!(p["earlier_runs"][0]["id"], town_run["id"], "{p}");
    let district_run = pay(&finance, &next, COUNTY).await;
    assert_eq!(district_run["total"], 55_000, "{district_run}");
    assert_eq!(district_run["earlier_runs"][0]["id"], town_run["id"], "{district_run}");
    let paid = lines(&finance, district_run["id"].as_i64().expect("id")).await;
    assert_eq!(lines_of(&paid, siqian_case), vec![("regular".to_owned(), next.clone(), 55_000)]);
    assert!(lines_of(&paid, huicheng_case).is_empty());
}
