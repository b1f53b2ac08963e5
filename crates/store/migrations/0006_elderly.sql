-- 0006 elderly, disability and children: allowances through the shared payroll, the elderly
-- register (refreshed by the daily job) and 事找人 (tasks for persons newly eligible).

-- an allowance set as an annual standard (残疾人两项补贴): December pays annual - 11 x monthly
ALTER TABLE case_amounts ADD COLUMN annual BIGINT;

-- 老年人名册: one row per resident aged 60+, rebuilt by the daily job from the registry, the
-- cases, assessments, and the services (home care, 平安钟, canteens, institutions)
CREATE TABLE elder_register (
    person_id        BIGINT PRIMARY KEY,
    region_code      TEXT NOT NULL,
    household_id     BIGINT,
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL,
    birth_date       TEXT NOT NULL,
    age_band         TEXT NOT NULL,
    hukou_local      BIGINT NOT NULL,
    living           TEXT NOT NULL,
    living_recorded  BIGINT NOT NULL,
    dibao            BIGINT NOT NULL,
    tekun            BIGINT NOT NULL,
    low_income       BIGINT NOT NULL,
    old_age          BIGINT NOT NULL,
    disability_grade BIGINT,
    disability_kind  TEXT,
    level            TEXT,
    assessed_on      TEXT,
    home_care        BIGINT NOT NULL,
    emergency_device BIGINT NOT NULL,
    canteen          BIGINT NOT NULL,
    institution      BIGINT NOT NULL,
    refreshed_at     TEXT NOT NULL
);
CREATE INDEX elder_register_region ON elder_register (region_code, person_id);
CREATE INDEX elder_register_band ON elder_register (age_band, region_code);

-- 事找人 runs: the daily search, with progress
CREATE TABLE outreach_runs (
    id           BIGINT PRIMARY KEY,
    run_on       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    progress     BIGINT NOT NULL,
    step         TEXT NOT NULL,
    elders       BIGINT NOT NULL,
    found        BIGINT NOT NULL,
    created      BIGINT NOT NULL,
    by_rule      TEXT NOT NULL,
    error        TEXT,
    created_by   TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE INDEX outreach_runs_day ON outreach_runs (run_on, id);

-- a task per person and rule, ever: a dismissed task is not raised again by the next run
CREATE TABLE outreach_tasks (
    id          BIGINT PRIMARY KEY,
    person_id   BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    rule        TEXT NOT NULL,
    programme   TEXT,
    found_on    TEXT NOT NULL,
    run_id      BIGINT NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT NOT NULL,
    case_id     BIGINT,
    handled_by  TEXT,
    handled_at  TEXT,
    version     BIGINT NOT NULL
);
CREATE UNIQUE INDEX outreach_tasks_once ON outreach_tasks (person_id, rule);
CREATE INDEX outreach_tasks_region ON outreach_tasks (status, region_code, id);
CREATE INDEX outreach_tasks_run ON outreach_tasks (run_id);

-- the registry lookups of the daily search: by birth date, and persons with a certificate
CREATE INDEX persons_birth ON persons (birth_date, id);
CREATE INDEX persons_disability ON persons (disability_grade, id);
