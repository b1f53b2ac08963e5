//! 救助申请 applications, their event history and attachments.
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};
use crate::row::record;
use chrono::NaiveDate;
use minzheng_core::assistance::Programme;
use minzheng_core::assistance::workflow::Stage;
use minzheng_core::registry::region::RegionCode;
use crate::version::check_version;

record! {
    #[derive(Clone, Debug, Serialize)]
    pub struct ApplicationRecord(r) {
        pub id: i64,
        pub region_code: RegionCode,
        pub region_name: Option<String>,
        pub programme: Programme,
        pub household_id: i64,
        pub applicant_person_id: i64,
        pub applicant_name: String,
        pub members: i64,
        pub stage: Stage,
        /// JSON of `HouseholdFacts`
        pub facts: String,
        /// JSON of `Request`
        pub request: String,
        /// JSON of the latest `Assessment`
        pub assessment: String,
        /// JSON list of flags
        pub flags: String,
        pub flag_count: i64,
        pub eligible: bool,
        pub monthly: i64,
        pub one_off: i64,
        pub bank_name: String,
        pub bank_account: String,
        pub accepted_on: NaiveDate,
        pub phase_started_on: NaiveDate,
        pub deadline: Option<NaiveDate>,
        pub town_extended: bool,
        pub county_extended: bool,
        pub notice_id: Option<i64>,
        pub case_id: Option<i64>,
        pub decided_on: Option<NaiveDate>,
        pub version: i64,
        pub created_by: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

const COLUMNS: &str = "a.id, a.region_code, r.name AS region_name, a.programme, a.household_id, a.applicant_person_id, a.applicant_name, \
    a.members, a.stage, a.facts, a.request, a.assessment, a.flags, a.flag_count, a.eligible, a.monthly, a.one_off, a.bank_name, \
    a.bank_account, a.accepted_on, a.phase_started_on, a.deadline, a.town_extended, a.county_extended, a.notice_id, a.case_id, \
    a.decided_on, a.version, a.created_by, a.created_at, a.updated_at";
const FROM: &str = " FROM applications a LEFT JOIN regions r ON r.code = a.region_code";

/// What acceptance stores.
pub struct NewApplication {
    pub region_code: RegionCode,
    pub programme: Programme,
    pub household_id: i64,
    pub applicant_person_id: i64,
    pub applicant_name: String,
    pub members: i64,
    pub stage: Stage,
    pub facts: String,
    pub request: String,
    pub assessment: String,
    pub flags: String,
    pub flag_count: i64,
    pub eligible: bool,
    pub monthly: i64,
    pub one_off: i64,
    pub bank_name: String,
    pub bank_account: String,
    pub accepted_on: NaiveDate,
    pub deadline: NaiveDate,
    pub actor: String,
}

/// A step taken: the new state of the application's mutable columns.
#[derive(Clone, Debug)]
pub struct StageChange {
    pub stage: Stage,
    pub phase_started_on: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub town_extended: bool,
    pub county_extended: bool,
    pub decided_on: Option<NaiveDate>,
    pub case_id: Option<i64>,
    /// a re-run means test after a home visit corrected the facts
    pub reassessed: Option<Reassessment>,
}

#[derive(Clone, Debug)]
pub struct Reassessment {
    pub facts: String,
    /// the request as changed at this step (the amount set at a home visit or an approval)
    pub request: Option<String>,
    pub assessment: String,
    pub eligible: bool,
    pub monthly: i64,
    pub one_off: i64,
    pub members: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub action: String,
    pub stage_from: Option<String>,
    pub stage_to: String,
    pub actor: String,
    pub actor_role: String,
    pub at: String,
    pub note: String,
    /// JSON (the home visit, a rejection reason, …)
    pub data: String,
}

pub struct NewEvent<'a> {
    pub application_id: i64,
    pub region_code: &'a str,
    pub action: &'a str,
    pub stage_from: Option<&'a str>,
    pub stage_to: &'a str,
    pub actor: &'a str,
    pub actor_role: &'a str,
    pub note: &'a str,
    pub data: String,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct AttachmentMeta(r) {
        pub id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        pub sha256: String,
        pub created_by: String,
        pub created_at: String,
    }
}

#[derive(Default)]
pub struct ApplicationFilter {
    pub programme: Option<String>,
    pub stage: Option<String>,
    /// only open applications past their deadline as of this date
    pub overdue_on: Option<NaiveDate>,
    /// applicant name
    pub q: Option<String>,
}

/// A person already covered by an active case.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub person_id: i64,
    pub case_id: i64,
    pub programme: String,
    pub household_id: i64,
}

/// What a stale application version answers (409 naming `version`).
const STALE: (&str, &str) = ("该申请已被他人办理或修改，请刷新后重试", "the application was changed by someone else; reload and try again");

impl Store {
    pub async fn insert_application(&self, tx: &mut Tx, a: &NewApplication) -> Result<i64> {
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM applications WHERE household_id = $1 AND programme = $2 AND stage NOT IN ('approved', 'rejected', 'withdrawn') LIMIT 1",
        )
        .bind(a.household_id)
        .bind(a.programme.as_str().to_owned())
        .fetch_optional(&mut *tx.tx)
        .await?;
        if let Some(other) = open {
            return Err(StoreError::conflict(
                "household_id",
                format!("该家庭已有一件同类申请正在办理（申请编号 {other}）"),
                format!("this household already has an open application for the programme (application {other})"),
            ));
        }
        let id = tx.next_id().await?;
        let now = crate::now();
        let mut sql = Sql::new(
            "INSERT INTO applications (id, region_code, programme, household_id, applicant_person_id, applicant_name, members, stage, facts, \
             request, assessment, flags, flag_count, eligible, monthly, one_off, bank_name, bank_account, accepted_on, phase_started_on, \
             deadline, town_extended, county_extended, notice_id, case_id, decided_on, version, created_by, created_at, updated_at) VALUES (",
        );
        sql.bind(id).push(", ").bind(a.region_code.to_string()).push(", ").bind(a.programme.as_str().to_owned()).push(", ").bind(a.household_id);
        sql.push(", ").bind(a.applicant_person_id).push(", ").bind(a.applicant_name.clone()).push(", ").bind(a.members);
        sql.push(", ").bind(a.stage.as_str().to_owned()).push(", ").bind(a.facts.clone()).push(", ").bind(a.request.clone());
        sql.push(", ").bind(a.assessment.clone()).push(", ").bind(a.flags.clone()).push(", ").bind(a.flag_count);
        sql.push(", ").bind(flag(a.eligible)).push(", ").bind(a.monthly).push(", ").bind(a.one_off);
        sql.push(", ").bind(a.bank_name.clone()).push(", ").bind(a.bank_account.clone()).push(", ").bind(a.accepted_on.to_string());
        sql.push(", ").bind(a.accepted_on.to_string()).push(", ").bind(a.deadline.to_string());
        sql.push(", 0, 0, NULL, NULL, NULL, 1, ").bind(a.actor.clone()).push(", ").bind(now.clone()).push(", ").bind(now).push(")");
        sql.query().execute(&mut *tx.tx).await?;
        Ok(id)
    }

    pub async fn application(&self, scope: &Scope, id: i64) -> Result<ApplicationRecord> {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        ApplicationRecord::from_row(&row)
    }

    /// The application inside a write transaction (the state a step is checked against).
    pub async fn application_tx(&self, tx: &mut Tx, scope: &Scope, id: i64) -> Result<ApplicationRecord> {
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        let row = sql.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        ApplicationRecord::from_row(&row)
    }

    pub async fn list_applications(&self, scope: &Scope, f: &ApplicationFilter, paging: Paging) -> Result<Page<ApplicationRecord>> {
        let push_filters = |sql: &mut Sql| {
            scope.and_filter(sql, "a.region_code");
            if let Some(p) = &f.programme {
                sql.push(" AND a.programme = ").bind(p.clone());
            }
            if let Some(s) = &f.stage {
                sql.push(" AND a.stage = ").bind(s.clone());
            }
            if let Some(d) = &f.overdue_on {
                sql.push(" AND a.stage NOT IN ('approved', 'rejected', 'withdrawn', 'notice') AND a.deadline < ").bind(d.to_string());
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                sql.push(" AND a.applicant_name LIKE ").bind(format!("%{q}%"));
            }
        };
        let mut count = capped_count_sql("FROM applications a WHERE 1 = 1");
        push_filters(&mut count);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE 1 = 1"));
        push_filters(&mut sql);
        sql.push(" ORDER BY a.id DESC LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        let items = rows.iter().map(ApplicationRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    /// The early answer to a form read at `sent` when the application now stands at `current`;
    /// the guarded updates below answer a race the same way.
    pub fn check_application_version(current: i64, sent: i64) -> Result<()> {
        if current == sent { Ok(()) } else { Err(crate::version::stale(STALE.0, STALE.1)) }
    }

    /// Takes the application for this transaction if it is still at `expected_version`: a no-op
    /// UPDATE holds the row lock until commit, so a second officer's step on PostgreSQL waits here
    /// and then finds the version moved (SQLite serialises writers anyway).
    pub async fn claim_application(&self, tx: &mut Tx, id: i64, expected_version: i64) -> Result<()> {
        let n = sqlx::query("UPDATE applications SET version = version WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected_version)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        check_version(n, STALE.0, STALE.1)
    }

    /// Applies a step if the application is still at `expected_version`; a step somebody else took
    /// first is a conflict, never a silent overwrite.
    pub async fn change_stage(&self, tx: &mut Tx, id: i64, expected_version: i64, c: &StageChange) -> Result<()> {
        let mut sql = Sql::new("UPDATE applications SET stage = ");
        sql.bind(c.stage.as_str().to_owned()).push(", phase_started_on = ").bind(c.phase_started_on.to_string());
        sql.push(", deadline = ").bind(c.deadline.map(|d| d.to_string())).push(", town_extended = ").bind(flag(c.town_extended));
        sql.push(", county_extended = ").bind(flag(c.county_extended)).push(", decided_on = ").bind(c.decided_on.map(|d| d.to_string()));
        sql.push(", case_id = ").bind(c.case_id).push(", updated_at = ").bind(crate::now());
        if let Some(r) = &c.reassessed {
            sql.push(", facts = ").bind(r.facts.clone()).push(", assessment = ").bind(r.assessment.clone());
            if let Some(request) = &r.request {
                sql.push(", request = ").bind(request.clone());
            }
            sql.push(", eligible = ").bind(flag(r.eligible)).push(", monthly = ").bind(r.monthly);
            sql.push(", one_off = ").bind(r.one_off).push(", members = ").bind(r.members);
        }
        sql.push(", version = version + 1 WHERE id = ").bind(id).push(" AND version = ").bind(expected_version);
        let n = sql.query().execute(&mut *tx.tx).await?.rows_affected();
        check_version(n, STALE.0, STALE.1)
    }

    pub async fn insert_event(&self, tx: &mut Tx, e: &NewEvent<'_>) -> Result<()> {
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO application_events (id, application_id, region_code, action, stage_from, stage_to, actor, actor_role, at, note, data) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(e.application_id)
        .bind(e.region_code.to_owned())
        .bind(e.action.to_owned())
        .bind(e.stage_from.map(str::to_owned))
        .bind(e.stage_to.to_owned())
        .bind(e.actor.to_owned())
        .bind(e.actor_role.to_owned())
        .bind(crate::now())
        .bind(e.note.to_owned())
        .bind(e.data.clone())
        .execute(&mut *tx.tx)
        .await?;
        Ok(())
    }

    pub async fn application_events(&self, application_id: i64) -> Result<Vec<EventRecord>> {
        let rows = sqlx::query("SELECT * FROM application_events WHERE application_id = $1 ORDER BY id").bind(application_id).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(EventRecord {
                    id: r.try_get("id")?,
                    action: r.try_get("action")?,
                    stage_from: r.try_get("stage_from")?,
                    stage_to: r.try_get("stage_to")?,
                    actor: r.try_get("actor")?,
                    actor_role: r.try_get("actor_role")?,
                    at: r.try_get("at")?,
                    note: r.try_get("note")?,
                    data: r.try_get("data")?,
                })
            })
            .collect()
    }

    /// Active cases covering any of these persons.
    pub async fn enrolments_of(&self, person_ids: &[i64]) -> Result<Vec<Enrolment>> {
        let mut out = Vec::new();
        for &pid in person_ids {
            let rows = sqlx::query(
                "SELECT m.person_id, c.id, c.programme, c.household_id FROM case_members m JOIN cases c ON c.id = m.case_id \
                 WHERE m.person_id = $1 AND c.status = 'active'",
            )
            .bind(pid)
            .fetch_all(&self.pool)
            .await?;
            for r in &rows {
                out.push(Enrolment { person_id: r.try_get(0)?, case_id: r.try_get(1)?, programme: r.try_get(2)?, household_id: r.try_get(3)? });
            }
        }
        Ok(out)
    }

    pub async fn insert_attachment(&self, tx: &mut Tx, application_id: i64, region_code: &str, file_name: &str, content_type: &str, bytes: &[u8], actor: &str) -> Result<AttachmentMeta> {
        use base64::Engine;
        let id = tx.next_id().await?;
        let sha = minzheng_core::audit::sha256_hex(bytes);
        let now = crate::now();
        sqlx::query(
            "INSERT INTO attachments (id, application_id, region_code, file_name, content_type, size, sha256, content, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(application_id)
        .bind(region_code.to_owned())
        .bind(file_name.to_owned())
        .bind(content_type.to_owned())
        .bind(bytes.len() as i64)
        .bind(sha.clone())
        .bind(base64::engine::general_purpose::STANDARD.encode(bytes))
        .bind(actor.to_owned())
        .bind(now.clone())
        .execute(&mut *tx.tx)
        .await?;
        Ok(AttachmentMeta { id, file_name: file_name.to_owned(), content_type: content_type.to_owned(), size: bytes.len() as i64, sha256: sha, created_by: actor.to_owned(), created_at: now })
    }

    pub async fn attachments(&self, application_id: i64) -> Result<Vec<AttachmentMeta>> {
        let rows = sqlx::query("SELECT id, file_name, content_type, size, sha256, created_by, created_at FROM attachments WHERE application_id = $1 ORDER BY id")
            .bind(application_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(AttachmentMeta::from_row).collect()
    }

    /// An attachment's metadata and bytes.
    pub async fn attachment(&self, application_id: i64, id: i64) -> Result<(AttachmentMeta, Vec<u8>)> {
        use base64::Engine;
        let row = sqlx::query("SELECT * FROM attachments WHERE application_id = $1 AND id = $2")
            .bind(application_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let content: String = row.try_get("content")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(content).map_err(|e| StoreError::Corrupt(format!("attachment {id}: {e}")))?;
        Ok((AttachmentMeta::from_row(&row)?, bytes))
    }
}

