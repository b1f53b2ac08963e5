//! 公开账本 the ledger's background work as jobs: publishing the finished days' checkpoints and
//! verifying the whole ledger (on demand, and once a day after midnight).
use minzheng_store::charity::ledger::VerificationRecord;
use minzheng_store::jobs::{JobRecord, NewJob};
use minzheng_store::{Store, today};

use crate::jobs::{JobResult, OnRestart, Progress, Registry};

pub const CHECKPOINTS: &str = "charity.checkpoints";
pub const VERIFICATION: &str = "charity.verification";

/// The job of a verification started by `Store::charity_start_verification`.
pub fn verification_job(v: &VerificationRecord, region_code: &str) -> NewJob {
    NewJob::new(VERIFICATION, region_code, &v.ran_by).link(v.id).total(v.total)
}

/// The outcome of a finished verification: a broken ledger is what the job found, not a failure
/// of the job (the portal shows it).
pub fn verification_outcome(v: &VerificationRecord) -> String {
    format!("{} / {}", v.message_zh, v.message_en)
}

async fn verify(store: Store, job: JobRecord, progress: Progress) -> JobResult {
    let id = match job.link_id {
        Some(id) => id,
        None => {
            let v = store.charity_start_verification("system").await?;
            store.set_job_link(job.id, v.id).await?;
            v.id
        }
    };
    let v = store.charity_run_verification(id, |done, total| progress.set(done as i64, total as i64)).await?;
    if !v.ok {
        tracing::error!(seq = v.break_seq, message = %v.message_en, "charity ledger verification failed");
    }
    Ok(verification_outcome(&v))
}

async fn publish(store: Store, _job: JobRecord, progress: Progress) -> JobResult {
    let built = store.charity_publish_checkpoints(today()).await?;
    let n = built.len() as i64;
    progress.set(n, n);
    Ok(format!("发布校验点 {n} 个 / {n} checkpoints published"))
}

pub fn register(r: &mut Registry) {
    // publishing skips the days already published: a stopped run is simply run again
    r.register(CHECKPOINTS, OnRestart::Resume, publish);
    r.register(VERIFICATION, OnRestart::Fail, verify).on_interrupted(VERIFICATION, |store: Store, job: JobRecord| async move {
        if let Some(id) = job.link_id {
            store.fail_interrupted_charity_verification(id).await?;
        }
        Ok(())
    });
    let midnight = chrono::NaiveTime::from_hms_opt(0, 0, 0).expect("00:00");
    r.daily(CHECKPOINTS, midnight).daily(VERIFICATION, midnight);
}
