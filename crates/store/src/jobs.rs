//! 后台任务 the durable job table: enqueue, claim, progress, finish, and the daily schedule.
//!
//! The runner that executes jobs lives in `minzheng_app::jobs`; this module only keeps their state,
//! so a job survives a restart and every process sees the same queue. A claim is exclusive on both
//! databases: `FOR UPDATE SKIP LOCKED` on PostgreSQL, and on SQLite a select-then-update inside one
//! `BEGIN IMMEDIATE` transaction (SQLite has one writer; `Store::begin` also serialises ours).
use chrono::NaiveDate;
use minzheng_core::registry::region::RegionLevel;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Backend, Result, Scope, Store, StoreError};

/// 任务状态 where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// 排队中
    Queued,
    /// 运行中
    Running,
    /// 已完成
    Succeeded,
    /// 失败
    Failed,
}

/// Read from a request's `state` filter: an unknown state is that field's 422 in both languages.
impl<'de> serde::Deserialize<'de> for JobState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        JobState::parse(s.trim()).ok_or_else(|| {
            minzheng_core::FieldError::new("", format!("状态“{s}”不可选，须为 queued、running、succeeded 或 failed"), format!("state {s:?} must be queued, running, succeeded or failed")).to_de_error()
        })
    }
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Succeeded => "succeeded",
            JobState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobState> {
        [JobState::Queued, JobState::Running, JobState::Succeeded, JobState::Failed].into_iter().find(|j| j.as_str() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            JobState::Queued => "排队中",
            JobState::Running => "运行中",
            JobState::Succeeded => "已完成",
            JobState::Failed => "失败",
        }
    }
}

/// A job to enqueue.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub kind: String,
    /// '' for a system job over the whole district
    pub region_code: String,
    pub requested_by: String,
    pub params: serde_json::Value,
    /// the area's own row, when the area keeps one
    pub link_id: Option<i64>,
    /// the expected amount of work, when known up front (0 otherwise)
    pub total: i64,
}

impl NewJob {
    pub fn new(kind: &str, region_code: &str, requested_by: &str) -> NewJob {
        NewJob { kind: kind.to_owned(), region_code: region_code.to_owned(), requested_by: requested_by.to_owned(), params: serde_json::json!({}), link_id: None, total: 0 }
    }

    pub fn link(mut self, id: i64) -> NewJob {
        self.link_id = Some(id);
        self
    }

    pub fn params(mut self, params: serde_json::Value) -> NewJob {
        self.params = params;
        self
    }

    pub fn total(mut self, total: i64) -> NewJob {
        self.total = total;
        self
    }
}

/// 后台任务 one job as stored.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobRecord {
    pub id: i64,
    pub kind: String,
    /// '' for a system job
    pub region_code: String,
    pub requested_by: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub params: serde_json::Value,
    pub state: JobState,
    pub progress_done: i64,
    pub progress_total: i64,
    /// 0–100
    pub percent: i64,
    pub outcome: Option<String>,
    pub error: Option<String>,
    pub attempts: i64,
    pub run_after: String,
    pub claimed_by: Option<String>,
    pub heartbeat_at: Option<String>,
    pub link_id: Option<i64>,
    pub schedule_day: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

fn job_from(r: &AnyRow) -> Result<JobRecord> {
    let state: String = r.try_get("state")?;
    let state = JobState::parse(&state).ok_or_else(|| StoreError::Corrupt(format!("jobs.state {state:?}")))?;
    let params: String = r.try_get("params")?;
    let done: i64 = r.try_get("progress_done")?;
    let total: i64 = r.try_get("progress_total")?;
    let percent = match state {
        JobState::Succeeded => 100,
        _ if total <= 0 => 0,
        _ => (done * 100 / total).clamp(0, 100),
    };
    Ok(JobRecord {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        region_code: r.try_get("region_code")?,
        requested_by: r.try_get("requested_by")?,
        params: serde_json::from_str(&params).map_err(|e| StoreError::Corrupt(format!("jobs.params: {e}")))?,
        state,
        progress_done: done,
        progress_total: total,
        percent,
        outcome: r.try_get("outcome")?,
        error: r.try_get("error")?,
        attempts: r.try_get("attempts")?,
        run_after: r.try_get("run_after")?,
        claimed_by: r.try_get("claimed_by")?,
        heartbeat_at: r.try_get("heartbeat_at")?,
        link_id: r.try_get("link_id")?,
        schedule_day: r.try_get("schedule_day")?,
        created_at: r.try_get("created_at")?,
        started_at: r.try_get("started_at")?,
        finished_at: r.try_get("finished_at")?,
    })
}

/// What the job list narrows to.
#[derive(Clone, Debug, Default)]
pub struct JobFilter {
    pub kind: Option<String>,
    pub state: Option<JobState>,
}

const INSERT: &str = "INSERT INTO jobs (id, kind, region_code, requested_by, params, state, progress_done, progress_total, outcome, error, attempts, run_after, claimed_by, heartbeat_at, link_id, schedule_day, created_at, started_at, finished_at) \
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, NULL, NULL, $8, $9, $10, $11, $12, $13, $9, $14, NULL)";

/// Appends the region condition: a job of the account's subtree, and the system jobs (region '')
/// for an account over the whole district (they touch every town).
fn scope_filter(scope: &Scope, sql: &mut Sql) {
    let Some(root) = scope.root() else { return };
    let bounds = root.scope_bounds();
    if matches!(root.level(), RegionLevel::Province | RegionLevel::City | RegionLevel::County) {
        sql.push(" AND (region_code = '' OR ");
        sql.region_range("region_code", &bounds);
        sql.push(")");
    } else {
        sql.push(" AND ");
        sql.region_range("region_code", &bounds);
    }
}

impl Store {
    async fn insert_job(&self, tx: &mut crate::Tx, job: &NewJob, claimed_by: Option<&str>, schedule_day: Option<&str>) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let params = serde_json::to_string(&job.params).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let state = if claimed_by.is_some() { JobState::Running } else { JobState::Queued };
        sqlx::query(INSERT)
            .bind(id)
            .bind(job.kind.clone())
            .bind(job.region_code.clone())
            .bind(job.requested_by.clone())
            .bind(params)
            .bind(state.as_str().to_owned())
            .bind(job.total)
            .bind(i64::from(claimed_by.is_some()))
            .bind(now.clone())
            .bind(claimed_by.map(str::to_owned))
            .bind(claimed_by.map(|_| now.clone()))
            .bind(job.link_id)
            .bind(schedule_day.map(str::to_owned))
            .bind(claimed_by.map(|_| now.clone()))
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }

    /// Queues a job for any worker of any process.
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<JobRecord> {
        let mut tx = self.begin().await?;
        let id = self.insert_job(&mut tx, job, None, None).await?;
        tx.commit().await?;
        self.job(&Scope::system(), id).await
    }

    /// Records a job already claimed by `worker`: for a job whose input lives only in this process's
    /// memory (an uploaded file), which no other process could run.
    pub async fn enqueue_claimed_job(&self, job: &NewJob, worker: &str) -> Result<JobRecord> {
        let mut tx = self.begin().await?;
        let id = self.insert_job(&mut tx, job, Some(worker), None).await?;
        tx.commit().await?;
        self.job(&Scope::system(), id).await
    }

    /// Claims the oldest due job of one of `kinds` for `worker`, if any: it becomes `running`, its
    /// attempts count up, and no other claimer (thread or process) gets it.
    pub async fn claim_job(&self, worker: &str, kinds: &[&str]) -> Result<Option<JobRecord>> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now = crate::now();
        let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
        let row = match self.backend() {
            Backend::Postgres => {
                let mut sql = Sql::new("UPDATE jobs SET state = 'running', claimed_by = ");
                sql.bind(worker.to_owned()).push(", heartbeat_at = ").bind(now.clone()).push(", started_at = COALESCE(started_at, ").bind(now.clone());
                sql.push("), attempts = attempts + 1 WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ").bind(now);
                sql.push(" AND kind IN ").bind_list(kinds).push(" ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *");
                sql.query().fetch_optional(&self.pool).await?
            }
            Backend::Sqlite => {
                let mut tx = self.begin().await?;
                let mut pick = Sql::new("SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ");
                pick.bind(now.clone()).push(" AND kind IN ").bind_list(kinds).push(" ORDER BY run_after, id LIMIT 1");
                let id: Option<i64> = pick.query_scalar().fetch_optional(&mut *tx.tx).await?;
                let Some(id) = id else { return Ok(None) };
                let row = sqlx::query(
                    "UPDATE jobs SET state = 'running', claimed_by = $1, heartbeat_at = $2, started_at = COALESCE(started_at, $2), attempts = attempts + 1 WHERE id = $3 AND state = 'queued' RETURNING *",
                )
                .bind(worker.to_owned())
                .bind(now)
                .bind(id)
                .fetch_optional(&mut *tx.tx)
                .await?;
                tx.commit().await?;
                row
            }
        };
        row.as_ref().map(job_from).transpose()
    }

    /// Stores the progress and proves the worker alive (only while it still holds the job).
    pub async fn job_progress(&self, id: i64, worker: &str, done: i64, total: i64) -> Result<()> {
        sqlx::query("UPDATE jobs SET progress_done = $1, progress_total = $2, heartbeat_at = $3 WHERE id = $4 AND state = 'running' AND claimed_by = $5")
            .bind(done)
            .bind(total)
            .bind(crate::now())
            .bind(id)
            .bind(worker.to_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Links the job to the area's row it created (a scheduled run creates its row when it starts).
    pub async fn set_job_link(&self, id: i64, link_id: i64) -> Result<()> {
        sqlx::query("UPDATE jobs SET link_id = $1 WHERE id = $2").bind(link_id).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// The job succeeded: its progress is full and `outcome` says what it did.
    pub async fn finish_job(&self, id: i64, outcome: &str) -> Result<()> {
        sqlx::query(
            "UPDATE jobs SET state = 'succeeded', outcome = $1, error = NULL, progress_done = CASE WHEN progress_total > 0 THEN progress_total ELSE progress_done END, finished_at = $2, heartbeat_at = $2 WHERE id = $3",
        )
        .bind(outcome.to_owned())
        .bind(crate::now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The job failed for good, with `error` as the reason shown to the administrator.
    pub async fn fail_job(&self, id: i64, error: &str) -> Result<()> {
        sqlx::query("UPDATE jobs SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3 AND state <> 'succeeded'")
            .bind(error.to_owned())
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Puts a running job back in the queue (to resume from its stored progress).
    pub async fn requeue_job(&self, id: i64) -> Result<()> {
        sqlx::query("UPDATE jobs SET state = 'queued', claimed_by = NULL, run_after = $1 WHERE id = $2 AND state = 'running'").bind(crate::now()).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Jobs `running` whose worker has not been heard of since `cutoff` (its process stopped).
    pub async fn stale_jobs(&self, cutoff: chrono::DateTime<chrono::Utc>) -> Result<Vec<JobRecord>> {
        let rows = sqlx::query("SELECT * FROM jobs WHERE state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < $1) ORDER BY id")
            .bind(crate::fmt_time(cutoff))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(job_from).collect()
    }

    /// Jobs `running` under one of `workers` (this process's, left by its previous life).
    pub async fn jobs_claimed_by_prefix(&self, prefix: &str) -> Result<Vec<JobRecord>> {
        let rows = sqlx::query("SELECT * FROM jobs WHERE state = 'running' AND claimed_by LIKE $1 ORDER BY id").bind(format!("{prefix}%")).fetch_all(&self.pool).await?;
        rows.iter().map(job_from).collect()
    }

    /// 后台任务列表 the jobs the scope may see, newest first.
    pub async fn jobs_page(&self, scope: &Scope, f: &JobFilter, paging: Paging) -> Result<Page<JobRecord>> {
        self.page_of(
            "FROM jobs WHERE 1 = 1",
            "SELECT * FROM jobs WHERE 1 = 1",
            |sql: &mut Sql| {
                scope_filter(scope, sql);
                if let Some(k) = &f.kind {
                    sql.push(" AND kind = ").bind(k.clone());
                }
                if let Some(s) = f.state {
                    sql.push(" AND state = ").bind(s.as_str().to_owned());
                }
            },
            "id DESC",
            paging,
            job_from,
        )
        .await
    }

    /// One job (not found outside the scope).
    pub async fn job(&self, scope: &Scope, id: i64) -> Result<JobRecord> {
        let mut sql = Sql::new("SELECT * FROM jobs WHERE id = ");
        sql.bind(id);
        scope_filter(scope, &mut sql);
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        job_from(&row)
    }

    /// The job that runs an area's row (e.g. the verification run `link_id`).
    pub async fn job_of(&self, kind: &str, link_id: i64) -> Result<Option<JobRecord>> {
        let row = sqlx::query("SELECT * FROM jobs WHERE kind = $1 AND link_id = $2 ORDER BY id DESC LIMIT 1").bind(kind.to_owned()).bind(link_id).fetch_optional(&self.pool).await?;
        row.as_ref().map(job_from).transpose()
    }

    /// Declares a daily schedule (kept as it is when already there, so its last day survives).
    pub async fn ensure_job_schedule(&self, kind: &str, at_time: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        let exists: Option<String> = sqlx::query_scalar("SELECT kind FROM job_schedules WHERE kind = $1").bind(kind.to_owned()).fetch_optional(&mut *tx.tx).await?;
        if exists.is_none() {
            let inserted = sqlx::query("INSERT INTO job_schedules (kind, at_time, last_day, updated_at) VALUES ($1, $2, NULL, $3)")
                .bind(kind.to_owned())
                .bind(at_time.to_owned())
                .bind(crate::now())
                .execute(&mut *tx.tx)
                .await;
            match inserted {
                Ok(_) => {}
                // another process declared it first
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(()),
                Err(e) => return Err(e.into()),
            }
        } else {
            sqlx::query("UPDATE job_schedules SET at_time = $1 WHERE kind = $2").bind(at_time.to_owned()).bind(kind.to_owned()).execute(&mut *tx.tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Enqueues the scheduled job of `day` unless one was already enqueued for it (by this or
    /// another process, before or after a restart): the schedule's last day moves forward in the
    /// same transaction as the insert, guarded by its old value, and (kind, day) is unique.
    pub async fn enqueue_scheduled_job(&self, job: &NewJob, day: NaiveDate) -> Result<Option<JobRecord>> {
        let day = day.format("%Y-%m-%d").to_string();
        let mut tx = self.begin().await?;
        let moved = sqlx::query("UPDATE job_schedules SET last_day = $1, updated_at = $2 WHERE kind = $3 AND (last_day IS NULL OR last_day < $1)")
            .bind(day.clone())
            .bind(crate::now())
            .bind(job.kind.clone())
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        if moved != 1 {
            return Ok(None);
        }
        let id = match self.insert_job(&mut tx, job, None, Some(&day)).await {
            Ok(id) => id,
            Err(e) if e.is_unique_violation() => return Ok(None),
            Err(e) => return Err(e),
        };
        tx.commit().await?;
        Ok(Some(self.job(&Scope::system(), id).await?))
    }

    /// The schedules: (kind, HH:MM, last day).
    pub async fn job_schedules(&self) -> Result<Vec<(String, String, Option<String>)>> {
        let rows = sqlx::query("SELECT kind, at_time, last_day FROM job_schedules ORDER BY kind").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("kind")?, r.try_get("at_time")?, r.try_get("last_day")?))).collect()
    }
}
