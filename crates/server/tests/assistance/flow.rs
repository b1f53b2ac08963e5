//! A. The whole path of a dibao household: means test, acceptance, home visit, verification,
//! community review, public notice with an objection, approval, two months paid, a standard
//! change with arrears, a member's death with recoveries, a review that finds the household above
//! the line, and the exit.
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::*;
use crate::common::*;

both!(whole_path => assistance_whole_path_sqlite, assistance_whole_path_postgres);

const ACCOUNT: &str = "6217000012345678";

// The household, by hand from POLICY.md (低保) with the city standard 55000 (prefix 4407):
// 柏文涛 (head, 46, earns 900000 fen a year), 岑秀兰 (spouse, physical disability grade 1),
// 柏桂英 (his mother, 78).
// per-capita income = 900000 ÷ 12 ÷ 3 = 25000 < 55000: eligible;
// 补差 = (55000 − 25000) × 3 = 90000; 分类施保 severe disability 35% × 55000 = 19250 (the
// aged-70 increment defaults to 0); monthly 90000 + 19250 = 109250.
const WAGE: i64 = 900_000;
const PCI: i64 = 25_000;
const BASE: i64 = 90_000;
const INCREMENT: i64 = 19_250;
const MONTHLY: i64 = 109_250;
// The district raises the standard to 60000 (prefix 440705) from the first month paid:
// 补差 (60000 − 25000) × 3 = 105000, increment 35% × 60000 = 21000, monthly 126000; the change is
// 5000 × 3 = 15000 of 补差 plus 1750 of increment = 16750 a month.
const MONTHLY_60K: i64 = 126_000;
const CHANGE_60K: i64 = 16_750;
// The mother dies in the first month: she counts in the month of death, not after. From the next
// month 2 members: per-capita 900000 ÷ 12 ÷ 2 = 37500; (60000 − 37500) × 2 = 45000 + 21000 = 66000.
// Each month already paid after her death was paid 126000: 60000 is recovered per month.
const MONTHLY_AFTER_DEATH: i64 = 66_000;
const RECOVERY_PER_MONTH: i64 = -60_000;

fn events(a: &Value) -> Vec<String> {
    a["events"].as_array().expect("events").iter().map(|e| e["action"].as_str().expect("action").to_owned()).collect()
}

fn allowed(a: &Value) -> Vec<String> {
    a["allowed_actions"].as_array().expect("allowed_actions").iter().map(|e| e.as_str().expect("action").to_owned()).collect()
}

async fn whole_path(app: &TestApp) {
    let today = app.today;
    let m = |k: i32| month(today, k);
    let town = app.login("huicheng").await;
    let village = app.login("beimen").await;
    let district = app.login("district").await;
    let finance = app.login("finance").await;

    let mut spouse = member("岑秀兰", "440705", "19820318", 22, "spouse");
    spouse.disability_grade = Some(1);
    let h = create_household(
        &town,
        BEIMEN,
        "会城街道北门社区新会路18号",
        &[member("柏文涛", "440705", "19800512", 11, "head"), spouse, member("柏桂英", "440705", "19480203", 42, "parent")],
    )
    .await;
    let (head, spouse, mother) = (h.person("head"), h.person("spouse"), h.person("parent"));
    let declared = facts(&[head, spouse, mother], head, WAGE);

    // ---- the provisional means test: shown, nothing stored ----
    let (status, assessed) = town.post("/api/v1/assistance/assess", &json!({"programme": "dibao", "household_id": h.id, "facts": declared})).await;
    assert_eq!(status, StatusCode::OK, "{assessed}");
    let a = &assessed["assessment"];
    assert_eq!(a["eligible"], true, "{a}");
    assert_eq!(a["members"], 3);
    assert_eq!(a["counted_income"], WAGE);
    assert_eq!(a["per_capita_income"], PCI);
    assert_eq!(a["standard"], CITY_DIBAO_STANDARD);
    assert_eq!(a["base"], BASE);
    assert_eq!(a["monthly"], MONTHLY);
    let increments = a["increments"].as_array().expect("increments");
    assert_eq!(increments.len(), 1, "only the spouse's severe disability: {a}");
    assert_eq!(increments[0]["person_id"], spouse);
    assert_eq!(increments[0]["category"], "severe_disability");
    assert_eq!(increments[0]["amount"], INCREMENT);
    assert_eq!(assessed["flags"], json!([]), "a clean household raises no flag");
    assert_eq!(app.count("applications").await, 0, "assess stores nothing");

    // ---- 受理 ----
    let created = apply(&town, h.id, declared.clone(), ACCOUNT).await;
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["stage"], "investigation");
    assert_eq!(created["programme"], "dibao");
    assert_eq!(created["region_code"], BEIMEN);
    assert_eq!(created["household_id"], h.id);
    assert_eq!(created["applicant_name"], "柏*涛");
    assert_eq!(created["members"], 3);
    assert_eq!(created["monthly"], MONTHLY);
    assert_eq!(created["eligible"], true);
    assert_eq!(created["accepted_on"], today.to_string());
    // the town's written opinion is due 15 working days after acceptance
    assert_eq!(created["deadline"], working_days_after(today, 15).to_string());
    let shown = created["payee"]["bank_account"].as_str().expect("account");
    assert!(shown != ACCOUNT && shown.contains('*'), "the account is masked: {shown}");
    assert_eq!(events(&created), ["accept"]);
    assert!(created["facts"]["members"].as_array().expect("members").iter().all(|m| m["name"].as_str().is_some_and(|n| n.contains('*'))), "{created}");
    let (_, list) = town.get("/api/v1/assistance/applications?stage=investigation").await;
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["id"], id);

    // ---- 入户调查 by the village worker ----
    let v = village.post(&format!("/api/v1/assistance/applications/{id}/actions"), &json!({"action": "investigate", "version": created["version"], "visit": visit(today)["visit"]})).await;
    let investigated = ok(v);
    assert_eq!(investigated["stage"], "verification");
    assert_eq!(investigated["version"], created["version"].as_i64().expect("v") + 1);
    let visit_event = investigated["events"].as_array().expect("events").iter().find(|e| e["action"] == "investigate").cloned().expect("the visit is recorded");
    assert_eq!(visit_event["actor"], "beimen");
    assert_eq!(visit_event["actor_role"], "village_worker");
    let data: Value = serde_json::from_str(visit_event["data"].as_str().expect("data")).expect("json");
    assert_eq!(data["visit"]["visited_on"], today.to_string());
    assert!(data["visit"]["findings"].as_str().is_some_and(|f| f.contains("无车辆")), "{data}");
    // verification is the town's
    let refused = act(&village, id, "verify", json!({})).await;
    assert_error(&refused, StatusCode::FORBIDDEN, "forbidden", None);

    // ---- 核对, 民主评议 by the town ----
    assert_eq!(ok(act(&town, id, "verify", json!({"note": "经济状况核对无异常"})).await)["stage"], "review");
    let reviewed = ok(act(&town, id, "review", json!({"note": "村民代表民主评议：同意"})).await);
    assert_eq!(reviewed["stage"], "notice");

    // ---- 公示: 7 days from 8 days ago ----
    let starts = today - Duration::days(8);
    let (status, notice) = town.post("/api/v1/assistance/notices", &json!({"region_code": HUICHENG, "programme": "dibao", "starts_on": starts.to_string()})).await;
    assert_eq!(status, StatusCode::CREATED, "{notice}");
    let notice_id = notice["id"].as_i64().expect("id");
    assert_eq!(notice["status"], "open");
    assert_eq!(notice["region_code"], HUICHENG);
    assert_eq!(notice["starts_on"], starts.to_string());
    assert_eq!(notice["ends_on"], (starts + Duration::days(6)).to_string(), "7 days, the first included");
    let items = notice["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{notice}");
    assert_eq!(items[0]["application_id"], id);
    assert_eq!(items[0]["name"], "柏*涛");
    assert_eq!(items[0]["members"], 3);
    assert_eq!(items[0]["monthly"], MONTHLY);
    assert_eq!(application(&town, id).await["notice_id"], notice_id);
    // nothing else waits for a notice now
    let again = town.post("/api/v1/assistance/notices", &json!({"region_code": HUICHENG, "programme": "dibao"})).await;
    assert_error(&again, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("programme"));

    // an objection, received during the notice
    let (status, objection) = town
        .post(&format!("/api/v1/assistance/notices/{notice_id}/objections"), &json!({"application_id": id, "content": "有群众反映其家庭有经营性收入", "contact": "13800001234"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{objection}");
    assert_eq!(objection["status"], "open");
    // re-checked within 20 working days of receipt (no holidays in this database)
    assert_eq!(objection["due_on"], working_days_after(today, 20).to_string());
    let objection_id = objection["id"].as_i64().expect("id");

    // the notice board: no login, masked names and ID numbers, no objections or contacts
    let (status, public) = app.anonymous().get(&format!("/api/v1/public/notices/{notice_id}")).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    let text = public.to_string();
    for (_, _, name, id_number) in &h.members {
        assert!(!text.contains(id_number.as_str()), "full ID number {id_number} on the board: {text}");
        assert!(!text.contains(name.as_str()), "full name {name} on the board: {text}");
    }
    assert!(!text.contains("13800001234"), "an objector's contact on the board: {text}");
    assert_eq!(public["items"][0]["name"], "柏*涛");
    let shown_id = public["items"][0]["id_number"].as_str().expect("id_number");
    assert!(shown_id.contains('*') && shown_id.len() == 18, "{shown_id}");
    assert_eq!(&shown_id[..6], "440705");
    assert_eq!(public["items"][0]["monthly"], MONTHLY);
    assert_eq!(public["items"][0]["village"], "北门社区居委会");
    assert_eq!(public["objections"], json!([]));
    assert_error(&app.anonymous().get("/api/v1/public/notices/999999").await, StatusCode::NOT_FOUND, "not_found", None);

    // closing after the last day: the application with an open objection waits
    let closed = ok(town.post(&format!("/api/v1/assistance/notices/{notice_id}/close"), &json!({})).await);
    assert_eq!(closed["status"], "closed");
    assert_eq!(application(&town, id).await["stage"], "notice", "an open objection holds the application");
    // the objection is re-checked and dismissed: on to the county
    let decided = ok(town.post(&format!("/api/v1/assistance/objections/{objection_id}/decide"), &json!({"outcome": "dismissed", "note": "经入户复查，反映情况不属实"})).await);
    assert_eq!(decided["status"], "dismissed");
    let waiting = application(&district, id).await;
    assert_eq!(waiting["stage"], "approval");
    // the county decides within 10 working days of receiving it
    assert_eq!(waiting["deadline"], working_days_after(today, 10).to_string());
    assert!(allowed(&waiting).contains(&"approve".to_owned()), "{:?}", allowed(&waiting));
    assert!(!allowed(&application(&village, id).await).contains(&"approve".to_owned()));

    // ---- 审批 ----
    let approved = ok(act(&district, id, "approve", json!({"note": "同意纳入低保"})).await);
    assert_eq!(approved["stage"], "approved");
    assert_eq!(approved["decided_on"], today.to_string());
    assert_eq!(events(&approved), ["accept", "investigate", "verify", "review", "publish", "close_notice", "approve"]);
    let case_id = approved["case_id"].as_i64().expect("a case");
    let c = case(&town, case_id).await;
    assert_eq!(c["status"], "active");
    assert_eq!(c["programme"], "dibao");
    assert_eq!(c["household_id"], h.id);
    assert_eq!(c["region_code"], BEIMEN);
    assert_eq!(c["head_name"], "柏*涛");
    assert_eq!(c["members"], 3);
    assert_eq!(c["monthly"], MONTHLY);
    assert_eq!(c["start_month"], m(0));
    assert_eq!(c["exit_proposed"], false);
    // not a stable household (he is 46 and not disabled): reviewed every 6 months
    assert_eq!(c["review_cycle_months"], 6);
    assert_eq!(c["next_review_on"], months_after(today, 6).to_string());

    // ---- 发放: this month and the next ----
    let p0 = preview(&finance, &m(0), COUNTY).await;
    assert_eq!(p0["households"], 1, "{p0}");
    assert_eq!(p0["lines"], 1);
    assert_eq!(p0["regular_total"], MONTHLY);
    assert_eq!(p0["arrears_total"], 0);
    assert_eq!(p0["recovery_total"], 0);
    assert_eq!(p0["total"], MONTHLY);
    assert_eq!(p0["confirmed_run_id"], Value::Null);
    assert_eq!(p0["by_town"], json!([{"region_code": HUICHENG, "region_name": "会城街道", "households": 1, "lines": 1, "total": MONTHLY}]));
    let (status, run0) = confirm(&finance, &m(0), COUNTY, &p0["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run0}");
    let run0_id = run0["id"].as_i64().expect("run id");
    assert_eq!(run0["total"], MONTHLY);
    assert_eq!(run0["created_by"], "finance");
    let l0 = lines(&finance, run0_id).await;
    assert_eq!(lines_of(&l0, case_id), [("regular".to_owned(), m(0), MONTHLY)]);
    assert_eq!(l0[0]["payee_name"], "柏*涛", "lines are masked");
    assert_eq!(preview(&finance, &m(0), COUNTY).await["confirmed_run_id"], run0_id);
    let run1 = pay(&finance, &m(1), COUNTY).await;
    assert_eq!(run1["total"], MONTHLY);
    assert_eq!(lines_of(&lines(&finance, run1["id"].as_i64().expect("id")).await, case_id), [("regular".to_owned(), m(1), MONTHLY)]);

    // ---- a standard change from the first paid month: what-if, then saved ----
    let change = json!({"key": "dibao.standard", "region_prefix": "440705", "effective_month": m(0), "value": 60000});
    assert_error(&town.post("/api/v1/assistance/params/simulate", &change).await, StatusCode::FORBIDDEN, "forbidden", None);
    let sim = ok(district.post("/api/v1/assistance/params/simulate", &change).await);
    assert_eq!(sim["cases"], 1, "{sim}");
    assert_eq!(sim["gain"], 1);
    assert_eq!(sim["leave"], 0);
    assert_eq!(sim["enter"], 0);
    assert_eq!(sim["monthly_before"], MONTHLY);
    assert_eq!(sim["monthly_after"], MONTHLY_60K);
    assert_eq!(sim["monthly_change"], CHANGE_60K);
    assert_eq!(sim["yearly_change"], CHANGE_60K * 12);
    let by_town = sim["by_town"].as_array().expect("by_town");
    assert_eq!(by_town.len(), 1, "{sim}");
    assert_eq!(by_town[0]["region_code"], HUICHENG);
    assert_eq!(by_town[0]["gain"], 1);
    assert_eq!(by_town[0]["monthly_change"], CHANGE_60K);
    let (_, params) = district.get("/api/v1/assistance/params?key=dibao.standard").await;
    assert_eq!(params.as_array().expect("params").len(), 1, "the simulation stored nothing: {params}");
    assert_eq!(case(&town, case_id).await["monthly"], MONTHLY, "the simulation changed no case");

    let mut saved_body = change.clone();
    saved_body["note"] = json!("2026年低保标准提标");
    let (status, saved) = district.post("/api/v1/assistance/params", &saved_body).await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    assert_eq!(saved["param"]["key"], "dibao.standard");
    assert_eq!(saved["param"]["region_prefix"], "440705");
    assert_eq!(saved["param"]["effective_month"], m(0));
    assert_eq!(saved["param"]["value"], 60000);
    assert_eq!(saved["param"]["created_by"], "district");
    let r = &saved["recalculation"];
    assert_eq!(r["cases"], 1, "{r}");
    assert_eq!(r["changed"], 1);
    assert_eq!(r["arrears_total"], CHANGE_60K * 2, "two months were paid at the old standard");
    assert_eq!(r["recovery_total"], 0);
    assert_eq!(r["exits_proposed"], 0);
    let (_, params) = district.get("/api/v1/assistance/params?key=dibao.standard").await;
    let params = params.as_array().expect("params").clone();
    assert_eq!(params.len(), 2);
    assert_eq!(params[0]["region_prefix"], "440705", "newest first: {params:?}");
    let c = case(&town, case_id).await;
    assert_eq!(c["monthly"], MONTHLY_60K);
    let adjustments: Vec<(String, i64, Value)> =
        c["adjustments"].as_array().expect("adjustments").iter().map(|a| (a["for_month"].as_str().expect("m").to_owned(), a["amount"].as_i64().expect("amount"), a["paid_in_run"].clone())).collect();
    assert_eq!(adjustments, [(m(0), CHANGE_60K, Value::Null), (m(1), CHANGE_60K, Value::Null)]);

    // the next run carries the arrears
    let p2 = preview(&finance, &m(2), COUNTY).await;
    assert_eq!(p2["regular_total"], MONTHLY_60K, "{p2}");
    assert_eq!(p2["arrears_total"], CHANGE_60K * 2);
    assert_eq!(p2["recovery_total"], 0);
    assert_eq!(p2["total"], MONTHLY_60K + CHANGE_60K * 2);
    assert_eq!(p2["lines"], 3);
    assert_eq!(p2["households"], 1);
    let (status, run2) = confirm(&finance, &m(2), COUNTY, &p2["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run2}");
    let run2_id = run2["id"].as_i64().expect("id");
    let mut expected = vec![("arrears".to_owned(), m(0), CHANGE_60K), ("arrears".to_owned(), m(1), CHANGE_60K), ("regular".to_owned(), m(2), MONTHLY_60K)];
    expected.sort();
    assert_eq!(lines_of(&lines(&finance, run2_id).await, case_id), expected);
    let paid_in: Vec<Value> = case(&town, case_id).await["adjustments"].as_array().expect("adjustments").iter().map(|a| a["paid_in_run"].clone()).collect();
    assert_eq!(paid_in, [json!(run2_id), json!(run2_id)], "the arrears are settled by that run");
    // the bank file: one row per household, the net amount, unmasked for the bank
    let bank = bank_csv(&finance, run2_id).await;
    assert_eq!(bank.len(), 2, "{bank:?}");
    assert_eq!(bank[0][1..5], ["账号", "户名", "开户银行", "金额（元）"]);
    assert_eq!(bank[1][1..5], [ACCOUNT, "柏文涛", BANK, &yuan(MONTHLY_60K + CHANGE_60K * 2)]);
    assert_eq!(bank[1][4], "1595.00");

    // ---- a death in the first month: her share stops from the next; paid months are recovered ----
    let died_on = first_of_month(today);
    let (status, after_death) = town.post(&format!("/api/v1/assistance/cases/{case_id}/death"), &json!({"person_id": mother, "death_date": died_on.to_string()})).await;
    assert_eq!(status, StatusCode::OK, "{after_death}");
    assert_eq!(after_death["case"]["members"], 2);
    assert_eq!(after_death["case"]["monthly"], MONTHLY_AFTER_DEATH);
    assert_eq!(after_death["case"]["status"], "active");
    assert_eq!(after_death["recalculation"]["recovery_total"], RECOVERY_PER_MONTH * 2, "{}", after_death["recalculation"]);
    assert_eq!(after_death["recalculation"]["arrears_total"], 0);
    let (_, person) = town.get(&format!("/api/v1/persons/{mother}")).await;
    assert_eq!(person["alive"], false, "the registry records the death: {person}");
    assert_eq!(person["death_date"], died_on.to_string());
    let again = town.post(&format!("/api/v1/assistance/cases/{case_id}/death"), &json!({"person_id": mother, "death_date": died_on.to_string()})).await;
    assert_error(&again, StatusCode::CONFLICT, "conflict", Some("person_id"));

    let p3 = preview(&finance, &m(3), COUNTY).await;
    assert_eq!(p3["regular_total"], MONTHLY_AFTER_DEATH, "{p3}");
    assert_eq!(p3["recovery_total"], RECOVERY_PER_MONTH * 2);
    assert_eq!(p3["arrears_total"], 0);
    assert_eq!(p3["total"], MONTHLY_AFTER_DEATH + RECOVERY_PER_MONTH * 2);
    let (status, run3) = confirm(&finance, &m(3), COUNTY, &p3["fingerprint"]).await;
    assert_eq!(status, StatusCode::CREATED, "{run3}");
    let run3_id = run3["id"].as_i64().expect("id");
    let mut expected = vec![("recovery".to_owned(), m(1), RECOVERY_PER_MONTH), ("recovery".to_owned(), m(2), RECOVERY_PER_MONTH), ("regular".to_owned(), m(3), MONTHLY_AFTER_DEATH)];
    expected.sort();
    assert_eq!(lines_of(&lines(&finance, run3_id).await, case_id), expected);
    // a net recovery is collected, never sent to the bank as a payment
    assert_eq!(bank_csv(&finance, run3_id).await.len(), 1, "only the header");

    // ---- 复核: his wage rose; above the line → proposed for exit with the reason ----
    let version = case(&town, case_id).await["version"].as_i64().expect("version");
    // 1800000 ÷ 12 ÷ 2 = 75000 per person, not below 60000
    let review = json!({"facts": facts(&[head, spouse], head, 1_800_000), "note": "复核：户主已稳定就业，收入明显增加", "version": version});
    let reviewed = ok(town.post(&format!("/api/v1/assistance/cases/{case_id}/review"), &review).await);
    assert_eq!(reviewed["case"]["exit_proposed"], true, "{reviewed}");
    let reason = reviewed["case"]["exit_reason"].as_str().expect("a reason");
    assert!(reason.contains("低保标准"), "the reason names the income test: {reason}");
    assert_eq!(reviewed["recalculation"]["leave"], 1);
    let stale = town.post(&format!("/api/v1/assistance/cases/{case_id}/review"), &review).await;
    assert_error(&stale, StatusCode::CONFLICT, "conflict", Some("version"));
    let (_, proposed) = district.get("/api/v1/assistance/cases?exit_proposed=true").await;
    assert_eq!(proposed["total"], 1, "{proposed}");
    assert_eq!(proposed["items"][0]["id"], case_id);
    // proposed, not decided: paid as before until the district decides the exit
    assert_eq!(reviewed["case"]["monthly"], MONTHLY_AFTER_DEATH, "{reviewed}");
    assert_eq!(preview(&finance, &m(4), COUNTY).await["regular_total"], MONTHLY_AFTER_DEATH);

    // ---- 退出 by the district, after the last month paid ----
    let version = case(&town, case_id).await["version"].as_i64().expect("version");
    let exit = |end: String| json!({"reason": "家庭收入超过低保标准，退出低保", "end_month": end, "version": version});
    assert_error(&town.post(&format!("/api/v1/assistance/cases/{case_id}/exit"), &exit(m(3))).await, StatusCode::FORBIDDEN, "forbidden", None);
    let early = district.post(&format!("/api/v1/assistance/cases/{case_id}/exit"), &exit(m(2))).await;
    assert_error(&early, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("end_month"));
    let stopped = ok(district.post(&format!("/api/v1/assistance/cases/{case_id}/exit"), &exit(m(3))).await);
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["end_month"], m(3));
    assert_eq!(stopped["exit_proposed"], false);
    let (_, active) = district.get("/api/v1/assistance/cases?status=active").await;
    assert_eq!(active["total"], 0, "{active}");
    let p4 = preview(&finance, &m(4), COUNTY).await;
    assert_eq!(p4["regular_total"], 0, "a stopped case is not paid: {p4}");
}
