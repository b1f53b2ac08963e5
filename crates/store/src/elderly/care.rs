//! 居家养老服务 persistence: providers, catalogue, enrolments, work orders, settlements.
//!
//! Orders are read through an [`OrderAccess`]: the account's region scope and, for a provider's
//! account, its provider; a query cannot be written without one, so a provider never reads another
//! provider's order (it is "not found").
use minzheng_core::assistance::policy::ParamUse;
use minzheng_core::elderly::care::{ElderFacts, OrderFact, OrderStatus, Settlement};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::registry::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};

fn conflict_version(what: &str) -> StoreError {
    StoreError::conflict("version", format!("该{what}已被他人修改，请刷新后重试"), "the record was changed by someone else; reload it")
}

// ---------------------------------------------------------------- providers

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ProviderRecord {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub credit_code: String,
    pub region_code: String,
    pub contact: String,
    pub phone: String,
    pub qualification: String,
    pub qualification_until: Option<String>,
    pub contract_no: String,
    pub contract_start: String,
    pub contract_end: String,
    pub status: String,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

fn provider_from(r: &AnyRow) -> Result<ProviderRecord> {
    Ok(ProviderRecord {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        kind: r.try_get("kind")?,
        credit_code: r.try_get("credit_code")?,
        region_code: r.try_get("region_code")?,
        contact: r.try_get("contact")?,
        phone: r.try_get("phone")?,
        qualification: r.try_get("qualification")?,
        qualification_until: r.try_get("qualification_until")?,
        contract_no: r.try_get("contract_no")?,
        contract_start: r.try_get("contract_start")?,
        contract_end: r.try_get("contract_end")?,
        status: r.try_get("status")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The validated fields of a provider.
pub struct ProviderInput {
    pub name: String,
    pub kind: String,
    pub credit_code: String,
    pub region_code: String,
    pub contact: String,
    pub phone: String,
    pub qualification: String,
    pub qualification_until: Option<String>,
    pub contract_no: String,
    pub contract_start: String,
    pub contract_end: String,
    pub status: String,
}

/// A provider serves an account's scope when its service area lies inside the scope or contains it.
fn provider_visible(scope: &Scope, p: &ProviderRecord) -> bool {
    if scope.contains_str(&p.region_code) {
        return true;
    }
    match (scope.root(), minzheng_core::region::RegionCode::parse(&p.region_code)) {
        (Some(root), Ok(area)) => area.contains(root),
        _ => true,
    }
}

/// A coordinate, or the literal NULL. A bound `None` goes to PostgreSQL without a float type: the
/// statement prepared with it (cached per connection) then refuses a later bound `Some(f64)` with
/// "incorrect binary data format".
fn bind_coordinate(sql: &mut Sql, v: Option<f64>) {
    match v {
        Some(v) => {
            sql.bind(v);
        }
        None => {
            sql.push("NULL");
        }
    }
}

impl Store {
    pub async fn provider_exists(&self, id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM providers WHERE id = $1").bind(id).fetch_one(&self.pool).await?;
        Ok(n > 0)
    }

    /// Providers whose service area meets the account's scope, by kind.
    pub async fn list_providers(&self, scope: &Scope, kind: Option<&str>, status: Option<&str>) -> Result<Vec<ProviderRecord>> {
        let mut sql = Sql::new("SELECT * FROM providers WHERE 1 = 1");
        if let Some(k) = kind {
            sql.push(" AND kind = ").bind(k.to_owned());
        }
        if let Some(s) = status {
            sql.push(" AND status = ").bind(s.to_owned());
        }
        sql.push(" ORDER BY region_code, id");
        let rows = sql.query().fetch_all(&self.pool).await?;
        Ok(rows.iter().map(provider_from).collect::<Result<Vec<_>>>()?.into_iter().filter(|p| provider_visible(scope, p)).collect())
    }

    pub async fn provider(&self, scope: &Scope, id: i64) -> Result<ProviderRecord> {
        let row = sqlx::query("SELECT * FROM providers WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let p = provider_from(&row)?;
        if provider_visible(scope, &p) { Ok(p) } else { Err(StoreError::NotFound) }
    }

    pub async fn create_provider(&self, tx: &mut Tx, p: &ProviderInput, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let mut sql = Sql::new("INSERT INTO providers (id, name, kind, credit_code, region_code, contact, phone, qualification, qualification_until, contract_no, contract_start, contract_end, status, version, created_by, created_at, updated_at) VALUES (");
        sql.bind(id).push(", ").bind(p.name.clone()).push(", ").bind(p.kind.clone()).push(", ").bind(p.credit_code.clone()).push(", ");
        sql.bind(p.region_code.clone()).push(", ").bind(p.contact.clone()).push(", ").bind(p.phone.clone()).push(", ").bind(p.qualification.clone()).push(", ");
        sql.bind(p.qualification_until.clone()).push(", ").bind(p.contract_no.clone()).push(", ").bind(p.contract_start.clone()).push(", ");
        sql.bind(p.contract_end.clone()).push(", ").bind(p.status.clone()).push(", 1, ").bind(actor.to_owned()).push(", ").bind(now.clone()).push(", ").bind(now).push(")");
        sql.query().execute(&mut *tx.tx).await.map_err(|e| duplicate_provider(e.into(), &p.credit_code))?;
        Ok(id)
    }

    pub async fn update_provider(&self, tx: &mut Tx, id: i64, version: i64, p: &ProviderInput) -> Result<()> {
        let mut sql = Sql::new("UPDATE providers SET name = ");
        sql.bind(p.name.clone()).push(", kind = ").bind(p.kind.clone()).push(", credit_code = ").bind(p.credit_code.clone());
        sql.push(", region_code = ").bind(p.region_code.clone()).push(", contact = ").bind(p.contact.clone()).push(", phone = ").bind(p.phone.clone());
        sql.push(", qualification = ").bind(p.qualification.clone()).push(", qualification_until = ").bind(p.qualification_until.clone());
        sql.push(", contract_no = ").bind(p.contract_no.clone()).push(", contract_start = ").bind(p.contract_start.clone());
        sql.push(", contract_end = ").bind(p.contract_end.clone()).push(", status = ").bind(p.status.clone());
        sql.push(", version = version + 1, updated_at = ").bind(crate::now()).push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        let n = sql.query().execute(&mut *tx.tx).await.map_err(|e| duplicate_provider(e.into(), &p.credit_code))?.rows_affected();
        if n == 0 {
            return Err(conflict_version("服务商"));
        }
        Ok(())
    }
}

fn duplicate_provider(e: StoreError, code: &str) -> StoreError {
    if e.is_unique_violation() {
        StoreError::conflict("credit_code", format!("统一社会信用代码 {code} 的同类服务商已登记"), format!("a provider of this kind with credit code {code} is already registered"))
    } else {
        e
    }
}

// ---------------------------------------------------------------- catalogue

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ServiceItemRecord {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub minutes: i64,
    pub active: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

fn item_from(r: &AnyRow) -> Result<ServiceItemRecord> {
    Ok(ServiceItemRecord {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        unit: r.try_get("unit")?,
        price: r.try_get("price")?,
        minutes: r.try_get("minutes")?,
        active: r.try_get::<i64, _>("active")? != 0,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub struct ServiceItemInput {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub minutes: i64,
    pub active: bool,
}

fn duplicate_item(e: StoreError, code: &str) -> StoreError {
    if e.is_unique_violation() { StoreError::conflict("code", format!("服务项目编码 {code} 已存在"), format!("service item code {code} is taken")) } else { e }
}

impl Store {
    pub async fn list_service_items(&self, active_only: bool) -> Result<Vec<ServiceItemRecord>> {
        let sql = if active_only { "SELECT * FROM service_items WHERE active = 1 ORDER BY code" } else { "SELECT * FROM service_items ORDER BY code" };
        sqlx::query(sql).fetch_all(&self.pool).await?.iter().map(item_from).collect()
    }

    pub async fn service_item(&self, id: i64) -> Result<ServiceItemRecord> {
        item_from(&sqlx::query("SELECT * FROM service_items WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn create_service_item(&self, tx: &mut Tx, i: &ServiceItemInput) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query("INSERT INTO service_items (id, code, name, unit, price, minutes, active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)")
            .bind(id)
            .bind(i.code.clone())
            .bind(i.name.clone())
            .bind(i.unit.clone())
            .bind(i.price)
            .bind(i.minutes)
            .bind(flag(i.active))
            .bind(now)
            .execute(&mut *tx.tx)
            .await
            .map_err(|e| duplicate_item(e.into(), &i.code))?;
        Ok(id)
    }

    pub async fn update_service_item(&self, tx: &mut Tx, id: i64, version: i64, i: &ServiceItemInput) -> Result<()> {
        let n = sqlx::query("UPDATE service_items SET code = $1, name = $2, unit = $3, price = $4, minutes = $5, active = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9")
            .bind(i.code.clone())
            .bind(i.name.clone())
            .bind(i.unit.clone())
            .bind(i.price)
            .bind(i.minutes)
            .bind(flag(i.active))
            .bind(crate::now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await
            .map_err(|e| duplicate_item(e.into(), &i.code))?
            .rows_affected();
        if n == 0 {
            return Err(conflict_version("服务项目"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- enrolments

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct EnrolmentRecord {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    /// emptied in a masked answer, which then leaves the key out (`birth_year` stays)
    #[serde(skip_serializing_if = "String::is_empty")]
    pub birth_date: String,
    pub birth_year: Option<i32>,
    pub region_code: String,
    pub provider_id: i64,
    pub provider_name: String,
    pub status: String,
    pub monthly_allowance: i64,
    pub basis: Vec<String>,
    pub reason: String,
    pub params: Vec<ParamUse>,
    pub start_month: String,
    pub end_month: Option<String>,
    pub end_reason: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub version: i64,
}

const ENROLMENT_SELECT: &str = "SELECT e.*, p.name AS person_name, p.birth_date, v.name AS provider_name FROM homecare_enrolments e \
    JOIN persons p ON p.id = e.person_id JOIN providers v ON v.id = e.provider_id WHERE 1 = 1";

fn enrolment_from(r: &AnyRow) -> Result<EnrolmentRecord> {
    let basis: String = r.try_get("basis")?;
    let params: String = r.try_get("params")?;
    Ok(EnrolmentRecord {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        name: r.try_get("person_name")?,
        birth_year: minzheng_core::mask::birth_year(&r.try_get::<String, _>("birth_date")?),
        birth_date: r.try_get("birth_date")?,
        region_code: r.try_get("region_code")?,
        provider_id: r.try_get("provider_id")?,
        provider_name: r.try_get("provider_name")?,
        status: r.try_get("status")?,
        monthly_allowance: r.try_get("monthly_allowance")?,
        basis: serde_json::from_str(&basis).map_err(|e| StoreError::Corrupt(format!("enrolment basis: {e}")))?,
        reason: r.try_get("reason")?,
        params: serde_json::from_str(&params).map_err(|e| StoreError::Corrupt(format!("enrolment params: {e}")))?,
        start_month: r.try_get("start_month")?,
        end_month: r.try_get("end_month")?,
        end_reason: r.try_get("end_reason")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        version: r.try_get("version")?,
    })
}

pub struct EnrolmentInput {
    pub person_id: i64,
    pub region_code: String,
    pub provider_id: i64,
    pub monthly_allowance: i64,
    pub basis: Vec<String>,
    pub reason: String,
    pub params: Vec<ParamUse>,
    pub start_month: String,
}

#[derive(Default, Clone)]
pub struct EnrolmentFilter {
    pub status: Option<String>,
    pub provider_id: Option<i64>,
    pub region: Option<Scope>,
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
        use minzheng_core::person::{PriorityCare, Relation};
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
        sql.query().fetch_optional(&self.pool).await?.as_ref().map(enrolment_from).transpose()
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
        enrolment_from(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_enrolments(&self, scope: &Scope, f: &EnrolmentFilter, paging: Paging) -> Result<Page<EnrolmentRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "e.region_code");
            if let Some(r) = &f.region {
                r.and_filter(sql, "e.region_code");
            }
            if let Some(s) = &f.status {
                sql.push(" AND e.status = ").bind(s.clone());
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND e.provider_id = ").bind(p);
            }
        };
        self.page_of("FROM homecare_enrolments e WHERE 1 = 1", ENROLMENT_SELECT, push, "e.id DESC", paging, enrolment_from).await
    }

    /// Ends an active enrolment from `end_month` (version-checked).
    pub async fn end_enrolment(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, end_month: &str, reason: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE homecare_enrolments SET status = 'ended', end_month = ");
        sql.bind(end_month.to_owned()).push(", end_reason = ").bind(reason.to_owned()).push(", version = version + 1 WHERE id = ").bind(id);
        sql.push(" AND version = ").bind(version).push(" AND status = 'active'");
        scope.and_filter(&mut sql, "region_code");
        if sql.query().execute(&mut *tx.tx).await?.rows_affected() == 0 {
            return Err(conflict_version("服务登记"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- work orders

/// Who reads orders: the account's region and, for a provider's account, its provider.
#[derive(Clone)]
pub struct OrderAccess {
    pub scope: Scope,
    pub provider_id: Option<i64>,
}

impl OrderAccess {
    fn filter(&self, sql: &mut Sql) {
        self.scope.and_filter(sql, "o.region_code");
        if let Some(p) = self.provider_id {
            sql.push(" AND o.provider_id = ").bind(p);
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct OrderRecord {
    pub id: i64,
    pub enrolment_id: i64,
    pub person_id: i64,
    pub name: String,
    pub address: Option<String>,
    pub region_code: String,
    pub provider_id: i64,
    pub provider_name: String,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub units: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub scheduled_on: String,
    pub note: String,
    pub status: String,
    pub worker: Option<String>,
    pub started_at: Option<String>,
    pub start_lat: Option<f64>,
    pub start_lng: Option<f64>,
    pub start_place: Option<String>,
    pub ended_at: Option<String>,
    pub end_lat: Option<f64>,
    pub end_lng: Option<f64>,
    pub end_place: Option<String>,
    pub service_note: Option<String>,
    pub confirmed_by: Option<String>,
    pub confirmer_relation: Option<String>,
    pub confirmed_at: Option<String>,
    pub confirm_recorded_by: Option<String>,
    pub cancel_reason: Option<String>,
    pub photo_count: i64,
    pub visit_count: i64,
    pub dispatched_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

const ORDER_SELECT: &str = "SELECT o.*, p.name AS person_name, h.address AS address, v.name AS provider_name, \
    (SELECT COUNT(*) FROM work_order_photos f WHERE f.order_id = o.id) AS photo_count, \
    (SELECT COUNT(*) FROM return_visits rv WHERE rv.order_id = o.id) AS visit_count \
    FROM work_orders o JOIN persons p ON p.id = o.person_id LEFT JOIN households h ON h.id = p.household_id \
    JOIN providers v ON v.id = o.provider_id WHERE 1 = 1";

fn order_from(r: &AnyRow) -> Result<OrderRecord> {
    Ok(OrderRecord {
        id: r.try_get("id")?,
        enrolment_id: r.try_get("enrolment_id")?,
        person_id: r.try_get("person_id")?,
        name: r.try_get("person_name")?,
        address: r.try_get("address")?,
        region_code: r.try_get("region_code")?,
        provider_id: r.try_get("provider_id")?,
        provider_name: r.try_get("provider_name")?,
        item_id: r.try_get("item_id")?,
        item_name: r.try_get("item_name")?,
        unit: r.try_get("unit")?,
        units: r.try_get("units")?,
        unit_price: r.try_get("unit_price")?,
        amount: r.try_get("amount")?,
        scheduled_on: r.try_get("scheduled_on")?,
        note: r.try_get("note")?,
        status: r.try_get("status")?,
        worker: r.try_get("worker")?,
        started_at: r.try_get("started_at")?,
        start_lat: r.try_get("start_lat")?,
        start_lng: r.try_get("start_lng")?,
        start_place: r.try_get("start_place")?,
        ended_at: r.try_get("ended_at")?,
        end_lat: r.try_get("end_lat")?,
        end_lng: r.try_get("end_lng")?,
        end_place: r.try_get("end_place")?,
        service_note: r.try_get("service_note")?,
        confirmed_by: r.try_get("confirmed_by")?,
        confirmer_relation: r.try_get("confirmer_relation")?,
        confirmed_at: r.try_get("confirmed_at")?,
        confirm_recorded_by: r.try_get("confirm_recorded_by")?,
        cancel_reason: r.try_get("cancel_reason")?,
        photo_count: r.try_get("photo_count")?,
        visit_count: r.try_get("visit_count")?,
        dispatched_by: r.try_get("dispatched_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        version: r.try_get("version")?,
    })
}

pub struct OrderInput {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub region_code: String,
    pub provider_id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub units: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub scheduled_on: String,
    pub note: String,
}

#[derive(Default, Clone)]
pub struct OrderFilter {
    /// YYYY-MM: orders scheduled in the month
    pub month: Option<String>,
    /// YYYY-MM-DD: orders scheduled on the day
    pub date: Option<String>,
    pub status: Option<String>,
    pub provider_id: Option<i64>,
    pub person_id: Option<i64>,
    pub region: Option<Scope>,
}

/// A step of an order: the columns it sets, from which status to which.
pub enum OrderStep {
    Start { worker: String, at: String, lat: Option<f64>, lng: Option<f64>, place: String },
    End { at: String, lat: Option<f64>, lng: Option<f64>, place: String, note: String },
    Confirm { by: String, relation: String, at: String, recorder: String },
    Cancel { reason: String },
}

impl Store {
    pub async fn create_order(&self, tx: &mut Tx, o: &OrderInput, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let mut sql = Sql::new("INSERT INTO work_orders (id, enrolment_id, person_id, region_code, provider_id, item_id, item_name, unit, units, unit_price, amount, scheduled_on, note, status, dispatched_by, created_at, updated_at, version) VALUES (");
        sql.bind(id).push(", ").bind(o.enrolment_id).push(", ").bind(o.person_id).push(", ").bind(o.region_code.clone()).push(", ");
        sql.bind(o.provider_id).push(", ").bind(o.item_id).push(", ").bind(o.item_name.clone()).push(", ").bind(o.unit.clone()).push(", ");
        sql.bind(o.units).push(", ").bind(o.unit_price).push(", ").bind(o.amount).push(", ").bind(o.scheduled_on.clone()).push(", ");
        sql.bind(o.note.clone()).push(", 'dispatched', ").bind(actor.to_owned()).push(", ").bind(now.clone()).push(", ").bind(now).push(", 1)");
        sql.query().execute(&mut *tx.tx).await?;
        Ok(id)
    }

    pub async fn order(&self, access: &OrderAccess, id: i64) -> Result<OrderRecord> {
        let mut sql = Sql::new(ORDER_SELECT);
        sql.push(" AND o.id = ").bind(id);
        access.filter(&mut sql);
        order_from(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_orders(&self, access: &OrderAccess, f: &OrderFilter, paging: Paging) -> Result<Page<OrderRecord>> {
        let push = |sql: &mut Sql| {
            access.filter(sql);
            if let Some(r) = &f.region {
                r.and_filter(sql, "o.region_code");
            }
            if let Some(m) = &f.month {
                sql.push(" AND o.scheduled_on >= ").bind(format!("{m}-01")).push(" AND o.scheduled_on <= ").bind(format!("{m}-31"));
            }
            if let Some(d) = &f.date {
                sql.push(" AND o.scheduled_on = ").bind(d.clone());
            }
            if let Some(s) = &f.status {
                sql.push(" AND o.status = ").bind(s.clone());
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND o.provider_id = ").bind(p);
            }
            if let Some(p) = f.person_id {
                sql.push(" AND o.person_id = ").bind(p);
            }
        };
        self.page_of("FROM work_orders o WHERE 1 = 1", ORDER_SELECT, push, "o.scheduled_on DESC, o.id DESC", paging, order_from).await
    }

    /// Moves an order one step, claiming its row by version and expected status; a stale version or
    /// a status that moved on is a conflict.
    pub async fn step_order(&self, tx: &mut Tx, access: &OrderAccess, id: i64, version: i64, step: &OrderStep) -> Result<OrderRecord> {
        let (from, to): (&[&str], &str) = match step {
            OrderStep::Start { .. } => (&["dispatched"], "started"),
            OrderStep::End { .. } => (&["started"], "done"),
            OrderStep::Confirm { .. } => (&["done"], "confirmed"),
            OrderStep::Cancel { .. } => (&["dispatched", "started"], "cancelled"),
        };
        let mut sql = Sql::new("UPDATE work_orders SET status = ");
        sql.bind(to.to_owned());
        match step {
            OrderStep::Start { worker, at, lat, lng, place } => {
                sql.push(", worker = ").bind(worker.clone()).push(", started_at = ").bind(at.clone()).push(", start_lat = ");
                bind_coordinate(&mut sql, *lat);
                sql.push(", start_lng = ");
                bind_coordinate(&mut sql, *lng);
                sql.push(", start_place = ").bind(place.clone());
            }
            OrderStep::End { at, lat, lng, place, note } => {
                sql.push(", ended_at = ").bind(at.clone()).push(", end_lat = ");
                bind_coordinate(&mut sql, *lat);
                sql.push(", end_lng = ");
                bind_coordinate(&mut sql, *lng);
                sql.push(", end_place = ").bind(place.clone()).push(", service_note = ").bind(note.clone());
            }
            OrderStep::Confirm { by, relation, at, recorder } => {
                sql.push(", confirmed_by = ").bind(by.clone()).push(", confirmer_relation = ").bind(relation.clone());
                sql.push(", confirmed_at = ").bind(at.clone()).push(", confirm_recorded_by = ").bind(recorder.clone());
            }
            OrderStep::Cancel { reason } => {
                sql.push(", cancel_reason = ").bind(reason.clone());
            }
        }
        sql.push(", version = version + 1, updated_at = ").bind(crate::now()).push(" WHERE id = ").bind(id);
        sql.push(" AND version = ").bind(version).push(" AND status IN ").bind_list(from.iter().map(|s| (*s).to_owned()));
        sql.push(" AND id IN (SELECT o.id FROM work_orders o WHERE o.id = ").bind(id);
        access.filter(&mut sql);
        sql.push(")");
        let changed = sql.query().execute(&mut *tx.tx).await?.rows_affected();
        let mut read = Sql::new(ORDER_SELECT);
        read.push(" AND o.id = ").bind(id);
        access.filter(&mut read);
        let row = read.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        let order = order_from(&row)?;
        if changed == 0 {
            let status = OrderStatus::parse(&order.status).map(|s| s.zh()).unwrap_or("");
            return Err(StoreError::conflict(
                "version",
                format!("工单当前状态为“{status}”，或已被他人修改，请刷新后重试"),
                format!("the order is {} or was changed by someone else; reload it", order.status),
            ));
        }
        Ok(order)
    }
}

// ---------------------------------------------------------------- photos and return visits

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct PhotoMeta {
    pub id: i64,
    pub order_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_by: String,
    pub created_at: String,
}

fn photo_from(r: &AnyRow) -> Result<PhotoMeta> {
    Ok(PhotoMeta {
        id: r.try_get("id")?,
        order_id: r.try_get("order_id")?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = elderly::care::VisitRecord))]
#[derive(Clone, Debug, Serialize)]
pub struct VisitRecord {
    pub id: i64,
    pub order_id: i64,
    pub region_code: String,
    pub satisfaction: i64,
    pub note: String,
    pub visitor: String,
    pub visited_on: String,
    pub created_by: String,
    pub created_at: String,
    pub name: String,
    pub item_name: String,
    pub provider_name: String,
    pub scheduled_on: String,
}

fn visit_from(r: &AnyRow) -> Result<VisitRecord> {
    Ok(VisitRecord {
        id: r.try_get("id")?,
        order_id: r.try_get("order_id")?,
        region_code: r.try_get("region_code")?,
        satisfaction: r.try_get("satisfaction")?,
        note: r.try_get("note")?,
        visitor: r.try_get("visitor")?,
        visited_on: r.try_get("visited_on")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        name: r.try_get("person_name")?,
        item_name: r.try_get("item_name")?,
        provider_name: r.try_get("provider_name")?,
        scheduled_on: r.try_get("scheduled_on")?,
    })
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_order_photo(&self, tx: &mut Tx, order_id: i64, region_code: &str, file_name: &str, content_type: &str, bytes: &[u8], actor: &str) -> Result<PhotoMeta> {
        use base64::Engine;
        let id = tx.next_id().await?;
        let sha = minzheng_core::audit::sha256_hex(bytes);
        let now = crate::now();
        sqlx::query("INSERT INTO work_order_photos (id, order_id, region_code, file_name, content_type, size, sha256, content, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id)
            .bind(order_id)
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
        Ok(PhotoMeta { id, order_id, file_name: file_name.to_owned(), content_type: content_type.to_owned(), size: bytes.len() as i64, sha256: sha, created_by: actor.to_owned(), created_at: now })
    }

    pub async fn order_photos(&self, order_id: i64) -> Result<Vec<PhotoMeta>> {
        let rows = sqlx::query("SELECT id, order_id, file_name, content_type, size, sha256, created_by, created_at FROM work_order_photos WHERE order_id = $1 ORDER BY id")
            .bind(order_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(photo_from).collect()
    }

    pub async fn order_photo(&self, order_id: i64, photo_id: i64) -> Result<(PhotoMeta, Vec<u8>)> {
        use base64::Engine;
        let row = sqlx::query("SELECT * FROM work_order_photos WHERE order_id = $1 AND id = $2").bind(order_id).bind(photo_id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let content: String = row.try_get("content")?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(content).map_err(|e| StoreError::Corrupt(format!("photo {photo_id}: {e}")))?;
        Ok((photo_from(&row)?, bytes))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_return_visit(&self, tx: &mut Tx, order_id: i64, region_code: &str, satisfaction: i64, note: &str, visitor: &str, visited_on: &str, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO return_visits (id, order_id, region_code, satisfaction, note, visitor, visited_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(order_id)
            .bind(region_code.to_owned())
            .bind(satisfaction)
            .bind(note.to_owned())
            .bind(visitor.to_owned())
            .bind(visited_on.to_owned())
            .bind(actor.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }

    /// Return visits in the scope, optionally of one order or of a month (by visit date).
    pub async fn list_return_visits(&self, scope: &Scope, order_id: Option<i64>, month: Option<&str>, paging: Paging) -> Result<Page<VisitRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "rv.region_code");
            if let Some(o) = order_id {
                sql.push(" AND rv.order_id = ").bind(o);
            }
            if let Some(m) = month {
                sql.push(" AND rv.visited_on >= ").bind(format!("{m}-01")).push(" AND rv.visited_on <= ").bind(format!("{m}-31"));
            }
        };
        self.page_of("FROM return_visits rv WHERE 1 = 1", "SELECT rv.*, p.name AS person_name, o.item_name, o.scheduled_on, v.name AS provider_name FROM return_visits rv JOIN work_orders o ON o.id = rv.order_id \
             JOIN persons p ON p.id = o.person_id JOIN providers v ON v.id = o.provider_id WHERE 1 = 1", push, "rv.visited_on DESC, rv.id DESC", paging, visit_from).await
    }
}

// ---------------------------------------------------------------- settlements

/// An order of a provider's month with its elder, for the settlement.
pub struct MonthOrder {
    pub fact: OrderFact,
    pub name: String,
    pub region_code: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct SettlementRecord {
    pub id: i64,
    pub provider_id: i64,
    pub provider_name: String,
    pub month: String,
    pub rule: String,
    pub elders: i64,
    pub confirmed_orders: i64,
    pub confirmed_amount: i64,
    pub unconfirmed_orders: i64,
    pub unconfirmed_amount: i64,
    pub payable: i64,
    pub excess: i64,
    pub created_by: String,
    pub created_at: String,
}

fn settlement_from(r: &AnyRow) -> Result<SettlementRecord> {
    Ok(SettlementRecord {
        id: r.try_get("id")?,
        provider_id: r.try_get("provider_id")?,
        provider_name: r.try_get("provider_name")?,
        month: r.try_get("month")?,
        rule: r.try_get("rule")?,
        elders: r.try_get("elders")?,
        confirmed_orders: r.try_get("confirmed_orders")?,
        confirmed_amount: r.try_get("confirmed_amount")?,
        unconfirmed_orders: r.try_get("unconfirmed_orders")?,
        unconfirmed_amount: r.try_get("unconfirmed_amount")?,
        payable: r.try_get("payable")?,
        excess: r.try_get("excess")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct SettlementLineRecord {
    pub person_id: i64,
    pub name: String,
    pub region_code: String,
    pub confirmed_orders: i64,
    pub confirmed_amount: i64,
    pub unconfirmed_orders: i64,
    pub unconfirmed_amount: i64,
    pub allowance: i64,
    pub paid_elsewhere: i64,
    pub payable: i64,
    pub excess: i64,
    pub order_ids: Vec<i64>,
    pub explanation_zh: String,
    pub explanation_en: String,
    pub params: Vec<ParamUse>,
}

fn line_from(r: &AnyRow) -> Result<SettlementLineRecord> {
    let ids: String = r.try_get("order_ids")?;
    let params: String = r.try_get("params")?;
    Ok(SettlementLineRecord {
        person_id: r.try_get("person_id")?,
        name: r.try_get("name")?,
        region_code: r.try_get("region_code")?,
        confirmed_orders: r.try_get("confirmed_orders")?,
        confirmed_amount: r.try_get("confirmed_amount")?,
        unconfirmed_orders: r.try_get("unconfirmed_orders")?,
        unconfirmed_amount: r.try_get("unconfirmed_amount")?,
        allowance: r.try_get("allowance")?,
        paid_elsewhere: r.try_get("paid_elsewhere")?,
        payable: r.try_get("payable")?,
        excess: r.try_get("excess")?,
        order_ids: serde_json::from_str(&ids).map_err(|e| StoreError::Corrupt(format!("settlement line: {e}")))?,
        explanation_zh: r.try_get("explanation_zh")?,
        explanation_en: r.try_get("explanation_en")?,
        params: serde_json::from_str(&params).map_err(|e| StoreError::Corrupt(format!("settlement line: {e}")))?,
    })
}

impl Store {
    /// The provider's orders scheduled in `month` (YYYY-MM), every status.
    pub async fn provider_month_orders(&self, provider_id: i64, month: &str) -> Result<Vec<MonthOrder>> {
        let rows = sqlx::query(
            "SELECT o.id, o.person_id, o.status, o.amount, o.scheduled_on, o.region_code, p.name FROM work_orders o JOIN persons p ON p.id = o.person_id \
             WHERE o.provider_id = $1 AND o.scheduled_on >= $2 AND o.scheduled_on <= $3 ORDER BY o.person_id, o.scheduled_on, o.id",
        )
        .bind(provider_id)
        .bind(format!("{month}-01"))
        .bind(format!("{month}-31"))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let status: String = r.try_get("status")?;
                Ok(MonthOrder {
                    fact: OrderFact {
                        order_id: r.try_get("id")?,
                        person_id: r.try_get("person_id")?,
                        status: OrderStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("order status {status}")))?,
                        amount: minzheng_core::assistance::Fen(r.try_get("amount")?),
                        service_date: r.try_get("scheduled_on")?,
                    },
                    name: r.try_get("name")?,
                    region_code: r.try_get("region_code")?,
                })
            })
            .collect()
    }

    /// Whether the person had a home-care enrolment covering `month` (any provider).
    pub async fn enrolled_in_month(&self, person_id: i64, month: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM homecare_enrolments WHERE person_id = $1 AND start_month <= $2 AND (end_month IS NULL OR end_month >= $2)")
            .bind(person_id)
            .bind(month.to_owned())
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// What other providers' settlements of `month` already paid for the person.
    pub async fn paid_elsewhere(&self, person_id: i64, month: &str, provider_id: i64) -> Result<i64> {
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back
        let v: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(payable) AS BIGINT) FROM homecare_settlement_lines WHERE person_id = $1 AND month = $2 AND provider_id <> $3")
            .bind(person_id)
            .bind(month.to_owned())
            .bind(provider_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Records a confirmed settlement with its lines; a second one for the provider and month is a
    /// conflict (unique index).
    pub async fn insert_homecare_settlement(&self, tx: &mut Tx, provider_id: i64, s: &Settlement, actor: &str) -> Result<i64> {
        let month = s.month.to_string();
        let ids = tx.reserve_ids(1 + s.lines.len() as i64).await?;
        let id = ids.start;
        sqlx::query(
            "INSERT INTO homecare_settlements (id, provider_id, month, rule, elders, confirmed_orders, confirmed_amount, unconfirmed_orders, unconfirmed_amount, payable, excess, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(provider_id)
        .bind(month.clone())
        .bind(s.rule.clone())
        .bind(s.elders)
        .bind(s.confirmed_orders)
        .bind(s.confirmed_amount.0)
        .bind(s.unconfirmed_orders)
        .bind(s.unconfirmed_amount.0)
        .bind(s.payable.0)
        .bind(s.excess.0)
        .bind(actor.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() {
                StoreError::conflict("month", format!("该服务商 {month} 已结算，不能重复结算"), format!("the provider's {month} is already settled"))
            } else {
                e
            }
        })?;
        for (i, l) in s.lines.iter().enumerate() {
            sqlx::query(
                "INSERT INTO homecare_settlement_lines (id, settlement_id, provider_id, month, person_id, name, region_code, confirmed_orders, confirmed_amount, unconfirmed_orders, \
                 unconfirmed_amount, allowance, paid_elsewhere, payable, excess, order_ids, explanation_zh, explanation_en, params) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
            )
            .bind(id + 1 + i as i64)
            .bind(id)
            .bind(provider_id)
            .bind(month.clone())
            .bind(l.person_id)
            .bind(l.name.clone())
            .bind(l.region_code.clone())
            .bind(l.confirmed_orders)
            .bind(l.confirmed_amount.0)
            .bind(l.unconfirmed_orders)
            .bind(l.unconfirmed_amount.0)
            .bind(l.allowance.0)
            .bind(l.paid_elsewhere.0)
            .bind(l.payable.0)
            .bind(l.excess.0)
            .bind(serde_json::to_string(&l.order_ids).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            .bind(l.explanation_zh.clone())
            .bind(l.explanation_en.clone())
            .bind(serde_json::to_string(&l.params).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            .execute(&mut *tx.tx)
            .await?;
        }
        Ok(id)
    }

    pub async fn list_homecare_settlements(&self, provider_id: Option<i64>, month: Option<&str>) -> Result<Vec<SettlementRecord>> {
        let mut sql = Sql::new("SELECT s.*, v.name AS provider_name FROM homecare_settlements s JOIN providers v ON v.id = s.provider_id WHERE 1 = 1");
        if let Some(p) = provider_id {
            sql.push(" AND s.provider_id = ").bind(p);
        }
        if let Some(m) = month {
            sql.push(" AND s.month = ").bind(m.to_owned());
        }
        sql.push(" ORDER BY s.month DESC, s.provider_id");
        sql.query().fetch_all(&self.pool).await?.iter().map(settlement_from).collect()
    }

    /// A settlement and its lines within the scope.
    pub async fn homecare_settlement(&self, scope: &Scope, id: i64) -> Result<(SettlementRecord, Vec<SettlementLineRecord>)> {
        let row = sqlx::query("SELECT s.*, v.name AS provider_name FROM homecare_settlements s JOIN providers v ON v.id = s.provider_id WHERE s.id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut sql = Sql::new("SELECT * FROM homecare_settlement_lines WHERE settlement_id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY person_id");
        let lines = sql.query().fetch_all(&self.pool).await?.iter().map(line_from).collect::<Result<Vec<_>>>()?;
        Ok((settlement_from(&row)?, lines))
    }
}
