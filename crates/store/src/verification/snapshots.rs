//! 数据快照 departmental snapshots: one loaded file of a feed; the newest of each feed is in force.
//!
//! A snapshot is written in one transaction: its records, then the previous snapshot of the feed
//! marked superseded and its records removed. A crash leaves either the old snapshot in force or
//! the new one, never a mixture.
use minzheng_core::verification::{Feed, Record, SnapshotStatus};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::assistance::{json, to_json};
use crate::sql::Sql;
use crate::{Result, Store, StoreError, Tx};
use crate::row::record;

/// A rejected row of a file: its row number (the header is row 1) and the column.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RejectedRow {
    pub row: usize,
    pub column: String,
    pub zh: String,
    pub en: String,
}

/// At most this many rejected rows are kept with a snapshot (the count is kept whole).
pub const REJECTED_KEPT: usize = 200;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SnapshotRecord(r) {
        pub id: i64,
        pub feed: Feed,
        pub as_of: String,
        pub file_name: String,
        pub rows: i64,
        pub rejected_rows: i64,
        pub matched_persons: i64,
        pub registry_persons: i64,
        /// registry persons found in the snapshot, per mille
        pub coverage_permille: i64 = coverage(r)?,
        pub status: SnapshotStatus,
        pub loaded_by: String,
        pub loaded_at: String,
    }
}

/// What a new snapshot is.
pub struct NewSnapshot<'a> {
    pub feed: Feed,
    pub as_of: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub actor: &'a str,
}

fn coverage(r: &AnyRow) -> Result<i64> {
    let (matched, registry): (i64, i64) = (r.try_get("matched_persons")?, r.try_get("registry_persons")?);
    Ok(if registry > 0 { matched * 1000 / registry } else { 0 })
}

const SNAPSHOT_COLUMNS: &str = "id, feed, as_of, file_name, rows, rejected_rows, matched_persons, registry_persons, status, loaded_by, loaded_at";

impl Store {
    /// Starts a snapshot inside `tx`: the row is written as `loading` and becomes `active` in
    /// [`Store::finish_snapshot`].
    pub async fn begin_snapshot(&self, tx: &mut Tx, s: &NewSnapshot<'_>) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO verification_snapshots (id, feed, as_of, file_name, rows, rejected_rows, matched_persons, registry_persons, rejected, sha256, status, loaded_by, loaded_at) \
             VALUES ($1, $2, $3, $4, 0, 0, 0, 0, '[]', $5, 'loading', $6, $7)",
        )
        .bind(id)
        .bind(s.feed.as_str())
        .bind(s.as_of.to_owned())
        .bind(s.file_name.to_owned())
        .bind(s.sha256.to_owned())
        .bind(s.actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// Appends records (`(row number, record)`) to a snapshot being loaded.
    pub async fn insert_records(&self, tx: &mut Tx, snapshot_id: i64, feed: Feed, records: &[(usize, Record)]) -> Result<()> {
        // 11 values a row: 500 rows stay under SQLite's and PostgreSQL's parameter limits
        for chunk in records.chunks(500) {
            let mut sql = Sql::bulk(
                "INSERT INTO verification_records (snapshot_id, seq, feed, id_number, name, reference, category, detail, amount, extra_amount, quantity, on_date) VALUES ",
                self.backend(),
            );
            for (i, (seq, r)) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(snapshot_id).push(", ").bind(*seq as i64).push(", ").bind(feed.as_str().to_owned()).push(", ").bind(r.id_number.clone());
                sql.push(", ").bind(r.name.clone()).push(", ").bind(r.reference.clone()).push(", ").bind(r.category.clone());
                sql.push(", ").bind(r.detail.clone()).push(", ").bind(r.amount).push(", ").bind(r.extra_amount).push(", ").bind(r.quantity);
                sql.push(", ").bind(r.on_date.clone()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        Ok(())
    }

    /// Puts a loaded snapshot in force: counts, coverage against the registry, and the previous
    /// snapshot of the feed superseded with its records removed.
    pub async fn finish_snapshot(&self, tx: &mut Tx, snapshot_id: i64, feed: Feed, rows: usize, rejected: &[RejectedRow]) -> Result<SnapshotRecord> {
        let previous: Vec<i64> = sqlx::query_scalar("SELECT id FROM verification_snapshots WHERE feed = $1 AND status = 'active'")
            .bind(feed.as_str())
            .fetch_all(&mut *tx.tx)
            .await?;
        for id in previous {
            sqlx::query("DELETE FROM verification_records WHERE snapshot_id = $1").bind(id).execute(&mut *tx.tx).await?;
            sqlx::query("UPDATE verification_snapshots SET status = 'superseded' WHERE id = $1").bind(id).execute(&mut *tx.tx).await?;
        }
        let matched: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons p WHERE p.id_number IS NOT NULL AND EXISTS (SELECT 1 FROM verification_records r WHERE r.id_number = p.id_number AND r.snapshot_id = $1)",
        )
        .bind(snapshot_id)
        .fetch_one(&mut *tx.tx)
        .await?;
        let registry: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE id_number IS NOT NULL").fetch_one(&mut *tx.tx).await?;
        let kept: Vec<&RejectedRow> = rejected.iter().take(REJECTED_KEPT).collect();
        sqlx::query(
            "UPDATE verification_snapshots SET rows = $1, rejected_rows = $2, matched_persons = $3, registry_persons = $4, rejected = $5, status = 'active' WHERE id = $6",
        )
        .bind(rows as i64)
        .bind(rejected.len() as i64)
        .bind(matched)
        .bind(registry)
        .bind(to_json(&kept))
        .bind(snapshot_id)
        .execute(&mut *tx.tx)
        .await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {SNAPSHOT_COLUMNS} FROM verification_snapshots WHERE id = $1")))
            .bind(snapshot_id)
            .fetch_one(&mut *tx.tx)
            .await?;
        SnapshotRecord::from_row(&row)
    }

    /// Every snapshot, newest first (active and superseded).
    pub async fn snapshots(&self) -> Result<Vec<SnapshotRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {SNAPSHOT_COLUMNS} FROM verification_snapshots WHERE status <> 'loading' ORDER BY id DESC")))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(SnapshotRecord::from_row).collect()
    }

    /// The snapshots in force, one per feed.
    pub async fn active_snapshots(&self) -> Result<Vec<SnapshotRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {SNAPSHOT_COLUMNS} FROM verification_snapshots WHERE status = 'active' ORDER BY feed")))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(SnapshotRecord::from_row).collect()
    }

    pub async fn snapshot_rejected(&self, id: i64) -> Result<Vec<RejectedRow>> {
        let text: Option<String> = sqlx::query_scalar("SELECT rejected FROM verification_snapshots WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        json(&text.ok_or(StoreError::NotFound)?, "verification_snapshots.rejected")
    }

    /// The records of the snapshots in force for these ID numbers.
    pub async fn records_of(&self, snapshot_ids: &[i64], id_numbers: &[String]) -> Result<Vec<(Feed, Record)>> {
        let mut out = Vec::new();
        if snapshot_ids.is_empty() {
            return Ok(out);
        }
        for chunk in id_numbers.chunks(2000) {
            let mut sql = Sql::bulk(
                "SELECT feed, id_number, name, reference, category, detail, amount, extra_amount, quantity, on_date FROM verification_records WHERE id_number IN ",
                self.backend(),
            );
            sql.bind_list(chunk.iter().cloned());
            sql.push(" AND snapshot_id IN ").bind_list(snapshot_ids.iter().copied());
            for r in sql.query().fetch_all(&self.pool).await? {
                let feed: String = r.try_get(0)?;
                let feed = Feed::parse(&feed).ok_or_else(|| StoreError::Corrupt(format!("unknown feed {feed:?}")))?;
                out.push((
                    feed,
                    Record {
                        id_number: r.try_get(1)?,
                        name: r.try_get(2)?,
                        reference: r.try_get(3)?,
                        category: r.try_get(4)?,
                        detail: r.try_get(5)?,
                        amount: r.try_get(6)?,
                        extra_amount: r.try_get(7)?,
                        quantity: r.try_get(8)?,
                        on_date: r.try_get(9)?,
                    },
                ));
            }
        }
        Ok(out)
    }
}

/// A member of an active case, with the identity departments know him by.
#[derive(Clone, Debug)]
pub struct EnrolledPerson {
    pub case_id: i64,
    pub household_id: i64,
    pub person_id: i64,
    pub id_number: String,
    pub name: String,
    pub birth_date: String,
}

impl Store {
    /// The members of the active cases in a region, in case order (demo and benchmark data).
    pub async fn enrolled_persons(&self, scope: &crate::Scope) -> Result<Vec<EnrolledPerson>> {
        let mut sql = Sql::new(
            "SELECT c.id, c.household_id, p.id, p.id_number, p.name, p.birth_date FROM cases c JOIN case_members m ON m.case_id = c.id \
             JOIN persons p ON p.id = m.person_id WHERE c.status = 'active' AND p.id_number IS NOT NULL",
        );
        scope.and_filter(&mut sql, "c.region_code");
        sql.push(" ORDER BY c.id, p.id");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(EnrolledPerson {
                    case_id: r.try_get(0)?,
                    household_id: r.try_get(1)?,
                    person_id: r.try_get(2)?,
                    id_number: r.try_get(3)?,
                    name: r.try_get(4)?,
                    birth_date: r.try_get(5)?,
                })
            })
            .collect()
    }
}
