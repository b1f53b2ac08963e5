//! 家庭户 households: the members living together, their relation to the head, and the history of
//! who lived where. A person belongs to at most one household at a time (`persons.household_id`,
//! and a unique index on the open membership rows).
use chrono::NaiveDate;
use minzheng_core::registry::person::{Relation, ValidPerson};
use minzheng_core::registry::region::RegionCode;
use sqlx::Row;

use super::persons::{Membership, push_person_match};
use super::like_escape;
use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::record;

record! {
    #[derive(Debug, Clone, serde::Serialize)]
    pub struct HouseholdRecord(r) {
        pub id: i64,
        pub region_code: String,
        pub region_name: Option<String>,
        pub address: String,
        pub head_person_id: Option<i64>,
        pub head_name: Option<String>,
        pub head_id_number: Option<String>,
        pub member_count: i64,
        pub version: i64,
        pub created_at: String,
        pub updated_at: String,
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MembershipRecord {
    pub person_id: i64,
    pub name: String,
    pub relation: String,
    pub joined_on: String,
    pub left_on: Option<String>,
}

const HOUSEHOLD_COLUMNS: &str = "h.id, h.region_code, r.name AS region_name, h.address, h.head_person_id, \
    hp.name AS head_name, hp.id_number AS head_id_number, h.member_count, h.version, h.created_at, h.updated_at";
const HOUSEHOLD_FROM: &str = " FROM households h LEFT JOIN regions r ON r.code = h.region_code LEFT JOIN persons hp ON hp.id = h.head_person_id";

#[derive(Debug, Clone, Default)]
pub struct HouseholdFilter {
    pub q: Option<String>,
    pub sort: Option<String>,
}

impl HouseholdFilter {
    fn push_where(&self, sql: &mut Sql, scope: &Scope) {
        sql.push(" WHERE 1 = 1");
        // as for persons: a search drives from the members' indexes, not the region range
        let searching = self.q.as_deref().is_some_and(|q| !q.trim().is_empty());
        let region_column = if searching { "(h.region_code || '')" } else { "h.region_code" };
        scope.and_filter(sql, region_column);
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            sql.push(" AND (h.id IN (SELECT p.household_id FROM persons p WHERE p.household_id IS NOT NULL AND ");
            push_person_match(sql, q);
            sql.push(")");
            // addresses are Chinese text: an ID number or pinyin initials never match one, and
            // leaving the scan out keeps those searches on their indexes
            if !q.is_ascii() {
                sql.push(" OR h.address LIKE ").bind(format!("%{}%", like_escape(q))).push(" ESCAPE '\\'");
            }
            sql.push(")");
        }
    }
}

fn sort_clause(sort: Option<&str>) -> &'static str {
    match sort.unwrap_or("region_code") {
        "region_code" => "h.region_code ASC, h.id ASC",
        "-region_code" => "h.region_code DESC, h.id DESC",
        "member_count" => "h.member_count ASC, h.id ASC",
        "-member_count" => "h.member_count DESC, h.id DESC",
        "created_at" => "h.created_at ASC, h.id ASC",
        "-created_at" => "h.created_at DESC, h.id DESC",
        // by place: an index range in the scope, however many rows it holds
        _ => "h.region_code ASC, h.id ASC",
    }
}

/// A member of a household being created.
pub enum NewMember<'a> {
    /// A person not yet registered: inserted with the household.
    New(&'a ValidPerson, Relation),
    /// A registered person; `move_from_other` allows taking him out of his current household.
    Existing { person_id: i64, relation: Relation, move_from_other: bool },
}

fn exactly_one_head(relations: impl Iterator<Item = Relation>) -> Result<()> {
    let heads = relations.filter(|r| *r == Relation::Head).count();
    if heads != 1 {
        return Err(StoreError::invalid(
            "members",
            format!("家庭户须有且只有一名户主（现有 {heads} 名）"),
            format!("a household needs exactly one head ({heads} given)"),
        ));
    }
    Ok(())
}

/// A household to insert in bulk: its region, address and new members with their relation.
pub type BulkHousehold<'a> = (RegionCode, String, Vec<(&'a ValidPerson, Relation)>);

impl Store {
    pub async fn household(&self, scope: &Scope, id: i64) -> Result<HouseholdRecord> {
        let mut sql = Sql::new(&format!("SELECT {HOUSEHOLD_COLUMNS}{HOUSEHOLD_FROM} WHERE h.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "h.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        HouseholdRecord::from_row(&row)
    }

    /// The current members (as person records), head first.
    pub async fn household_members(&self, household_id: i64) -> Result<Vec<super::persons::PersonRecord>> {
        let sql = format!(
            "SELECT {} FROM persons p LEFT JOIN regions r ON r.code = p.region_code WHERE p.household_id = $1 \
             ORDER BY CASE WHEN p.relation = 'head' THEN 0 ELSE 1 END, p.birth_date",
            super::persons::PERSON_COLUMNS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(household_id).fetch_all(&self.pool).await?;
        rows.iter().map(super::persons::PersonRecord::from_row).collect()
    }

    pub async fn household_history(&self, household_id: i64) -> Result<Vec<MembershipRecord>> {
        let rows = sqlx::query(
            "SELECT m.person_id, p.name, m.relation, m.joined_on, m.left_on FROM household_members m JOIN persons p ON p.id = m.person_id \
             WHERE m.household_id = $1 ORDER BY m.joined_on, m.id",
        )
        .bind(household_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MembershipRecord {
                    person_id: r.try_get("person_id")?,
                    name: r.try_get("name")?,
                    relation: r.try_get("relation")?,
                    joined_on: r.try_get("joined_on")?,
                    left_on: r.try_get("left_on")?,
                })
            })
            .collect()
    }

    pub async fn list_households(&self, scope: &Scope, filter: &HouseholdFilter, paging: Paging) -> Result<Page<HouseholdRecord>> {
        let mut count = capped_count_sql("FROM households h");
        filter.push_where(&mut count, scope);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {HOUSEHOLD_COLUMNS}{HOUSEHOLD_FROM}"));
        filter.push_where(&mut sql, scope);
        sql.push(" ORDER BY ").push(sort_clause(filter.sort.as_deref()));
        sql.push(" LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        Ok(Page { items: rows.iter().map(HouseholdRecord::from_row).collect::<Result<_>>()?, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    pub async fn for_each_household<F>(&self, scope: &Scope, filter: &HouseholdFilter, batch: i64, mut sink: F) -> Result<u64>
    where
        F: FnMut(HouseholdRecord) -> Result<()>,
    {
        let mut after = 0i64;
        let mut n = 0;
        loop {
            let mut sql = Sql::new(&format!("SELECT {HOUSEHOLD_COLUMNS}{HOUSEHOLD_FROM}"));
            filter.push_where(&mut sql, scope);
            sql.push(" AND h.id > ").bind(after).push(" ORDER BY h.id LIMIT ").bind(batch);
            let rows = sql.query().fetch_all(&self.pool).await?;
            for row in &rows {
                let h = HouseholdRecord::from_row(row)?;
                after = h.id;
                sink(h)?;
                n += 1;
            }
            if (rows.len() as i64) < batch {
                return Ok(n);
            }
        }
    }

    /// Creates a household with its members. Existing members must be in `scope`.
    pub async fn create_household(
        &self,
        tx: &mut Tx,
        scope: &Scope,
        region: &RegionCode,
        address: &str,
        members: &[NewMember<'_>],
        today: NaiveDate,
    ) -> Result<i64> {
        exactly_one_head(members.iter().map(|m| match m {
            NewMember::New(_, r) => *r,
            NewMember::Existing { relation, .. } => *relation,
        }))?;
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO households (id, region_code, address, head_person_id, member_count, version, created_at, updated_at) VALUES ($1, $2, $3, NULL, 0, 1, $4, $4)",
        )
        .bind(id)
        .bind(region.as_str().to_owned())
        .bind(address.to_owned())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        for (i, m) in members.iter().enumerate() {
            let field = format!("members[{i}]");
            match m {
                NewMember::New(p, relation) => {
                    let person_id = self
                        .insert_person(tx, p, Some(Membership { household_id: id, relation: *relation }))
                        .await
                        .map_err(|e| prefix_error(e, &format!("{field}.person")))?;
                    self.open_membership(tx, id, person_id, *relation, region, today).await?;
                }
                NewMember::Existing { person_id, relation, move_from_other } => {
                    self.join_household(tx, scope, id, *person_id, *relation, *move_from_other, region, today)
                        .await
                        .map_err(|e| prefix_error(e, &field))?;
                }
            }
        }
        self.refresh_household(tx, id).await?;
        Ok(id)
    }

    /// Sets the members of a household to exactly `members` (with their relations) if `version` is
    /// current. Members who leave keep their history row with `left_on`.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_household(
        &self,
        tx: &mut Tx,
        scope: &Scope,
        id: i64,
        region: &RegionCode,
        address: &str,
        members: &[(i64, Relation, bool)],
        version: i64,
        today: NaiveDate,
    ) -> Result<i64> {
        exactly_one_head(members.iter().map(|m| m.1))?;
        let mut sql = Sql::new("UPDATE households SET region_code = ");
        sql.bind(region.as_str().to_owned()).push(", address = ").bind(address.to_owned());
        sql.push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        scope.and_filter(&mut sql, "region_code");
        if sql.query().execute(&mut *tx.tx).await?.rows_affected() == 0 {
            let mut exists = Sql::new("SELECT version FROM households WHERE id = ");
            exists.bind(id);
            scope.and_filter(&mut exists, "region_code");
            let current: Option<i64> = exists.query_scalar().fetch_optional(&mut *tx.tx).await?;
            return Err(match current {
                None => StoreError::NotFound,
                Some(v) => StoreError::conflict(
                    "version",
                    format!("家庭户已被他人修改（当前版本 {v}，提交版本 {version}），请刷新后重试"),
                    format!("the household was changed by someone else (current version {v}, yours {version}); reload and retry"),
                ),
            });
        }
        let current: Vec<(i64, String)> = sqlx::query("SELECT id, relation FROM persons WHERE household_id = $1")
            .bind(id)
            .fetch_all(&mut *tx.tx)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get::<Option<String>, _>("relation")?.unwrap_or_default())))
            .collect::<Result<_>>()?;
        for (pid, _) in &current {
            if !members.iter().any(|m| m.0 == *pid) {
                self.leave_household(tx, *pid, today).await?;
            }
        }
        for (i, (pid, relation, move_from_other)) in members.iter().enumerate() {
            match current.iter().find(|c| c.0 == *pid) {
                Some((_, old)) if old == relation.as_str() => {}
                Some(_) => {
                    // a change of relation closes the old stay and opens a new one, so history shows it
                    self.leave_household(tx, *pid, today).await?;
                    self.join_household(tx, scope, id, *pid, *relation, false, region, today).await.map_err(|e| prefix_error(e, &format!("members[{i}]")))?;
                }
                None => {
                    self.join_household(tx, scope, id, *pid, *relation, *move_from_other, region, today)
                        .await
                        .map_err(|e| prefix_error(e, &format!("members[{i}]")))?;
                }
            }
        }
        sqlx::query("UPDATE household_members SET region_code = $1 WHERE household_id = $2 AND left_on IS NULL")
            .bind(region.as_str().to_owned())
            .bind(id)
            .execute(&mut *tx.tx)
            .await?;
        self.refresh_household(tx, id).await?;
        Ok(version + 1)
    }

    #[allow(clippy::too_many_arguments)]
    async fn join_household(
        &self,
        tx: &mut Tx,
        scope: &Scope,
        household_id: i64,
        person_id: i64,
        relation: Relation,
        move_from_other: bool,
        region: &RegionCode,
        today: NaiveDate,
    ) -> Result<()> {
        let mut sql = Sql::new("SELECT household_id, name FROM persons p WHERE p.id = ");
        sql.bind(person_id);
        scope.and_filter(&mut sql, "p.region_code");
        let row = sql.query().fetch_optional(&mut *tx.tx).await?.ok_or_else(|| {
            StoreError::invalid("person_id", format!("人员 {person_id} 不存在或不在本账号管辖范围内"), format!("person {person_id} does not exist or is outside your region"))
        })?;
        let current: Option<i64> = row.try_get("household_id")?;
        if let Some(other) = current.filter(|h| *h != household_id) {
            if !move_from_other {
                let name: String = row.try_get("name")?;
                return Err(StoreError::conflict(
                    "person_id",
                    format!("{} 已属于家庭户 {other}，如需迁入请选择“迁出原户”", minzheng_core::mask::mask_name(&name)),
                    format!("person {person_id} already belongs to household {other}; set move to take him out of it"),
                ));
            }
            self.leave_household(tx, person_id, today).await?;
            self.refresh_household(tx, other).await?;
        }
        sqlx::query("UPDATE persons SET household_id = $1, relation = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(household_id)
            .bind(relation.as_str())
            .bind(crate::now())
            .bind(person_id)
            .execute(&mut *tx.tx)
            .await?;
        self.open_membership(tx, household_id, person_id, relation, region, today).await
    }

    async fn open_membership(&self, tx: &mut Tx, household_id: i64, person_id: i64, relation: Relation, region: &RegionCode, today: NaiveDate) -> Result<()> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO household_members (id, household_id, person_id, relation, region_code, joined_on, left_on) VALUES ($1, $2, $3, $4, $5, $6, NULL)")
            .bind(id)
            .bind(household_id)
            .bind(person_id)
            .bind(relation.as_str())
            .bind(region.as_str().to_owned())
            .bind(today.to_string())
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    async fn leave_household(&self, tx: &mut Tx, person_id: i64, today: NaiveDate) -> Result<()> {
        sqlx::query("UPDATE household_members SET left_on = $1 WHERE person_id = $2 AND left_on IS NULL")
            .bind(today.to_string())
            .bind(person_id)
            .execute(&mut *tx.tx)
            .await?;
        sqlx::query("UPDATE persons SET household_id = NULL, relation = NULL, version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(crate::now())
            .bind(person_id)
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    /// Recomputes the head and member count from the members.
    async fn refresh_household(&self, tx: &mut Tx, id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE households SET member_count = (SELECT COUNT(*) FROM persons WHERE household_id = $1), \
             head_person_id = (SELECT MIN(id) FROM persons WHERE household_id = $1 AND relation = 'head') WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx.tx)
        .await?;
        Ok(())
    }

    /// Inserts a generated or imported household with new members in bulk (ids reserved here).
    pub async fn insert_households_bulk(&self, tx: &mut Tx, households: &[BulkHousehold<'_>], today: NaiveDate) -> Result<(u64, u64)> {
        let persons: usize = households.iter().map(|h| h.2.len()).sum();
        let ids = tx.reserve_ids((households.len() + 2 * persons) as i64).await?;
        let mut next = ids.start;
        let mut take = || {
            next += 1;
            next - 1
        };
        let now = crate::now();
        let mut person_rows = Vec::with_capacity(persons);
        let mut member_rows = Vec::with_capacity(persons);
        let mut household_rows = Vec::with_capacity(households.len());
        for (region, address, members) in households {
            let hid = take();
            let mut head = None;
            for (p, relation) in members {
                let pid = take();
                if *relation == Relation::Head {
                    head = Some(pid);
                }
                person_rows.push((pid, *p, Some(Membership { household_id: hid, relation: *relation })));
                member_rows.push((take(), hid, pid, *relation, region));
            }
            household_rows.push((hid, region, address, head, members.len() as i64));
        }
        self.insert_persons_bulk(tx, &person_rows).await?;
        for chunk in household_rows.chunks(super::persons::ROWS_PER_STATEMENT_PARAMS / 5) {
            let mut sql = Sql::bulk("INSERT INTO households (id, region_code, address, head_person_id, member_count, version, created_at, updated_at) VALUES ", self.backend());
            for (i, (hid, region, address, head, count)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(*hid).push(", ").bind(region.as_str().to_owned()).push(", ").bind((*address).clone());
                sql.push(", ").bind(*head).push(", ").bind(*count).push(", 1, ").bind(now.clone()).push(", ").bind(now.clone()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        for chunk in member_rows.chunks(super::persons::ROWS_PER_STATEMENT_PARAMS / 6) {
            let mut sql = Sql::bulk("INSERT INTO household_members (id, household_id, person_id, relation, region_code, joined_on, left_on) VALUES ", self.backend());
            for (i, (mid, hid, pid, relation, region)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(*mid).push(", ").bind(*hid).push(", ").bind(*pid).push(", ").bind(relation.as_str().to_owned());
                sql.push(", ").bind(region.as_str().to_owned()).push(", ").bind(today.to_string()).push(", NULL)");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        Ok((households.len() as u64, persons as u64))
    }
}

/// Puts `prefix.` before the field an error names, so the console can point at the member.
fn prefix_error(e: StoreError, prefix: &str) -> StoreError {
    match e {
        StoreError::Invalid(f) => StoreError::Invalid(f.prefixed(prefix)),
        StoreError::Conflict(f) => StoreError::Conflict(f.prefixed(prefix)),
        other => other,
    }
}
