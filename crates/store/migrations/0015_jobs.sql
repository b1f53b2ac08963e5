-- 0015 后台任务 one durable table for every job that outlives a request (imports, verification
-- runs, the daily 事找人 search, charity checkpoints and verification), claimed by the runner in
-- crates/app (app::jobs), and the daily schedule that enqueues the recurring ones.
CREATE TABLE jobs (
    id            BIGINT PRIMARY KEY,
    kind          TEXT NOT NULL,
    -- the region the job works on ('' for a system job over the whole district)
    region_code   TEXT NOT NULL,
    -- the account's username, or 'system' for a scheduled job
    requested_by  TEXT NOT NULL,
    -- what the executor needs (JSON object)
    params        TEXT NOT NULL,
    -- queued | running | succeeded | failed
    state         TEXT NOT NULL,
    progress_done  BIGINT NOT NULL,
    progress_total BIGINT NOT NULL,
    outcome       TEXT,
    error         TEXT,
    attempts      BIGINT NOT NULL,
    run_after     TEXT NOT NULL,
    claimed_by    TEXT,
    heartbeat_at  TEXT,
    -- the area's own row (import_jobs, verification_runs, outreach_runs, charity_verifications)
    link_id       BIGINT,
    -- the day a scheduled job is for: one job per (kind, day)
    schedule_day  TEXT,
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT
);
CREATE INDEX jobs_claim ON jobs (state, run_after);
CREATE INDEX jobs_kind ON jobs (kind, id);
CREATE INDEX jobs_link ON jobs (kind, link_id);
CREATE UNIQUE INDEX jobs_schedule_day ON jobs (kind, schedule_day);

CREATE TABLE job_schedules (
    kind        TEXT PRIMARY KEY,
    -- HH:MM, server local time
    at_time     TEXT NOT NULL,
    -- the last day a job was enqueued for (YYYY-MM-DD)
    last_day    TEXT,
    updated_at  TEXT NOT NULL
);
