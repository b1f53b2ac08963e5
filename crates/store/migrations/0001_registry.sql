-- 0001 registry: regions, persons, households, accounts, sessions, audit, import jobs.
-- One migration set in the SQL subset SQLite and PostgreSQL both accept: TEXT, BIGINT, partial and
-- unique indexes. Dates are ISO 'YYYY-MM-DD' text, timestamps RFC 3339 UTC text (both sort as text);
-- flags are BIGINT 0/1 (the sqlx Any driver has no portable boolean on SQLite).

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent_code TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);

CREATE TABLE persons (
    id                BIGINT PRIMARY KEY,
    id_number         TEXT,
    alt_id_type       TEXT,
    alt_id            TEXT,
    name              TEXT NOT NULL,
    name_pinyin       TEXT NOT NULL,
    gender            TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    ethnicity         TEXT NOT NULL,
    phone             TEXT,
    hukou_region_code TEXT NOT NULL,
    region_code       TEXT NOT NULL,
    grid_code         TEXT,
    hukou_type        TEXT NOT NULL,
    alive             BIGINT NOT NULL,
    death_date        TEXT,
    disability_kind   TEXT,
    disability_grade  BIGINT,
    disability_cert   TEXT,
    priority_care     TEXT,
    orphan            BIGINT NOT NULL,
    household_id      BIGINT,
    relation          TEXT,
    version           BIGINT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX persons_id_number ON persons (id_number);
CREATE UNIQUE INDEX persons_alt_id ON persons (alt_id_type, alt_id);
CREATE INDEX persons_region ON persons (region_code, id);
CREATE INDEX persons_created ON persons (created_at, id);
CREATE INDEX persons_name ON persons (name);
CREATE INDEX persons_household ON persons (household_id);

-- search keys of a person's name: every variant of its pinyin initials (张三 -> zs; 单 -> s, d, c)
CREATE TABLE person_keys (
    key         TEXT NOT NULL,
    person_id   BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    PRIMARY KEY (key, person_id)
);
CREATE INDEX person_keys_person ON person_keys (person_id);

CREATE TABLE households (
    id             BIGINT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    address        TEXT NOT NULL,
    head_person_id BIGINT,
    member_count   BIGINT NOT NULL,
    version        BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX households_region ON households (region_code, id);
CREATE INDEX households_created ON households (created_at, id);

-- membership history: a row per stay of a person in a household; left_on NULL while current
CREATE TABLE household_members (
    id           BIGINT PRIMARY KEY,
    household_id BIGINT NOT NULL,
    person_id    BIGINT NOT NULL,
    relation     TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    joined_on    TEXT NOT NULL,
    left_on      TEXT
);
CREATE INDEX household_members_household ON household_members (household_id);
CREATE UNIQUE INDEX household_members_current ON household_members (person_id) WHERE left_on IS NULL;

CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY,
    username      TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    region_code   TEXT NOT NULL,
    active        BIGINT NOT NULL,
    locked_until  TEXT,
    version       BIGINT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts (username);

CREATE TABLE login_failures (
    account_id BIGINT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account_id, at);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    ip         TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- append-only, hash-chained
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    region_code TEXT NOT NULL,
    ip          TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

CREATE TABLE import_jobs (
    id          BIGINT PRIMARY KEY,
    kind        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    status      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    account_id  BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    total       BIGINT NOT NULL,
    processed   BIGINT NOT NULL,
    inserted    BIGINT NOT NULL,
    failed_rows BIGINT NOT NULL,
    errors      TEXT NOT NULL,
    message     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- id blocks: every table's BIGINT key comes from here, reserved inside the writing transaction so a
-- rolled-back write gives its ids back; keys stay below 2^53 (exact in JavaScript).
CREATE TABLE id_counter (
    name    TEXT PRIMARY KEY,
    next_id BIGINT NOT NULL
);
INSERT INTO id_counter (name, next_id) VALUES ('global', 1000);
