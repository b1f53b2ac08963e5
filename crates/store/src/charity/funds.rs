//! 基金、项目、募捐活动 funds, projects and campaigns, with what was raised and spent for each.
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::charity::kinds::ProjectStatus;
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct FundRecord(r) {
        pub id: i64,
        pub code: String,
        pub name: String,
        pub purpose: String,
        /// donations counted to the fund (designated to it or to one of its projects), money and goods
        pub income_fen: i64,
        /// allocations paid from the fund
        pub spent_fen: i64,
        /// money held in the pools designated to the fund or its projects
        pub balance_fen: i64,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ProjectRecord(r) {
        pub id: i64,
        pub fund_id: i64,
        pub fund_name: String,
        pub name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub target_fen: i64,
        /// donations designated to the project
        pub raised_fen: i64,
        /// allocations made under the project
        pub allocated_fen: i64,
        pub description: String,
        pub starts_on: NaiveDate,
        pub ends_on: Option<NaiveDate>,
        pub status: ProjectStatus,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct CampaignRecord(r) {
        pub id: i64,
        pub name: String,
        pub starts_on: NaiveDate,
        pub ends_on: NaiveDate,
        pub target_fen: i64,
        pub raised_fen: i64,
        pub donations: i64,
        pub description: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct DayAmount {
    pub day: NaiveDate,
    pub amount_fen: i64,
    pub count: i64,
}

pub struct NewProject {
    pub fund_id: i64,
    pub name: String,
    pub region_code: RegionCode,
    pub target_fen: i64,
    pub description: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

pub struct NewCampaign {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target_fen: i64,
    pub description: String,
}

const FUND_SELECT: &str = "SELECT f.*, \
     COALESCE((SELECT CAST(SUM(d.amount_fen) AS BIGINT) FROM charity_donations d WHERE d.fund_id = f.id), 0) AS income_fen, \
     COALESCE((SELECT CAST(SUM(a.amount_fen) AS BIGINT) FROM charity_allocations a WHERE a.fund_id = f.id), 0) AS spent_fen, \
     COALESCE((SELECT CAST(SUM(p.balance_fen) AS BIGINT) FROM charity_pools p WHERE (p.designation_kind = 'fund' AND p.designation_value = f.code) \
        OR (p.designation_kind = 'project' AND p.designation_value IN (SELECT CAST(x.id AS TEXT) FROM charity_projects x WHERE x.fund_id = f.id))), 0) AS balance_fen \
     FROM charity_funds f";


const PROJECT_SELECT: &str = "SELECT p.*, f.name AS fund_name, \
     COALESCE((SELECT CAST(SUM(d.amount_fen) AS BIGINT) FROM charity_donations d WHERE d.designation_kind = 'project' AND d.designation_value = CAST(p.id AS TEXT)), 0) AS raised_fen, \
     COALESCE((SELECT CAST(SUM(a.amount_fen) AS BIGINT) FROM charity_allocations a WHERE a.project_id = p.id), 0) AS allocated_fen \
     FROM charity_projects p JOIN charity_funds f ON f.id = p.fund_id";


const CAMPAIGN_SELECT: &str = "SELECT c.*, \
     COALESCE((SELECT CAST(SUM(d.amount_fen) AS BIGINT) FROM charity_donations d WHERE d.campaign_id = c.id), 0) AS raised_fen, \
     (SELECT COUNT(*) FROM charity_donations d WHERE d.campaign_id = c.id) AS donations \
     FROM charity_campaigns c";


/// The names labels need, without the sums: funds (id, code, name), projects (id, name, region),
/// campaigns (id, name).
#[derive(Clone, Debug, Default)]
pub struct CharityNames {
    pub funds: Vec<(i64, String, String)>,
    pub projects: Vec<(i64, String, String)>,
    pub campaigns: Vec<(i64, String)>,
}

impl Store {
    pub async fn charity_names(&self) -> Result<CharityNames> {
        let funds = sqlx::query("SELECT id, code, name FROM charity_funds").fetch_all(&self.pool).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect::<Result<_>>()?;
        let projects = sqlx::query("SELECT id, name, region_code FROM charity_projects").fetch_all(&self.pool).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect::<Result<_>>()?;
        let campaigns = sqlx::query("SELECT id, name FROM charity_campaigns").fetch_all(&self.pool).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
        Ok(CharityNames { funds, projects, campaigns })
    }

    pub async fn charity_funds(&self) -> Result<Vec<FundRecord>> {
        sqlx::query(sqlx::AssertSqlSafe(format!("{FUND_SELECT} ORDER BY f.id"))).fetch_all(&self.pool).await?.iter().map(FundRecord::from_row).collect()
    }

    pub async fn charity_fund(&self, id: i64) -> Result<FundRecord> {
        FundRecord::from_row(&sqlx::query(sqlx::AssertSqlSafe(format!("{FUND_SELECT} WHERE f.id = $1"))).bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn charity_fund_by_code(&self, code: &str) -> Result<Option<FundRecord>> {
        sqlx::query(sqlx::AssertSqlSafe(format!("{FUND_SELECT} WHERE f.code = $1"))).bind(code.to_owned()).fetch_optional(&self.pool).await?.as_ref().map(FundRecord::from_row).transpose()
    }

    pub async fn charity_insert_fund(&self, tx: &mut Tx, code: &str, name: &str, purpose: &str, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let r = sqlx::query("INSERT INTO charity_funds (id, code, name, purpose, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(code.to_owned())
            .bind(name.to_owned())
            .bind(purpose.to_owned())
            .bind(by.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await;
        match r.map_err(StoreError::from) {
            Err(e) if e.is_unique_violation() => Err(StoreError::conflict("code", format!("基金代码 {code} 已存在"), format!("fund code {code} exists"))),
            Err(e) => Err(e),
            Ok(_) => Ok(id),
        }
    }

    pub async fn charity_projects(&self, fund_id: Option<i64>, status: Option<ProjectStatus>) -> Result<Vec<ProjectRecord>> {
        let mut sql = crate::sql::Sql::new(&format!("{PROJECT_SELECT} WHERE 1 = 1"));
        if let Some(f) = fund_id {
            sql.push(" AND p.fund_id = ").bind(f);
        }
        if let Some(s) = status {
            sql.push(" AND p.status = ").bind(s.as_str().to_owned());
        }
        sql.push(" ORDER BY p.id");
        sql.query().fetch_all(&self.pool).await?.iter().map(ProjectRecord::from_row).collect()
    }

    pub async fn charity_project(&self, id: i64) -> Result<ProjectRecord> {
        ProjectRecord::from_row(&sqlx::query(sqlx::AssertSqlSafe(format!("{PROJECT_SELECT} WHERE p.id = $1"))).bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn charity_insert_project(&self, tx: &mut Tx, p: &NewProject, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO charity_projects (id, fund_id, name, region_code, target_fen, description, starts_on, ends_on, status, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10)",
        )
        .bind(id)
        .bind(p.fund_id)
        .bind(p.name.clone())
        .bind(p.region_code.as_str().to_owned())
        .bind(p.target_fen)
        .bind(p.description.clone())
        .bind(p.starts_on.to_string())
        .bind(p.ends_on.map(|d| d.to_string()))
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    pub async fn charity_campaigns(&self) -> Result<Vec<CampaignRecord>> {
        sqlx::query(sqlx::AssertSqlSafe(format!("{CAMPAIGN_SELECT} ORDER BY c.starts_on DESC, c.id DESC"))).fetch_all(&self.pool).await?.iter().map(CampaignRecord::from_row).collect()
    }

    pub async fn charity_campaign(&self, id: i64) -> Result<CampaignRecord> {
        CampaignRecord::from_row(&sqlx::query(sqlx::AssertSqlSafe(format!("{CAMPAIGN_SELECT} WHERE c.id = $1"))).bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// What a campaign raised, day by day.
    pub async fn charity_campaign_days(&self, id: i64) -> Result<Vec<DayAmount>> {
        let rows = sqlx::query("SELECT received_on, CAST(SUM(amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_donations WHERE campaign_id = $1 GROUP BY received_on ORDER BY received_on")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(DayAmount { day: crate::row::Column::column(r, "received_on")?, amount_fen: r.try_get(1)?, count: r.try_get(2)? })).collect()
    }

    pub async fn charity_insert_campaign(&self, tx: &mut Tx, c: &NewCampaign, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO charity_campaigns (id, name, starts_on, ends_on, target_fen, description, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id)
            .bind(c.name.clone())
            .bind(c.starts_on.to_string())
            .bind(c.ends_on.to_string())
            .bind(c.target_fen)
            .bind(c.description.clone())
            .bind(by.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }
}
