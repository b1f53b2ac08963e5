//! Persistence for minzheng: one schema and one set of repositories on SQLite and PostgreSQL.
//!
//! Queries are written at run time through sqlx's `Any` driver with `$N` parameters, which both
//! backends accept; the backend is chosen once, from the URL scheme. Every query over records that
//! belong to a place takes a [`Scope`], so a query without the account's region cannot be written.
pub mod accounts;
pub mod assistance;
pub mod audit;
pub mod backup;
mod error;
pub mod idempotency;
pub mod imports;
pub mod jobs;
pub mod migrate;
pub mod page;
pub mod registry;
mod row;
pub mod sql;
pub mod verification;
pub mod version;
pub mod elderly;
pub mod charity;
pub mod plan;

// The old path, so the server and the CLI keep compiling while they are being rewritten; the
// integrator removes it after the merge.

use std::str::FromStr;
use std::sync::Arc;

use minzheng_core::registry::region::RegionCode;
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, ConnectOptions, Transaction};

pub use error::{Result, StoreError};

/// Which database the URL selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The handle to the database.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer; serialising our own writers in-process avoids busy-waiting on the
    /// file lock. Other processes still wait on `busy_timeout`.
    write_lock: Arc<tokio::sync::Mutex<()>>,
}

/// A write transaction. Dropping it without `commit` rolls back.
pub struct Tx {
    pub(crate) tx: Transaction<'static, Any>,
    _guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Reserves `n` consecutive ids inside this transaction.
    pub async fn reserve_ids(&mut self, n: i64) -> Result<std::ops::Range<i64>> {
        let end: i64 = sqlx::query_scalar("UPDATE id_counter SET next_id = next_id + $1 WHERE name = 'global' RETURNING next_id")
            .bind(n)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(end - n..end)
    }

    pub async fn next_id(&mut self) -> Result<i64> {
        Ok(self.reserve_ids(1).await?.start)
    }
}

impl Store {
    /// Connects to `sqlite://FILE` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::BadUrl(url.to_owned()));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") && !url.contains(":memory:") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let sqlite = backend == Backend::Sqlite;
        // sqlx would format every statement for its log, which costs more than running a wide
        // multi-row INSERT; our own tracing covers requests and jobs
        let options = sqlx::any::AnyConnectOptions::from_str(&url)?
            .log_statements(log::LevelFilter::Off)
            .log_slow_statements(log::LevelFilter::Warn, std::time::Duration::from_secs(5));
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 8 } else { 16 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if sqlite {
                        sqlx::raw_sql(
                            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=15000; PRAGMA cache_size=-65536",
                        )
                        .execute(conn)
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store { pool, backend, write_lock: Arc::new(tokio::sync::Mutex::new(())) })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write transaction (`BEGIN IMMEDIATE` on SQLite, so a reader never has to upgrade).
    pub async fn begin(&self) -> Result<Tx> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.write_lock.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx { tx, _guard: Some(guard) })
            }
            Backend::Postgres => Ok(Tx { tx: self.pool.begin().await?, _guard: None }),
        }
    }

    /// Refreshes the planner's statistics, after a bulk load (a fresh PostgreSQL table has none
    /// until autovacuum runs; SQLite has none until asked).
    pub async fn analyze(&self) -> Result<()> {
        sqlx::raw_sql("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// 管辖范围 the region subtree an account may see. A request gets it only through a permission
/// check (`server::extract::Ctx::grant`, the one caller of [`Scope::of`]); work that belongs to no
/// account takes the named constructor [`Scope::system`], so each such use can be found by name.
#[derive(Clone, Debug)]
pub struct Scope {
    root: Option<RegionCode>,
    bounds: Option<(String, String)>,
}

impl Scope {
    /// The subtree of an account's region: for the request context only (`server::extract`).
    pub fn of(region: RegionCode) -> Scope {
        let bounds = region.scope_bounds();
        Scope { root: Some(region), bounds: Some(bounds) }
    }

    /// 系统 no restriction, for work no account does: the command line and the demo loader on the
    /// machine itself, system jobs (the daily 事找人 search, verification runs), and the few reads a
    /// handler makes after its own scoped read already decided what the account may see (each says
    /// why where it calls this).
    pub fn system() -> Scope {
        Scope { root: None, bounds: None }
    }

    /// 公开 no restriction, for the pages the public reads without a login (published notices):
    /// what they show is chosen and masked by the page itself.
    pub fn public_portal() -> Scope {
        Scope { root: None, bounds: None }
    }

    /// The part of this scope inside `region`, a list's narrowing filter: `None` when `region`
    /// is not inside the scope (the caller refuses it). One scope then reaches the query, so no
    /// store function takes a separate region filter it could forget to intersect.
    pub fn narrow(&self, region: &RegionCode) -> Option<Scope> {
        self.contains(region).then(|| Scope::of(region.clone()))
    }

    pub fn root(&self) -> Option<&RegionCode> {
        self.root.as_ref()
    }

    pub fn contains(&self, code: &RegionCode) -> bool {
        self.root.as_ref().is_none_or(|r| r.contains(code))
    }

    pub fn contains_str(&self, code: &str) -> bool {
        match &self.bounds {
            None => true,
            Some((lo, hi)) => code >= lo.as_str() && code < hi.as_str(),
        }
    }

    /// Appends ` AND column in the subtree` (nothing for an unrestricted scope).
    pub fn and_filter(&self, sql: &mut sql::Sql, column: &str) {
        if let Some(b) = &self.bounds {
            sql.push(" AND ");
            sql.region_range(column, b);
        }
    }
}

/// Now as the RFC 3339 UTC text stored in timestamp columns (sorts as text).
pub fn now() -> String {
    fmt_time(chrono::Utc::now())
}

pub fn fmt_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn flag(b: bool) -> i64 {
    i64::from(b)
}
