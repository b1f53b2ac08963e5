-- 0013 工作计划进度 the work plan's progress: who acts for a unit, the units' quarterly reports with
-- the lead unit's confirmation and their files, and the plan's indicators (live or entered).

-- accounts that act for a unit (besides a town's officers for their town and the district's for 区民政局)
CREATE TABLE plan_unit_members (
    unit_id   BIGINT NOT NULL,
    username  TEXT NOT NULL,
    PRIMARY KEY (unit_id, username)
);
CREATE INDEX plan_unit_members_user ON plan_unit_members (username);

-- a unit's report on a line for a quarter; submitted, then confirmed or returned by the lead unit
CREATE TABLE plan_reports (
    id            BIGINT PRIMARY KEY,
    line_id       BIGINT NOT NULL,
    unit_id       BIGINT NOT NULL,
    period        TEXT NOT NULL,
    percent       BIGINT NOT NULL,
    narrative     TEXT NOT NULL,
    status        TEXT NOT NULL,
    version       BIGINT NOT NULL,
    submitted_by  TEXT NOT NULL,
    submitted_at  TEXT NOT NULL,
    reviewed_by   TEXT,
    reviewed_at   TEXT,
    review_note   TEXT NOT NULL
);
CREATE UNIQUE INDEX plan_reports_period ON plan_reports (line_id, unit_id, period);

CREATE TABLE plan_report_files (
    id            BIGINT PRIMARY KEY,
    report_id     BIGINT NOT NULL,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    -- base64
    content       TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX plan_report_files_report ON plan_report_files (report_id);

-- an indicator of a plan with its target; live ones are computed from the platform's data,
-- manual ones carry the value entered and its evidence
CREATE TABLE plan_indicators (
    id                BIGINT PRIMARY KEY,
    plan_id           BIGINT NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    unit              TEXT NOT NULL,
    year              BIGINT NOT NULL,
    target_hundredths BIGINT NOT NULL,
    source            TEXT NOT NULL,
    value_hundredths  BIGINT,
    evidence          TEXT NOT NULL,
    version           BIGINT NOT NULL,
    updated_by        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX plan_indicators_plan ON plan_indicators (plan_id, id);
