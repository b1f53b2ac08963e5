-- 0011 慈善超市 charity supermarket: the catalogue, lots received (donations and purchases), every
-- stock movement, points programmes with their issues and vouchers, redemptions at the counter
-- and the points they drew (rules: core::charity::supermarket, docs/charity-supermarket.md).

-- 商品目录 an item of the catalogue: its points price per unit and a reference value per unit
CREATE TABLE supermarket_items (
    id              BIGINT PRIMARY KEY,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    -- grain_oil | food | daily | clothing | bedding | other
    category        TEXT NOT NULL,
    unit            TEXT NOT NULL,
    points_price    BIGINT NOT NULL,
    unit_value_fen  BIGINT NOT NULL,
    active          BIGINT NOT NULL,
    version         BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX supermarket_items_code ON supermarket_items (code);

-- 入库批次 a lot received: remaining is the running balance of its movements
CREATE TABLE supermarket_lots (
    id              BIGINT PRIMARY KEY,
    item_id         BIGINT NOT NULL,
    -- donation | purchase
    source          TEXT NOT NULL,
    donation_id     BIGINT,
    supplier        TEXT NOT NULL,
    quantity        BIGINT NOT NULL,
    remaining       BIGINT NOT NULL,
    unit_value_fen  BIGINT NOT NULL,
    -- the last day the goods may be handed out; NULL: no date
    expires_on      TEXT,
    received_on     TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX supermarket_lots_item ON supermarket_lots (item_id, remaining);
CREATE INDEX supermarket_lots_donation ON supermarket_lots (donation_id);

-- 库存变动 append-only: a receipt (in), a redemption's take (redeem) or a write-off
CREATE TABLE supermarket_moves (
    id             BIGINT PRIMARY KEY,
    lot_id         BIGINT NOT NULL,
    item_id        BIGINT NOT NULL,
    -- in | redeem | write_off
    kind           TEXT NOT NULL,
    -- the lot's source, for the statement's split
    source         TEXT NOT NULL,
    quantity       BIGINT NOT NULL,
    value_fen      BIGINT NOT NULL,
    -- points paid for the goods (redeem), else 0
    points         BIGINT NOT NULL,
    moved_on       TEXT NOT NULL,
    redemption_id  BIGINT,
    -- write_off: expired | damaged, with the note
    reason         TEXT NOT NULL,
    note           TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX supermarket_moves_on ON supermarket_moves (moved_on, id);
CREATE INDEX supermarket_moves_lot ON supermarket_moves (lot_id, id);
CREATE INDEX supermarket_moves_redemption ON supermarket_moves (redemption_id);

-- 积分项目 a points programme
CREATE TABLE supermarket_programmes (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    -- comma-separated assistance programmes: dibao,tekun,low_income
    eligible      TEXT NOT NULL,
    -- per_household | per_member
    basis         TEXT NOT NULL,
    points        BIGINT NOT NULL,
    valid_months  BIGINT NOT NULL,
    -- active | closed
    status        TEXT NOT NULL,
    note          TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- 发放 one issue run of a programme for a period in a region
CREATE TABLE supermarket_issues (
    id            BIGINT PRIMARY KEY,
    programme_id  BIGINT NOT NULL,
    period        TEXT NOT NULL,
    region_code   TEXT NOT NULL,
    households    BIGINT NOT NULL,
    points        BIGINT NOT NULL,
    already       BIGINT NOT NULL,
    expires_on    TEXT NOT NULL,
    rule          TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX supermarket_issues_programme ON supermarket_issues (programme_id, period);
CREATE INDEX supermarket_issues_region ON supermarket_issues (region_code, id);

-- 积分券 a household's points of one programme and period (at most one)
CREATE TABLE supermarket_vouchers (
    id            BIGINT PRIMARY KEY,
    programme_id  BIGINT NOT NULL,
    issue_id      BIGINT NOT NULL,
    period        TEXT NOT NULL,
    household_id  BIGINT NOT NULL,
    case_id       BIGINT NOT NULL,
    region_code   TEXT NOT NULL,
    head_name     TEXT NOT NULL,
    members       BIGINT NOT NULL,
    points        BIGINT NOT NULL,
    remaining     BIGINT NOT NULL,
    issued_on     TEXT NOT NULL,
    expires_on    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX supermarket_vouchers_once ON supermarket_vouchers (programme_id, period, household_id);
CREATE INDEX supermarket_vouchers_household ON supermarket_vouchers (household_id, expires_on);
CREATE INDEX supermarket_vouchers_region ON supermarket_vouchers (region_code, id);
CREATE INDEX supermarket_vouchers_issued ON supermarket_vouchers (issued_on);
CREATE INDEX supermarket_vouchers_expires ON supermarket_vouchers (expires_on);

-- 兑换 a redemption at the counter; its goods are the redeem moves, its points the draws
CREATE TABLE supermarket_redemptions (
    id            BIGINT PRIMARY KEY,
    household_id  BIGINT NOT NULL,
    region_code   TEXT NOT NULL,
    redeemed_on   TEXT NOT NULL,
    points        BIGINT NOT NULL,
    value_fen     BIGINT NOT NULL,
    note          TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX supermarket_redemptions_region ON supermarket_redemptions (region_code, id);
CREATE INDEX supermarket_redemptions_household ON supermarket_redemptions (household_id, id);
CREATE INDEX supermarket_redemptions_on ON supermarket_redemptions (redeemed_on, id);

-- the points a redemption took from a voucher
CREATE TABLE supermarket_draws (
    id             BIGINT PRIMARY KEY,
    redemption_id  BIGINT NOT NULL,
    voucher_id     BIGINT NOT NULL,
    region_code    TEXT NOT NULL,
    points         BIGINT NOT NULL
);
CREATE INDEX supermarket_draws_redemption ON supermarket_draws (redemption_id);
CREATE INDEX supermarket_draws_voucher ON supermarket_draws (voucher_id);
