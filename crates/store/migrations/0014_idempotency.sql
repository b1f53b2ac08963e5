-- 0014 幂等键 the Idempotency-Key of the creates that move money or write to the public ledger:
-- one row per (account, key), written in the create's own transaction, so a retried or doubled
-- request finds the first result (or, with another body, a conflict) and creates nothing.
CREATE TABLE idempotency_keys (
    actor        TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    -- sha256 of method, path and the canonical JSON body
    fingerprint  TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    status       BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (actor, idem_key)
);
