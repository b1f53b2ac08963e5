//! 调标重算 the amount schedule and its recalculation after a standard change (arrears,
//! recoveries, proposed exits).
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use minzheng_core::assistance::means::{Assessment, HouseholdFacts, Request, assess};
use minzheng_core::assistance::policy::PolicySet;
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use super::{json, month_of, to_json, town_of};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};

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
pub(super) type Point = (YearMonth, i64, Option<i64>);

pub(super) fn due_in(schedule: &[Point], m: YearMonth) -> i64 {
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

/// A schedule row to append: case, region, from month, (monthly, annual) fen, parameters used (JSON).
type AmountRow = (i64, String, YearMonth, (i64, Option<i64>), String);
/// An adjustment to record: case, region, programme, month, fen (arrears positive).
type AdjustmentRow = (i64, String, String, YearMonth, i64);

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

            let mut amount_rows: Vec<AmountRow> = Vec::new();
            let mut adjustment_rows: Vec<AdjustmentRow> = Vec::new();
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
        amounts: &[AmountRow],
        adjustments: &[AdjustmentRow],
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
