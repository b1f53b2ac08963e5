-- 0002 social assistance: policy parameters, applications and their path, notices, cases, payroll.
-- Decisions and money are append-only: events, case amounts, adjustments and payroll lines are only
-- ever inserted; a confirmed run is never changed.

-- every number a rule uses, per region prefix and effective month; all rows are the history
CREATE TABLE policy_params (
    id              BIGINT PRIMARY KEY,
    key             TEXT NOT NULL,
    region_prefix   TEXT NOT NULL,
    effective_month TEXT NOT NULL,
    value           BIGINT NOT NULL,
    note            TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX policy_params_key ON policy_params (key, region_prefix, effective_month);

-- public holidays on weekdays and make-up working days on weekends (调休)
CREATE TABLE holidays (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

-- 近亲属备案: close relatives of civil-affairs staff and village cadres
CREATE TABLE staff_relatives (
    id          BIGINT PRIMARY KEY,
    id_number   TEXT NOT NULL,
    name        TEXT NOT NULL,
    staff_name  TEXT NOT NULL,
    staff_post  TEXT NOT NULL,
    relation    TEXT NOT NULL,
    region_code TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX staff_relatives_id_number ON staff_relatives (id_number);

CREATE TABLE applications (
    id                  BIGINT PRIMARY KEY,
    region_code         TEXT NOT NULL,
    programme           TEXT NOT NULL,
    household_id        BIGINT NOT NULL,
    applicant_person_id BIGINT NOT NULL,
    applicant_name      TEXT NOT NULL,
    members             BIGINT NOT NULL,
    stage               TEXT NOT NULL,
    facts               TEXT NOT NULL,
    request             TEXT NOT NULL,
    assessment          TEXT NOT NULL,
    flags               TEXT NOT NULL,
    flag_count          BIGINT NOT NULL,
    eligible            BIGINT NOT NULL,
    monthly             BIGINT NOT NULL,
    one_off             BIGINT NOT NULL,
    bank_name           TEXT NOT NULL,
    bank_account        TEXT NOT NULL,
    accepted_on         TEXT NOT NULL,
    phase_started_on    TEXT NOT NULL,
    deadline            TEXT,
    town_extended       BIGINT NOT NULL,
    county_extended     BIGINT NOT NULL,
    notice_id           BIGINT,
    case_id             BIGINT,
    decided_on          TEXT,
    version             BIGINT NOT NULL,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX applications_region ON applications (region_code, id);
CREATE INDEX applications_stage ON applications (stage, deadline);
CREATE INDEX applications_household ON applications (household_id);

CREATE TABLE application_events (
    id             BIGINT PRIMARY KEY,
    application_id BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    action         TEXT NOT NULL,
    stage_from     TEXT,
    stage_to       TEXT NOT NULL,
    actor          TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    at             TEXT NOT NULL,
    note           TEXT NOT NULL,
    data           TEXT NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- scans, base64 in TEXT (one column type both backends read through the Any driver)
CREATE TABLE attachments (
    id             BIGINT PRIMARY KEY,
    application_id BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    content        TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX attachments_application ON attachments (application_id);

CREATE TABLE notices (
    id          BIGINT PRIMARY KEY,
    region_code TEXT NOT NULL,
    programme   TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX notices_region ON notices (region_code, id);

CREATE TABLE notice_items (
    notice_id      BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    PRIMARY KEY (notice_id, application_id)
);

CREATE TABLE objections (
    id             BIGINT PRIMARY KEY,
    notice_id      BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    received_on    TEXT NOT NULL,
    content        TEXT NOT NULL,
    contact        TEXT NOT NULL,
    status         TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    decided_by     TEXT,
    decided_on     TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX objections_notice ON objections (notice_id);

-- 在保: an enrolled household in a programme
CREATE TABLE cases (
    id                  BIGINT PRIMARY KEY,
    region_code         TEXT NOT NULL,
    programme           TEXT NOT NULL,
    household_id        BIGINT NOT NULL,
    application_id      BIGINT,
    head_name           TEXT NOT NULL,
    status              TEXT NOT NULL,
    start_month         TEXT NOT NULL,
    end_month           TEXT,
    members             BIGINT NOT NULL,
    monthly             BIGINT NOT NULL,
    one_off             BIGINT NOT NULL,
    facts               TEXT NOT NULL,
    assessment          TEXT NOT NULL,
    bank_name           TEXT NOT NULL,
    bank_account        TEXT NOT NULL,
    review_cycle_months BIGINT NOT NULL,
    next_review_on      TEXT NOT NULL,
    exit_proposed       BIGINT NOT NULL,
    exit_reason         TEXT,
    version             BIGINT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX cases_region ON cases (region_code, id);
CREATE INDEX cases_programme ON cases (programme, status, region_code);
CREATE INDEX cases_household ON cases (household_id);

-- who a case covers, for the "already enrolled" check at acceptance
CREATE TABLE case_members (
    case_id     BIGINT NOT NULL,
    person_id   BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_members_person ON case_members (person_id);

-- the amount due per month: the row with the latest from_month not after the month (then the
-- highest id) applies; a recalculation appends rows, never changes one
CREATE TABLE case_amounts (
    id          BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    from_month  TEXT NOT NULL,
    monthly     BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    -- the parameter values the amount was computed with (JSON list of ParamUse)
    params      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX case_amounts_case ON case_amounts (case_id, from_month, id);

CREATE TABLE case_events (
    id          BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    kind        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    note        TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- arrears (positive) and recoveries (negative) for months already paid; settled by the payroll
-- line that carries them
CREATE TABLE adjustments (
    id          BIGINT PRIMARY KEY,
    case_id     BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    programme   TEXT NOT NULL,
    for_month   TEXT NOT NULL,
    amount      BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX adjustments_programme ON adjustments (programme, region_code);
CREATE INDEX adjustments_case ON adjustments (case_id);

-- confirmed payroll runs: immutable
CREATE TABLE payroll_runs (
    id             BIGINT PRIMARY KEY,
    month          TEXT NOT NULL,
    programme      TEXT NOT NULL,
    region_code    TEXT NOT NULL,
    households     BIGINT NOT NULL,
    lines          BIGINT NOT NULL,
    regular_total  BIGINT NOT NULL,
    arrears_total  BIGINT NOT NULL,
    recovery_total BIGINT NOT NULL,
    one_off_total  BIGINT NOT NULL,
    total          BIGINT NOT NULL,
    fingerprint    TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX payroll_runs_key ON payroll_runs (month, programme, region_code);

CREATE TABLE payroll_lines (
    run_id        BIGINT NOT NULL,
    line_no       BIGINT NOT NULL,
    case_id       BIGINT NOT NULL,
    region_code   TEXT NOT NULL,
    household_id  BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    for_month     TEXT NOT NULL,
    amount        BIGINT NOT NULL,
    payee_name    TEXT NOT NULL,
    bank_name     TEXT NOT NULL,
    bank_account  TEXT NOT NULL,
    adjustment_id BIGINT,
    PRIMARY KEY (run_id, line_no)
);
-- never pay a month twice, whatever the regions of two runs
CREATE UNIQUE INDEX payroll_lines_regular ON payroll_lines (case_id, for_month) WHERE kind = 'regular' OR kind = 'one_off';
CREATE UNIQUE INDEX payroll_lines_adjustment ON payroll_lines (adjustment_id) WHERE adjustment_id IS NOT NULL;
CREATE INDEX payroll_lines_case ON payroll_lines (case_id, for_month);
