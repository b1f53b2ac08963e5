//! 在保对象 enrolled cases: enrolment, the amount schedule, recalculation after a standard change,
//! deaths, reviews and exits (动态管理).
//!
//! The amount due for a month is the `case_amounts` row with the latest `from_month` not after it
//! (then the highest id). Changes append rows; months already paid get adjustments (arrears or
//! recoveries) that the next payroll carries as correction lines.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use minzheng_core::assistance::means::{Assessment, HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::{ParamUse, PolicySet};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::region::RegionCode;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{json, month_of, to_json, town_of};
use crate::registry::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};

#[derive(Clone, Debug, Serialize)]
pub struct CaseRecord {
    pub id: i64,
    pub region_code: String,
    pub region_name: Option<String>,
    pub programme: String,
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

const COLUMNS: &str = "c.id, c.region_code, r.name AS region_name, c.programme, c.household_id, c.application_id, c.head_name, c.status, \
    c.start_month, c.end_month, c.members, c.monthly, c.one_off, c.facts, c.assessment, c.bank_name, c.bank_account, c.review_cycle_months, \
    c.next_review_on, c.exit_proposed, c.exit_reason, c.version, c.created_at, c.updated_at";
const FROM: &str = " FROM cases c LEFT JOIN regions r ON r.code = c.region_code";

fn case_from(row: &AnyRow) -> Result<CaseRecord> {
    Ok(CaseRecord {
        id: row.try_get("id")?,
        region_code: row.try_get("region_code")?,
        region_name: row.try_get("region_name")?,
        programme: row.try_get("programme")?,
        household_id: row.try_get("household_id")?,
        application_id: row.try_get("application_id")?,
        head_name: row.try_get("head_name")?,
        status: row.try_get("status")?,
        start_month: row.try_get("start_month")?,
        end_month: row.try_get("end_month")?,
        members: row.try_get("members")?,
        monthly: row.try_get("monthly")?,
        one_off: row.try_get("one_off")?,
        facts: row.try_get("facts")?,
        assessment: row.try_get("assessment")?,
        bank_name: row.try_get("bank_name")?,
        bank_account: row.try_get("bank_account")?,
        review_cycle_months: row.try_get("review_cycle_months")?,
        next_review_on: row.try_get("next_review_on")?,
        exit_proposed: row.try_get::<i64, _>("exit_proposed")? != 0,
        exit_reason: row.try_get("exit_reason")?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

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
    pub region: Option<Scope>,
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

/// Which cases a recalculation covers.
#[derive(Clone, Debug)]
pub struct Selection {
    /// region prefix bounds (a Scope's subtree)
    pub scope: Scope,
    pub programmes: Vec<Programme>,
    pub case_id: Option<i64>,
    /// A case the new values make ineligible keeps its amounts until the district decides its
    /// exit (a standard change, a review); `false` where a fact stops money at once (a death).
    pub hold_exits: bool,
}

/// Whether a recalculation writes or only counts (the what-if simulation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Simulate,
}

/// Per-town figures of a recalculation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, Serialize)]
pub struct TownDelta {
    pub region_code: String,
    pub region_name: Option<String>,
    pub cases: u64,
    pub gain: u64,
    pub lose: u64,
    pub enter: u64,
    pub leave: u64,
    pub monthly_before: i64,
    pub monthly_after: i64,
    pub monthly_change: i64,
}

/// What a recalculation (or its simulation) found.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, Serialize)]
pub struct RecalcSummary {
    pub from_month: String,
    pub cases: u64,
    /// amount at the effective month changed
    pub changed: u64,
    pub gain: u64,
    pub lose: u64,
    pub unchanged: u64,
    /// low-income households the new values make eligible for dibao
    pub enter: u64,
    /// cases no longer eligible (proposed for exit when applied)
    pub leave: u64,
    pub monthly_before: i64,
    pub monthly_after: i64,
    pub monthly_change: i64,
    pub yearly_change: i64,
    pub arrears_total: i64,
    pub recovery_total: i64,
    pub exits_proposed: u64,
    pub by_town: Vec<TownDelta>,
}

/// The amounts of a case from a month on: (month, assessment) at each change point.
pub fn schedule(programme: Programme, region: &RegionCode, facts: &HouseholdFacts, policy: &PolicySet, from: YearMonth, end: Option<YearMonth>) -> Vec<(YearMonth, Assessment)> {
    let mut points: Vec<YearMonth> = vec![from];
    for p in policy.params() {
        if p.effective > from && region.as_str().starts_with(&p.region_prefix) {
            points.push(p.effective);
        }
    }
    for m in &facts.members {
        // an allowance changes with the person's age (80, 90, 100; a child's 18th birthday)
        points.extend(minzheng_core::elderly::allowance::change_months(programme, m.birth_date).into_iter().filter(|p| *p > from));
        if let Some(d) = m.death_date {
            let after = YearMonth::of(d).next();
            if after > from {
                points.push(after);
            }
        }
    }
    points.sort();
    points.dedup();
    if let Some(end) = end {
        points.retain(|m| *m <= end);
    }
    let mut out: Vec<(YearMonth, Assessment)> = Vec::new();
    for m in points {
        let a = assess(programme, region, facts, &Request::default(), policy, m);
        if out.last().is_none_or(|(_, prev)| prev.monthly != a.monthly) || out.is_empty() {
            out.push((m, a));
        }
    }
    out
}

/// A schedule point: from this month, the monthly amount, and the annual standard when the amount
/// is an annual one paid monthly (December then pays the rest).
type Point = (YearMonth, i64, Option<i64>);

fn due_in(schedule: &[Point], m: YearMonth) -> i64 {
    schedule.iter().rev().find(|(from, _, _)| *from <= m).map_or(0, |(_, v, annual)| Assessment::due_for(*v, *annual, m.month()))
}

/// Stable households (only elderly 60+, severely disabled or seriously ill members) are reviewed
/// yearly, others every six months (POLICY.md, dynamic review).
pub fn is_stable(facts: &HouseholdFacts, today: NaiveDate) -> bool {
    !facts.members.is_empty()
        && facts.members.iter().filter(|m| m.death_date.is_none()).all(|m| {
            minzheng_core::date::age_on(m.birth_date, today) >= 60 || matches!(m.disability_grade, Some(1 | 2)) || m.serious_illness
        })
}

/// A case's new state after a recalculation.
struct Update {
    id: i64,
    monthly: i64,
    members: i64,
    exit_proposed: bool,
    exit_reason: Option<String>,
    region: String,
}

struct Loaded {
    id: i64,
    region_code: String,
    programme: Programme,
    start: YearMonth,
    end: Option<YearMonth>,
    monthly: i64,
    facts: HouseholdFacts,
    exit_proposed: bool,
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
        case_from(&row)
    }

    async fn case_tx(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<CaseRecord> {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE c.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "c.region_code");
        let row = sql.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        case_from(&row)
    }

    pub async fn list_cases(&self, scope: &Scope, f: &CaseFilter, paging: Paging) -> Result<Page<CaseRecord>> {
        let push_filters = |sql: &mut Sql| {
            scope.and_filter(sql, "c.region_code");
            if let Some(r) = &f.region {
                r.and_filter(sql, "c.region_code");
            }
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
        let items = rows.iter().map(case_from).collect::<Result<Vec<_>>>()?;
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

    /// Recalculates the selected active cases from `from` (each case from its own start if later).
    /// Applied: appends amount rows, records arrears and recoveries for months already paid,
    /// proposes exits for cases no longer eligible. Simulated: the same figures, nothing written
    /// (the caller drops the transaction). Works in batches of cases, so memory does not grow with
    /// the number of cases.
    pub async fn recalculate(&self, tx: &mut Tx, sel: &Selection, from: YearMonth, policy: &PolicySet, reason: &str, actor: &str, mode: Mode) -> Result<RecalcSummary> {
        const BATCH: i64 = 2000;
        let mut sum = RecalcSummary { from_month: from.to_string(), ..Default::default() };
        let mut towns: BTreeMap<String, TownDelta> = BTreeMap::new();
        let mut last_id = -1i64;
        let mut programmes: Vec<Programme> = sel.programmes.iter().copied().filter(|p| p.pays_monthly()).collect();
        let simulate_entry = sel.programmes.contains(&Programme::Dibao);
        if simulate_entry {
            programmes.push(Programme::LowIncome);
        }
        if programmes.is_empty() {
            return Ok(sum);
        }
        let now = crate::now();
        loop {
            let mut sql = Sql::new("SELECT id, region_code, programme, start_month, end_month, monthly, facts, exit_proposed FROM cases WHERE status = 'active' AND id > ");
            sql.bind(last_id);
            sel.scope.and_filter(&mut sql, "region_code");
            sql.push(" AND programme IN (");
            for (i, p) in programmes.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(p.as_str().to_owned());
            }
            sql.push(")");
            if let Some(id) = sel.case_id {
                sql.push(" AND id = ").bind(id);
            }
            sql.push(" ORDER BY id LIMIT ").bind(BATCH);
            // not a cached statement: PostgreSQL's generic plan for a cached one guesses `id > $1`
            // keeps a third of the table, may walk a region index and sort each batch (quadratic in
            // the number of cases: 0.3 s a batch at 100,000); planned with the values it walks the key
            let rows = sql.query().persistent(false).fetch_all(&mut *tx.tx).await?;
            if rows.is_empty() {
                break;
            }
            let mut batch = Vec::with_capacity(rows.len());
            for r in &rows {
                let programme: String = r.try_get("programme")?;
                let end: Option<String> = r.try_get("end_month")?;
                let facts: String = r.try_get("facts")?;
                batch.push(Loaded {
                    id: r.try_get("id")?,
                    region_code: r.try_get("region_code")?,
                    programme: Programme::parse(&programme).ok_or_else(|| StoreError::Corrupt(format!("programme {programme}")))?,
                    start: month_of(&r.try_get::<String, _>("start_month")?)?,
                    end: end.as_deref().map(month_of).transpose()?,
                    monthly: r.try_get("monthly")?,
                    facts: json(&facts, "cases.facts")?,
                    exit_proposed: r.try_get::<i64, _>("exit_proposed")? != 0,
                });
            }
            let lo = batch.first().map_or(0, |c| c.id);
            let hi = batch.last().map_or(0, |c| c.id);
            last_id = hi;
            let ids: HashSet<i64> = batch.iter().map(|c| c.id).collect();
            // the current schedule of each case
            let mut current: HashMap<i64, Vec<Point>> = HashMap::new();
            let rows = sqlx::query("SELECT case_id, from_month, monthly, annual FROM case_amounts WHERE case_id >= $1 AND case_id <= $2 ORDER BY case_id, from_month, id")
                .bind(lo)
                .bind(hi)
                .fetch_all(&mut *tx.tx)
                .await?;
            for r in &rows {
                let id: i64 = r.try_get(0)?;
                if ids.contains(&id) {
                    let m = month_of(&r.try_get::<String, _>(1)?)?;
                    let v: i64 = r.try_get(2)?;
                    let annual: Option<i64> = r.try_get(3)?;
                    let s = current.entry(id).or_default();
                    // rows for the same month: the later id wins
                    if s.last().is_some_and(|(lm, _, _)| *lm == m) {
                        s.pop();
                    }
                    s.push((m, v, annual));
                }
            }
            // what was paid (lines) and is owed (unsettled adjustments) per month from `from`
            // by case, then month (a flat map scanned once per case was quadratic in the batch)
            let mut paid: HashMap<i64, BTreeMap<YearMonth, (i64, bool)>> = HashMap::new();
            let rows = sqlx::query(
                "SELECT case_id, for_month, CAST(SUM(amount) AS BIGINT), CAST(SUM(CASE WHEN kind = 'regular' THEN 1 ELSE 0 END) AS BIGINT) FROM payroll_lines \
                 WHERE case_id >= $1 AND case_id <= $2 AND for_month >= $3 GROUP BY case_id, for_month",
            )
            .bind(lo)
            .bind(hi)
            .bind(from.to_string())
            .fetch_all(&mut *tx.tx)
            .await?;
            for r in &rows {
                let m = month_of(&r.try_get::<String, _>(1)?)?;
                let e = paid.entry(r.try_get(0)?).or_default().entry(m).or_default();
                e.0 += r.try_get::<i64, _>(2)?;
                e.1 |= r.try_get::<i64, _>(3)? > 0;
            }
            let rows = sqlx::query(
                "SELECT a.case_id, a.for_month, CAST(SUM(a.amount) AS BIGINT) FROM adjustments a WHERE a.case_id >= $1 AND a.case_id <= $2 AND a.for_month >= $3 \
                 AND NOT EXISTS (SELECT 1 FROM payroll_lines l WHERE l.adjustment_id = a.id) GROUP BY a.case_id, a.for_month",
            )
            .bind(lo)
            .bind(hi)
            .bind(from.to_string())
            .fetch_all(&mut *tx.tx)
            .await?;
            for r in &rows {
                let m = month_of(&r.try_get::<String, _>(1)?)?;
                paid.entry(r.try_get(0)?).or_default().entry(m).or_default().0 += r.try_get::<i64, _>(2)?;
            }

            let mut amount_rows: Vec<(i64, String, YearMonth, (i64, Option<i64>), String)> = Vec::new();
            let mut adjustment_rows: Vec<(i64, String, String, YearMonth, i64)> = Vec::new();
            let mut updates: Vec<Update> = Vec::new();
            for c in &batch {
                let region = RegionCode::parse(&c.region_code).map_err(|e| StoreError::Corrupt(e.message_en))?;
                let town = towns.entry(town_of(&c.region_code)).or_insert_with(|| TownDelta { region_code: town_of(&c.region_code), ..Default::default() });
                if c.programme == Programme::LowIncome {
                    // would the new values make this low-income household dibao-eligible?
                    let a = assess(Programme::Dibao, &region, &c.facts, &Request::default(), policy, from);
                    if a.eligible {
                        sum.enter += 1;
                        town.enter += 1;
                        town.monthly_after += a.monthly.0;
                        town.monthly_change += a.monthly.0;
                        sum.monthly_after += a.monthly.0;
                    }
                    continue;
                }
                let start = from.max(c.start);
                if c.end.is_some_and(|e| e < start) {
                    continue;
                }
                sum.cases += 1;
                town.cases += 1;
                let old = current.get(&c.id).map(Vec::as_slice).unwrap_or_default();
                let before = if old.is_empty() { c.monthly } else { due_in(old, start) };
                let new = schedule(c.programme, &region, &c.facts, policy, start, c.end);
                let Some((_, first)) = new.first() else { continue };
                let after = first.monthly.0;
                sum.monthly_before += before;
                sum.monthly_after += after;
                town.monthly_before += before;
                town.monthly_after += after;
                town.monthly_change += after - before;
                if after > before {
                    sum.gain += 1;
                    town.gain += 1;
                } else if after < before {
                    sum.lose += 1;
                    town.lose += 1;
                } else {
                    sum.unchanged += 1;
                }
                if after != before {
                    sum.changed += 1;
                }
                let leaving = !first.eligible;
                if leaving {
                    sum.leave += 1;
                    town.leave += 1;
                }
                if mode == Mode::Simulate {
                    continue;
                }
                if leaving && sel.hold_exits {
                    // no longer eligible: proposed for exit, and paid as before until the district
                    // decides the exit (the household is told in writing first)
                    if !c.exit_proposed {
                        sum.exits_proposed += 1;
                        let why = first.reasons.iter().map(|r| r.zh.clone()).collect::<Vec<_>>().join("；");
                        updates.push(Update { id: c.id, monthly: c.monthly, members: i64::from(first.members), exit_proposed: true, exit_reason: Some(why), region: c.region_code.clone() });
                    }
                    continue;
                }
                let new_sched: Vec<Point> = new.iter().map(|(m, a)| (*m, a.monthly.0, a.annual.map(|f| f.0))).collect();
                // append only where the schedule differs from what is stored
                let differs = new_sched.iter().any(|(m, v, annual)| old.iter().rev().find(|(from, _, _)| from <= m).is_none_or(|(_, ov, oa)| (ov, oa) != (v, annual)))
                    || old.iter().any(|(m, _, _)| *m >= start && due_in(&new_sched, *m) != due_in(old, *m));
                if differs || old.is_empty() {
                    for (m, a) in &new {
                        amount_rows.push((c.id, c.region_code.clone(), *m, (a.monthly.0, a.annual.map(|f| f.0)), to_json(&a.params)));
                    }
                }
                // months already paid: pay the difference or recover it
                let mut paid_months: Vec<(YearMonth, i64)> = paid
                    .get(&c.id)
                    .into_iter()
                    .flatten()
                    .filter(|(m, (_, regular))| *regular && **m >= start)
                    .map(|(m, (amount, _))| (*m, *amount))
                    .collect();
                paid_months.sort();
                for (m, got) in paid_months {
                    let diff = due_in(&new_sched, m) - got;
                    if diff != 0 {
                        if diff > 0 { sum.arrears_total += diff } else { sum.recovery_total += diff }
                        adjustment_rows.push((c.id, c.region_code.clone(), c.programme.as_str().to_owned(), m, diff));
                    }
                }
                let last = new.last().map_or(0, |(_, a)| a.monthly.0);
                let members = new.last().map_or(0, |(_, a)| i64::from(a.members));
                let exit = leaving && !c.exit_proposed;
                if exit {
                    sum.exits_proposed += 1;
                }
                let exit_reason = exit.then(|| first.reasons.iter().map(|r| r.zh.clone()).collect::<Vec<_>>().join("；"));
                if differs || exit || last != c.monthly {
                    updates.push(Update { id: c.id, monthly: last, members, exit_proposed: exit || c.exit_proposed, exit_reason, region: c.region_code.clone() });
                }
            }
            if mode == Mode::Apply {
                self.write_recalc(tx, &amount_rows, &adjustment_rows, &updates, reason, actor, &now).await?;
            }
            if (batch.len() as i64) < BATCH || sel.case_id.is_some() {
                break;
            }
        }
        sum.monthly_change = sum.monthly_after - sum.monthly_before;
        sum.yearly_change = sum.monthly_change * 12;
        let names = self.region_names(&towns.keys().cloned().collect::<Vec<_>>()).await?;
        sum.by_town = towns
            .into_values()
            .map(|mut t| {
                t.region_name = names.get(&t.region_code).cloned();
                t
            })
            .collect();
        Ok(sum)
    }

    async fn write_recalc(
        &self,
        tx: &mut Tx,
        amounts: &[(i64, String, YearMonth, (i64, Option<i64>), String)],
        adjustments: &[(i64, String, String, YearMonth, i64)],
        updates: &[Update],
        reason: &str,
        actor: &str,
        now: &str,
    ) -> Result<()> {
        let backend = self.backend();
        for chunk in amounts.chunks(500) {
            let ids = tx.reserve_ids(chunk.len() as i64).await?;
            let mut sql = Sql::bulk("INSERT INTO case_amounts (id, case_id, region_code, from_month, monthly, reason, params, created_at, annual) VALUES ", backend);
            for (i, (id, (case_id, region, m, (v, annual), params))) in ids.zip(chunk).enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(id).push(", ").bind(*case_id).push(", ").bind(region.clone()).push(", ").bind(m.to_string());
                sql.push(", ").bind(*v).push(", ").bind(reason.to_owned()).push(", ").bind(params.clone()).push(", ").bind(now.to_owned());
                sql.push(", ").bind(*annual).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        for chunk in adjustments.chunks(500) {
            let ids = tx.reserve_ids(chunk.len() as i64).await?;
            let mut sql = Sql::bulk("INSERT INTO adjustments (id, case_id, region_code, programme, for_month, amount, reason, created_at) VALUES ", backend);
            for (i, (id, (case_id, region, programme, m, v))) in ids.zip(chunk).enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(id).push(", ").bind(*case_id).push(", ").bind(region.clone()).push(", ").bind(programme.clone());
                sql.push(", ").bind(m.to_string()).push(", ").bind(*v).push(", ").bind(reason.to_owned()).push(", ").bind(now.to_owned()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        // one statement per chunk: a round trip per case would dominate on PostgreSQL
        for chunk in updates.chunks(500) {
            let mut sql = Sql::bulk("WITH v (id, monthly, members, exit_proposed, exit_reason) AS (VALUES ", backend);
            for (i, u) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(u.id).push(", ").bind(u.monthly).push(", ").bind(u.members).push(", ").bind(flag(u.exit_proposed));
                sql.push(", ").bind(u.exit_reason.clone().unwrap_or_default()).push(")");
            }
            sql.push(
                ") UPDATE cases SET monthly = v.monthly, members = v.members, exit_proposed = v.exit_proposed, \
                 exit_reason = CASE WHEN v.exit_reason = '' THEN cases.exit_reason ELSE v.exit_reason END, version = cases.version + 1, updated_at = ",
            );
            sql.bind(now.to_owned()).push(" FROM v WHERE cases.id = v.id");
            sql.query().execute(&mut *tx.tx).await?;
            let ids = tx.reserve_ids(chunk.len() as i64).await?;
            let mut ev = Sql::bulk("INSERT INTO case_events (id, case_id, region_code, kind, actor, at, note, data) VALUES ", backend);
            for (i, (eid, u)) in ids.zip(chunk).enumerate() {
                ev.push(if i == 0 { "(" } else { ", (" });
                ev.bind(eid).push(", ").bind(u.id).push(", ").bind(u.region.clone()).push(", 'recalculate', ").bind(actor.to_owned());
                ev.push(", ").bind(now.to_owned()).push(", ").bind(reason.to_owned());
                ev.push(", ").bind(to_json(&serde_json::json!({"monthly": u.monthly, "exit_proposed": u.exit_proposed}))).push(")");
            }
            ev.query().execute(&mut *tx.tx).await?;
        }
        Ok(())
    }

}


impl Store {
    async fn checked_case(&self, tx: &mut Tx, scope: &Scope, id: i64, version: Option<i64>) -> Result<CaseRecord> {
        let c = self.case_tx(tx, scope, id).await?;
        if version.is_some_and(|v| v != c.version) {
            return Err(StoreError::conflict("version", "该案件已被他人修改，请刷新后重试", "the case was changed by someone else; reload and try again"));
        }
        if c.status != "active" {
            return Err(StoreError::conflict("status", "该案件已终止", "the case has been stopped"));
        }
        Ok(c)
    }

    async fn set_facts(&self, tx: &mut Tx, id: i64, facts: &HouseholdFacts) -> Result<()> {
        sqlx::query("UPDATE cases SET facts = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(to_json(facts))
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    /// A member died: the registry records it, the member's share stops from the month after death,
    /// months already paid beyond it become recoveries. The last member's death ends the case.
    pub async fn record_death(&self, tx: &mut Tx, scope: &Scope, case_id: i64, person_id: i64, death: NaiveDate, policy: &PolicySet, actor: &str) -> Result<RecalcSummary> {
        let c = self.checked_case(tx, scope, case_id, None).await?;
        let mut facts: HouseholdFacts = json(&c.facts, "cases.facts")?;
        let Some(member) = facts.members.iter_mut().find(|m| m.person_id == person_id) else {
            return Err(StoreError::invalid("person_id", "该人员不是本案件的保障成员", "the person is not a member of this case"));
        };
        if member.death_date.is_some() {
            return Err(StoreError::conflict("person_id", "该成员的死亡已登记", "this member's death is already recorded"));
        }
        minzheng_core::date::check_death_date(death, Some(member.birth_date), crate::today()).map_err(|e| StoreError::Invalid(e.to_field_error("death_date")))?;
        member.death_date = Some(death);
        let name = member.name.clone();
        sqlx::query("UPDATE persons SET alive = 0, death_date = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(death.to_string())
            .bind(crate::now())
            .bind(person_id)
            .execute(&mut *tx.tx)
            .await?;
        self.set_facts(tx, case_id, &facts).await?;
        let programme = Programme::parse(&c.programme).ok_or_else(|| StoreError::Corrupt(c.programme.clone()))?;
        let from = YearMonth::of(death).next();
        let sel = Selection { scope: Scope::everything(), programmes: vec![programme], case_id: Some(case_id), hold_exits: false };
        let summary = self.recalculate(tx, &sel, from, policy, "death", actor, Mode::Apply).await?;
        if facts.members.iter().all(|m| m.death_date.is_some()) {
            sqlx::query("UPDATE cases SET status = 'stopped', end_month = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(YearMonth::of(death).to_string())
                .bind(crate::now())
                .bind(case_id)
                .execute(&mut *tx.tx)
                .await?;
        }
        self.case_event(tx, case_id, &c.region_code, "death", actor, &format!("{name} 于 {death} 死亡，自 {from} 起停发其份额"), to_json(&serde_json::json!({"person_id": person_id, "death_date": death, "from_month": from}))).await?;
        Ok(summary)
    }

    /// 复核 a review: the facts as found now, the means test from next month, the next review date.
    /// A household no longer eligible is proposed for exit (应退尽退) with the reasons.
    pub async fn record_review(&self, tx: &mut Tx, scope: &Scope, case_id: i64, version: i64, facts: Option<HouseholdFacts>, note: &str, cycle_months: (i64, i64), policy: &PolicySet, today: NaiveDate, actor: &str) -> Result<RecalcSummary> {
        let c = self.checked_case(tx, scope, case_id, Some(version)).await?;
        let facts = match facts {
            Some(f) => {
                self.set_facts(tx, case_id, &f).await?;
                f
            }
            None => json(&c.facts, "cases.facts")?,
        };
        let programme = Programme::parse(&c.programme).ok_or_else(|| StoreError::Corrupt(c.programme.clone()))?;
        let from = YearMonth::of(today).next();
        let sel = Selection { scope: Scope::everything(), programmes: vec![programme], case_id: Some(case_id), hold_exits: true };
        let summary = self.recalculate(tx, &sel, from, policy, "review", actor, Mode::Apply).await?;
        let cycle = if is_stable(&facts, today) { cycle_months.0 } else { cycle_months.1 };
        let next = today.checked_add_months(chrono::Months::new(cycle.clamp(1, 60) as u32)).unwrap_or(today);
        sqlx::query("UPDATE cases SET review_cycle_months = $1, next_review_on = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(cycle)
            .bind(next.to_string())
            .bind(crate::now())
            .bind(case_id)
            .execute(&mut *tx.tx)
            .await?;
        self.case_event(tx, case_id, &c.region_code, "review", actor, note, to_json(&serde_json::json!({"next_review_on": next, "leave": summary.leave > 0, "monthly_after": summary.monthly_after}))).await?;
        Ok(summary)
    }

    /// Stops a case after `end_month` (the last month paid).
    pub async fn exit_case(&self, tx: &mut Tx, scope: &Scope, case_id: i64, version: i64, end_month: YearMonth, reason: &str, actor: &str) -> Result<()> {
        let c = self.checked_case(tx, scope, case_id, Some(version)).await?;
        let last_paid: Option<String> = sqlx::query_scalar("SELECT MAX(for_month) FROM payroll_lines WHERE case_id = $1 AND kind = 'regular'")
            .bind(case_id)
            .fetch_one(&mut *tx.tx)
            .await?;
        if let Some(last) = last_paid.filter(|l| *l > end_month.to_string()) {
            return Err(StoreError::invalid("end_month", format!("{last} 已发放，终止月份不得早于已发放月份"), format!("{last} is already paid; the end month cannot be earlier")));
        }
        if end_month < month_of(&c.start_month)?.prev() {
            return Err(StoreError::invalid("end_month", "终止月份早于开始月份", "the end month is before the start month"));
        }
        sqlx::query("UPDATE cases SET status = 'stopped', end_month = $1, exit_proposed = 0, exit_reason = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(end_month.to_string())
            .bind(reason.to_owned())
            .bind(crate::now())
            .bind(case_id)
            .execute(&mut *tx.tx)
            .await?;
        self.case_event(tx, case_id, &c.region_code, "exit", actor, reason, to_json(&serde_json::json!({"end_month": end_month}))).await?;
        Ok(())
    }
}
