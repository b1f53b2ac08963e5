-- 0005 家庭经济状况核对 verification: departmental snapshots, runs, reports, red flags, re-inspection sampling.

-- one loaded file (or pushed batch) of a departmental feed; the newest of a feed is in force
CREATE TABLE verification_snapshots (
    id               BIGINT PRIMARY KEY,
    feed             TEXT NOT NULL,
    as_of            TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    rows             BIGINT NOT NULL,
    rejected_rows    BIGINT NOT NULL,
    matched_persons  BIGINT NOT NULL,
    registry_persons BIGINT NOT NULL,
    -- JSON list of the first 200 rejected rows: {row, column, zh, en}
    rejected         TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    status           TEXT NOT NULL,
    loaded_by        TEXT NOT NULL,
    loaded_at        TEXT NOT NULL
);
CREATE INDEX verification_snapshots_feed ON verification_snapshots (feed, status);

-- the records of the snapshots in force, in the slots every feed shares (core verification::feed)
CREATE TABLE verification_records (
    snapshot_id  BIGINT NOT NULL,
    -- the row of the file the record came from
    seq          BIGINT NOT NULL,
    feed         TEXT NOT NULL,
    id_number    TEXT NOT NULL,
    name         TEXT NOT NULL,
    reference    TEXT NOT NULL,
    category     TEXT NOT NULL,
    detail       TEXT NOT NULL,
    amount       BIGINT NOT NULL,
    extra_amount BIGINT NOT NULL,
    quantity     BIGINT NOT NULL,
    on_date      TEXT NOT NULL
);
CREATE INDEX verification_records_person ON verification_records (id_number, snapshot_id);

CREATE TABLE verification_runs (
    id             BIGINT PRIMARY KEY,
    scope          TEXT NOT NULL,
    region_code    TEXT NOT NULL,
    programme      TEXT,
    application_id BIGINT,
    month          TEXT NOT NULL,
    status         TEXT NOT NULL,
    total          BIGINT NOT NULL,
    done           BIGINT NOT NULL,
    consistent     BIGINT NOT NULL,
    inconsistent   BIGINT NOT NULL,
    not_eligible   BIGINT NOT NULL,
    flags          BIGINT NOT NULL,
    -- JSON list of the snapshots consulted: {feed, snapshot_id, as_of}
    snapshots      TEXT NOT NULL,
    error          TEXT,
    created_by     TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT
);
CREATE INDEX verification_runs_region ON verification_runs (region_code, id);

-- 核对报告: one per household and run; the body (findings, comparisons, assessment) is JSON
CREATE TABLE verification_reports (
    id               BIGINT PRIMARY KEY,
    run_id           BIGINT NOT NULL,
    household_id     BIGINT NOT NULL,
    application_id   BIGINT,
    case_id          BIGINT,
    programme        TEXT NOT NULL,
    region_code      TEXT NOT NULL,
    applicant_name   TEXT NOT NULL,
    members          BIGINT NOT NULL,
    conclusion       TEXT NOT NULL,
    declared_monthly BIGINT NOT NULL,
    verified_monthly BIGINT NOT NULL,
    flag_count       BIGINT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX verification_reports_region ON verification_reports (region_code, id);
CREATE INDEX verification_reports_run ON verification_reports (run_id, id);
CREATE INDEX verification_reports_application ON verification_reports (application_id);
CREATE INDEX verification_reports_case ON verification_reports (case_id);

-- 疑点: a red flag with its evidence, and how it was resolved
CREATE TABLE verification_flags (
    id           BIGINT PRIMARY KEY,
    report_id    BIGINT NOT NULL,
    household_id BIGINT NOT NULL,
    region_code  TEXT NOT NULL,
    code         TEXT NOT NULL,
    person_id    BIGINT,
    evidence_zh  TEXT NOT NULL,
    evidence_en  TEXT NOT NULL,
    status       TEXT NOT NULL,
    resolution   TEXT,
    note         TEXT NOT NULL,
    resolved_by  TEXT,
    resolved_at  TEXT,
    version      BIGINT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX verification_flags_region ON verification_flags (status, region_code, id);
CREATE INDEX verification_flags_report ON verification_flags (report_id);

-- 入户抽查: one draw per year and region, reproducible from its seed
CREATE TABLE sampling_draws (
    id             BIGINT PRIMARY KEY,
    year           BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    seed           TEXT NOT NULL,
    population     BIGINT NOT NULL,
    city_count     BIGINT NOT NULL,
    district_count BIGINT NOT NULL,
    city_share     BIGINT NOT NULL,
    district_share BIGINT NOT NULL,
    -- JSON list of {town_code, population, city, district}
    by_town        TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX sampling_draws_key ON sampling_draws (year, region_code);

CREATE TABLE sampling_items (
    id           BIGINT PRIMARY KEY,
    draw_id      BIGINT NOT NULL,
    case_id      BIGINT NOT NULL,
    household_id BIGINT NOT NULL,
    region_code  TEXT NOT NULL,
    town_code    TEXT NOT NULL,
    sample       TEXT NOT NULL,
    status       TEXT NOT NULL,
    outcome      TEXT,
    note         TEXT NOT NULL,
    visited_by   TEXT,
    visited_on   TEXT,
    version      BIGINT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX sampling_items_draw ON sampling_items (draw_id, town_code, id);
CREATE INDEX sampling_items_region ON sampling_items (region_code, id);
