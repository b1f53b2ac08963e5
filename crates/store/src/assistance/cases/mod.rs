//! 在保对象 enrolled cases: enrolment, the amount schedule, recalculation after a standard change,
//! deaths, reviews and exits (动态管理).
//!
//! The amount due for a month is the `case_amounts` row with the latest `from_month` not after it
//! (then the highest id). Changes append rows; months already paid get adjustments (arrears or
//! recoveries) that the next payroll carries as correction lines.

use chrono::NaiveDate;
use minzheng_core::assistance::means::{HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::{ParamUse, PolicySet};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use super::{json, month_of, to_json, town_of};
use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::record;

mod recalculation;
mod changes;

pub use recalculation::*;
pub use changes::Review;

record! {
    #[derive(Clone, Debug, Serialize)]
    pub struct CaseRecord(r) {
        pub id: i64,
        pub region_code: RegionCode,
        pub region_name: Option<String>,
        pub programme: Programme,
        pub household_id: i64,
        pub application_id: Option<i64>,
        pub head_name: String,
        pub status: String,
        pub start_month: String,
        pub end_month: Option<String>,
        pub members: i64,
        pub monthly: i64,
        pub one_off: i64,
        pub facts: String,
        pub assessment: String,
        pub bank_name: String,
        pub bank_account: String,
        pub review_cycle_months: i64,
        pub next_review_on: String,
        pub exit_proposed: bool,
        pub exit_reason: Option<String>,
        pub version: i64,
        pub created_at: String,
        pub updated_at: String,
    }
}

const COLUMNS: &str = "c.id, c.region_code, r.name AS region_name, c.programme, c.household_id, c.application_id, c.head_name, c.status, \
    c.start_month, c.end_month, c.members, c.monthly, c.one_off, c.facts, c.assessment, c.bank_name, c.bank_account, c.review_cycle_months, \
    c.next_review_on, c.exit_proposed, c.exit_reason, c.version, c.created_at, c.updated_at";
const FROM: &str = " FROM cases c LEFT JOIN regions r ON r.code = c.region_code";

/// What approval enrols.
pub struct NewCase {
    pub region_code: RegionCode,
    pub programme: Programme,
    pub household_id: i64,
    pub application_id: Option<i64>,
    pub head_name: String,
    pub start_month: YearMonth,
    pub facts: HouseholdFacts,
    pub request: Request,
    pub bank_name: String,
    pub bank_account: String,
    pub review_cycle_months: i64,
    pub next_review_on: NaiveDate,
    pub actor: String,
}

#[derive(Default)]
pub struct CaseFilter {
    pub programme: Option<String>,
    pub status: Option<String>,
    /// next review on or before this date
    pub review_due_by: Option<String>,
    pub exit_proposed: bool,
    pub q: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct AmountRecord {
    pub from_month: String,
    pub monthly: i64,
    pub reason: String,
    pub params: serde_json::Value,
    pub created_at: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct PaymentRecord {
    pub run_id: i64,
    pub month: String,
    pub kind: String,
    pub for_month: String,
    pub amount: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct AdjustmentRecord {
    pub id: i64,
    pub for_month: String,
    pub amount: i64,
    pub reason: String,
    pub created_at: String,
    pub paid_in_run: Option<i64>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct CaseEvent {
    pub id: i64,
    pub kind: String,
    pub actor: String,
    pub at: String,
    pub note: String,
    pub data: String,
}

impl Store {
    /// Enrols a household: the case, its members and its amount schedule from the start month.
    pub async fn enrol(&self, tx: &mut Tx, n: &NewCase, policy: &PolicySet) -> Result<i64> {
        if n.programme.is_allowance() {
            // an allowance is per person: the same person once in it (or in one it excludes)
            for m in &n.facts.members {
                let rows = sqlx::query("SELECT c.id, c.programme FROM cases c WHERE c.id IN (SELECT cm.case_id FROM case_members cm WHERE cm.person_id = $1) AND c.status = 'active'")
                    .bind(m.person_id)
                    .fetch_all(&mut *tx.tx)
                    .await?;
                for r in &rows {
                    let (other, programme): (i64, String) = (r.try_get(0)?, r.try_get(1)?);
                    if n.programme.excludes(&programme) {
                        let label = Programme::parse(&programme).map_or(programme.clone(), |p| p.zh().to_owned());
                        return Err(StoreError::conflict("person_id", format!("{}已在享受{label}（案件 {other}）", m.name), format!("{} already receives {programme} (case {other})", m.name)));
                    }
                }
            }
        } else {
            let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE household_id = $1 AND programme = $2 AND status = 'active' LIMIT 1")
                .bind(n.household_id)
                .bind(n.programme.as_str().to_owned())
                .fetch_optional(&mut *tx.tx)
                .await?;
            if let Some(other) = existing {
                return Err(StoreError::conflict("household_id", format!("该家庭已在保（案件 {other}）"), format!("the household is already enrolled (case {other})")));
            }
        }
        let id = tx.next_id().await?;
        let a = assess(n.programme, &n.region_code, &n.facts, &n.request, policy, n.start_month);
        let now = crate::now();
        let mut sql = Sql::new(
            "INSERT INTO cases (id, region_code, programme, household_id, application_id, head_name, status, start_month, end_month, members, \
             monthly, one_off, facts, assessment, bank_name, bank_account, review_cycle_months, next_review_on, exit_proposed, exit_reason, version, \
             created_at, updated_at) VALUES (",
        );
        sql.bind(id).push(", ").bind(n.region_code.as_str().to_owned()).push(", ").bind(n.programme.as_str().to_owned());
        sql.push(", ").bind(n.household_id).push(", ").bind(n.application_id).push(", ").bind(n.head_name.clone());
        sql.push(", 'active', ").bind(n.start_month.to_string()).push(", NULL, ").bind(i64::from(a.members));
        sql.push(", ").bind(a.monthly.0).push(", ").bind(a.one_off.0).push(", ").bind(to_json(&n.facts)).push(", ").bind(to_json(&a));
        sql.push(", ").bind(n.bank_name.clone()).push(", ").bind(n.bank_account.clone()).push(", ").bind(n.review_cycle_months);
        sql.push(", ").bind(n.next_review_on.to_string()).push(", 0, NULL, 1, ").bind(now.clone()).push(", ").bind(now.clone()).push(")");
        sql.query().execute(&mut *tx.tx).await?;
        for m in &n.facts.members {
            sqlx::query("INSERT INTO case_members (case_id, person_id, region_code) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(m.person_id)
                .bind(n.region_code.as_str().to_owned())
                .execute(&mut *tx.tx)
                .await?;
        }
        if n.programme.pays_monthly() {
            let sched = schedule(n.programme, &n.region_code, &n.facts, policy, n.start_month, None);
            for (m, a) in &sched {
                self.insert_amount(tx, id, n.region_code.as_str(), *m, (a.monthly.0, a.annual.map(|f| f.0)), "enrol", &a.params).await?;
            }
            // months whose payroll was confirmed before this enrolment: paid as arrears next run
            let runs = sqlx::query("SELECT DISTINCT month, region_code FROM payroll_runs WHERE programme = $1 AND month >= $2 ORDER BY month")
                .bind(n.programme.as_str().to_owned())
                .bind(n.start_month.to_string())
                .fetch_all(&mut *tx.tx)
                .await?;
            let amounts: Vec<Point> = sched.iter().map(|(m, a)| (*m, a.monthly.0, a.annual.map(|f| f.0))).collect();
            let mut missed: Vec<YearMonth> = Vec::new();
            for r in &runs {
                let month = month_of(&r.try_get::<String, _>(0)?)?;
                let root: String = r.try_get(1)?;
                let covers = root.is_empty() || RegionCode::parse(&root).is_ok_and(|root| root.contains(&n.region_code));
                if covers && !missed.contains(&month) {
                    missed.push(month);
                }
            }
            for m in missed {
                let due = due_in(&amounts, m);
                if due > 0 {
                    let adj = tx.next_id().await?;
                    sqlx::query("INSERT INTO adjustments (id, case_id, region_code, programme, for_month, amount, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                        .bind(adj)
                        .bind(id)
                        .bind(n.region_code.as_str().to_owned())
                        .bind(n.programme.as_str().to_owned())
                        .bind(m.to_string())
                        .bind(due)
                        .bind("批准时当月已发放，补发".to_owned())
                        .bind(now.clone())
                        .execute(&mut *tx.tx)
                        .await?;
                }
            }
        }
        self.case_event(tx, id, n.region_code.as_str(), "enrol", &n.actor, "", to_json(&serde_json::json!({"start_month": n.start_month, "monthly": a.monthly, "application_id": n.application_id}))).await?;
        Ok(id)
    }

    async fn insert_amount(&self, tx: &mut Tx, case_id: i64, region: &str, from: YearMonth, (monthly, annual): (i64, Option<i64>), reason: &str, params: &[ParamUse]) -> Result<()> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO case_amounts (id, case_id, region_code, from_month, monthly, reason, params, created_at, annual) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(case_id)
            .bind(region.to_owned())
            .bind(from.to_string())
            .bind(monthly)
            .bind(reason.to_owned())
            .bind(to_json(&params))
            .bind(crate::now())
            .bind(annual)
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    pub async fn case_event(&self, tx: &mut Tx, case_id: i64, region: &str, kind: &str, actor: &str, note: &str, data: String) -> Result<()> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO case_events (id, case_id, region_code, kind, actor, at, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id)
            .bind(case_id)
            .bind(region.to_owned())
            .bind(kind.to_owned())
            .bind(actor.to_owned())
            .bind(crate::now())
            .bind(note.to_owned())
            .bind(data)
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    pub async fn case(&self, scope: &Scope, id: i64) -> Result<CaseRecord> {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE c.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "c.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        CaseRecord::from_row(&row)
    }

    async fn case_tx(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<CaseRecord> {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE c.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "c.region_code");
        let row = sql.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        CaseRecord::from_row(&row)
    }

    pub async fn list_cases(&self, scope: &Scope, f: &CaseFilter, paging: Paging) -> Result<Page<CaseRecord>> {
        let push_filters = |sql: &mut Sql| {
            scope.and_filter(sql, "c.region_code");
            if let Some(p) = &f.programme {
                sql.push(" AND c.programme = ").bind(p.clone());
            }
            if let Some(s) = &f.status {
                sql.push(" AND c.status = ").bind(s.clone());
            }
            if let Some(d) = &f.review_due_by {
                sql.push(" AND c.status = 'active' AND c.next_review_on <= ").bind(d.clone());
            }
            if f.exit_proposed {
                sql.push(" AND c.status = 'active' AND c.exit_proposed = 1");
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                sql.push(" AND c.head_name LIKE ").bind(format!("%{q}%"));
            }
        };
        let mut count = capped_count_sql("FROM cases c WHERE 1 = 1");
        push_filters(&mut count);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE 1 = 1"));
        push_filters(&mut sql);
        sql.push(" ORDER BY c.id DESC LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        let items = rows.iter().map(CaseRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    pub async fn case_amounts(&self, case_id: i64) -> Result<Vec<AmountRecord>> {
        let rows = sqlx::query("SELECT from_month, monthly, reason, params, created_at FROM case_amounts WHERE case_id = $1 ORDER BY id").bind(case_id).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let params: String = r.try_get("params")?;
                Ok(AmountRecord {
                    from_month: r.try_get("from_month")?,
                    monthly: r.try_get("monthly")?,
                    reason: r.try_get("reason")?,
                    params: json(&params, "case_amounts.params")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    pub async fn case_payments(&self, case_id: i64) -> Result<Vec<PaymentRecord>> {
        let rows = sqlx::query(
            "SELECT l.run_id, r.month, l.kind, l.for_month, l.amount FROM payroll_lines l JOIN payroll_runs r ON r.id = l.run_id \
             WHERE l.case_id = $1 ORDER BY r.month, l.line_no",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok(PaymentRecord { run_id: r.try_get(0)?, month: r.try_get(1)?, kind: r.try_get(2)?, for_month: r.try_get(3)?, amount: r.try_get(4)? }))
            .collect()
    }

    pub async fn case_adjustments(&self, case_id: i64) -> Result<Vec<AdjustmentRecord>> {
        let rows = sqlx::query(
            "SELECT a.id, a.for_month, a.amount, a.reason, a.created_at, l.run_id FROM adjustments a \
             LEFT JOIN payroll_lines l ON l.adjustment_id = a.id WHERE a.case_id = $1 ORDER BY a.id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AdjustmentRecord {
                    id: r.try_get(0)?,
                    for_month: r.try_get(1)?,
                    amount: r.try_get(2)?,
                    reason: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                    paid_in_run: r.try_get(5)?,
                })
            })
            .collect()
    }

    pub async fn case_events(&self, case_id: i64) -> Result<Vec<CaseEvent>> {
        let rows = sqlx::query("SELECT id, kind, actor, at, note, data FROM case_events WHERE case_id = $1 ORDER BY id").bind(case_id).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok(CaseEvent { id: r.try_get(0)?, kind: r.try_get(1)?, actor: r.try_get(2)?, at: r.try_get(3)?, note: r.try_get(4)?, data: r.try_get(5)? }))
            .collect()
    }
}
