//! 老年人名册, 津补贴 and 事找人 end to end: the daily search over the generated district finds
//! exactly the persons worked out here from the generated data (independently of the SQL), plus
//! crafted ones (turned 80, a 91-year-old dibao member without a device, a disabled dibao member,
//! a child whose parents died); the officer enrols one (paid through the payroll, December's rest
//! for the annual disability standard) and dismisses another, which the next run does not raise
//! again; the other town sees none of it.
use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::assistance::support::{Member, create_household, enrolled, member, month, ok};
use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/elderly/register"),
    ("get", "/api/v1/elderly/register.xlsx"),
    ("get", "/api/v1/elderly/register/map"),
    ("get", "/api/v1/elderly/outreach/runs"),
    ("post", "/api/v1/elderly/outreach/runs"),
    ("get", "/api/v1/elderly/outreach/runs/{}"),
    ("get", "/api/v1/elderly/outreach/tasks"),
    ("get", "/api/v1/elderly/outreach/tasks/{}"),
    ("post", "/api/v1/elderly/outreach/tasks/{}/enrol"),
    ("post", "/api/v1/elderly/outreach/tasks/{}/dismiss"),
    ("post", "/api/v1/elderly/outreach/tasks/{}/done"),
    ("post", "/api/v1/elderly/allowances/assess"),
    ("post", "/api/v1/elderly/allowances"),
];

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(years * 12)).expect("date")
}

/// Completed years at the end of the month before `today`'s (the old-age allowance's age).
fn allowance_age(birth: NaiveDate, today: NaiveDate) -> i32 {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first");
    age(birth, first.pred_opt().expect("day before"))
}

async fn run_search(district: &Client) -> Value {
    let (status, run) = district.post("/api/v1/elderly/outreach/runs", &json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    let id = run["id"].as_i64().expect("id");
    let started = std::time::Instant::now();
    loop {
        let (status, run) = district.get(&format!("/api/v1/elderly/outreach/runs/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{run}");
        if run["status"] != "running" {
            assert_eq!(run["status"], "done", "{run}");
            assert_eq!(run["progress"], 100, "{run}");
            return run;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "run {id} still running: {run}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn tasks(c: &Client, query: &str) -> Vec<Value> {
    let (status, page) = c.get(&format!("/api/v1/elderly/outreach/tasks?page_size=200&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().expect("items").clone()
}

async fn total(c: &Client, query: &str) -> i64 {
    let (status, page) = c.get(&format!("/api/v1/elderly/outreach/tasks?page_size=1&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["total"].as_i64().expect("total")
}

fn task_of(list: &[Value], person: i64, rule: &str) -> Option<Value> {
    list.iter().find(|t| t["person_id"] == person && t["rule"] == rule).cloned()
}

pub async fn outreach_finds_and_enrols(app: &TestApp) {
    let today = app.today;
    let district = app.login("district").await;
    let town = app.login("huicheng").await;
    let other = app.login("siqian").await;
    // the district's old-age allowance (POLICY.md: amounts per region)
    for (key, value) in [("old_age.80", 5000), ("old_age.90", 10000), ("old_age.100", 50000)] {
        let (status, saved) = district.post("/api/v1/assistance/params", &json!({"key": key, "region_prefix": "440705", "effective_month": month(today, -13), "value": value, "note": "高龄津贴标准"})).await;
        assert_eq!(status, StatusCode::CREATED, "{saved}");
    }

    // what the search must find in the generated district, worked out from the generated persons
    let mut expected = std::collections::BTreeMap::<&str, i64>::new();
    let mut elders = 0i64;
    for h in &app.seeded {
        let head_and_spouse_dead = {
            let parents: Vec<_> = h.members.iter().filter(|m| matches!(m.relation.as_str(), "head" | "spouse")).collect();
            parents.iter().filter(|m| !m.person.alive).count() >= 2
        };
        for m in &h.members {
            let p = &m.person;
            if !p.alive {
                continue;
            }
            if age(p.birth_date, today) >= 60 {
                elders += 1;
            }
            if p.hukou_region.as_str()[..6] != p.region.as_str()[..6] {
                continue;
            }
            match allowance_age(p.birth_date, today) {
                a if a >= 100 => *expected.entry("turned_100").or_default() += 1,
                a if a >= 90 => *expected.entry("turned_90").or_default() += 1,
                a if a >= 80 => *expected.entry("turned_80").or_default() += 1,
                _ => {}
            }
            if let Some(d) = &p.disability {
                let g = d.grade.get();
                let mental = matches!(d.kind.as_str(), "intellectual" | "mental");
                if g <= 2 || mental {
                    *expected.entry("severe_disability").or_default() += 1;
                }
            }
            if age(p.birth_date, today) < 18 && (p.orphan || (m.relation.as_str() == "child" && head_and_spouse_dead)) {
                *expected.entry("orphaned").or_default() += 1;
            }
        }
    }

    // crafted persons in 北门 (会城)
    let county = &COUNTY[..6];
    let turned_80 = years_before(today, 80).checked_sub_months(chrono::Months::new(1)).expect("date").with_day(1).expect("day");
    let aged_79 = years_before(today, 79);
    let h1 = create_household(&town, BEIMEN, "北门路1号", &[member("梁伯文", county, &ymd(turned_80), 11, "head"), member("陈秀娟", county, &ymd(aged_79), 22, "spouse")]).await;
    let aged_91 = years_before(today, 91);
    let aged_62 = years_before(today, 62);
    let disabled = Member { disability_grade: Some(3), ..member("何美玲", county, &ymd(aged_62), 42, "spouse") };
    let (h2, _, dibao_case) = enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("何大海", county, &ymd(aged_91), 31, "head"), disabled], 0, "6222000011112222").await;
    let child_birth = years_before(today, 10);
    let dead = |name: &str, birth: NaiveDate, seq: u16, relation: &str| {
        json!({"relation": relation, "person": {"id_number": id_number(county, &ymd(birth), seq), "name": name, "region_code": BEIMEN, "hukou_region_code": BEIMEN, "alive": false, "death_date": today.pred_opt().unwrap().to_string()}})
    };
    let (status, h3) = town
        .post(
            "/api/v1/households",
            &json!({"region_code": BEIMEN, "address": "北门路3号", "members": [
                dead("李国强", years_before(today, 40), 51, "head"),
                dead("黄丽萍", years_before(today, 38), 62, "spouse"),
                {"relation": "child", "person": {"id_number": id_number(county, &ymd(child_birth), 73), "name": "李小雨", "region_code": BEIMEN, "hukou_region_code": BEIMEN}},
            ]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{h3}");
    let child = h3["members"].as_array().expect("members").iter().find(|m| m["relation"] == "child").expect("child")["person_id"].as_i64().expect("id");
    let old_head = h1.person("head");
    let young_spouse = h1.person("spouse");
    let nonagenarian = h2.person("head");
    let disabled_spouse = h2.person("spouse");
    *expected.entry("turned_80").or_default() += 1;
    *expected.entry("turned_90").or_default() += 1;
    *expected.entry("disability_in_dibao").or_default() += 1;
    *expected.entry("dibao_90_no_device").or_default() += 1;
    *expected.entry("orphaned").or_default() += 1;
    // 梁伯文 80, 陈秀娟 79, 何大海 91, 何美玲 62
    elders += 4;

    let run = run_search(&district).await;
    for (rule, n) in &expected {
        assert_eq!(run["by_rule"][rule].as_i64(), Some(*n), "{rule}: {run}");
        assert_eq!(total(&district, &format!("rule={rule}")).await, *n, "{rule}");
    }
    assert_eq!(run["created"].as_i64(), Some(expected.values().sum::<i64>()), "{run}");
    assert_eq!(run["elders"].as_i64(), Some(elders), "{run}");

    let mine = tasks(&town, "status=open&region_code=440705001001").await;
    let t80 = task_of(&mine, old_head, "turned_80").unwrap_or_else(|| panic!("turned 80 in {mine:?}"));
    assert!(task_of(&mine, young_spouse, "turned_80").is_none(), "79 is not 80");
    assert!(t80["reason_zh"].as_str().unwrap().contains("已满80周岁"), "{t80}");
    assert_eq!(t80["masked"], true);
    assert_ne!(t80["name"], "梁伯文", "masked unless asked");
    let t90 = task_of(&mine, nonagenarian, "turned_90").expect("turned 90");
    let device = task_of(&mine, nonagenarian, "dibao_90_no_device").expect("no device");
    let disability = task_of(&mine, disabled_spouse, "disability_in_dibao").expect("disability in dibao");
    let orphan = task_of(&mine, child, "orphaned").expect("orphaned child");
    assert!(task_of(&mine, disabled_spouse, "severe_disability").is_none(), "grade 3 physical is not severe");
    // the other town sees none of 会城's tasks, and none of its persons by id
    let theirs = tasks(&other, "status=open").await;
    assert!(theirs.iter().all(|t| t["region_code"].as_str().unwrap().starts_with("440705102")), "only 司前's own");
    let (status, _) = other.get(&format!("/api/v1/elderly/outreach/tasks/{}", t80["id"])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // the task shows what enrolling would pay this month (unmasked: the explanation names the
    // birth date)
    let (status, detail) = town.get(&format!("/api/v1/elderly/outreach/tasks/{}?unmask=true", t80["id"])).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["preview"]["monthly"], 5000, "{detail}");
    assert_eq!(detail["preview"]["eligible"], true);

    // enrol: bad bank account → 422 and nothing changes
    let cases_before = app.count("cases").await;
    let (status, e) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/enrol", t80["id"]), &json!({"bank_name": "农商银行", "bank_account": "12ab", "version": t80["version"]})).await;
    assert_error(&(status, e), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("bank_account"));
    assert_eq!(app.count("cases").await, cases_before);
    let (status, enrolled80) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/enrol", t80["id"]), &json!({"bank_name": "农商银行", "bank_account": "6228480011223344", "version": t80["version"], "note": "电话核实后纳入"})).await;
    assert_eq!(status, StatusCode::CREATED, "{enrolled80}");
    assert_eq!(enrolled80["monthly"], 5000);
    let case80 = enrolled80["case_id"].as_i64().unwrap();
    // a second enrolment of the same task: conflict (it is closed), no second case
    let (status, _) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/enrol", t80["id"]), &json!({"bank_name": "农商银行", "bank_account": "6228480011223344", "version": t80["version"]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(app.count("cases").await, cases_before + 1);

    // the 90-year-old dibao member: enrolled at the 90–99 band
    let (status, e90) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/enrol", t90["id"]), &json!({"bank_name": "农商银行", "bank_account": "6222000011112222", "version": t90["version"]})).await;
    assert_eq!(status, StatusCode::CREATED, "{e90}");
    assert_eq!(e90["monthly"], 10000);
    // the device task cannot be done without a device, and is dismissed with a note
    let (status, e) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/done", device["id"]), &json!({"note": "已安装平安钟", "version": device["version"]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let (status, e) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/dismiss", orphan["id"]), &json!({"note": "", "version": orphan["version"]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a note is required: {e}");
    let (status, dismissed) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/dismiss", orphan["id"]), &json!({"note": "已由祖父母抚养，另行办理", "version": orphan["version"]})).await;
    assert_eq!(status, StatusCode::OK, "{dismissed}");
    assert_eq!(dismissed["status"], "dismissed");

    // the disabled dibao member from the last December: December pays the rest of the year
    let december = if today.month() == 12 { format!("{}-12", today.year()) } else { format!("{}-12", today.year() - 1) };
    let (status, ed) = town
        .post(&format!("/api/v1/elderly/outreach/tasks/{}/enrol", disability["id"]), &json!({"bank_name": "农商银行", "bank_account": "6222000011112222", "start_month": december, "version": disability["version"]}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{ed}");
    // 208400 ÷ 12 = 17366.67 → 17367 a month; December 208400 − 17367 × 11 = 17363
    assert_eq!(ed["monthly"], 17367);
    let finance = app.login("finance").await;
    let preview = |m: String, programme: &'static str| {
        let finance = &finance;
        async move { ok(finance.post("/api/v1/assistance/payroll/preview", &json!({"month": m, "programme": programme, "region": COUNTY})).await) }
    };
    let dec = preview(december.clone(), "disability_living").await;
    assert_eq!(dec["regular_total"], 17363, "{dec}");
    if today.month() != 12 {
        let jan = preview(format!("{}-01", december[..4].parse::<i32>().unwrap() + 1), "disability_living").await;
        assert_eq!(jan["regular_total"], 17367, "{jan}");
    }
    let this_month = preview(month(today, 0), "old_age").await;
    assert_eq!(this_month["regular_total"], 5000 + 10000, "{this_month}");
    assert_eq!(this_month["households"], 2, "{this_month}");
    let _ = dibao_case;

    // the enrolment shows in the register at once (its village is refreshed), before any new run
    let (status, reg) = town.get(&format!("/api/v1/elderly/register?region_code={BEIMEN}&assistance=old_age&page_size=200")).await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    let ids: Vec<i64> = reg["items"].as_array().unwrap().iter().map(|r| r["person_id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&old_head) && ids.contains(&nonagenarian), "{reg}");

    // the next run raises nothing again: enrolled persons are enrolled, dismissed stay dismissed
    let again = run_search(&district).await;
    assert_eq!(again["created"], 0, "{again}");
    assert!(task_of(&tasks(&town, "status=open&rule=turned_80").await, old_head, "turned_80").is_none());

    // 梁伯文 dies on the first of this month: the next search finds his allowance still paid, and
    // confirming records the death on the case (this month paid, stopped from the next)
    let (status, p) = town.get(&format!("/api/v1/persons/{old_head}")).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first");
    let id80 = h1.members.iter().find(|m| m.0 == "head").expect("head").3.clone();
    let body = json!({"id_number": id80, "name": "梁伯文", "region_code": BEIMEN, "hukou_region_code": BEIMEN, "alive": false, "death_date": first.to_string(), "version": p["version"]});
    let (status, p) = town.put(&format!("/api/v1/persons/{old_head}"), &body).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    let after_death = run_search(&district).await;
    assert_eq!(after_death["by_rule"]["deceased_paid"], 1, "{after_death}");
    let died = task_of(&tasks(&town, "status=open&rule=deceased_paid").await, old_head, "deceased_paid").expect("deceased task");
    let (status, closed) = town.post(&format!("/api/v1/elderly/outreach/tasks/{}/done", died["id"]), &json!({"note": "核实已死亡，停发", "version": died["version"]})).await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["status"], "done");
    let (status, c) = town.get(&format!("/api/v1/assistance/cases/{case80}")).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(c["status"], "stopped", "{c}");
    assert_eq!(c["end_month"], month(today, 0), "{c}");

    // the register: the crafted elders with their situation, scoped and masked
    let (status, reg) = town.get("/api/v1/elderly/register?region_code=440705001001&page_size=200&unmask=true").await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    let rows = reg["items"].as_array().unwrap();
    let row = |pid: i64| rows.iter().find(|r| r["person_id"] == pid).cloned().unwrap_or_else(|| panic!("{pid} in the register"));
    assert!(rows.iter().all(|r| r["person_id"] != old_head), "the dead are not in the register");
    assert_eq!(row(young_spouse)["living"], "alone", "her husband died");
    assert_eq!(row(young_spouse)["name"], "陈秀娟");
    assert_eq!(row(nonagenarian)["dibao"], true);
    assert_eq!(row(nonagenarian)["old_age"], true);
    assert_eq!(row(nonagenarian)["living"], "empty_nest", "91 and 62");
    assert_eq!(row(nonagenarian)["age_band"], "90-99");
    assert_eq!(row(young_spouse)["age_band"], "70-79");
    let (status, reg) = other.get("/api/v1/elderly/register?page_size=200").await;
    assert_eq!(status, StatusCode::OK);
    assert!(reg["items"].as_array().unwrap().iter().all(|r| r["region_code"].as_str().unwrap().starts_with("440705102")));
    let (status, _) = other.get("/api/v1/elderly/register?region_code=440705001001").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, map) = district.get("/api/v1/elderly/register/map").await;
    assert_eq!(status, StatusCode::OK, "{map}");
    let sum: i64 = map.as_array().unwrap().iter().map(|r| r["total"].as_i64().unwrap()).sum();
    assert_eq!(sum, elders - 1, "梁伯文 died: {map}");
    let (status, _, bytes) = district.download("/api/v1/elderly/register.xlsx?age_band=90-99").await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK"), "an .xlsx");
    // a bad filter names its field
    assert_error(&district.get("/api/v1/elderly/register?living=somewhere").await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("living"));

    // direct enrolment: not an allowance, not eligible
    let (status, e) = town.post("/api/v1/elderly/allowances", &json!({"person_id": young_spouse, "programme": "dibao", "bank_name": "x", "bank_account": "62220000111122"})).await;
    assert_error(&(status, e), StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("programme"));
    let (status, e) = town.post("/api/v1/elderly/allowances", &json!({"person_id": young_spouse, "programme": "old_age", "bank_name": "农商银行", "bank_account": "62220000111122"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e["error"]["message"].as_str().unwrap().contains("未满80周岁"), "{e}");
    // a village worker may not run the search
    let village = app.login("beimen").await;
    let (status, _) = village.post("/api/v1/elderly/outreach/runs", &json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

both!(outreach_finds_and_enrols => elderly_outreach_sqlite, elderly_outreach_postgres);
