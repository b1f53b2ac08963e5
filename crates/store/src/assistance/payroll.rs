//! 资金发放 the monthly payroll: a preview with totals by town, then a confirmed, immutable run.
//!
//! The lines of a run are computed by the database from the cases, their amount schedules and the
//! unsettled adjustments (one `INSERT … SELECT`), so memory does not grow with the number of cases.
//! A case is never paid twice for a month: confirmed lines are excluded from the next computation
//! and a unique index backs it. The whole confirmation is one transaction: a crash leaves no run.
use std::collections::BTreeMap;

use minzheng_core::assistance::{Programme, YearMonth};
use serde::Serialize;
use sqlx::Row;

use minzheng_core::registry::region::RegionCode;

use crate::idempotency::{Claim, IDEMPOTENCY_FIELD};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError};
use crate::row::record;

/// Totals of a payroll, previewed or confirmed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = payroll::Totals))]
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub households: i64,
    pub lines: i64,
    pub regular_total: i64,
    pub arrears_total: i64,
    pub recovery_total: i64,
    pub one_off_total: i64,
    pub total: i64,
    /// a digest of every line (case, kind, month, amount): equal fingerprints, equal runs
    pub fingerprint: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, Serialize)]
pub struct TownTotal {
    pub region_code: String,
    pub region_name: Option<String>,
    pub households: i64,
    pub lines: i64,
    pub total: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    pub month: String,
    pub programme: String,
    pub region_code: String,
    #[serde(flatten)]
    pub totals: Totals,
    pub by_town: Vec<TownTotal>,
    pub confirmed_run_id: Option<i64>,
    /// runs of regions inside this one already confirmed for the month (a town that paid
    /// before the district): their lines are not paid again
    pub earlier_runs: Vec<RunRecord>,
    /// a run of a region above this one already confirmed for the month: this one is refused
    pub covered_by: Option<RunRecord>,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = assistance::payroll::RunRecord))]
    #[derive(Clone, Debug, Serialize)]
    pub struct RunRecord(r) {
        pub id: i64,
        pub month: YearMonth,
        pub programme: Programme,
        pub region_code: String,
        pub region_name: Option<String>,
        pub households: i64,
        pub lines: i64,
        pub regular_total: i64,
        pub arrears_total: i64,
        pub recovery_total: i64,
        pub one_off_total: i64,
        pub total: i64,
        pub fingerprint: String,
        pub created_by: String,
        pub created_at: String,
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct LineRecord {
    pub line_no: i64,
    pub case_id: i64,
    pub region_code: String,
    pub household_id: i64,
    pub kind: String,
    pub for_month: String,
    pub amount: i64,
    pub payee_name: String,
    pub bank_name: String,
    pub bank_account: String,
}

/// One row of the bank file: the net amount for a household in a run.
#[derive(Clone, Debug, Serialize)]
pub struct BankRow {
    pub case_id: i64,
    pub region_code: String,
    pub payee_name: String,
    pub bank_name: String,
    pub bank_account: String,
    pub amount: i64,
}

const RUN_SQL: &str = "SELECT p.*, r.name AS region_name FROM payroll_runs p LEFT JOIN regions r ON r.code = p.region_code";

/// Appends the lines a run for `month` would pay, as a subquery
/// `(case_id, region_code, household_id, kind, for_month, amount, payee_name, bank_name, bank_account, adjustment_id)`.
fn push_lines(sql: &mut Sql, month: YearMonth, programme: Programme, scope: &Scope) {
    let m = month.to_string();
    let p = programme.as_str().to_owned();
    sql.push("(SELECT x.case_id, x.region_code, x.household_id, x.kind, x.for_month, x.amount, x.payee_name, x.bank_name, x.bank_account, x.adjustment_id FROM (");
    if programme.pays_monthly() {
        // the month's amount from each case's schedule
        sql.push("SELECT c.id AS case_id, c.region_code, c.household_id, 'regular' AS kind, ").bind(m.clone());
        // December of an annual standard (残疾人两项补贴) pays the rest of the year: annual − 11 × monthly
        let amount = if month.month() == 12 { "CASE WHEN a.annual IS NULL THEN a.monthly ELSE a.annual - 11 * a.monthly END" } else { "a.monthly" };
        sql.push(" AS for_month, (SELECT ").push(amount).push(" FROM case_amounts a WHERE a.case_id = c.id AND a.from_month <= ").bind(m.clone());
        sql.push(" ORDER BY a.from_month DESC, a.id DESC LIMIT 1) AS amount, c.head_name AS payee_name, c.bank_name, c.bank_account, CAST(NULL AS BIGINT) AS adjustment_id");
        sql.push(" FROM cases c WHERE c.programme = ").bind(p.clone());
        scope.and_filter(sql, "c.region_code");
        sql.push(" AND c.start_month <= ").bind(m.clone()).push(" AND (c.end_month IS NULL OR c.end_month >= ").bind(m.clone()).push(")");
        sql.push(" AND NOT EXISTS (SELECT 1 FROM payroll_lines l WHERE l.case_id = c.id AND l.for_month = ").bind(m.clone());
        sql.push(" AND l.kind = 'regular')");
    } else {
        // a one-off payment, once, from the month of approval
        sql.push("SELECT c.id AS case_id, c.region_code, c.household_id, 'one_off' AS kind, c.start_month AS for_month, c.one_off AS amount, ");
        sql.push("c.head_name AS payee_name, c.bank_name, c.bank_account, CAST(NULL AS BIGINT) AS adjustment_id FROM cases c WHERE c.programme = ").bind(p.clone());
        scope.and_filter(sql, "c.region_code");
        sql.push(" AND c.start_month <= ").bind(m.clone());
        sql.push(" AND NOT EXISTS (SELECT 1 FROM payroll_lines l WHERE l.case_id = c.id AND l.kind = 'one_off')");
    }
    sql.push(") x WHERE x.amount > 0 UNION ALL ");
    sql.push("SELECT a.case_id, c.region_code, c.household_id, CASE WHEN a.amount > 0 THEN 'arrears' ELSE 'recovery' END, a.for_month, a.amount, ");
    sql.push("c.head_name, c.bank_name, c.bank_account, a.id FROM adjustments a JOIN cases c ON c.id = a.case_id WHERE a.programme = ").bind(p);
    scope.and_filter(sql, "a.region_code");
    sql.push(" AND a.for_month <= ").bind(m);
    sql.push(" AND NOT EXISTS (SELECT 1 FROM payroll_lines l WHERE l.adjustment_id = a.id))");
}

/// Per town and kind: (lines, households, total, checksum).
type Aggregates = BTreeMap<(String, String), (i64, i64, i64, i64)>;

async fn aggregate<'e, E>(exec: E, mut sql: Sql) -> Result<Aggregates>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sql.push(
        " u GROUP BY SUBSTR(u.region_code, 1, 9), u.kind",
    );
    let rows = sql.query().fetch_all(exec).await?;
    let mut out = Aggregates::new();
    for r in &rows {
        let town: String = r.try_get(0)?;
        out.insert((format!("{town}000"), r.try_get(1)?), (r.try_get(2)?, r.try_get(3)?, r.try_get(4)?, r.try_get(5)?));
    }
    Ok(out)
}

const AGGREGATE_SELECT: &str = "SELECT SUBSTR(u.region_code, 1, 9), u.kind, COUNT(*), COUNT(DISTINCT u.case_id), CAST(SUM(u.amount) AS BIGINT), \
    CAST(SUM((u.case_id % 1000003) * u.amount + (u.case_id % 997) * 31) AS BIGINT) FROM ";

fn totals_of(agg: &Aggregates, households: i64, month: YearMonth, programme: Programme, scope_code: &str) -> Totals {
    let mut t = Totals { households, ..Default::default() };
    let mut checksum = 0i64;
    for ((_, kind), (lines, _, total, sum)) in agg {
        t.lines += lines;
        t.total += total;
        checksum = checksum.wrapping_add(*sum);
        match kind.as_str() {
            "regular" => t.regular_total += total,
            "arrears" => t.arrears_total += total,
            "recovery" => t.recovery_total += total,
            _ => t.one_off_total += total,
        }
    }
    let text = format!("{month}|{programme}|{scope_code}|{}|{}|{}|{}|{}|{}|{}|{checksum}", t.lines, t.households, t.regular_total, t.arrears_total, t.recovery_total, t.one_off_total, t.total);
    t.fingerprint = minzheng_core::audit::sha256_hex(text.as_bytes())[..24].to_owned();
    t
}

fn by_town(agg: &Aggregates, households: &BTreeMap<String, i64>) -> Vec<TownTotal> {
    let mut towns: BTreeMap<String, TownTotal> = BTreeMap::new();
    for ((town, _), (lines, _, total, _)) in agg {
        let t = towns.entry(town.clone()).or_insert_with(|| TownTotal { region_code: town.clone(), ..Default::default() });
        t.lines += lines;
        t.total += total;
        t.households = households.get(town).copied().unwrap_or_default();
    }
    towns.into_values().collect()
}

impl Store {
    async fn households_by_town<'e, E>(&self, exec: E, mut sql: Sql) -> Result<BTreeMap<String, i64>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sql.push(" u GROUP BY SUBSTR(u.region_code, 1, 9)");
        let rows = sql.query().fetch_all(exec).await?;
        let mut out = BTreeMap::new();
        for r in &rows {
            out.insert(format!("{}000", r.try_get::<String, _>(0)?), r.try_get(1)?);
        }
        Ok(out)
    }

    /// What a run would pay, without storing anything.
    pub async fn payroll_preview(&self, month: YearMonth, programme: Programme, scope: &Scope) -> Result<Preview> {
        let code = scope.root().map(|r| r.as_str().to_owned()).unwrap_or_default();
        let mut sql = Sql::new(AGGREGATE_SELECT);
        push_lines(&mut sql, month, programme, scope);
        let agg = aggregate(&self.pool, sql).await?;
        let mut hh = Sql::new("SELECT SUBSTR(u.region_code, 1, 9), COUNT(DISTINCT u.case_id) FROM ");
        push_lines(&mut hh, month, programme, scope);
        let households = self.households_by_town(&self.pool, hh).await?;
        let totals = totals_of(&agg, households.values().sum(), month, programme, &code);
        let mut towns = by_town(&agg, &households);
        self.name_towns(&mut towns).await?;
        let confirmed_run_id = self.run_by_key(month, programme, &code).await?.map(|r| r.id);
        let (covered_by, earlier_runs) = self.related_runs(month, programme, &code).await?;
        Ok(Preview { month: month.to_string(), programme: programme.as_str().to_owned(), region_code: code, totals, by_town: towns, confirmed_run_id, earlier_runs, covered_by })
    }

    /// The other runs of the month and programme around region `code`: the one of a region
    /// above it (which paid this region's lines already), and those of regions below it.
    pub async fn related_runs(&self, month: YearMonth, programme: Programme, code: &str) -> Result<(Option<RunRecord>, Vec<RunRecord>)> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{RUN_SQL} WHERE p.month = $1 AND p.programme = $2 AND p.region_code <> $3 ORDER BY p.id")))
            .bind(month.to_string())
            .bind(programme.as_str().to_owned())
            .bind(code.to_owned())
            .fetch_all(&self.pool)
            .await?;
        // "" is a run over everything (the command line without --region)
        let contains = |outer: &str, inner: &str| {
            outer.is_empty() || RegionCode::parse(outer).is_ok_and(|o| RegionCode::parse(inner).is_ok_and(|i| o.contains(&i)))
        };
        let (mut above, mut below) = (None, Vec::new());
        for r in &rows {
            let run = RunRecord::from_row(r)?;
            if contains(&run.region_code, code) {
                above.get_or_insert(run);
            } else if contains(code, &run.region_code) {
                below.push(run);
            }
        }
        Ok((above, below))
    }

    async fn name_towns(&self, towns: &mut [TownTotal]) -> Result<()> {
        let names = self.region_names(&towns.iter().map(|t| t.region_code.clone()).collect::<Vec<_>>()).await?;
        for t in towns {
            t.region_name = names.get(&t.region_code).cloned();
        }
        Ok(())
    }

    pub async fn run_by_key(&self, month: YearMonth, programme: Programme, region_code: &str) -> Result<Option<RunRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{RUN_SQL} WHERE p.month = $1 AND p.programme = $2 AND p.region_code = $3")))
            .bind(month.to_string())
            .bind(programme.as_str().to_owned())
            .bind(region_code.to_owned())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(RunRecord::from_row).transpose()
    }

    /// Confirms a run: the lines are computed again inside the transaction and must match the
    /// preview the officer saw (`fingerprint`), else nothing is stored. `Ok((run, false))` when the
    /// same month, programme and region was confirmed before: the existing run, nothing paid again.
    /// `progress` is told each stage (0–100). `key`: the request's Idempotency-Key, claimed first
    /// in the transaction and completed with the run (a key claimed meanwhile by the same
    /// request or another: a conflict on field [`IDEMPOTENCY_FIELD`], for the caller to replay).
    pub async fn payroll_confirm(&self, month: YearMonth, programme: Programme, scope: &Scope, fingerprint: Option<&str>, actor: &str, key: Option<&Claim>, mut progress: impl FnMut(u8)) -> Result<(RunRecord, bool)> {
        let code = scope.root().map(|r| r.as_str().to_owned()).unwrap_or_default();
        // the run's audit entry is the region's; a run of everything (the command line's) the district's
        let audit_region = match scope.root() {
            Some(r) => r.clone(),
            None => self.system_region().await?,
        };
        if let Some(run) = self.run_by_key(month, programme, &code).await? {
            return Ok((run, false));
        }
        let mut tx = self.begin().await?;
        // another process may have confirmed while we waited for the write lock
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM payroll_runs WHERE month = $1 AND programme = $2 AND region_code = $3")
            .bind(month.to_string())
            .bind(programme.as_str().to_owned())
            .bind(code.clone())
            .fetch_optional(&mut *tx.tx)
            .await?;
        if existing.is_some() {
            drop(tx);
            let run = self.run_by_key(month, programme, &code).await?.ok_or(StoreError::NotFound)?;
            return Ok((run, false));
        }
        // a region above (the district) already paid this month: a town run would pay nothing
        // or, for a case enrolled since, pay outside the district's batch; the officer expects a
        // refusal naming that run (docs/api.md, Payroll)
        if let (Some(above), _) = self.related_runs(month, programme, &code).await? {
            drop(tx);
            return Err(StoreError::conflict(
                "region",
                format!("{}的{month}{}发放批次（#{}）已确认，本区划不能再发放该月", above.region_name.clone().unwrap_or(above.region_code.clone()), programme.zh(), above.id),
                format!("the {month} {} run of {} (#{}) is already confirmed; this region cannot run that month again", programme.as_str(), above.region_code, above.id),
            ));
        }
        if let Some(k) = key
            && let Err(e) = self.idempotency_claim(&mut tx, &k.actor, &k.key, &k.fingerprint).await
        {
            if !e.is_unique_violation() {
                return Err(e);
            }
            drop(tx);
            return Err(StoreError::conflict(IDEMPOTENCY_FIELD, "该幂等键已被另一请求使用", "this Idempotency-Key was taken by another request"));
        }
        progress(5);
        let run_id = tx.next_id().await?;
        let mut ins = Sql::new(
            "INSERT INTO payroll_lines (run_id, line_no, case_id, region_code, household_id, kind, for_month, amount, payee_name, bank_name, bank_account, adjustment_id) SELECT ",
        );
        ins.bind(run_id);
        ins.push(", ROW_NUMBER() OVER (ORDER BY u.case_id, u.kind, u.for_month, u.adjustment_id), u.case_id, u.region_code, u.household_id, u.kind, u.for_month, u.amount, u.payee_name, u.bank_name, u.bank_account, u.adjustment_id FROM ");
        push_lines(&mut ins, month, programme, scope);
        ins.push(" u");
        if let Err(e) = ins.query().execute(&mut *tx.tx).await {
            // PostgreSQL: a concurrent confirmation committed the same lines first
            let err = StoreError::from(e);
            if err.is_unique_violation() {
                drop(tx);
                return self.confirmed_meanwhile(month, programme, &code).await;
            }
            return Err(err);
        }
        progress(70);
        let mut sql = Sql::new(AGGREGATE_SELECT);
        sql.push("(SELECT * FROM payroll_lines WHERE run_id = ").bind(run_id).push(")");
        let agg = aggregate(&mut *tx.tx, sql).await?;
        let mut hh = Sql::new("SELECT SUBSTR(u.region_code, 1, 9), COUNT(DISTINCT u.case_id) FROM (SELECT * FROM payroll_lines WHERE run_id = ");
        hh.bind(run_id).push(")");
        let households = self.households_by_town(&mut *tx.tx, hh).await?;
        let totals = totals_of(&agg, households.values().sum(), month, programme, &code);
        progress(85);
        if totals.lines == 0 {
            drop(tx);
            // a concurrent confirmation of the same key took every line: answer with its run
            if let Some(run) = self.run_by_key(month, programme, &code).await? {
                return Ok((run, false));
            }
            return Err(StoreError::invalid(
                "month",
                format!("{month}{}在本区划没有应发放的对象，不能确认空的发放批次", programme.zh()),
                format!("nothing is due for {month} {} in this region: an empty run cannot be confirmed", programme.as_str()),
            ));
        }
        if let Some(expected) = fingerprint
            && expected != totals.fingerprint
        {
            // a concurrent confirmation of the same month committed while this one computed
            // (PostgreSQL, read committed): its lines were excluded here; answer with that run
            drop(tx);
            if let Some(run) = self.run_by_key(month, programme, &code).await? {
                return Ok((run, false));
            }
            return Err(StoreError::conflict(
                "fingerprint",
                "预览后数据已发生变化（金额或对象有变动），请重新预览后再确认",
                "the data changed since the preview; preview again before confirming",
            ));
        }
        let mut run = Sql::new(
            "INSERT INTO payroll_runs (id, month, programme, region_code, households, lines, regular_total, arrears_total, recovery_total, one_off_total, total, fingerprint, created_by, created_at) VALUES (",
        );
        run.bind(run_id).push(", ").bind(month.to_string()).push(", ").bind(programme.as_str().to_owned()).push(", ").bind(code.clone());
        run.push(", ").bind(totals.households).push(", ").bind(totals.lines).push(", ").bind(totals.regular_total).push(", ").bind(totals.arrears_total);
        run.push(", ").bind(totals.recovery_total).push(", ").bind(totals.one_off_total).push(", ").bind(totals.total).push(", ").bind(totals.fingerprint.clone());
        run.push(", ").bind(actor.to_owned()).push(", ").bind(crate::now()).push(")");
        match run.query().execute(&mut *tx.tx).await {
            Ok(_) => {}
            Err(e) => {
                let err = StoreError::from(e);
                if err.is_unique_violation() {
                    drop(tx);
                    let run = self.run_by_key(month, programme, &code).await?.ok_or(StoreError::NotFound)?;
                    return Ok((run, false));
                }
                return Err(err);
            }
        }
        if let Some(k) = key {
            self.idempotency_complete(&mut tx, &k.actor, &k.key, "payroll_run", &run_id.to_string(), 201).await?;
        }
        self.audit(&mut tx, &crate::audit::AuditEntry {
            actor: actor.to_owned(),
            action: "payroll.confirm".into(),
            entity: "payroll_run".into(),
            entity_id: run_id.to_string(),
            region_code: audit_region,
            ip: String::new(),
            detail: format!("{month} {} lines={} total={}", programme.as_str(), totals.lines, totals.total),
        })
        .await?;
        tx.commit().await?;
        progress(100);
        let run = self.run(&Scope::system(), run_id).await?;
        Ok((run, true))
    }

    /// The run of this key a concurrent confirmation stored; else a conflict (another run, of
    /// another region, paid some of the same lines: the preview no longer holds).
    async fn confirmed_meanwhile(&self, month: YearMonth, programme: Programme, code: &str) -> Result<(RunRecord, bool)> {
        match self.run_by_key(month, programme, code).await? {
            Some(run) => Ok((run, false)),
            None => Err(StoreError::conflict(
                "fingerprint",
                "另一发放批次已发放其中部分对象，请重新预览后再确认",
                "another run paid some of these lines meanwhile; preview again before confirming",
            )),
        }
    }

    pub async fn run(&self, scope: &Scope, id: i64) -> Result<RunRecord> {
        let mut sql = Sql::new(&format!("{RUN_SQL} WHERE p.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "p.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        RunRecord::from_row(&row)
    }

    pub async fn list_runs(&self, scope: &Scope) -> Result<Vec<RunRecord>> {
        let mut sql = Sql::new(&format!("{RUN_SQL} WHERE 1 = 1"));
        scope.and_filter(&mut sql, "p.region_code");
        sql.push(" ORDER BY p.month DESC, p.id DESC LIMIT 500");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(RunRecord::from_row).collect()
    }

    pub async fn run_by_town(&self, run_id: i64) -> Result<Vec<TownTotal>> {
        let rows = sqlx::query(
            "SELECT SUBSTR(region_code, 1, 9), COUNT(DISTINCT case_id), COUNT(*), CAST(SUM(amount) AS BIGINT) FROM payroll_lines WHERE run_id = $1 GROUP BY SUBSTR(region_code, 1, 9) ORDER BY 1",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            out.push(TownTotal { region_code: format!("{}000", r.try_get::<String, _>(0)?), region_name: None, households: r.try_get(1)?, lines: r.try_get(2)?, total: r.try_get(3)? });
        }
        self.name_towns(&mut out).await?;
        Ok(out)
    }

    pub async fn run_lines(&self, run_id: i64, limit: i64, offset: i64) -> Result<Vec<LineRecord>> {
        let rows = sqlx::query("SELECT * FROM payroll_lines WHERE run_id = $1 ORDER BY line_no LIMIT $2 OFFSET $3")
            .bind(run_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(LineRecord {
                    line_no: r.try_get("line_no")?,
                    case_id: r.try_get("case_id")?,
                    region_code: r.try_get("region_code")?,
                    household_id: r.try_get("household_id")?,
                    kind: r.try_get("kind")?,
                    for_month: r.try_get("for_month")?,
                    amount: r.try_get("amount")?,
                    payee_name: r.try_get("payee_name")?,
                    bank_name: r.try_get("bank_name")?,
                    bank_account: r.try_get("bank_account")?,
                })
            })
            .collect()
    }

    /// The bank file rows (net per household, in case order), in batches so memory stays flat.
    pub async fn for_each_bank_row<F>(&self, run_id: i64, mut sink: F) -> Result<u64>
    where
        F: FnMut(BankRow) -> Result<()>,
    {
        const BATCH: i64 = 5000;
        let mut after = -1i64;
        let mut n = 0;
        loop {
            let rows = sqlx::query(
                "SELECT case_id, MIN(region_code), MIN(payee_name), MIN(bank_name), MIN(bank_account), CAST(SUM(amount) AS BIGINT) FROM payroll_lines \
                 WHERE run_id = $1 AND case_id > $2 GROUP BY case_id ORDER BY case_id LIMIT $3",
            )
            .bind(run_id)
            .bind(after)
            .bind(BATCH)
            .fetch_all(&self.pool)
            .await?;
            for r in &rows {
                let row = BankRow {
                    case_id: r.try_get(0)?,
                    region_code: r.try_get(1)?,
                    payee_name: r.try_get(2)?,
                    bank_name: r.try_get(3)?,
                    bank_account: r.try_get(4)?,
                    amount: r.try_get(5)?,
                };
                after = row.case_id;
                sink(row)?;
                n += 1;
            }
            if (rows.len() as i64) < BATCH {
                return Ok(n);
            }
        }
    }

    /// Totals by town and kind, for the summary sheet.
    pub async fn run_summary(&self, run_id: i64) -> Result<Vec<(String, String, i64, i64)>> {
        let rows = sqlx::query(
            "SELECT SUBSTR(region_code, 1, 9), kind, COUNT(*), CAST(SUM(amount) AS BIGINT) FROM payroll_lines WHERE run_id = $1 GROUP BY SUBSTR(region_code, 1, 9), kind ORDER BY 1, 2",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((format!("{}000", r.try_get::<String, _>(0)?), r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))).collect()
    }
}

