//! 人员 persons: storage, search by ID number / name / pinyin initials, and bulk insert.
use chrono::NaiveDate;
use minzheng_core::registry::names;
use minzheng_core::registry::person::{Relation, ValidPerson};
use minzheng_core::registry::region::RegionCode;
use sqlx::Row;

use super::{like_escape, prefix_successor};
use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};
use crate::row::record;

record! {
    /// A person as stored (unmasked: masking is the server's job, by role).
    #[derive(Debug, Clone, serde::Serialize)]
    pub struct PersonRecord(r) {
        pub id: i64,
        pub id_number: Option<String>,
        pub alt_id_type: Option<String>,
        pub alt_id: Option<String>,
        pub name: String,
        pub gender: String,
        pub birth_date: String,
        pub ethnicity: String,
        pub phone: Option<String>,
        pub hukou_region_code: String,
        pub region_code: String,
        pub region_name: Option<String>,
        pub grid_code: Option<String>,
        pub hukou_type: String,
        pub alive: bool,
        pub death_date: Option<String>,
        pub disability_kind: Option<String>,
        pub disability_grade: Option<i64>,
        pub disability_cert: Option<String>,
        pub priority_care: Option<String>,
        pub orphan: bool,
        pub household_id: Option<i64>,
        pub relation: Option<String>,
        pub version: i64,
        pub created_at: String,
        pub updated_at: String,
    }
}

pub(crate) const PERSON_COLUMNS: &str = "p.id, p.id_number, p.alt_id_type, p.alt_id, p.name, p.gender, p.birth_date, \
    p.ethnicity, p.phone, p.hukou_region_code, p.region_code, r.name AS region_name, p.grid_code, p.hukou_type, p.alive, \
    p.death_date, p.disability_kind, p.disability_grade, p.disability_cert, p.priority_care, p.orphan, p.household_id, \
    p.relation, p.version, p.created_at, p.updated_at";

/// The filters of the person list.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub q: Option<String>,
    pub gender: Option<String>,
    /// Age bounds in whole years, turned into birth-date bounds against `today`.
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    pub disability: Option<String>,
    pub alive: Option<bool>,
    pub sort: Option<String>,
    /// A masked reading (脱敏): ages are counted by calendar year and `birth_date` sorts by year
    /// only, so that neither a filter's yes/no nor the order tells a birthday (docs/api.md, Masking).
    pub by_year: bool,
}

/// What a free-text query looks like, which decides the (indexed) way it is matched.
enum QueryKind {
    IdPrefix(String),
    Initials(String),
    Text(String),
}

fn classify(q: &str) -> Option<QueryKind> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    if q.chars().any(|c| c.is_ascii_digit() || c == '０' || ('１'..='９').contains(&c))
        && let Some(prefix) = minzheng_core::registry::identity::IdNumber::normalise_prefix(q)
    {
        return Some(QueryKind::IdPrefix(prefix));
    }
    if q.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(QueryKind::Initials(q.to_ascii_lowercase()));
    }
    Some(QueryKind::Text(q.to_owned()))
}

/// Appends the condition matching persons (alias `p`) to a free-text query.
pub(crate) fn push_person_match(sql: &mut Sql, q: &str) -> bool {
    let Some(kind) = classify(q) else { return false };
    match kind {
        // no `OR` with another column in the indexed kinds: it turns an index range into a scan
        QueryKind::IdPrefix(prefix) => {
            sql.push("(p.id_number >= ").bind(prefix.clone());
            if let Some(hi) = prefix_successor(&prefix) {
                sql.push(" AND p.id_number < ").bind(hi);
            }
            sql.push(")");
        }
        QueryKind::Initials(keys) => {
            sql.push("p.id IN (SELECT k.person_id FROM person_keys k WHERE k.key >= ").bind(keys.clone());
            if let Some(hi) = prefix_successor(&keys) {
                sql.push(" AND k.key < ").bind(hi);
            }
            sql.push(")");
        }
        QueryKind::Text(text) => {
            sql.push("(p.name LIKE ").bind(format!("%{}%", like_escape(&text))).push(" ESCAPE '\\'");
            sql.push(" OR p.alt_id = ").bind(text).push(")");
        }
    }
    true
}

fn sort_clause(sort: Option<&str>, by_year: bool) -> &'static str {
    match sort.unwrap_or("region_code") {
        "birth_date" if by_year => "SUBSTR(p.birth_date, 1, 4) ASC, p.id ASC",
        "-birth_date" if by_year => "SUBSTR(p.birth_date, 1, 4) DESC, p.id DESC",
        "name" => "p.name_pinyin ASC, p.id ASC",
        "-name" => "p.name_pinyin DESC, p.id DESC",
        "birth_date" => "p.birth_date ASC, p.id ASC",
        "-birth_date" => "p.birth_date DESC, p.id DESC",
        "region_code" => "p.region_code ASC, p.id ASC",
        "-region_code" => "p.region_code DESC, p.id DESC",
        "created_at" => "p.created_at ASC, p.id ASC",
        "-created_at" => "p.created_at DESC, p.id DESC",
        // by place: an index range in the scope, however many rows it holds
        _ => "p.region_code ASC, p.id ASC",
    }
}

/// Birth date bound for "aged at least `years` on `today`": born on or before this date.
pub fn born_on_or_before(today: NaiveDate, years: u32) -> NaiveDate {
    // an age filter is typed by a person (`age_min=4294967295`): saturate rather than overflow
    today.checked_sub_months(chrono::Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MIN)
}

impl PersonFilter {
    fn push_where(&self, sql: &mut Sql, scope: &Scope, today: NaiveDate) {
        sql.push(" WHERE 1 = 1");
        let searching = self.q.as_deref().is_some_and(|q| !q.trim().is_empty());
        // A search drives from its own index (ID number, pinyin keys); the region range must then
        // not tempt the planner into walking the region index over the whole scope.
        let region_column = if searching { UNINDEXED_REGION } else { "p.region_code" };
        match scope.root().filter(|r| r.level() == minzheng_core::registry::region::RegionLevel::Grid) {
            // persons live at a village; the grid is kept beside it
            Some(grid) => {
                sql.push(" AND p.grid_code = ").bind(grid.as_str().to_owned());
            }
            None => scope.and_filter(sql, region_column),
        }
        if let Some(q) = &self.q {
            sql.push(" AND ");
            if !push_person_match(sql, q) {
                sql.push("1 = 1");
            }
        }
        if let Some(g) = &self.gender {
            sql.push(" AND p.gender = ").bind(g.clone());
        }
        if self.by_year {
            // aged at least `min` this year: born in year Y − min or before (and at most `max`:
            // born in Y − max or after)
            let year = i64::from(chrono::Datelike::year(&today));
            if let Some(min) = self.age_min {
                sql.push(" AND p.birth_date < ").bind(format!("{:04}-01-01", year - i64::from(min) + 1));
            }
            if let Some(max) = self.age_max {
                sql.push(" AND p.birth_date >= ").bind(format!("{:04}-01-01", year - i64::from(max)));
            }
        } else {
            if let Some(min) = self.age_min {
                sql.push(" AND p.birth_date <= ").bind(born_on_or_before(today, min).to_string());
            }
            if let Some(max) = self.age_max {
                // aged at most `max`: born after the day one turns max + 1
                sql.push(" AND p.birth_date > ").bind(born_on_or_before(today, max.saturating_add(1)).to_string());
            }
        }
        if let Some(d) = &self.disability {
            if d == "any" {
                sql.push(" AND p.disability_kind IS NOT NULL");
            } else {
                sql.push(" AND p.disability_kind = ").bind(d.clone());
            }
        }
        if let Some(alive) = self.alive {
            sql.push(" AND p.alive = ").bind(flag(alive));
        }
    }
}

/// `region_code` as an expression no index serves (same value on both backends).
pub(crate) const UNINDEXED_REGION: &str = "(p.region_code || '')";

/// How a person joins a household when inserted.
#[derive(Debug, Clone, Copy)]
pub struct Membership {
    pub household_id: i64,
    pub relation: Relation,
}

const INSERT_COLUMNS: &str = "id, id_number, alt_id_type, alt_id, name, name_pinyin, gender, birth_date, ethnicity, phone, \
    hukou_region_code, region_code, grid_code, hukou_type, alive, death_date, disability_kind, disability_grade, \
    disability_cert, priority_care, orphan, household_id, relation, version, created_at, updated_at";
const INSERT_COLUMN_COUNT: usize = 26;
/// Bound parameters per multi-row INSERT: far below both backends' limits, where the drivers' per-statement
/// work stays linear (very wide statements got slower per row, measured).
pub(crate) const ROWS_PER_STATEMENT_PARAMS: usize = 2000;

fn bind_person(sql: &mut Sql, id: i64, p: &ValidPerson, m: Option<Membership>, now: &str) {
    sql.push("(").bind(id).push(", ");
    sql.bind(p.id_number.as_ref().map(|i| i.as_str().to_owned())).push(", ");
    sql.bind(p.alt_id.as_ref().map(|a| a.kind.as_str().to_owned())).push(", ");
    sql.bind(p.alt_id.as_ref().map(|a| a.value.clone())).push(", ");
    sql.bind(p.name.as_str().to_owned()).push(", ");
    sql.bind(names::full_pinyin(p.name.as_str())).push(", ");
    sql.bind(p.gender.as_str().to_owned()).push(", ");
    sql.bind(p.birth_date.to_string()).push(", ");
    sql.bind(p.ethnicity.clone()).push(", ");
    sql.bind(p.phone.as_ref().map(|x| x.as_str().to_owned())).push(", ");
    sql.bind(p.hukou_region.as_str().to_owned()).push(", ");
    let (region, grid) = split_grid(&p.region);
    sql.bind(region).push(", ");
    sql.bind(grid).push(", ");
    sql.bind(p.hukou_type.as_str().to_owned()).push(", ");
    sql.bind(flag(p.alive)).push(", ");
    sql.bind(p.death_date.map(|d| d.to_string())).push(", ");
    sql.bind(p.disability.as_ref().map(|d| d.kind.as_str().to_owned())).push(", ");
    sql.bind(p.disability.as_ref().map(|d| i64::from(d.grade.get()))).push(", ");
    sql.bind(p.disability.as_ref().and_then(|d| d.certificate_no.clone())).push(", ");
    sql.bind(p.priority_care.map(|c| c.as_str().to_owned())).push(", ");
    sql.bind(flag(p.orphan)).push(", ");
    sql.bind(m.map(|m| m.household_id)).push(", ");
    sql.bind(m.map(|m| m.relation.as_str().to_owned())).push(", 1, ");
    sql.bind(now.to_owned()).push(", ");
    sql.bind(now.to_owned()).push(")");
}

/// A person's residence is stored as its village code; a grid (15 digits) is kept beside it.
fn split_grid(region: &RegionCode) -> (String, Option<String>) {
    let s = region.as_str();
    if s.len() > 12 { (s[..12].to_owned(), Some(s.to_owned())) } else { (s.to_owned(), None) }
}

fn push_keys(sql: &mut Sql, first: &mut bool, id: i64, p: &ValidPerson) {
    let (region, _) = split_grid(&p.region);
    for key in names::initials_variants(p.name.as_str()) {
        if !*first {
            sql.push(", ");
        }
        *first = false;
        sql.push("(").bind(key).push(", ").bind(id).push(", ").bind(region.clone()).push(")");
    }
}

fn duplicate_id(p: &ValidPerson) -> StoreError {
    match &p.id_number {
        Some(id) => StoreError::conflict("id_number", format!("身份证号 {} 已登记", id.as_str()), format!("ID number {} is already registered", id.as_str())),
        None => StoreError::conflict("alt_id", "该证件号码已登记", "this alternative identifier is already registered"),
    }
}

impl Store {
    pub async fn person(&self, scope: &Scope, id: i64) -> Result<PersonRecord> {
        let mut sql = Sql::new(&format!("SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN regions r ON r.code = p.region_code WHERE p.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "p.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        PersonRecord::from_row(&row)
    }

    pub async fn persons_by_ids(&self, ids: &[i64]) -> Result<Vec<PersonRecord>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let mut sql = Sql::new(&format!("SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN regions r ON r.code = p.region_code WHERE p.id IN ("));
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(*id);
            }
            sql.push(")");
            for row in sql.query().fetch_all(&self.pool).await? {
                out.push(PersonRecord::from_row(&row)?);
            }
        }
        Ok(out)
    }

    pub async fn list_persons(&self, scope: &Scope, filter: &PersonFilter, paging: Paging, today: NaiveDate) -> Result<Page<PersonRecord>> {
        let mut count = capped_count_sql("FROM persons p");
        filter.push_where(&mut count, scope, today);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN regions r ON r.code = p.region_code"));
        filter.push_where(&mut sql, scope, today);
        sql.push(" ORDER BY ").push(sort_clause(filter.sort.as_deref(), filter.by_year));
        sql.push(" LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        let items = rows.iter().map(PersonRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    /// Streams every person matching the filter, in pages of `batch`, to `sink` (for exports).
    pub async fn for_each_person<F>(&self, scope: &Scope, filter: &PersonFilter, today: NaiveDate, batch: i64, mut sink: F) -> Result<u64>
    where
        F: FnMut(PersonRecord) -> Result<()>,
    {
        let mut after: Option<(String, i64)> = None;
        let mut n = 0;
        loop {
            // keyset paging on (region_code, id) keeps each page an index range, however deep
            let mut sql = Sql::new(&format!("SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN regions r ON r.code = p.region_code"));
            filter.push_where(&mut sql, scope, today);
            if let Some((code, id)) = &after {
                sql.push(" AND (p.region_code > ").bind(code.clone());
                sql.push(" OR (p.region_code = ").bind(code.clone()).push(" AND p.id > ").bind(*id).push("))");
            }
            sql.push(" ORDER BY p.region_code, p.id LIMIT ").bind(batch);
            let rows = sql.query().fetch_all(&self.pool).await?;
            let len = rows.len() as i64;
            for row in &rows {
                let p = PersonRecord::from_row(row)?;
                after = Some((p.region_code.clone(), p.id));
                sink(p)?;
                n += 1;
            }
            if len < batch {
                return Ok(n);
            }
        }
    }

    /// Whether a person with this ID number (or alternative id) exists anywhere, whatever the scope.
    pub async fn person_id_by_identity(&self, tx: &mut Tx, p: &ValidPerson) -> Result<Option<i64>> {
        let found = match (&p.id_number, &p.alt_id) {
            (Some(id), _) => sqlx::query_scalar("SELECT id FROM persons WHERE id_number = $1").bind(id.as_str().to_owned()).fetch_optional(&mut *tx.tx).await?,
            (None, Some(alt)) => {
                sqlx::query_scalar("SELECT id FROM persons WHERE alt_id_type = $1 AND alt_id = $2")
                    .bind(alt.kind.as_str())
                    .bind(alt.value.clone())
                    .fetch_optional(&mut *tx.tx)
                    .await?
            }
            (None, None) => None,
        };
        Ok(found)
    }

    /// Inserts one person (and its search keys); a duplicate ID number is a `Conflict`.
    pub async fn insert_person(&self, tx: &mut Tx, p: &ValidPerson, membership: Option<Membership>) -> Result<i64> {
        if self.person_id_by_identity(tx, p).await?.is_some() {
            return Err(duplicate_id(p));
        }
        let id = tx.next_id().await?;
        self.insert_persons_bulk(tx, &[(id, p, membership)]).await.map_err(|e| if e.is_unique_violation() { duplicate_id(p) } else { e })?;
        Ok(id)
    }

    /// Inserts many persons with ids reserved by the caller, in multi-row statements.
    pub async fn insert_persons_bulk(&self, tx: &mut Tx, rows: &[(i64, &ValidPerson, Option<Membership>)]) -> Result<()> {
        let now = crate::now();
        // stay under SQLite's 32766 bound parameters per statement
        let per_statement = ROWS_PER_STATEMENT_PARAMS / INSERT_COLUMN_COUNT;
        for chunk in rows.chunks(per_statement) {
            let mut sql = Sql::bulk(&format!("INSERT INTO persons ({INSERT_COLUMNS}) VALUES "), self.backend());
            for (i, (id, p, m)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                bind_person(&mut sql, *id, p, *m, &now);
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        for chunk in rows.chunks(ROWS_PER_STATEMENT_PARAMS / 3) {
            let mut sql = Sql::bulk("INSERT INTO person_keys (key, person_id, region_code) VALUES ", self.backend());
            let mut first = true;
            for (id, p, _) in chunk {
                push_keys(&mut sql, &mut first, *id, p);
            }
            if !first {
                sql.query().execute(&mut *tx.tx).await?;
            }
        }
        Ok(())
    }

    /// Replaces a person's fields if `version` is current; returns the new version.
    pub async fn update_person(&self, tx: &mut Tx, scope: &Scope, id: i64, p: &ValidPerson, version: i64) -> Result<i64> {
        if let Some(other) = self.person_id_by_identity(tx, p).await?
            && other != id
        {
            return Err(duplicate_id(p));
        }
        let (region, grid) = split_grid(&p.region);
        let mut sql = Sql::new("UPDATE persons SET id_number = ");
        sql.bind(p.id_number.as_ref().map(|i| i.as_str().to_owned()));
        sql.push(", alt_id_type = ").bind(p.alt_id.as_ref().map(|a| a.kind.as_str().to_owned()));
        sql.push(", alt_id = ").bind(p.alt_id.as_ref().map(|a| a.value.clone()));
        sql.push(", name = ").bind(p.name.as_str().to_owned());
        sql.push(", name_pinyin = ").bind(names::full_pinyin(p.name.as_str()));
        sql.push(", gender = ").bind(p.gender.as_str().to_owned());
        sql.push(", birth_date = ").bind(p.birth_date.to_string());
        sql.push(", ethnicity = ").bind(p.ethnicity.clone());
        sql.push(", phone = ").bind(p.phone.as_ref().map(|x| x.as_str().to_owned()));
        sql.push(", hukou_region_code = ").bind(p.hukou_region.as_str().to_owned());
        sql.push(", region_code = ").bind(region.clone());
        sql.push(", grid_code = ").bind(grid);
        sql.push(", hukou_type = ").bind(p.hukou_type.as_str().to_owned());
        sql.push(", alive = ").bind(flag(p.alive));
        sql.push(", death_date = ").bind(p.death_date.map(|d| d.to_string()));
        sql.push(", disability_kind = ").bind(p.disability.as_ref().map(|d| d.kind.as_str().to_owned()));
        sql.push(", disability_grade = ").bind(p.disability.as_ref().map(|d| i64::from(d.grade.get())));
        sql.push(", disability_cert = ").bind(p.disability.as_ref().and_then(|d| d.certificate_no.clone()));
        sql.push(", priority_care = ").bind(p.priority_care.map(|c| c.as_str().to_owned()));
        sql.push(", orphan = ").bind(flag(p.orphan));
        sql.push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        scope.and_filter(&mut sql, "region_code");
        let done = sql.query().execute(&mut *tx.tx).await.map_err(StoreError::from).map_err(|e| if e.is_unique_violation() { duplicate_id(p) } else { e })?;
        if done.rows_affected() == 0 {
            let mut exists = Sql::new("SELECT version FROM persons WHERE id = ");
            exists.bind(id);
            scope.and_filter(&mut exists, "region_code");
            let current: Option<i64> = exists.query_scalar().fetch_optional(&mut *tx.tx).await?;
            return Err(match current {
                None => StoreError::NotFound,
                Some(v) => StoreError::conflict(
                    "version",
                    format!("记录已被他人修改（当前版本 {v}，提交版本 {version}），请刷新后重试"),
                    format!("the record was changed by someone else (current version {v}, yours {version}); reload and retry"),
                ),
            });
        }
        sqlx::query("DELETE FROM person_keys WHERE person_id = $1").bind(id).execute(&mut *tx.tx).await?;
        let mut keys = Sql::new("INSERT INTO person_keys (key, person_id, region_code) VALUES ");
        let mut first = true;
        push_keys(&mut keys, &mut first, id, p);
        if !first {
            keys.query().execute(&mut *tx.tx).await?;
        }
        Ok(version + 1)
    }
}

impl Store {
    /// Which of these ID numbers are already registered (anywhere).
    pub async fn existing_id_numbers(&self, ids: &[String]) -> Result<std::collections::HashSet<String>> {
        let mut out = std::collections::HashSet::new();
        for chunk in ids.chunks(500) {
            let mut sql = Sql::new("SELECT id_number FROM persons WHERE id_number IN (");
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(id.clone());
            }
            sql.push(")");
            for row in sql.query().fetch_all(&self.pool).await? {
                out.insert(row.try_get("id_number")?);
            }
        }
        Ok(out)
    }
}
