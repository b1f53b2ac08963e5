//! 慈善公益信息平台 (docs/api.md, "Charity") end to end on both databases: donations with every
//! designation, allocations that respect them (and the refusal that changes nothing), the
//! proportional trace of a pooled fund, the public portal without login with recipients masked,
//! checkpoints and inclusion proofs checked with the core's stand-alone procedure, and the tamper
//! test: rows and ledger entries altered directly in the database are named by the verification.
//! Every amount is worked out by hand in the comments.
use chrono::NaiveDate;
use minzheng_core::charity::ledger::{Checkpoint, Entry, GENESIS_HASH, InclusionProof};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/charity/meta"),
    ("get", "/api/v1/charity/funds"),
    ("post", "/api/v1/charity/funds"),
    ("get", "/api/v1/charity/projects"),
    ("post", "/api/v1/charity/projects"),
    ("get", "/api/v1/charity/projects/{}"),
    ("get", "/api/v1/charity/campaigns"),
    ("post", "/api/v1/charity/campaigns"),
    ("get", "/api/v1/charity/campaigns/{}"),
    ("get", "/api/v1/charity/donations"),
    ("post", "/api/v1/charity/donations"),
    ("get", "/api/v1/charity/donations/{}"),
    ("get", "/api/v1/charity/pools"),
    ("post", "/api/v1/charity/allocations/preview"),
    ("get", "/api/v1/charity/allocations"),
    ("post", "/api/v1/charity/allocations"),
    ("get", "/api/v1/charity/allocations/{}"),
    ("get", "/api/v1/charity/ledger"),
    ("get", "/api/v1/charity/checkpoints"),
    ("post", "/api/v1/charity/checkpoints"),
    ("post", "/api/v1/charity/verify"),
    ("get", "/api/v1/charity/verifications"),
    ("get", "/api/v1/charity/verifications/{}"),
    ("get", "/api/v1/charity/report"),
    ("get", "/api/v1/charity/report.xlsx"),
    ("get", "/api/v1/public/charity/summary"),
    ("get", "/api/v1/public/charity/projects"),
    ("get", "/api/v1/public/charity/campaigns"),
    ("get", "/api/v1/public/charity/trace/{}"),
    ("get", "/api/v1/public/charity/proof/{}"),
    ("get", "/api/v1/public/charity/checkpoints"),
];

both!(designations_trace_and_portal => charity_transparency_sqlite, charity_transparency_postgres);
both!(tampering_is_named => charity_tamper_sqlite, charity_tamper_postgres);

async fn ok(c: &Client, path: &str, body: &Value) -> Value {
    let (s, v) = c.post(path, body).await;
    assert!(s == StatusCode::CREATED || s == StatusCode::OK, "{path}: {s} {v}");
    v
}

async fn donate(c: &Client, name: &str, fen: i64, designation: Value) -> Value {
    ok(c, "/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": name, "amount_fen": fen, "designation": designation})).await
}

/// A household of 会城 from the generated population: (id, the head's full name).
async fn huicheng_household(app: &TestApp) -> (i64, String) {
    let row: (i64, String) = sqlx::query_as(
        "SELECT h.id, p.name FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.region_code LIKE '440705001%' AND LENGTH(p.name) > 0 ORDER BY h.id LIMIT 1",
    )
    .fetch_one(app.store.pool())
    .await
    .expect("a household of 会城");
    row
}

struct Setup {
    fpjk: i64,
    zx: i64,
    project: i64,
    household: i64,
    head: String,
    d: Vec<Value>,
}

/// Funds 扶贫济困 (FPJK) and 助学 (ZX), project P of FPJK in 会城, and five donations:
/// d1 100.00 undesignated, d2 300.00 to P (a company), d3 200.00 to 司前 (anonymous),
/// d4 500.00 to ZX, d5 400.00 to children.
async fn setup(app: &TestApp, clerk: &Client) -> Setup {
    let fpjk = ok(clerk, "/api/v1/charity/funds", &json!({"code": "fpjk", "name": "扶贫济困基金", "purpose": "扶贫济困"})).await;
    assert_eq!(fpjk["code"], "FPJK");
    let zx = ok(clerk, "/api/v1/charity/funds", &json!({"code": "ZX", "name": "助学基金", "purpose": "助学"})).await;
    let project = ok(clerk, "/api/v1/charity/projects", &json!({"fund_id": fpjk["id"], "name": "困难家庭春节慰问", "region_code": HUICHENG, "target_fen": 100_000})).await;
    let d1 = donate(clerk, "张三丰", 10_000, json!({"kind": "undesignated"})).await;
    let d2 = ok(clerk, "/api/v1/charity/donations", &json!({"donor_kind": "company", "donor_name": "新会陈皮村实业有限公司", "amount_fen": 30_000, "designation": {"kind": "project", "project": project["id"]}})).await;
    let d3 = ok(clerk, "/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "王五", "anonymous": true, "amount_fen": 20_000, "designation": {"kind": "region", "region": SIQIAN}})).await;
    let d4 = donate(clerk, "李四", 50_000, json!({"kind": "fund", "fund": "zx"})).await;
    let d5 = donate(clerk, "赵六", 40_000, json!({"kind": "category", "category": "children"})).await;
    let (household, head) = huicheng_household(app).await;
    Setup { fpjk: fpjk["id"].as_i64().unwrap(), zx: zx["id"].as_i64().unwrap(), project: project["id"].as_i64().unwrap(), household, head, d: vec![d1, d2, d3, d4, d5] }
}

async fn designations_trace_and_portal(app: &TestApp) {
    let clerk = app.login("charity").await;
    let s = setup(app, &clerk).await;
    let [d1, d2, d3, d4, _d5] = [&s.d[0], &s.d[1], &s.d[2], &s.d[3], &s.d[4]];
    assert!(d1["receipt_code"].as_str().unwrap().starts_with("CS"), "{d1}");
    assert_eq!(d2["designation"]["label_zh"], "定向项目：困难家庭春节慰问");
    assert_eq!(d3["public_donor"], "爱心人士");
    assert_eq!(d4["fund_name"], "助学基金");

    // bad input: named field, nothing written
    let entries_before = app.count("charity_ledger").await;
    assert_error(&clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": 0})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("amount_fen"));
    assert_error(
        &clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": 100, "designation": {"kind": "project", "project": 999_999}})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some("designation.project"),
    );
    assert_error(&clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "robot", "donor_name": "甲", "amount_fen": 100})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("donor_kind"));
    assert_eq!(app.count("charity_ledger").await, entries_before);
    // only the charity's clerks record
    let district = app.login("district").await;
    assert_eq!(district.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": 100})).await.0, StatusCode::FORBIDDEN);

    // a1: 350.00 from FPJK under P to the 会城 household. P's own 300.00 first (most specific);
    // 司前's, the children's and ZX's money do not admit it; the last 50.00 from d1.
    let a1_body = json!({"fund_id": s.fpjk, "project_id": s.project, "recipient_kind": "household", "household_id": s.household, "amount_fen": 35_000, "purpose": "春节慰问金"});
    let (_, p) = clerk.post("/api/v1/charity/allocations/preview", &a1_body).await;
    assert_eq!(p["ok"], true, "{p}");
    let draws: Vec<(String, i64)> = p["draws"].as_array().unwrap().iter().map(|d| (d["designation"]["kind"].as_str().unwrap().to_owned(), d["amount_fen"].as_i64().unwrap())).collect();
    assert_eq!(draws, vec![("project".to_owned(), 30_000), ("undesignated".to_owned(), 5_000)]);
    let a1 = ok(&clerk, "/api/v1/charity/allocations", &a1_body).await;
    assert_eq!(a1["recipient_name"].as_str().unwrap(), minzheng_core::mask::mask_name(&s.head));

    // a2: 100.00 more to the household: only 50.00 admits it; 1100.00 (司前 200, ZX 500,
    // children 400) is designated elsewhere. Refused, with the reason, and nothing changes.
    let entries_before = app.count("charity_ledger").await;
    let pools_before = clerk.get("/api/v1/charity/pools").await.1;
    let a2_body = json!({"fund_id": s.fpjk, "recipient_kind": "household", "household_id": s.household, "amount_fen": 10_000, "purpose": "临时救助"});
    let (_, p) = clerk.post("/api/v1/charity/allocations/preview", &a2_body).await;
    assert_eq!(p["ok"], false);
    assert_eq!(p["refusal"]["code"], "insufficient");
    let refused = clerk.post("/api/v1/charity/allocations", &a2_body).await;
    assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("amount_fen"));
    let msg = refused.1["error"]["message"].as_str().unwrap().to_owned();
    assert!(msg.contains("50.00元") && msg.contains("100.00元") && msg.contains("1100.00元"), "{msg}");
    assert_eq!(app.count("charity_ledger").await, entries_before);
    assert_eq!(app.count("charity_allocations").await, 1);
    assert_eq!(clerk.get("/api/v1/charity/pools").await.1, pools_before);

    // a3: 600.00 from ZX to a school of 司前: 司前's 200.00 (level 2), then 400.00 of ZX's 500.00
    let a3 = ok(&clerk, "/api/v1/charity/allocations", &json!({"fund_id": s.zx, "recipient_kind": "organisation", "recipient_name": "司前镇中心小学", "region_code": SIQIAN, "amount_fen": 60_000, "purpose": "贫困学生午餐"})).await;
    let draws: Vec<i64> = a3["draws"].as_array().unwrap().iter().map(|d| d["amount_fen"].as_i64().unwrap()).collect();
    assert_eq!(draws, vec![20_000, 40_000]);
    // a project of another fund is refused by name
    assert_error(
        &clerk.post("/api/v1/charity/allocations", &json!({"fund_id": s.zx, "project_id": s.project, "recipient_kind": "project", "amount_fen": 100, "purpose": "x"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some("project_id"),
    );

    // d6: 300.00 undesignated after a1; the pool holds d1's 50.00 and d6's 300.00. a4 takes 70.00
    // from it: d1's share 70 × 50/350 = 10.00, d6's 70 × 300/350 = 60.00.
    let d6 = donate(&clerk, "钱七", 30_000, json!({"kind": "undesignated"})).await;
    let a4 = ok(&clerk, "/api/v1/charity/allocations", &json!({"fund_id": s.fpjk, "recipient_kind": "household", "household_id": s.household, "amount_fen": 7_000, "purpose": "助医"})).await;

    // the portal, without login
    let public = app.anonymous();
    let code1 = d1["receipt_code"].as_str().unwrap();
    let (st, t1) = public.get(&format!("/api/v1/public/charity/trace/{}", code1.to_lowercase())).await;
    assert_eq!(st, StatusCode::OK, "{t1}");
    assert_eq!(t1["donation"]["donor"], "张*丰");
    assert_eq!(t1["money"]["pooled"], true);
    assert_eq!(t1["money"]["spent_fen"], 6_000);
    assert_eq!(t1["money"]["remaining_fen"], 4_000);
    let shares: Vec<(i64, i64)> = t1["money"]["allocations"].as_array().unwrap().iter().map(|a| (a["allocation_id"].as_i64().unwrap(), a["share_fen"].as_i64().unwrap())).collect();
    assert_eq!(shares, vec![(a4["id"].as_i64().unwrap(), 1_000), (a1["id"].as_i64().unwrap(), 5_000)]);
    let text = t1.to_string();
    assert!(!text.contains(&s.head), "the recipient's name is masked on the portal: {text}");
    assert!(text.contains(&minzheng_core::mask::mask_name(&s.head)));
    let (_, t6) = public.get(&format!("/api/v1/public/charity/trace/{}", d6["receipt_code"].as_str().unwrap())).await;
    assert_eq!((t6["money"]["spent_fen"].as_i64(), t6["money"]["remaining_fen"].as_i64()), (Some(6_000), Some(24_000)));
    // d2 went wholly to a1 (not pooled: the project's only donation); d4 400.00 to a3, 100.00 left
    let (_, t2) = public.get(&format!("/api/v1/public/charity/trace/{}", d2["receipt_code"].as_str().unwrap())).await;
    assert_eq!((t2["money"]["pooled"].as_bool(), t2["money"]["spent_fen"].as_i64()), (Some(false), Some(30_000)));
    assert_eq!(t2["money"]["by_project"][0]["project_name"], "困难家庭春节慰问");
    assert_eq!(t2["donation"]["donor"], "新会陈皮村实业有限公司");
    let (_, t4) = public.get(&format!("/api/v1/public/charity/trace/{}", d4["receipt_code"].as_str().unwrap())).await;
    assert_eq!((t4["money"]["spent_fen"].as_i64(), t4["money"]["allocations"][0]["recipient"].as_str()), (Some(40_000), Some("司前镇中心小学")));
    assert_eq!(public.get("/api/v1/public/charity/trace/CS20260101-00000000").await.0, StatusCode::NOT_FOUND);
    assert_error(&public.get("/api/v1/public/charity/trace/nonsense").await, StatusCode::BAD_REQUEST, "bad_request", Some("receipt_code"));

    // totals: 100 + 300 + 200 + 500 + 400 + 300 = 1800.00 in; 350 + 600 + 70 = 1020.00 out
    let (_, sum) = public.get("/api/v1/public/charity/summary").await;
    assert_eq!(sum["totals"]["income_fen"], 180_000);
    assert_eq!(sum["totals"]["spent_fen"], 102_000);
    assert_eq!(sum["totals"]["balance_fen"], 78_000);
    assert_eq!(sum["totals"]["donations"], 6);
    assert_eq!(sum["totals"]["donors"], 6);
    assert_eq!(sum["totals"]["households_helped"], 1);
    let fund = |code: &str| sum["funds"].as_array().unwrap().iter().find(|f| f["code"] == code).cloned().unwrap();
    // FPJK: d2 via its project in; a1 + a4 out. ZX: d4 in; a3 out
    assert_eq!((fund("FPJK")["income_fen"].as_i64(), fund("FPJK")["spent_fen"].as_i64()), (Some(30_000), Some(42_000)));
    assert_eq!((fund("ZX")["income_fen"].as_i64(), fund("ZX")["spent_fen"].as_i64()), (Some(50_000), Some(60_000)));
    let (_, projects) = public.get("/api/v1/public/charity/projects").await;
    assert_eq!((projects[0]["raised_fen"].as_i64(), projects[0]["allocated_fen"].as_i64(), projects[0]["progress_pct"].as_i64()), (Some(30_000), Some(35_000), Some(30)));
    // the pools: undesignated 280.00, ZX 100.00, children 400.00, project and 司前 spent
    let (_, pools) = clerk.get("/api/v1/charity/pools").await;
    let held: i64 = pools.as_array().unwrap().iter().map(|p| p["balance_fen"].as_i64().unwrap()).sum();
    assert_eq!(held, 78_000);

    // scope: 会城's officer sees the allocations to 会城 (a1, a4), not 司前's school
    let huicheng = app.login("huicheng").await;
    let (_, mine) = huicheng.get("/api/v1/charity/allocations").await;
    let ids: Vec<i64> = mine["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![a4["id"].as_i64().unwrap(), a1["id"].as_i64().unwrap()]);
    let siqian = app.login("siqian").await;
    assert_eq!(siqian.get(&format!("/api/v1/charity/allocations/{}", a1["id"])).await.0, StatusCode::NOT_FOUND);
    assert_eq!(siqian.get(&format!("/api/v1/charity/allocations/{}", a3["id"])).await.0, StatusCode::OK);

    // the annual report and its workbook
    let year = app.today.format("%Y").to_string();
    let (_, r) = clerk.get(&format!("/api/v1/charity/report?year={year}")).await;
    assert_eq!((r["income"]["total_fen"].as_i64(), r["spending"]["total_fen"].as_i64()), (Some(180_000), Some(102_000)));
    assert_eq!((r["balances"]["opening_fen"].as_i64(), r["balances"]["closing_fen"].as_i64()), (Some(0), Some(78_000)));
    let general = r["income"]["by_fund"].as_array().unwrap().iter().find(|l| l["id"].is_null()).unwrap().clone();
    // undesignated, 司前 and children: 100 + 200 + 400 + 300
    assert_eq!(general["amount_fen"], 100_000);
    let (st, mime, bytes) = clerk.download(&format!("/api/v1/charity/report.xlsx?year={year}")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(mime.contains("spreadsheetml") && bytes.starts_with(b"PK"), "{mime}");
    assert_error(&clerk.get("/api/v1/charity/report?year=1999").await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("year"));

    // the proof: not before the day's checkpoint is published (the day after) ...
    let (st, body) = public.get(&format!("/api/v1/public/charity/proof/{code1}")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("次日发布"));
    // ... and once it is, the donor checks it against the published root with the core alone
    let tomorrow = app.today.succ_opt().unwrap();
    let built = app.store.charity_publish_checkpoints(tomorrow).await.expect("publish");
    assert_eq!(built.len(), 1);
    let (_, proof) = public.get(&format!("/api/v1/public/charity/proof/{code1}")).await;
    let (_, cps) = public.get("/api/v1/public/charity/checkpoints").await;
    let cp = &cps["checkpoints"][0];
    // d1–d6 and a1, a3, a4 (a2 was refused)
    assert_eq!(cp["tree_size"], 9, "{cps}");
    let published = Checkpoint { day: NaiveDate::parse_from_str(cp["day"].as_str().unwrap(), "%Y-%m-%d").unwrap(), tree_size: cp["tree_size"].as_u64().unwrap(), root: cp["root"].as_str().unwrap().to_owned() };
    let p = InclusionProof {
        entry: serde_json::from_value::<Entry>(proof["entry"].clone()).expect("the entry"),
        entry_hash: proof["entry_hash"].as_str().unwrap().to_owned(),
        leaf_index: proof["leaf_index"].as_u64().unwrap(),
        tree_size: proof["tree_size"].as_u64().unwrap(),
        audit_path: proof["audit_path"].as_array().unwrap().iter().map(|h| h.as_str().unwrap().to_owned()).collect(),
        root: proof["root"].as_str().unwrap().to_owned(),
    };
    assert!(p.verify(&published), "{proof}");
    assert_eq!(p.entry.seq, d1["ledger_seq"].as_i64().unwrap());
    assert_eq!(p.entry.prev_hash, GENESIS_HASH);
    // a tampered proof does not check
    let mut forged = p.clone();
    forged.entry.amount_fen = 1_000_000;
    forged.entry_hash = forged.entry.entry_hash();
    assert!(!forged.verify(&published));
    // a published day is closed to new entries
    assert_eq!(clerk.post("/api/v1/charity/donations", &json!({"donor_kind": "person", "donor_name": "甲", "amount_fen": 100})).await.0, StatusCode::CONFLICT);
}

/// Starts a verification and waits for its outcome, as the console does.
async fn verify(c: &Client) -> Value {
    let (st, v) = c.post("/api/v1/charity/verify", &json!({})).await;
    assert_eq!(st, StatusCode::ACCEPTED, "{v}");
    assert_eq!(v["status"], "running");
    for _ in 0..200 {
        let (_, r) = c.get(&format!("/api/v1/charity/verifications/{}", v["id"])).await;
        if r["status"] != "running" {
            assert_eq!(r["status"], "done", "{r}");
            assert_eq!(r["progress"], r["total"]);
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the verification did not finish");
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(app.store.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn tampering_is_named(app: &TestApp) {
    let clerk = app.login("charity").await;
    let s = setup(app, &clerk).await;
    ok(&clerk, "/api/v1/charity/allocations", &json!({"fund_id": s.fpjk, "project_id": s.project, "recipient_kind": "household", "household_id": s.household, "amount_fen": 35_000, "purpose": "春节慰问金"})).await;
    // the district bureau checks the ledger (the auditor only reads: it may not start a verification)
    let checker = app.login("district").await;
    let v = verify(&checker).await;
    // 6 entries, then 5 donation and 1 allocation rows
    assert_eq!((v["ok"].as_bool(), v["entries"].as_i64(), v["total"].as_i64()), (Some(true), Some(6), Some(12)), "{v}");
    let public = app.anonymous();

    // a donation's amount changed in the database: the row no longer matches its ledger entry
    let d4 = &s.d[3];
    let (id, seq) = (d4["id"].as_i64().unwrap(), d4["ledger_seq"].as_i64().unwrap());
    exec(app, &format!("UPDATE charity_donations SET amount_fen = 5000000 WHERE id = {id}")).await;
    let v = verify(&checker).await;
    assert_eq!((v["ok"].as_bool(), v["break_kind"].as_str(), v["break_seq"].as_i64()), (Some(false), Some("row_changed"), Some(seq)), "{v}");
    assert!(v["message_zh"].as_str().unwrap().contains(d4["receipt_code"].as_str().unwrap()));
    // the portal shows it
    let (_, sum) = public.get("/api/v1/public/charity/summary").await;
    assert_eq!(sum["latest_verification"]["ok"], false);
    assert_eq!(sum["latest_verification"]["break_seq"], seq);
    exec(app, &format!("UPDATE charity_donations SET amount_fen = 50000 WHERE id = {id}")).await;
    assert_eq!(verify(&checker).await["ok"], true);

    // an entry's payload changed: its hash no longer recomputes
    let payload: String = sqlx::query_scalar("SELECT payload FROM charity_ledger WHERE seq = 3").fetch_one(app.store.pool()).await.unwrap();
    let changed = payload.replace("20000", "2000");
    assert_ne!(changed, payload);
    sqlx::query("UPDATE charity_ledger SET payload = $1 WHERE seq = 3").bind(changed).execute(app.store.pool()).await.unwrap();
    let v = verify(&checker).await;
    assert_eq!((v["break_kind"].as_str(), v["break_seq"].as_i64()), (Some("changed"), Some(3)), "{v}");
    assert!(v["message_zh"].as_str().unwrap().contains("第 3 条被改动"));
    sqlx::query("UPDATE charity_ledger SET payload = $1 WHERE seq = 3").bind(payload).execute(app.store.pool()).await.unwrap();

    // an entry deleted: the gap is named
    let row: (i64, String, String, i64, String, String, String) =
        sqlx::query_as("SELECT seq, day, kind, amount_fen, payload, prev_hash, hash FROM charity_ledger WHERE seq = 5").fetch_one(app.store.pool()).await.unwrap();
    exec(app, "DELETE FROM charity_ledger WHERE seq = 5").await;
    let v = verify(&checker).await;
    assert_eq!((v["break_kind"].as_str(), v["break_seq"].as_i64()), (Some("deleted"), Some(5)), "{v}");
    sqlx::query("INSERT INTO charity_ledger (seq, day, kind, amount_fen, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(row.0)
        .bind(row.1)
        .bind(row.2)
        .bind(row.3)
        .bind(row.4)
        .bind(row.5)
        .bind(row.6)
        .execute(app.store.pool())
        .await
        .unwrap();
    assert_eq!(verify(&checker).await["ok"], true);

    // an allocation row deleted
    let a: (i64, i64) = sqlx::query_as("SELECT id, ledger_seq FROM charity_allocations").fetch_one(app.store.pool()).await.unwrap();
    exec(app, &format!("DELETE FROM charity_allocations WHERE id = {}", a.0)).await;
    let v = verify(&checker).await;
    assert_eq!((v["break_kind"].as_str(), v["break_seq"].as_i64()), (Some("row_deleted"), Some(a.1)), "{v}");
    assert!(v["message_zh"].as_str().unwrap().contains("拨付"));

    // the clever forger: after the day's checkpoint is published, entry 2 is rewritten and every
    // later hash recomputed, so the chain itself holds; the published root no longer matches
    app.store.charity_publish_checkpoints(app.today.succ_opt().unwrap()).await.expect("publish");
    let rows: Vec<(i64, String, String, i64, String, String, String)> =
        sqlx::query_as("SELECT seq, day, kind, amount_fen, payload, prev_hash, hash FROM charity_ledger ORDER BY seq").fetch_all(app.store.pool()).await.unwrap();
    let mut prev = GENESIS_HASH.to_owned();
    for (seq, day, kind, amount, payload, _, _) in rows {
        let payload = if seq == 2 { payload.replace("30000", "3000") } else { payload };
        let e = Entry { seq, day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap(), kind, amount_fen: amount, payload: payload.clone(), prev_hash: prev.clone() };
        let hash = e.entry_hash();
        sqlx::query("UPDATE charity_ledger SET payload = $1, prev_hash = $2, hash = $3 WHERE seq = $4").bind(payload).bind(prev.clone()).bind(hash.clone()).bind(seq).execute(app.store.pool()).await.unwrap();
        prev = hash;
    }
    let v = verify(&checker).await;
    assert_eq!((v["ok"].as_bool(), v["break_kind"].as_str()), (Some(false), Some("checkpoint")), "{v}");
    assert!(v["message_zh"].as_str().unwrap().contains("校验点"), "{v}");
    let (_, cps) = public.get("/api/v1/public/charity/checkpoints").await;
    assert_eq!(cps["latest_verification"]["ok"], false);
}
