-- 0009 平安钟 emergency calls, 长者食堂 elder canteens, 养老机构 institutions and facilities.

-- 平安钟/平安通 a device and who holds it; the register and 事找人 read person_id, region_code, status
CREATE TABLE emergency_devices (
    id           BIGINT PRIMARY KEY,
    serial       TEXT NOT NULL,
    person_id    BIGINT NOT NULL,
    region_code  TEXT NOT NULL,
    -- the operator (a providers row of 0008), without a foreign key
    provider_id  BIGINT,
    kind         TEXT NOT NULL,
    phone        TEXT NOT NULL,
    installed_on TEXT NOT NULL,
    removed_on   TEXT,
    -- active | removed
    status       TEXT NOT NULL,
    -- fen per year, the emergency.annual_fee in force at installation
    annual_fee   BIGINT NOT NULL,
    fee_param    TEXT NOT NULL,
    note         TEXT NOT NULL,
    version      BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX emergency_devices_serial ON emergency_devices (serial);
CREATE INDEX emergency_devices_person ON emergency_devices (person_id, status);
CREATE INDEX emergency_devices_region ON emergency_devices (region_code, id);

-- a call from a device and how it was handled; steps is a JSON list of {step, at, by, note}
CREATE TABLE alarms (
    id              BIGINT PRIMARY KEY,
    device_id       BIGINT NOT NULL,
    person_id       BIGINT NOT NULL,
    region_code     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    raised_at       TEXT NOT NULL,
    acknowledged_at TEXT,
    dispatched_at   TEXT,
    arrived_at      TEXT,
    closed_at       TEXT,
    outcome         TEXT,
    handler         TEXT,
    steps           TEXT NOT NULL,
    status          TEXT NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX alarms_region ON alarms (region_code, raised_at);
CREATE INDEX alarms_status ON alarms (status, raised_at);
CREATE INDEX alarms_device ON alarms (device_id);

CREATE TABLE canteens (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    provider_id BIGINT,
    address     TEXT NOT NULL,
    seats       BIGINT NOT NULL,
    -- fen, the usual price of a meal (a meal may be recorded at another price)
    meal_price  BIGINT NOT NULL,
    -- active | closed
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX canteens_region ON canteens (region_code, id);

-- one meal served, its subsidy computed by the tier rule; explanation is JSON
CREATE TABLE canteen_meals (
    id             BIGINT PRIMARY KEY,
    canteen_id     BIGINT NOT NULL,
    person_id      BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    served_on      TEXT NOT NULL,
    slot           TEXT NOT NULL,
    price          BIGINT NOT NULL,
    subsidy        BIGINT NOT NULL,
    tier           TEXT NOT NULL,
    paid_by_elder  BIGINT NOT NULL,
    explanation    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
-- one subsidised meal per person, day and slot (whatever the canteen)
CREATE UNIQUE INDEX canteen_meals_once ON canteen_meals (person_id, served_on, slot);
CREATE INDEX canteen_meals_canteen ON canteen_meals (canteen_id, served_on);
CREATE INDEX canteen_meals_region ON canteen_meals (region_code, served_on);

-- 月度结算: one per canteen and month, confirmed once; lines is JSON by tier
CREATE TABLE canteen_settlements (
    id             BIGINT PRIMARY KEY,
    canteen_id     BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    month          TEXT NOT NULL,
    meals          BIGINT NOT NULL,
    subsidy_total  BIGINT NOT NULL,
    paid_by_elders BIGINT NOT NULL,
    lines          TEXT NOT NULL,
    confirmed_by   TEXT NOT NULL,
    confirmed_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX canteen_settlements_once ON canteen_settlements (canteen_id, month);

CREATE TABLE institutions (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- nursing_home | day_care | happiness_home | rehab_centre
    kind        TEXT NOT NULL,
    -- public | private | public_private (公建民营)
    ownership   TEXT NOT NULL,
    region_code TEXT NOT NULL,
    provider_id BIGINT,
    beds        BIGINT NOT NULL,
    opened_on   TEXT,
    licence     TEXT NOT NULL,
    address     TEXT NOT NULL,
    -- active | closed
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX institutions_region ON institutions (region_code, id);

-- a stay; the register reads person_id, region_code (the person's), admitted_on, left_on
CREATE TABLE institution_residents (
    id             BIGINT PRIMARY KEY,
    institution_id BIGINT NOT NULL,
    person_id      BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    bed            TEXT NOT NULL,
    -- a member of an active 特困 case when admitted (集中供养)
    tekun          BIGINT NOT NULL,
    admitted_on    TEXT NOT NULL,
    left_on        TEXT,
    leave_reason   TEXT,
    version        BIGINT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX institution_residents_institution ON institution_residents (institution_id, left_on);
CREATE INDEX institution_residents_person ON institution_residents (person_id, left_on);
CREATE INDEX institution_residents_region ON institution_residents (region_code);

-- 建设补贴 (once per institution) and 运营补贴 (per year), computed and recorded
CREATE TABLE institution_subsidies (
    id             BIGINT PRIMARY KEY,
    institution_id BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    year           BIGINT NOT NULL,
    -- construction: 0, so that an institution receives it once whatever the year
    once_key       BIGINT NOT NULL,
    beds           BIGINT NOT NULL,
    resident_days  BIGINT NOT NULL,
    amount         BIGINT NOT NULL,
    explanation    TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX institution_subsidies_once ON institution_subsidies (institution_id, kind, once_key);
