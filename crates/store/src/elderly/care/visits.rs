//! 服务照片与回访 an order's photos and return visits.
use chrono::NaiveDate;
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct PhotoMeta(r) {
        pub id: i64,
        pub order_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        pub sha256: String,
        pub created_by: String,
        pub created_at: String,
    }
}


record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = elderly::care::VisitRecord))]
    #[derive(Clone, Debug, Serialize)]
    pub struct VisitRecord(r) {
        pub id: i64,
        pub order_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub satisfaction: i64,
        pub note: String,
        pub visitor: String,
        pub visited_on: NaiveDate,
        pub created_by: String,
        pub created_at: String,
        pub name: String as "person_name",
        pub item_name: String,
        pub provider_name: String,
        pub scheduled_on: NaiveDate,
    }
}


impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_order_photo(&self, tx: &mut Tx, order_id: i64, region_code: &str, file_name: &str, content_type: &str, bytes: &[u8], actor: &str) -> Result<PhotoMeta> {
        use base64::Engine;
        let id = tx.next_id().await?;
        let sha = minzheng_core::audit::sha256_hex(bytes);
        let now = crate::now();
        sqlx::query("INSERT INTO work_order_photos (id, order_id, region_code, file_name, content_type, size, sha256, content, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id)
            .bind(order_id)
            .bind(region_code.to_owned())
            .bind(file_name.to_owned())
            .bind(content_type.to_owned())
            .bind(bytes.len() as i64)
            .bind(sha.clone())
            .bind(base64::engine::general_purpose::STANDARD.encode(bytes))
            .bind(actor.to_owned())
            .bind(now.clone())
            .execute(&mut *tx.tx)
            .await?;
        Ok(PhotoMeta { id, order_id, file_name: file_name.to_owned(), content_type: content_type.to_owned(), size: bytes.len() as i64, sha256: sha, created_by: actor.to_owned(), created_at: now })
    }

    pub async fn order_photos(&self, order_id: i64) -> Result<Vec<PhotoMeta>> {
        let rows = sqlx::query("SELECT id, order_id, file_name, content_type, size, sha256, created_by, created_at FROM work_order_photos WHERE order_id = $1 ORDER BY id")
            .bind(order_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(PhotoMeta::from_row).collect()
    }

    pub async fn order_photo(&self, order_id: i64, photo_id: i64) -> Result<(PhotoMeta, Vec<u8>)> {
        use base64::Engine;
        let row = sqlx::query("SELECT * FROM work_order_photos WHERE order_id = $1 AND id = $2").bind(order_id).bind(photo_id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let content: String = row.try_get("content")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(content).map_err(|e| StoreError::Corrupt(format!("photo {photo_id}: {e}")))?;
        Ok((PhotoMeta::from_row(&row)?, bytes))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_return_visit(&self, tx: &mut Tx, order_id: i64, region_code: &str, satisfaction: i64, note: &str, visitor: &str, visited_on: &str, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO return_visits (id, order_id, region_code, satisfaction, note, visitor, visited_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(order_id)
            .bind(region_code.to_owned())
            .bind(satisfaction)
            .bind(note.to_owned())
            .bind(visitor.to_owned())
            .bind(visited_on.to_owned())
            .bind(actor.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }

    /// Return visits in the scope, optionally of one order or of a month (by visit date).
    pub async fn list_return_visits(&self, scope: &Scope, order_id: Option<i64>, month: Option<&str>, paging: Paging) -> Result<Page<VisitRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "rv.region_code");
            if let Some(o) = order_id {
                sql.push(" AND rv.order_id = ").bind(o);
            }
            if let Some(m) = month {
                sql.push(" AND rv.visited_on >= ").bind(format!("{m}-01")).push(" AND rv.visited_on <= ").bind(format!("{m}-31"));
            }
        };
        self.page_of("FROM return_visits rv WHERE 1 = 1", "SELECT rv.*, p.name AS person_name, o.item_name, o.scheduled_on, v.name AS provider_name FROM return_visits rv JOIN work_orders o ON o.id = rv.order_id \
             JOIN persons p ON p.id = o.person_id JOIN providers v ON v.id = o.provider_id WHERE 1 = 1", push, "rv.visited_on DESC, rv.id DESC", paging, VisitRecord::from_row).await
    }
}
