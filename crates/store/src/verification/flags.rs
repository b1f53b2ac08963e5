//! 疑点 red flags: listed per region, resolved once with a note (version-checked).
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct FlagRecord(r) {
        pub id: i64,
        pub report_id: i64,
        pub household_id: i64,
        pub region_code: String,
        pub code: String,
        pub person_id: Option<i64>,
        pub evidence_zh: String,
        pub evidence_en: String,
        pub status: String,
        pub resolution: Option<String>,
        pub note: String,
        pub resolved_by: Option<String>,
        pub resolved_at: Option<String>,
        pub version: i64,
        pub created_at: String,
    }
}

#[derive(Default, Clone, Debug)]
pub struct FlagFilter {
    pub status: Option<String>,
    pub code: Option<String>,
}

impl Store {
    pub async fn list_flags(&self, scope: &Scope, f: &FlagFilter, paging: Paging) -> Result<Page<FlagRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "region_code");
            if let Some(s) = &f.status {
                sql.push(" AND status = ").bind(s.clone());
            }
            if let Some(c) = &f.code {
                sql.push(" AND code = ").bind(c.clone());
            }
        };
        self.page_of("FROM verification_flags WHERE 1 = 1", "SELECT * FROM verification_flags WHERE 1 = 1", push, "id DESC", paging, FlagRecord::from_row).await
    }

    pub async fn flags_of_report(&self, report_id: i64) -> Result<Vec<FlagRecord>> {
        let rows = sqlx::query("SELECT * FROM verification_flags WHERE report_id = $1 ORDER BY id").bind(report_id).fetch_all(&self.pool).await?;
        rows.iter().map(FlagRecord::from_row).collect()
    }

    pub async fn flag(&self, scope: &Scope, id: i64) -> Result<FlagRecord> {
        let mut sql = Sql::new("SELECT * FROM verification_flags WHERE id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        FlagRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Resolves an open flag: a claim on its row by version, so two officers resolving it at once
    /// get one success and one conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn resolve_flag(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, resolution: &str, note: &str, actor: &str) -> Result<FlagRecord> {
        let mut sql = Sql::new("UPDATE verification_flags SET status = 'resolved', resolution = ");
        sql.bind(resolution.to_owned()).push(", note = ").bind(note.to_owned()).push(", resolved_by = ").bind(actor.to_owned());
        sql.push(", resolved_at = ").bind(crate::now()).push(", version = version + 1 WHERE id = ").bind(id);
        sql.push(" AND version = ").bind(version).push(" AND status = 'open'");
        scope.and_filter(&mut sql, "region_code");
        let changed = sql.query().execute(&mut *tx.tx).await?.rows_affected();
        let mut read = Sql::new("SELECT * FROM verification_flags WHERE id = ");
        read.bind(id);
        scope.and_filter(&mut read, "region_code");
        let row = read.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        check_version(changed, "该疑点已被他人处理或修改，请刷新后查看", "the flag was resolved or changed by someone else; reload it")?;
        FlagRecord::from_row(&row)
    }
}

impl Store {
    /// Flags of a run by code: (code, flags).
    pub async fn flag_counts(&self, run_id: i64) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT f.code, COUNT(*) FROM verification_flags f JOIN verification_reports v ON v.id = f.report_id WHERE v.run_id = $1 GROUP BY f.code ORDER BY f.code",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }
}
