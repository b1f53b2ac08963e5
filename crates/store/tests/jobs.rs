//! 后台任务 store level, on SQLite and (with `MZ_TEST_PG_URL`) PostgreSQL: a claim is exclusive, a
//! job left running is found stale, and a daily schedule enqueues once per day.
use std::collections::HashSet;

use minzheng_store::jobs::{JobFilter, JobState, NewJob};
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store};

/// Runs `scenario` on a fresh SQLite file and on a throw-away PostgreSQL database when configured.
async fn on_both<F, Fut>(prefix: &str, scenario: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(format!("mz-{prefix}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let store = Store::connect(&format!("sqlite://{}/t.db", dir.display())).await.expect("connect");
    store.migrate().await.expect("migrate");
    scenario(store.clone()).await;
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);

    let Some(admin) = std::env::var("MZ_TEST_PG_URL").ok().filter(|u| !u.trim().is_empty()) else {
        assert!(std::env::var("MZ_REQUIRE_PG").as_deref() != Ok("1"), "MZ_REQUIRE_PG=1 but MZ_TEST_PG_URL is not set");
        eprintln!("note: MZ_TEST_PG_URL is not set; skipping the PostgreSQL variant");
        return;
    };
    let name = format!("mz_{prefix}_{}", std::process::id());
    let exec = |sql: String| {
        let admin = admin.clone();
        async move {
            use sqlx::Connection;
            let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.expect("connect");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.expect("admin statement");
            let _ = conn.close().await;
        }
    };
    exec(format!("CREATE DATABASE {name}")).await;
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let root = &base[..base.rfind('/').filter(|i| *i > base.find("://").map_or(0, |s| s + 2)).unwrap_or(base.len())];
    let url = match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    };
    let store = Store::connect(&url).await.expect("connect pg");
    store.migrate().await.expect("migrate pg");
    scenario(store.clone()).await;
    store.close().await;
    exec(format!("DROP DATABASE {name} WITH (FORCE)")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_is_exclusive() {
    on_both("jobs_claim", |store| async move {
        const N: usize = 40;
        for i in 0..N {
            store.enqueue_job(&NewJob::new("test.kind", "440705000000", "tester").params(serde_json::json!({ "i": i }))).await.expect("enqueue");
        }
        // eight claimers race for the forty jobs, each through its own connection
        let mut tasks = Vec::new();
        for w in 0..8 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let mut got = Vec::new();
                while let Some(job) = store.claim_job(&format!("w{w}"), &["test.kind"]).await.expect("claim") {
                    assert_eq!(job.state, JobState::Running);
                    assert_eq!(job.claimed_by.as_deref(), Some(format!("w{w}").as_str()));
                    got.push(job.id);
                }
                got
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.expect("task"));
        }
        let distinct: HashSet<i64> = all.iter().copied().collect();
        assert_eq!(all.len(), N, "every job claimed once");
        assert_eq!(distinct.len(), N, "no job claimed twice");
        // another kind is not claimed by a runner that does not know it
        store.enqueue_job(&NewJob::new("other.kind", "", "system")).await.expect("enqueue");
        assert!(store.claim_job("w0", &["test.kind"]).await.expect("claim").is_none());
    })
    .await;
}

#[tokio::test]
async fn a_job_left_running_is_stale_and_can_be_failed_or_requeued() {
    on_both("jobs_stale", |store| async move {
        let a = store.enqueue_job(&NewJob::new("test.kind", "440705000000", "tester").total(10)).await.expect("enqueue");
        let b = store.enqueue_job(&NewJob::new("test.kind", "440705000000", "tester").total(10)).await.expect("enqueue");
        let claimed_a = store.claim_job("dead-1", &["test.kind"]).await.expect("claim").expect("a job");
        let claimed_b = store.claim_job("dead-1", &["test.kind"]).await.expect("claim").expect("a job");
        assert_eq!((claimed_a.id, claimed_b.id), (a.id, b.id));
        store.job_progress(a.id, "dead-1", 4, 10).await.expect("progress");
        // nothing is stale yet; a minute from now both are
        assert!(store.stale_jobs(chrono::Utc::now() - chrono::Duration::seconds(60)).await.expect("stale").is_empty());
        let stale = store.stale_jobs(chrono::Utc::now() + chrono::Duration::seconds(60)).await.expect("stale");
        assert_eq!(stale.iter().map(|j| j.id).collect::<Vec<_>>(), vec![a.id, b.id]);
        assert_eq!(stale[0].percent, 40);
        store.fail_job(a.id, "服务重启，任务中断 / interrupted by a restart").await.expect("fail");
        store.requeue_job(b.id).await.expect("requeue");
        let all = Scope::system();
        let a = store.job(&all, a.id).await.expect("a");
        assert_eq!(a.state, JobState::Failed);
        assert!(a.error.as_deref().is_some_and(|e| e.contains("interrupted by a restart")));
        let again = store.claim_job("alive-2", &["test.kind"]).await.expect("claim").expect("the requeued job");
        assert_eq!((again.id, again.attempts), (b.id, 2));
        store.finish_job(b.id, "done").await.expect("finish");
        let b = store.job(&all, b.id).await.expect("b");
        assert_eq!((b.state, b.percent, b.progress_done), (JobState::Succeeded, 100, 10));
        // a worker that lost its job cannot write progress over it
        store.job_progress(b.id, "dead-1", 1, 10).await.expect("progress");
        assert_eq!(store.job(&all, b.id).await.expect("b").progress_done, 10);
    })
    .await;
}

#[tokio::test]
async fn a_schedule_enqueues_once_per_day() {
    on_both("jobs_schedule", |store| async move {
        store.ensure_job_schedule("test.daily", "01:00").await.expect("schedule");
        // a second process (or a restart) declares it again: the last day stays
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
        let job = NewJob::new("test.daily", "", "system");
        assert!(store.enqueue_scheduled_job(&job, day).await.expect("enqueue").is_some());
        store.ensure_job_schedule("test.daily", "01:00").await.expect("schedule");
        let (a, b) = tokio::join!(store.enqueue_scheduled_job(&job, day), store.enqueue_scheduled_job(&job, day));
        assert!(a.expect("a").is_none() && b.expect("b").is_none(), "the day's job is enqueued once");
        assert!(store.enqueue_scheduled_job(&job, day.succ_opt().expect("next")).await.expect("next day").is_some());
        let page = store.jobs_page(&Scope::system(), &JobFilter { kind: Some("test.daily".into()), state: None }, Paging::new(None, None)).await.expect("page");
        assert_eq!(page.total, 2);
        assert_eq!(page.items[0].schedule_day.as_deref(), Some("2026-12-08"));
        let schedules = store.job_schedules().await.expect("schedules");
        assert_eq!(schedules, vec![("test.daily".to_owned(), "01:00".to_owned(), Some("2026-12-08".to_owned()))]);
    })
    .await;
}

#[tokio::test]
async fn the_list_is_region_scoped() {
    on_both("jobs_scope", |store| async move {
        let town = minzheng_core::registry::region::RegionCode::parse("440705001000").expect("town");
        let district = minzheng_core::registry::region::RegionCode::parse("440705000000").expect("district");
        let mine = store.enqueue_job(&NewJob::new("test.kind", "440705001002", "a")).await.expect("enqueue");
        let other = store.enqueue_job(&NewJob::new("test.kind", "440705002001", "b")).await.expect("enqueue");
        let system = store.enqueue_job(&NewJob::new("test.kind", "", "system")).await.expect("enqueue");
        let ids = |p: minzheng_store::page::Page<minzheng_store::jobs::JobRecord>| p.items.into_iter().map(|j| j.id).collect::<Vec<_>>();
        let paging = Paging::new(None, None);
        assert_eq!(ids(store.jobs_page(&Scope::of(town.clone()), &JobFilter::default(), paging).await.expect("town")), vec![mine.id]);
        assert_eq!(ids(store.jobs_page(&Scope::of(district), &JobFilter::default(), paging).await.expect("district")), vec![system.id, other.id, mine.id]);
        assert!(store.job(&Scope::of(town.clone()), other.id).await.is_err());
        assert!(store.job(&Scope::of(town), system.id).await.is_err());
    })
    .await;
}
