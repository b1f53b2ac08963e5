-- 0012 大民政工作计划 the work plan: plans imported from their table, the responsible units, the
-- plan's lines (system → main task → task, each line with its year, units and yearly plan texts)
-- and the targets read from those texts (editable).

CREATE TABLE plan_plans (
    id           BIGINT PRIMARY KEY,
    name         TEXT NOT NULL,
    -- the years of the plan columns, comma-separated (2014,2015)
    years        TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- 责任单位: a department (区民政局), a town (region_code), all towns (各镇（街）) or another body
CREATE TABLE plan_units (
    id           BIGINT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    region_code  TEXT,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX plan_units_name ON plan_units (name);

CREATE TABLE plan_lines (
    id            BIGINT PRIMARY KEY,
    plan_id       BIGINT NOT NULL,
    row_no        BIGINT NOT NULL,
    system_name   TEXT NOT NULL,
    group_name    TEXT NOT NULL,
    task_name     TEXT NOT NULL,
    due_year      BIGINT NOT NULL,
    lead_unit_id  BIGINT NOT NULL,
    -- JSON list of {year, text}
    plans         TEXT NOT NULL
);
CREATE INDEX plan_lines_plan ON plan_lines (plan_id, row_no);

-- a line's responsible units in the table's order; role lead (the first) or related
CREATE TABLE plan_line_units (
    line_id  BIGINT NOT NULL,
    unit_id  BIGINT NOT NULL,
    role     TEXT NOT NULL,
    ord      BIGINT NOT NULL,
    PRIMARY KEY (line_id, unit_id)
);
CREATE INDEX plan_line_units_unit ON plan_line_units (unit_id, line_id);

-- a target of a line for a year: a quantity in hundredths with its unit, money in fen
CREATE TABLE plan_targets (
    id          BIGINT PRIMARY KEY,
    line_id     BIGINT NOT NULL,
    year        BIGINT NOT NULL,
    subject     TEXT NOT NULL,
    hundredths  BIGINT NOT NULL,
    unit        TEXT NOT NULL,
    fen         BIGINT,
    per         TEXT,
    -- parsed | manual
    source      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX plan_targets_line ON plan_targets (line_id, year, id);
