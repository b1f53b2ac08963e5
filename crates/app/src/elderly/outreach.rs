//! 事找人 the daily search for persons newly eligible, as a job: a manual run (its row created by
//! the request) or the daily one (its row created when it starts, unless today's has run).
use chrono::NaiveDate;
use minzheng_store::Store;
use minzheng_store::elderly::outreach::OutreachRun;
use minzheng_store::jobs::{JobRecord, NewJob};

use crate::jobs::{JobFailure, JobResult, OnRestart, Progress, Registry};

pub const KIND: &str = "outreach.run";

/// The job of a run started by hand (`Store::create_outreach_run`), for `day`.
pub fn job(run: &OutreachRun, region_code: &str, day: NaiveDate) -> NewJob {
    NewJob::new(KIND, region_code, &run.created_by).link(run.id).params(serde_json::json!({ "day": day.to_string() })).total(100)
}

fn outcome(run: &OutreachRun) -> String {
    format!("检查 {} 位老人，发现 {} 人，新建任务 {} 件 / {} elders checked, {} found, {} tasks created", run.elders, run.found, run.created, run.elders, run.found, run.created)
}

async fn execute_job(store: Store, job: JobRecord, progress: Progress) -> JobResult {
    let day = job.params.get("day").and_then(|d| d.as_str()).and_then(|d| d.parse::<NaiveDate>().ok()).unwrap_or_else(minzheng_store::today);
    let run = match job.link_id {
        Some(id) => store.outreach_run(id).await?,
        None => {
            // the daily one: a run today (also a manual one) is enough
            if store.outreach_ran_on(day).await? {
                return Ok(format!("{day} 已运行 / already ran on {day}"));
            }
            let run = store.create_outreach_run(day, "daily", "system").await?;
            store.set_job_link(job.id, run.id).await?;
            run
        }
    };
    // the run stores its percent on its row; mirror it into the job while it goes
    let watch = {
        let (store, progress, id) = (store.clone(), progress.clone(), run.id);
        async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                if let Ok(r) = store.outreach_run(id).await {
                    progress.set(r.progress, 100);
                }
            }
        }
    };
    let done = tokio::select! {
        r = store.execute_outreach(&run, day) => r,
        () = watch => unreachable!("the watch loops until the run ends"),
    };
    match done {
        Ok(run) if run.status == "failed" => Err(JobFailure(run.error.unwrap_or_default())),
        Ok(run) => {
            progress.set(100, 100);
            Ok(outcome(&run))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn register(r: &mut Registry) {
    r.register(KIND, OnRestart::Fail, execute_job).on_interrupted(KIND, |store: Store, job: JobRecord| async move {
        if let Some(id) = job.link_id {
            store.fail_interrupted_outreach_run(id).await?;
        }
        Ok(())
    });
    r.daily(KIND, chrono::NaiveTime::from_hms_opt(1, 0, 0).expect("01:00"));
}
