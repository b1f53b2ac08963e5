//! 公示 public notices: the applications a town puts on its notice board, and objections.
use serde::Serialize;

use super::applications::ApplicationRecord;
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::record;
use minzheng_core::assistance::Programme;
use minzheng_core::registry::region::RegionCode;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct NoticeRecord(r) {
        pub id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub region_name: Option<String>,
        pub programme: Programme,
        pub starts_on: String,
        pub ends_on: String,
        pub status: String,
        pub created_by: String,
        pub created_at: String,
    }
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ObjectionRecord(r) {
        pub id: i64,
        pub notice_id: i64,
        pub application_id: i64,
        pub region_code: String,
        pub received_on: String,
        pub content: String,
        pub contact: String,
        pub status: String,
        pub outcome: String,
        pub decided_by: Option<String>,
        pub decided_on: Option<String>,
        /// the re-check is due by this day (working days from receipt)
        pub due_on: Option<String>,
    }
}

const NOTICE_SQL: &str = "SELECT n.*, r.name AS region_name FROM notices n LEFT JOIN regions r ON r.code = n.region_code WHERE n.id = ";

impl Store {
    /// Applications of a town and programme waiting for a notice (stage `notice`, on none yet).
    pub async fn awaiting_notice(&self, tx: &mut Tx, town: &Scope, programme: &str) -> Result<Vec<ApplicationRecord>> {
        let mut sql = Sql::new("SELECT a.*, r.name AS region_name FROM applications a LEFT JOIN regions r ON r.code = a.region_code WHERE a.stage = 'notice' AND a.notice_id IS NULL AND a.programme = ");
        sql.bind(programme.to_owned());
        town.and_filter(&mut sql, "a.region_code");
        sql.push(" ORDER BY a.region_code, a.id");
        let rows = sql.query().fetch_all(&mut *tx.tx).await?;
        rows.iter().map(ApplicationRecord::from_row).collect()
    }

    pub async fn insert_notice(&self, tx: &mut Tx, region_code: &str, programme: &str, starts_on: &str, ends_on: &str, application_ids: &[i64], actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO notices (id, region_code, programme, starts_on, ends_on, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)")
            .bind(id)
            .bind(region_code.to_owned())
            .bind(programme.to_owned())
            .bind(starts_on.to_owned())
            .bind(ends_on.to_owned())
            .bind(actor.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        for a in application_ids {
            sqlx::query("INSERT INTO notice_items (notice_id, application_id, region_code) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(*a)
                .bind(region_code.to_owned())
                .execute(&mut *tx.tx)
                .await?;
            sqlx::query("UPDATE applications SET notice_id = $1, deadline = $2, version = version + 1, updated_at = $3 WHERE id = $4")
                .bind(id)
                .bind(ends_on.to_owned())
                .bind(crate::now())
                .bind(*a)
                .execute(&mut *tx.tx)
                .await?;
        }
        Ok(id)
    }

    pub async fn notice(&self, scope: &Scope, id: i64) -> Result<NoticeRecord> {
        let mut sql = Sql::new(NOTICE_SQL);
        sql.bind(id);
        scope.and_filter(&mut sql, "n.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        NoticeRecord::from_row(&row)
    }

    pub async fn notice_tx(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<NoticeRecord> {
        let mut sql = Sql::new(NOTICE_SQL);
        sql.bind(id);
        scope.and_filter(&mut sql, "n.region_code");
        let row = sql.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        NoticeRecord::from_row(&row)
    }

    pub async fn list_notices(&self, scope: &Scope) -> Result<Vec<NoticeRecord>> {
        let mut sql = Sql::new("SELECT n.*, r.name AS region_name FROM notices n LEFT JOIN regions r ON r.code = n.region_code WHERE 1 = 1");
        scope.and_filter(&mut sql, "n.region_code");
        sql.push(" ORDER BY n.id DESC LIMIT 500");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(NoticeRecord::from_row).collect()
    }

    /// The applications on a notice, in board order.
    pub async fn notice_applications(&self, notice_id: i64) -> Result<Vec<ApplicationRecord>> {
        let rows = sqlx::query(
            "SELECT a.*, r.name AS region_name FROM notice_items i JOIN applications a ON a.id = i.application_id \
             LEFT JOIN regions r ON r.code = a.region_code WHERE i.notice_id = $1 ORDER BY a.region_code, a.id",
        )
        .bind(notice_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ApplicationRecord::from_row).collect()
    }

    pub async fn objections(&self, notice_id: i64) -> Result<Vec<ObjectionRecord>> {
        let rows = sqlx::query("SELECT * FROM objections WHERE notice_id = $1 ORDER BY id").bind(notice_id).fetch_all(&self.pool).await?;
        rows.iter().map(ObjectionRecord::from_row).collect()
    }

    pub async fn insert_objection(&self, tx: &mut Tx, notice: &NoticeRecord, application_id: i64, received_on: &str, due_on: &str, content: &str, contact: &str) -> Result<ObjectionRecord> {
        let on_notice: Option<i64> = sqlx::query_scalar("SELECT application_id FROM notice_items WHERE notice_id = $1 AND application_id = $2")
            .bind(notice.id)
            .bind(application_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if on_notice.is_none() {
            return Err(StoreError::invalid("application_id", "该申请不在本公示中", "the application is not on this notice"));
        }
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO objections (id, notice_id, application_id, region_code, received_on, content, contact, status, outcome, created_at, due_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', '', $8, $9)",
        )
        .bind(id)
        .bind(notice.id)
        .bind(application_id)
        .bind(notice.region_code.as_str().to_owned())
        .bind(received_on.to_owned())
        .bind(content.to_owned())
        .bind(contact.to_owned())
        .bind(crate::now())
        .bind(due_on.to_owned())
        .execute(&mut *tx.tx)
        .await?;
        let row = sqlx::query("SELECT * FROM objections WHERE id = $1").bind(id).fetch_one(&mut *tx.tx).await?;
        ObjectionRecord::from_row(&row)
    }

    pub async fn objection_tx(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<ObjectionRecord> {
        let row = sqlx::query("SELECT * FROM objections WHERE id = $1").bind(id).fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        let o = ObjectionRecord::from_row(&row)?;
        if !scope.contains_str(&o.region_code) {
            return Err(StoreError::NotFound);
        }
        Ok(o)
    }

    pub async fn decide_objection(&self, tx: &mut Tx, id: i64, outcome: &str, note: &str, actor: &str, today: &str) -> Result<()> {
        let n = sqlx::query("UPDATE objections SET status = $1, outcome = $2, decided_by = $3, decided_on = $4 WHERE id = $5 AND status = 'open'")
            .bind(outcome.to_owned())
            .bind(note.to_owned())
            .bind(actor.to_owned())
            .bind(today.to_owned())
            .bind(id)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::conflict("status", "该异议已处理", "the objection has already been decided"));
        }
        Ok(())
    }

    /// Open objections against an application (it stays at the notice until they are decided).
    pub async fn open_objections(&self, tx: &mut Tx, application_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM objections WHERE application_id = $1 AND status = 'open'").bind(application_id).fetch_one(&mut *tx.tx).await?)
    }

    pub async fn close_notice(&self, tx: &mut Tx, id: i64) -> Result<()> {
        let n = sqlx::query("UPDATE notices SET status = 'closed' WHERE id = $1 AND status = 'open'").bind(id).execute(&mut *tx.tx).await?.rows_affected();
        if n == 0 {
            return Err(StoreError::conflict("status", "该公示已结束", "the notice is already closed"));
        }
        Ok(())
    }
}
