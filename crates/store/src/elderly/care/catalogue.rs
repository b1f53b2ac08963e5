//! 服务项目 the catalogue of services a provider offers.
use serde::Serialize;

use crate::{Result, Store, StoreError, Tx, flag};

use crate::version::check_version;
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ServiceItemRecord(r) {
        pub id: i64,
        pub code: String,
        pub name: String,
        pub unit: String,
        pub price: i64,
        pub minutes: i64,
        pub active: bool,
        pub version: i64,
        pub created_at: String,
        pub updated_at: String,
    }
}


pub struct ServiceItemInput {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub minutes: i64,
    pub active: bool,
}

pub(super) fn duplicate_item(e: StoreError, code: &str) -> StoreError {
    if e.is_unique_violation() { StoreError::conflict("code", format!("服务项目编码 {code} 已存在"), format!("service item code {code} is taken")) } else { e }
}

impl Store {
    pub async fn list_service_items(&self, active_only: bool) -> Result<Vec<ServiceItemRecord>> {
        let sql = if active_only { "SELECT * FROM service_items WHERE active = 1 ORDER BY code" } else { "SELECT * FROM service_items ORDER BY code" };
        sqlx::query(sql).fetch_all(&self.pool).await?.iter().map(ServiceItemRecord::from_row).collect()
    }

    pub async fn service_item(&self, id: i64) -> Result<ServiceItemRecord> {
        ServiceItemRecord::from_row(&sqlx::query("SELECT * FROM service_items WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn create_service_item(&self, tx: &mut Tx, i: &ServiceItemInput) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query("INSERT INTO service_items (id, code, name, unit, price, minutes, active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)")
            .bind(id)
            .bind(i.code.clone())
            .bind(i.name.clone())
            .bind(i.unit.clone())
            .bind(i.price)
            .bind(i.minutes)
            .bind(flag(i.active))
            .bind(now)
            .execute(&mut *tx.tx)
            .await
            .map_err(|e| duplicate_item(e.into(), &i.code))?;
        Ok(id)
    }

    pub async fn update_service_item(&self, tx: &mut Tx, id: i64, version: i64, i: &ServiceItemInput) -> Result<()> {
        let n = sqlx::query("UPDATE service_items SET code = $1, name = $2, unit = $3, price = $4, minutes = $5, active = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9")
            .bind(i.code.clone())
            .bind(i.name.clone())
            .bind(i.unit.clone())
            .bind(i.price)
            .bind(i.minutes)
            .bind(flag(i.active))
            .bind(crate::now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await
            .map_err(|e| duplicate_item(e.into(), &i.code))?
            .rows_affected();
        check_version(n, "该服务项目已被他人修改，请刷新后重试", "the record was changed by someone else; reload it")?;
        Ok(())
    }
}
