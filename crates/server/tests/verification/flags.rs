//! Each red flag raised by a crafted household and not by a clean one; the means test on verified
//! figures; flags resolved once; reports scoped, masked and audited; a batch run.
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::*;
use crate::assistance::support::*;
use crate::common::*;

/// Two members (head 1970, spouse 1972) in 北门, the head declaring 6,000 yuan of wages a year.
/// Declared: 600000 ÷ 12 ÷ 2 = 25000 per capita; (55000 − 25000) × 2 = 60000 a month.
async fn household(town: &Client, tag: &str, seq: u16, account: &str) -> (Household, i64) {
    let head = format!("{tag}户主");
    let spouse = format!("{tag}配偶");
    let members = [member(Box::leak(head.into_boxed_str()), "440705", "19700301", seq, "head"), member(Box::leak(spouse.into_boxed_str()), "440705", "19720401", seq + 1, "spouse")];
    let h = create_household(town, BEIMEN, &format!("北门村{tag}号"), &members).await;
    let a = apply(town, h.id, facts(&h.ids(), h.person("head"), 600_000), account).await;
    (h, a["id"].as_i64().expect("application id"))
}

fn id_of(h: &Household, relation: &str) -> String {
    h.members.iter().find(|m| m.0 == relation).map(|m| m.3.clone()).expect("member")
}

fn csv(header: &str, rows: &[String]) -> String {
    let mut s = String::from(header);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s
}

pub async fn flags_raised_and_resolved(app: &TestApp) {
    let town = app.login("huicheng").await;
    let verifier = app.login("verifier").await;
    let district = app.login("district").await;
    let mut account = 6_228_000_000_000_100u64;
    let mut next_account = || {
        account += 1;
        account.to_string()
    };
    let (clean, clean_app) = household(&town, "清", 301, &next_account()).await;
    let (wage, wage_app) = household(&town, "薪", 303, &next_account()).await;
    let (car, car_app) = household(&town, "车", 305, &next_account()).await;
    let (flat, flat_app) = household(&town, "房", 307, &next_account()).await;
    let (shop, shop_app) = household(&town, "商", 309, &next_account()).await;
    let (bank, bank_app) = household(&town, "存", 311, &next_account()).await;
    let (rich, rich_app) = household(&town, "富", 313, &next_account()).await;
    let (dead, dead_app) = household(&town, "殁", 315, &next_account()).await;
    let (moved, moved_app) = household(&town, "迁", 317, &next_account()).await;
    let (twice, twice_app) = household(&town, "重", 319, &next_account()).await;
    let (kin, kin_app) = household(&town, "亲", 321, &next_account()).await;
    let (_s1, s1_app) = household(&town, "甲", 323, "6228000000000999").await;
    let (_s2, s2_app) = household(&town, "乙", 325, "6228000000000999").await;
    let (wed, wed_app) = household(&town, "婚", 327, &next_account()).await;

    let as_of = (app.today - chrono::Duration::days(1)).to_string();
    let died = (app.today - chrono::Duration::days(100)).to_string();
    let all = [&clean, &wage, &car, &flat, &shop, &bank, &rich, &dead, &moved, &twice, &kin, &wed];
    // 户籍: every member in the booklet of his household, but 迁's spouse in another
    let hukou: Vec<String> = all
        .iter()
        .flat_map(|h| {
            h.members.iter().map(move |m| {
                let booklet = if h.id == moved.id && m.0 == "spouse" { "B-OTHER".to_owned() } else { format!("B{}", h.id) };
                format!("{},{},{booklet}", m.3, m.2)
            })
        })
        .collect();
    loaded(&verifier, "ps_hukou", &as_of, &csv("身份证号,姓名,户号", &hukou)).await;
    // wages: the clean head's 500 × 12 = 6,000 as declared; 薪's spouse 1,500 × 4 = 6,000 undeclared;
    // 富's spouse 5,000 × 12 = 60,000 undeclared
    loaded(
        &verifier,
        "hr_contribution",
        &as_of,
        &csv(
            "身份证号,姓名,单位名称,月缴费基数,近12个月缴费月数",
            &[
                format!("{},清户主,某厂,500,12", id_of(&clean, "head")),
                format!("{},薪配偶,某厂,1500,4", id_of(&wage, "spouse")),
                format!("{},富配偶,某公司,5000,12", id_of(&rich, "spouse")),
            ],
        ),
    )
    .await;
    loaded(&verifier, "ps_vehicle", &as_of, &csv("身份证号,姓名,号牌号码,车辆类型", &[format!("{},车户主,粤J8A888,小型汽车", id_of(&car, "head"))])).await;
    loaded(
        &verifier,
        "housing_property",
        &as_of,
        &csv("身份证号,姓名,不动产权证号,建筑面积", &[format!("{},房户主,粤2016第1号,80", id_of(&flat, "head")), format!("{},房户主,粤2021第2号,95.5", id_of(&flat, "head"))]),
    )
    .await;
    loaded(&verifier, "market_business", &as_of, &csv("身份证号,姓名,统一社会信用代码,认缴出资额,身份", &[format!("{},商户主,92440705MA0001,0,法定代表人", id_of(&shop, "head"))])).await;
    // the limit is 24 × 550 × 2 = 26,400 yuan: one fen more
    loaded(&verifier, "bank_deposit", &as_of, &csv("身份证号,姓名,账号,余额", &[format!("{},存户主,6222000011112222,26400.01", id_of(&bank, "head"))])).await;
    loaded(&verifier, "ca_cremation", &as_of, &csv("身份证号,姓名,死亡日期", &[format!("{},殁配偶,{died}", id_of(&dead, "spouse"))])).await;
    loaded(&verifier, "ca_enrolment", &as_of, &csv("身份证号,姓名,救助项目,在保地区", &[format!("{},重配偶,特困,江海区", id_of(&twice, "spouse"))])).await;
    let outsider = id_number("440705", "19750101", 399);
    loaded(&verifier, "ca_marriage", &as_of, &csv("身份证号,姓名,登记类型,配偶身份证号,配偶姓名,登记日期", &[format!("{},婚户主,结婚,{outsider},外某,2020-05-01", id_of(&wed, "head"))])).await;
    let (status, r) = district
        .post(
            "/api/v1/assistance/relatives",
            &json!({"id_number": id_of(&kin, "head"), "name": "亲户主", "staff_name": "王主任", "staff_post": "北门村委会主任", "relation": "兄弟", "region_code": BEIMEN}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");

    // the clean household: consistent, no flag, its declared amount confirmed
    let report = verify_application(&verifier, clean_app).await;
    assert_eq!(report["conclusion"], "consistent", "{report}");
    assert_eq!(codes(&report), Vec::<String>::new());
    assert_eq!((report["declared_monthly"].as_i64(), report["verified_monthly"].as_i64()), (Some(60_000), Some(60_000)));
    let wage_row = report["comparisons"].as_array().expect("comparisons").iter().find(|c| c["item"] == "income.wage").cloned().expect("wage row");
    assert_eq!((wage_row["declared"].as_i64(), wage_row["found"].as_i64(), wage_row["verified"].as_i64()), (Some(600_000), Some(600_000), Some(600_000)));
    assert!(report["members"][0]["findings"].as_array().expect("findings").len() >= 2, "户籍 and wages found: {report}");
    assert_eq!(report["masked"], true);
    assert!(report["members"][0]["name"].as_str().expect("name").contains('*'), "{report}");

    // undeclared wages: (6,000 + 6,000) ÷ 12 ÷ 2 = 500 per capita; (550 − 500) × 2 = 100 yuan
    let report = verify_application(&town, wage_app).await;
    assert_eq!(report["conclusion"], "inconsistent", "{report}");
    assert_eq!(codes(&report), Vec::<String>::new());
    assert_eq!((report["declared_monthly"].as_i64(), report["verified_monthly"].as_i64()), (Some(60_000), Some(10_000)));
    assert_eq!(report["verified"]["per_capita_income"], 50_000);

    let expect = |report: &Value, code: &str, conclusion: &str| {
        assert_eq!(codes(report), vec![code.to_owned()], "{report}");
        assert_eq!(report["conclusion"], conclusion, "{report}");
        let flag = &report["flags"][0];
        assert_eq!(flag["status"], "open");
        assert!(!flag["evidence_zh"].as_str().unwrap_or_default().is_empty(), "evidence: {flag}");
    };
    let car_report = verify_application(&verifier, car_app).await;
    expect(&car_report, "undeclared_vehicle", "not_eligible");
    assert!(car_report["flags"][0]["evidence_zh"].as_str().expect("evidence").contains("粤J8A888"));
    expect(&verify_application(&verifier, flat_app).await, "property_over_limit", "not_eligible");
    expect(&verify_application(&verifier, shop_app).await, "business_owner", "consistent");
    let bank_report = verify_application(&verifier, bank_app).await;
    expect(&bank_report, "deposits_over_limit", "not_eligible");
    assert!(!bank_report.to_string().contains("6222000011112222"), "an account number is shown by its last four digits only");
    // 5,000 × 12 + 6,000 = 66,000 ÷ 12 ÷ 2 = 2,750 per capita ≥ 550
    let rich_report = verify_application(&verifier, rich_app).await;
    expect(&rich_report, "income_above_line", "not_eligible");
    assert_eq!(rich_report["verified"]["per_capita_income"], 275_000);
    // the spouse died 100 days ago: the head alone, 6,000 ÷ 12 = 500; 550 − 500 = 50 yuan
    let dead_report = verify_application(&verifier, dead_app).await;
    expect(&dead_report, "deceased", "inconsistent");
    assert_eq!(dead_report["verified_monthly"], 5_000);
    expect(&verify_application(&verifier, moved_app).await, "other_household", "consistent");
    expect(&verify_application(&verifier, twice_app).await, "enrolled_elsewhere", "consistent");
    expect(&verify_application(&verifier, kin_app).await, "staff_relative", "consistent");
    expect(&verify_application(&verifier, s1_app).await, "shared_bank_account", "consistent");
    expect(&verify_application(&verifier, s2_app).await, "shared_bank_account", "consistent");
    expect(&verify_application(&verifier, wed_app).await, "undeclared_spouse", "consistent");

    // the flag list of the town, and resolving a flag once
    let (status, list) = town.get("/api/v1/verification/flags?status=open&code=undeclared_vehicle").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["total"], 1, "{list}");
    let flag = &car_report["flags"][0];
    let path = format!("/api/v1/verification/flags/{}/resolve", flag["id"]);
    assert_error(&town.post(&path, &json!({"resolution": "confirmed", "note": "", "version": flag["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("note"));
    assert_error(&town.post(&path, &json!({"resolution": "maybe", "note": "入户核实", "version": flag["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("resolution"));
    let auditor = app.login("auditor").await;
    assert_eq!(auditor.post(&path, &json!({"resolution": "confirmed", "note": "入户核实属实", "version": flag["version"]})).await.0, StatusCode::FORBIDDEN);
    let siqian = app.login("siqian").await;
    assert_eq!(siqian.post(&path, &json!({"resolution": "confirmed", "note": "入户核实属实", "version": flag["version"]})).await.0, StatusCode::NOT_FOUND);
    let (status, resolved) = town.post(&path, &json!({"resolution": "confirmed", "note": "入户核实车辆属实，已提出退出建议", "version": flag["version"]})).await;
    assert_eq!(status, StatusCode::OK, "{resolved}");
    assert_eq!((resolved["status"].as_str(), resolved["resolution"].as_str(), resolved["resolved_by"].as_str()), (Some("resolved"), Some("confirmed"), Some("huicheng")));
    assert_error(&town.post(&path, &json!({"resolution": "cleared", "note": "重复处理", "version": flag["version"]})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    let (_, list) = town.get("/api/v1/verification/flags?status=open&code=undeclared_vehicle").await;
    assert_eq!(list["total"], 0, "{list}");

    // scope, masking and the audit of every look
    let report_path = format!("/api/v1/verification/reports/{}", car_report["id"]);
    assert_eq!(siqian.get(&report_path).await.0, StatusCode::NOT_FOUND);
    let (_, siqian_list) = siqian.get("/api/v1/verification/reports").await;
    assert_eq!(siqian_list["total"], 0, "{siqian_list}");
    assert_eq!(auditor.get(&format!("{report_path}?unmask=true")).await.0, StatusCode::FORBIDDEN);
    let reads_before = audit_count(app, "verification.report.read").await;
    let (status, full) = verifier.get(&format!("{report_path}?unmask=true")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(full["members"][0]["name"], "车户主", "{full}");
    assert_eq!(full["members"][0]["id_number"], id_of(&car, "head"));
    assert_eq!(auditor.get(&report_path).await.0, StatusCode::OK);
    assert_eq!(audit_count(app, "verification.report.read").await, reads_before + 2, "every look is audited");

    // a batch: the applications of 会城 waiting for the verification step (only 薪's)
    ok(act(&town, wage_app, "investigate", visit(app.today)).await);
    let (status, run) = verifier.post("/api/v1/verification/runs", &json!({"scope": "pending", "region_code": HUICHENG})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    let run = wait_run(&verifier, run["id"].as_i64().expect("run id")).await;
    assert_eq!((run["status"].as_str(), run["total"].as_i64(), run["inconsistent"].as_i64(), run["percent"].as_i64()), (Some("done"), Some(1), Some(1), Some(100)), "{run}");
    let (_, reports) = verifier.get(&format!("/api/v1/verification/reports?run_id={}", run["id"])).await;
    assert_eq!(reports["items"][0]["application_id"].as_i64(), Some(wage_app), "{reports}");
    assert_error(&verifier.post("/api/v1/verification/runs", &json!({"scope": "everything"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("scope"));
    assert_eq!(siqian.post("/api/v1/verification/runs", &json!({"scope": "pending", "region_code": HUICHENG})).await.0, StatusCode::FORBIDDEN);
}

pub async fn audit_count(app: &TestApp, action: &str) -> i64 {
    use sqlx::Row;
    let row = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action.to_owned()).fetch_one(app.store.pool()).await.expect("audit count");
    row.try_get::<i64, _>(0).expect("count")
}
