//! 公开账本 the charity's hash-chained ledger as stored: appending inside the write's transaction,
//! reading entries, publishing each finished day's checkpoint, and the verification that names the
//! first entry (or business row) that no longer matches.
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::charity::kinds::{LedgerKind, VerificationStatus};
use minzheng_core::charity::ledger::{self as core, Checkpoint, ChainBreak, Entry, GENESIS_HASH, InclusionProof, StoredEntry, canonical_json};
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Backend, Result, Store, StoreError, Tx};
use crate::row::record;

record! {
    /// One entry as stored; `payload` is the canonical JSON text (decoded for display by the caller).
    #[derive(Clone, Debug, Serialize)]
    pub struct LedgerRecord(r) {
        pub seq: i64,
        pub day: NaiveDate,
        pub kind: LedgerKind,
        pub amount_fen: i64,
        pub payload: String,
        pub prev_hash: String,
        pub hash: String,
    }
}

impl LedgerRecord {
    pub fn stored(&self) -> StoredEntry {
        StoredEntry {
            entry: Entry { seq: self.seq, day: self.day, kind: self.kind.as_str().to_owned(), amount_fen: self.amount_fen, payload: self.payload.clone(), prev_hash: self.prev_hash.clone() },
            hash: self.hash.clone(),
        }
    }
}


record! {
    /// A published checkpoint: the day's Merkle root, and the chain's head at the day's end (so the
    /// checkpoint also pins every earlier day).
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct CheckpointRecord(r) {
        pub day: NaiveDate,
        pub tree_size: i64,
        pub root: String,
        pub first_seq: i64,
        pub last_seq: i64,
        pub chain_head: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}


record! {
    /// A verification: running with its progress, or its outcome.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct VerificationRecord(r) {
        pub id: i64,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub ran_at: DateTime<Utc>,
        #[serde(serialize_with = "minzheng_core::date::stamp::opt")]
        pub finished_at: Option<DateTime<Utc>>,
        pub status: VerificationStatus,
        pub progress: i64,
        pub total: i64,
        pub entries: i64,
        pub checkpoints: i64,
        pub ok: bool,
        pub break_seq: i64,
        pub break_kind: String,
        pub message_zh: String,
        pub message_en: String,
        pub ran_by: String,
    }
}


/// The first problem a verification found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub seq: i64,
    pub kind: &'static str,
    pub zh: String,
    pub en: String,
}

impl From<ChainBreak> for Problem {
    fn from(b: ChainBreak) -> Self {
        let kind = match b {
            ChainBreak::Changed { .. } => "changed",
            ChainBreak::Deleted { .. } => "deleted",
            ChainBreak::Unlinked { .. } => "unlinked",
            ChainBreak::OutOfOrder { .. } => "out_of_order",
        };
        Problem { seq: b.seq(), kind, zh: b.message_zh(), en: b.to_string() }
    }
}

/// Entries (and rows) read per round trip when verifying.
const CHUNK: i64 = 20_000;

impl Store {
    /// Serialises the charity's writes (pools, ledger) until the transaction ends. On SQLite every
    /// write transaction is already exclusive.
    pub async fn charity_lock(&self, tx: &mut Tx) -> Result<()> {
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7270020)").execute(&mut *tx.tx).await?;
        }
        Ok(())
    }

    /// Appends an entry inside the caller's transaction (which holds `charity_lock`).
    pub async fn charity_append(&self, tx: &mut Tx, day: NaiveDate, kind: LedgerKind, amount_fen: i64, payload: &serde_json::Value) -> Result<LedgerRecord> {
        let mut out = self.charity_append_many(tx, day, &[(kind, amount_fen, payload.clone())]).await?;
        Ok(out.remove(0))
    }

    /// Appends entries in order, chained, inside the caller's transaction (which holds
    /// `charity_lock`). Entries only move forward in time, and a day whose checkpoint is published
    /// is closed.
    pub async fn charity_append_many(&self, tx: &mut Tx, day: NaiveDate, items: &[(LedgerKind, i64, serde_json::Value)]) -> Result<Vec<LedgerRecord>> {
        let last = sqlx::query("SELECT seq, day, hash FROM charity_ledger ORDER BY seq DESC LIMIT 1").fetch_optional(&mut *tx.tx).await?;
        let (mut seq, mut prev_hash) = match &last {
            Some(r) => (r.try_get::<i64, _>("seq")?, r.try_get::<String, _>("hash")?),
            None => (0, GENESIS_HASH.to_owned()),
        };
        let day_text = day.format("%Y-%m-%d").to_string();
        if let Some(r) = &last {
            let last_day: String = r.try_get("day")?;
            if day_text < last_day {
                return Err(StoreError::conflict("day", format!("账本只能按日期顺序追加：最后一条记在 {last_day}"), format!("the ledger only moves forward: its last entry is of {last_day}")));
            }
        }
        let closed: Option<String> = sqlx::query_scalar("SELECT day FROM charity_checkpoints WHERE day >= $1 LIMIT 1").bind(day_text.clone()).fetch_optional(&mut *tx.tx).await?;
        if let Some(c) = closed {
            return Err(StoreError::conflict("day", format!("{c} 的校验点已发布，不能再记入该日及之前"), format!("the checkpoint of {c} is published; that day is closed")));
        }
        let mut out = Vec::with_capacity(items.len());
        for (kind, amount_fen, payload) in items {
            seq += 1;
            let entry = Entry { seq, day, kind: kind.as_str().to_owned(), amount_fen: *amount_fen, payload: canonical_json(payload), prev_hash: prev_hash.clone() };
            let hash = entry.entry_hash();
            prev_hash.clone_from(&hash);
            out.push(LedgerRecord { seq, day, kind: *kind, amount_fen: *amount_fen, payload: entry.payload, prev_hash: entry.prev_hash, hash });
        }
        for chunk in out.chunks(crate::registry::persons::ROWS_PER_STATEMENT_PARAMS / 7) {
            let mut sql = Sql::bulk("INSERT INTO charity_ledger (seq, day, kind, amount_fen, payload, prev_hash, hash) VALUES ", self.backend());
            for (i, e) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(e.seq).push(", ").bind(e.day.to_string()).push(", ").bind(e.kind.as_str().to_owned()).push(", ").bind(e.amount_fen);
                sql.push(", ").bind(e.payload.clone()).push(", ").bind(e.prev_hash.clone()).push(", ").bind(e.hash.clone()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        Ok(out)
    }

    pub async fn charity_ledger_entry(&self, seq: i64) -> Result<LedgerRecord> {
        let r = sqlx::query("SELECT * FROM charity_ledger WHERE seq = $1").bind(seq).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        LedgerRecord::from_row(&r)
    }

    /// Entries newest first, optionally of one day or kind.
    pub async fn charity_ledger_page(&self, day: Option<NaiveDate>, kind: Option<LedgerKind>, paging: Paging) -> Result<Page<LedgerRecord>> {
        let push = |sql: &mut crate::sql::Sql| {
            if let Some(d) = day {
                sql.push(" AND day = ").bind(d.to_string());
            }
            if let Some(k) = kind {
                sql.push(" AND kind = ").bind(k.as_str().to_owned());
            }
        };
        self.page_of(" FROM charity_ledger WHERE 1 = 1", "SELECT * FROM charity_ledger WHERE 1 = 1", push, "seq DESC", paging, LedgerRecord::from_row).await
    }

    /// The stored hashes of a day's entries in `seq` order (what its Merkle tree is built from).
    async fn charity_day_hashes(&self, day: &str) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query("SELECT seq, hash FROM charity_ledger WHERE day = $1 ORDER BY seq").bind(day.to_owned()).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("seq")?, r.try_get("hash")?))).collect()
    }

    /// Publishes the checkpoint of every day before `today` that has entries and none yet, oldest
    /// first. Returns what was published.
    pub async fn charity_publish_checkpoints(&self, today: NaiveDate) -> Result<Vec<CheckpointRecord>> {
        let today_text = today.format("%Y-%m-%d").to_string();
        let days: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT l.day FROM charity_ledger l WHERE l.day < $1 AND NOT EXISTS (SELECT 1 FROM charity_checkpoints c WHERE c.day = l.day) ORDER BY l.day",
        )
        .bind(today_text)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for day in days {
            let hashes = self.charity_day_hashes(&day).await?;
            let leaves = hashes.iter().map(|(seq, h)| core::entry_leaf(h).ok_or_else(|| StoreError::Corrupt(format!("charity_ledger {seq}: hash {h:?}")))).collect::<Result<Vec<_>>>()?;
            let (Some(first), Some(last)) = (hashes.first(), hashes.last()) else { continue };
            let rec = CheckpointRecord {
                day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(format!("charity_ledger.day {day}: {e}")))?,
                tree_size: leaves.len() as i64,
                root: core::hash_hex(&core::merkle_root(&leaves)),
                first_seq: first.0,
                last_seq: last.0,
                chain_head: last.1.clone(),
                created_at: Utc::now(),
            };
            let mut tx = self.begin().await?;
            self.charity_lock(&mut tx).await?;
            sqlx::query("INSERT INTO charity_checkpoints (day, tree_size, root, first_seq, last_seq, chain_head, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(rec.day.to_string())
                .bind(rec.tree_size)
                .bind(rec.root.clone())
                .bind(rec.first_seq)
                .bind(rec.last_seq)
                .bind(rec.chain_head.clone())
                .bind(crate::fmt_time(rec.created_at))
                .execute(&mut *tx.tx)
                .await?;
            tx.commit().await?;
            out.push(rec);
        }
        Ok(out)
    }

    pub async fn charity_checkpoint(&self, day: NaiveDate) -> Result<Option<CheckpointRecord>> {
        sqlx::query("SELECT * FROM charity_checkpoints WHERE day = $1").bind(day.to_string()).fetch_optional(&self.pool).await?.as_ref().map(CheckpointRecord::from_row).transpose()
    }

    /// The latest checkpoints, newest first.
    pub async fn charity_checkpoints(&self, limit: i64) -> Result<Vec<CheckpointRecord>> {
        sqlx::query("SELECT * FROM charity_checkpoints ORDER BY day DESC LIMIT $1").bind(limit).fetch_all(&self.pool).await?.iter().map(CheckpointRecord::from_row).collect()
    }

    /// The inclusion proof of entry `seq` in its day's published checkpoint; `None` while that
    /// day's checkpoint is not yet published.
    pub async fn charity_inclusion_proof(&self, seq: i64) -> Result<Option<(InclusionProof, CheckpointRecord)>> {
        let entry = self.charity_ledger_entry(seq).await?;
        let Some(cp) = self.charity_checkpoint(entry.day).await? else { return Ok(None) };
        let rows = sqlx::query("SELECT * FROM charity_ledger WHERE day = $1 ORDER BY seq").bind(entry.day.to_string()).fetch_all(&self.pool).await?;
        let entries = rows.iter().map(|r| LedgerRecord::from_row(r).map(|e| e.stored())).collect::<Result<Vec<_>>>()?;
        Ok(InclusionProof::build(seq, &entries).map(|p| (p, cp)))
    }

    /// Starts a verification: recorded as running, with its total (entries + donation and
    /// allocation rows); `charity_run_verification` does the work.
    pub async fn charity_start_verification(&self, ran_by: &str) -> Result<VerificationRecord> {
        let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charity_ledger").fetch_one(&self.pool).await?;
        let rows: i64 = sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM charity_donations) + (SELECT COUNT(*) FROM charity_allocations)").fetch_one(&self.pool).await?;
        let mut tx = self.begin().await?;
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO charity_verifications (id, ran_at, finished_at, status, progress, total, entries, checkpoints, ok, break_seq, break_kind, message_zh, message_en, ran_by) \
             VALUES ($1, $2, NULL, 'running', 0, $3, $4, 0, 0, 0, '', '', '', $5)",
        )
        .bind(id)
        .bind(now)
        .bind(entries + rows)
        .bind(entries)
        .bind(ran_by.to_owned())
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        self.charity_verification(id).await
    }

    /// Starts and runs a verification to its end (the CLI and the daily job); `progress` gets
    /// (checked, total).
    pub async fn charity_verify(&self, ran_by: &str, progress: impl FnMut(u64, u64)) -> Result<VerificationRecord> {
        let v = self.charity_start_verification(ran_by).await?;
        self.charity_run_verification(v.id, progress).await
    }

    /// Runs a started verification and records its outcome (`failed` on an error): the chain entry
    /// by entry, every published checkpoint against the entries of its day (root, size, chain
    /// head), and every donation and allocation against the entry that recorded it (each row's
    /// payload recomputed). Progress is stored as it goes.
    pub async fn charity_run_verification(&self, id: i64, mut progress: impl FnMut(u64, u64)) -> Result<VerificationRecord> {
        let v = self.charity_verification(id).await?;
        let total = v.total.max(0) as u64;
        let mut report = |done: u64| {
            progress(done, total);
            let store = self.clone();
            async move { store.charity_verification_progress(id, done as i64).await }
        };
        match self.charity_check(&mut report).await {
            Ok((p, entries, checkpoints)) => {
                let p = p.unwrap_or(Problem { seq: 0, kind: "", zh: format!("账本 {entries} 条、校验点 {checkpoints} 个、捐赠和拨付记录全部核验一致"), en: format!("all {entries} entries, {checkpoints} checkpoints and every row verify") });
                sqlx::query(
                    "UPDATE charity_verifications SET status = 'done', finished_at = $1, progress = total, entries = $2, checkpoints = $3, ok = $4, break_seq = $5, break_kind = $6, message_zh = $7, message_en = $8 WHERE id = $9",
                )
                .bind(crate::now())
                .bind(entries)
                .bind(checkpoints)
                .bind(crate::flag(p.kind.is_empty()))
                .bind(p.seq)
                .bind(p.kind.to_owned())
                .bind(p.zh)
                .bind(p.en)
                .bind(id)
                .execute(&self.pool)
                .await?;
                self.charity_verification(id).await
            }
            Err(e) => {
                let _ = sqlx::query("UPDATE charity_verifications SET status = 'failed', finished_at = $1, message_zh = $2, message_en = $3 WHERE id = $4")
                    .bind(crate::now())
                    .bind("校验中断：".to_owned() + &e.to_string())
                    .bind(e.to_string())
                    .bind(id)
                    .execute(&self.pool)
                    .await;
                Err(e)
            }
        }
    }

    async fn charity_verification_progress(&self, id: i64, done: i64) -> Result<()> {
        sqlx::query("UPDATE charity_verifications SET progress = $1 WHERE id = $2").bind(done).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Marks verifications a stopped server left running as failed (at start-up).
    /// One verification whose job was interrupted is marked failed, as the job is.
    pub async fn fail_interrupted_charity_verification(&self, id: i64) -> Result<u64> {
        let r = sqlx::query("UPDATE charity_verifications SET status = 'failed', finished_at = $1, message_zh = '校验因服务停止而中断', message_en = 'interrupted by a server stop' WHERE id = $2 AND status = 'running'")
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    pub async fn fail_interrupted_charity_verifications(&self) -> Result<u64> {
        let r = sqlx::query("UPDATE charity_verifications SET status = 'failed', finished_at = $1, message_zh = '校验因服务停止而中断', message_en = 'interrupted by a server stop' WHERE status = 'running'")
            .bind(crate::now())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    pub async fn charity_verification(&self, id: i64) -> Result<VerificationRecord> {
        VerificationRecord::from_row(&sqlx::query("SELECT * FROM charity_verifications WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// The latest finished verification (what the portal shows).
    pub async fn charity_latest_verification(&self) -> Result<Option<VerificationRecord>> {
        sqlx::query("SELECT * FROM charity_verifications WHERE status = 'done' ORDER BY id DESC LIMIT 1").fetch_optional(&self.pool).await?.as_ref().map(VerificationRecord::from_row).transpose()
    }

    /// The first problem (if any), the entries read and the checkpoints compared.
    async fn charity_check<F, Fut>(&self, report: &mut F) -> Result<(Option<Problem>, i64, i64)>
    where
        F: FnMut(u64) -> Fut,
        Fut: std::future::Future<Output = Result<()>>,
    {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charity_ledger").fetch_one(&self.pool).await?;
        let checkpoints: Vec<CheckpointRecord> = sqlx::query("SELECT * FROM charity_checkpoints ORDER BY day").fetch_all(&self.pool).await?.iter().map(CheckpointRecord::from_row).collect::<Result<_>>()?;
        let n_checkpoints = checkpoints.len() as i64;
        let mut after: Option<(i64, String)> = None;
        let mut checked = 0u64;
        // the current day's leaves, compared with its checkpoint when the day ends
        let mut day: Option<(String, Vec<core::Hash>, i64, i64, String)> = None;
        let mut days_seen: Vec<(String, Vec<core::Hash>, i64, i64, String)> = Vec::new();
        loop {
            let from = after.as_ref().map_or(0, |a| a.0);
            let rows = sqlx::query("SELECT * FROM charity_ledger WHERE seq > $1 ORDER BY seq LIMIT $2").bind(from).bind(CHUNK).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            let entries = rows.iter().map(|r| LedgerRecord::from_row(r).map(|e| e.stored())).collect::<Result<Vec<_>>>()?;
            if let Err(b) = core::verify_chain_after(after.as_ref().map(|(s, h)| (*s, h.as_str())), &entries) {
                return Ok((Some(b.into()), total, n_checkpoints));
            }
            for e in &entries {
                let d = e.entry.day.format("%Y-%m-%d").to_string();
                let leaf = e.leaf().ok_or_else(|| StoreError::Corrupt(format!("charity_ledger {}: hash", e.entry.seq)))?;
                match &mut day {
                    Some((cur, leaves, _, last, head)) if *cur == d => {
                        leaves.push(leaf);
                        *last = e.entry.seq;
                        head.clone_from(&e.hash);
                    }
                    _ => {
                        if let Some(done) = day.take() {
                            days_seen.push(done);
                        }
                        day = Some((d, vec![leaf], e.entry.seq, e.entry.seq, e.hash.clone()));
                    }
                }
            }
            let last = entries.last().expect("non-empty");
            after = Some((last.entry.seq, last.hash.clone()));
            checked += entries.len() as u64;
            report(checked).await?;
            // a finished day's leaves are dropped once compared
            for (d, leaves, first, last, head) in days_seen.drain(..) {
                if let Some(p) = compare_day(&checkpoints, &d, &leaves, first, last, &head) {
                    return Ok((Some(p), total, n_checkpoints));
                }
            }
        }
        if let Some((d, leaves, first, last, head)) = day.take()
            && let Some(p) = compare_day(&checkpoints, &d, &leaves, first, last, &head)
        {
            return Ok((Some(p), total, n_checkpoints));
        }
        // a published day with no entries left at all
        let days: Vec<String> = sqlx::query_scalar("SELECT c.day FROM charity_checkpoints c WHERE NOT EXISTS (SELECT 1 FROM charity_ledger l WHERE l.day = c.day) ORDER BY c.day LIMIT 1").fetch_all(&self.pool).await?;
        if let Some(d) = days.first() {
            let cp = checkpoints.iter().find(|c| c.day.to_string() == *d).expect("listed");
            let p = Problem { seq: cp.first_seq, kind: "deleted", zh: format!("{d} 的账本条目（第 {}–{} 条）全部缺失，与已发布校验点不符", cp.first_seq, cp.last_seq), en: format!("every entry of {d} (seq {}–{}) is missing; the published checkpoint no longer matches", cp.first_seq, cp.last_seq) };
            return Ok((Some(p), total, n_checkpoints));
        }
        let p = self.charity_check_rows(checked, report).await?;
        Ok((p, total, n_checkpoints))
    }

    pub async fn charity_verifications(&self, limit: i64) -> Result<Vec<VerificationRecord>> {
        sqlx::query("SELECT * FROM charity_verifications ORDER BY id DESC LIMIT $1").bind(limit).fetch_all(&self.pool).await?.iter().map(VerificationRecord::from_row).collect()
    }
}

/// A day's entries against its published checkpoint (if any).
fn compare_day(checkpoints: &[CheckpointRecord], day: &str, leaves: &[core::Hash], first: i64, last: i64, head: &str) -> Option<Problem> {
    let cp = checkpoints.iter().find(|c| c.day.to_string() == day)?;
    let root = core::hash_hex(&core::merkle_root(leaves));
    let published = Checkpoint { day: cp.day, tree_size: cp.tree_size as u64, root: cp.root.clone() };
    if published.tree_size != leaves.len() as u64 || cp.first_seq != first || cp.last_seq != last {
        return Some(Problem {
            seq: if cp.last_seq != last { last.min(cp.last_seq) } else { first },
            kind: "checkpoint",
            zh: format!("{day} 的条目数为 {}（第 {first}–{last} 条），已发布校验点为 {} 条（第 {}–{} 条）", leaves.len(), cp.tree_size, cp.first_seq, cp.last_seq),
            en: format!("{day} has {} entries ({first}–{last}); its published checkpoint has {} ({}–{})", leaves.len(), cp.tree_size, cp.first_seq, cp.last_seq),
        });
    }
    if !root.eq_ignore_ascii_case(&published.root) || head != cp.chain_head {
        return Some(Problem {
            seq: first,
            kind: "checkpoint",
            zh: format!("{day} 的条目与已发布的校验点不符（根哈希 {}… ≠ {}…）", &root[..12], &cp.root[..12.min(cp.root.len())]),
            en: format!("the entries of {day} no longer match its published checkpoint"),
        });
    }
    None
}
