//! 救助统计 the assistance dashboard: coverage, money paid, average benefit, overdue steps.
use std::collections::BTreeMap;

use minzheng_core::registry::region::RegionLevel;
use serde::Serialize;
use sqlx::Row;

use crate::sql::Sql;
use crate::{Result, Scope, Store};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeArea {
    pub region_code: String,
    pub region_name: Option<String>,
    pub programme: String,
    pub households: i64,
    pub persons: i64,
    pub monthly: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct PaidMonth {
    pub month: String,
    pub programme: String,
    pub total: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    pub region_code: String,
    pub region_name: Option<String>,
    pub population: i64,
    /// persons in active dibao and tekun cases
    pub persons: i64,
    pub permille: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct AverageBenefit {
    pub programme: String,
    pub households: i64,
    pub monthly: i64,
    /// monthly ÷ households, rounded down to the fen
    pub average: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Overdue {
    pub region_code: String,
    pub region_name: Option<String>,
    pub count: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct AssistanceStats {
    pub as_of: String,
    pub by_town: Vec<ProgrammeArea>,
    pub paid_by_month: Vec<PaidMonth>,
    pub coverage: Vec<Coverage>,
    pub average_benefit: Vec<AverageBenefit>,
    pub overdue: Vec<Overdue>,
}

impl Store {
    /// Figures for the account's region, grouped by its children: towns for a district, villages
    /// for a town.
    pub async fn assistance_stats(&self, scope: &Scope, today: &str) -> Result<AssistanceStats> {
        let len = match scope.root().map(|r| r.level()) {
            Some(RegionLevel::Town | RegionLevel::Village | RegionLevel::Grid) => 12,
            Some(RegionLevel::County) | None => 9,
            Some(RegionLevel::City) => 6,
            Some(RegionLevel::Province) => 4,
        };
        let group = format!("SUBSTR(region_code, 1, {len})");
        let pad = |s: String| format!("{s:0<12}");

        let mut sql = Sql::new(&format!("SELECT {group}, programme, COUNT(*), CAST(SUM(members) AS BIGINT), CAST(SUM(monthly) AS BIGINT) FROM cases WHERE status = 'active'"));
        scope.and_filter(&mut sql, "region_code");
        sql.push(&format!(" GROUP BY {group}, programme ORDER BY 1, 2"));
        let mut by_town = Vec::new();
        for r in &sql.query().fetch_all(&self.pool).await? {
            by_town.push(ProgrammeArea { region_code: pad(r.try_get(0)?), region_name: None, programme: r.try_get(1)?, households: r.try_get(2)?, persons: r.try_get(3)?, monthly: r.try_get(4)? });
        }

        let mut sql = Sql::new("SELECT p.month, p.programme, CAST(SUM(l.amount) AS BIGINT) FROM payroll_lines l JOIN payroll_runs p ON p.id = l.run_id WHERE 1 = 1");
        scope.and_filter(&mut sql, "l.region_code");
        sql.push(" GROUP BY p.month, p.programme ORDER BY p.month, p.programme");
        let mut paid_by_month = Vec::new();
        for r in &sql.query().fetch_all(&self.pool).await? {
            paid_by_month.push(PaidMonth { month: r.try_get(0)?, programme: r.try_get(1)?, total: r.try_get(2)? });
        }

        let mut sql = Sql::new(&format!("SELECT {group}, COUNT(*) FROM persons WHERE alive = 1"));
        scope.and_filter(&mut sql, "region_code");
        sql.push(&format!(" GROUP BY {group}"));
        let mut population: BTreeMap<String, i64> = BTreeMap::new();
        for r in &sql.query().fetch_all(&self.pool).await? {
            population.insert(pad(r.try_get(0)?), r.try_get(1)?);
        }
        let mut covered: BTreeMap<String, i64> = BTreeMap::new();
        for a in by_town.iter().filter(|a| a.programme == "dibao" || a.programme == "tekun") {
            *covered.entry(a.region_code.clone()).or_default() += a.persons;
        }
        let coverage = population
            .into_iter()
            .map(|(code, population)| {
                let persons = covered.get(&code).copied().unwrap_or_default();
                Coverage { region_code: code, region_name: None, population, persons, permille: if population > 0 { persons * 1000 / population } else { 0 } }
            })
            .collect::<Vec<_>>();

        let mut avg: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for a in &by_town {
            let e = avg.entry(a.programme.clone()).or_default();
            e.0 += a.households;
            e.1 += a.monthly;
        }
        let average_benefit = avg
            .into_iter()
            .map(|(programme, (households, monthly))| AverageBenefit { programme, households, monthly, average: if households > 0 { monthly / households } else { 0 } })
            .collect();

        let mut sql = Sql::new(&format!("SELECT {group}, COUNT(*) FROM applications WHERE stage NOT IN ('approved', 'rejected', 'withdrawn', 'notice') AND deadline < "));
        sql.bind(today.to_owned());
        scope.and_filter(&mut sql, "region_code");
        sql.push(&format!(" GROUP BY {group} ORDER BY 1"));
        let mut overdue = Vec::new();
        for r in &sql.query().fetch_all(&self.pool).await? {
            overdue.push(Overdue { region_code: pad(r.try_get(0)?), region_name: None, count: r.try_get(1)? });
        }

        let mut stats = AssistanceStats { as_of: today.to_owned(), by_town, paid_by_month, coverage, average_benefit, overdue };
        self.name_stat_regions(&mut stats).await?;
        Ok(stats)
    }

    async fn name_stat_regions(&self, s: &mut AssistanceStats) -> Result<()> {
        let codes: Vec<String> = s.by_town.iter().map(|a| a.region_code.clone()).chain(s.coverage.iter().map(|c| c.region_code.clone())).chain(s.overdue.iter().map(|o| o.region_code.clone())).collect();
        let names = self.region_names(&codes).await?;
        for a in &mut s.by_town {
            a.region_name = names.get(&a.region_code).cloned();
        }
        for c in &mut s.coverage {
            c.region_name = names.get(&c.region_code).cloned();
        }
        for o in &mut s.overdue {
            o.region_name = names.get(&o.region_code).cloned();
        }
        Ok(())
    }
}
