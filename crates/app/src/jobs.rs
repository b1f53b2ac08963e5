//! 后台任务 the one durable job runner: a registry of job kinds and their executors, workers that
//! claim queued jobs from the `jobs` table (store::jobs), the daily schedule, the recovery of jobs
//! whose process stopped, and a clean shutdown.
//!
//! A job's state lives only in the database, so every process sees the same queue and a restart
//! loses nothing but the work in flight: a worker writes its progress with a heartbeat, and a job
//! whose heartbeat is older than `stale_after` is resumed (a kind that can) or failed with
//! [`INTERRUPTED`], and the area's own row (a verification run, an import …) with it.
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use chrono::{NaiveTime, Timelike};
use minzheng_store::jobs::{JobRecord, NewJob};
use minzheng_store::{Store, StoreError};
use tokio::sync::{Notify, watch};

/// The outcome written on a job whose process stopped while it ran.
pub const INTERRUPTED: &str = "服务重启，任务中断 / interrupted by a restart";

/// Why a job failed, as the administrator reads it (Chinese / English).
#[derive(Debug, Clone)]
pub struct JobFailure(pub String);

impl std::fmt::Display for JobFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<StoreError> for JobFailure {
    fn from(e: StoreError) -> Self {
        JobFailure(e.to_string())
    }
}

/// What an executor answers: the outcome text of a success, or why it failed.
pub type JobResult = Result<String, JobFailure>;
pub type JobFuture = Pin<Box<dyn Future<Output = JobResult> + Send>>;
type Executor = Arc<dyn Fn(Store, JobRecord, Progress) -> JobFuture + Send + Sync>;
type Hook = Arc<dyn Fn(Store, JobRecord) -> Pin<Box<dyn Future<Output = Result<(), StoreError>> + Send>> + Send + Sync>;

/// The progress of a running job: the executor sets it as often as it likes; the runner writes it
/// (with the heartbeat) at most once per `heartbeat`.
#[derive(Clone, Default)]
pub struct Progress(Arc<(AtomicI64, AtomicI64)>);

impl Progress {
    pub fn set(&self, done: i64, total: i64) {
        self.0.0.store(done, Ordering::Relaxed);
        self.0.1.store(total, Ordering::Relaxed);
    }

    pub fn get(&self) -> (i64, i64) {
        (self.0.0.load(Ordering::Relaxed), self.0.1.load(Ordering::Relaxed))
    }
}

/// What happens to a job of a kind when its process stopped while it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnRestart {
    /// Queued again: the executor starts over and skips what is done (idempotent kinds).
    Resume,
    /// Failed with [`INTERRUPTED`], and the area's row too.
    Fail,
}

struct KindEntry {
    executor: Executor,
    on_restart: OnRestart,
    interrupted: Option<Hook>,
}

struct Daily {
    kind: String,
    at: NaiveTime,
}

/// The job kinds a runner executes and the daily ones it schedules.
#[derive(Default)]
pub struct Registry {
    kinds: HashMap<String, KindEntry>,
    daily: Vec<Daily>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers the executor of `kind`.
    pub fn register<F, Fut>(&mut self, kind: &str, on_restart: OnRestart, executor: F) -> &mut Self
    where
        F: Fn(Store, JobRecord, Progress) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobResult> + Send + 'static,
    {
        let executor: Executor = Arc::new(move |s, j, p| Box::pin(executor(s, j, p)));
        self.kinds.insert(kind.to_owned(), KindEntry { executor, on_restart, interrupted: None });
        self
    }

    /// What to do to the area's row when a job of `kind` is failed as interrupted.
    pub fn on_interrupted<F, Fut>(&mut self, kind: &str, hook: F) -> &mut Self
    where
        F: Fn(Store, JobRecord) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), StoreError>> + Send + 'static,
    {
        if let Some(k) = self.kinds.get_mut(kind) {
            k.interrupted = Some(Arc::new(move |s, j| Box::pin(hook(s, j))));
        }
        self
    }

    /// Enqueues a system job of `kind` once a day, at or after `at` (server local time).
    pub fn daily(&mut self, kind: &str, at: NaiveTime) -> &mut Self {
        self.daily.push(Daily { kind: kind.to_owned(), at });
        self
    }

    pub fn kinds(&self) -> Vec<&str> {
        let mut k: Vec<&str> = self.kinds.keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }
}

/// How the runner works.
#[derive(Clone, Debug)]
pub struct RunnerConfig {
    /// jobs run at the same time in this process
    pub workers: usize,
    /// an idle worker looks for a job this often (an enqueue in this process wakes it at once)
    pub poll: Duration,
    /// progress and liveness are written this often while a job runs
    pub heartbeat: Duration,
    /// a running job not heard of for this long belongs to a stopped process
    pub stale_after: Duration,
    /// the schedule and the stale jobs are looked at this often
    pub tick: Duration,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        RunnerConfig { workers: 1, poll: Duration::from_secs(2), heartbeat: Duration::from_secs(1), stale_after: Duration::from_secs(30), tick: Duration::from_secs(30) }
    }
}

struct Inner {
    store: Store,
    registry: Registry,
    config: RunnerConfig,
    /// this process's name in `claimed_by`
    node: String,
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    scheduling: AtomicBool,
    tasks: std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>,
    /// the jobs this process is running: never taken for a stopped process's, even when a long
    /// SQLite write holds their heartbeat back
    live: std::sync::Mutex<std::collections::HashSet<i64>>,
}

impl Inner {
    /// Writes the progress of `id` every `heartbeat` in a task of its own, so a write waiting for
    /// the database never holds up the job (on SQLite the job's own transaction may hold the lock).
    fn heartbeat(&self, id: i64, worker: &str, progress: &Progress) -> Heartbeat {
        self.live.lock().expect("live").insert(id);
        let (store, worker, progress, every) = (self.store.clone(), worker.to_owned(), progress.clone(), self.config.heartbeat);
        let task = tokio::spawn(async move {
            let mut beat = tokio::time::interval(every);
            beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                beat.tick().await;
                let (done, total) = progress.get();
                if let Err(e) = store.job_progress(id, &worker, done, total).await {
                    tracing::warn!(job = id, error = %e, "job progress not written");
                }
            }
        });
        Heartbeat { task }
    }

    fn done(&self, id: i64) {
        self.live.lock().expect("live").remove(&id);
    }
}

struct Heartbeat {
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The running job runner (cheap to clone). Dropping the last clone stops its loops.
#[derive(Clone)]
pub struct Runner {
    inner: Arc<Inner>,
}

impl Runner {
    /// Starts `config.workers` workers and the recovery of stale jobs (not the daily schedule:
    /// [`Runner::start_schedule`]). Needs a tokio runtime.
    pub fn start(store: Store, registry: Registry, config: RunnerConfig) -> Runner {
        let node = format!("{}-{}", std::process::id(), chrono::Utc::now().timestamp_millis());
        let (stop, _) = watch::channel(false);
        let inner = Arc::new(Inner { store, registry, config, node, wake: Arc::new(Notify::new()), stop, scheduling: AtomicBool::new(false), tasks: Default::default(), live: Default::default() });
        let mut tasks = Vec::new();
        for n in 0..inner.config.workers.max(1) {
            tasks.push(tokio::spawn(worker(Arc::downgrade(&inner), format!("{}-w{n}", inner.node), inner.wake.clone(), inner.stop.subscribe())));
        }
        tasks.push(tokio::spawn(maintenance(Arc::downgrade(&inner), inner.stop.subscribe())));
        inner.tasks.lock().expect("tasks").extend(tasks);
        Runner { inner }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Also enqueue the daily jobs (the server does; tests and one-off commands do not).
    pub fn start_schedule(&self) {
        self.inner.scheduling.store(true, Ordering::Relaxed);
        self.inner.wake.notify_waiters();
        let inner = self.inner.clone();
        tokio::spawn(async move {
            for d in &inner.registry.daily {
                if let Err(e) = inner.store.ensure_job_schedule(&d.kind, &d.at.format("%H:%M").to_string()).await {
                    tracing::warn!(kind = %d.kind, error = %e, "job schedule not declared");
                }
            }
            enqueue_due(&inner).await;
        });
    }

    /// Queues a job and wakes a worker.
    pub async fn enqueue(&self, job: &NewJob) -> Result<JobRecord, StoreError> {
        let job = self.inner.store.enqueue_job(job).await?;
        self.inner.wake.notify_one();
        Ok(job)
    }

    /// Runs `work` as a job of this process now, recorded like any other (progress, outcome,
    /// recovery): for a job whose input lives only in this process (an uploaded file). The job is
    /// claimed from the start, so no other process picks it up. Returns at once.
    pub async fn run_here<F, Fut>(&self, job: &NewJob, work: F) -> Result<JobRecord, StoreError>
    where
        F: FnOnce(JobRecord, Progress) -> Fut + Send + 'static,
        Fut: Future<Output = JobResult> + Send + 'static,
    {
        let worker = format!("{}-here", self.inner.node);
        let record = self.inner.store.enqueue_claimed_job(job, &worker).await?;
        let inner = self.inner.clone();
        let started = record.clone();
        let handle = tokio::spawn(async move {
            let progress = Progress::default();
            progress.set(0, started.progress_total);
            let fut = work(started.clone(), progress.clone());
            execute(&inner, &worker, started, progress, Box::pin(fut)).await;
        });
        self.track(handle);
        Ok(record)
    }

    /// Runs `work` in the caller's task as a job (recorded, with its progress) and answers its
    /// own result: for work a request waits for (a single application's verification).
    pub async fn run_inline<T, E, Fut>(&self, job: &NewJob, outcome: impl FnOnce(&T) -> String, work: impl FnOnce(Progress) -> Fut) -> Result<T, E>
    where
        Fut: Future<Output = Result<T, E>>,
        E: std::fmt::Display + From<StoreError>,
    {
        let worker = format!("{}-inline", self.inner.node);
        let record = self.inner.store.enqueue_claimed_job(job, &worker).await?;
        let progress = Progress::default();
        let beat = self.inner.heartbeat(record.id, &worker, &progress);
        let result = work(progress.clone()).await;
        drop(beat);
        self.inner.done(record.id);
        let (done, total) = progress.get();
        let _ = self.inner.store.job_progress(record.id, &worker, done, total).await;
        match &result {
            Ok(v) => self.inner.store.finish_job(record.id, &outcome(v)).await?,
            Err(e) => self.inner.store.fail_job(record.id, &e.to_string()).await?,
        }
        result
    }

    fn track(&self, handle: tokio::task::JoinHandle<()>) {
        let mut tasks = self.inner.tasks.lock().expect("tasks");
        tasks.retain(|t| !t.is_finished());
        tasks.push(handle);
    }

    /// Stops claiming, and waits up to `grace` for the jobs in flight; what is still running then
    /// is left to the recovery of the next start (resumed or failed as interrupted).
    pub async fn shutdown(&self, grace: Duration) {
        let _ = self.inner.stop.send(true);
        self.inner.wake.notify_waiters();
        let tasks: Vec<_> = std::mem::take(&mut *self.inner.tasks.lock().expect("tasks"));
        let all = async {
            for t in tasks {
                let _ = t.await;
            }
        };
        if tokio::time::timeout(grace, all).await.is_err() {
            tracing::warn!("jobs still running at shutdown are left to the next start");
        }
    }
}

/// One worker: claim, execute, repeat; sleep when the queue is empty.
async fn worker(inner: Weak<Inner>, name: String, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let poll = {
            let Some(inner) = inner.upgrade() else { return };
            let kinds = inner.registry.kinds();
            match inner.store.claim_job(&name, &kinds).await {
                Ok(Some(job)) => {
                    let Some(entry) = inner.registry.kinds.get(&job.kind) else { continue };
                    let progress = Progress::default();
                    progress.set(job.progress_done, job.progress_total);
                    let fut = (entry.executor)(inner.store.clone(), job.clone(), progress.clone());
                    execute(&inner, &name, job, progress, fut).await;
                    continue;
                }
                Ok(None) => inner.config.poll,
                Err(e) => {
                    tracing::warn!(error = %e, "job claim failed");
                    inner.config.poll * 2
                }
            }
        };
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(poll) => {}
            r = stop.changed() => if r.is_err() { return },
        }
    }
}

/// Runs one claimed job: its progress written with the heartbeat, then its outcome.
async fn execute(inner: &Inner, worker: &str, job: JobRecord, progress: Progress, fut: JobFuture) {
    let store = &inner.store;
    let beat = inner.heartbeat(job.id, worker, &progress);
    let result = fut.await;
    drop(beat);
    let (done, total) = progress.get();
    let _ = store.job_progress(job.id, worker, done, total).await;
    let written = match &result {
        Ok(outcome) => store.finish_job(job.id, outcome).await,
        Err(e) => {
            tracing::error!(job = job.id, kind = %job.kind, error = %e, "job failed");
            store.fail_job(job.id, &e.0).await
        }
    };
    if let Err(e) = written {
        tracing::error!(job = job.id, error = %e, "job outcome not written");
    }
    inner.done(job.id);
}

/// Every `tick`: resolve the jobs of stopped processes, enqueue the daily jobs that are due.
async fn maintenance(inner: Weak<Inner>, mut stop: watch::Receiver<bool>) {
    loop {
        let tick = {
            let Some(inner) = inner.upgrade() else { return };
            recover(&inner).await;
            if inner.scheduling.load(Ordering::Relaxed) {
                enqueue_due(&inner).await;
            }
            inner.config.tick
        };
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            r = stop.changed() => if r.is_err() || *stop.borrow() { return },
        }
    }
}

/// Jobs left running by a stopped process: resumed or failed, per their kind.
async fn recover(inner: &Inner) {
    let cutoff = chrono::Utc::now() - chrono::Duration::from_std(inner.config.stale_after).unwrap_or(chrono::Duration::seconds(30));
    let stale = match inner.store.stale_jobs(cutoff).await {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "stale jobs not read");
            return;
        }
    };
    let live = inner.live.lock().expect("live").clone();
    for job in stale.into_iter().filter(|j| !live.contains(&j.id)) {
        let entry = inner.registry.kinds.get(&job.kind);
        let resume = entry.is_some_and(|k| k.on_restart == OnRestart::Resume) && job.attempts < 3;
        let done = if resume {
            tracing::warn!(job = job.id, kind = %job.kind, "job interrupted by a stop: resumed");
            inner.store.requeue_job(job.id).await
        } else {
            tracing::warn!(job = job.id, kind = %job.kind, "job interrupted by a stop: failed");
            let hooked = match entry.and_then(|k| k.interrupted.clone()) {
                Some(hook) => hook(inner.store.clone(), job.clone()).await,
                None => Ok(()),
            };
            match hooked {
                Ok(()) => inner.store.fail_job(job.id, INTERRUPTED).await,
                Err(e) => Err(e),
            }
        };
        if let Err(e) = done {
            tracing::warn!(job = job.id, error = %e, "interrupted job not resolved");
        }
    }
    inner.wake.notify_waiters();
}

/// Enqueues each daily job whose time has come today and that is not enqueued for today yet.
async fn enqueue_due(inner: &Inner) {
    let now = chrono::Local::now();
    let today = now.date_naive();
    let time = NaiveTime::from_hms_opt(now.hour(), now.minute(), now.second()).unwrap_or_default();
    for d in &inner.registry.daily {
        if time < d.at {
            continue;
        }
        match inner.store.enqueue_scheduled_job(&NewJob::new(&d.kind, "", "system"), today).await {
            Ok(Some(job)) => {
                tracing::info!(job = job.id, kind = %d.kind, "daily job enqueued");
                inner.wake.notify_one();
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(kind = %d.kind, error = %e, "daily job not enqueued"),
        }
    }
}

/// 任务类型 the Chinese and English names of the job kinds, for the console.
pub fn kind_label(kind: &str) -> (&'static str, &'static str) {
    match kind {
        crate::verification::runs::KIND => ("核对任务", "Verification run"),
        crate::elderly::outreach::KIND => ("事找人搜索", "Outreach search"),
        crate::charity::ledger::CHECKPOINTS => ("慈善账本校验点发布", "Charity checkpoints"),
        crate::charity::ledger::VERIFICATION => ("慈善账本校验", "Charity ledger verification"),
        IMPORT => ("数据导入", "Data import"),
        _ => ("其他任务", "Other job"),
    }
}

/// The import job's kind (its executor is registered by the server, which holds the upload).
pub const IMPORT: &str = "import";

/// The registry of the kinds this crate executes, with their daily schedules: 事找人 after 01:00
/// (the officers find their tasks in the morning), the charity's checkpoints and verification
/// after midnight.
pub fn registry() -> Registry {
    let mut r = Registry::new();
    crate::verification::runs::register(&mut r);
    crate::elderly::outreach::register(&mut r);
    crate::charity::ledger::register(&mut r);
    r
}
