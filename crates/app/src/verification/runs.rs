//! 核对任务 a verification run as a job: the batch loop of `Store::execute_run`, its progress
//! reported to the runner.
use minzheng_store::Store;
use minzheng_store::jobs::{JobRecord, NewJob};
use minzheng_store::verification::runs::RunRecord;

use crate::jobs::{JobFailure, JobResult, OnRestart, Progress, Registry};

pub const KIND: &str = "verification.run";

/// The job of a run created by `Store::create_run` (the run's row is the link).
pub fn job(run: &RunRecord) -> NewJob {
    NewJob::new(KIND, run.region_code.as_str(), &run.created_by).link(run.id).total(run.total)
}

/// What a finished run says about itself.
pub fn outcome(run: &RunRecord) -> String {
    format!(
        "核对 {} 户：一致 {}，不一致 {}，不符合条件 {}，疑点 {} / {} households: {} consistent, {} inconsistent, {} not eligible, {} flags",
        run.done, run.consistent, run.inconsistent, run.not_eligible, run.flags, run.done, run.consistent, run.inconsistent, run.not_eligible, run.flags
    )
}

/// Runs the run (the current policy), reporting each household done.
pub async fn execute(store: &Store, run_id: i64, progress: &Progress) -> Result<RunRecord, minzheng_store::StoreError> {
    let policy = store.policy().await?;
    store.execute_run(run_id, &policy, |done, total| progress.set(done, total)).await
}

async fn execute_job(store: Store, job: JobRecord, progress: Progress) -> JobResult {
    let id = job.link_id.ok_or_else(|| JobFailure("核对任务缺少核对批次 / the job names no run".into()))?;
    let run = execute(&store, id, &progress).await?;
    Ok(outcome(&run))
}

pub fn register(r: &mut Registry) {
    // a run stopped half-way keeps its written chunks; it is failed, as before the runner, and
    // started again by the officer
    r.register(KIND, OnRestart::Fail, execute_job).on_interrupted(KIND, |store: Store, job: JobRecord| async move {
        if let Some(id) = job.link_id {
            store.fail_interrupted_run(id).await?;
        }
        Ok(())
    });
}
