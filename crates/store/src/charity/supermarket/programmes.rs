//! 积分项目 points programmes, their issues and the vouchers they give households.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::assistance::{Programme, YearMonth};
use minzheng_core::charity::supermarket::{Basis, Eligible, ProgrammeStatus, VoucherBalance, VoucherPlan};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

use crate::version::check_version;
use crate::row::record;

record! {
    /// 积分项目 a points programme.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ProgrammeRecord(r) {
        pub id: i64,
        pub name: String,
        /// assistance programme codes
        pub eligible: Vec<Programme> = eligible(r)?,
        /// per_household | per_member (a string in the document: the elderly's `Basis` has the name)
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub basis: Basis,
        pub points: i64,
        pub valid_months: i64,
        pub status: ProgrammeStatus,
        pub note: String,
        pub version: i64,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

/// The programmes a points programme serves, stored as their codes joined by commas.
fn eligible(r: &sqlx::any::AnyRow) -> Result<Vec<Programme>> {
    let text: String = r.try_get("eligible")?;
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Programme::parse(s).ok_or_else(|| StoreError::Corrupt(format!("eligible: unreadable value {s:?}"))))
        .collect()
}

fn eligible_text(programmes: &[Programme]) -> String {
    programmes.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
}

#[derive(Clone, Debug)]
pub struct ProgrammeFields {
    pub name: String,
    pub eligible: Vec<Programme>,
    pub basis: Basis,
    pub points: i64,
    pub valid_months: i64,
    pub status: ProgrammeStatus,
    pub note: String,
}

record! {
    /// 发放记录 one issue run.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct IssueRecord(r) {
        pub id: i64,
        pub programme_id: i64,
        pub period: YearMonth,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub households: i64,
        pub points: i64,
        pub already: i64,
        pub expires_on: NaiveDate,
        pub rule: serde_json::Value = crate::assistance::json(&r.try_get::<String, _>("rule")?, "supermarket_issues.rule")?,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: chrono::DateTime<chrono::Utc>,
    }
}

/// An issue to record (after its vouchers).
#[derive(Clone, Debug)]
pub struct NewIssue {
    pub id: i64,
    pub programme_id: i64,
    pub period: YearMonth,
    pub region_code: RegionCode,
    pub households: i64,
    pub points: i64,
    pub already: i64,
    pub expires_on: NaiveDate,
    /// the rule as applied (JSON)
    pub rule: String,
    pub created_by: String,
}

/// A household that qualifies, with the case it qualifies by.
#[derive(Clone, Debug)]
pub struct EligibleRow {
    pub eligible: Eligible,
    pub case_id: i64,
    pub region_code: RegionCode,
    pub head_name: String,
}

record! {
    /// 积分券 a household's points of one programme and period.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct VoucherRecord(r) {
        pub id: i64,
        pub programme_id: i64,
        pub programme_name: String,
        pub issue_id: i64,
        pub period: YearMonth,
        pub household_id: i64,
        pub case_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        /// raw: the caller masks it
        pub head_name: String,
        pub members: i64,
        pub points: i64,
        pub remaining: i64,
        pub issued_on: NaiveDate,
        pub expires_on: NaiveDate,
    }
}

pub(super) const VOUCHER_COLUMNS: &str = "v.id, v.programme_id, p.name AS programme_name, v.issue_id, v.period, v.household_id, v.case_id, v.region_code, v.head_name, \
    v.members, v.points, v.remaining, v.issued_on, v.expires_on";
pub(super) const VOUCHER_FROM: &str = " FROM supermarket_vouchers v JOIN supermarket_programmes p ON p.id = v.programme_id";


impl VoucherRecord {
    pub fn balance(&self) -> VoucherBalance {
        VoucherBalance { voucher_id: self.id, remaining: self.remaining, expires_on: self.expires_on }
    }
}

#[derive(Clone, Debug, Default)]
pub struct VoucherFilter {
    pub programme_id: Option<i64>,
    pub period: Option<YearMonth>,
    pub household_id: Option<i64>,
}

/// A household holding vouchers, with its balance on a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct HouseholdPoints {
    pub household_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub region_code: RegionCode,
    /// raw: the caller masks it
    pub head_name: String,
    /// unexpired remaining points
    pub balance: i64,
    pub vouchers: i64,
    /// the earliest last day of an unexpired voucher holding points
    pub next_expiry: Option<NaiveDate>,
}

impl Store {
    pub async fn supermarket_insert_programme(&self, tx: &mut Tx, f: &ProgrammeFields, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO supermarket_programmes (id, name, eligible, basis, points, valid_months, status, note, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)",
        )
        .bind(id)
        .bind(f.name.clone())
        .bind(eligible_text(&f.eligible))
        .bind(f.basis.as_str().to_owned())
        .bind(f.points)
        .bind(f.valid_months)
        .bind(f.status.as_str().to_owned())
        .bind(f.note.clone())
        .bind(by.to_owned())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// Changes a programme (version-checked); vouchers already issued keep their points and dates.
    pub async fn supermarket_update_programme(&self, tx: &mut Tx, id: i64, version: i64, f: &ProgrammeFields) -> Result<()> {
        let r = sqlx::query(
            "UPDATE supermarket_programmes SET name = $1, eligible = $2, basis = $3, points = $4, valid_months = $5, status = $6, note = $7, \
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        )
        .bind(f.name.clone())
        .bind(eligible_text(&f.eligible))
        .bind(f.basis.as_str().to_owned())
        .bind(f.points)
        .bind(f.valid_months)
        .bind(f.status.as_str().to_owned())
        .bind(f.note.clone())
        .bind(crate::now())
        .bind(id)
        .bind(version)
        .execute(&mut *tx.tx)
        .await?;
        check_version(r.rows_affected(), "该积分项目已被他人修改，请刷新", "the programme was changed by someone else; reload it")?;
        Ok(())
    }

    pub async fn supermarket_programme(&self, id: i64) -> Result<ProgrammeRecord> {
        let row = sqlx::query("SELECT * FROM supermarket_programmes WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        ProgrammeRecord::from_row(&row.ok_or(StoreError::NotFound)?)
    }

    pub async fn supermarket_programmes(&self, status: Option<ProgrammeStatus>) -> Result<Vec<ProgrammeRecord>> {
        let mut sql = Sql::new("SELECT * FROM supermarket_programmes WHERE 1 = 1");
        if let Some(s) = status {
            sql.push(" AND status = ").bind(s.as_str().to_owned());
        }
        sql.push(" ORDER BY id DESC LIMIT 500");
        sql.query().fetch_all(&self.pool).await?.iter().map(ProgrammeRecord::from_row).collect()
    }

    // ---- issues ----

    /// Up to `limit` households after `after` (by id) holding an active case of one of `programmes`
    /// in `region`, each with the distinct persons its qualifying cases cover and whether it already
    /// has its voucher of `programme_id` and `period`. Read inside the issuing transaction; pages by
    /// household id so memory stays bounded.
    #[allow(clippy::too_many_arguments)]
    pub async fn supermarket_eligible(&self, tx: &mut Tx, programme_id: i64, period: YearMonth, programmes: &[Programme], region: &Scope, after: i64, limit: i64) -> Result<Vec<EligibleRow>> {
        let mut sql = Sql::new(
            "SELECT c.household_id, MIN(c.id) AS case_id, COUNT(DISTINCT cm.person_id) AS persons, MAX(c.members) AS members \
             FROM cases c LEFT JOIN case_members cm ON cm.case_id = c.id WHERE c.status = 'active' AND c.programme IN ",
        );
        sql.bind_list(programmes.iter().map(|p| p.as_str().to_owned()));
        region.and_filter(&mut sql, "c.region_code");
        sql.push(" AND c.household_id > ").bind(after);
        sql.push(" GROUP BY c.household_id ORDER BY c.household_id LIMIT ").bind(limit);
        let rows = sql.query().fetch_all(&mut *tx.tx).await?;
        let mut found: Vec<(i64, i64, i64)> = Vec::with_capacity(rows.len());
        for r in &rows {
            let persons: i64 = r.try_get("persons")?;
            let members: i64 = r.try_get("members")?;
            found.push((r.try_get("household_id")?, r.try_get("case_id")?, if persons > 0 { persons } else { members }));
        }
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("SELECT id, region_code, head_name FROM cases WHERE id IN ");
        sql.bind_list(found.iter().map(|f| f.1));
        let mut cases: HashMap<i64, (RegionCode, String)> = HashMap::new();
        for r in sql.query().fetch_all(&mut *tx.tx).await? {
            cases.insert(r.try_get("id")?, (crate::row::Column::column(&r, "region_code")?, r.try_get("head_name")?));
        }
        let mut sql = Sql::new("SELECT household_id FROM supermarket_vouchers WHERE programme_id = ");
        sql.bind(programme_id).push(" AND period = ").bind(period.to_string()).push(" AND household_id IN ");
        sql.bind_list(found.iter().map(|f| f.0));
        let mut already = std::collections::HashSet::new();
        for r in sql.query().fetch_all(&mut *tx.tx).await? {
            already.insert(r.try_get::<i64, _>(0)?);
        }
        found
            .into_iter()
            .map(|(household_id, case_id, members)| {
                let (region_code, head_name) = cases.get(&case_id).cloned().ok_or_else(|| StoreError::Corrupt(format!("case {case_id}")))?;
                Ok(EligibleRow { eligible: Eligible { household_id, members, already: already.contains(&household_id) }, case_id, region_code, head_name })
            })
            .collect()
    }

    /// Writes the vouchers of an issue (a batch); a household that already has its voucher of the
    /// programme and period is a conflict (the unique index).
    #[allow(clippy::too_many_arguments)]
    pub async fn supermarket_insert_vouchers(&self, tx: &mut Tx, issue_id: i64, programme_id: i64, period: YearMonth, issued_on: NaiveDate, expires_on: NaiveDate, plans: &[(VoucherPlan, &EligibleRow)]) -> Result<()> {
        if plans.is_empty() {
            return Ok(());
        }
        let ids = tx.reserve_ids(plans.len() as i64).await?;
        let now = crate::now();
        for chunk in plans.chunks(50).zip(ids.step_by(50)) {
            let (chunk, first) = chunk;
            let mut sql = Sql::bulk(
                "INSERT INTO supermarket_vouchers (id, programme_id, issue_id, period, household_id, case_id, region_code, head_name, members, points, remaining, issued_on, expires_on, created_at) VALUES ",
                self.backend(),
            );
            for (i, (plan, row)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(first + i as i64).push(", ").bind(programme_id).push(", ").bind(issue_id).push(", ").bind(period.to_string());
                sql.push(", ").bind(plan.household_id).push(", ").bind(row.case_id).push(", ").bind(row.region_code.as_str().to_owned()).push(", ").bind(row.head_name.clone());
                sql.push(", ").bind(plan.members).push(", ").bind(plan.points).push(", ").bind(plan.points).push(", ").bind(issued_on.to_string());
                sql.push(", ").bind(expires_on.to_string()).push(", ").bind(now.clone()).push(")");
            }
            if let Err(e) = sql.query().execute(&mut *tx.tx).await {
                let e = StoreError::from(e);
                return Err(if e.is_unique_violation() {
                    StoreError::conflict("period", format!("{period} 的积分已有发放，请刷新后重试"), format!("points of {period} were issued meanwhile; try again"))
                } else {
                    e
                });
            }
        }
        Ok(())
    }

    pub async fn supermarket_insert_issue(&self, tx: &mut Tx, i: &NewIssue) -> Result<()> {
        sqlx::query(
            "INSERT INTO supermarket_issues (id, programme_id, period, region_code, households, points, already, expires_on, rule, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(i.id)
        .bind(i.programme_id)
        .bind(i.period.to_string())
        .bind(i.region_code.as_str().to_owned())
        .bind(i.households)
        .bind(i.points)
        .bind(i.already)
        .bind(i.expires_on.to_string())
        .bind(i.rule.clone())
        .bind(i.created_by.clone())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(())
    }

    pub async fn supermarket_issue(&self, scope: &Scope, id: i64) -> Result<IssueRecord> {
        let mut sql = Sql::new("SELECT * FROM supermarket_issues WHERE id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        IssueRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// The issues of a programme for regions inside `scope`, latest first.
    pub async fn supermarket_issues(&self, scope: &Scope, programme_id: i64) -> Result<Vec<IssueRecord>> {
        let mut sql = Sql::new("SELECT * FROM supermarket_issues WHERE programme_id = ");
        sql.bind(programme_id);
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY id DESC LIMIT 500");
        sql.query().fetch_all(&self.pool).await?.iter().map(IssueRecord::from_row).collect()
    }

    // ---- vouchers and balances ----

    pub async fn supermarket_vouchers(&self, scope: &Scope, f: &VoucherFilter, paging: Paging) -> Result<Page<VoucherRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(p) = f.programme_id {
                sql.push(" AND v.programme_id = ").bind(p);
            }
            if let Some(p) = &f.period {
                sql.push(" AND v.period = ").bind(p.to_string());
            }
            if let Some(h) = f.household_id {
                sql.push(" AND v.household_id = ").bind(h);
            }
        };
        self.page_of(&format!("{VOUCHER_FROM} WHERE 1 = 1"), &format!("SELECT {VOUCHER_COLUMNS}{VOUCHER_FROM} WHERE 1 = 1"), push, "v.region_code, v.household_id, v.id", paging, VoucherRecord::from_row).await
    }

    /// Every voucher of a household inside `scope`, the earliest expiry first (in a transaction
    /// when `tx` is given, for the counter).
    pub async fn supermarket_household_vouchers(&self, tx: Option<&mut Tx>, scope: &Scope, household_id: i64) -> Result<Vec<VoucherRecord>> {
        let mut sql = Sql::new(&format!("SELECT {VOUCHER_COLUMNS}{VOUCHER_FROM} WHERE v.household_id = "));
        sql.bind(household_id);
        scope.and_filter(&mut sql, "v.region_code");
        sql.push(" ORDER BY v.expires_on, v.id");
        let rows = match tx {
            Some(tx) => sql.query().fetch_all(&mut *tx.tx).await?,
            None => sql.query().fetch_all(&self.pool).await?,
        };
        rows.iter().map(VoucherRecord::from_row).collect()
    }

    /// Households holding vouchers inside `scope`, with their balance on `today`. `q` matches the
    /// head's name (part of it) or, exactly, the ID number of the household's head.
    pub async fn supermarket_households(&self, scope: &Scope, q: Option<&str>, today: NaiveDate, paging: Paging) -> Result<Page<HouseholdPoints>> {
        let today_s = today.to_string();
        let filter = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (v.head_name LIKE ").bind(like);
                sql.push(" OR v.household_id IN (SELECT h.id FROM households h JOIN persons p ON p.id = h.head_person_id WHERE p.id_number = ").bind(q.to_uppercase()).push("))");
            }
        };
        let mut count = Sql::new("SELECT COUNT(DISTINCT v.household_id) FROM supermarket_vouchers v WHERE 1 = 1");
        filter(&mut count);
        let total: i64 = count.query_scalar().fetch_one(&self.pool).await?;
        let mut sql = Sql::new("SELECT v.household_id, MAX(v.region_code) AS region_code, MAX(v.head_name) AS head_name, COUNT(*) AS vouchers, CAST(COALESCE(SUM(CASE WHEN v.expires_on >= ");
        sql.bind(today_s.clone()).push(" THEN v.remaining ELSE 0 END), 0) AS BIGINT) AS balance, MIN(CASE WHEN v.expires_on >= ").bind(today_s);
        sql.push(" AND v.remaining > 0 THEN v.expires_on END) AS next_expiry FROM supermarket_vouchers v WHERE 1 = 1");
        filter(&mut sql);
        sql.push(" GROUP BY v.household_id ORDER BY MAX(v.region_code), v.household_id LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(HouseholdPoints {
                    household_id: r.try_get("household_id")?,
                    region_code: crate::row::Column::column(r, "region_code")?,
                    head_name: r.try_get("head_name")?,
                    balance: r.try_get("balance")?,
                    vouchers: r.try_get("vouchers")?,
                    next_expiry: crate::row::Column::column(r, "next_expiry")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact: true, page: paging.page, page_size: paging.page_size })
    }
}
