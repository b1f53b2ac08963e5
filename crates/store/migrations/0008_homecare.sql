-- 0008 居家养老服务 government-purchased home care: providers (shared with canteens and 平安钟
-- operators by `kind`), the service catalogue, enrolments, work orders with photos, return visits
-- and monthly settlements per provider.

-- a provider's account (role provider) is bound to one provider; NULL for every other role
ALTER TABLE accounts ADD COLUMN provider_id BIGINT;

CREATE TABLE providers (
    id                  BIGINT PRIMARY KEY,
    name                TEXT NOT NULL,
    -- home_care | canteen | emergency_call | institution
    kind                TEXT NOT NULL,
    -- 统一社会信用代码 (18 characters)
    credit_code         TEXT NOT NULL,
    -- the service area: a town or the district; dispatch to a provider serving the elder's region
    region_code         TEXT NOT NULL,
    contact             TEXT NOT NULL,
    phone               TEXT NOT NULL,
    qualification       TEXT NOT NULL,
    qualification_until TEXT,
    contract_no         TEXT NOT NULL,
    contract_start      TEXT NOT NULL,
    contract_end        TEXT NOT NULL,
    -- active | suspended | ended
    status              TEXT NOT NULL,
    version             BIGINT NOT NULL,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX providers_credit_kind ON providers (credit_code, kind);
CREATE INDEX providers_region ON providers (region_code, id);

-- 服务项目目录 the catalogue, one for the district
CREATE TABLE service_items (
    id         BIGINT PRIMARY KEY,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    -- 次, 小时, 餐 …
    unit       TEXT NOT NULL,
    price      BIGINT NOT NULL,
    minutes    BIGINT NOT NULL,
    active     BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX service_items_code ON service_items (code);

CREATE TABLE homecare_enrolments (
    id                BIGINT PRIMARY KEY,
    person_id         BIGINT NOT NULL,
    -- the elder's residence (village) at enrolment
    region_code       TEXT NOT NULL,
    provider_id       BIGINT NOT NULL,
    -- active | ended
    status            TEXT NOT NULL,
    -- fen per month at enrolment (homecare.monthly_allowance); settlement looks it up per month
    monthly_allowance BIGINT NOT NULL,
    -- JSON list of bases (dibao, tekun, low_income, centenarian, childless_veteran)
    basis             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    -- the ParamUse of the allowance (JSON)
    params            TEXT NOT NULL,
    start_month       TEXT NOT NULL,
    end_month         TEXT,
    end_reason        TEXT,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX homecare_enrolments_person ON homecare_enrolments (person_id, status);
-- one active enrolment per elder
CREATE UNIQUE INDEX homecare_enrolments_active ON homecare_enrolments (person_id) WHERE status = 'active';
CREATE INDEX homecare_enrolments_region ON homecare_enrolments (region_code, id);
CREATE INDEX homecare_enrolments_provider ON homecare_enrolments (provider_id, status);

-- 服务工单
CREATE TABLE work_orders (
    id              BIGINT PRIMARY KEY,
    enrolment_id    BIGINT NOT NULL,
    person_id       BIGINT NOT NULL,
    region_code     TEXT NOT NULL,
    provider_id     BIGINT NOT NULL,
    item_id         BIGINT NOT NULL,
    item_name       TEXT NOT NULL,
    unit            TEXT NOT NULL,
    units           BIGINT NOT NULL,
    unit_price      BIGINT NOT NULL,
    amount          BIGINT NOT NULL,
    scheduled_on    TEXT NOT NULL,
    note            TEXT NOT NULL,
    -- dispatched | started | done | confirmed | cancelled
    status          TEXT NOT NULL,
    worker          TEXT,
    started_at      TEXT,
    start_lat       DOUBLE PRECISION,
    start_lng       DOUBLE PRECISION,
    start_place     TEXT,
    ended_at        TEXT,
    end_lat         DOUBLE PRECISION,
    end_lng         DOUBLE PRECISION,
    end_place       TEXT,
    service_note    TEXT,
    confirmed_by    TEXT,
    confirmer_relation TEXT,
    confirmed_at    TEXT,
    -- who recorded the confirmation (the worker's or officer's account)
    confirm_recorded_by TEXT,
    cancel_reason   TEXT,
    dispatched_by   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX work_orders_region ON work_orders (region_code, scheduled_on);
CREATE INDEX work_orders_provider ON work_orders (provider_id, scheduled_on);
CREATE INDEX work_orders_person ON work_orders (person_id, scheduled_on);

CREATE TABLE work_order_photos (
    id           BIGINT PRIMARY KEY,
    order_id     BIGINT NOT NULL,
    region_code  TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    content      TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX work_order_photos_order ON work_order_photos (order_id);

-- 回访 quality return visits by the town
CREATE TABLE return_visits (
    id           BIGINT PRIMARY KEY,
    order_id     BIGINT NOT NULL,
    region_code  TEXT NOT NULL,
    satisfaction BIGINT NOT NULL,
    note         TEXT NOT NULL,
    visitor      TEXT NOT NULL,
    visited_on   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX return_visits_order ON return_visits (order_id);
CREATE INDEX return_visits_region ON return_visits (region_code, visited_on);

-- a provider's month, settled once
CREATE TABLE homecare_settlements (
    id                 BIGINT PRIMARY KEY,
    provider_id        BIGINT NOT NULL,
    month              TEXT NOT NULL,
    rule               TEXT NOT NULL,
    elders             BIGINT NOT NULL,
    confirmed_orders   BIGINT NOT NULL,
    confirmed_amount   BIGINT NOT NULL,
    unconfirmed_orders BIGINT NOT NULL,
    unconfirmed_amount BIGINT NOT NULL,
    payable            BIGINT NOT NULL,
    excess             BIGINT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX homecare_settlements_month ON homecare_settlements (provider_id, month);

CREATE TABLE homecare_settlement_lines (
    id                 BIGINT PRIMARY KEY,
    settlement_id      BIGINT NOT NULL,
    provider_id        BIGINT NOT NULL,
    month              TEXT NOT NULL,
    person_id          BIGINT NOT NULL,
    name               TEXT NOT NULL,
    region_code        TEXT NOT NULL,
    confirmed_orders   BIGINT NOT NULL,
    confirmed_amount   BIGINT NOT NULL,
    unconfirmed_orders BIGINT NOT NULL,
    unconfirmed_amount BIGINT NOT NULL,
    allowance          BIGINT NOT NULL,
    paid_elsewhere     BIGINT NOT NULL,
    payable            BIGINT NOT NULL,
    excess             BIGINT NOT NULL,
    -- JSON list of the confirmed orders settled
    order_ids          TEXT NOT NULL,
    explanation_zh     TEXT NOT NULL,
    explanation_en     TEXT NOT NULL,
    -- JSON list of ParamUse
    params             TEXT NOT NULL
);
CREATE INDEX homecare_settlement_lines_settlement ON homecare_settlement_lines (settlement_id);
CREATE INDEX homecare_settlement_lines_person ON homecare_settlement_lines (person_id, month);
