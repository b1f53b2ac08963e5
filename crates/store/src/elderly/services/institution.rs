//! 养老机构与设施: institutions, residents admitted and discharged, subsidies recorded, and the
//! counts behind the indicators by town.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::elderly::services::FacilityStatus;
use minzheng_core::elderly::services::institution::{InstitutionKind, Ownership, SubsidyKind};
use serde::Serialize;
use sqlx::Row;

use super::in_case_cond;
use crate::assistance::{json, town_of};
use crate::registry::persons::born_on_or_before;
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct InstitutionRecord(r) {
        pub id: i64,
        pub name: String,
        pub kind: InstitutionKind,
        pub ownership: Ownership,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub provider_id: Option<i64>,
        pub beds: i64,
        pub opened_on: Option<NaiveDate>,
        pub licence: String,
        pub address: String,
        pub status: FacilityStatus,
        pub version: i64,
        pub created_at: String,
        /// residents now
        pub residents: i64,
    }
}

const INSTITUTION_COLUMNS: &str = "i.*, (SELECT COUNT(*) FROM institution_residents r WHERE r.institution_id = i.id AND r.left_on IS NULL) AS residents";


#[derive(Clone, Debug)]
pub struct InstitutionFields {
    pub name: String,
    pub kind: String,
    pub ownership: String,
    pub region_code: String,
    pub provider_id: Option<i64>,
    pub beds: i64,
    pub opened_on: Option<String>,
    pub licence: String,
    pub address: String,
    pub status: String,
}

#[derive(Default, Clone, Debug)]
pub struct InstitutionFilter {
    pub kind: Option<String>,
    pub ownership: Option<String>,
    pub status: Option<String>,
    pub q: Option<String>,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct ResidentRecord(r) {
        pub id: i64,
        pub institution_id: i64,
        pub institution_name: String,
        pub person_id: i64,
        pub person_name: String,
        pub id_number: Option<String>,
        /// emptied in a masked answer, which then leaves the key out
        #[serde(skip_serializing_if = "String::is_empty")]
        pub birth_date: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub bed: String,
        pub tekun: bool,
        pub admitted_on: NaiveDate,
        pub left_on: Option<NaiveDate>,
        pub leave_reason: Option<String>,
        pub version: i64,
    }
}

const RESIDENT_COLUMNS: &str = "r.id, r.institution_id, i.name AS institution_name, r.person_id, p.name AS person_name, p.id_number, p.birth_date, r.region_code, \
    r.bed, r.tekun, r.admitted_on, r.left_on, r.leave_reason, r.version";
const RESIDENT_FROM: &str = " FROM institution_residents r JOIN institutions i ON i.id = r.institution_id JOIN persons p ON p.id = r.person_id";


record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct SubsidyRecord(r) {
        pub id: i64,
        pub institution_id: i64,
        pub institution_name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub kind: SubsidyKind,
        pub year: i64,
        pub beds: i64,
        pub resident_days: i64,
        pub amount: i64,
        pub explanation: serde_json::Value = json(&r.try_get::<String, _>("explanation")?, "institution_subsidies.explanation")?,
        pub created_by: String,
        pub created_at: String,
    }
}

pub struct NewSubsidy {
    pub institution_id: i64,
    pub region_code: String,
    pub kind: String,
    pub year: i64,
    pub beds: i64,
    pub resident_days: i64,
    pub amount: i64,
    pub explanation: String,
}

/// The counts of one town behind its indicators.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TownCounts {
    pub town_code: String,
    pub institutions: i64,
    pub beds: i64,
    pub elderly: i64,
    pub residents: i64,
    pub tekun_all: i64,
    pub tekun_in_institutions: i64,
}

impl Store {
    pub async fn insert_institution(&self, tx: &mut Tx, f: &InstitutionFields) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO institutions (id, name, kind, ownership, region_code, provider_id, beds, opened_on, licence, address, status, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13)",
        )
        .bind(id)
        .bind(f.name.clone())
        .bind(f.kind.clone())
        .bind(f.ownership.clone())
        .bind(f.region_code.clone())
        .bind(f.provider_id)
        .bind(f.beds)
        .bind(f.opened_on.clone())
        .bind(f.licence.clone())
        .bind(f.address.clone())
        .bind(f.status.clone())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    pub async fn update_institution(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, f: &InstitutionFields) -> Result<()> {
        let mut sql = Sql::new("UPDATE institutions SET name = ");
        sql.bind(f.name.clone()).push(", kind = ").bind(f.kind.clone()).push(", ownership = ").bind(f.ownership.clone());
        sql.push(", region_code = ").bind(f.region_code.clone()).push(", provider_id = ").bind(f.provider_id).push(", beds = ").bind(f.beds);
        sql.push(", opened_on = ").bind(f.opened_on.clone()).push(", licence = ").bind(f.licence.clone()).push(", address = ").bind(f.address.clone());
        sql.push(", status = ").bind(f.status.clone()).push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该机构已被他人修改，请刷新", "the institution was changed by someone else; reload it")?;
        Ok(())
    }

    pub async fn institution(&self, scope: &Scope, id: i64) -> Result<InstitutionRecord> {
        let mut sql = Sql::new(&format!("SELECT {INSTITUTION_COLUMNS} FROM institutions i WHERE i.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "i.region_code");
        InstitutionRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_institutions(&self, scope: &Scope, f: &InstitutionFilter, paging: Paging) -> Result<Page<InstitutionRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "i.region_code");
            if let Some(k) = &f.kind {
                sql.push(" AND i.kind = ").bind(k.clone());
            }
            if let Some(o) = &f.ownership {
                sql.push(" AND i.ownership = ").bind(o.clone());
            }
            if let Some(s) = &f.status {
                sql.push(" AND i.status = ").bind(s.clone());
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                sql.push(" AND i.name LIKE ").bind(format!("%{}%", q.replace(['%', '_'], "")));
            }
        };
        self.page_of("FROM institutions i WHERE 1 = 1", &format!("SELECT {INSTITUTION_COLUMNS} FROM institutions i WHERE 1 = 1"), push, "i.region_code, i.id", paging, InstitutionRecord::from_row).await
    }

    /// Admits a person: refused when the institution is full, and a conflict when the person
    /// already lives in an institution.
    #[allow(clippy::too_many_arguments)]
    pub async fn admit_resident(&self, tx: &mut Tx, inst: &InstitutionRecord, person_id: i64, region_code: &str, bed: &str, tekun: bool, admitted_on: NaiveDate) -> Result<i64> {
        let living: Option<i64> = sqlx::query_scalar("SELECT institution_id FROM institution_residents WHERE person_id = $1 AND left_on IS NULL")
            .bind(person_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if let Some(other) = living {
            return Err(StoreError::conflict("person_id", format!("该老人已入住机构#{other}，请先办理离院"), format!("the person already lives in institution #{other}")));
        }
        let current: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM institution_residents WHERE institution_id = $1 AND left_on IS NULL").bind(inst.id).fetch_one(&mut *tx.tx).await?;
        if current >= inst.beds {
            return Err(StoreError::invalid("institution_id", format!("{}床位已满（{} 张）", inst.name, inst.beds), format!("{} is full ({} beds)", inst.name, inst.beds)));
        }
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO institution_residents (id, institution_id, person_id, region_code, bed, tekun, admitted_on, left_on, leave_reason, version, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, 1, $8)",
        )
        .bind(id)
        .bind(inst.id)
        .bind(person_id)
        .bind(region_code.to_owned())
        .bind(bed.to_owned())
        .bind(crate::flag(tekun))
        .bind(admitted_on.to_string())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// Residents of an institution (current only, or every stay).
    pub async fn institution_residents(&self, inst_id: i64, current: bool) -> Result<Vec<ResidentRecord>> {
        let mut sql = Sql::new(&format!("SELECT {RESIDENT_COLUMNS}{RESIDENT_FROM} WHERE r.institution_id = "));
        sql.bind(inst_id);
        if current {
            sql.push(" AND r.left_on IS NULL");
        }
        sql.push(" ORDER BY r.left_on IS NOT NULL, r.bed, r.id LIMIT 2000");
        sql.query().fetch_all(&self.pool).await?.iter().map(ResidentRecord::from_row).collect()
    }

    /// A stay, visible when its institution is in the account's region.
    pub async fn institution_resident(&self, scope: &Scope, id: i64) -> Result<ResidentRecord> {
        let mut sql = Sql::new(&format!("SELECT {RESIDENT_COLUMNS}{RESIDENT_FROM} WHERE r.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "i.region_code");
        ResidentRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// 离院 ends a stay (version-checked).
    pub async fn discharge_resident(&self, tx: &mut Tx, id: i64, version: i64, left_on: NaiveDate, reason: &str) -> Result<()> {
        let n = sqlx::query("UPDATE institution_residents SET left_on = $1, leave_reason = $2, version = version + 1 WHERE id = $3 AND version = $4 AND left_on IS NULL")
            .bind(left_on.to_string())
            .bind(reason.to_owned())
            .bind(id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        check_version(n, "该老人已离院或记录已被他人修改，请刷新", "the resident already left or the record changed; reload it")?;
        Ok(())
    }

    /// (admitted on, left on) of every stay in an institution.
    pub async fn institution_stays(&self, inst_id: i64) -> Result<Vec<(NaiveDate, Option<NaiveDate>)>> {
        let rows = sqlx::query("SELECT admitted_on, left_on FROM institution_residents WHERE institution_id = $1").bind(inst_id).fetch_all(&self.pool).await?;
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("stay date {s:?}")));
        rows.iter()
            .map(|r| {
                let a: String = r.try_get(0)?;
                let l: Option<String> = r.try_get(1)?;
                Ok((date(&a)?, l.as_deref().map(date).transpose()?))
            })
            .collect()
    }

    /// Records a computed subsidy; construction once per institution, operating once a year.
    pub async fn insert_subsidy(&self, tx: &mut Tx, s: &NewSubsidy, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let once_key = if s.kind == "construction" { 0 } else { s.year };
        let inserted = sqlx::query(
            "INSERT INTO institution_subsidies (id, institution_id, region_code, kind, year, once_key, beds, resident_days, amount, explanation, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(s.institution_id)
        .bind(s.region_code.clone())
        .bind(s.kind.clone())
        .bind(s.year)
        .bind(once_key)
        .bind(s.beds)
        .bind(s.resident_days)
        .bind(s.amount)
        .bind(s.explanation.clone())
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() {
                StoreError::conflict("year", format!("该机构的{}已核定过", if s.kind == "construction" { "建设补贴" } else { "本年度运营补贴" }), format!("the {} subsidy was already recorded", s.kind))
            } else {
                e
            });
        }
        Ok(id)
    }

    pub async fn institution_subsidies(&self, scope: &Scope, institution_id: Option<i64>, year: Option<i64>) -> Result<Vec<SubsidyRecord>> {
        let mut sql = Sql::new("SELECT s.*, i.name AS institution_name FROM institution_subsidies s JOIN institutions i ON i.id = s.institution_id WHERE 1 = 1");
        scope.and_filter(&mut sql, "s.region_code");
        if let Some(i) = institution_id {
            sql.push(" AND s.institution_id = ").bind(i);
        }
        if let Some(y) = year {
            sql.push(" AND s.year = ").bind(y);
        }
        sql.push(" ORDER BY s.year DESC, s.institution_id, s.kind LIMIT 1000");
        sql.query().fetch_all(&self.pool).await?.iter().map(SubsidyRecord::from_row).collect()
    }

    /// Per town of the region (and the account's scope): active institutions and their beds,
    /// residents now, residents aged 60+, 特困 persons and those of them living in an institution.
    pub async fn institution_counts(&self, scope: &Scope, today: NaiveDate) -> Result<Vec<TownCounts>> {
        let mut towns: BTreeMap<String, TownCounts> = BTreeMap::new();
        let filter = |sql: &mut Sql, column: &str| scope.and_filter(sql, column);
        let mut sql = Sql::new("SELECT SUBSTR(i.region_code, 1, 9) AS t, COUNT(*), CAST(COALESCE(SUM(i.beds), 0) AS BIGINT), \
            CAST(COALESCE(SUM((SELECT COUNT(*) FROM institution_residents r WHERE r.institution_id = i.id AND r.left_on IS NULL)), 0) AS BIGINT) \
            FROM institutions i WHERE i.status = 'active'");
        filter(&mut sql, "i.region_code");
        sql.push(" GROUP BY SUBSTR(i.region_code, 1, 9)");
        for r in sql.query().fetch_all(&self.pool).await? {
            let t: String = r.try_get(0)?;
            let c = towns.entry(town_of(&t)).or_default();
            c.institutions = r.try_get(1)?;
            c.beds = r.try_get(2)?;
            c.residents = r.try_get(3)?;
        }
        let mut sql = Sql::new("SELECT SUBSTR(p.region_code, 1, 9) AS t, COUNT(*) FROM persons p WHERE p.alive = 1 AND p.birth_date <= ");
        sql.bind(born_on_or_before(today, 60).to_string());
        filter(&mut sql, "p.region_code");
        sql.push(" GROUP BY SUBSTR(p.region_code, 1, 9)");
        for r in sql.query().fetch_all(&self.pool).await? {
            let t: String = r.try_get(0)?;
            towns.entry(town_of(&t)).or_default().elderly = r.try_get(1)?;
        }
        let living = "EXISTS (SELECT 1 FROM institution_residents r WHERE r.person_id = p.id AND r.left_on IS NULL)";
        let mut sql = Sql::new(&format!(
            "SELECT SUBSTR(p.region_code, 1, 9) AS t, COUNT(*), CAST(COALESCE(SUM(CASE WHEN {living} THEN 1 ELSE 0 END), 0) AS BIGINT) FROM persons p WHERE p.alive = 1 AND {}",
            in_case_cond("tekun")
        ));
        filter(&mut sql, "p.region_code");
        sql.push(" GROUP BY SUBSTR(p.region_code, 1, 9)");
        for r in sql.query().fetch_all(&self.pool).await? {
            let t: String = r.try_get(0)?;
            let c = towns.entry(town_of(&t)).or_default();
            c.tekun_all = r.try_get(1)?;
            c.tekun_in_institutions = r.try_get(2)?;
        }
        Ok(towns
            .into_iter()
            .filter(|(code, _)| code.len() == 12)
            .map(|(code, mut c)| {
                c.town_code = code;
                c
            })
            .collect())
    }
}
