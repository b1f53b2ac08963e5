//! 服务商 home-care providers.
use serde::Serialize;

use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

use crate::version::check_version;
use minzheng_core::elderly::care::{ProviderKind, ProviderStatus};
use minzheng_core::registry::region::RegionCode;
use chrono::NaiveDate;

use crate::row;

row::record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ProviderRecord(r) {
        pub id: i64,
        pub name: String,
        pub kind: ProviderKind,
        pub credit_code: String,
        /// the service area
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub contact: String,
        pub phone: String,
        pub qualification: String,
        pub qualification_until: Option<NaiveDate>,
        pub contract_no: String,
        pub contract_start: NaiveDate,
        pub contract_end: NaiveDate,
        pub status: ProviderStatus,
        pub version: i64,
        pub created_by: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

/// The validated fields of a provider.
pub struct ProviderInput {
    pub name: String,
    pub kind: String,
    pub credit_code: String,
    pub region_code: String,
    pub contact: String,
    pub phone: String,
    pub qualification: String,
    pub qualification_until: Option<String>,
    pub contract_no: String,
    pub contract_start: String,
    pub contract_end: String,
    pub status: String,
}

/// A provider serves an account's scope when its service area lies inside the scope or contains it.
pub(super) fn provider_visible(scope: &Scope, p: &ProviderRecord) -> bool {
    scope.contains(&p.region_code) || scope.root().is_none_or(|root| p.region_code.contains(root))
}

/// A coordinate, or the literal NULL. A bound `None` goes to PostgreSQL without a float type: the
/// statement prepared with it (cached per connection) then refuses a later bound `Some(f64)` with
/// "incorrect binary data format".
pub(super) fn bind_coordinate(sql: &mut Sql, v: Option<f64>) {
    match v {
        Some(v) => {
            sql.bind(v);
        }
        None => {
            sql.push("NULL");
        }
    }
}

impl Store {
    pub async fn provider_exists(&self, id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM providers WHERE id = $1").bind(id).fetch_one(&self.pool).await?;
        Ok(n > 0)
    }

    /// Providers whose service area meets the account's scope, by kind.
    pub async fn list_providers(&self, scope: &Scope, kind: Option<&str>, status: Option<&str>) -> Result<Vec<ProviderRecord>> {
        let mut sql = Sql::new("SELECT * FROM providers WHERE 1 = 1");
        if let Some(k) = kind {
            sql.push(" AND kind = ").bind(k.to_owned());
        }
        if let Some(s) = status {
            sql.push(" AND status = ").bind(s.to_owned());
        }
        sql.push(" ORDER BY region_code, id");
        let rows = sql.query().fetch_all(&self.pool).await?;
        Ok(rows.iter().map(ProviderRecord::from_row).collect::<Result<Vec<_>>>()?.into_iter().filter(|p| provider_visible(scope, p)).collect())
    }

    pub async fn provider(&self, scope: &Scope, id: i64) -> Result<ProviderRecord> {
        let row = sqlx::query("SELECT * FROM providers WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let p = ProviderRecord::from_row(&row)?;
        if provider_visible(scope, &p) { Ok(p) } else { Err(StoreError::NotFound) }
    }

    pub async fn create_provider(&self, tx: &mut Tx, p: &ProviderInput, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let mut sql = Sql::new("INSERT INTO providers (id, name, kind, credit_code, region_code, contact, phone, qualification, qualification_until, contract_no, contract_start, contract_end, status, version, created_by, created_at, updated_at) VALUES (");
        sql.bind(id).push(", ").bind(p.name.clone()).push(", ").bind(p.kind.clone()).push(", ").bind(p.credit_code.clone()).push(", ");
        sql.bind(p.region_code.clone()).push(", ").bind(p.contact.clone()).push(", ").bind(p.phone.clone()).push(", ").bind(p.qualification.clone()).push(", ");
        sql.bind(p.qualification_until.clone()).push(", ").bind(p.contract_no.clone()).push(", ").bind(p.contract_start.clone()).push(", ");
        sql.bind(p.contract_end.clone()).push(", ").bind(p.status.clone()).push(", 1, ").bind(actor.to_owned()).push(", ").bind(now.clone()).push(", ").bind(now).push(")");
        sql.query().execute(&mut *tx.tx).await.map_err(|e| duplicate_provider(e.into(), &p.credit_code))?;
        Ok(id)
    }

    pub async fn update_provider(&self, tx: &mut Tx, id: i64, version: i64, p: &ProviderInput) -> Result<()> {
        let mut sql = Sql::new("UPDATE providers SET name = ");
        sql.bind(p.name.clone()).push(", kind = ").bind(p.kind.clone()).push(", credit_code = ").bind(p.credit_code.clone());
        sql.push(", region_code = ").bind(p.region_code.clone()).push(", contact = ").bind(p.contact.clone()).push(", phone = ").bind(p.phone.clone());
        sql.push(", qualification = ").bind(p.qualification.clone()).push(", qualification_until = ").bind(p.qualification_until.clone());
        sql.push(", contract_no = ").bind(p.contract_no.clone()).push(", contract_start = ").bind(p.contract_start.clone());
        sql.push(", contract_end = ").bind(p.contract_end.clone()).push(", status = ").bind(p.status.clone());
        sql.push(", version = version + 1, updated_at = ").bind(crate::now()).push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        let n = sql.query().execute(&mut *tx.tx).await.map_err(|e| duplicate_provider(e.into(), &p.credit_code))?.rows_affected();
        check_version(n, "该服务商已被他人修改，请刷新后重试", "the record was changed by someone else; reload it")?;
        Ok(())
    }
}

pub(super) fn duplicate_provider(e: StoreError, code: &str) -> StoreError {
    if e.is_unique_violation() {
        StoreError::conflict("credit_code", format!("统一社会信用代码 {code} 的同类服务商已登记"), format!("a provider of this kind with credit code {code} is already registered"))
    } else {
        e
    }
}
