//! 老年人名册 the elderly register and 事找人 the daily search for persons newly eligible.
//!
//! Both are set-based SQL over the whole district: the register is rebuilt town by town (one
//! transaction each, progress stored after each), then each rule of `core::elderly::outreach`
//! inserts its new tasks in one `INSERT … SELECT`. A task exists at most once per person and rule
//! (unique index), so a dismissed task is not raised again.
use chrono::NaiveDate;
use minzheng_core::assistance::Programme;
use minzheng_core::elderly::assessment::Level;
use minzheng_core::elderly::assessment::living::Living;
use minzheng_core::elderly::outreach::{AgeBand, Limits, Rule, TaskStatus};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::assistance::in_active_case;
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::{self, record};

record! {
    /// A run of the search.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct OutreachRun(r) {
        pub id: i64,
        pub run_on: NaiveDate,
        /// `daily` (the server's schedule) or `manual`
        pub kind: String,
        /// `running`, `done`, `failed`
        pub status: String,
        /// percent
        pub progress: i64,
        pub step: String,
        pub elders: i64,
        pub found: i64,
        pub created: i64,
        pub by_rule: serde_json::Value = serde_json::from_str(&r.try_get::<String, _>("by_rule")?).unwrap_or(serde_json::Value::Null),
        pub error: Option<String>,
        pub created_by: String,
        pub started_at: String,
        pub finished_at: Option<String>,
    }
}


row::record! {
    /// A task on an officer's list, with what the officer needs to decide.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct TaskRecord(r) {
        pub id: i64,
        pub person_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub region_name: Option<String>,
        pub rule: Rule,
        pub programme: Option<Programme>,
        /// none (and `run_id` zeroed) in a masked answer of a birthday task, which leaves them out
        #[serde(skip_serializing_if = "Option::is_none")]
        pub found_on: Option<NaiveDate>,
        #[serde(skip_serializing_if = "is_zero")]
        pub run_id: i64,
        pub status: TaskStatus,
        pub note: String,
        pub case_id: Option<i64>,
        pub handled_by: Option<String>,
        pub handled_at: Option<String>,
        pub version: i64,
        pub name: String,
        pub id_number: Option<String>,
        pub gender: String,
        /// none in a masked answer, which then leaves the key out
        #[serde(skip_serializing_if = "Option::is_none")]
        pub birth_date: Option<NaiveDate>,
        pub phone: Option<String>,
        pub household_id: Option<i64>,
        pub alive: bool,
    }
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

const TASK_SQL: &str = "SELECT t.*, r.name AS region_name, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.household_id, p.alive \
    FROM outreach_tasks t JOIN persons p ON p.id = t.person_id LEFT JOIN regions r ON r.code = t.region_code WHERE 1 = 1";

#[derive(Default)]
pub struct TaskFilter {
    pub status: Option<String>,
    pub rule: Option<String>,
}

row::record! {
    /// A row of the elderly register.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ElderRecord(r) {
        pub person_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub region_name: Option<String>,
        pub household_id: Option<i64>,
        pub name: String,
        pub id_number: Option<String>,
        pub gender: String,
        /// none in a masked answer, which then leaves the key out
        #[serde(skip_serializing_if = "Option::is_none")]
        pub birth_date: Option<NaiveDate>,
        pub age_band: AgeBand,
        pub hukou_local: bool,
        pub living: Living,
        pub living_recorded: bool,
        pub dibao: bool,
        pub tekun: bool,
        pub low_income: bool,
        pub old_age: bool,
        pub disability_grade: Option<i64>,
        pub disability_kind: Option<String>,
        pub level: Option<Level>,
        pub assessed_on: Option<NaiveDate>,
        pub home_care: bool,
        pub emergency_device: bool,
        pub canteen: bool,
        pub institution: bool,
        pub refreshed_at: String,
    }
}

/// Filters of the register; every one is optional.
#[derive(Default, Clone)]
pub struct RegisterFilter {
    pub age_band: Option<String>,
    /// Born in these calendar years, inclusive: a masked reader's age band, counted by year (the
    /// stored band, counted to the day, would answer whether a birthday has passed).
    pub born_in: Option<(i32, i32)>,
    pub living: Option<String>,
    /// `dibao`, `tekun`, `low_income`, `old_age`, `none` (none of the four)
    pub assistance: Option<String>,
    /// `any`, `severe` (grade 1–2), `none`
    pub disability: Option<String>,
    /// an assessment level code, or `none` (never assessed)
    pub level: Option<String>,
    /// `home_care`, `emergency_device`, `canteen`, `institution`, `none`
    pub service: Option<String>,
    pub hukou_local: Option<bool>,
}

impl RegisterFilter {
    fn push(&self, sql: &mut Sql) {
        if let Some(v) = &self.age_band {
            sql.push(" AND e.age_band = ").bind(v.clone());
        }
        if let Some((from, to)) = self.born_in {
            sql.push(" AND e.birth_date >= ").bind(format!("{:04}-01-01", from.max(0)));
            sql.push(" AND e.birth_date < ").bind(format!("{:04}-01-01", to.saturating_add(1).clamp(0, 9999)));
        }
        if let Some(v) = &self.living {
            sql.push(" AND e.living = ").bind(v.clone());
        }
        match self.assistance.as_deref() {
            Some(c @ ("dibao" | "tekun" | "low_income" | "old_age")) => {
                sql.push(" AND e.").push(c).push(" = 1");
            }
            Some("none") => {
                sql.push(" AND e.dibao = 0 AND e.tekun = 0 AND e.low_income = 0 AND e.old_age = 0");
            }
            _ => {}
        }
        match self.disability.as_deref() {
            Some("any") => {
                sql.push(" AND e.disability_grade IS NOT NULL");
            }
            Some("severe") => {
                sql.push(" AND e.disability_grade IN (1, 2)");
            }
            Some("none") => {
                sql.push(" AND e.disability_grade IS NULL");
            }
            _ => {}
        }
        match self.level.as_deref() {
            Some("none") => {
                sql.push(" AND e.level IS NULL");
            }
            Some(l) => {
                sql.push(" AND e.level = ").bind(l.to_owned());
            }
            None => {}
        }
        match self.service.as_deref() {
            Some(c @ ("home_care" | "emergency_device" | "canteen" | "institution")) => {
                sql.push(" AND e.").push(c).push(" = 1");
            }
            Some("none") => {
                sql.push(" AND e.home_care = 0 AND e.emergency_device = 0 AND e.canteen = 0 AND e.institution = 0");
            }
            _ => {}
        }
        if let Some(h) = self.hukou_local {
            sql.push(" AND e.hukou_local = ").bind(i64::from(h));
        }
    }
}

/// Counts of a region's children (towns of a district, villages of a town) for the map.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize, Default)]
pub struct RegionCount {
    pub region_code: String,
    pub region_name: Option<String>,
    pub total: i64,
    pub aged_80: i64,
    pub alone: i64,
    pub empty_nest: i64,
    pub left_behind: i64,
    pub assisted: i64,
    pub disabled: i64,
}

/// The allowance programmes, as an SQL list.
const ALLOWANCES: &str = "'old_age', 'disability_living', 'disability_care', 'orphan', 'unattended_child'";

/// Appends the query selecting `(id, region_code)` of the persons a rule finds that have no task
/// of that rule yet.
fn push_rule_select(sql: &mut Sql, rule: Rule, l: &Limits) {
    let enrolled = |programmes: &str| format!(" AND NOT {}", in_active_case("p.id", programmes));
    let local = " AND SUBSTR(p.hukou_region_code, 1, 6) = SUBSTR(p.region_code, 1, 6)";
    if rule != Rule::DeceasedPaid {
        sql.push("SELECT p.id, p.region_code FROM persons p WHERE p.alive = 1");
    }
    match rule {
        Rule::Turned80 | Rule::Turned90 | Rule::Turned100 => {
            let (upper, lower) = match rule {
                Rule::Turned80 => (Some(l.old_age_90), l.old_age_80),
                Rule::Turned90 => (Some(l.old_age_100), l.old_age_90),
                _ => (None, l.old_age_100),
            };
            sql.push(" AND p.birth_date <= ").bind(lower.to_string());
            if let Some(u) = upper {
                sql.push(" AND p.birth_date > ").bind(u.to_string());
            }
            sql.push(local).push(&enrolled("'old_age'"));
        }
        Rule::DisabilityInDibao => {
            sql.push(" AND p.disability_grade IS NOT NULL AND p.household_id IN (SELECT c.household_id FROM cases c WHERE c.programme = 'dibao' AND c.status = 'active')");
            sql.push(local).push(&enrolled("'disability_living'"));
        }
        Rule::SevereDisability => {
            sql.push(" AND p.disability_grade IS NOT NULL AND (p.disability_grade IN (1, 2) OR (p.disability_grade IN (3, 4) AND p.disability_kind IN ('intellectual', 'mental')))");
            sql.push(local).push(&enrolled("'disability_care'"));
        }
        Rule::Orphaned => {
            // recognised as an orphan, or a child of a household whose head and spouse are both
            // recorded dead (the dead are few: the inner list is small)
            sql.push(" AND p.birth_date > ").bind(l.aged_18.to_string());
            sql.push(
                " AND (p.orphan = 1 OR (p.relation = 'child' AND p.household_id IN (SELECT q.household_id FROM persons q WHERE q.alive = 0 \
                 AND q.relation IN ('head', 'spouse') AND q.household_id IS NOT NULL GROUP BY q.household_id HAVING COUNT(*) >= 2)))",
            );
            sql.push(local).push(&enrolled("'orphan', 'unattended_child'"));
        }
        Rule::DeceasedPaid => {
            // persons who died keep counting (alive = 0): an allowance case still active means the
            // death was not recorded on it (recording it stops a one-person case)
            sql.push("SELECT p.id, p.region_code FROM persons p WHERE p.alive = 0");
            sql.push(" AND ").push(&in_active_case("p.id", ALLOWANCES));
            sql.push(" AND NOT EXISTS (SELECT 1 FROM outreach_tasks t WHERE t.person_id = p.id AND t.rule = ").bind(rule.as_str().to_owned()).push(")");
            return;
        }
        Rule::Dibao90NoDevice => {
            sql.push(" AND p.birth_date <= ").bind(l.aged_90.to_string());
            sql.push(" AND ").push(&in_active_case("p.id", "'dibao'"));
            sql.push(" AND NOT EXISTS (SELECT 1 FROM emergency_devices d WHERE d.person_id = p.id AND d.status = 'active')");
        }
    }
    sql.push(" AND NOT EXISTS (SELECT 1 FROM outreach_tasks t WHERE t.person_id = p.id AND t.rule = ").bind(rule.as_str().to_owned()).push(")");
}

impl Store {
    /// Starts a run; a run already going is a conflict (one at a time: they write the same tasks).
    pub async fn create_outreach_run(&self, run_on: NaiveDate, kind: &str, actor: &str) -> Result<OutreachRun> {
        let mut tx = self.begin().await?;
        let running: Option<i64> = sqlx::query_scalar("SELECT id FROM outreach_runs WHERE status = 'running' LIMIT 1").fetch_optional(&mut *tx.tx).await?;
        if let Some(id) = running {
            return Err(StoreError::conflict("run", format!("事找人运行 {id} 正在进行，请稍后"), format!("search run {id} is still going")));
        }
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO outreach_runs (id, run_on, kind, status, progress, step, elders, found, created, by_rule, error, created_by, started_at, finished_at) \
             VALUES ($1, $2, $3, 'running', 0, 'register', 0, 0, 0, '{}', NULL, $4, $5, NULL)",
        )
        .bind(id)
        .bind(run_on.to_string())
        .bind(kind.to_owned())
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        self.outreach_run(id).await
    }

    pub async fn outreach_run(&self, id: i64) -> Result<OutreachRun> {
        OutreachRun::from_row(&sqlx::query("SELECT * FROM outreach_runs WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn outreach_runs(&self, limit: i64) -> Result<Vec<OutreachRun>> {
        let rows = sqlx::query("SELECT * FROM outreach_runs ORDER BY id DESC LIMIT $1").bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(OutreachRun::from_row).collect()
    }

    /// Whether a run already started on `day` (the daily schedule runs once a day).
    pub async fn outreach_ran_on(&self, day: NaiveDate) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outreach_runs WHERE run_on = $1 AND status <> 'failed'").bind(day.to_string()).fetch_one(&self.pool).await?;
        Ok(n > 0)
    }

    /// One run whose job was interrupted is marked failed, as the job is.
    pub async fn fail_interrupted_outreach_run(&self, id: i64) -> Result<u64> {
        Ok(sqlx::query("UPDATE outreach_runs SET status = 'failed', error = 'interrupted by a restart', finished_at = $1 WHERE id = $2 AND status = 'running'")
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// A run left `running` by a stopped server is marked failed at start-up.
    pub async fn fail_interrupted_outreach(&self) -> Result<u64> {
        Ok(sqlx::query("UPDATE outreach_runs SET status = 'failed', error = 'interrupted by a restart', finished_at = $1 WHERE status = 'running'")
            .bind(crate::now())
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    async fn outreach_progress(&self, id: i64, progress: i64, step: &str) -> Result<()> {
        sqlx::query("UPDATE outreach_runs SET progress = $1, step = $2 WHERE id = $3").bind(progress).bind(step.to_owned()).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Runs the search of `run`: rebuilds the register, then applies every rule. A failure marks
    /// the run failed with its error (and returns it).
    pub async fn execute_outreach(&self, run: &OutreachRun, today: NaiveDate) -> Result<OutreachRun> {
        match self.execute_outreach_steps(run.id, today).await {
            Ok(()) => self.outreach_run(run.id).await,
            Err(e) => {
                sqlx::query("UPDATE outreach_runs SET status = 'failed', error = $1, finished_at = $2 WHERE id = $3")
                    .bind(e.to_string())
                    .bind(crate::now())
                    .bind(run.id)
                    .execute(&self.pool)
                    .await?;
                Err(e)
            }
        }
    }

    async fn execute_outreach_steps(&self, id: i64, today: NaiveDate) -> Result<()> {
        // the register, town by town: 0–60%
        let towns: Vec<String> = sqlx::query_scalar("SELECT code FROM regions WHERE level = 'town' ORDER BY code").fetch_all(&self.pool).await?;
        let mut elders = 0i64;
        let n = towns.len().max(1) as i64;
        for (i, town) in towns.iter().enumerate() {
            let scope = Scope::of(minzheng_core::registry::region::RegionCode::parse(town).map_err(|e| StoreError::Corrupt(e.message_en))?);
            let mut tx = self.begin().await?;
            elders += self.refresh_register(&mut tx, &scope, today).await?;
            tx.commit().await?;
            self.outreach_progress(id, (i as i64 + 1) * 60 / n, "register").await?;
        }
        // the rules: 60–100%
        let limits = Limits::on(today);
        let mut by_rule = serde_json::Map::new();
        let mut created = 0i64;
        let rules = Rule::ALL;
        for (i, rule) in rules.iter().enumerate() {
            let mut tx = self.begin().await?;
            let new = self.apply_rule(&mut tx, *rule, &limits, id, today).await?;
            tx.commit().await?;
            created += new;
            by_rule.insert(rule.as_str().to_owned(), serde_json::json!(new));
            self.outreach_progress(id, 60 + (i as i64 + 1) * 40 / rules.len() as i64, rule.as_str()).await?;
        }
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outreach_tasks WHERE status = 'open'").fetch_one(&self.pool).await?;
        sqlx::query("UPDATE outreach_runs SET status = 'done', progress = 100, step = 'done', elders = $1, found = $2, created = $3, by_rule = $4, finished_at = $5 WHERE id = $6")
            .bind(elders)
            .bind(open)
            .bind(created)
            .bind(serde_json::Value::Object(by_rule).to_string())
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Inserts the tasks of one rule; returns how many are new.
    async fn apply_rule(&self, tx: &mut Tx, rule: Rule, limits: &Limits, run_id: i64, today: NaiveDate) -> Result<i64> {
        // ids: the candidates are numbered in SQL from a reserved block, so the insert is one
        // statement whatever their number
        let mut count = Sql::new("SELECT COUNT(*) FROM (");
        push_rule_select(&mut count, rule, limits);
        count.push(") x");
        let n: i64 = count.query_scalar().fetch_one(&mut *tx.tx).await?;
        if n == 0 {
            return Ok(0);
        }
        let ids = tx.reserve_ids(n).await?;
        let mut sql = Sql::new("INSERT INTO outreach_tasks (id, person_id, region_code, rule, programme, found_on, run_id, status, note, case_id, handled_by, handled_at, version) SELECT ");
        sql.bind(ids.start - 1).push(" + ROW_NUMBER() OVER (ORDER BY x.id), x.id, x.region_code, ").bind(rule.as_str().to_owned());
        sql.push(", ").bind(rule.programme().map(|p| p.as_str().to_owned())).push(", ").bind(today.to_string()).push(", ").bind(run_id);
        sql.push(", 'open', '', CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), 1 FROM (");
        push_rule_select(&mut sql, rule, limits);
        sql.push(") x");
        let inserted = sql.query().execute(&mut *tx.tx).await?.rows_affected();
        Ok(inserted as i64)
    }

    /// Rebuilds the register rows of `scope` from the registry, cases, assessments and services;
    /// returns the number of elders.
    pub async fn refresh_register(&self, tx: &mut Tx, scope: &Scope, today: NaiveDate) -> Result<i64> {
        let l = Limits::on(today);
        let mut del = Sql::new("DELETE FROM elder_register WHERE 1 = 1");
        scope.and_filter(&mut del, "region_code");
        del.query().execute(&mut *tx.tx).await?;
        // cases, profiles and assessments are joined (one aggregate of the active memberships, then
        // an indexed or hashed join) rather than looked up per elder and column: on PostgreSQL the
        // correlated subqueries were most of the time
        let mut sql = Sql::new(
            "INSERT INTO elder_register (person_id, region_code, household_id, name, gender, birth_date, age_band, hukou_local, living, living_recorded, \
             dibao, tekun, low_income, old_age, disability_grade, disability_kind, level, assessed_on, home_care, emergency_device, canteen, institution, refreshed_at) \
             SELECT p.id, p.region_code, p.household_id, p.name, p.gender, p.birth_date, CASE WHEN p.birth_date <= ",
        );
        sql.bind(l.aged_100.to_string()).push(" THEN '100+' WHEN p.birth_date <= ").bind(l.aged_90.to_string());
        sql.push(" THEN '90-99' WHEN p.birth_date <= ").bind(l.aged_80.to_string()).push(" THEN '80-89' WHEN p.birth_date <= ").bind(l.aged_70.to_string());
        sql.push(" THEN '70-79' ELSE '60-69' END, CASE WHEN SUBSTR(p.hukou_region_code, 1, 6) = SUBSTR(p.region_code, 1, 6) THEN 1 ELSE 0 END, ");
        // living: as recorded by the village, else derived from the household's living members
        // (the rule of core::elderly::assessment: alone, all 60+ = empty nest, else with family)
        sql.push("COALESCE(ep.living, CASE WHEN p.household_id IS NULL THEN 'alone' ");
        sql.push("WHEN NOT EXISTS (SELECT 1 FROM persons q WHERE q.household_id = p.household_id AND q.alive = 1 AND q.id <> p.id) THEN 'alone' ");
        sql.push("WHEN NOT EXISTS (SELECT 1 FROM persons q WHERE q.household_id = p.household_id AND q.alive = 1 AND q.birth_date > ").bind(l.aged_60.to_string());
        sql.push(") THEN 'empty_nest' ELSE 'with_family' END), CASE WHEN ep.person_id IS NULL THEN 0 ELSE 1 END, ");
        sql.push("COALESCE(en.dibao, 0), COALESCE(en.tekun, 0), COALESCE(en.low_income, 0), COALESCE(en.old_age, 0), p.disability_grade, p.disability_kind, ");
        // services: `IN (…)` sets, built once per statement (SQLite: an ephemeral index; PostgreSQL:
        // a hashed subplan)
        sql.push("ea.level, ea.assessed_on, CASE WHEN p.id IN (SELECT person_id FROM homecare_enrolments WHERE status = 'active') THEN 1 ELSE 0 END, ");
        sql.push("CASE WHEN p.id IN (SELECT person_id FROM emergency_devices WHERE status = 'active') THEN 1 ELSE 0 END, ");
        sql.push("CASE WHEN p.id IN (SELECT person_id FROM canteen_meals WHERE served_on >= ").bind((today - chrono::Days::new(30)).to_string());
        sql.push(") THEN 1 ELSE 0 END, CASE WHEN p.id IN (SELECT person_id FROM institution_residents WHERE left_on IS NULL) THEN 1 ELSE 0 END, ").bind(crate::now());
        sql.push(" FROM persons p LEFT JOIN elder_profiles ep ON ep.person_id = p.id");
        sql.push(
            " LEFT JOIN (SELECT m.person_id, MAX(CASE WHEN c.programme = 'dibao' THEN 1 ELSE 0 END) AS dibao, MAX(CASE WHEN c.programme = 'tekun' THEN 1 ELSE 0 END) AS tekun, \
             MAX(CASE WHEN c.programme = 'low_income' THEN 1 ELSE 0 END) AS low_income, MAX(CASE WHEN c.programme = 'old_age' THEN 1 ELSE 0 END) AS old_age \
             FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.status = 'active' GROUP BY m.person_id) en ON en.person_id = p.id",
        );
        // `+ 0`: SQLite would otherwise drive the join from the index on `latest` (every latest
        // assessment for each elder) instead of the one on `person_id`
        sql.push(" LEFT JOIN elder_assessments ea ON ea.person_id = p.id AND ea.latest + 0 = 1");
        sql.push(" WHERE p.alive = 1 AND p.birth_date <= ").bind(l.aged_60.to_string());
        scope.and_filter(&mut sql, "p.region_code");
        Ok(sql.query().execute(&mut *tx.tx).await?.rows_affected() as i64)
    }

    /// Refreshes the register rows of a person's village (after an enrolment, an assessment, a
    /// living situation, a device installed or removed, an admission or discharge, a home-care
    /// enrolment started or ended).
    pub async fn refresh_register_person(&self, tx: &mut Tx, region_code: &str, today: NaiveDate) -> Result<()> {
        // a village is small: its rows are rebuilt together
        let code = minzheng_core::registry::region::RegionCode::parse(region_code).map_err(|e| StoreError::Corrupt(e.message_en))?;
        self.refresh_register(tx, &Scope::of(code), today).await?;
        Ok(())
    }

    pub async fn list_register(&self, scope: &Scope, f: &RegisterFilter, paging: Paging) -> Result<Page<ElderRecord>> {
        self.page_of("FROM elder_register e WHERE 1 = 1", "SELECT e.*, p.id_number, r.name AS region_name FROM elder_register e JOIN persons p ON p.id = e.person_id LEFT JOIN regions r ON r.code = e.region_code WHERE 1 = 1", |sql: &mut Sql| {
            scope.and_filter(sql, "e.region_code");
            f.push(sql);
        }, "e.region_code, e.person_id", paging, ElderRecord::from_row).await
    }

    /// Every register row of the filter, in pages of `chunk` (for the export), keyset by person.
    pub async fn register_rows_after(&self, scope: &Scope, f: &RegisterFilter, after: (String, i64), chunk: i64) -> Result<Vec<ElderRecord>> {
        let mut sql = Sql::new("SELECT e.*, p.id_number, r.name AS region_name FROM elder_register e JOIN persons p ON p.id = e.person_id LEFT JOIN regions r ON r.code = e.region_code WHERE (e.region_code > ");
        sql.bind(after.0.clone()).push(" OR (e.region_code = ").bind(after.0).push(" AND e.person_id > ").bind(after.1).push("))");
        scope.and_filter(&mut sql, "e.region_code");
        f.push(&mut sql);
        sql.push(" ORDER BY e.region_code, e.person_id LIMIT ").bind(chunk);
        sql.query().fetch_all(&self.pool).await?.iter().map(ElderRecord::from_row).collect()
    }

    /// Counts per child of `parent` (towns of a district, villages of a town) for the map.
    pub async fn register_counts(&self, scope: &Scope, parent: &minzheng_core::registry::region::RegionCode, f: &RegisterFilter) -> Result<Vec<RegionCount>> {
        let children = self.region_children(parent).await?;
        let Some(first) = children.first() else { return Ok(Vec::new()) };
        // towns are 9-digit prefixes padded with 000; villages use all 12 digits
        let width = if first.code.ends_with("000") { 9 } else { 12 };
        let mut sql = Sql::new("SELECT SUBSTR(e.region_code, 1, ");
        sql.push(&width.to_string()).push("), COUNT(*), SUM(CASE WHEN e.age_band IN ('80-89', '90-99', '100+') THEN 1 ELSE 0 END), ");
        sql.push("SUM(CASE WHEN e.living = 'alone' THEN 1 ELSE 0 END), SUM(CASE WHEN e.living = 'empty_nest' THEN 1 ELSE 0 END), SUM(CASE WHEN e.living = 'left_behind' THEN 1 ELSE 0 END), ");
        sql.push("SUM(CASE WHEN e.dibao = 1 OR e.tekun = 1 OR e.low_income = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.disability_grade IS NOT NULL THEN 1 ELSE 0 END) ");
        sql.push("FROM elder_register e WHERE 1 = 1");
        scope.and_filter(&mut sql, "e.region_code");
        Scope::of(parent.clone()).and_filter(&mut sql, "e.region_code");
        f.push(&mut sql);
        sql.push(" GROUP BY SUBSTR(e.region_code, 1, ").push(&width.to_string()).push(")");
        let rows = sql.query().fetch_all(&self.pool).await?;
        let mut out: Vec<RegionCount> = Vec::new();
        for c in &children {
            if !scope.contains_str(&c.code) {
                continue;
            }
            let key = &c.code[..width];
            let mut rc = RegionCount { region_code: c.code.clone(), region_name: Some(c.name.clone()), ..Default::default() };
            if let Some(r) = rows.iter().find(|r| r.try_get::<String, _>(0).is_ok_and(|k| k == key)) {
                rc.total = r.try_get(1)?;
                rc.aged_80 = r.try_get::<Option<i64>, _>(2)?.unwrap_or_default();
                rc.alone = r.try_get::<Option<i64>, _>(3)?.unwrap_or_default();
                rc.empty_nest = r.try_get::<Option<i64>, _>(4)?.unwrap_or_default();
                rc.left_behind = r.try_get::<Option<i64>, _>(5)?.unwrap_or_default();
                rc.assisted = r.try_get::<Option<i64>, _>(6)?.unwrap_or_default();
                rc.disabled = r.try_get::<Option<i64>, _>(7)?.unwrap_or_default();
            }
            out.push(rc);
        }
        Ok(out)
    }

    pub async fn list_outreach_tasks(&self, scope: &Scope, f: &TaskFilter, paging: Paging) -> Result<Page<TaskRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "t.region_code");
            if let Some(s) = &f.status {
                sql.push(" AND t.status = ").bind(s.clone());
            }
            if let Some(r) = &f.rule {
                sql.push(" AND t.rule = ").bind(r.clone());
            }
        };
        self.page_of("FROM outreach_tasks t WHERE 1 = 1", TASK_SQL, push, "t.id DESC", paging, TaskRecord::from_row).await
    }

    /// Open tasks per town and rule, for the officer's overview.
    pub async fn outreach_counts(&self, scope: &Scope) -> Result<Vec<(String, String, i64)>> {
        let mut sql = Sql::new("SELECT SUBSTR(t.region_code, 1, 9), t.rule, COUNT(*) FROM outreach_tasks t WHERE t.status = 'open'");
        scope.and_filter(&mut sql, "t.region_code");
        sql.push(" GROUP BY SUBSTR(t.region_code, 1, 9), t.rule ORDER BY 1, 2");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((format!("{}000", r.try_get::<String, _>(0)?), r.try_get(1)?, r.try_get(2)?))).collect()
    }

    pub async fn outreach_task(&self, scope: &Scope, id: i64) -> Result<TaskRecord> {
        let mut sql = Sql::new(TASK_SQL);
        sql.push(" AND t.id = ").bind(id);
        scope.and_filter(&mut sql, "t.region_code");
        TaskRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Closes an open task (`enrolled`, `done`, `dismissed`): a claim on its row by version.
    #[allow(clippy::too_many_arguments)]
    pub async fn close_outreach_task(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, status: &str, note: &str, case_id: Option<i64>, actor: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE outreach_tasks SET status = ");
        sql.bind(status.to_owned()).push(", note = ").bind(note.to_owned()).push(", case_id = ").bind(case_id);
        sql.push(", handled_by = ").bind(actor.to_owned()).push(", handled_at = ").bind(crate::now());
        sql.push(", version = version + 1 WHERE id = ").bind(id).push(" AND version = ").bind(version).push(" AND status = 'open'");
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该任务已被他人处理或已更新，请刷新后重试", "the task was handled or changed meanwhile; reload and try again")?;
        Ok(())
    }

    /// Whether the household has an active case of `programme` (困难残疾人生活补贴 needs dibao).
    pub async fn household_has_active(&self, household_id: i64, programme: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE household_id = $1 AND programme = $2 AND status = 'active'")
            .bind(household_id)
            .bind(programme.to_owned())
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// The active allowance cases the person is a member of.
    pub async fn active_allowance_cases(&self, person_id: i64) -> Result<Vec<i64>> {
        // the person's memberships first (see `in_active_case`)
        let sql = format!("SELECT c.id FROM cases c WHERE c.id IN (SELECT cm.case_id FROM case_members cm WHERE cm.person_id = $1) AND c.status = 'active' AND c.programme IN ({ALLOWANCES}) ORDER BY c.id");
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(&self.pool).await?)
    }

    /// Whether the person holds an active 平安钟 device (the device task is done only then).
    pub async fn has_active_device(&self, person_id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM emergency_devices WHERE person_id = $1 AND status = 'active'").bind(person_id).fetch_one(&self.pool).await?;
        Ok(n > 0)
    }
}
