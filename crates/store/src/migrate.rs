//! Schema migrations: embedded SQL files applied in order, recorded in `schema_migrations`.
//!
//! Our own runner rather than sqlx's: the files are written in the subset both backends accept, and
//! this keeps sqlx's macro crates out of the build.
use crate::{Result, Store, StoreError};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "registry", include_str!("../migrations/0001_registry.sql")),
    (2, "assistance", include_str!("../migrations/0002_assistance.sql")),
    (3, "assistance_indexes", include_str!("../migrations/0003_assistance_indexes.sql")),
    (4, "objection_due", include_str!("../migrations/0004_objection_due.sql")),
    (5, "verification", include_str!("../migrations/0005_verification.sql")),
    (6, "elderly", include_str!("../migrations/0006_elderly.sql")),
    (7, "assessment", include_str!("../migrations/0007_assessment.sql")),
    (8, "homecare", include_str!("../migrations/0008_homecare.sql")),
    (9, "services", include_str!("../migrations/0009_services.sql")),
    (10, "charity", include_str!("../migrations/0010_charity.sql")),
    (11, "charity_supermarket", include_str!("../migrations/0011_charity_supermarket.sql")),
    (12, "plan", include_str!("../migrations/0012_plan.sql")),
    (13, "plan_progress", include_str!("../migrations/0013_plan_progress.sql")),
    (14, "idempotency", include_str!("../migrations/0014_idempotency.sql")),
    (15, "jobs", include_str!("../migrations/0015_jobs.sql")),
];

impl Store {
    /// Applies the migrations not yet applied; returns how many ran.
    pub async fn migrate(&self) -> Result<usize> {
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(&self.pool).await?;
        let mut ran = 0;
        for (version, name, text) in MIGRATIONS {
            if applied.contains(version) {
                continue;
            }
            let mut tx = self.begin().await?;
            for statement in split_statements(text) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                    .execute(&mut *tx.tx)
                    .await
                    .map_err(|source| StoreError::Migration { version: *version, source })?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                .bind(*version)
                .bind(*name)
                .bind(crate::now())
                .execute(&mut *tx.tx)
                .await?;
            tx.commit().await?;
            ran += 1;
        }
        Ok(ran)
    }
}

/// Splits a migration file on `;` at line ends, dropping comment-only pieces.
fn split_statements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("--") || trimmed.is_empty() {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if trimmed.ends_with(';') {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_on_statement_ends() {
        let parts = super::split_statements("-- c\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX i ON a (x);\n");
        assert_eq!(parts.len(), 2);
        assert!(parts[1].starts_with("CREATE INDEX"));
    }
}
