//! 平安钟, 长者食堂 and institutions persistence: devices and alarms (`emergency`), canteens, meals
//! and settlements (`canteen`), institutions, residents and subsidies (`institution`).
pub mod canteen;
pub mod emergency;
pub mod institution;

use chrono::NaiveDate;
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;

use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError};
use crate::row::record;

/// The status flags of a person from the assistance cases: member of an active case of `programme`.
pub(crate) fn in_case(programme: &str) -> String {
    format!("CAST(CASE WHEN {} THEN 1 ELSE 0 END AS BIGINT)", in_case_cond(programme))
}

/// The SQL condition "a member of an active case of `programme`" on `p`.
pub(crate) fn in_case_cond(programme: &str) -> String {
    crate::assistance::in_active_case("p.id", &format!("'{programme}'"))
}

record! {
    /// What the services' rules read of a person (age, 户籍, statuses), with what lists show.
    #[derive(Clone, Debug, Serialize)]
    pub struct ElderFactsRow(r) {
        pub person_id: i64,
        pub name: String,
        pub id_number: Option<String>,
        pub phone: Option<String>,
        pub birth_date: NaiveDate,
        pub region_code: RegionCode,
        pub hukou_region_code: RegionCode,
        pub disability_grade: Option<i64>,
        pub alive: bool,
        pub tekun: bool,
        pub dibao: bool,
        pub low_income: bool,
    }
}

pub(crate) fn facts_columns() -> String {
    format!(
        "p.id AS person_id, p.name, p.id_number, p.phone, p.birth_date, p.region_code, p.hukou_region_code, p.disability_grade, p.alive, \
         {} AS tekun, {} AS dibao, {} AS low_income",
        in_case("tekun"),
        in_case("dibao"),
        in_case("low_income")
    )
}

impl Store {
    /// A person's facts found by ID number (a canteen's counter reads the elder's card), within the
    /// account's region.
    pub async fn elder_facts_by_id_number(&self, scope: &Scope, id_number: &str) -> Result<ElderFactsRow> {
        let mut sql = Sql::new(&format!("SELECT {} FROM persons p WHERE p.id_number = ", facts_columns()));
        sql.bind(id_number.to_owned());
        scope.and_filter(&mut sql, "p.region_code");
        ElderFactsRow::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// A person's facts for the services' rules, within the account's region.
    pub async fn elder_facts(&self, scope: &Scope, person_id: i64) -> Result<ElderFactsRow> {
        let mut sql = Sql::new(&format!("SELECT {} FROM persons p WHERE p.id = ", facts_columns()));
        sql.bind(person_id);
        scope.and_filter(&mut sql, "p.region_code");
        ElderFactsRow::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }
}

impl Store {
    /// Living persons of a region aged at least `min_age`, with their facts, by id (demo data and
    /// batch work; lists for people go through the paged queries).
    pub async fn elders_of(&self, region: &Scope, min_age: u32, today: NaiveDate, limit: i64) -> Result<Vec<ElderFactsRow>> {
        let mut sql = Sql::new(&format!("SELECT {} FROM persons p WHERE p.alive = 1 AND p.birth_date <= ", facts_columns()));
        sql.bind(crate::registry::persons::born_on_or_before(today, min_age).to_string());
        region.and_filter(&mut sql, "p.region_code");
        sql.push(" ORDER BY p.id LIMIT ").bind(limit);
        sql.query().fetch_all(&self.pool).await?.iter().map(ElderFactsRow::from_row).collect()
    }

    /// Whether any institution, canteen or device is registered (the demo seeds once).
    pub async fn services_seeded(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM institutions) + (SELECT COUNT(*) FROM canteens) + (SELECT COUNT(*) FROM emergency_devices)").fetch_one(&self.pool).await?;
        Ok(n > 0)
    }
}
