//! 入户抽查 the yearly re-inspection sample and its visits.
use minzheng_core::verification::sampling::{Draw, Sample};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use minzheng_core::registry::region::RegionCode;

use crate::assistance::{json, to_json, town_of};
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TownRow {
    pub town_code: String,
    pub population: i64,
    pub city: i64,
    pub district: i64,
    #[serde(default)]
    pub done: i64,
}

record! {
    #[derive(Clone, Debug, Serialize)]
    pub struct DrawRecord(r) {
        pub id: i64,
        pub year: i64,
        pub region_code: String,
        pub seed: String,
        pub population: i64,
        pub city_count: i64,
        pub district_count: i64,
        pub city_share_permille: i64 as "city_share",
        pub district_share_permille: i64 as "district_share",
        pub by_town: Vec<TownRow> = json(&r.try_get::<String, _>("by_town")?, "sampling_draws.by_town")?,
        pub created_by: String,
        pub created_at: String,
    }
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SampleItem(r) {
        pub id: i64,
        pub draw_id: i64,
        pub case_id: i64,
        pub household_id: i64,
        pub region_code: String,
        pub town_code: String,
        pub applicant_name: String as "head_name",
        pub address: String,
        pub sample: String,
        pub status: String,
        pub outcome: Option<String>,
        pub note: String,
        pub visited_by: Option<String>,
        pub visited_on: Option<String>,
        pub version: i64,
    }
}

const ITEM_COLUMNS: &str = "i.id, i.draw_id, i.case_id, i.household_id, i.region_code, i.town_code, c.head_name, COALESCE(h.address, '') AS address, \
    i.sample, i.status, i.outcome, i.note, i.visited_by, i.visited_on, i.version";
const ITEM_FROM: &str = " FROM sampling_items i JOIN cases c ON c.id = i.case_id LEFT JOIN households h ON h.id = i.household_id";

#[derive(Default, Clone, Debug)]
pub struct ItemFilter {
    pub sample: Option<String>,
    pub status: Option<String>,
    pub town: Option<String>,
}

impl Store {
    /// The population of a draw: (case id, household id, region) of the region's active dibao
    /// cases, one per household.
    pub async fn sampling_population(&self, region: &minzheng_core::registry::region::RegionCode) -> Result<Vec<(i64, i64, String)>> {
        let mut sql = Sql::new("SELECT MIN(id), household_id, MIN(region_code) FROM cases WHERE status = 'active' AND programme = 'dibao' AND ");
        sql.region_range("region_code", &region.scope_bounds());
        sql.push(" GROUP BY household_id ORDER BY household_id");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
    }

    /// Stores a draw; a second draw of the same year and region is a conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_draw(
        &self,
        tx: &mut Tx,
        year: i32,
        region_code: &str,
        seed: &str,
        shares: (i64, i64),
        population: &[(i64, i64, String)],
        draw: &Draw,
        actor: &str,
    ) -> Result<i64> {
        let id = tx.next_id().await?;
        let by_town: Vec<TownRow> = draw
            .by_town
            .iter()
            .map(|t| TownRow { town_code: t.town.clone(), population: t.population as i64, city: t.city as i64, district: t.district as i64, done: 0 })
            .collect();
        let city = draw.items.iter().filter(|i| i.2 == Sample::City).count() as i64;
        let inserted = sqlx::query(
            "INSERT INTO sampling_draws (id, year, region_code, seed, population, city_count, district_count, city_share, district_share, by_town, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(i64::from(year))
        .bind(region_code.to_owned())
        .bind(seed.to_owned())
        .bind(population.len() as i64)
        .bind(city)
        .bind(draw.items.len() as i64 - city)
        .bind(shares.0)
        .bind(shares.1)
        .bind(to_json(&by_town))
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() {
                StoreError::conflict("year", format!("{year}年度本地区已抽取过入户抽查名单"), format!("the {year} sample of this region was already drawn"))
            } else {
                e
            });
        }
        let by_household: std::collections::HashMap<i64, (i64, &str)> = population.iter().map(|(c, h, r)| (*h, (*c, r.as_str()))).collect();
        let now = crate::now();
        let ids = tx.reserve_ids(draw.items.len() as i64).await?;
        for chunk in ids.zip(&draw.items).collect::<Vec<_>>().chunks(500) {
            let mut sql = Sql::bulk("INSERT INTO sampling_items (id, draw_id, case_id, household_id, region_code, town_code, sample, status, outcome, note, visited_by, visited_on, version, updated_at) VALUES ", self.backend());
            for (i, (item_id, (household_id, town, sample))) in chunk.iter().enumerate() {
                let (case_id, region) = by_household.get(household_id).copied().ok_or_else(|| StoreError::Corrupt(format!("household {household_id} not in the population")))?;
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(*item_id).push(", ").bind(id).push(", ").bind(case_id).push(", ").bind(*household_id).push(", ").bind(region.to_owned());
                sql.push(", ").bind(town.clone()).push(", ").bind(sample.as_str().to_owned()).push(", 'pending', NULL, '', NULL, NULL, 1, ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        Ok(id)
    }

    /// A draw, with the visits done per town counted now. Visible to accounts within its region
    /// (a town sees the district's draw, with its own town's counts) and above it.
    pub async fn draw(&self, scope: &Scope, id: i64) -> Result<DrawRecord> {
        let row = sqlx::query("SELECT * FROM sampling_draws WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let mut d = DrawRecord::from_row(&row)?;
        let region = RegionCode::parse(&d.region_code).map_err(|_| StoreError::Corrupt(format!("draw {id} region")))?;
        let visible = |code: &RegionCode| scope.contains(code) || scope.root().is_some_and(|root| code.contains(root));
        if !visible(&region) {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query("SELECT town_code, COUNT(*) FROM sampling_items WHERE draw_id = $1 AND status = 'done' GROUP BY town_code").bind(id).fetch_all(&self.pool).await?;
        for r in rows {
            let town: String = r.try_get(0)?;
            let n: i64 = r.try_get(1)?;
            if let Some(t) = d.by_town.iter_mut().find(|t| t.town_code == town) {
                t.done = n;
            }
        }
        d.by_town.retain(|t| RegionCode::parse(&t.town_code).is_ok_and(|c| visible(&c)));
        Ok(d)
    }

    /// The draws whose region contains the account's region or lies within it.
    pub async fn draws(&self, scope: &Scope) -> Result<Vec<DrawRecord>> {
        let rows = sqlx::query("SELECT id FROM sampling_draws ORDER BY year DESC, id DESC").fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        for r in rows {
            match self.draw(scope, r.try_get(0)?).await {
                Ok(d) => out.push(d),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    pub async fn sample_items(&self, scope: &Scope, draw_id: i64, f: &ItemFilter, paging: Paging) -> Result<Page<SampleItem>> {
        let push = |sql: &mut Sql| {
            sql.push(" AND i.draw_id = ").bind(draw_id);
            scope.and_filter(sql, "i.region_code");
            if let Some(s) = &f.sample {
                sql.push(" AND i.sample = ").bind(s.clone());
            }
            if let Some(s) = &f.status {
                sql.push(" AND i.status = ").bind(s.clone());
            }
            if let Some(t) = &f.town {
                sql.push(" AND i.town_code = ").bind(town_of(t));
            }
        };
        self.page_of("FROM sampling_items i WHERE 1 = 1", &format!("SELECT {ITEM_COLUMNS}{ITEM_FROM} WHERE 1 = 1"), push, "i.town_code, i.id", paging, SampleItem::from_row).await
    }

    pub async fn sample_item(&self, scope: &Scope, id: i64) -> Result<SampleItem> {
        let mut sql = Sql::new(&format!("SELECT {ITEM_COLUMNS}{ITEM_FROM} WHERE i.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "i.region_code");
        SampleItem::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Records a re-inspection once (version-checked).
    #[allow(clippy::too_many_arguments)]
    pub async fn record_visit(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, outcome: &str, note: &str, visited_on: &str, actor: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE sampling_items SET status = 'done', outcome = ");
        sql.bind(outcome.to_owned()).push(", note = ").bind(note.to_owned()).push(", visited_by = ").bind(actor.to_owned());
        sql.push(", visited_on = ").bind(visited_on.to_owned()).push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version).push(" AND status = 'pending'");
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该户的抽查结果已登记或已被他人修改，请刷新", "the re-inspection was already recorded or changed; reload it")?;
        Ok(())
    }
}
