//! 核对 runs and 核对报告 reports.
//!
//! A run verifies a set of households (one application, the active cases of a region, or the
//! applications waiting for the verification step) against the snapshots in force when it
//! started. It works through the households in id order, 500 at a time: one read of the members,
//! one of their departmental records, one of their other enrolments, the pure matching of core
//! (`verification::matching::verify`), and one transaction writing the chunk's reports, flags and
//! the run's progress. Memory stays bounded by the chunk, whatever the size of the region.
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use minzheng_core::assistance::means::{Assessment, HouseholdFacts, Request};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::mask::mask_name;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::verification::matching::{self, Comparison, ConclusionReason, DeclaredSummary, Input, Member, MemberFindings, OtherEnrolment, StaffRelative};
use minzheng_core::verification::{Conclusion, Feed, RunKind, RunStatus};
use minzheng_core::assistance::policy::PolicySet;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::assistance::{json, to_json};
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError};
use crate::row::record;

/// Households per chunk of a run.
pub const CHUNK: i64 = 500;

/// What a run verifies.
#[derive(Clone, Debug)]
pub enum RunScope {
    /// one application, at acceptance or at its verification step
    Application(i64),
    /// the active cases of a region, of one programme or all
    Cases { region: RegionCode, programme: Option<Programme> },
    /// the applications of a region waiting for the verification step
    Pending { region: RegionCode },
}

impl RunScope {
    pub fn kind(&self) -> RunKind {
        match self {
            RunScope::Application(_) => RunKind::Application,
            RunScope::Cases { .. } => RunKind::Cases,
            RunScope::Pending { .. } => RunKind::Pending,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SnapshotRef {
    pub feed: Feed,
    pub snapshot_id: i64,
    pub as_of: String,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = verification::runs::RunRecord))]
    #[derive(Clone, Debug, Serialize)]
    pub struct RunRecord(r) {
        pub id: i64,
        pub scope: RunKind,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub programme: Option<Programme>,
        pub application_id: Option<i64>,
        pub month: YearMonth,
        pub status: RunStatus,
        pub total: i64,
        pub done: i64,
        pub percent: i64 = percent(r)?,
        pub consistent: i64,
        pub inconsistent: i64,
        pub not_eligible: i64,
        pub flags: i64,
        pub snapshots: Vec<SnapshotRef> = json(&r.try_get::<String, _>("snapshots")?, "verification_runs.snapshots")?,
        pub error: Option<String>,
        pub created_by: String,
        pub started_at: String,
        pub finished_at: Option<String>,
    }
}

/// How far a run is, in whole per cent (an empty run is complete).
fn percent(r: &AnyRow) -> Result<i64> {
    let (total, done): (i64, i64) = (r.try_get("total")?, r.try_get("done")?);
    Ok(if total > 0 { done * 100 / total } else { 100 })
}

/// The stored body of a report: everything the certificate shows apart from the flags (which
/// live in their own rows, as they are resolved later).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportBody {
    pub month: String,
    /// each member's relation to the head (code), in the declared order; the snapshots consulted
    /// are the run's
    pub relations: Vec<(i64, String)>,
    pub members: Vec<MemberFindings>,
    pub comparisons: Vec<Comparison>,
    pub declared: DeclaredSummary,
    pub verified: Assessment,
    pub conclusion: Conclusion,
    pub reasons: Vec<ConclusionReason>,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ReportSummary(r) {
        pub id: i64,
        pub run_id: i64,
        pub household_id: i64,
        pub application_id: Option<i64>,
        pub case_id: Option<i64>,
        pub programme: String,
        pub region_code: String,
        pub applicant_name: String,
        pub members: i64,
        pub conclusion: String,
        pub declared_monthly: i64,
        pub verified_monthly: i64,
        pub flag_count: i64,
        pub open_flags: i64,
        pub created_by: String,
        pub created_at: String,
    }
}

const REPORT_COLUMNS: &str = "v.id, v.run_id, v.household_id, v.application_id, v.case_id, v.programme, v.region_code, v.applicant_name, v.members, \
    v.conclusion, v.declared_monthly, v.verified_monthly, v.flag_count, v.created_at, r.created_by, \
    (SELECT COUNT(*) FROM verification_flags f WHERE f.report_id = v.id AND f.status = 'open') AS open_flags";
const REPORT_FROM: &str = " FROM verification_reports v JOIN verification_runs r ON r.id = v.run_id";

#[derive(Default, Clone, Debug)]
pub struct ReportFilter {
    pub run_id: Option<i64>,
    pub conclusion: Option<String>,
    pub flagged: bool,
    pub application_id: Option<i64>,
    pub case_id: Option<i64>,
}

/// A household to verify, as its application or case holds it.
#[derive(Clone)]
struct Target {
    application_id: Option<i64>,
    case_id: Option<i64>,
    household_id: i64,
    region_code: String,
    programme: String,
    name: String,
    facts: String,
    request: String,
    bank_account: String,
}

/// A household matched, ready to be written: its target, report body and flags
/// (code, person, evidence in Chinese and English).
type Prepared = (Target, ReportBody, Vec<(String, Option<i64>, String, String)>);

/// Everything a run reads once.
struct RunContext {
    snapshots: Vec<SnapshotRef>,
    relatives: HashMap<String, Vec<(String, String, String)>>,
    accounts: HashMap<String, BTreeSet<i64>>,
}

impl Store {
    /// Creates a run (status `running`) with the number of households it will verify and the
    /// snapshots in force. `scope` is the account's: a region outside it is not found.
    pub async fn create_run(&self, scope: &Scope, what: &RunScope, month: YearMonth, actor: &str) -> Result<RunRecord> {
        let (region, programme, application_id) = match what {
            RunScope::Application(id) => {
                let row = {
                    let mut sql = Sql::new("SELECT region_code FROM applications WHERE id = ");
                    sql.bind(*id);
                    scope.and_filter(&mut sql, "region_code");
                    sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?
                };
                (row.try_get::<String, _>(0)?, None, Some(*id))
            }
            RunScope::Cases { region, programme } => {
                if !scope.contains(region) {
                    return Err(StoreError::NotFound);
                }
                (region.as_str().to_owned(), programme.map(|p| p.as_str().to_owned()), None)
            }
            RunScope::Pending { region } => {
                if !scope.contains(region) {
                    return Err(StoreError::NotFound);
                }
                (region.as_str().to_owned(), None, None)
            }
        };
        let total = self.count_targets(what).await?;
        let snapshots: Vec<SnapshotRef> = self
            .active_snapshots()
            .await?
            .into_iter()
            .map(|s| SnapshotRef { feed: s.feed, snapshot_id: s.id, as_of: s.as_of })
            .collect();
        let mut tx = self.begin().await?;
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO verification_runs (id, scope, region_code, programme, application_id, month, status, total, done, consistent, inconsistent, not_eligible, flags, snapshots, error, created_by, started_at, finished_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, 0, 0, 0, 0, 0, $8, NULL, $9, $10, NULL)",
        )
        .bind(id)
        .bind(what.kind().as_str())
        .bind(region)
        .bind(programme)
        .bind(application_id)
        .bind(month.to_string())
        .bind(total)
        .bind(to_json(&snapshots))
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        self.verification_run(&Scope::system(), id).await
    }

    async fn count_targets(&self, what: &RunScope) -> Result<i64> {
        let mut sql = self.targets_sql(what, true);
        sql.push(") t");
        Ok(sql.query_scalar().fetch_one(&self.pool).await?)
    }

    /// The targets' query, in id order; `count` wraps it for counting (the caller closes it).
    fn targets_sql(&self, what: &RunScope, count: bool) -> Sql {
        let mut sql = Sql::new(if count { "SELECT COUNT(*) FROM (" } else { "" });
        match what {
            RunScope::Cases { region, programme } => {
                sql.push(
                    "SELECT c.id AS key, NULL AS application_id, c.id AS case_id, c.household_id, c.region_code, c.programme, c.head_name AS name, \
                     c.facts, '{}' AS request, c.bank_account FROM cases c WHERE c.status = 'active' AND ",
                );
                sql.region_range("c.region_code", &region.scope_bounds());
                if let Some(p) = programme {
                    sql.push(" AND c.programme = ").bind(p.as_str().to_owned());
                }
            }
            RunScope::Pending { region } => {
                sql.push(
                    "SELECT a.id AS key, a.id AS application_id, a.case_id, a.household_id, a.region_code, a.programme, a.applicant_name AS name, \
                     a.facts, a.request, a.bank_account FROM applications a WHERE a.stage = 'verification' AND ",
                );
                sql.region_range("a.region_code", &region.scope_bounds());
            }
            RunScope::Application(id) => {
                sql.push(
                    "SELECT a.id AS key, a.id AS application_id, a.case_id, a.household_id, a.region_code, a.programme, a.applicant_name AS name, \
                     a.facts, a.request, a.bank_account FROM applications a WHERE a.id = ",
                );
                sql.bind(*id);
            }
        }
        sql
    }

    async fn run_context(&self, snapshots: Vec<SnapshotRef>) -> Result<RunContext> {
        let mut relatives: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
        for r in sqlx::query("SELECT id_number, staff_name, staff_post, relation FROM staff_relatives").fetch_all(&self.pool).await? {
            relatives.entry(r.try_get(0)?).or_default().push((r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
        }
        // accounts that pay more than one household: active cases and open applications
        let mut accounts: HashMap<String, BTreeSet<i64>> = HashMap::new();
        let rows = sqlx::query(
            "SELECT bank_account, household_id FROM cases WHERE status = 'active' AND bank_account <> '' \
             UNION SELECT bank_account, household_id FROM applications WHERE stage NOT IN ('approved', 'rejected', 'withdrawn') AND bank_account <> ''",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in rows {
            accounts.entry(r.try_get(0)?).or_default().insert(r.try_get(1)?);
        }
        accounts.retain(|_, h| h.len() > 1);
        Ok(RunContext { snapshots, relatives, accounts })
    }

    /// Works through a created run to the end; `progress(done, total)` after each chunk.
    /// On an error the run is marked failed with it (the chunks written stay: each is whole).
    pub async fn execute_run(&self, run_id: i64, policy: &PolicySet, mut progress: impl FnMut(i64, i64)) -> Result<RunRecord> {
        let result = self.execute_run_inner(run_id, policy, &mut progress).await;
        if let Err(e) = &result {
            sqlx::query("UPDATE verification_runs SET status = 'failed', error = $1, finished_at = $2 WHERE id = $3")
                .bind(e.to_string())
                .bind(crate::now())
                .bind(run_id)
                .execute(&self.pool)
                .await?;
        }
        result
    }

    async fn execute_run_inner(&self, run_id: i64, policy: &PolicySet, progress: &mut impl FnMut(i64, i64)) -> Result<RunRecord> {
        let run = self.verification_run(&Scope::system(), run_id).await?;
        let month = run.month;
        let what = match run.scope {
            RunKind::Application => RunScope::Application(run.application_id.unwrap_or_default()),
            RunKind::Cases => RunScope::Cases { region: run.region_code.clone(), programme: run.programme },
            RunKind::Pending => RunScope::Pending { region: run.region_code.clone() },
        };
        let ctx = self.run_context(run.snapshots.clone()).await?;
        let snapshot_ids: Vec<i64> = ctx.snapshots.iter().map(|s| s.snapshot_id).collect();
        // keyset pages in (region, id) order: the region index serves both the filter and the
        // order, so each page costs the same however far the run has got
        let mut last: Option<(String, i64)> = None;
        let mut done = 0;
        // a chunk is written while the next one is read and matched (SQLite readers do not wait
        // for the writer in WAL mode; PostgreSQL's never do)
        let mut pending: Option<Vec<Prepared>> = None;
        loop {
            let write = async {
                match pending.take() {
                    Some(p) => {
                        let n = p.len() as i64;
                        self.write_chunk(run_id, p).await.map(|_| n)
                    }
                    None => Ok(0),
                }
            };
            let prepare = async {
                let targets = self.next_targets(&what, &mut last).await?;
                if targets.is_empty() {
                    return Ok(None);
                }
                self.prepare_chunk(&ctx, &snapshot_ids, targets, policy, month).await.map(Some)
            };
            let (written, prepared) = tokio::join!(write, prepare);
            let written = written?;
            if written > 0 {
                done += written;
                progress(done, run.total.max(done));
            }
            match prepared? {
                Some(p) => pending = Some(p),
                None => break,
            }
        }
        sqlx::query("UPDATE verification_runs SET status = 'done', total = done, finished_at = $1 WHERE id = $2")
            .bind(crate::now())
            .bind(run_id)
            .execute(&self.pool)
            .await?;
        self.verification_run(&Scope::system(), run_id).await
    }

    /// The next page of targets after `last`, which it advances.
    async fn next_targets(&self, what: &RunScope, last: &mut Option<(String, i64)>) -> Result<Vec<Target>> {
        let mut sql = self.targets_sql(what, false);
        let t = if matches!(what, RunScope::Cases { .. }) { "c" } else { "a" };
        if let Some((region, id)) = last.as_ref() {
            sql.push(&format!(" AND ({t}.region_code, {t}.id) > (")).bind(region.clone()).push(", ").bind(*id).push(")");
        }
        sql.push(&format!(" ORDER BY {t}.region_code, {t}.id LIMIT ")).bind(CHUNK);
        let rows = sql.query().fetch_all(&self.pool).await?;
        if let Some(r) = rows.last() {
            *last = Some((r.try_get("region_code")?, r.try_get("key")?));
        }
        rows.iter()
            .map(|r| {
                Ok(Target {
                    application_id: r.try_get("application_id")?,
                    case_id: r.try_get("case_id")?,
                    household_id: r.try_get("household_id")?,
                    region_code: r.try_get("region_code")?,
                    programme: r.try_get("programme")?,
                    name: r.try_get("name")?,
                    facts: r.try_get("facts")?,
                    request: r.try_get("request")?,
                    bank_account: r.try_get("bank_account")?,
                })
            })
            .collect()
    }

    /// Reads what a chunk's households need and matches them.
    async fn prepare_chunk(&self, ctx: &RunContext, snapshot_ids: &[i64], targets: Vec<Target>, policy: &PolicySet, month: YearMonth) -> Result<Vec<Prepared>> {
        let t0 = std::time::Instant::now();
        let mut facts = Vec::with_capacity(targets.len());
        let mut person_ids = Vec::new();
        for t in &targets {
            let f: HouseholdFacts = json(&t.facts, "facts")?;
            person_ids.extend(f.members.iter().map(|m| m.person_id));
            let r: Request = if t.request.is_empty() { Request::default() } else { json(&t.request, "request")? };
            facts.push((f, r));
        }
        // the members as the registry knows them
        // (name, ID number, registry household, alive, death date)
        type Registered = (String, Option<String>, Option<i64>, bool, Option<String>);
        let mut persons: HashMap<i64, Registered> = HashMap::new();
        for chunk in person_ids.chunks(2000) {
            let mut sql = Sql::bulk("SELECT id, name, id_number, household_id, alive, death_date FROM persons WHERE id IN ", self.backend());
            sql.bind_list(chunk.iter().copied());
            for r in sql.query().fetch_all(&self.pool).await? {
                let alive: i64 = r.try_get(4)?;
                persons.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, alive != 0, r.try_get(5)?));
            }
        }
        let t1 = t0.elapsed();
        let id_numbers: Vec<String> = persons.values().filter_map(|p| p.1.clone()).collect();
        let mut records: HashMap<String, Vec<(Feed, minzheng_core::verification::Record)>> = HashMap::new();
        for (feed, r) in self.records_of(snapshot_ids, &id_numbers).await? {
            records.entry(r.id_number.clone()).or_default().push((feed, r));
        }
        let t2 = t0.elapsed();
        let mut enrolments: HashMap<i64, Vec<(i64, String, i64)>> = HashMap::new();
        // two indexed lookups rather than a join: with a long IN list SQLite's planner would scan
        // every case instead
        let mut memberships: Vec<(i64, i64)> = Vec::new();
        for chunk in person_ids.chunks(2000) {
            let mut sql = Sql::bulk("SELECT person_id, case_id FROM case_members WHERE person_id IN ", self.backend());
            sql.bind_list(chunk.iter().copied());
            for r in sql.query().fetch_all(&self.pool).await? {
                memberships.push((r.try_get(0)?, r.try_get(1)?));
            }
        }
        let mut case_ids: Vec<i64> = memberships.iter().map(|m| m.1).collect();
        case_ids.sort_unstable();
        case_ids.dedup();
        let mut active: HashMap<i64, (String, i64)> = HashMap::new();
        for chunk in case_ids.chunks(2000) {
            let mut sql = Sql::bulk("SELECT id, programme, household_id FROM cases WHERE status = 'active' AND id IN ", self.backend());
            sql.bind_list(chunk.iter().copied());
            for r in sql.query().fetch_all(&self.pool).await? {
                active.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?));
            }
        }
        for (person_id, case_id) in memberships {
            if let Some((programme, household_id)) = active.get(&case_id) {
                enrolments.entry(person_id).or_default().push((case_id, programme.clone(), *household_id));
            }
        }
        let t3 = t0.elapsed();
        let mut reports = Vec::with_capacity(targets.len());
        for (t, (declared, request)) in targets.iter().zip(&facts) {
            let programme = Programme::parse(&t.programme).ok_or_else(|| StoreError::Corrupt(format!("programme {:?}", t.programme)))?;
            let region = RegionCode::parse(&t.region_code).map_err(|_| StoreError::Corrupt(format!("region {:?}", t.region_code)))?;
            let mut members = Vec::new();
            let mut found = Vec::new();
            let mut other = Vec::new();
            let mut relatives = Vec::new();
            for m in &declared.members {
                let p = persons.get(&m.person_id);
                let id_number = p.and_then(|p| p.1.clone());
                members.push(Member {
                    person_id: m.person_id,
                    name: p.map(|p| p.0.clone()).unwrap_or_else(|| m.name.clone()),
                    id_number: id_number.clone(),
                    registry_other_household: p.and_then(|p| p.2).filter(|h| *h != t.household_id),
                    registry_death: p.filter(|p| !p.3).and_then(|p| p.4.as_deref()).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                });
                if let Some(id) = &id_number {
                    found.extend(records.get(id).into_iter().flatten().cloned());
                    for (staff_name, staff_post, relation) in ctx.relatives.get(id).into_iter().flatten() {
                        relatives.push(StaffRelative { person_id: m.person_id, staff_name: staff_name.clone(), staff_post: staff_post.clone(), relation: relation.clone() });
                    }
                }
                for (case_id, prog, household_id) in enrolments.get(&m.person_id).into_iter().flatten() {
                    if Some(*case_id) != t.case_id {
                        other.push(OtherEnrolment { person_id: m.person_id, programme: prog.clone(), case_id: *case_id, household_id: *household_id });
                    }
                }
            }
            let shared: Option<Vec<i64>> = ctx.accounts.get(&t.bank_account).map(|h| h.iter().copied().filter(|h| *h != t.household_id).collect());
            let input = Input {
                programme,
                region: &region,
                month,
                declared,
                request,
                members: &members,
                found: &found,
                enrolments: &other,
                relatives: &relatives,
                shared_account: shared.as_deref().map(|s| (t.bank_account.as_str(), s)),
            };
            let outcome = matching::verify(&input, policy);
            // evidence is stored with names masked: flags are listed to people who may not unmask
            let mask = |s: &str| members.iter().fold(s.to_owned(), |acc, m| acc.replace(&m.name, &mask_name(&m.name)));
            let flags: Vec<(String, Option<i64>, String, String)> = outcome.flags.iter().map(|f| (f.code.clone(), f.person_id, mask(&f.evidence_zh), mask(&f.evidence_en))).collect();
            let body = ReportBody {
                month: month.to_string(),
                relations: declared.members.iter().map(|m| (m.person_id, m.relation.as_str().to_owned())).collect(),
                members: outcome.members,
                comparisons: outcome.comparisons,
                declared: outcome.declared,
                verified: outcome.verified,
                conclusion: outcome.conclusion,
                reasons: outcome.reasons,
            };
            reports.push((t.clone(), body, flags));
        }
        tracing::debug!(persons = ?t1, records = ?t2, enrolments = ?t3, matched = ?t0.elapsed(), "verification chunk read and matched (cumulative times)");
        Ok(reports)
    }

    /// Writes a chunk's reports and flags, and the run's progress, in one transaction.
    async fn write_chunk(&self, run_id: i64, reports: Vec<Prepared>) -> Result<()> {
        let t0 = std::time::Instant::now();
        let backend = self.backend();
        let now = crate::now();
        let mut tx = self.begin().await?;
        let ids = tx.reserve_ids(reports.len() as i64).await?;
        let mut flag_rows = Vec::new();
        let (mut consistent, mut inconsistent, mut not_eligible) = (0i64, 0i64, 0i64);
        for chunk in ids.zip(&reports).collect::<Vec<_>>().chunks(200) {
            let mut sql = Sql::bulk(
                "INSERT INTO verification_reports (id, run_id, household_id, application_id, case_id, programme, region_code, applicant_name, members, conclusion, declared_monthly, verified_monthly, flag_count, body, created_at) VALUES ",
                backend,
            );
            for (i, (id, (t, body, flags))) in chunk.iter().enumerate() {
                match body.conclusion {
                    Conclusion::Consistent => consistent += 1,
                    Conclusion::Inconsistent => inconsistent += 1,
                    Conclusion::NotEligible => not_eligible += 1,
                }
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(*id).push(", ").bind(run_id).push(", ").bind(t.household_id).push(", ").bind(t.application_id).push(", ").bind(t.case_id);
                sql.push(", ").bind(t.programme.clone()).push(", ").bind(t.region_code.clone()).push(", ").bind(t.name.clone());
                sql.push(", ").bind(i64::from(body.verified.members.max(body.relations.len() as u32))).push(", ").bind(body.conclusion.as_str().to_owned());
                sql.push(", ").bind(body.declared.monthly.0).push(", ").bind(body.verified.monthly.0).push(", ").bind(flags.len() as i64);
                sql.push(", ").bind(to_json(body)).push(", ").bind(now.clone()).push(")");
                for f in flags {
                    flag_rows.push((*id, t.household_id, t.region_code.clone(), f.clone()));
                }
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        let flag_ids = tx.reserve_ids(flag_rows.len() as i64).await?;
        for chunk in flag_ids.zip(&flag_rows).collect::<Vec<_>>().chunks(300) {
            let mut sql = Sql::bulk(
                "INSERT INTO verification_flags (id, report_id, household_id, region_code, code, person_id, evidence_zh, evidence_en, status, resolution, note, resolved_by, resolved_at, version, created_at) VALUES ",
                backend,
            );
            for (i, (id, (report_id, household_id, region, (code, person_id, zh, en)))) in chunk.iter().enumerate() {
                sql.push(if i == 0 { "(" } else { ", (" });
                sql.bind(*id).push(", ").bind(*report_id).push(", ").bind(*household_id).push(", ").bind(region.clone()).push(", ").bind(code.clone());
                sql.push(", ").bind(*person_id).push(", ").bind(zh.clone()).push(", ").bind(en.clone()).push(", 'open', NULL, '', NULL, NULL, 1, ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        sqlx::query(
            "UPDATE verification_runs SET done = done + $1, consistent = consistent + $2, inconsistent = inconsistent + $3, not_eligible = not_eligible + $4, flags = flags + $5 WHERE id = $6",
        )
        .bind(reports.len() as i64)
        .bind(consistent)
        .bind(inconsistent)
        .bind(not_eligible)
        .bind(flag_rows.len() as i64)
        .bind(run_id)
        .execute(&mut *tx.tx)
        .await?;
        let r = tx.commit().await;
        tracing::debug!(run_id, written = ?t0.elapsed(), "verification chunk written");
        r
    }

    pub async fn verification_run(&self, scope: &Scope, id: i64) -> Result<RunRecord> {
        let mut sql = Sql::new("SELECT * FROM verification_runs WHERE id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        RunRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn verification_runs(&self, scope: &Scope, paging: Paging) -> Result<Page<RunRecord>> {
        self.page_of("FROM verification_runs WHERE 1 = 1", "SELECT * FROM verification_runs WHERE 1 = 1", |sql: &mut Sql| {
            scope.and_filter(sql, "region_code");
        }, "id DESC", paging, RunRecord::from_row).await
    }

    /// One run whose job was interrupted (its worker's process stopped) is marked failed, as the
    /// job is (the job runner calls this when it finds the job stale).
    pub async fn fail_interrupted_run(&self, id: i64) -> Result<u64> {
        let r = sqlx::query("UPDATE verification_runs SET status = 'failed', error = 'interrupted by a restart', finished_at = $1 WHERE id = $2 AND status = 'running'")
            .bind(crate::now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    /// Runs a server stopped in the middle are marked failed at start (their written chunks stay).
    pub async fn fail_interrupted_runs(&self) -> Result<u64> {
        let r = sqlx::query("UPDATE verification_runs SET status = 'failed', error = 'interrupted by a restart', finished_at = $1 WHERE status = 'running'")
            .bind(crate::now())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    pub async fn list_reports(&self, scope: &Scope, f: &ReportFilter, paging: Paging) -> Result<Page<ReportSummary>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(id) = f.run_id {
                sql.push(" AND v.run_id = ").bind(id);
            }
            if let Some(c) = &f.conclusion {
                sql.push(" AND v.conclusion = ").bind(c.clone());
            }
            if f.flagged {
                sql.push(" AND v.flag_count > 0");
            }
            if let Some(id) = f.application_id {
                sql.push(" AND v.application_id = ").bind(id);
            }
            if let Some(id) = f.case_id {
                sql.push(" AND v.case_id = ").bind(id);
            }
        };
        self.page_of("FROM verification_reports v WHERE 1 = 1", &format!("SELECT {REPORT_COLUMNS}{REPORT_FROM} WHERE 1 = 1"), push, "v.id DESC", paging, ReportSummary::from_row).await
    }

    /// A report with its body.
    pub async fn report(&self, scope: &Scope, id: i64) -> Result<(ReportSummary, ReportBody)> {
        let mut sql = Sql::new(&format!("SELECT {REPORT_COLUMNS}, v.body{REPORT_FROM} WHERE v.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "v.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let body: String = row.try_get("body")?;
        Ok((ReportSummary::from_row(&row)?, json(&body, "verification_reports.body")?))
    }
}
