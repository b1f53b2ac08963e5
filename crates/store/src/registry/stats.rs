//! 人口概况 population statistics for a region subtree: by child region, age pyramid, elderly
//! counts and disability. Computed in the database (grouped counts), never by loading persons.
use chrono::NaiveDate;
use minzheng_core::registry::region::RegionCode;
use sqlx::Row;

use super::persons::born_on_or_before;
use crate::sql::Sql;
use crate::{Result, Scope, Store};

/// Five-year bands up to 100+.
pub const AGE_BANDS: usize = 21;

pub fn band_label(i: usize) -> String {
    if i + 1 == AGE_BANDS { "100+".to_owned() } else { format!("{}-{}", i * 5, i * 5 + 4) }
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ChildCount {
    pub code: String,
    pub name: String,
    pub persons: i64,
    pub households: i64,
    pub elderly_60: i64,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PopulationStats {
    pub persons: i64,
    pub alive: i64,
    /// persons who belong to a household
    pub in_households: i64,
    pub households: i64,
    pub by_child: Vec<ChildCount>,
    /// [band][0 = male, 1 = female]
    pub pyramid: Vec<[i64; 2]>,
    pub disability_by_kind_grade: Vec<(String, i64, i64)>,
}

impl PopulationStats {
    /// Alive persons aged at least `years` (60, 80, 90, 100: band edges).
    pub fn aged_at_least(&self, years: usize) -> i64 {
        self.pyramid.iter().skip(years / 5).map(|b| b[0] + b[1]).sum()
    }
}

impl Store {
    /// The population inside `scope`, broken down by the children of its region (a list's region
    /// filter narrows the account's scope to the region described).
    pub async fn population_stats(&self, scope: &Scope, today: NaiveDate) -> Result<PopulationStats> {
        let mut out = PopulationStats { pyramid: vec![[0, 0]; AGE_BANDS], ..Default::default() };

        let mut sql = Sql::new("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(p.alive), 0) AS BIGINT) AS alive, \
            CAST(COALESCE(SUM(CASE WHEN p.household_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS in_households FROM persons p WHERE 1 = 1");
        scope.and_filter(&mut sql, "p.region_code");
        let row = sql.query().fetch_one(&self.pool).await?;
        out.persons = row.try_get("n")?;
        out.alive = row.try_get("alive")?;
        out.in_households = row.try_get("in_households")?;

        let mut sql = Sql::new("SELECT COUNT(*) FROM households h WHERE 1 = 1");
        scope.and_filter(&mut sql, "h.region_code");
        out.households = sql.query_scalar().fetch_one(&self.pool).await?;

        // age band by comparing birth dates with the band edges (text dates compare as dates)
        let mut sql = Sql::new("SELECT p.gender, CASE");
        for i in 1..AGE_BANDS {
            sql.push(" WHEN p.birth_date > ").bind(born_on_or_before(today, (i * 5) as u32).to_string());
            sql.push(&format!(" THEN {}", i - 1));
        }
        sql.push(&format!(" ELSE {} END AS band, COUNT(*) AS n FROM persons p WHERE p.alive = 1", AGE_BANDS - 1));
        scope.and_filter(&mut sql, "p.region_code");
        sql.push(" GROUP BY p.gender, band");
        for row in sql.query().fetch_all(&self.pool).await? {
            let g: String = row.try_get("gender")?;
            let b = row.try_get::<i64, _>("band")? as usize;
            let n: i64 = row.try_get("n")?;
            if b < AGE_BANDS {
                out.pyramid[b][usize::from(g != "male")] += n;
            }
        }

        let mut sql = Sql::new("SELECT p.disability_kind AS kind, p.disability_grade AS grade, COUNT(*) AS n FROM persons p WHERE p.alive = 1 AND p.disability_kind IS NOT NULL");
        scope.and_filter(&mut sql, "p.region_code");
        sql.push(" GROUP BY p.disability_kind, p.disability_grade ORDER BY p.disability_kind, p.disability_grade");
        for row in sql.query().fetch_all(&self.pool).await? {
            out.disability_by_kind_grade.push((row.try_get("kind")?, row.try_get::<Option<i64>, _>("grade")?.unwrap_or(0), row.try_get("n")?));
        }

        if let Some(region) = scope.root() && let Some(child_level) = region.child_level() {
            let children = self.region_children(region).await?;
            let width = match child_level {
                minzheng_core::registry::region::RegionLevel::Grid => 15,
                _ => RegionCode::parse(&children.first().map(|c| c.code.clone()).unwrap_or_default()).map(|c| c.prefix().len()).unwrap_or(12),
            };
            let sixty = born_on_or_before(today, 60).to_string();
            let mut counts: std::collections::HashMap<String, ChildCount> = std::collections::HashMap::new();
            let column = if width > 12 { "p.grid_code" } else { "p.region_code" };
            let mut sql = Sql::new(&format!("SELECT SUBSTR({column}, 1, {width}) AS k, COUNT(*) AS n, "));
            sql.push("CAST(COALESCE(SUM(CASE WHEN p.birth_date <= ").bind(sixty).push(" AND p.alive = 1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS e FROM persons p WHERE 1 = 1");
            scope.and_filter(&mut sql, "p.region_code");
            sql.push(" GROUP BY k");
            for row in sql.query().fetch_all(&self.pool).await? {
                let k: Option<String> = row.try_get("k")?;
                let Some(k) = k else { continue };
                let c = counts.entry(k).or_default();
                c.persons = row.try_get("n")?;
                c.elderly_60 = row.try_get("e")?;
            }
            // households are registered at a village, so grids get no household count
            let hwidth = width.min(12);
            let mut sql = Sql::new(&format!("SELECT SUBSTR(h.region_code, 1, {hwidth}) AS k, COUNT(*) AS n FROM households h WHERE 1 = 1"));
            scope.and_filter(&mut sql, "h.region_code");
            sql.push(" GROUP BY k");
            for row in sql.query().fetch_all(&self.pool).await? {
                let k: Option<String> = row.try_get("k")?;
                if let Some(k) = k.filter(|_| width <= 12) {
                    counts.entry(k).or_default().households = row.try_get("n")?;
                }
            }
            for child in children {
                if !scope.contains_str(&child.code) {
                    continue;
                }
                let key = RegionCode::parse(&child.code).map(|c| c.prefix().to_owned()).unwrap_or_default();
                let c = counts.remove(&key).unwrap_or_default();
                out.by_child.push(ChildCount { code: child.code, name: child.name, ..c });
            }
        }
        Ok(out)
    }
}

