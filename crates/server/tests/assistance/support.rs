//! Helpers of the assistance scenarios: households with known members, applications walked
//! through the path by the roles that own each step, payroll runs, and reference computations
//! written from POLICY.md (not the implementation's).
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

pub const BANK: &str = "江门农商银行";

/// `YYYY-MM` of the month `k` months after the one of `today`.
pub fn month(today: NaiveDate, k: i32) -> String {
    let total = today.year() * 12 + today.month0() as i32 + k;
    format!("{:04}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
}

/// The first day of the month of `today`.
pub fn first_of_month(today: NaiveDate) -> NaiveDate {
    today.with_day(1).expect("day 1")
}

/// `n` working days after `start` (weekends skipped; the test database has no holidays).
pub fn working_days_after(start: NaiveDate, n: u32) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// The same date `k` months later (clamped to the month's end).
pub fn months_after(day: NaiveDate, k: u32) -> NaiveDate {
    day.checked_add_months(chrono::Months::new(k)).expect("date")
}

/// Fen as the bank file writes yuan: `109250` → `1092.50`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// A member to register: name, ID number, relation to the head, disability grade (physical).
pub struct Member<'a> {
    pub name: &'a str,
    pub id_number: String,
    pub relation: &'a str,
    pub disability_grade: Option<u8>,
}

pub fn member<'a>(name: &'a str, county6: &str, birth: &str, seq: u16, relation: &'a str) -> Member<'a> {
    Member { name, id_number: id_number(county6, birth, seq), relation, disability_grade: None }
}

/// A household registered through POST /api/v1/households.
pub struct Household {
    pub id: i64,
    pub region: String,
    /// (relation, person id, name, full ID number) in the order given
    pub members: Vec<(String, i64, String, String)>,
}

impl Household {
    pub fn person(&self, relation: &str) -> i64 {
        self.members.iter().find(|m| m.0 == relation).map(|m| m.1).unwrap_or_else(|| panic!("no {relation} in the household"))
    }
    pub fn ids(&self) -> Vec<i64> {
        self.members.iter().map(|m| m.1).collect()
    }
}

/// Registers a household in `village` (户籍 there too); panics unless 201.
pub async fn create_household(c: &Client, village: &str, address: &str, members: &[Member<'_>]) -> Household {
    let body = json!({
        "region_code": village,
        "address": address,
        "members": members.iter().map(|m| {
            let mut person = json!({"id_number": m.id_number, "name": m.name, "region_code": village, "hukou_region_code": village});
            if let Some(g) = m.disability_grade {
                person["disability"] = json!({"kind": "physical", "grade": g, "certificate_no": format!("{}1{g}", m.id_number)});
            }
            json!({"relation": m.relation, "person": person})
        }).collect::<Vec<_>>(),
    });
    let (status, h) = c.post("/api/v1/households", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{h}");
    let listed = h["members"].as_array().expect("members");
    assert_eq!(listed.len(), members.len(), "{h}");
    let members = members
        .iter()
        .map(|m| {
            let row = listed.iter().find(|r| r["relation"] == m.relation).unwrap_or_else(|| panic!("{} in {h}", m.relation));
            (m.relation.to_owned(), row["person_id"].as_i64().expect("person_id"), m.name.to_owned(), m.id_number.clone())
        })
        .collect();
    Household { id: h["id"].as_i64().expect("id"), region: village.to_owned(), members }
}

/// The facts body: the members (none able to work, no supporter), one wage income of `earner`
/// over the last 12 months, one dwelling and nothing else.
pub fn facts(members: &[i64], earner: i64, yearly_wage: i64) -> Value {
    json!({
        "members": members.iter().map(|p| json!({"person_id": p, "able_to_work": false, "has_supporter": false, "self_care": "full", "serious_illness": false})).collect::<Vec<_>>(),
        "incomes": [{"person_id": earner, "kind": "wage", "amount": yearly_wage}],
        "assets": {"vehicles": 0, "dwellings": 1, "business_capital": 0, "monetary": 0},
        "single_parent": false,
    })
}

pub fn application_body(household_id: i64, facts: Value, account: &str) -> Value {
    json!({"programme": "dibao", "household_id": household_id, "facts": facts,
           "payee": {"bank_name": BANK, "bank_account": account}, "note": "申请人到镇街民政办申请"})
}

/// Accepts (受理) a dibao application; panics unless 201.
pub async fn apply(town: &Client, household_id: i64, facts: Value, account: &str) -> Value {
    let (status, a) = town.post("/api/v1/assistance/applications", &application_body(household_id, facts, account)).await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    a
}

pub async fn application(c: &Client, id: i64) -> Value {
    let (status, a) = c.get(&format!("/api/v1/assistance/applications/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    a
}

/// POSTs an action with the application's current version (read first).
pub async fn act(c: &Client, id: i64, action: &str, extra: Value) -> (StatusCode, Value) {
    let version = application(c, id).await["version"].as_i64().expect("version");
    act_at(c, id, action, version, extra).await
}

pub async fn act_at(c: &Client, id: i64, action: &str, version: i64, extra: Value) -> (StatusCode, Value) {
    let mut body = json!({"action": action, "version": version});
    if let Some(o) = extra.as_object() {
        for (k, v) in o {
            body[k] = v.clone();
        }
    }
    c.post(&format!("/api/v1/assistance/applications/{id}/actions"), &body).await
}

#[track_caller]
pub fn ok(answer: (StatusCode, Value)) -> Value {
    assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
    answer.1
}

pub fn visit(today: NaiveDate) -> Value {
    json!({"visit": {"visited_on": today.to_string(), "visitors": ["村(居)委会干部", "镇街民政办干部"],
                     "findings": "家庭成员与申报一致，住房一套，无车辆", "living_conditions": "住房简陋，家电陈旧"}})
}

/// Home visit, verification and community review by `town` (the town officer): the application
/// ends at stage `notice`.
pub async fn to_notice(app: &TestApp, town: &Client, id: i64) {
    let a = ok(act(town, id, "investigate", visit(app.today)).await);
    assert_eq!(a["stage"], "verification", "{a}");
    let a = ok(act(town, id, "verify", json!({"note": "经济状况核对无异常"})).await);
    assert_eq!(a["stage"], "review", "{a}");
    let a = ok(act(town, id, "review", json!({"note": "村民代表民主评议：同意"})).await);
    assert_eq!(a["stage"], "notice", "{a}");
}

/// Publishes the town's notice, 8 days ago (7 days on the board, over before today), and closes
/// it: the applications on it move to `approval`. Returns the notice.
pub async fn publish_and_close(app: &TestApp, town: &Client, town_code: &str) -> Value {
    let starts = app.today - Duration::days(8);
    let (status, notice) = town.post("/api/v1/assistance/notices", &json!({"region_code": town_code, "programme": "dibao", "starts_on": starts.to_string()})).await;
    assert_eq!(status, StatusCode::CREATED, "{notice}");
    let id = notice["id"].as_i64().expect("notice id");
    let closed = ok(town.post(&format!("/api/v1/assistance/notices/{id}/close"), &json!({})).await);
    assert_eq!(closed["status"], "closed", "{closed}");
    closed
}

/// Approval by the district: the application is approved and a case enrolled. Returns the case id.
pub async fn approve(district: &Client, id: i64) -> i64 {
    let a = ok(act(district, id, "approve", json!({"note": "同意纳入低保"})).await);
    assert_eq!(a["stage"], "approved", "{a}");
    a["case_id"].as_i64().unwrap_or_else(|| panic!("a case for {a}"))
}

/// A dibao household of `members`, accepted by `town_user` (officer of `town_code`), walked
/// through the whole path and approved by the district. Returns (household, application id, case id).
pub async fn enrolled(app: &TestApp, town_user: &str, town_code: &str, village: &str, members: &[Member<'_>], yearly_wage: i64, account: &str) -> (Household, i64, i64) {
    let town = app.login(town_user).await;
    let h = create_household(&town, village, &format!("{village}号楼"), members).await;
    let a = apply(&town, h.id, facts(&h.ids(), h.ids()[0], yearly_wage), account).await;
    let id = a["id"].as_i64().expect("id");
    to_notice(app, &town, id).await;
    publish_and_close(app, &town, town_code).await;
    assert_eq!(application(&town, id).await["stage"], "approval");
    let district = app.login("district").await;
    let case_id = approve(&district, id).await;
    (h, id, case_id)
}

pub async fn case(c: &Client, id: i64) -> Value {
    let (status, v) = c.get(&format!("/api/v1/assistance/cases/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

pub fn payroll_body(month: &str, region: &str) -> Value {
    json!({"month": month, "programme": "dibao", "region": region})
}

pub async fn preview(finance: &Client, month: &str, region: &str) -> Value {
    ok(finance.post("/api/v1/assistance/payroll/preview", &payroll_body(month, region)).await)
}

/// Confirms with a preview's fingerprint; returns (status, run).
pub async fn confirm(finance: &Client, month: &str, region: &str, fingerprint: &Value) -> (StatusCode, Value) {
    let mut body = payroll_body(month, region);
    body["fingerprint"] = fingerprint.clone();
    finance.post("/api/v1/assistance/payroll/runs", &body).await
}

/// Preview then confirm (201); returns the run.
pub async fn pay(finance: &Client, month: &str, region: &str) -> Value {
    let p = preview(finance, month, region).await;
    let (status, run) = confirm(finance, month, region, &p["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    run
}

/// Every line of a run (one page of up to 200).
pub async fn lines(c: &Client, run_id: i64) -> Vec<Value> {
    let (status, page) = c.get(&format!("/api/v1/assistance/payroll/runs/{run_id}/lines?page_size=200")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().expect("items").clone()
}

/// (kind, for_month, amount) of a case's lines in a run, sorted.
pub fn lines_of(lines: &[Value], case_id: i64) -> Vec<(String, String, i64)> {
    let mut out: Vec<(String, String, i64)> = lines
        .iter()
        .filter(|l| l["case_id"] == case_id)
        .map(|l| (l["kind"].as_str().expect("kind").to_owned(), l["for_month"].as_str().expect("for_month").to_owned(), l["amount"].as_i64().expect("amount")))
        .collect();
    out.sort();
    out
}

/// The bank file as rows (the header first), read as the bank would read it.
pub async fn bank_csv(c: &Client, run_id: i64) -> Vec<Vec<String>> {
    let (status, content_type, bytes) = c.download(&format!("/api/v1/assistance/payroll/runs/{run_id}/bank.csv")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    minzheng_server::tabular::read_table("bank.csv", &bytes).expect("a CSV")
}

/// Rows stored in a table.
pub async fn rows(app: &TestApp, table: &str) -> i64 {
    app.count(table).await
}
