//! The job runner on SQLite (the claim's exclusivity on both databases is store/tests/jobs.rs): a
//! job runs with its progress, a job left running by a stopped process is resumed or failed at the
//! next start (with its area hook), the daily schedule enqueues once per day across two runners,
//! and shutdown waits for the job in flight.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use minzheng_app::jobs::{INTERRUPTED, JobFailure, OnRestart, Registry, Runner, RunnerConfig};
use minzheng_store::jobs::{JobFilter, JobRecord, JobState, NewJob};
use minzheng_store::page::Paging;
use minzheng_store::{Scope, Store};

async fn store(name: &str) -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("mz-runner-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let store = Store::connect(&format!("sqlite://{}/t.db", dir.display())).await.expect("connect");
    store.migrate().await.expect("migrate");
    (store, dir)
}

fn fast() -> RunnerConfig {
    RunnerConfig { workers: 2, poll: Duration::from_millis(50), heartbeat: Duration::from_millis(20), stale_after: Duration::from_millis(400), tick: Duration::from_millis(50) }
}

async fn wait_done(store: &Store, id: i64) -> JobRecord {
    for _ in 0..400 {
        let job = store.job(&Scope::system(), id).await.expect("job");
        if matches!(job.state, JobState::Succeeded | JobState::Failed) {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("job {id} did not finish");
}

fn counting(registry: &mut Registry, kind: &str, on_restart: OnRestart, runs: Arc<AtomicUsize>) {
    registry.register(kind, on_restart, move |_store: Store, job: JobRecord, progress| {
        let runs = runs.clone();
        async move {
            runs.fetch_add(1, Ordering::SeqCst);
            for i in 1..=4 {
                progress.set(i, 4);
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            if job.params.get("fail").is_some() { Err(JobFailure("不行 / no".into())) } else { Ok("四步完成 / four steps".into()) }
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_runs_with_its_progress_and_outcome() {
    let (store, dir) = store("run").await;
    let runs = Arc::new(AtomicUsize::new(0));
    let mut registry = Registry::new();
    counting(&mut registry, "test.steps", OnRestart::Fail, runs.clone());
    let runner = Runner::start(store.clone(), registry, fast());
    let ok = runner.enqueue(&NewJob::new("test.steps", "440705001000", "tester")).await.expect("enqueue");
    let bad = runner.enqueue(&NewJob::new("test.steps", "440705001000", "tester").params(serde_json::json!({"fail": true}))).await.expect("enqueue");
    let ok = wait_done(&store, ok.id).await;
    assert_eq!((ok.state, ok.percent, ok.progress_done, ok.progress_total, ok.attempts), (JobState::Succeeded, 100, 4, 4, 1));
    assert_eq!(ok.outcome.as_deref(), Some("四步完成 / four steps"));
    assert!(ok.started_at.is_some() && ok.finished_at.is_some());
    let bad = wait_done(&store, bad.id).await;
    assert_eq!((bad.state, bad.error.as_deref()), (JobState::Failed, Some("不行 / no")));
    // recorded inline: the caller gets its own result, the job its outcome
    let answer: Result<i64, minzheng_store::StoreError> = runner
        .run_inline(&NewJob::new("test.inline", "", "tester"), |n| format!("{n}"), |p| async move {
            p.set(7, 7);
            Ok(42)
        })
        .await;
    assert_eq!(answer.expect("inline"), 42);
    let page = store.jobs_page(&Scope::system(), &JobFilter { kind: Some("test.inline".into()), state: None }, Paging::new(None, None)).await.expect("page");
    assert_eq!((page.items[0].state, page.items[0].outcome.as_deref(), page.items[0].percent), (JobState::Succeeded, Some("42"), 100));
    runner.shutdown(Duration::from_secs(2)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_left_running_is_resolved_at_the_next_start() {
    let (store, dir) = store("restart").await;
    // a process claimed two jobs and stopped
    let fail = store.enqueue_job(&NewJob::new("test.fail", "", "system").link(99)).await.expect("enqueue");
    let resume = store.enqueue_job(&NewJob::new("test.resume", "", "system")).await.expect("enqueue");
    assert!(store.claim_job("dead-w0", &["test.fail"]).await.expect("claim").is_some());
    assert!(store.claim_job("dead-w0", &["test.resume"]).await.expect("claim").is_some());
    tokio::time::sleep(Duration::from_millis(500)).await;

    let hooked = Arc::new(AtomicUsize::new(0));
    let runs = Arc::new(AtomicUsize::new(0));
    let mut registry = Registry::new();
    counting(&mut registry, "test.fail", OnRestart::Fail, runs.clone());
    counting(&mut registry, "test.resume", OnRestart::Resume, runs.clone());
    let h = hooked.clone();
    registry.on_interrupted("test.fail", move |_store: Store, job: JobRecord| {
        let h = h.clone();
        async move {
            assert_eq!(job.link_id, Some(99));
            h.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
    });
    let runner = Runner::start(store.clone(), registry, fast());
    let fail = wait_done(&store, fail.id).await;
    assert_eq!((fail.state, fail.error.as_deref()), (JobState::Failed, Some(INTERRUPTED)));
    assert_eq!(hooked.load(Ordering::SeqCst), 1, "the area's row is failed with the job");
    let resume = wait_done(&store, resume.id).await;
    assert_eq!((resume.state, resume.attempts, resume.percent), (JobState::Succeeded, 2, 100));
    assert_eq!(runs.load(Ordering::SeqCst), 1, "only the resumable kind ran again");
    runner.shutdown(Duration::from_secs(2)).await;
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_schedule_enqueues_once_across_runners() {
    let (store, dir) = store("daily").await;
    let runs = Arc::new(AtomicUsize::new(0));
    let make = || {
        let mut registry = Registry::new();
        counting(&mut registry, "test.daily", OnRestart::Fail, runs.clone());
        registry.daily("test.daily", chrono::NaiveTime::from_hms_opt(0, 0, 0).expect("midnight"));
        registry
    };
    // two processes (or a restart): both schedule, one job for today
    let a = Runner::start(store.clone(), make(), fast());
    let b = Runner::start(store.clone(), make(), fast());
    a.start_schedule();
    b.start_schedule();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let page = store.jobs_page(&Scope::system(), &JobFilter { kind: Some("test.daily".into()), state: None }, Paging::new(None, None)).await.expect("page");
    assert_eq!(page.total, 1, "{:?}", page.items);
    assert_eq!(page.items[0].schedule_day.as_deref(), Some(minzheng_store::today().to_string().as_str()));
    wait_done(&store, page.items[0].id).await;
    a.shutdown(Duration::from_secs(2)).await;
    b.shutdown(Duration::from_secs(2)).await;
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
}
