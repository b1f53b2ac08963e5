-- 0010 慈善 charity transparency: funds, projects, campaigns, donations, pools, allocations and
-- their draws, the hash-chained public ledger, daily checkpoints and verification results.

-- 基金 a fund of the charity federation
CREATE TABLE charity_funds (
    id          BIGINT PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX charity_funds_code ON charity_funds (code);

-- 慈善项目 a project paid from a fund, with its target and where it works
CREATE TABLE charity_projects (
    id           BIGINT PRIMARY KEY,
    fund_id      BIGINT NOT NULL,
    name         TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    target_fen   BIGINT NOT NULL,
    description  TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT,
    -- open | closed
    status       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX charity_projects_fund ON charity_projects (fund_id, id);

-- 募捐活动 a campaign such as 广东扶贫济困日, with its target
CREATE TABLE charity_campaigns (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    target_fen  BIGINT NOT NULL,
    description TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- 资金池 the money of one designation (kind + value, e.g. project/17, region/440703001000,
-- undesignated/''); balance and unit value as in core::charity::pool
CREATE TABLE charity_pools (
    id                BIGINT PRIMARY KEY,
    designation_kind  TEXT NOT NULL,
    designation_value TEXT NOT NULL,
    balance_fen       BIGINT NOT NULL,
    income_fen        BIGINT NOT NULL,
    spent_fen         BIGINT NOT NULL,
    nav               BIGINT NOT NULL,
    epoch             BIGINT NOT NULL,
    seq               BIGINT NOT NULL
);
CREATE UNIQUE INDEX charity_pools_designation ON charity_pools (designation_kind, designation_value);

-- 捐赠 a donation of money or goods (goods are valued and go to the charity supermarket);
-- pool_* is where a money donation entered its pool, for the proportional trace
CREATE TABLE charity_donations (
    id                BIGINT PRIMARY KEY,
    receipt_code      TEXT NOT NULL,
    -- person | company
    donor_kind        TEXT NOT NULL,
    donor_name        TEXT NOT NULL,
    donor_phone       TEXT NOT NULL,
    anonymous         BIGINT NOT NULL,
    -- money | goods
    form              TEXT NOT NULL,
    amount_fen        BIGINT NOT NULL,
    goods             TEXT NOT NULL,
    designation_kind  TEXT NOT NULL,
    designation_value TEXT NOT NULL,
    -- the fund it counts to (a fund or project designation), else NULL (general)
    fund_id           BIGINT,
    campaign_id       BIGINT,
    channel           TEXT NOT NULL,
    received_on       TEXT NOT NULL,
    note              TEXT NOT NULL,
    pool_id           BIGINT,
    pool_epoch        BIGINT,
    pool_nav          BIGINT,
    pool_seq          BIGINT,
    ledger_seq        BIGINT NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX charity_donations_receipt ON charity_donations (receipt_code);
CREATE INDEX charity_donations_received ON charity_donations (received_on, id);
CREATE INDEX charity_donations_campaign ON charity_donations (campaign_id, id);
CREATE INDEX charity_donations_fund ON charity_donations (fund_id, id);
CREATE INDEX charity_donations_designation ON charity_donations (designation_kind, designation_value);
CREATE INDEX charity_donations_ledger ON charity_donations (ledger_seq);

-- 拨付 an allocation from a fund to a project, a household from the registry, or an organisation
CREATE TABLE charity_allocations (
    id              BIGINT PRIMARY KEY,
    fund_id         BIGINT NOT NULL,
    project_id      BIGINT,
    -- project | household | organisation
    recipient_kind  TEXT NOT NULL,
    household_id    BIGINT,
    recipient_name  TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    categories      TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL,
    purpose         TEXT NOT NULL,
    allocated_on    TEXT NOT NULL,
    ledger_seq      BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX charity_allocations_region ON charity_allocations (region_code, id);
CREATE INDEX charity_allocations_project ON charity_allocations (project_id, id);
CREATE INDEX charity_allocations_fund ON charity_allocations (fund_id, allocated_on);
CREATE INDEX charity_allocations_ledger ON charity_allocations (ledger_seq);

-- an allocation's draw on one pool; nav_delta is the fall of the pool's unit value. The
-- allocation's project and kind of recipient are repeated here, and the pool index covers what a
-- donor's trace reads, so a trace never visits the allocations it sums.
CREATE TABLE charity_draws (
    id             BIGINT PRIMARY KEY,
    allocation_id  BIGINT NOT NULL,
    pool_id        BIGINT NOT NULL,
    epoch          BIGINT NOT NULL,
    seq            BIGINT NOT NULL,
    amount_fen     BIGINT NOT NULL,
    nav_delta      BIGINT NOT NULL,
    project_id     BIGINT,
    recipient_kind TEXT NOT NULL
);
CREATE INDEX charity_draws_pool ON charity_draws (pool_id, epoch, seq, nav_delta, allocation_id, project_id, recipient_kind);
CREATE INDEX charity_draws_allocation ON charity_draws (allocation_id);

-- 公开账本 the append-only public ledger: each entry hashes the previous (core::charity::ledger)
CREATE TABLE charity_ledger (
    seq         BIGINT PRIMARY KEY,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount_fen  BIGINT NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX charity_ledger_day ON charity_ledger (day, seq);

-- 每日校验点 a day's Merkle root over its entries, and the chain's head at the day's end
CREATE TABLE charity_checkpoints (
    day         TEXT PRIMARY KEY,
    tree_size   BIGINT NOT NULL,
    root        TEXT NOT NULL,
    first_seq   BIGINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    chain_head  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- a run of the verification (the CLI, the daily job or the console); the portal shows the latest
-- finished one. progress counts entries and rows checked out of total (entries + rows).
CREATE TABLE charity_verifications (
    id          BIGINT PRIMARY KEY,
    ran_at      TEXT NOT NULL,
    finished_at TEXT,
    -- running | done | failed (the server stopped, or an error)
    status      TEXT NOT NULL,
    progress    BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    entries     BIGINT NOT NULL,
    checkpoints BIGINT NOT NULL,
    ok          BIGINT NOT NULL,
    -- the first problem found: its ledger seq (or 0), kind and message
    break_seq   BIGINT NOT NULL,
    break_kind  TEXT NOT NULL,
    message_zh  TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    ran_by      TEXT NOT NULL
);
CREATE INDEX charity_verifications_status ON charity_verifications (status, id);
