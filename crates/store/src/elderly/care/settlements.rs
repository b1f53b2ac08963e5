//! 结算 a provider's monthly settlement and its lines.
use minzheng_core::assistance::policy::ParamUse;
use minzheng_core::assistance::YearMonth;
use minzheng_core::elderly::care::{OrderFact, Settlement};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::{record, Column};

/// An order of a provider's month with its elder, for the settlement.
pub struct MonthOrder {
    pub fact: OrderFact,
    pub name: String,
    pub region_code: RegionCode,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SettlementRecord(r) {
        pub id: i64,
        pub provider_id: i64,
        pub provider_name: String,
        pub month: YearMonth,
        pub rule: String,
        pub elders: i64,
        pub confirmed_orders: i64,
        pub confirmed_amount: i64,
        pub unconfirmed_orders: i64,
        pub unconfirmed_amount: i64,
        pub payable: i64,
        pub excess: i64,
        pub created_by: String,
        pub created_at: String,
    }
}


record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SettlementLineRecord(r) {
        pub person_id: i64,
        pub name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub confirmed_orders: i64,
        pub confirmed_amount: i64,
        pub unconfirmed_orders: i64,
        pub unconfirmed_amount: i64,
        pub allowance: i64,
        pub paid_elsewhere: i64,
        pub payable: i64,
        pub excess: i64,
        pub order_ids: Vec<i64> = serde_json::from_str(&r.try_get::<String, _>("order_ids")?).map_err(|e| StoreError::Corrupt(format!("settlement line: {e}")))?,
        pub explanation_zh: String,
        pub explanation_en: String,
        pub params: Vec<ParamUse> = serde_json::from_str(&r.try_get::<String, _>("params")?).map_err(|e| StoreError::Corrupt(format!("settlement line: {e}")))?,
    }
}


impl Store {
    /// The provider's orders scheduled in `month` (YYYY-MM), every status.
    pub async fn provider_month_orders(&self, provider_id: i64, month: &str) -> Result<Vec<MonthOrder>> {
        let rows = sqlx::query(
            "SELECT o.id, o.person_id, o.status, o.amount, o.scheduled_on, o.region_code, p.name FROM work_orders o JOIN persons p ON p.id = o.person_id \
             WHERE o.provider_id = $1 AND o.scheduled_on >= $2 AND o.scheduled_on <= $3 ORDER BY o.person_id, o.scheduled_on, o.id",
        )
        .bind(provider_id)
        .bind(format!("{month}-01"))
        .bind(format!("{month}-31"))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MonthOrder {
                    fact: OrderFact {
                        order_id: r.try_get("id")?,
                        person_id: r.try_get("person_id")?,
                        status: Column::column(r, "status")?,
                        amount: minzheng_core::assistance::Fen(r.try_get("amount")?),
                        service_date: r.try_get("scheduled_on")?,
                    },
                    name: r.try_get("name")?,
                    region_code: Column::column(r, "region_code")?,
                })
            })
            .collect()
    }

    /// Whether the person had a home-care enrolment covering `month` (any provider).
    pub async fn enrolled_in_month(&self, person_id: i64, month: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM homecare_enrolments WHERE person_id = $1 AND start_month <= $2 AND (end_month IS NULL OR end_month >= $2)")
            .bind(person_id)
            .bind(month.to_owned())
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// What other providers' settlements of `month` already paid for the person.
    pub async fn paid_elsewhere(&self, person_id: i64, month: &str, provider_id: i64) -> Result<i64> {
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back
        let v: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(payable) AS BIGINT) FROM homecare_settlement_lines WHERE person_id = $1 AND month = $2 AND provider_id <> $3")
            .bind(person_id)
            .bind(month.to_owned())
            .bind(provider_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Records a confirmed settlement with its lines; a second one for the provider and month is a
    /// conflict (unique index).
    pub async fn insert_homecare_settlement(&self, tx: &mut Tx, provider_id: i64, s: &Settlement, actor: &str) -> Result<i64> {
        let month = s.month.to_string();
        let ids = tx.reserve_ids(1 + s.lines.len() as i64).await?;
        let id = ids.start;
        sqlx::query(
            "INSERT INTO homecare_settlements (id, provider_id, month, rule, elders, confirmed_orders, confirmed_amount, unconfirmed_orders, unconfirmed_amount, payable, excess, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(provider_id)
        .bind(month.clone())
        .bind(s.rule.clone())
        .bind(s.elders)
        .bind(s.confirmed_orders)
        .bind(s.confirmed_amount.0)
        .bind(s.unconfirmed_orders)
        .bind(s.unconfirmed_amount.0)
        .bind(s.payable.0)
        .bind(s.excess.0)
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() {
                StoreError::conflict("month", format!("该服务商 {month} 已结算，不能重复结算"), format!("the provider's {month} is already settled"))
            } else {
                e
            }
        })?;
        for (i, l) in s.lines.iter().enumerate() {
            sqlx::query(
                "INSERT INTO homecare_settlement_lines (id, settlement_id, provider_id, month, person_id, name, region_code, confirmed_orders, confirmed_amount, unconfirmed_orders, \
                 unconfirmed_amount, allowance, paid_elsewhere, payable, excess, order_ids, explanation_zh, explanation_en, params) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
            )
            .bind(id + 1 + i as i64)
            .bind(id)
            .bind(provider_id)
            .bind(month.clone())
            .bind(l.person_id)
            .bind(l.name.clone())
            .bind(l.region_code.clone())
            .bind(l.confirmed_orders)
            .bind(l.confirmed_amount.0)
            .bind(l.unconfirmed_orders)
            .bind(l.unconfirmed_amount.0)
            .bind(l.allowance.0)
            .bind(l.paid_elsewhere.0)
            .bind(l.payable.0)
            .bind(l.excess.0)
            .bind(serde_json::to_string(&l.order_ids).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            .bind(l.explanation_zh.clone())
            .bind(l.explanation_en.clone())
            .bind(serde_json::to_string(&l.params).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            .execute(&mut *tx.tx)
            .await?;
        }
        Ok(id)
    }

    pub async fn list_homecare_settlements(&self, provider_id: Option<i64>, month: Option<&str>) -> Result<Vec<SettlementRecord>> {
        let mut sql = Sql::new("SELECT s.*, v.name AS provider_name FROM homecare_settlements s JOIN providers v ON v.id = s.provider_id WHERE 1 = 1");
        if let Some(p) = provider_id {
            sql.push(" AND s.provider_id = ").bind(p);
        }
        if let Some(m) = month {
            sql.push(" AND s.month = ").bind(m.to_owned());
        }
        sql.push(" ORDER BY s.month DESC, s.provider_id");
        sql.query().fetch_all(&self.pool).await?.iter().map(SettlementRecord::from_row).collect()
    }

    /// A settlement and its lines within the scope.
    pub async fn homecare_settlement(&self, scope: &Scope, id: i64) -> Result<(SettlementRecord, Vec<SettlementLineRecord>)> {
        let row = sqlx::query("SELECT s.*, v.name AS provider_name FROM homecare_settlements s JOIN providers v ON v.id = s.provider_id WHERE s.id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut sql = Sql::new("SELECT * FROM homecare_settlement_lines WHERE settlement_id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY person_id");
        let lines = sql.query().fetch_all(&self.pool).await?.iter().map(SettlementLineRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok((SettlementRecord::from_row(&row)?, lines))
    }
}
