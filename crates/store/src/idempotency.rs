//! 幂等键 Idempotency-Key: the first result of a create, per account and key (migration 0014).
//!
//! A create claims its key as the first write of its transaction and completes the row with the
//! entity it made before committing, so the key and the entity exist together or not at all. A
//! second request of the same key either finds the row, or (running concurrently) waits on the
//! claim: SQLite writers are serialised, and PostgreSQL makes the second insert of a unique key
//! wait for the first transaction and then fail — the caller drops its transaction and replays.
use sqlx::Row;

use crate::{Result, Store, Tx};

/// The field of a conflict over a key claimed by a concurrent request (the request header).
pub const IDEMPOTENCY_FIELD: &str = "Idempotency-Key";

/// A create's key, to claim in its transaction: the account, the key and the request's
/// fingerprint.
#[derive(Clone, Debug)]
pub struct Claim {
    pub actor: String,
    pub key: String,
    pub fingerprint: String,
}

/// What the first request of a key created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyRecord {
    /// sha256 of the first request's method, path and body
    pub fingerprint: String,
    pub entity: String,
    pub entity_id: String,
    /// the HTTP status it was answered with
    pub status: i64,
}

impl Store {
    /// The record of `key` used by `actor`, if any (committed).
    pub async fn idempotency_get(&self, actor: &str, key: &str) -> Result<Option<IdempotencyRecord>> {
        let row = sqlx::query("SELECT fingerprint, entity, entity_id, status FROM idempotency_keys WHERE actor = $1 AND idem_key = $2")
            .bind(actor.to_owned())
            .bind(key.to_owned())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok(IdempotencyRecord { fingerprint: r.try_get(0)?, entity: r.try_get(1)?, entity_id: r.try_get(2)?, status: r.try_get(3)? })).transpose()
    }

    /// Claims `key` for `actor` in the create's transaction. A unique violation
    /// ([`crate::StoreError::is_unique_violation`]) means another request of the key committed
    /// first: drop the transaction and answer that request's result.
    pub async fn idempotency_claim(&self, tx: &mut Tx, actor: &str, key: &str, fingerprint: &str) -> Result<()> {
        sqlx::query("INSERT INTO idempotency_keys (actor, idem_key, fingerprint, entity, entity_id, status, created_at) VALUES ($1, $2, $3, '', '', 0, $4)")
            .bind(actor.to_owned())
            .bind(key.to_owned())
            .bind(fingerprint.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    /// Records what the claimed key created, in the same transaction.
    pub async fn idempotency_complete(&self, tx: &mut Tx, actor: &str, key: &str, entity: &str, entity_id: &str, status: i64) -> Result<()> {
        sqlx::query("UPDATE idempotency_keys SET entity = $1, entity_id = $2, status = $3 WHERE actor = $4 AND idem_key = $5")
            .bind(entity.to_owned())
            .bind(entity_id.to_owned())
            .bind(status)
            .bind(actor.to_owned())
            .bind(key.to_owned())
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }
}
