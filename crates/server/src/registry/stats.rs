//! 人口概况 the population dashboard.
use axum::Json;
use axum::extract::State;
use minzheng_core::access::Permission;
use minzheng_store::registry::stats::{AGE_BANDS, band_label};
use minzheng_store::today;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Ctx};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// default the account's own region
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<minzheng_core::registry::region::RegionCode>,
}

#[derive(Serialize, ToSchema)]
pub struct RegionRef {
    pub code: String,
    pub name: String,
    pub level: String,
}

#[derive(Serialize, ToSchema)]
pub struct ChildStat {
    pub code: String,
    pub name: String,
    pub persons: i64,
    pub households: i64,
    pub elderly_60: i64,
}

#[derive(Serialize, ToSchema)]
pub struct BandStat {
    pub band: String,
    pub male: i64,
    pub female: i64,
}

#[derive(Serialize, ToSchema)]
pub struct KindCount {
    pub kind: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct GradeCount {
    pub grade: i64,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct KindGradeCount {
    pub kind: String,
    pub grade: i64,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DisabilityStats {
    pub total: i64,
    pub by_kind: Vec<KindCount>,
    pub by_grade: Vec<GradeCount>,
    pub by_kind_grade: Vec<KindGradeCount>,
}

#[derive(Serialize, ToSchema)]
pub struct PopulationView {
    pub region: RegionRef,
    pub as_of: String,
    pub persons: i64,
    pub alive: i64,
    pub households: i64,
    /// persons in households ÷ households, one decimal
    pub avg_household_size: f64,
    pub by_child: Vec<ChildStat>,
    pub age_pyramid: Vec<BandStat>,
    /// alive persons aged 60+, 80+, 90+, 100+ (keys "60", "80", "90", "100")
    pub elderly: std::collections::BTreeMap<String, i64>,
    pub disability: DisabilityStats,
}

/// 人口概况 population of a region: by child region, age pyramid, elderly, disability.
#[utoipa::path(get, path = "/api/v1/stats/population", tag = "registry", params(StatsQuery), responses((status = 200, body = PopulationView)))]
pub async fn population(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<StatsQuery>) -> ApiResult<Json<PopulationView>> {
    let granted = ctx.grant(Permission::StatsRead)?;
    let region = q.region.clone().unwrap_or_else(|| ctx.region().clone());
    let scope = granted.within(Some(&region))?;
    let r = state.store.region(&region).await?.ok_or(ApiError::NotFound)?;
    let today = today();
    let s = state.store.population_stats(&scope, today).await?;
    let avg = if s.households > 0 {
        // one decimal, computed on integers: (10 × persons ÷ households) rounded half up
        let tenths = (20 * s.in_households + s.households) / (2 * s.households);
        tenths as f64 / 10.0
    } else {
        0.0
    };
    let mut by_kind: std::collections::BTreeMap<String, i64> = Default::default();
    let mut by_grade: std::collections::BTreeMap<i64, i64> = Default::default();
    for (k, g, n) in &s.disability_by_kind_grade {
        *by_kind.entry(k.clone()).or_default() += n;
        *by_grade.entry(*g).or_default() += n;
    }
    let elderly = [60usize, 80, 90, 100].iter().map(|y| (y.to_string(), s.aged_at_least(*y))).collect();
    Ok(Json(PopulationView {
        region: RegionRef { code: r.code, name: r.name, level: r.level },
        as_of: today.to_string(),
        persons: s.persons,
        alive: s.alive,
        households: s.households,
        avg_household_size: avg,
        by_child: s.by_child.iter().map(|c| ChildStat { code: c.code.clone(), name: c.name.clone(), persons: c.persons, households: c.households, elderly_60: c.elderly_60 }).collect(),
        age_pyramid: (0..AGE_BANDS).map(|i| BandStat { band: band_label(i), male: s.pyramid[i][0], female: s.pyramid[i][1] }).collect(),
        elderly,
        disability: DisabilityStats {
            total: by_kind.values().sum(),
            by_kind: by_kind.into_iter().map(|(kind, count)| KindCount { kind, count }).collect(),
            by_grade: by_grade.into_iter().map(|(grade, count)| GradeCount { grade, count }).collect(),
            by_kind_grade: s.disability_by_kind_grade.iter().map(|(k, g, n)| KindGradeCount { kind: k.clone(), grade: *g, count: *n }).collect(),
        },
    }))
}
