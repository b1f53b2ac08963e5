//! 服务对象 enrolments: the elders receiving home care.
use minzheng_core::assistance::policy::ParamUse;
use minzheng_core::assistance::YearMonth;
use minzheng_core::elderly::care::{Basis, ElderFacts, EnrolmentStatus};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

use crate::version::check_version;
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct EnrolmentRecord(r) {
        pub id: i64,
        pub person_id: i64,
        pub name: String as "person_name",
        /// emptied in a masked answer, which then leaves the key out (`birth_year` stays)
        #[serde(skip_serializing_if = "String::is_empty")]
        pub birth_date: String,
        pub birth_year: Option<i32> = minzheng_core::mask::birth_year(&r.try_get::<String, _>("birth_date")?),
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub provider_id: i64,
        pub provider_name: String,
        pub status: EnrolmentStatus,
        pub monthly_allowance: i64,
        pub basis: Vec<Basis> = serde_json::from_str(&r.try_get::<String, _>("basis")?).map_err(|e| StoreError::Corrupt(format!("enrolment basis: {e}")))?,
        pub reason: String,
        pub params: Vec<ParamUse> = serde_json::from_str(&r.try_get::<String, _>("params")?).map_err(|e| StoreError::Corrupt(format!("enrolment params: {e}")))?,
        pub start_month: YearMonth,
        pub end_month: Option<YearMonth>,
        pub end_reason: Option<String>,
        pub created_by: String,
        pub created_at: String,
        pub version: i64,
    }
}

pub(super) const ENROLMENT_SELECT: &str = "SELECT e.*, p.name AS person_name, p.birth_date, v.name AS provider_name FROM homecare_enrolments e \
    JOIN persons p ON p.id = e.person_id JOIN providers v ON v.id = e.provider_id WHERE 1 = 1";


pub struct EnrolmentInput {
    pub person_id: i64,
    pub region_code: String,
    pub provider_id: i64,
    pub monthly_allowance: i64,
    pub basis: Vec<Basis>,
    pub reason: String,
    pub params: Vec<ParamUse>,
    pub start_month: String,
}

#[derive(Default, Clone)]
pub struct EnrolmentFilter {
    pub status: Option<String>,
    pub provider_id: Option<i64>,
}

/// What the registry holds about an elder's household and cases, for the eligibility rule.
pub struct ElderHousehold {
    /// programmes of the active cases the person is a member of
    pub programmes: Vec<String>,
    /// (relation to the head, alive) of the other current members of the person's household
    pub members: Vec<(String, bool)>,
    /// the person's own relation to the head (current membership)
    pub relation: Option<String>,
}

impl Store {
    pub async fn homecare_elder_household(&self, person_id: i64) -> Result<ElderHousehold> {
        let programmes: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT c.programme FROM cases c JOIN case_members m ON m.case_id = c.id WHERE m.person_id = $1 AND c.status = 'active' ORDER BY c.programme",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        let own = sqlx::query("SELECT household_id, relation FROM household_members WHERE person_id = $1 AND left_on IS NULL").bind(person_id).fetch_optional(&self.pool).await?;
        let (mut members, mut relation) = (Vec::new(), None);
        if let Some(own) = own {
            let household: i64 = own.try_get("household_id")?;
            relation = Some(own.try_get::<String, _>("relation")?);
            let rows = sqlx::query(
                "SELECT hm.relation, p.alive FROM household_members hm JOIN persons p ON p.id = hm.person_id WHERE hm.household_id = $1 AND hm.left_on IS NULL AND hm.person_id <> $2",
            )
            .bind(household)
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                members.push((r.try_get("relation")?, r.try_get::<i64, _>("alive")? != 0));
            }
        }
        Ok(ElderHousehold { programmes, members, relation })
    }

    /// The facts of the eligibility rule for a person on `on` (see core `elderly::care`): age, whether
    /// alive, programmes of active cases, priority-care category and living children in the household.
    pub async fn homecare_elder_facts(&self, person: &crate::registry::persons::PersonRecord, on: chrono::NaiveDate) -> Result<ElderFacts> {
        use minzheng_core::registry::person::{PriorityCare, Relation};
        let birth = minzheng_core::date::parse_date(&person.birth_date).map_err(|_| StoreError::Corrupt(format!("person {} birth date", person.id)))?;
        let household = self.homecare_elder_household(person.id).await?;
        let own = household.relation.as_deref().or(person.relation.as_deref()).and_then(Relation::parse);
        let living_children = match own {
            Some(own) => household.members.iter().filter(|(rel, alive)| *alive && Relation::parse(rel).is_some_and(|m| minzheng_core::elderly::care::is_child_of(own, m))).count() as u32,
            None => 0,
        };
        Ok(ElderFacts {
            age: minzheng_core::date::age_on(birth, on),
            alive: person.alive,
            programmes: household.programmes,
            priority_care: person.priority_care.as_deref().and_then(PriorityCare::parse),
            living_children,
        })
    }

    /// Persons aged 60+ on `born_on_or_before`, alive, living in the scope, without an active
    /// enrolment: candidates the demo checks against the rule.
    pub async fn homecare_candidates(&self, scope: &Scope, born_on_or_before: &str, limit: i64) -> Result<Vec<i64>> {
        let mut sql = Sql::new("SELECT p.id FROM persons p WHERE p.alive = 1 AND p.birth_date <= ");
        sql.bind(born_on_or_before.to_owned());
        scope.and_filter(&mut sql, "p.region_code");
        sql.push(" AND NOT EXISTS (SELECT 1 FROM homecare_enrolments e WHERE e.person_id = p.id AND e.status = 'active') ORDER BY p.birth_date, p.id LIMIT ").bind(limit);
        Ok(sql.query_scalar().fetch_all(&self.pool).await?)
    }

    pub async fn active_enrolment_of(&self, person_id: i64) -> Result<Option<EnrolmentRecord>> {
        let mut sql = Sql::new(ENROLMENT_SELECT);
        sql.push(" AND e.person_id = ").bind(person_id).push(" AND e.status = 'active'");
        sql.query().fetch_optional(&self.pool).await?.as_ref().map(EnrolmentRecord::from_row).transpose()
    }

    pub async fn create_enrolment(&self, tx: &mut Tx, e: &EnrolmentInput, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let basis = serde_json::to_string(&e.basis).map_err(|x| StoreError::Corrupt(x.to_string()))?;
        let params = serde_json::to_string(&e.params).map_err(|x| StoreError::Corrupt(x.to_string()))?;
        sqlx::query(
            "INSERT INTO homecare_enrolments (id, person_id, region_code, provider_id, status, monthly_allowance, basis, reason, params, start_month, end_month, end_reason, created_by, created_at, version) \
             VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, NULL, NULL, $10, $11, 1)",
        )
        .bind(id)
        .bind(e.person_id)
        .bind(e.region_code.clone())
        .bind(e.provider_id)
        .bind(e.monthly_allowance)
        .bind(basis)
        .bind(e.reason.clone())
        .bind(params)
        .bind(e.start_month.clone())
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await
        .map_err(|x| {
            let x = StoreError::from(x);
            if x.is_unique_violation() { StoreError::conflict("person_id", "该老人已在居家养老服务中（每人只能有一个有效的服务登记）", "the elder already has an active home-care enrolment") } else { x }
        })?;
        Ok(id)
    }

    pub async fn enrolment(&self, scope: &Scope, id: i64) -> Result<EnrolmentRecord> {
        let mut sql = Sql::new(ENROLMENT_SELECT);
        sql.push(" AND e.id = ").bind(id);
        scope.and_filter(&mut sql, "e.region_code");
        EnrolmentRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_enrolments(&self, scope: &Scope, f: &EnrolmentFilter, paging: Paging) -> Result<Page<EnrolmentRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "e.region_code");
            if let Some(s) = &f.status {
                sql.push(" AND e.status = ").bind(s.clone());
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND e.provider_id = ").bind(p);
            }
        };
        self.page_of("FROM homecare_enrolments e WHERE 1 = 1", ENROLMENT_SELECT, push, "e.id DESC", paging, EnrolmentRecord::from_row).await
    }

    /// Ends an active enrolment from `end_month` (version-checked).
    pub async fn end_enrolment(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, end_month: &str, reason: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE homecare_enrolments SET status = 'ended', end_month = ");
        sql.bind(end_month.to_owned()).push(", end_reason = ").bind(reason.to_owned()).push(", version = version + 1 WHERE id = ").bind(id);
        sql.push(" AND version = ").bind(version).push(" AND status = 'active'");
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该服务登记已被他人修改，请刷新后重试", "the record was changed by someone else; reload it")?;
        Ok(())
    }
}
