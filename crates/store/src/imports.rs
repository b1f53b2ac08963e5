//! 数据导入 import jobs: status, progress and the row-by-row error report of an upload.
use minzheng_core::FieldError;
use sqlx::Row;

use crate::{Result, Scope, Store, StoreError};

/// An error in one row of an imported file (row numbers as a spreadsheet shows them).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RowError {
    pub row: u64,
    pub field: String,
    pub message: String,
    pub message_en: String,
}

impl RowError {
    pub fn new(row: u64, e: FieldError) -> RowError {
        RowError { row, field: e.field, message: e.message, message_en: e.message_en }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportJob {
    pub id: i64,
    pub kind: String,
    pub mode: String,
    pub status: String,
    pub file_name: String,
    pub account_id: i64,
    pub region_code: String,
    pub total: i64,
    pub processed: i64,
    pub percent: i64,
    pub inserted: i64,
    pub failed_rows: i64,
    pub errors: Vec<RowError>,
    pub message: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// At most this many row errors are kept per job; the count of failed rows is always exact.
pub const MAX_KEPT_ERRORS: usize = 5000;

impl Store {
    pub async fn create_import_job(&self, kind: &str, mode: &str, file_name: &str, account_id: i64, region_code: &str, total: i64) -> Result<i64> {
        let mut tx = self.begin().await?;
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO import_jobs (id, kind, mode, status, file_name, account_id, region_code, total, processed, inserted, failed_rows, errors, message, created_at, updated_at) \
             VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, 0, 0, 0, '[]', NULL, $8, $8)",
        )
        .bind(id)
        .bind(kind.to_owned())
        .bind(mode.to_owned())
        .bind(file_name.to_owned())
        .bind(account_id)
        .bind(region_code.to_owned())
        .bind(total)
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_import_progress(&self, id: i64, processed: i64) -> Result<()> {
        sqlx::query("UPDATE import_jobs SET processed = $1, updated_at = $2 WHERE id = $3").bind(processed).bind(crate::now()).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn finish_import_job(&self, id: i64, status: &str, processed: i64, inserted: i64, failed_rows: i64, errors: &[RowError], message: Option<&str>) -> Result<()> {
        let kept = &errors[..errors.len().min(MAX_KEPT_ERRORS)];
        let json = serde_json::to_string(kept).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query("UPDATE import_jobs SET status = $1, processed = $2, inserted = $3, failed_rows = $4, errors = $5, message = $6, updated_at = $7 WHERE id = $8")
            .bind(status.to_owned())
            .bind(processed)
            .bind(inserted)
            .bind(failed_rows)
            .bind(json)
            .bind(message.map(str::to_owned))
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// One import whose job was interrupted is marked failed, as the job is.
    pub async fn fail_interrupted_import(&self, id: i64) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE import_jobs SET status = 'failed', message = '服务重启，导入中断，未写入任何数据，请重新上传 / the server restarted during the import; nothing was stored, upload again', updated_at = $1 WHERE id = $2 AND status = 'running'",
        )
        .bind(crate::now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Marks jobs left `running` by a stopped server as failed (their transaction never committed,
    /// so nothing of them was stored). Called when the server starts; returns how many.
    pub async fn fail_interrupted_imports(&self) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE import_jobs SET status = 'failed', message = '服务重启，导入中断，未写入任何数据，请重新上传 / the server restarted during the import; nothing was stored, upload again', updated_at = $1 WHERE status = 'running'",
        )
        .bind(crate::now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    pub async fn import_job(&self, scope: &Scope, id: i64) -> Result<ImportJob> {
        let row = sqlx::query(
            "SELECT id, kind, mode, status, file_name, account_id, region_code, total, processed, inserted, failed_rows, errors, message, created_at, updated_at FROM import_jobs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let region_code: String = row.try_get("region_code")?;
        if !scope.contains_str(&region_code) {
            return Err(StoreError::NotFound);
        }
        let total: i64 = row.try_get("total")?;
        let processed: i64 = row.try_get("processed")?;
        let errors: String = row.try_get("errors")?;
        Ok(ImportJob {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            mode: row.try_get("mode")?,
            status: row.try_get("status")?,
            file_name: row.try_get("file_name")?,
            account_id: row.try_get("account_id")?,
            region_code,
            total,
            processed,
            percent: if total == 0 { 100 } else { (processed * 100 / total).min(100) },
            inserted: row.try_get("inserted")?,
            failed_rows: row.try_get("failed_rows")?,
            errors: serde_json::from_str(&errors).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            message: row.try_get("message")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scope, Store};

    #[tokio::test]
    async fn interrupted_jobs_are_marked_failed_at_start() {
        let dir = std::env::temp_dir().join(format!("mz-imports-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let store = Store::connect(&format!("sqlite://{}/t.db", dir.display())).await.expect("connect");
        store.migrate().await.expect("migrate");
        let running = store.create_import_job("persons", "valid_only", "a.csv", 1, "440705000000", 10).await.expect("job");
        let finished = store.create_import_job("persons", "valid_only", "b.csv", 1, "440705000000", 10).await.expect("job");
        store.finish_import_job(finished, "done", 10, 10, 0, &[], None).await.expect("finish");
        assert_eq!(store.fail_interrupted_imports().await.expect("fail"), 1);
        let all = Scope::system();
        assert_eq!(store.import_job(&all, running).await.expect("job").status, "failed");
        assert_eq!(store.import_job(&all, finished).await.expect("job").status, "done");
        store.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
