//! 工作计划进度 persistence: the accounts acting for a unit, the units' quarterly reports (one per
//! line, unit and quarter; replaced until confirmed) with their files, and the plan's indicators.
use base64::Engine;
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ReportFile {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ReportRecord(r) {
        pub id: i64,
        pub line_id: i64,
        pub unit_id: i64,
        pub unit_name: String,
        pub period: String,
        pub percent: i64,
        pub narrative: String,
        /// submitted | confirmed | returned
        pub status: String,
        pub version: i64,
        pub submitted_by: String,
        pub submitted_at: String,
        pub reviewed_by: Option<String>,
        pub reviewed_at: Option<String>,
        pub review_note: String,
        pub files: Vec<ReportFile> = vec![],
    }
}

const REPORT_SELECT: &str = "SELECT r.*, u.name AS unit_name FROM plan_reports r JOIN plan_units u ON u.id = r.unit_id";

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct IndicatorRecord(r) {
        pub id: i64,
        pub plan_id: i64,
        pub code: String,
        pub name: String,
        pub unit: String,
        pub year: i64,
        pub target_hundredths: i64,
        /// live | manual
        pub source: String,
        pub value_hundredths: Option<i64>,
        pub evidence: String,
        pub version: i64,
        pub updated_by: String,
        pub updated_at: String,
    }
}

pub struct NewIndicator {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub year: i64,
    pub target_hundredths: i64,
    pub source: String,
}

/// Members of active dibao cases against the living registered residents.
#[derive(Clone, Debug, Default)]
pub struct DibaoCoverage {
    pub persons: i64,
    pub population: i64,
}

impl Store {
    /// The units an account acts for: those listing it as a member, its town's, and 区民政局 for
    /// the district's officers (`district_unit`).
    pub async fn plan_units_of(&self, username: &str, region_code: &str, district_unit: bool) -> Result<Vec<(i64, String, String)>> {
        let rows = sqlx::query(
            "SELECT id, name, kind FROM plan_units u WHERE EXISTS (SELECT 1 FROM plan_unit_members m WHERE m.unit_id = u.id AND m.username = $1) \
             OR (u.kind = 'town' AND u.region_code = $2) OR ($3 = 1 AND u.name = '区民政局') ORDER BY u.id",
        )
        .bind(username.to_owned())
        .bind(region_code.to_owned())
        .bind(crate::flag(district_unit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("kind")?))).collect()
    }

    pub async fn plan_unit_members(&self) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query("SELECT unit_id, username FROM plan_unit_members ORDER BY unit_id, username").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("unit_id")?, r.try_get("username")?))).collect()
    }

    /// Replaces a unit's members.
    pub async fn plan_set_members(&self, tx: &mut Tx, unit_id: i64, usernames: &[String]) -> Result<()> {
        sqlx::query("DELETE FROM plan_unit_members WHERE unit_id = $1").bind(unit_id).execute(&mut *tx.tx).await?;
        for u in usernames {
            sqlx::query("INSERT INTO plan_unit_members (unit_id, username) VALUES ($1, $2)").bind(unit_id).bind(u.clone()).execute(&mut *tx.tx).await?;
        }
        Ok(())
    }

    pub async fn plan_unit_exists(&self, id: i64) -> Result<bool> {
        Ok(sqlx::query("SELECT 1 FROM plan_units WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.is_some())
    }

    /// Submits (or, unless confirmed, replaces) a unit's report on a line for a quarter.
    pub async fn plan_submit_report(&self, tx: &mut Tx, line_id: i64, unit_id: i64, period: &str, percent: i64, narrative: &str, by: &str) -> Result<i64> {
        let now = crate::now();
        let existing = sqlx::query("SELECT id, status FROM plan_reports WHERE line_id = $1 AND unit_id = $2 AND period = $3").bind(line_id).bind(unit_id).bind(period.to_owned()).fetch_optional(&mut *tx.tx).await?;
        if let Some(r) = existing {
            let id: i64 = r.try_get("id")?;
            let status: String = r.try_get("status")?;
            if status == "confirmed" {
                return Err(StoreError::conflict("period", format!("{period} 的进度已由牵头单位确认，不能再修改"), format!("the report of {period} is confirmed; it cannot change")));
            }
            sqlx::query("UPDATE plan_reports SET percent = $1, narrative = $2, status = 'submitted', version = version + 1, submitted_by = $3, submitted_at = $4, reviewed_by = NULL, reviewed_at = NULL, review_note = '' WHERE id = $5")
                .bind(percent)
                .bind(narrative.to_owned())
                .bind(by.to_owned())
                .bind(now)
                .bind(id)
                .execute(&mut *tx.tx)
                .await?;
            return Ok(id);
        }
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO plan_reports (id, line_id, unit_id, period, percent, narrative, status, version, submitted_by, submitted_at, reviewed_by, reviewed_at, review_note) \
             VALUES ($1, $2, $3, $4, $5, $6, 'submitted', 1, $7, $8, NULL, NULL, '')",
        )
        .bind(id)
        .bind(line_id)
        .bind(unit_id)
        .bind(period.to_owned())
        .bind(percent)
        .bind(narrative.to_owned())
        .bind(by.to_owned())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// The lead unit's decision on a submitted report (`confirmed` or `returned`).
    pub async fn plan_review_report(&self, tx: &mut Tx, id: i64, status: &str, note: &str, by: &str) -> Result<()> {
        let r = sqlx::query("UPDATE plan_reports SET status = $1, review_note = $2, reviewed_by = $3, reviewed_at = $4, version = version + 1 WHERE id = $5 AND status = 'submitted'")
            .bind(status.to_owned())
            .bind(note.to_owned())
            .bind(by.to_owned())
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx.tx)
            .await?;
        if r.rows_affected() == 0 {
            return Err(StoreError::conflict("status", "该报告已确认或已退回，请刷新", "the report was already confirmed or returned"));
        }
        Ok(())
    }

    async fn plan_files_into(&self, reports: &mut [ReportRecord]) -> Result<()> {
        if reports.is_empty() {
            return Ok(());
        }
        let mut sql = crate::sql::Sql::new("SELECT id, report_id, file_name, size FROM plan_report_files WHERE report_id IN ");
        sql.bind_list(reports.iter().map(|r| r.id));
        sql.push(" ORDER BY id");
        for r in sql.query().fetch_all(&self.pool).await? {
            let rid: i64 = r.try_get("report_id")?;
            if let Some(rep) = reports.iter_mut().find(|x| x.id == rid) {
                rep.files.push(ReportFile { id: r.try_get("id")?, file_name: r.try_get("file_name")?, size: r.try_get("size")? });
            }
        }
        Ok(())
    }

    pub async fn plan_report(&self, id: i64) -> Result<ReportRecord> {
        let mut sql = crate::sql::Sql::new(&format!("{REPORT_SELECT} WHERE r.id = "));
        sql.bind(id);
        let mut v = vec![ReportRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)?];
        self.plan_files_into(&mut v).await?;
        Ok(v.remove(0))
    }

    /// A line's reports, newest period first.
    pub async fn plan_line_reports(&self, line_id: i64) -> Result<Vec<ReportRecord>> {
        let mut sql = crate::sql::Sql::new(&format!("{REPORT_SELECT} WHERE r.line_id = "));
        sql.bind(line_id).push(" ORDER BY r.period DESC, r.id DESC");
        let mut v = sql.query().fetch_all(&self.pool).await?.iter().map(ReportRecord::from_row).collect::<Result<Vec<_>>>()?;
        self.plan_files_into(&mut v).await?;
        Ok(v)
    }

    /// Every report of a plan's lines (for status and the report), newest period first.
    pub async fn plan_reports_of_plan(&self, plan_id: i64) -> Result<Vec<ReportRecord>> {
        let mut sql = crate::sql::Sql::new(&format!("{REPORT_SELECT} JOIN plan_lines l ON l.id = r.line_id WHERE l.plan_id = "));
        sql.bind(plan_id).push(" ORDER BY r.period DESC, r.id DESC");
        sql.query().fetch_all(&self.pool).await?.iter().map(ReportRecord::from_row).collect()
    }

    /// The plan a line belongs to, its lead unit and its units.
    pub async fn plan_line_units_of(&self, line_id: i64) -> Result<(i64, Vec<(i64, String)>)> {
        let plan: i64 = sqlx::query_scalar("SELECT plan_id FROM plan_lines WHERE id = $1").bind(line_id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let rows = sqlx::query("SELECT unit_id, role FROM plan_line_units WHERE line_id = $1 ORDER BY ord").bind(line_id).fetch_all(&self.pool).await?;
        Ok((plan, rows.iter().map(|r| Ok((r.try_get("unit_id")?, r.try_get("role")?))).collect::<Result<Vec<_>>>()?))
    }

    pub async fn plan_insert_file(&self, tx: &mut Tx, report_id: i64, file_name: &str, content_type: &str, bytes: &[u8], by: &str) -> Result<ReportFile> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO plan_report_files (id, report_id, file_name, content_type, size, sha256, content, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(report_id)
            .bind(file_name.to_owned())
            .bind(content_type.to_owned())
            .bind(bytes.len() as i64)
            .bind(minzheng_core::audit::sha256_hex(bytes))
            .bind(base64::engine::general_purpose::STANDARD.encode(bytes))
            .bind(by.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(ReportFile { id, file_name: file_name.to_owned(), size: bytes.len() as i64 })
    }

    /// A report's file: (name, content type, bytes).
    pub async fn plan_file(&self, report_id: i64, id: i64) -> Result<(String, String, Vec<u8>)> {
        let r = sqlx::query("SELECT file_name, content_type, content FROM plan_report_files WHERE id = $1 AND report_id = $2").bind(id).bind(report_id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let content: String = r.try_get("content")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(content).map_err(|e| StoreError::Corrupt(format!("plan_report_files {id}: {e}")))?;
        Ok((r.try_get("file_name")?, r.try_get("content_type")?, bytes))
    }

    // ---- indicators ----

    pub async fn plan_indicators(&self, plan_id: i64) -> Result<Vec<IndicatorRecord>> {
        sqlx::query("SELECT * FROM plan_indicators WHERE plan_id = $1 ORDER BY id").bind(plan_id).fetch_all(&self.pool).await?.iter().map(IndicatorRecord::from_row).collect()
    }

    pub async fn plan_indicator(&self, id: i64) -> Result<IndicatorRecord> {
        IndicatorRecord::from_row(&sqlx::query("SELECT * FROM plan_indicators WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn plan_insert_indicator(&self, tx: &mut Tx, plan_id: i64, n: &NewIndicator, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO plan_indicators (id, plan_id, code, name, unit, year, target_hundredths, source, value_hundredths, evidence, version, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, '', 1, $9, $10)",
        )
        .bind(id)
        .bind(plan_id)
        .bind(n.code.clone())
        .bind(n.name.clone())
        .bind(n.unit.clone())
        .bind(n.year)
        .bind(n.target_hundredths)
        .bind(n.source.clone())
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// A manual indicator's value with its evidence, at `version`.
    pub async fn plan_set_indicator_value(&self, tx: &mut Tx, id: i64, version: i64, value: i64, evidence: &str, by: &str) -> Result<()> {
        let r = sqlx::query("UPDATE plan_indicators SET value_hundredths = $1, evidence = $2, version = version + 1, updated_by = $3, updated_at = $4 WHERE id = $5 AND version = $6")
            .bind(value)
            .bind(evidence.to_owned())
            .bind(by.to_owned())
            .bind(crate::now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await?;
        check_version(r.rows_affected(), "该指标已被他人修改，请刷新", "the indicator changed since you read it")?;
        Ok(())
    }

    /// Active day-care centres per town (the town's 9-digit prefix): (town prefix, count).
    pub async fn plan_day_care_by_town(&self) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query("SELECT SUBSTR(region_code, 1, 9) AS town, COUNT(*) AS n FROM institutions WHERE kind = 'day_care' AND status = 'active' GROUP BY SUBSTR(region_code, 1, 9)").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("town")?, r.try_get("n")?))).collect()
    }

    /// Members of active dibao cases and living registered residents (dibao coverage).
    pub async fn plan_dibao_coverage(&self) -> Result<DibaoCoverage> {
        let persons: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_members cm JOIN cases c ON c.id = cm.case_id WHERE c.status = 'active' AND c.programme = 'dibao'").fetch_one(&self.pool).await?;
        let population: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE death_date IS NULL").fetch_one(&self.pool).await?;
        Ok(DibaoCoverage { persons, population })
    }
}
