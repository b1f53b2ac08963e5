//! 隐私与角色 (issue 14 items 1, 8, 10, 14) end to end on both databases: masks that cannot be
//! reversed, what each role sees of the registry, plausible birth dates, and exports that a
//! spreadsheet cannot execute.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Routes this area adds, for `openapi_lists_routes`.
pub const ROUTES: &[(&str, &str)] = &[("get", "/api/v1/charity/households")];

both!(implausible_birth_dates => implausible_birth_dates_sqlite, implausible_birth_dates_postgres);
both!(masks_cannot_be_reversed => masks_cannot_be_reversed_sqlite, masks_cannot_be_reversed_postgres);
both!(charity_sees_only_its_recipients => charity_sees_only_its_recipients_sqlite, charity_sees_only_its_recipients_postgres);
both!(registry_reads_and_exports_by_role => registry_reads_and_exports_by_role_sqlite, registry_reads_and_exports_by_role_postgres);
both!(formulas_in_exports => formulas_in_exports_sqlite, formulas_in_exports_postgres);

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

const FORMULA: &str = "=cmd|' /C calc'!A0";
const SCRIPT: &str = "<script>alert(1)</script>";

/// Typed text is stored and answered as typed (JSON is not HTML), and an export never carries a
/// formula a spreadsheet would run: the cell starts with `'`.
async fn formulas_in_exports(app: &TestApp) {
    let clerk = app.login("charity").await;
    let fund = clerk.post("/api/v1/charity/funds", &json!({"code": "FX", "name": FORMULA, "purpose": "测试"})).await;
    assert_eq!(fund.0, StatusCode::CREATED, "{}", fund.1);
    let mut codes = Vec::new();
    for donor in [FORMULA, SCRIPT] {
        let (status, d) = clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "company", "donor_name": donor, "amount_fen": 10_000, "designation": {"kind": "fund", "fund": "FX"}})).await;
        assert_eq!(status, StatusCode::CREATED, "{d}");
        codes.push(d["receipt_code"].as_str().expect("receipt code").to_owned());
    }
    // the public trace answers the names as typed, in JSON
    let public = app.anonymous();
    for (code, donor) in codes.iter().zip([FORMULA, SCRIPT]) {
        let (status, t) = public.get(&format!("/api/v1/public/charity/trace/{code}")).await;
        assert_eq!(status, StatusCode::OK, "{t}");
        assert_eq!(t["donation"]["donor"], donor);
    }
    // the annual report's export: the fund's name (typed) is neutralised, amounts stay numbers
    let year = chrono::Datelike::year(&minzheng_store::today());
    let (status, _, bytes) = clerk.download(&format!("/api/v1/charity/report.xlsx?year={year}")).await;
    assert_eq!(status, StatusCode::OK);
    let rows = minzheng_server::tabular::read_table("report.xlsx", &bytes).expect("an xlsx");
    let by_fund = rows.iter().find(|r| r[0] == "收入·按基金" && r[1].contains("cmd")).expect("the fund's row");
    assert_eq!(by_fund[1], format!("'{FORMULA}"));
    assert_eq!(by_fund[2], "200.00", "an amount is not touched");
    assert!(rows.iter().flatten().all(|cell| !cell.starts_with('=')), "no cell starts a formula");
}

/// A rare name (found by substring), born on the last day of the year 80 years ago — 79
/// to the day until 31 December, 80 by year.
const LATE_NAME: &str = "郦萱翀";

/// The ages a masked answer may show: by calendar year (docs/api.md, Masking).
fn band_of(age: i64) -> &'static str {
    match age {
        ..60 => "",
        60..70 => "60-69",
        70..80 => "70-79",
        80..90 => "80-89",
        90..100 => "90-99",
        _ => "100+",
    }
}

/// Every key of a JSON value, however deep.
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            out.push(k.clone());
            keys(v, out);
        }),
        Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// The full ID numbers consistent with what a masked record shows: the first 6 and last 4
/// characters of the mask, the birth year, and the GB 11643 check character (computed here, not by
/// the server), over every day of that year up to today.
fn candidates(masked_id: &str, birth_year: i32, today: NaiveDate) -> usize {
    let chars: Vec<char> = masked_id.chars().collect();
    assert_eq!(chars.len(), 18, "{masked_id}");
    assert!(chars[6..14].iter().all(|c| *c == '*'), "the 8 birth digits are hidden: {masked_id}");
    let head: String = chars[..6].iter().collect();
    let seq: String = chars[14..17].iter().collect();
    let mut day = NaiveDate::from_ymd_opt(birth_year, 1, 1).expect("1 January");
    let mut n = 0;
    while day.year() == birth_year && day <= today {
        let first17 = format!("{head}{}{seq}", day.format("%Y%m%d"));
        if check_char(&first17) == chars[17] {
            n += 1;
        }
        day = day.succ_opt().expect("next day");
    }
    n
}

/// What one masked record gives away about its person: no `birth_date` key, the true date in no
/// layout, an age by year, and at least 20 full numbers consistent with it all. Returns the count.
fn check_masked(what: &str, rec: &Value, person_id: i64, masked_id: &str, truth: &HashMap<i64, NaiveDate>, today: NaiveDate) -> usize {
    let mut ks = Vec::new();
    keys(rec, &mut ks);
    assert!(!ks.iter().any(|k| k == "birth_date"), "{what}: a masked answer carries birth_date: {rec}");
    let birth = truth[&person_id];
    let text = rec.to_string();
    for layout in [birth.format("%Y-%m-%d").to_string(), birth.format("%Y%m%d").to_string(), format!("{}年{}月{}日", birth.year(), birth.month(), birth.day())] {
        assert!(!text.contains(&layout), "{what}: the birth date {layout} shows in {rec}");
    }
    let year = rec["birth_year"].as_i64().unwrap_or_else(|| panic!("{what}: birth_year in {rec}")) as i32;
    assert_eq!(year, birth.year(), "{what}: {rec}");
    // the age of the deceased is counted to the year of death
    let until = rec["death_date"].as_str().map_or(today.year(), |d| d[..4].parse().expect("a year"));
    if let Some(age) = rec["age"].as_i64() {
        assert_eq!(age, i64::from(until - year), "{what}: the age is counted by year: {rec}");
    }
    if let Some(band) = rec["age_band"].as_str() {
        assert_eq!(band, band_of(i64::from(today.year() - year)), "{what}: the band is counted by year: {rec}");
    }
    let n = candidates(masked_id, year, today);
    // a birth this year leaves only the days so far: the rule's own limit, not a leak
    if year < today.year() {
        assert!(n >= 20, "{what}: only {n} ID numbers are consistent with {rec}");
    }
    n
}

async fn run_search(district: &Client) {
    let (status, run) = district.post("/api/v1/elderly/outreach/runs", &json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    let id = run["id"].as_i64().expect("id");
    for _ in 0..1200 {
        let (_, run) = district.get(&format!("/api/v1/elderly/outreach/runs/{id}")).await;
        if run["status"] != "running" {
            assert_eq!(run["status"], "done", "{run}");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("run {id} did not finish");
}

fn sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    minzheng_server::tabular::read_table("export.xlsx", bytes).expect("an xlsx")
}

/// A role without `person.unmask` reads the persons list, details, household members, the elderly
/// register, 事找人 tasks and the exports: no record tells more than the birth year.
async fn masks_cannot_be_reversed(app: &TestApp) {
    let today = minzheng_store::today();
    let district = app.login("district").await;
    let late = NaiveDate::from_ymd_opt(today.year() - 80, 12, 31).expect("31 December");
    let late_id = id_number("440705", &late.format("%Y%m%d").to_string(), 31);
    let (status, p) = district.post("/api/v1/persons", &json!({"id_number": late_id, "name": LATE_NAME, "region_code": BEIMEN})).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let late_person = p["id"].as_i64().expect("id");
    run_search(&district).await;
    let truth: HashMap<i64, NaiveDate> = sqlx::query_as::<_, (i64, String)>("SELECT id, birth_date FROM persons")
        .fetch_all(app.store.pool())
        .await
        .expect("persons")
        .into_iter()
        .map(|(id, b)| (id, NaiveDate::parse_from_str(&b, "%Y-%m-%d").expect("date")))
        .collect();
    let auditor = app.login("auditor").await;
    let mut fewest = usize::MAX;
    let mut records = 0;
    let mut note = |n: usize| {
        fewest = fewest.min(n);
        records += 1;
    };

    // persons: the list, every page, and details
    for page in 1.. {
        let (status, body) = auditor.get(&format!("/api/v1/persons?page_size=200&page={page}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let items = body["items"].as_array().expect("items");
        for p in items {
            let Some(id) = p["id_number"].as_str() else { continue };
            note(check_masked("persons", p, p["id"].as_i64().unwrap(), id, &truth, today));
        }
        if items.len() < 200 {
            break;
        }
    }
    let (_, detail) = auditor.get(&format!("/api/v1/persons/{late_person}")).await;
    note(check_masked("person detail", &detail, late_person, detail["id_number"].as_str().unwrap(), &truth, today));
    assert_eq!(detail["age"], 80, "80 by year, though 79 to the day until 31 December");

    // household members
    let (_, households) = auditor.get("/api/v1/households?page_size=30").await;
    for h in households["items"].as_array().expect("households") {
        let (status, h) = auditor.get(&format!("/api/v1/households/{}", h["id"])).await;
        assert_eq!(status, StatusCode::OK, "{h}");
        for m in h["members"].as_array().expect("members") {
            let Some(id) = m["id_number"].as_str() else { continue };
            note(check_masked("household member", m, m["person_id"].as_i64().unwrap(), id, &truth, today));
        }
    }

    // the elderly register
    let (status, register) = auditor.get("/api/v1/elderly/register?page_size=200").await;
    assert_eq!(status, StatusCode::OK, "{register}");
    let elders = register["items"].as_array().expect("elders");
    assert!(!elders.is_empty(), "the harness has elders");
    for e in elders {
        let Some(id) = e["id_number"].as_str() else { continue };
        note(check_masked("register", e, e["person_id"].as_i64().unwrap(), id, &truth, today));
    }

    // 事找人 tasks, list and detail; a birthday task does not say the day it was found
    let (status, tasks) = auditor.get("/api/v1/elderly/outreach/tasks?page_size=200").await;
    assert_eq!(status, StatusCode::OK, "{tasks}");
    let tasks = tasks["items"].as_array().expect("tasks").clone();
    assert!(tasks.iter().any(|t| t["rule"] == "turned_80"), "the search found 80-year-olds");
    for t in &tasks {
        let Some(id) = t["id_number"].as_str() else { continue };
        note(check_masked("task", t, t["person_id"].as_i64().unwrap(), id, &truth, today));
        if matches!(t["rule"].as_str(), Some("turned_80" | "turned_90" | "turned_100" | "dibao_90_no_device")) {
            assert!(t.get("found_on").is_none() && t.get("run_id").is_none(), "{t}");
        }
    }
    let (_, detail) = auditor.get(&format!("/api/v1/elderly/outreach/tasks/{}", tasks[0]["id"])).await;
    note(check_masked("task detail", &detail, detail["person_id"].as_i64().unwrap(), detail["id_number"].as_str().unwrap(), &truth, today));
    assert!(detail["preview"].is_null(), "the preview's explanation names the birth date: {detail}");

    // home-care enrolments (if the harness has any): the year, not the date
    let (status, enrolments) = auditor.get("/api/v1/elderly/care/enrolments?page_size=200").await;
    assert_eq!(status, StatusCode::OK, "{enrolments}");
    for e in enrolments["items"].as_array().expect("enrolments") {
        let birth = truth[&e["person_id"].as_i64().unwrap()];
        assert!(e.get("birth_date").is_none() && e["birth_year"] == birth.year(), "{e}");
        assert!(!e.to_string().contains(&birth.to_string()), "{e}");
    }

    // assistance: an old-age allowance's case and an application, read masked: the facts carry
    // the birth year, and no sentence of the explanation names the date
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    for (key, value) in [("old_age.80", 5000), ("old_age.90", 10000), ("old_age.100", 50000)] {
        let (status, saved) = district.post("/api/v1/assistance/params", &json!({"key": key, "region_prefix": "440705", "effective_month": this_month, "value": value, "note": "高龄津贴标准"})).await;
        assert_eq!(status, StatusCode::CREATED, "{saved}");
    }
    let mut enrolled = None;
    for e in elders.iter().filter(|e| e["age"].as_i64().unwrap_or(0) >= 82) {
        let body = json!({"person_id": e["person_id"], "programme": "old_age", "bank_name": "农商银行", "bank_account": "62220000111122"});
        let (status, r) = district.post("/api/v1/elderly/allowances", &body).await;
        if status == StatusCode::CREATED {
            enrolled = Some((r["case_id"].as_i64().expect("case id"), e["person_id"].as_i64().expect("person")));
            break;
        }
    }
    let (case_id, elder) = enrolled.expect("an elder of 82 or more could be enrolled in the old-age allowance");
    let (status, case) = auditor.get(&format!("/api/v1/assistance/cases/{case_id}")).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let born = truth[&elder];
    assert!(case["assessment"]["explanation"].as_array().is_some_and(|l| !l.is_empty()), "{case}");
    assert!(!case.to_string().contains(&born.to_string()), "the birth date leaks from the case: {case}");
    let member = &case["facts"]["members"][0];
    assert!(member.get("birth_date").is_none() && member["birth_year"] == born.year(), "{member}");
    let (_, apps) = auditor.get("/api/v1/assistance/applications?page_size=20").await;
    for a in apps["items"].as_array().expect("applications") {
        let (status, a) = auditor.get(&format!("/api/v1/assistance/applications/{}", a["id"])).await;
        assert_eq!(status, StatusCode::OK, "{a}");
        for m in a["facts"]["members"].as_array().expect("members") {
            let born = truth[&m["person_id"].as_i64().expect("person")];
            assert!(m.get("birth_date").is_none() && m["birth_year"] == born.year(), "{m}");
            assert!(!a.to_string().contains(&born.to_string()), "the birth date leaks from the application: {a}");
        }
    }

    // the exports: a birth year column, no birth date column
    let (status, _, bytes) = auditor.download("/api/v1/persons/export").await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet(&bytes);
    assert!(!rows[0].iter().any(|h| h.contains("出生日期")), "{:?}", rows[0]);
    assert_eq!((rows[0][0].as_str(), rows[0][3].as_str()), ("身份证号", "出生年份"));
    // a masked number may be shared by a few persons: the row is the one of them born that year
    let mut by_mask: HashMap<String, Vec<i64>> = HashMap::new();
    for (n, id) in sqlx::query_as::<_, (String, i64)>("SELECT id_number, id FROM persons WHERE id_number IS NOT NULL").fetch_all(app.store.pool()).await.expect("ids") {
        by_mask.entry(format!("{}********{}", &n[..6], &n[14..])).or_default().push(id);
    }
    let person_of = |masked: &str, year: &str| -> i64 {
        *by_mask[masked].iter().find(|id| truth[*id].year().to_string() == year).unwrap_or_else(|| panic!("nobody behind {masked} was born in {year}"))
    };
    for row in rows.iter().skip(1).filter(|r| r[0].len() == 18) {
        let id = person_of(&row[0], &row[3]);
        let died = row[10].strip_prefix("已故 ").map(str::to_owned);
        let rec = json!({"birth_year": row[3].parse::<i64>().expect("a year"), "age": row[4].parse::<i64>().expect("an age"), "death_date": died, "row": row});
        note(check_masked("persons export", &rec, id, &row[0], &truth, today));
    }
    let (status, _, bytes) = auditor.download("/api/v1/elderly/register.xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet(&bytes);
    assert!(!rows[0].iter().any(|h| h.contains("出生日期")), "{:?}", rows[0]);
    assert_eq!((rows[0][3].as_str(), rows[0][5].as_str()), ("身份证号", "出生年份"));
    for row in rows.iter().skip(1).filter(|r| r[3].len() == 18) {
        let id = person_of(&row[3], &row[5]);
        let rec = json!({"birth_year": row[5].parse::<i64>().expect("a year"), "age": row[6].parse::<i64>().expect("an age"), "row": row});
        note(check_masked("register export", &rec, id, &row[3], &truth, today));
    }
    assert!(records > 1000, "{records} records checked");
    assert!((20..40).contains(&fewest), "the fewest candidates: {fewest}");

    // filters answer by year too: the late person is 80 by year for the auditor, 79 to the day for
    // an unmasked reader (until 31 December)
    let (_, page) = auditor.get(&format!("/api/v1/persons?q={LATE_NAME}&age_min=80")).await;
    assert_eq!(page["total"], 1, "{page}");
    let (_, page) = district.get(&format!("/api/v1/persons?q={LATE_NAME}&age_min=80&unmask=true")).await;
    assert_eq!(page["total"], if today == NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap() { 1 } else { 0 }, "{page}");
    let (_, page) = district.get(&format!("/api/v1/persons?q={LATE_NAME}&unmask=true")).await;
    assert_eq!(page["items"][0]["birth_date"], late.to_string(), "the unmasked answer keeps the date");
    // and a search may not probe the hidden digits one by one
    assert_error(&auditor.get(&format!("/api/v1/persons?q={}", &late_id[..10])).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("q"));
    assert_error(&auditor.get(&format!("/api/v1/households?q={}", &late_id[..12])).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("q"));
    let (status, page) = auditor.get(&format!("/api/v1/persons?q={late_id}")).await;
    assert_eq!((status, page["total"].as_i64()), (StatusCode::OK, Some(1)), "the whole number is found");
    // …and audited, masked, so a run of guesses at the numbers a mask leaves open shows in the log
    let masked_late = format!("{}********{}", &late_id[..6], &late_id[14..]);
    let (_, log) = auditor.get("/api/v1/audit?action=person.search_by_id&actor=auditor").await;
    assert_eq!(log["total"], 1, "{log}");
    assert_eq!(log["items"][0]["detail"], masked_late.as_str(), "{log}");
    let (status, _) = district.get(&format!("/api/v1/persons?q={}&unmask=true", &late_id[..10])).await;
    assert_eq!(status, StatusCode::OK);
}

/// The charity's clerk reads no person registry (lists, details, exports: 403) and still picks a
/// recipient household through its own lookup — by a member's whole ID number or a name, masked,
/// at most 10 — and allocates to it.
async fn charity_sees_only_its_recipients(app: &TestApp) {
    let clerk = app.login("charity").await;
    let (household, head_id, head_name): (i64, String, String) = sqlx::query_as(
        "SELECT h.id, p.id_number, p.name FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.region_code LIKE '440705001%' AND p.id_number IS NOT NULL ORDER BY h.id LIMIT 1",
    )
    .fetch_one(app.store.pool())
    .await
    .expect("a household of 会城");
    let person: i64 = sqlx::query_scalar("SELECT head_person_id FROM households WHERE id = $1").bind(household).fetch_one(app.store.pool()).await.expect("head");
    for path in [
        "/api/v1/persons".to_owned(),
        format!("/api/v1/persons/{person}"),
        "/api/v1/persons/export".to_owned(),
        "/api/v1/households".to_owned(),
        format!("/api/v1/households/{household}"),
        "/api/v1/households/export".to_owned(),
        "/api/v1/elderly/register".to_owned(),
        "/api/v1/elderly/register.xlsx".to_owned(),
    ] {
        assert_error(&clerk.get(&path).await, StatusCode::FORBIDDEN, "forbidden", None);
    }

    // the lookup: a whole ID number finds the household, masked; nothing else of the person
    let (status, found) = clerk.get(&format!("/api/v1/charity/households?q={head_id}")).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let found = found.as_array().expect("a list").clone();
    assert!(found.iter().any(|h| h["id"] == household), "{found:?}");
    let hit = found.iter().find(|h| h["id"] == household).unwrap();
    assert_eq!(hit["head_name"], minzheng_core::mask::mask_name(&head_name).as_str());
    let mut ks = Vec::new();
    keys(&Value::Array(found.clone()), &mut ks);
    ks.sort();
    ks.dedup();
    assert_eq!(ks, ["head_name", "id", "member_count", "region_code", "region_name"], "no ID number, birth or address");
    // by name: at most 10
    let surname: String = head_name.chars().take(1).collect();
    let (status, many) = clerk.get(&format!("/api/v1/charity/households?q={surname}{}", head_name.chars().nth(1).unwrap_or('*'))).await;
    assert_eq!(status, StatusCode::OK, "{many}");
    assert!(many.as_array().expect("a list").len() <= 10);
    // no partial ID number (it would probe the birth digits), no single character
    assert_error(&clerk.get(&format!("/api/v1/charity/households?q={}", &head_id[..12])).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("q"));
    assert_error(&clerk.get(&format!("/api/v1/charity/households?q={surname}")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("q"));
    // other roles: the lookup is the charity's
    assert_error(&app.login("auditor").await.get(&format!("/api/v1/charity/households?q={head_id}")).await, StatusCode::FORBIDDEN, "forbidden", None);

    // and the clerk still allocates to it
    let (status, fund) = clerk.post("/api/v1/charity/funds", &json!({"code": "PRV", "name": "隐私测试基金", "purpose": "测试"})).await;
    assert_eq!(status, StatusCode::CREATED, "{fund}");
    let (status, d) = clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲乙", "amount_fen": 50_000, "designation": {"kind": "fund", "fund": "PRV"}})).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let (status, a) = clerk.post("/api/v1/charity/allocations", &json!({"fund_id": fund["id"], "recipient_kind": "household", "household_id": household, "amount_fen": 20_000, "purpose": "助医"})).await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    assert_eq!(a["household_id"], household);
}

/// Who reads and exports the registry (docs/api.md, "Roles and the registry"): finance reads no
/// persons; the administrator reads them masked and exports none; registry roles and the auditor
/// export.
async fn registry_reads_and_exports_by_role(app: &TestApp) {
    let finance = app.login("finance").await;
    for path in ["/api/v1/persons", "/api/v1/households", "/api/v1/persons/export", "/api/v1/households/export"] {
        assert_error(&finance.get(path).await, StatusCode::FORBIDDEN, "forbidden", None);
    }
    assert_eq!(finance.get("/api/v1/assistance/payroll/runs").await.0, StatusCode::OK, "finance still pays");
    let admin = app.login("admin").await;
    let (status, page) = admin.get("/api/v1/persons?page_size=1").await;
    assert_eq!((status, page["items"][0]["masked"].as_bool()), (StatusCode::OK, Some(true)));
    for path in ["/api/v1/persons/export", "/api/v1/households/export"] {
        assert_error(&admin.get(path).await, StatusCode::FORBIDDEN, "forbidden", None);
    }
    for user in ["district", "huicheng", "auditor"] {
        let (status, _, bytes) = app.login(user).await.download("/api/v1/persons/export").await;
        assert_eq!(status, StatusCode::OK, "{user}");
        assert!(bytes.starts_with(b"PK"), "{user}");
    }
}
