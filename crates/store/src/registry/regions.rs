//! 行政区划 regions and the user-created grids (网格) below villages.
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use sqlx::Row;

use super::reference::RegionRow;
use crate::{Result, Store, StoreError, Tx};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub has_children: bool,
}

const REGION_COLUMNS: &str = "r.code, r.name, r.level, r.parent_code, \
    CASE WHEN EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) THEN 1 ELSE 0 END AS has_children";

fn region_from(row: &sqlx::any::AnyRow) -> Result<Region> {
    Ok(Region {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        level: row.try_get("level")?,
        parent_code: row.try_get("parent_code")?,
        has_children: row.try_get::<i64, _>("has_children")? != 0,
    })
}

impl Store {
    /// Inserts the regions that are not there yet; returns how many were added.
    pub async fn upsert_regions(&self, rows: &[RegionRow]) -> Result<usize> {
        let mut tx = self.begin().await?;
        let now = crate::now();
        let mut added = 0;
        for r in rows {
            let done = sqlx::query(
                "INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING",
            )
            .bind(r.code.as_str().to_owned())
            .bind(r.name.clone())
            .bind(r.level.as_str())
            .bind(r.parent.as_ref().map(|p| p.as_str().to_owned()))
            .bind(now.clone())
            .execute(&mut *tx.tx)
            .await?;
            added += done.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok(added)
    }

    pub async fn region(&self, code: &RegionCode) -> Result<Option<Region>> {
        let sql = format!("SELECT {REGION_COLUMNS} FROM regions r WHERE r.code = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(code.as_str().to_owned()).fetch_optional(&self.pool).await?;
        row.as_ref().map(region_from).transpose()
    }

    /// The region, or an `Invalid` error naming `field` if no such region is registered.
    pub async fn known_region(&self, code: &RegionCode, field: &str) -> Result<Region> {
        self.region(code).await?.ok_or_else(|| {
            StoreError::invalid(field, format!("区划代码 {code} 不存在"), format!("unknown region code {code}"))
        })
    }

    pub async fn region_children(&self, parent: &RegionCode) -> Result<Vec<Region>> {
        let sql = format!("SELECT {REGION_COLUMNS} FROM regions r WHERE r.parent_code = $1 ORDER BY r.code");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(parent.as_str().to_owned()).fetch_all(&self.pool).await?;
        rows.iter().map(region_from).collect()
    }

    /// The ancestors of `code` from the top down, then the region itself (those registered).
    pub async fn region_path(&self, code: &RegionCode) -> Result<Vec<Region>> {
        let mut chain = vec![code.clone()];
        while let Some(p) = chain.last().and_then(|c| c.parent()) {
            chain.push(p);
        }
        let mut out = Vec::new();
        for c in chain.iter().rev() {
            if let Some(r) = self.region(c).await? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Names of many regions at once (for lists and exports).
    pub async fn region_names(&self, codes: &[String]) -> Result<std::collections::HashMap<String, String>> {
        let mut out = std::collections::HashMap::new();
        for chunk in codes.chunks(500) {
            let mut sql = crate::sql::Sql::new("SELECT code, name FROM regions WHERE code IN (");
            for (i, c) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(c.clone());
            }
            sql.push(")");
            for row in sql.query().fetch_all(&self.pool).await? {
                out.insert(row.try_get("code")?, row.try_get("name")?);
            }
        }
        Ok(out)
    }

    /// Villages (and their town's name) under `root`, for the demo generator.
    pub async fn villages_under(&self, root: &RegionCode) -> Result<Vec<(RegionCode, String, String)>> {
        let mut sql = crate::sql::Sql::new(
            "SELECT v.code, v.name, t.name AS town_name FROM regions v JOIN regions t ON t.code = v.parent_code WHERE v.level = 'village'",
        );
        sql.push(" AND ");
        sql.region_range("v.code", &root.scope_bounds());
        sql.push(" ORDER BY v.code");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("code")?;
                let code = RegionCode::parse(&code).map_err(|e| StoreError::Corrupt(e.message_en))?;
                Ok((code, r.try_get("name")?, r.try_get("town_name")?))
            })
            .collect()
    }

    /// Creates a grid (网格) under a village: its code is the village's and the next 3-digit number.
    pub async fn create_grid(&self, tx: &mut Tx, village: &RegionCode, name: &str) -> Result<Region> {
        if village.level() != RegionLevel::Village {
            return Err(StoreError::invalid("parent_code", "网格只能建在村（社区）之下", "a grid belongs under a village or community"));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(StoreError::invalid("name", "网格名称须为1至40个字", "the grid name must be 1 to 40 characters"));
        }
        let existing: Vec<String> = sqlx::query_scalar("SELECT code FROM regions WHERE parent_code = $1")
            .bind(village.as_str().to_owned())
            .fetch_all(&mut *tx.tx)
            .await?;
        let next = existing.iter().filter_map(|c| c.get(12..).and_then(|s| s.parse::<u32>().ok())).max().unwrap_or(0) + 1;
        if next > 999 {
            return Err(StoreError::invalid("parent_code", "该村（社区）的网格已满999个", "this village already has 999 grids"));
        }
        let code = format!("{}{next:03}", village.as_str());
        sqlx::query("INSERT INTO regions (code, name, level, parent_code, created_at) VALUES ($1, $2, 'grid', $3, $4)")
            .bind(code.clone())
            .bind(name.to_owned())
            .bind(village.as_str().to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(Region { code, name: name.to_owned(), level: "grid".into(), parent_code: Some(village.as_str().to_owned()), has_children: false })
    }
}
