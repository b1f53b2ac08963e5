//! 政策参数 policy parameters, the holiday calendar and the staff-relatives register (近亲属备案).
use chrono::NaiveDate;
use minzheng_core::assistance::calendar::WorkCalendar;
use minzheng_core::assistance::policy::{ParamKey, PolicyParam, PolicySet};
use minzheng_core::assistance::YearMonth;
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use super::month_of;
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::record;

record! {
    /// A stored parameter value with who set it.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ParamRecord(r) {
        pub id: i64,
        pub key: String,
        pub region_prefix: String,
        pub effective_month: String,
        pub value: i64,
        pub note: String,
        pub created_by: String,
        pub created_at: String,
    }
}

const PARAM_COLUMNS: &str = "id, key, region_prefix, effective_month, value, note, created_by, created_at";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Holiday {
    pub day: String,
    /// `holiday` (a weekday off) or `workday` (a weekend day worked, 调休)
    pub kind: String,
    pub name: String,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct StaffRelative(r) {
        pub id: i64,
        pub id_number: String,
        pub name: String,
        pub staff_name: String,
        pub staff_post: String,
        pub relation: String,
        pub region_code: String,
        pub created_by: String,
        pub created_at: String,
    }
}

pub struct NewStaffRelative {
    pub id_number: String,
    pub name: String,
    pub staff_name: String,
    pub staff_post: String,
    pub relation: String,
    pub region_code: String,
}

impl Store {
    /// Every stored parameter, as the rules look them up. The table is small (a few per region and
    /// year), so it is read whole.
    pub async fn policy(&self) -> Result<PolicySet> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {PARAM_COLUMNS} FROM policy_params ORDER BY id")))
            .fetch_all(&self.pool)
            .await?;
        let mut params = Vec::with_capacity(rows.len());
        for row in &rows {
            let r = ParamRecord::from_row(row)?;
            let key = ParamKey::parse(&r.key).ok_or_else(|| StoreError::Corrupt(format!("unknown parameter {}", r.key)))?;
            params.push(PolicyParam { id: r.id, key, region_prefix: r.region_prefix, effective: month_of(&r.effective_month)?, value: r.value });
        }
        Ok(PolicySet::new(params))
    }

    /// The history of values, newest first; `region` keeps the prefixes on the path to it.
    pub async fn list_params(&self, key: Option<ParamKey>, region: Option<&RegionCode>) -> Result<Vec<ParamRecord>> {
        let region = region.map(RegionCode::prefix);
        let mut sql = Sql::new(&format!("SELECT {PARAM_COLUMNS} FROM policy_params WHERE 1 = 1"));
        if let Some(k) = key {
            sql.push(" AND key = ").bind(k.as_str().to_owned());
        }
        sql.push(" ORDER BY id DESC");
        let rows = sql.query().fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        for row in &rows {
            let r = ParamRecord::from_row(row)?;
            if region.is_none_or(|code| code.starts_with(&r.region_prefix) || r.region_prefix.starts_with(code)) {
                out.push(r);
            }
        }
        Ok(out)
    }

    pub async fn insert_param(&self, tx: &mut Tx, key: ParamKey, region_prefix: &str, effective: YearMonth, value: i64, note: &str, actor: &str) -> Result<ParamRecord> {
        let id = tx.next_id().await?;
        let rec = ParamRecord {
            id,
            key: key.as_str().to_owned(),
            region_prefix: region_prefix.to_owned(),
            effective_month: effective.to_string(),
            value,
            note: note.to_owned(),
            created_by: actor.to_owned(),
            created_at: crate::now(),
        };
        sqlx::query("INSERT INTO policy_params (id, key, region_prefix, effective_month, value, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(rec.id)
            .bind(rec.key.clone())
            .bind(rec.region_prefix.clone())
            .bind(rec.effective_month.clone())
            .bind(rec.value)
            .bind(rec.note.clone())
            .bind(rec.created_by.clone())
            .bind(rec.created_at.clone())
            .execute(&mut *tx.tx)
            .await?;
        Ok(rec)
    }

    pub async fn holidays(&self) -> Result<Vec<Holiday>> {
        let rows = sqlx::query("SELECT day, kind, name FROM holidays ORDER BY day").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(Holiday { day: r.try_get("day")?, kind: r.try_get("kind")?, name: r.try_get("name")? })).collect()
    }

    /// The working-day calendar from the holidays table.
    pub async fn calendar(&self) -> Result<WorkCalendar> {
        let mut off = Vec::new();
        let mut on = Vec::new();
        for h in self.holidays().await? {
            let Ok(day) = NaiveDate::parse_from_str(&h.day, "%Y-%m-%d") else { continue };
            if h.kind == "workday" { on.push(day) } else { off.push(day) }
        }
        Ok(WorkCalendar::new(off, on))
    }

    pub async fn put_holiday(&self, tx: &mut Tx, h: &Holiday) -> Result<()> {
        sqlx::query("DELETE FROM holidays WHERE day = $1").bind(h.day.clone()).execute(&mut *tx.tx).await?;
        sqlx::query("INSERT INTO holidays (day, kind, name) VALUES ($1, $2, $3)")
            .bind(h.day.clone())
            .bind(h.kind.clone())
            .bind(h.name.clone())
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    pub async fn delete_holiday(&self, tx: &mut Tx, day: &str) -> Result<()> {
        let n = sqlx::query("DELETE FROM holidays WHERE day = $1").bind(day.to_owned()).execute(&mut *tx.tx).await?.rows_affected();
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub async fn staff_relatives(&self, scope: &Scope) -> Result<Vec<StaffRelative>> {
        let mut sql = Sql::new("SELECT * FROM staff_relatives WHERE 1 = 1");
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY id DESC");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(StaffRelative::from_row).collect()
    }

    /// Registered relatives among these ID numbers (any region: a relative of a cadre elsewhere in
    /// the district is still a relative).
    pub async fn relatives_among(&self, id_numbers: &[String]) -> Result<Vec<StaffRelative>> {
        let mut out = Vec::new();
        for id in id_numbers {
            let rows = sqlx::query("SELECT * FROM staff_relatives WHERE id_number = $1").bind(id.clone()).fetch_all(&self.pool).await?;
            for r in &rows {
                out.push(StaffRelative::from_row(r)?);
            }
        }
        Ok(out)
    }

    pub async fn insert_staff_relative(&self, tx: &mut Tx, r: &NewStaffRelative, actor: &str) -> Result<StaffRelative> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query("INSERT INTO staff_relatives (id, id_number, name, staff_name, staff_post, relation, region_code, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(r.id_number.clone())
            .bind(r.name.clone())
            .bind(r.staff_name.clone())
            .bind(r.staff_post.clone())
            .bind(r.relation.clone())
            .bind(r.region_code.clone())
            .bind(actor.to_owned())
            .bind(now.clone())
            .execute(&mut *tx.tx)
            .await?;
        Ok(StaffRelative {
            id,
            id_number: r.id_number.clone(),
            name: r.name.clone(),
            staff_name: r.staff_name.clone(),
            staff_post: r.staff_post.clone(),
            relation: r.relation.clone(),
            region_code: r.region_code.clone(),
            created_by: actor.to_owned(),
            created_at: now,
        })
    }

    pub async fn delete_staff_relative(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<StaffRelative> {
        let row = sqlx::query("SELECT * FROM staff_relatives WHERE id = $1").bind(id).fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        let rec = StaffRelative::from_row(&row)?;
        if !scope.contains_str(&rec.region_code) {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM staff_relatives WHERE id = $1").bind(id).execute(&mut *tx.tx).await?;
        Ok(rec)
    }
}
