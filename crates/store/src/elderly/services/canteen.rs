//! 长者食堂 canteens, the meals served with their subsidy, and the monthly settlement per canteen.
use minzheng_core::registry::region::RegionCode;
use minzheng_core::elderly::services::FacilityStatus;
use minzheng_core::elderly::services::canteen::{MealSlot, MealTier};
use minzheng_core::assistance::{Fen, YearMonth};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use crate::assistance::{json, to_json};
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::{Column, record};

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct CanteenRecord(r) {
        pub id: i64,
        pub name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub provider_id: Option<i64>,
        pub address: String,
        pub seats: i64,
        pub meal_price: i64,
        pub status: FacilityStatus,
        pub version: i64,
        pub created_at: String,
    }
}


/// A canteen's fields as entered.
#[derive(Clone, Debug)]
pub struct CanteenFields {
    pub name: String,
    pub region_code: String,
    pub provider_id: Option<i64>,
    pub address: String,
    pub seats: i64,
    pub meal_price: i64,
    pub status: String,
}

#[derive(Default, Clone, Debug)]
pub struct CanteenFilter {
    /// a provider's account: only the canteens it runs
    pub provider_id: Option<i64>,
    pub status: Option<String>,
    pub q: Option<String>,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct MealRecord(r) {
        pub id: i64,
        pub canteen_id: i64,
        pub canteen_name: String,
        pub person_id: i64,
        pub person_name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub served_on: NaiveDate,
        pub slot: MealSlot,
        pub price: i64,
        pub subsidy: i64,
        pub tier: MealTier,
        pub paid_by_elder: i64,
        pub explanation: serde_json::Value = json(&r.try_get::<String, _>("explanation")?, "canteen_meals.explanation")?,
        pub recorded_by: String,
        pub created_at: String,
    }
}

const MEAL_COLUMNS: &str = "m.id, m.canteen_id, c.name AS canteen_name, m.person_id, p.name AS person_name, m.region_code, m.served_on, m.slot, \
    m.price, m.subsidy, m.tier, m.paid_by_elder, m.explanation, m.recorded_by, m.created_at";
const MEAL_FROM: &str = " FROM canteen_meals m JOIN canteens c ON c.id = m.canteen_id JOIN persons p ON p.id = m.person_id";

pub struct NewMeal {
    pub canteen_id: i64,
    pub person_id: i64,
    pub region_code: String,
    pub served_on: String,
    pub slot: String,
    pub price: i64,
    pub subsidy: i64,
    pub tier: String,
    pub paid_by_elder: i64,
    pub explanation: String,
}

#[derive(Default, Clone, Debug)]
pub struct MealFilter {
    /// a provider's account: only the meals of the canteens it runs
    pub provider_id: Option<i64>,
    pub canteen_id: Option<i64>,
    /// YYYY-MM
    pub month: Option<String>,
    pub served_on: Option<String>,
    pub person_id: Option<i64>,
}

record! {
    // named apart from home care's settlement in the API document
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CanteenSettlementRecord))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SettlementRecord(r) {
        pub id: i64,
        pub canteen_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub month: YearMonth,
        pub meals: i64,
        pub subsidy_total: i64,
        pub paid_by_elders: i64,
        pub lines: serde_json::Value = json(&r.try_get::<String, _>("lines")?, "canteen_settlements.lines")?,
        pub confirmed_by: String,
        pub confirmed_at: String,
    }
}

impl Store {
    pub async fn insert_canteen(&self, tx: &mut Tx, c: &CanteenFields) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO canteens (id, name, region_code, provider_id, address, seats, meal_price, status, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)",
        )
        .bind(id)
        .bind(c.name.clone())
        .bind(c.region_code.clone())
        .bind(c.provider_id)
        .bind(c.address.clone())
        .bind(c.seats)
        .bind(c.meal_price)
        .bind(c.status.clone())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    pub async fn update_canteen(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, c: &CanteenFields) -> Result<()> {
        let mut sql = Sql::new("UPDATE canteens SET name = ");
        sql.bind(c.name.clone()).push(", region_code = ").bind(c.region_code.clone()).push(", provider_id = ").bind(c.provider_id);
        sql.push(", address = ").bind(c.address.clone()).push(", seats = ").bind(c.seats).push(", meal_price = ").bind(c.meal_price);
        sql.push(", status = ").bind(c.status.clone()).push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该食堂已被他人修改，请刷新", "the canteen was changed by someone else; reload it")?;
        Ok(())
    }

    pub async fn canteen(&self, scope: &Scope, id: i64) -> Result<CanteenRecord> {
        let mut sql = Sql::new("SELECT * FROM canteens WHERE id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        CanteenRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_canteens(&self, scope: &Scope, f: &CanteenFilter, paging: Paging) -> Result<Page<CanteenRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "region_code");
            if let Some(s) = &f.status {
                sql.push(" AND status = ").bind(s.clone());
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND provider_id = ").bind(p);
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                sql.push(" AND name LIKE ").bind(format!("%{}%", q.replace(['%', '_'], "")));
            }
        };
        self.page_of("FROM canteens WHERE 1 = 1", "SELECT * FROM canteens WHERE 1 = 1", push, "region_code, id", paging, CanteenRecord::from_row).await
    }

    /// Records a meal; a second meal of the same person, day and slot, or a meal of a month the
    /// canteen has already settled, is a conflict.
    pub async fn insert_meal(&self, tx: &mut Tx, m: &NewMeal, by: &str) -> Result<i64> {
        let month = m.served_on.get(..7).unwrap_or_default().to_owned();
        let settled: Option<i64> = sqlx::query_scalar("SELECT id FROM canteen_settlements WHERE canteen_id = $1 AND month = $2")
            .bind(m.canteen_id)
            .bind(month.clone())
            .fetch_optional(&mut *tx.tx)
            .await?;
        if settled.is_some() {
            return Err(StoreError::conflict("served_on", format!("{month} 已结算，不能再登记该月的用餐"), format!("{month} is already settled for this canteen")));
        }
        let id = tx.next_id().await?;
        let inserted = sqlx::query(
            "INSERT INTO canteen_meals (id, canteen_id, person_id, region_code, served_on, slot, price, subsidy, tier, paid_by_elder, explanation, recorded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(m.canteen_id)
        .bind(m.person_id)
        .bind(m.region_code.clone())
        .bind(m.served_on.clone())
        .bind(m.slot.clone())
        .bind(m.price)
        .bind(m.subsidy)
        .bind(m.tier.clone())
        .bind(m.paid_by_elder)
        .bind(m.explanation.clone())
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() {
                StoreError::conflict("slot", format!("该老人 {} 的这一餐已登记过", m.served_on), format!("this person's meal of {} in this slot is already recorded", m.served_on))
            } else {
                e
            });
        }
        Ok(id)
    }

    pub async fn canteen_meal(&self, scope: &Scope, id: i64) -> Result<MealRecord> {
        let mut sql = Sql::new(&format!("SELECT {MEAL_COLUMNS}{MEAL_FROM} WHERE m.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "m.region_code");
        MealRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_meals(&self, scope: &Scope, f: &MealFilter, paging: Paging) -> Result<Page<MealRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "m.region_code");
            if let Some(c) = f.canteen_id {
                sql.push(" AND m.canteen_id = ").bind(c);
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND c.provider_id = ").bind(p);
            }
            if let Some(p) = f.person_id {
                sql.push(" AND m.person_id = ").bind(p);
            }
            if let Some(d) = &f.served_on {
                sql.push(" AND m.served_on = ").bind(d.clone());
            }
            if let Some(m) = &f.month {
                sql.push(" AND m.served_on >= ").bind(format!("{m}-01")).push(" AND m.served_on <= ").bind(format!("{m}-31"));
            }
        };
        self.page_of(&format!("{MEAL_FROM} WHERE 1 = 1"), &format!("SELECT {MEAL_COLUMNS}{MEAL_FROM} WHERE 1 = 1"), push, "m.served_on DESC, m.id DESC", paging, MealRecord::from_row).await
    }

    /// (tier, subsidy, paid by elder) of every meal a canteen served in a month (YYYY-MM).
    /// The tier, subsidy and elder's share of each meal of a canteen's month (the settlement's input).
    pub async fn canteen_month_meals(&self, canteen_id: i64, month: &str) -> Result<Vec<(MealTier, Fen, Fen)>> {
        let rows = sqlx::query("SELECT tier, subsidy, paid_by_elder FROM canteen_meals WHERE canteen_id = $1 AND served_on >= $2 AND served_on <= $3 ORDER BY id")
            .bind(canteen_id)
            .bind(format!("{month}-01"))
            .bind(format!("{month}-31"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((Column::column(r, "tier")?, Column::column(r, "subsidy")?, Column::column(r, "paid_by_elder")?))).collect()
    }

    pub async fn canteen_settlement(&self, canteen_id: i64, month: &str) -> Result<Option<SettlementRecord>> {
        let row = sqlx::query("SELECT * FROM canteen_settlements WHERE canteen_id = $1 AND month = $2").bind(canteen_id).bind(month.to_owned()).fetch_optional(&self.pool).await?;
        row.as_ref().map(SettlementRecord::from_row).transpose()
    }

    pub async fn canteen_settlements(&self, scope: &Scope, canteen_id: Option<i64>) -> Result<Vec<SettlementRecord>> {
        let mut sql = Sql::new("SELECT * FROM canteen_settlements WHERE 1 = 1");
        scope.and_filter(&mut sql, "region_code");
        if let Some(c) = canteen_id {
            sql.push(" AND canteen_id = ").bind(c);
        }
        sql.push(" ORDER BY month DESC, canteen_id LIMIT 500");
        sql.query().fetch_all(&self.pool).await?.iter().map(SettlementRecord::from_row).collect()
    }

    /// Confirms a month once: a second confirmation is a conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_canteen_settlement<L: Serialize>(&self, tx: &mut Tx, canteen: &CanteenRecord, month: &str, meals: i64, subsidy: i64, paid: i64, lines: &L, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let inserted = sqlx::query(
            "INSERT INTO canteen_settlements (id, canteen_id, region_code, month, meals, subsidy_total, paid_by_elders, lines, confirmed_by, confirmed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(canteen.id)
        .bind(canteen.region_code.as_str().to_owned())
        .bind(month.to_owned())
        .bind(meals)
        .bind(subsidy)
        .bind(paid)
        .bind(to_json(lines))
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() { StoreError::conflict("month", format!("{month} 已结算"), format!("{month} is already settled")) } else { e });
        }
        Ok(id)
    }
}
