//! Edges found by the outside test of issue 14: the read-only auditor, error shapes, unknown JSON
//! fields, region filters outside the scope, upload bombs, audit gaps, logins.
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

both!(auditor_writes_nothing => edges_auditor_writes_nothing_sqlite, edges_auditor_writes_nothing_postgres);
both!(errors_are_json => edges_errors_are_json_sqlite, edges_errors_are_json_postgres);
both!(unknown_fields_refused => edges_unknown_fields_refused_sqlite, edges_unknown_fields_refused_postgres);
both!(uploads_bounded => edges_uploads_bounded_sqlite, edges_uploads_bounded_postgres);
both!(refusals_audited => edges_refusals_audited_sqlite, edges_refusals_audited_postgres);
both!(region_filters_in_scope => edges_region_filters_in_scope_sqlite, edges_region_filters_in_scope_postgres);

/// Every write the OpenAPI document lists is refused to the auditor (403) before it does anything:
/// the auditor reads and writes nothing, whatever permission a route checks.
async fn auditor_writes_nothing(app: &TestApp) {
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let auditor = app.login("auditor").await;
    let audit_before = app.count("audit_log").await;
    let mut walked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        // logging in and out is not a write of the auditor's; the public pages need no account
        if path.starts_with("/api/v1/auth/") || path.starts_with("/api/v1/public/") {
            continue;
        }
        for method in item.as_object().expect("path item").keys() {
            let method = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("method");
            if matches!(method, reqwest::Method::GET | reqwest::Method::HEAD | reqwest::Method::OPTIONS) {
                continue;
            }
            let concrete: String = {
                let mut out = String::new();
                let mut in_param = false;
                for c in path.chars() {
                    match c {
                        '{' => in_param = true,
                        '}' => {
                            in_param = false;
                            out.push('1');
                        }
                        c if !in_param => out.push(c),
                        _ => {}
                    }
                }
                out
            };
            let r = auditor.http.request(method.clone(), auditor.url(&concrete)).header("X-Requested-With", "minzheng").json(&json!({})).send().await.expect("request");
            let answer = answer(r).await;
            assert_error(&answer, StatusCode::FORBIDDEN, "forbidden", None);
            walked += 1;
        }
    }
    assert!(walked >= 100, "the document lists the writes: {walked}");
    // the charity verification of the report is one of them, and none was started
    assert_eq!(app.count("charity_verifications").await, 0);
    // a refused write writes nothing but its own audit entry (request.refused, 403)
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'request.refused' AND actor = 'auditor' AND entity_id = '403'").fetch_one(app.store.pool()).await.expect("count");
    assert_eq!(refused, walked as i64);
    assert_eq!(app.count("audit_log").await, audit_before + walked as i64, "a refused write writes nothing else");
}

/// axum's own rejections answer the JSON error shape; the JSON content type is a MIME type.
async fn errors_are_json(app: &TestApp) {
    let c = app.login("huicheng").await;
    // a path id that is not a number (was 400 text/plain)
    assert_error(&c.get("/api/v1/persons/abc").await, StatusCode::BAD_REQUEST, "bad_request", None);
    // an unknown route and an unknown method
    assert_error(&c.get("/api/v1/no-such-thing").await, StatusCode::NOT_FOUND, "not_found", None);
    let r = c.http.delete(c.url("/api/v1/health")).header("X-Requested-With", "minzheng").send().await.expect("DELETE");
    assert!(r.headers().get("allow").is_some(), "405 keeps Allow");
    assert_error(&answer(r).await, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None);
    // a query value of the wrong type
    assert_error(&c.get("/api/v1/persons?page=x").await, StatusCode::BAD_REQUEST, "bad_request", None);
    // a multipart upload without its boundary
    let r = c.http.post(c.url("/api/v1/imports")).header("X-Requested-With", "minzheng").header("content-type", "multipart/form-data").body("x").send().await.expect("POST");
    let a = answer(r).await;
    assert_eq!(a.0, StatusCode::BAD_REQUEST, "{}", a.1);
    assert_error(&a, StatusCode::BAD_REQUEST, "bad_request", None);

    // the content type is a MIME type: case and parameters do not matter (was 403)
    let before = app.count("persons").await;
    let body = serde_json::to_vec(&json!({"id_number": id_number("440705", "19870615", 22), "name": "闫雪霁", "region_code": BEIMEN})).expect("json");
    let a = c.post_raw("/api/v1/persons", "Application/JSON; charset=UTF-8", body.clone()).await;
    assert_eq!(a.0, StatusCode::CREATED, "{}", a.1);
    assert_eq!(app.count("persons").await, before + 1);
    // and something else is still not JSON
    assert_error(&c.post_raw("/api/v1/persons", "text/plain", body).await, StatusCode::FORBIDDEN, "forbidden", None);
}

/// A field the body's type does not know is a 422 naming it, and nothing is stored.
async fn unknown_fields_refused(app: &TestApp) {
    let admin = app.login("admin").await;
    let before = app.count("accounts").await;
    let body = json!({"username": "mallory", "display_name": "马洛", "password": "Minzheng@2026x", "role": "village_worker", "region_code": BEIMEN, "is_admin": true});
    let a = admin.post("/api/v1/accounts", &body).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("is_admin"));
    assert_eq!(app.count("accounts").await, before, "nothing stored");
    // without it the same body is fine
    let mut ok = body.clone();
    ok.as_object_mut().expect("object").remove("is_admin");
    let (status, created) = admin.post("/api/v1/accounts", &ok).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");

    // a nested unknown field is named by its path
    let c = app.login("huicheng").await;
    let households = app.count("households").await;
    let hh = json!({"region_code": BEIMEN, "address": "北门路1号", "members": [
        {"relation": "head", "person": {"id_number": id_number("440705", "19850302", 17), "name": "郇志刚", "region_code": BEIMEN, "favourite_colour": "red"}}
    ]});
    let (status, body) = c.post("/api/v1/households", &hh).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["field"].as_str().is_some_and(|f| f.contains("favourite_colour")), "{body}");
    assert_eq!(app.count("households").await, households, "nothing stored");
}

/// A `region` filter outside the account's scope is 403 on the notices and the parameters, as on
/// every other list.
async fn region_filters_in_scope(app: &TestApp) {
    let c = app.login("huicheng").await;
    for path in ["/api/v1/assistance/notices", "/api/v1/assistance/params"] {
        assert_error(&c.get(&format!("{path}?region={SIQIAN}")).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&c.get(&format!("{path}?region={COUNTY}")).await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&c.get(&format!("{path}?region=44x")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("region"));
        let (status, list) = c.get(&format!("{path}?region={HUICHENG}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {list}");
        let (status, list) = c.get(&format!("{path}?region={BEIMEN}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {list}");
    }
    // the city's standard (prefix 4407, stored by the harness) applies inside the town's filter
    let (_, params) = c.get(&format!("/api/v1/assistance/params?key=dibao.standard&region={BEIMEN}")).await;
    let prefixes: Vec<&str> = params.as_array().expect("list").iter().filter_map(|p| p["region_prefix"].as_str()).collect();
    assert_eq!(prefixes, ["4407"], "{params}");
}

// ---- uploads: what a table may unpack to (server::tabular::limits) ----

/// A minimal .xlsx: one sheet whose `<sheetData>` is `rows` (written as given), deflated.
fn xlsx(rows: impl FnOnce(&mut dyn std::io::Write)) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(9));
    let file = |z: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>, name: &str, text: &str| {
        z.start_file(name, opts).expect("zip entry");
        z.write_all(text.as_bytes()).expect("zip write");
    };
    file(&mut z, "[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#);
    file(&mut z, "_rels/.rels", &format!(r#"<Relationships xmlns="{REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#));
    file(&mut z, "xl/workbook.xml", &format!(r#"<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#));
    file(&mut z, "xl/_rels/workbook.xml.rels", &format!(r#"<Relationships xmlns="{REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#));
    z.start_file("xl/worksheets/sheet1.xml", opts).expect("sheet");
    write!(z, r#"<worksheet xmlns="{MAIN}"><sheetData>"#).expect("sheet");
    rows(&mut z);
    write!(z, "</sheetData></worksheet>").expect("sheet");
    z.finish().expect("zip").into_inner()
}

/// An inline-string cell.
fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A zip bomb (small on disk, hundreds of times larger unpacked), too many rows, a cell far to
/// the right, too many columns and too long a cell: each refused with 422 on `file` naming the
/// limit, nothing stored, on the registry import and the plan import; a table within the limits
/// built the same way imports.
async fn uploads_bounded(app: &TestApp) {
    let c = app.login("huicheng").await;
    control_xlsx_imports(app, &c).await;
    let (persons, jobs) = (app.count("persons").await, app.count("import_jobs").await);
    let unchanged = || async {
        assert_eq!(app.count("persons").await, persons, "no person stored");
        assert_eq!(app.count("import_jobs").await, jobs, "no import job");
    };
    let refused = |a: &(StatusCode, serde_json::Value), limit_en: &str| {
        assert_eq!(a.0, StatusCode::UNPROCESSABLE_ENTITY, "refused for {limit_en}: {}", a.1);
        assert_error(a, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
        let en = a.1["error"]["message_en"].as_str().unwrap_or_default();
        assert!(en.contains(limit_en), "names the limit ({limit_en}): {}", a.1);
        assert!(a.1["error"]["message"].as_str().is_some_and(|m| m.contains("上限")), "{}", a.1);
    };

    // 40 MB of the same row deflates to well under 1 MB: the ratio is refused before inflating
    let row = format!("<row>{}</row>", cell("A2", "x"));
    let bomb = xlsx(|w| {
        let block = row.repeat(1000);
        while_written(w, &block, 40 * 1024 * 1024);
    });
    assert!(bomb.len() * 200 < 40 * 1024 * 1024, "small on disk: {}", bomb.len());
    refused(&c.upload("persons", "valid_only", "bomb.xlsx", bomb, true).await, "compression ratio above 200");
    unchanged().await;

    // 200,001 rows are the most: one more is refused (varied rows, an ordinary ratio)
    let many = xlsx(|w| {
        for r in 1..=200_002u32 {
            write!(w, r#"<row r="{r}">{}</row>"#, cell(&format!("A{r}"), &r.to_string())).expect("row");
        }
    });
    refused(&c.upload("persons", "valid_only", "many.xlsx", many, true).await, "more than 200001 rows");
    unchanged().await;

    // a cell in column 301 (KO1): the sheet would be 301 columns wide
    let wide = xlsx(|w| write!(w, r#"<row r="1">{}{}</row>"#, cell("A1", "身份证号"), cell("KO1", "x")).expect("row"));
    refused(&c.upload("persons", "valid_only", "wide.xlsx", wide, true).await, "more than 200 columns");
    unchanged().await;

    // CSV: 201 columns, and a cell of 2,001 characters
    let csv = format!("{}\n", vec!["x"; 201].join(","));
    refused(&c.upload("persons", "valid_only", "wide.csv", csv.into_bytes(), true).await, "row 1 has more than 200 columns");
    let csv = format!("身份证号,姓名,居住地区划代码\n{},{},{BEIMEN}\n", id_number("440705", "19850302", 17), "郇".repeat(2001));
    refused(&c.upload("persons", "valid_only", "long.csv", csv.into_bytes(), true).await, "cell B2 is longer than 2000 characters");
    unchanged().await;

    // the plan import reads tables the same way
    let district = app.login("district").await;
    let plans = app.count("plan_plans").await;
    let bomb = xlsx(|w| while_written(w, &row.repeat(1000), 40 * 1024 * 1024));
    let part = reqwest::multipart::Part::bytes(bomb).file_name("plan.xlsx");
    let form = reqwest::multipart::Form::new().text("name", "炸弹").part("file", part);
    let a = answer(district.http.post(district.url("/api/v1/plan/plans/import")).header("X-Requested-With", "minzheng").multipart(form).send().await.expect("upload")).await;
    refused(&a, "compression ratio above 200");
    assert_eq!(app.count("plan_plans").await, plans, "no plan stored");
}

/// Writes `block` until `total` bytes are out.
fn while_written(w: &mut dyn std::io::Write, block: &str, total: usize) {
    let mut written = 0;
    while written < total {
        w.write_all(block.as_bytes()).expect("write");
        written += block.len();
    }
}

/// The control: the xlsx builder makes a table that imports (a header and one person).
async fn control_xlsx_imports(app: &TestApp, c: &Client) {
    let before = app.count("persons").await;
    // the control: the same builder makes a table that imports (header and one person)
    let header = ["身份证号", "姓名", "居住地区划代码"];
    let good = xlsx(|w| {
        let cells: String = header.iter().enumerate().map(|(i, h)| cell(&format!("{}1", (b'A' + i as u8) as char), h)).collect();
        write!(w, r#"<row r="1">{cells}</row>"#).expect("row");
        let person = [id_number("440705", "19870615", 22), "闫雪霁".to_owned(), BEIMEN.to_owned()];
        let cells: String = person.iter().enumerate().map(|(i, v)| cell(&format!("{}2", (b'A' + i as u8) as char), v)).collect();
        write!(w, r#"<row r="2">{cells}</row>"#).expect("row");
    });
    let (status, job) = c.upload("persons", "valid_only", "good.xlsx", good, true).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let job = c.wait_job(job["job_id"].as_i64().expect("job_id")).await;
    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(app.count("persons").await, before + 1);

}

// ---- logins: the same answers for every name, a slowdown instead of a lock ----

/// Short delays so the test can wait them out: 2 free failures and at most 3 s per name, 4 free
/// and at most 60 s per address.
fn short_delays() -> minzheng_server::Config {
    use minzheng_server::login_throttle::Slowdown;
    minzheng_server::Config {
        login_per_name: Slowdown { free: 2, cap: std::time::Duration::from_secs(3) },
        login_per_address: Slowdown { free: 4, cap: std::time::Duration::from_secs(60) },
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edges_logins_alike_sqlite() {
    let app = spawn_app_with(Db::Sqlite, short_delays()).await.expect("SQLite is always available");
    logins_alike(&app).await;
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edges_logins_alike_postgres() {
    let Some(app) = spawn_app_with(Db::Postgres, short_delays()).await else { return };
    logins_alike(&app).await;
    app.cleanup().await;
}

/// A login attempt from a client address of the loopback net: status, body, Retry-After.
async fn attempt(app: &TestApp, from: &str, username: &str, password: &str) -> (StatusCode, serde_json::Value, Option<u64>) {
    let http = reqwest::Client::builder().local_address(from.parse::<std::net::IpAddr>().expect("ip")).build().expect("client");
    let r = http.post(format!("{}/api/v1/auth/login", app.base)).json(&json!({"username": username, "password": password})).send().await.expect("login");
    let retry = r.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    let (status, body) = answer(r).await;
    (status, body, retry)
}

async fn logins_alike(app: &TestApp) {
    // an existing name and an unknown one, each from its own address: the same answers throughout
    // (two 401, then 429 with the same Retry-After, whatever the password)
    let mut seen = Vec::new();
    for i in 0..6 {
        let known = attempt(app, "127.0.0.2", "beimen", "Wrong@2026").await;
        let unknown = attempt(app, "127.0.0.3", "nobody_here", "Wrong@2026").await;
        assert_eq!(known, unknown, "attempt {i}");
        seen.push(known.0);
    }
    assert_eq!(seen[..2], [StatusCode::UNAUTHORIZED; 2]);
    assert_eq!(seen[2..], [StatusCode::TOO_MANY_REQUESTS; 4]);
    let known = attempt(app, "127.0.0.2", "beimen", PASSWORD).await;
    let unknown = attempt(app, "127.0.0.3", "nobody_here", PASSWORD).await;
    assert_eq!(known, unknown, "the right password is not even checked while waiting");
    assert_error(&(known.0, known.1.clone()), StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", None);
    assert_eq!(known.2, Some(2));

    // the attacker waits each delay out and fails again: the name's delay grows to its cap (3 s)
    for _ in 0..2 {
        let (_, _, retry) = attempt(app, "127.0.0.2", "beimen", "Wrong@2026").await;
        tokio::time::sleep(std::time::Duration::from_millis(retry.unwrap_or(0) * 1000 + 100)).await;
        assert_eq!(attempt(app, "127.0.0.2", "beimen", "Wrong@2026").await.0, StatusCode::UNAUTHORIZED);
    }
    // its address is now slowed for every name …
    assert_eq!(attempt(app, "127.0.0.2", "huicheng", PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);
    // … while the officer, from another address, waits at most the name's cap and logs in
    let (status, _, retry) = attempt(app, "127.0.0.4", "beimen", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry = retry.expect("Retry-After");
    assert!(retry <= 3, "at most the name's cap: {retry}");
    tokio::time::sleep(std::time::Duration::from_millis(retry * 1000 + 100)).await;
    let (status, me, _) = attempt(app, "127.0.0.4", "beimen", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    // another name from the officer's address was never slowed
    assert_eq!(attempt(app, "127.0.0.4", "huicheng", PASSWORD).await.0, StatusCode::OK);

    // every refused attempt is audited, the unknown name's too (in the district)
    let auditor = app.login("auditor").await;
    let (_, known) = auditor.get("/api/v1/audit?action=login_failed&actor=beimen").await;
    let (_, unknown) = auditor.get("/api/v1/audit?action=login_failed&actor=nobody_here").await;
    assert_eq!(unknown["total"], 7, "{unknown}");
    assert!(unknown["items"].as_array().expect("items").iter().all(|e| e["region_code"] == COUNTY), "{unknown}");
    assert!(known["total"].as_i64().expect("total") >= 7 + 4, "{known}");
}

/// A 403 and a 404 for a record outside the region are audited (request.refused, with the status
/// and the path), in the account's region, so the auditor sees the probe.
async fn refusals_audited(app: &TestApp) {
    let district = app.login("district").await;
    let (_, page) = district.get(&format!("/api/v1/persons?region={SIQIAN}&page_size=1")).await;
    let other_town = page["items"][0]["id"].as_i64().expect("a person of 司前镇");
    let c = app.login("huicheng").await;
    assert_error(&c.get(&format!("/api/v1/persons/{other_town}")).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&c.get("/api/v1/accounts").await, StatusCode::FORBIDDEN, "forbidden", None);
    // an anonymous 404 is nobody's
    assert_eq!(app.anonymous().get("/api/v1/no-such-thing").await.0, StatusCode::NOT_FOUND);

    let auditor = app.login("auditor").await;
    let (status, page) = auditor.get("/api/v1/audit?action=request.refused").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["total"], 2, "{page}");
    let items = page["items"].as_array().expect("items");
    // newest first
    assert_eq!((items[0]["actor"].as_str(), items[0]["entity_id"].as_str(), items[0]["detail"].as_str()), (Some("huicheng"), Some("403"), Some("GET /api/v1/accounts")));
    assert_eq!((items[1]["entity_id"].as_str(), items[1]["detail"].as_str()), (Some("404"), Some(format!("GET /api/v1/persons/{other_town}").as_str())));
    assert!(items.iter().all(|e| e["region_code"] == HUICHENG), "{page}");
}
