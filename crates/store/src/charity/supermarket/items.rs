//! 商品 the catalogue.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use minzheng_core::charity::supermarket::Category;
use serde::Serialize;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

record! {
    /// 商品 an item of the catalogue.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ItemRecord(r) {
        pub id: i64,
        pub code: String,
        pub name: String,
        pub category: Category,
        pub unit: String,
        /// points per unit at the counter
        pub points_price: i64,
        /// reference value per unit, fen (a donated lot's default)
        pub unit_value_fen: i64,
        pub active: bool,
        pub version: i64,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}


/// An item's fields as entered (validated by the caller).
#[derive(Clone, Debug)]
pub struct ItemFields {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub unit: String,
    pub points_price: i64,
    pub unit_value_fen: i64,
    pub active: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    pub active: Option<bool>,
    pub category: Option<Category>,
    /// code or name
    pub q: Option<String>,
}

pub(super) fn item_code_taken(code: &str) -> StoreError {
    StoreError::conflict("code", format!("商品编码 {code} 已存在"), format!("item code {code} is taken"))
}

impl Store {
    pub async fn supermarket_insert_item(&self, tx: &mut Tx, f: &ItemFields, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let inserted = sqlx::query(
            "INSERT INTO supermarket_items (id, code, name, category, unit, points_price, unit_value_fen, active, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)",
        )
        .bind(id)
        .bind(f.code.clone())
        .bind(f.name.clone())
        .bind(f.category.as_str().to_owned())
        .bind(f.unit.clone())
        .bind(f.points_price)
        .bind(f.unit_value_fen)
        .bind(crate::flag(f.active))
        .bind(by.to_owned())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() { item_code_taken(&f.code) } else { e });
        }
        Ok(id)
    }

    /// Changes an item (version-checked). A new points price applies to later redemptions.
    pub async fn supermarket_update_item(&self, tx: &mut Tx, id: i64, version: i64, f: &ItemFields) -> Result<()> {
        let updated = sqlx::query(
            "UPDATE supermarket_items SET code = $1, name = $2, category = $3, unit = $4, points_price = $5, unit_value_fen = $6, active = $7, \
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        )
        .bind(f.code.clone())
        .bind(f.name.clone())
        .bind(f.category.as_str().to_owned())
        .bind(f.unit.clone())
        .bind(f.points_price)
        .bind(f.unit_value_fen)
        .bind(crate::flag(f.active))
        .bind(crate::now())
        .bind(id)
        .bind(version)
        .execute(&mut *tx.tx)
        .await;
        match updated {
            Err(e) => {
                let e = StoreError::from(e);
                Err(if e.is_unique_violation() { item_code_taken(&f.code) } else { e })
            }
            Ok(r) => check_version(r.rows_affected(), "该商品已被他人修改，请刷新", "the item was changed by someone else; reload it"),
        }
    }

    pub async fn supermarket_item(&self, id: i64) -> Result<ItemRecord> {
        let row = sqlx::query("SELECT * FROM supermarket_items WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        ItemRecord::from_row(&row.ok_or(StoreError::NotFound)?)
    }

    pub async fn supermarket_items(&self, f: &ItemFilter, paging: Paging) -> Result<Page<ItemRecord>> {
        let push = |sql: &mut Sql| {
            if let Some(a) = f.active {
                sql.push(" AND active = ").bind(crate::flag(a));
            }
            if let Some(c) = &f.category {
                sql.push(" AND category = ").bind(c.as_str().to_owned());
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (name LIKE ").bind(like.clone()).push(" OR code LIKE ").bind(like).push(")");
            }
        };
        self.page_of("FROM supermarket_items WHERE 1 = 1", "SELECT * FROM supermarket_items WHERE 1 = 1", push, "category, code, id", paging, ItemRecord::from_row).await
    }

    /// Every item by id (statements and exports name their lines).
    pub async fn supermarket_item_map(&self) -> Result<HashMap<i64, ItemRecord>> {
        let rows = sqlx::query("SELECT * FROM supermarket_items ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter().map(|r| ItemRecord::from_row(r).map(|i| (i.id, i))).collect()
    }
}
