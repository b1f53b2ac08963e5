//! 后台任务 (issue 15 item 7) end to end on both databases: an import and a verification run show up
//! as jobs with their progress and outcome, the list is region scoped, and only the administrator
//! reads it.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Routes this area adds, for `openapi_lists_routes`.
pub const ROUTES: &[(&str, &str)] = &[("get", "/api/v1/admin/jobs"), ("get", "/api/v1/admin/jobs/{}")];

both!(runs_and_imports_are_jobs => runs_and_imports_are_jobs_sqlite, runs_and_imports_are_jobs_postgres);
both!(jobs_are_region_scoped => jobs_are_region_scoped_sqlite, jobs_are_region_scoped_postgres);

const PERSON_HEADER: &str = "身份证号,姓名,性别,出生日期,民族,联系电话,户籍地区划代码,居住地区划代码,户籍类型,残疾类别,残疾等级,残疾证号,优抚类别,孤儿";

/// The job of `kind` linked to the area's row `link`, once it has finished.
async fn finished_job(admin: &Client, kind: &str, link: i64) -> Value {
    let started = std::time::Instant::now();
    loop {
        let (status, page) = admin.get(&format!("/api/v1/admin/jobs?kind={kind}&page_size=200")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let job = page["items"].as_array().expect("items").iter().find(|j| j["link_id"].as_i64() == Some(link)).cloned();
        if let Some(job) = job.filter(|j| j["state"] != "queued" && j["state"] != "running") {
            return job;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the {kind} job of {link} did not finish: {page}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn import_one(app: &TestApp, c: &Client) -> i64 {
    let good = id_number("440705", "19900101", 13);
    let csv = format!("{PERSON_HEADER}\n{good},甄任务,,,汉族,,,{BEIMEN},,,,,,否\n");
    let (status, job) = c.upload("persons", "valid_only", "persons.csv", csv.into_bytes(), true).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    let id = job["job_id"].as_i64().expect("job_id");
    let done = c.wait_job(id).await;
    assert_eq!(done["status"], "done", "{done}");
    let _ = app;
    id
}

async fn runs_and_imports_are_jobs(app: &TestApp) {
    let admin = app.login("admin").await;
    let town = app.login("huicheng").await;
    let import = import_one(app, &town).await;
    let job = finished_job(&admin, "import", import).await;
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!((job["percent"].as_i64(), job["progress_done"].as_i64(), job["progress_total"].as_i64()), (Some(100), Some(1), Some(1)), "{job}");
    assert_eq!(job["kind_zh"], "数据导入");
    assert_eq!(job["state_zh"], "已完成");
    assert_eq!(job["region_code"], HUICHENG);
    assert_eq!(job["requested_by"], "huicheng");
    assert_eq!(job["params"]["file_name"], "persons.csv");
    assert!(job["outcome"].as_str().is_some_and(|o| o.contains("1 stored")), "{job}");
    assert!(job["started_at"].is_string() && job["finished_at"].is_string(), "{job}");

    // a verification batch: 202 at once, the run's own progress as before, and a job beside it
    let verifier = app.login("verifier").await;
    let (status, run) = verifier.post("/api/v1/verification/runs", &json!({"scope": "cases", "region_code": COUNTY, "programme": "dibao"})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    let id = run["id"].as_i64().expect("run id");
    let job = finished_job(&admin, "verification.run", id).await;
    let (_, run) = verifier.get(&format!("/api/v1/verification/runs/{id}")).await;
    assert_eq!((run["status"].as_str(), run["percent"].as_i64()), (Some("done"), Some(100)), "{run}");
    assert_eq!((job["state"].as_str(), job["percent"].as_i64()), (Some("succeeded"), Some(100)), "{job}");
    assert_eq!(job["progress_total"], run["total"], "{job} {run}");
    assert_eq!(job["kind_zh"], "核对任务");
    let (status, detail) = admin.get(&format!("/api/v1/admin/jobs/{}", job["id"])).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["link_id"].as_i64(), Some(id));
    assert_eq!(detail["region_name"].as_str().map(str::is_empty), Some(false), "{detail}");
    // the filters
    let (_, failed) = admin.get("/api/v1/admin/jobs?state=failed").await;
    assert_eq!(failed["total"], 0, "{failed}");
    let (_, all) = admin.get("/api/v1/admin/jobs").await;
    assert_eq!(all["total"], 2, "{all}");
    assert_error(&admin.get("/api/v1/admin/jobs?state=done").await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("state"));
}

async fn jobs_are_region_scoped(app: &TestApp) {
    let admin = app.login("admin").await;
    let town = app.login("huicheng").await;
    let import = import_one(app, &town).await;
    let job = finished_job(&admin, "import", import).await;
    let job_id = job["id"].as_i64().expect("job id");

    // only the administrator reads the jobs
    for user in ["huicheng", "district", "auditor"] {
        let c = app.login(user).await;
        assert_error(&c.get("/api/v1/admin/jobs").await, StatusCode::FORBIDDEN, "forbidden", None);
        assert_error(&c.get(&format!("/api/v1/admin/jobs/{job_id}")).await, StatusCode::FORBIDDEN, "forbidden", None);
    }
    // an administrator of 司前 sees none of 会城's jobs
    let body = json!({"username": "siqian_admin", "display_name": "司前管理员", "password": PASSWORD, "role": "admin", "region_code": SIQIAN});
    let (status, created) = admin.post("/api/v1/accounts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let other = app.login("siqian_admin").await;
    let (status, page) = other.get("/api/v1/admin/jobs").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["total"], 0, "{page}");
    assert_eq!(other.get(&format!("/api/v1/admin/jobs/{job_id}")).await.0, StatusCode::NOT_FOUND);
    // the district's administrator sees it
    let (_, page) = admin.get("/api/v1/admin/jobs").await;
    assert!(page["items"].as_array().expect("items").iter().any(|j| j["id"].as_i64() == Some(job_id)), "{page}");
}
