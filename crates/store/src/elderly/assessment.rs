//! 老年人能力评估 and 探访 persistence: assessments (the person's latest is marked, so the due list
//! reads one row per person), elder profiles (居住状况, version-checked), visit plans and visits.
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::{record, self, Column};
use chrono::NaiveDate;
use minzheng_core::elderly::assessment::living::Living;
use minzheng_core::elderly::assessment::visits::VisitCategory;
use minzheng_core::elderly::assessment::{Level, Reason};
use minzheng_core::registry::region::RegionCode;

fn json(r: &AnyRow, col: &str) -> Result<serde_json::Value> {
    let text: String = r.try_get(col)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("elder_assessments.{col}: {e}")))
}

/// A column the query may not have joined (a list's person), read as absent then.
fn joined<T>(r: &AnyRow, col: &str) -> Option<T>
where
    Option<T>: Column,
{
    <Option<T> as Column>::column(r, col).ok().flatten()
}

row::record! {
    /// One stored assessment; `items`, `adjustments` and `explanation` are the JSON texts decoded.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct AssessmentRecord(r) {
        pub id: i64,
        pub person_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub assessed_on: NaiveDate,
        pub reason: Reason,
        pub items: serde_json::Value = json(r, "items")?,
        pub self_care_score: i64,
        pub motor_score: i64,
        pub mental_score: i64,
        pub perception_score: i64,
        pub total: i64,
        pub preliminary_level: Level,
        pub level: Level,
        pub adjustments: serde_json::Value = json(r, "adjustments")?,
        pub explanation: serde_json::Value = json(r, "explanation")?,
        pub next_due_on: NaiveDate,
        pub latest: bool,
        pub assessor: String,
        pub second_assessor: String,
        pub note: String,
        pub created_by: String,
        pub created_at: String,
        /// the person's name and birth date, where the query joined them (lists)
        pub person_name: Option<String> = joined(r, "person_name"),
        /// taken out of every answer (which shows the birth year)
        #[serde(skip_serializing_if = "Option::is_none")]
        pub birth_date: Option<NaiveDate> = joined(r, "birth_date"),
    }
}

/// What the server has computed and checked, to be stored.
#[derive(Clone, Debug)]
pub struct NewAssessment {
    pub person_id: i64,
    pub region_code: String,
    pub assessed_on: String,
    pub reason: String,
    pub items: serde_json::Value,
    /// 自理能力, 基础运动能力, 精神状态, 感知觉与社会参与
    pub subtotals: [i64; 4],
    pub total: i64,
    pub preliminary_level: String,
    pub level: String,
    pub adjustments: serde_json::Value,
    pub explanation: serde_json::Value,
    pub next_due_on: String,
    pub assessor: String,
    pub second_assessor: String,
    pub note: String,
    pub created_by: String,
}

#[derive(Default, Clone, Debug)]
pub struct AssessmentFilter {
    pub level: Option<String>,
    /// only each person's latest assessment
    pub latest_only: bool,
    /// latest assessments due on or before this date (the due list)
    pub due_by: Option<String>,
}

const LIST_COLUMNS: &str = "a.*, p.name AS person_name, p.birth_date AS birth_date";

row::record! {
    /// 居住状况 as recorded.
    #[derive(Clone, Debug, Serialize)]
    pub struct ProfileRecord(r) {
        pub person_id: i64,
        pub region_code: RegionCode,
        pub living: Living,
        pub note: String,
        pub version: i64,
        pub updated_by: String,
        pub updated_at: String,
    }
}

row::record! {
    /// 探访计划.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct VisitPlanRecord(r) {
        pub id: i64,
        pub person_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub category: VisitCategory,
        pub interval_days: i64,
        pub next_due_on: NaiveDate,
        pub last_visited_on: Option<NaiveDate>,
        pub visits: i64,
        pub active: bool,
        pub version: i64,
        pub created_by: String,
        pub created_at: String,
        pub updated_at: String,
        pub person_name: Option<String> = joined(r, "person_name"),
        /// taken out of every answer (which shows the birth year)
        #[serde(skip_serializing_if = "Option::is_none")]
        pub birth_date: Option<NaiveDate> = joined(r, "birth_date"),
    }
}

#[derive(Clone, Debug)]
pub struct NewVisitPlan {
    pub person_id: i64,
    pub region_code: String,
    pub category: String,
    pub interval_days: i64,
    pub next_due_on: String,
    pub created_by: String,
}

#[derive(Default, Clone, Debug)]
pub struct VisitPlanFilter {
    pub category: Option<String>,
    /// active plans due on or before this date
    pub due_by: Option<String>,
}

record! {
    /// 探访记录.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = elderly::assessment::VisitRecord))]
    #[derive(Clone, Debug, Serialize)]
    pub struct VisitRecord(r) {
        pub id: i64,
        pub plan_id: i64,
        pub person_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub visited_on: NaiveDate,
        pub findings: String,
        pub needs: String,
        pub visitor: String,
        pub created_at: String,
    }
}


/// A visit as recorded on the phone page.
#[derive(Clone, Debug)]
pub struct NewVisit {
    pub plan_id: i64,
    pub plan_version: i64,
    pub visited_on: String,
    pub findings: String,
    pub needs: String,
    pub visitor: String,
    /// computed by the caller from the plan's interval (core elderly::assessment::visits)
    pub next_due_on: String,
}

impl Store {
    /// Stores an assessment and moves the person's `latest` mark to his newest one.
    pub async fn insert_assessment(&self, tx: &mut Tx, a: &NewAssessment) -> Result<AssessmentRecord> {
        // two assessments of one person at once would each see only itself and both stay `latest`:
        // a no-op write on the person's row makes the second wait for the first (PostgreSQL; SQLite
        // has one writer anyway)
        sqlx::query("UPDATE persons SET version = version WHERE id = $1").bind(a.person_id).execute(&mut *tx.tx).await?;
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO elder_assessments (id, person_id, region_code, assessed_on, reason, items, self_care_score, motor_score, mental_score, \
             perception_score, total, preliminary_level, level, adjustments, explanation, next_due_on, latest, assessor, second_assessor, note, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, $17, $18, $19, $20, $21)",
        )
        .bind(id)
        .bind(a.person_id)
        .bind(a.region_code.clone())
        .bind(a.assessed_on.clone())
        .bind(a.reason.clone())
        .bind(a.items.to_string())
        .bind(a.subtotals[0])
        .bind(a.subtotals[1])
        .bind(a.subtotals[2])
        .bind(a.subtotals[3])
        .bind(a.total)
        .bind(a.preliminary_level.clone())
        .bind(a.level.clone())
        .bind(a.adjustments.to_string())
        .bind(a.explanation.to_string())
        .bind(a.next_due_on.clone())
        .bind(a.assessor.clone())
        .bind(a.second_assessor.clone())
        .bind(a.note.clone())
        .bind(a.created_by.clone())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        sqlx::query("UPDATE elder_assessments SET latest = 0 WHERE person_id = $1 AND latest = 1").bind(a.person_id).execute(&mut *tx.tx).await?;
        let newest: i64 = sqlx::query_scalar("SELECT id FROM elder_assessments WHERE person_id = $1 ORDER BY assessed_on DESC, id DESC LIMIT 1")
            .bind(a.person_id)
            .fetch_one(&mut *tx.tx)
            .await?;
        sqlx::query("UPDATE elder_assessments SET latest = 1 WHERE id = $1").bind(newest).execute(&mut *tx.tx).await?;
        let row = sqlx::query("SELECT * FROM elder_assessments WHERE id = $1").bind(id).fetch_one(&mut *tx.tx).await?;
        AssessmentRecord::from_row(&row)
    }

    /// The person's latest assessment (the registry decides who may see the person; callers check).
    pub async fn latest_assessment(&self, person_id: i64) -> Result<Option<AssessmentRecord>> {
        let row = sqlx::query("SELECT * FROM elder_assessments WHERE person_id = $1 ORDER BY assessed_on DESC, id DESC LIMIT 1")
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(AssessmentRecord::from_row).transpose()
    }

    /// The latest assessment on or before a date (the one that was in force then).
    pub async fn latest_assessment_before(&self, tx: &mut Tx, person_id: i64, on_or_before: &str) -> Result<Option<AssessmentRecord>> {
        let row = sqlx::query("SELECT * FROM elder_assessments WHERE person_id = $1 AND assessed_on <= $2 ORDER BY assessed_on DESC, id DESC LIMIT 1")
            .bind(person_id)
            .bind(on_or_before.to_owned())
            .fetch_optional(&mut *tx.tx)
            .await?;
        row.as_ref().map(AssessmentRecord::from_row).transpose()
    }

    /// A person's assessments, newest first.
    pub async fn assessments_of(&self, person_id: i64) -> Result<Vec<AssessmentRecord>> {
        let rows = sqlx::query("SELECT * FROM elder_assessments WHERE person_id = $1 ORDER BY assessed_on DESC, id DESC").bind(person_id).fetch_all(&self.pool).await?;
        rows.iter().map(AssessmentRecord::from_row).collect()
    }

    pub async fn assessment(&self, scope: &Scope, id: i64) -> Result<AssessmentRecord> {
        let mut sql = Sql::new(&format!("SELECT {LIST_COLUMNS} FROM elder_assessments a JOIN persons p ON p.id = a.person_id WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        AssessmentRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Assessments in the scope, newest first; with `due_by`, each alive person's latest assessment
    /// due by then, soonest first (the reassessment list).
    pub async fn list_assessments(&self, scope: &Scope, f: &AssessmentFilter, paging: Paging) -> Result<Page<AssessmentRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "a.region_code");
            if let Some(l) = &f.level {
                sql.push(" AND a.level = ").bind(l.clone());
            }
            if f.latest_only || f.due_by.is_some() {
                sql.push(" AND a.latest = 1");
            }
            if let Some(d) = &f.due_by {
                sql.push(" AND p.alive = 1 AND a.next_due_on <= ").bind(d.clone());
            }
        };
        let mut count = capped_count_sql("FROM elder_assessments a JOIN persons p ON p.id = a.person_id WHERE 1 = 1");
        push(&mut count);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {LIST_COLUMNS} FROM elder_assessments a JOIN persons p ON p.id = a.person_id WHERE 1 = 1"));
        push(&mut sql);
        sql.push(if f.due_by.is_some() { " ORDER BY a.next_due_on, a.id" } else { " ORDER BY a.assessed_on DESC, a.id DESC" });
        sql.push(" LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql.query().fetch_all(&self.pool).await?.iter().map(AssessmentRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }
}

impl Store {
    pub async fn elder_profile(&self, person_id: i64) -> Result<Option<ProfileRecord>> {
        let row = sqlx::query("SELECT * FROM elder_profiles WHERE person_id = $1").bind(person_id).fetch_optional(&self.pool).await?;
        row.as_ref().map(ProfileRecord::from_row).transpose()
    }

    /// Records the living situation: `version` 0 creates the profile, otherwise it must match the
    /// stored one (two officers editing at once: one wins, the other gets a conflict).
    #[allow(clippy::too_many_arguments)]
    pub async fn put_elder_profile(&self, tx: &mut Tx, person_id: i64, region_code: &str, living: &str, note: &str, version: i64, actor: &str) -> Result<ProfileRecord> {
        let stale = || crate::version::stale("居住状况已被他人修改，请刷新后再改", "the profile was changed by someone else; reload it");
        if version == 0 {
            let exists: Option<i64> = sqlx::query_scalar("SELECT version FROM elder_profiles WHERE person_id = $1").bind(person_id).fetch_optional(&mut *tx.tx).await?;
            if exists.is_some() {
                return Err(stale());
            }
            sqlx::query("INSERT INTO elder_profiles (person_id, region_code, living, note, version, updated_by, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6)")
                .bind(person_id)
                .bind(region_code.to_owned())
                .bind(living.to_owned())
                .bind(note.to_owned())
                .bind(actor.to_owned())
                .bind(crate::now())
                .execute(&mut *tx.tx)
                .await
                .map_err(|e| {
                    let e = StoreError::from(e);
                    if e.is_unique_violation() { stale() } else { e }
                })?;
        } else {
            let changed = sqlx::query(
                "UPDATE elder_profiles SET region_code = $1, living = $2, note = $3, version = version + 1, updated_by = $4, updated_at = $5 WHERE person_id = $6 AND version = $7",
            )
            .bind(region_code.to_owned())
            .bind(living.to_owned())
            .bind(note.to_owned())
            .bind(actor.to_owned())
            .bind(crate::now())
            .bind(person_id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(stale());
            }
        }
        let row = sqlx::query("SELECT * FROM elder_profiles WHERE person_id = $1").bind(person_id).fetch_one(&mut *tx.tx).await?;
        ProfileRecord::from_row(&row)
    }

    /// The current, living members of a household: (person id, birth date).
    pub async fn current_members(&self, household_id: i64) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT p.id, p.birth_date FROM household_members m JOIN persons p ON p.id = m.person_id \
             WHERE m.household_id = $1 AND m.left_on IS NULL AND p.alive = 1 ORDER BY p.id",
        )
        .bind(household_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }
}

const PLAN_COLUMNS: &str = "v.*, p.name AS person_name, p.birth_date AS birth_date";

impl Store {
    /// Opens a visit plan; a second active plan of the same category for the person is a conflict.
    pub async fn insert_visit_plan(&self, tx: &mut Tx, n: &NewVisitPlan) -> Result<VisitPlanRecord> {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM visit_plans WHERE person_id = $1 AND category = $2 AND active = 1")
            .bind(n.person_id)
            .bind(n.category.clone())
            .fetch_optional(&mut *tx.tx)
            .await?;
        let dup = || StoreError::conflict("category", "该人员已有此类别的探访计划", "the person already has an active plan of this category");
        if exists.is_some() {
            return Err(dup());
        }
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO visit_plans (id, person_id, region_code, category, interval_days, next_due_on, last_visited_on, visits, active, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, 0, 1, 1, $7, $8, $8)",
        )
        .bind(id)
        .bind(n.person_id)
        .bind(n.region_code.clone())
        .bind(n.category.clone())
        .bind(n.interval_days)
        .bind(n.next_due_on.clone())
        .bind(n.created_by.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() { dup() } else { e }
        })?;
        let mut read = Sql::new(&format!("SELECT {PLAN_COLUMNS} FROM visit_plans v JOIN persons p ON p.id = v.person_id WHERE v.id = "));
        read.bind(id);
        let row = read.query().fetch_one(&mut *tx.tx).await?;
        VisitPlanRecord::from_row(&row)
    }

    pub async fn visit_plans_of(&self, person_id: i64) -> Result<Vec<VisitPlanRecord>> {
        let mut sql = Sql::new(&format!("SELECT {PLAN_COLUMNS} FROM visit_plans v JOIN persons p ON p.id = v.person_id WHERE v.person_id = "));
        sql.bind(person_id).push(" ORDER BY v.active DESC, v.id");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(VisitPlanRecord::from_row).collect()
    }

    pub async fn visit_plan(&self, scope: &Scope, id: i64) -> Result<VisitPlanRecord> {
        let mut sql = Sql::new(&format!("SELECT {PLAN_COLUMNS} FROM visit_plans v JOIN persons p ON p.id = v.person_id WHERE v.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "v.region_code");
        VisitPlanRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Active plans of living persons in the scope, soonest due first.
    pub async fn list_visit_plans(&self, scope: &Scope, f: &VisitPlanFilter, paging: Paging) -> Result<Page<VisitPlanRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(c) = &f.category {
                sql.push(" AND v.category = ").bind(c.clone());
            }
            if let Some(d) = &f.due_by {
                sql.push(" AND v.next_due_on <= ").bind(d.clone());
            }
        };
        let from = "FROM visit_plans v JOIN persons p ON p.id = v.person_id WHERE v.active = 1 AND p.alive = 1";
        let mut count = capped_count_sql(from);
        push(&mut count);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {PLAN_COLUMNS} {from}"));
        push(&mut sql);
        sql.push(" ORDER BY v.next_due_on, v.id LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql.query().fetch_all(&self.pool).await?.iter().map(VisitPlanRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    /// Records a visit and moves the plan's due date, claiming the plan by version.
    pub async fn record_elder_visit(&self, tx: &mut Tx, scope: &Scope, v: &NewVisit) -> Result<(VisitRecord, VisitPlanRecord)> {
        let now = crate::now();
        let mut sql = Sql::new("UPDATE visit_plans SET next_due_on = ");
        sql.bind(v.next_due_on.clone()).push(", last_visited_on = ").bind(v.visited_on.clone());
        sql.push(", visits = visits + 1, version = version + 1, updated_at = ").bind(now.clone());
        sql.push(" WHERE id = ").bind(v.plan_id).push(" AND version = ").bind(v.plan_version).push(" AND active = 1");
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "探访计划已被他人更新（可能已登记过本次探访），请刷新后再登记", "the plan was changed by someone else (the visit may be recorded already); reload it")?;
        let mut read = Sql::new(&format!("SELECT {PLAN_COLUMNS} FROM visit_plans v JOIN persons p ON p.id = v.person_id WHERE v.id = "));
        read.bind(v.plan_id);
        let row = read.query().fetch_one(&mut *tx.tx).await?;
        let plan = VisitPlanRecord::from_row(&row)?;
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO visits (id, plan_id, person_id, region_code, visited_on, findings, needs, visitor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(v.plan_id)
            .bind(plan.person_id)
            .bind(plan.region_code.to_string())
            .bind(v.visited_on.clone())
            .bind(v.findings.clone())
            .bind(v.needs.clone())
            .bind(v.visitor.clone())
            .bind(now)
            .execute(&mut *tx.tx)
            .await?;
        let row = sqlx::query("SELECT * FROM visits WHERE id = $1").bind(id).fetch_one(&mut *tx.tx).await?;
        Ok((VisitRecord::from_row(&row)?, plan))
    }

    pub async fn visits_of_plan(&self, plan_id: i64) -> Result<Vec<VisitRecord>> {
        let rows = sqlx::query("SELECT * FROM visits WHERE plan_id = $1 ORDER BY visited_on DESC, id DESC").bind(plan_id).fetch_all(&self.pool).await?;
        rows.iter().map(VisitRecord::from_row).collect()
    }
}

/// A living person aged 60+ as the demo seeder picks them.
#[derive(Clone, Debug)]
pub struct ElderRow {
    pub id: i64,
    pub region_code: String,
    pub birth_date: String,
    pub household_id: Option<i64>,
}

impl Store {
    /// Living persons born on or before `born_by` in the scope, by id (the demo's elders).
    pub async fn elders_in(&self, scope: &Scope, born_by: &str, limit: i64) -> Result<Vec<ElderRow>> {
        let mut sql = Sql::new("SELECT id, region_code, birth_date, household_id FROM persons WHERE alive = 1 AND birth_date <= ");
        sql.bind(born_by.to_owned());
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY id LIMIT ").bind(limit);
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok(ElderRow { id: r.try_get("id")?, region_code: r.try_get("region_code")?, birth_date: r.try_get("birth_date")?, household_id: r.try_get("household_id")? }))
            .collect()
    }

    pub async fn count_assessments(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM elder_assessments").fetch_one(&self.pool).await?)
    }
}
