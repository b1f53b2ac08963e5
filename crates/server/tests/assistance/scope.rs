//! E. The dashboard and the payroll exports keep to the asking account's region: 会城's officer
//! sees 会城 only; the bank file holds exactly the households of its run, net, unmasked.
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::support::*;
use crate::common::*;

both!(stats_and_exports_scope => assistance_stats_and_exports_scope_sqlite, assistance_stats_and_exports_scope_postgres);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ACCOUNT_HC: &str = "6217000011112222";
const ACCOUNT_SQ: &str = "6217000033334444";
// 会城: 2 members, 660000 a year: 660000 ÷ 12 ÷ 2 = 27500; (55000 − 27500) × 2 = 55000.
const MONTHLY_HC: i64 = 55_000;
// 司前: 2 members, 240000 a year: 240000 ÷ 12 ÷ 2 = 10000; (55000 − 10000) × 2 = 90000.
const MONTHLY_SQ: i64 = 90_000;

async fn xlsx(c: &Client, path: &str) -> Vec<Vec<String>> {
    let (status, content_type, bytes) = c.download(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&bytes));
    assert_eq!(content_type, XLSX, "{path}");
    minzheng_server::tabular::read_table("x.xlsx", &bytes).expect("an xlsx")
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array().expect("list").iter().map(|r| r["region_code"].as_str().expect("code").to_owned()).collect()
}

async fn stats_and_exports_scope(app: &TestApp) {
    let m0 = month(app.today, 0);
    let (hc, _, hc_case) =
        enrolled(app, "huicheng", HUICHENG, BEIMEN, &[member("柏文涛", "440705", "19800512", 11, "head"), member("岑秀兰", "440705", "19820318", 22, "spouse")], 660_000, ACCOUNT_HC).await;
    let (sq, _, sq_case) = enrolled(
        app,
        "siqian",
        SIQIAN,
        SIQIAN_VILLAGE,
        &[member("龚德明", "440705", "19650704", 33, "head"), member("龚小梅", "440705", "20100110", 44, "child")],
        240_000,
        ACCOUNT_SQ,
    )
    .await;
    let town = app.login("huicheng").await;
    let other_town = app.login("siqian").await;
    let district = app.login("district").await;
    let finance = app.login("finance").await;

    // ---- payroll: 会城 first on its own, then the district pays the rest (司前 only) ----
    assert_error(&town.post("/api/v1/assistance/payroll/preview", &payroll_body(&m0, HUICHENG)).await, StatusCode::FORBIDDEN, "forbidden", None);
    let hc_run = pay(&finance, &m0, HUICHENG).await;
    assert_eq!(hc_run["region_code"], HUICHENG);
    assert_eq!(hc_run["total"], MONTHLY_HC, "{hc_run}");
    assert_eq!(hc_run["households"], 1);
    let district_run = pay(&finance, &m0, COUNTY).await;
    assert_eq!(district_run["households"], 1, "会城 is not paid twice: {district_run}");
    assert_eq!(district_run["total"], MONTHLY_SQ);
    assert_eq!(codes(&district_run["by_town"]), [SIQIAN]);
    let (hc_id, district_id) = (hc_run["id"].as_i64().expect("id"), district_run["id"].as_i64().expect("id"));

    // ---- the dashboard ----
    let (status, all) = district.get("/api/v1/assistance/stats").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let by_town: Vec<(String, String, i64, i64, i64)> = all["by_town"]
        .as_array()
        .expect("by_town")
        .iter()
        .map(|r| (r["region_code"].as_str().expect("c").to_owned(), r["programme"].as_str().expect("p").to_owned(), r["households"].as_i64().expect("h"), r["persons"].as_i64().expect("p"), r["monthly"].as_i64().expect("m")))
        .collect();
    assert_eq!(by_town, [(HUICHENG.to_owned(), "dibao".to_owned(), 1, 2, MONTHLY_HC), (SIQIAN.to_owned(), "dibao".to_owned(), 1, 2, MONTHLY_SQ)]);
    assert_eq!(all["paid_by_month"], json!([{"month": m0, "programme": "dibao", "total": MONTHLY_HC + MONTHLY_SQ}]));
    let avg = &all["average_benefit"][0];
    assert_eq!((avg["households"].as_i64(), avg["monthly"].as_i64(), avg["average"].as_i64()), (Some(2), Some(MONTHLY_HC + MONTHLY_SQ), Some((MONTHLY_HC + MONTHLY_SQ) / 2)));

    let (status, mine) = town.get("/api/v1/assistance/stats").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    // a town's figures are by village, 会城's only
    let rows = mine["by_town"].as_array().expect("by_town");
    assert_eq!(rows.len(), 1, "{mine}");
    assert_eq!(rows[0]["region_code"], BEIMEN);
    assert_eq!(rows[0]["households"], 1);
    assert_eq!(rows[0]["persons"], 2);
    assert_eq!(rows[0]["monthly"], MONTHLY_HC);
    assert_eq!(mine["paid_by_month"], json!([{"month": m0, "programme": "dibao", "total": MONTHLY_HC}]));
    assert_eq!(mine["average_benefit"][0]["households"], 1);
    assert_eq!(mine["average_benefit"][0]["average"], MONTHLY_HC);
    let coverage = codes(&mine["coverage"]);
    assert!(!coverage.is_empty() && coverage.iter().all(|c| c.starts_with("440705001")), "{coverage:?}");
    let beimen = mine["coverage"].as_array().expect("coverage").iter().find(|c| c["region_code"] == BEIMEN).cloned().expect("北门 in the coverage");
    assert_eq!(beimen["persons"], 2);
    assert!(codes(&mine["overdue"]).iter().all(|c| c.starts_with("440705001")));
    assert_error(&town.get(&format!("/api/v1/assistance/stats?region={SIQIAN}")).await, StatusCode::FORBIDDEN, "forbidden", None);
    let (_, theirs) = other_town.get("/api/v1/assistance/stats").await;
    assert_eq!(theirs["paid_by_month"], json!([{"month": m0, "programme": "dibao", "total": MONTHLY_SQ}]));
    // the export: 会城's rows only
    let sheet = xlsx(&town, "/api/v1/assistance/stats.xlsx").await;
    assert!(sheet.len() > 1, "{sheet:?}");
    for row in &sheet[1..] {
        assert!(row[1].is_empty() || row[1].starts_with("440705001"), "{row:?}");
        assert!(!row.iter().any(|cell| cell.contains("司前")), "{row:?}");
    }
    assert!(sheet.iter().any(|r| r[1] == BEIMEN && r[6] == yuan(MONTHLY_HC)), "{sheet:?}");

    // ---- runs and their files ----
    let (_, runs) = town.get("/api/v1/assistance/payroll/runs").await;
    let ids: Vec<i64> = runs.as_array().expect("runs").iter().map(|r| r["id"].as_i64().expect("id")).collect();
    assert_eq!(ids, [hc_id], "the town sees its own run, not the district's");
    assert_error(&town.get(&format!("/api/v1/assistance/payroll/runs/{district_id}")).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&town.get(&format!("/api/v1/assistance/payroll/runs/{district_id}/lines")).await, StatusCode::NOT_FOUND, "not_found", None);
    let (status, _, _) = town.download(&format!("/api/v1/assistance/payroll/runs/{district_id}/summary.xlsx")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other_town.download(&format!("/api/v1/assistance/payroll/runs/{hc_id}/summary.xlsx")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // the town may read its summary, not the bank file (unmasked accounts are finance's)
    let summary = xlsx(&town, &format!("/api/v1/assistance/payroll/runs/{hc_id}/summary.xlsx")).await;
    assert!(summary.iter().any(|r| r[0] == "会城街道" && r[1] == HUICHENG && r[4] == yuan(MONTHLY_HC)), "{summary:?}");
    assert!(summary.iter().any(|r| r[0] == "合计" && r[4] == yuan(MONTHLY_HC)), "{summary:?}");
    assert!(!summary.iter().flatten().any(|c| c.contains("司前")), "{summary:?}");
    let (status, _, _) = town.download(&format!("/api/v1/assistance/payroll/runs/{hc_id}/bank.csv")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = town.download(&format!("/api/v1/assistance/payroll/runs/{hc_id}/bank.xlsx")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // the bank files: account, name, amount for exactly the run's households
    let hc_bank = bank_csv(&finance, hc_id).await;
    assert_eq!(hc_bank.len(), 2, "{hc_bank:?}");
    assert_eq!(hc_bank[1], ["1", ACCOUNT_HC, "柏文涛", BANK, yuan(MONTHLY_HC).as_str(), BEIMEN, hc_case.to_string().as_str()]);
    let district_bank = bank_csv(&finance, district_id).await;
    assert_eq!(district_bank.len(), 2, "{district_bank:?}");
    assert_eq!(district_bank[1], ["1", ACCOUNT_SQ, "龚德明", BANK, yuan(MONTHLY_SQ).as_str(), SIQIAN_VILLAGE, sq_case.to_string().as_str()]);
    let bank_xlsx = xlsx(&finance, &format!("/api/v1/assistance/payroll/runs/{hc_id}/bank.xlsx")).await;
    assert_eq!(bank_xlsx, hc_bank, "the workbook holds the same rows");
    let summary = xlsx(&finance, &format!("/api/v1/assistance/payroll/runs/{district_id}/summary.xlsx")).await;
    assert!(summary.iter().any(|r| r[0] == "司前镇" && r[4] == yuan(MONTHLY_SQ)), "{summary:?}");
    assert!(!summary.iter().flatten().any(|c| c.contains("会城")), "{summary:?}");
    // downloading the bank file is audited
    let auditor = app.login("auditor").await;
    // (finance: two bank.csv, one bank.xlsx, one summary; 会城: one summary; refusals are not exports)
    let (_, exports) = auditor.get("/api/v1/audit?action=export&entity=payroll_run&actor=finance").await;
    assert_eq!(exports["total"], 4, "{exports}");
    let (_, exports) = auditor.get("/api/v1/audit?action=export&entity=payroll_run&actor=huicheng").await;
    assert_eq!(exports["total"], 1, "{exports}");
    let _ = (hc, sq);
}
