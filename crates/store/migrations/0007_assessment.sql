-- 0007 老年人能力评估 capability assessment (GB/T 42195-2022), elder profiles (居住状况) and 探访 visits.

-- one assessment of one person; items, adjustments and explanation are JSON (core elderly::assessment)
CREATE TABLE elder_assessments (
    id                 BIGINT PRIMARY KEY,
    person_id          BIGINT NOT NULL,
    -- the person's residence (village) when assessed
    region_code        TEXT NOT NULL,
    assessed_on        TEXT NOT NULL,
    reason             TEXT NOT NULL,
    -- JSON {item code: score}
    items              TEXT NOT NULL,
    self_care_score    BIGINT NOT NULL,
    motor_score        BIGINT NOT NULL,
    mental_score       BIGINT NOT NULL,
    perception_score   BIGINT NOT NULL,
    total              BIGINT NOT NULL,
    preliminary_level  TEXT NOT NULL,
    level              TEXT NOT NULL,
    -- JSON {coma, dementia, falls, choking, self_harm, wandering}
    adjustments        TEXT NOT NULL,
    -- JSON list of {zh, en}
    explanation        TEXT NOT NULL,
    next_due_on        TEXT NOT NULL,
    -- 1 on the person's latest assessment (by assessed_on, then id), 0 on the earlier ones
    latest             BIGINT NOT NULL,
    assessor           TEXT NOT NULL,
    second_assessor    TEXT NOT NULL,
    note               TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX elder_assessments_person ON elder_assessments (person_id, assessed_on);
CREATE INDEX elder_assessments_region ON elder_assessments (region_code, id);
CREATE INDEX elder_assessments_due ON elder_assessments (latest, next_due_on);

-- 居住状况 as recorded by an officer (absent: derived from the household)
CREATE TABLE elder_profiles (
    person_id   BIGINT PRIMARY KEY,
    region_code TEXT NOT NULL,
    living      TEXT NOT NULL,
    note        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX elder_profiles_region ON elder_profiles (region_code, living);

-- 探访计划: who is visited, in which category, how often, and when next
CREATE TABLE visit_plans (
    id              BIGINT PRIMARY KEY,
    person_id       BIGINT NOT NULL,
    region_code     TEXT NOT NULL,
    category        TEXT NOT NULL,
    interval_days   BIGINT NOT NULL,
    next_due_on     TEXT NOT NULL,
    last_visited_on TEXT,
    visits          BIGINT NOT NULL,
    active          BIGINT NOT NULL,
    version         BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX visit_plans_person_category ON visit_plans (person_id, category) WHERE active = 1;
CREATE INDEX visit_plans_due ON visit_plans (active, next_due_on);
CREATE INDEX visit_plans_region ON visit_plans (region_code, id);

-- 探访记录
CREATE TABLE visits (
    id          BIGINT PRIMARY KEY,
    plan_id     BIGINT NOT NULL,
    person_id   BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    visited_on  TEXT NOT NULL,
    findings    TEXT NOT NULL,
    needs       TEXT NOT NULL,
    visitor     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX visits_plan ON visits (plan_id, visited_on);
CREATE INDEX visits_person ON visits (person_id, visited_on);
