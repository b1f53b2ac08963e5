//! 审计日志 the append-only, hash-chained audit log. Each entry's hash covers its fields and the
//! previous entry's hash, so a changed, removed or reordered entry breaks the chain at that point.
use minzheng_core::audit::{ChainBreak, Chained, ChainVerifier, GENESIS_HASH, entry_hash};
use minzheng_core::registry::region::RegionCode;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Backend, Result, Scope, Store, Tx};
use crate::row::record;

/// What happened, by whom, to which record, from where.
///
/// Every entry has a region (a `RegionCode`, never empty): the auditor's list and export are
/// limited to the auditor's region subtree, so an entry without one would be counted by `verify`
/// and shown nowhere. Work of the system itself (the command line, the demo loader) is the
/// district's: `Store::system_region`.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub region_code: RegionCode,
    pub ip: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
}

impl AuditFilter {
    /// Appends ` AND …` conditions (scope and filters).
    fn push_where(&self, sql: &mut Sql, scope: &Scope) {
        match scope.root() {
            // entries written before every entry had a region (the command line's, with an empty
            // one) cannot be given one without breaking the chain: they are the system's, shown to
            // the auditors of a district (or wider) scope
            Some(root) if root.level() <= minzheng_core::registry::region::RegionLevel::County => {
                sql.push(" AND (region_code = '' OR (1 = 1");
                scope.and_filter(sql, "region_code");
                sql.push("))");
            }
            _ => scope.and_filter(sql, "region_code"),
        }
        if let Some(a) = &self.actor {
            sql.push(" AND actor = ").bind(a.clone());
        }
        if let Some(a) = &self.action {
            sql.push(" AND action = ").bind(a.clone());
        }
        if let Some(a) = &self.entity {
            sql.push(" AND entity = ").bind(a.clone());
        }
    }
}

record! {
    /// One entry as stored. Its fields are the text exactly as stored, not typed values: the hash
    /// covers that text, so an entry changed behind the platform's back (a region that is no code,
    /// an `at` that is no time) must still be read, and found broken by [`ChainVerifier`], rather
    /// than fail to decode. The region is empty for the command line's entries of before every
    /// entry had one.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AuditView))]
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct AuditRecord(r) {
        pub seq: i64,
        /// RFC 3339 UTC timestamp, hashed exactly as stored.
        pub at: String,
        pub actor: String,
        pub action: String,
        pub entity: String,
        pub entity_id: String,
        pub region_code: String,
        pub ip: String,
        pub detail: String,
        pub prev_hash: String,
        pub hash: String,
    }
}

impl Chained for AuditRecord {
    fn seq(&self) -> i64 {
        self.seq
    }
    fn prev_hash(&self) -> &str {
        &self.prev_hash
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn compute_hash(&self) -> String {
        entry_hash(&self.prev_hash, self.seq, &self.at, &self.actor, &self.action, &self.entity, &self.entity_id, &self.region_code, &self.ip, &self.detail)
    }
}

const AUDIT_COLUMNS: &str = "seq, at, actor, action, entity, entity_id, region_code, ip, detail, prev_hash, hash";

/// Outcome of a full verification of the chain.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditVerification {
    pub ok: bool,
    pub entries: u64,
    pub first_broken: Option<ChainBreakView>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChainBreakView {
    pub seq: i64,
    pub reason: String,
}

impl From<ChainBreak> for ChainBreakView {
    fn from(b: ChainBreak) -> Self {
        ChainBreakView { seq: b.seq, reason: b.reason }
    }
}

impl Store {
    /// Appends an entry inside the caller's transaction, so the record of a write commits or rolls
    /// back with the write itself.
    pub async fn audit(&self, tx: &mut Tx, e: &AuditEntry) -> Result<i64> {
        if self.backend() == Backend::Postgres {
            // one appender at a time across all processes, until this transaction ends
            sqlx::query("SELECT pg_advisory_xact_lock(7270010)").execute(&mut *tx.tx).await?;
        }
        let last = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetch_optional(&mut *tx.tx).await?;
        let (seq, prev) = match last {
            Some(row) => (row.try_get::<i64, _>("seq")? + 1, row.try_get::<String, _>("hash")?),
            None => (1, GENESIS_HASH.to_owned()),
        };
        let at = crate::now();
        let hash = entry_hash(&prev, seq, &at, &e.actor, &e.action, &e.entity, &e.entity_id, e.region_code.as_str(), &e.ip, &e.detail);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, region_code, ip, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(seq)
        .bind(at)
        .bind(e.actor.clone())
        .bind(e.action.clone())
        .bind(e.entity.clone())
        .bind(e.entity_id.clone())
        .bind(e.region_code.as_str().to_owned())
        .bind(e.ip.clone())
        .bind(e.detail.clone())
        .bind(prev)
        .bind(hash)
        .execute(&mut *tx.tx)
        .await?;
        Ok(seq)
    }

    /// The district the platform serves, where the system's own work (the command line, the demo
    /// loader) is audited: the registered county-level region (the lowest code if there were
    /// several). Before any region is loaded there is none, and nothing to audit yet: `Invalid`.
    pub async fn system_region(&self) -> Result<RegionCode> {
        let code: Option<String> = sqlx::query_scalar("SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1").fetch_optional(&self.pool).await?;
        let missing = || crate::StoreError::Invalid(minzheng_core::FieldError::new("region", "尚未导入区划（请先导入区县的区划）", "no district is registered yet (load the regions first)"));
        RegionCode::parse(&code.ok_or_else(missing)?).map_err(crate::StoreError::Invalid)
    }

    /// Appends an entry in a transaction of its own (reads, logins, exports).
    pub async fn audit_now(&self, e: &AuditEntry) -> Result<i64> {
        let mut tx = self.begin().await?;
        let seq = self.audit(&mut tx, e).await?;
        tx.commit().await?;
        Ok(seq)
    }

    /// Streams the matching entries, newest first, in pages (for exports).
    pub async fn for_each_audit<F>(&self, scope: &Scope, filter: &AuditFilter, mut sink: F) -> Result<u64>
    where
        F: FnMut(AuditRecord) -> Result<()>,
    {
        let mut before = i64::MAX;
        let mut n = 0;
        loop {
            let mut sql = Sql::new(&format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq < "));
            sql.bind(before);
            filter.push_where(&mut sql, scope);
            sql.push(" ORDER BY seq DESC LIMIT 5000");
            let rows = sql.query().fetch_all(&self.pool).await?;
            for row in &rows {
                let r = AuditRecord::from_row(row)?;
                before = r.seq;
                sink(r)?;
                n += 1;
            }
            if rows.len() < 5000 {
                return Ok(n);
            }
        }
    }

    pub async fn list_audit(&self, scope: &Scope, filter: &AuditFilter, paging: Paging) -> Result<Page<AuditRecord>> {
        let push_where = |sql: &mut Sql| {
            sql.push(" WHERE 1 = 1");
            filter.push_where(sql, scope);
        };
        let mut count = Sql::new("SELECT COUNT(*) FROM audit_log");
        push_where(&mut count);
        let total: i64 = count.query_scalar().fetch_one(&self.pool).await?;
        let mut sql = Sql::new(&format!("SELECT {AUDIT_COLUMNS} FROM audit_log"));
        push_where(&mut sql);
        sql.push(" ORDER BY seq DESC LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        Ok(Page { items: rows.iter().map(AuditRecord::from_row).collect::<Result<_>>()?, total, total_exact: true, page: paging.page, page_size: paging.page_size })
    }

    /// Walks the whole chain in seq order, in pages, and reports the first broken link.
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        let mut verifier = ChainVerifier::new();
        let mut after = 0i64;
        loop {
            let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000");
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).fetch_all(&self.pool).await?;
            for row in &rows {
                let r = AuditRecord::from_row(row)?;
                after = r.seq;
                if let Err(b) = verifier.push(&r) {
                    return Ok(AuditVerification { ok: false, entries: verifier.count(), first_broken: Some(b.into()) });
                }
            }
            if rows.len() < 5000 {
                return Ok(AuditVerification { ok: true, entries: verifier.count(), first_broken: None });
            }
        }
    }
}
