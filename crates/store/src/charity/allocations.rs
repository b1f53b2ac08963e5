//! 拨付 allocations: the draws on pools that pay them, and the proportional trace of a donation
//! through its pool (`core::charity::pool`).
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::charity::kinds::{DesignationKind, LedgerKind, RecipientKind};
use minzheng_core::assistance::Fen;
use minzheng_core::charity::designation::{Balance, Designation, Refusal, Target, allocate_named};
use minzheng_core::charity::ledger::canonical_json;
use minzheng_core::charity::pool::PoolDraw;
use minzheng_core::mask::mask_name;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::donations::{DonationRecord, PoolRecord};
use super::ledger::{LedgerRecord, Problem};
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::row::{Column, record};

record! {
    #[derive(Clone, Debug, Serialize)]
    pub struct AllocationRecord(r) {
        pub id: i64,
        pub fund_id: i64,
        pub fund_name: String,
        pub project_id: Option<i64>,
        pub project_name: Option<String>,
        pub recipient_kind: RecipientKind,
        pub household_id: Option<i64>,
        /// as recorded: the household head's name, an organisation's or the project's (masked by the
        /// caller for households)
        pub recipient_name: String,
        pub region_code: String,
        pub categories: Vec<String> = r.try_get::<String, _>("categories")?.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect(),
        pub amount_fen: i64,
        pub purpose: String,
        pub allocated_on: NaiveDate,
        pub ledger_seq: i64,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}


impl AllocationRecord {
    /// The recipient as the public (and staff lists) see it: households masked.
    pub fn public_recipient(&self) -> String {
        if self.recipient_kind == RecipientKind::Household { mask_name(&self.recipient_name) } else { self.recipient_name.clone() }
    }

    /// The ledger payload (recomputed by verification); `draws` are (pool id, fen).
    pub fn payload(&self, draws: &[(i64, i64)]) -> serde_json::Value {
        json!({
            "type": "allocation",
            "id": self.id,
            "fund_id": self.fund_id,
            "project_id": self.project_id,
            "recipient_kind": self.recipient_kind,
            "recipient": self.public_recipient(),
            "region_code": self.region_code,
            "categories": self.categories,
            "amount_fen": self.amount_fen,
            "purpose": self.purpose,
            "allocated_on": self.allocated_on,
            "draws": draws.iter().map(|(p, a)| json!({"pool_id": p, "amount_fen": a})).collect::<Vec<_>>(),
        })
    }
}

const ALLOCATION_FROM: &str = " FROM charity_allocations a JOIN charity_funds f ON f.id = a.fund_id LEFT JOIN charity_projects p ON p.id = a.project_id";
const ALLOCATION_COLUMNS: &str = "a.*, f.name AS fund_name, p.name AS project_name";

#[derive(Clone, Debug)]
pub struct NewAllocation {
    pub fund_id: i64,
    pub project_id: Option<i64>,
    pub recipient_kind: RecipientKind,
    pub household_id: Option<i64>,
    pub recipient_name: String,
    pub region_code: String,
    pub categories: Vec<String>,
    pub amount_fen: i64,
    pub purpose: String,
    pub allocated_on: NaiveDate,
    pub created_by: String,
}

#[derive(Default, Clone, Debug)]
pub struct AllocationFilter {
    pub fund_id: Option<i64>,
    pub project_id: Option<i64>,
    pub recipient_kind: Option<RecipientKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One draw of an allocation, with its pool's designation.
#[derive(Clone, Debug, Serialize)]
pub struct DrawRecord {
    pub pool_id: i64,
    pub designation_kind: DesignationKind,
    pub designation_value: String,
    pub amount_fen: i64,
}

/// A household as a recipient: where it lives, its head, and the categories it belongs to.
#[derive(Clone, Debug)]
pub struct HouseholdRecipient {
    pub household_id: i64,
    pub region_code: String,
    pub head_name: String,
    pub categories: Vec<String>,
}

/// One allocation a donation reached, with the donation's share.
#[derive(Clone, Debug, Serialize)]
pub struct TracedAllocation {
    pub allocation: AllocationRecord,
    pub share_fen: i64,
}

/// A donation's share of the allocations of one project (or of direct aid) to one kind of recipient.
#[derive(Clone, Debug, Serialize)]
pub struct ProjectShare {
    pub project_id: Option<i64>,
    pub recipient_kind: RecipientKind,
    pub share_fen: i64,
    pub allocations: i64,
}

/// What a donation's money paid for.
#[derive(Clone, Debug, Serialize)]
pub struct MoneyTrace {
    pub pool_id: i64,
    pub designation_kind: DesignationKind,
    pub designation_value: String,
    /// other donations share the pool (the trace is proportional)
    pub pooled: bool,
    pub spent_fen: i64,
    pub remaining_fen: i64,
    /// the allocations with the largest shares
    pub allocations: Vec<TracedAllocation>,
    /// allocations reached beyond those listed, and their shares together
    pub more_count: i64,
    pub more_share_fen: i64,
    /// the shares summed by project (`None`: direct aid) and kind of recipient
    pub by_project: Vec<ProjectShare>,
}

/// An allocation planned in memory (id 0 until written) and its draws (pool id, draw).
type Planned = (AllocationRecord, Vec<(i64, PoolDraw)>);

impl Store {
    /// A household's region, head and categories (低保, 特困, 低收入 from its active cases; 困难老年人,
    /// 困难残疾人, 困境儿童 for members of such a household aged 60+, disabled, or under 18, or
    /// orphans and unattended children), inside `scope`.
    pub async fn charity_household_recipient(&self, scope: &Scope, household_id: i64, on: NaiveDate) -> Result<HouseholdRecipient> {
        let mut sql = Sql::new("SELECT h.id, h.region_code, COALESCE(p.name, '') AS head_name FROM households h LEFT JOIN persons p ON p.id = h.head_person_id WHERE h.id = ");
        sql.bind(household_id);
        scope.and_filter(&mut sql, "h.region_code");
        let r = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        let region_code: String = r.try_get("region_code")?;
        let head_name: String = r.try_get("head_name")?;
        let programmes: Vec<String> = sqlx::query_scalar("SELECT DISTINCT programme FROM cases WHERE household_id = $1 AND status = 'active'").bind(household_id).fetch_all(&self.pool).await?;
        let members = sqlx::query(
            "SELECT p.birth_date, p.disability_grade FROM household_members m JOIN persons p ON p.id = m.person_id WHERE m.household_id = $1 AND m.left_on IS NULL AND p.death_date IS NULL",
        )
        .bind(household_id)
        .fetch_all(&self.pool)
        .await?;
        let mut cats: Vec<&str> = Vec::new();
        for (programme, cat) in [("dibao", "dibao"), ("tekun", "tekun"), ("low_income", "low_income")] {
            if programmes.iter().any(|p| p == programme) {
                cats.push(cat);
            }
        }
        let in_hardship = !programmes.is_empty();
        let mut elderly = false;
        let mut disabled = false;
        let mut child = programmes.iter().any(|p| p == "orphan" || p == "unattended_child");
        for m in &members {
            let birth: String = m.try_get("birth_date")?;
            let grade: Option<i64> = m.try_get("disability_grade")?;
            let age = NaiveDate::parse_from_str(&birth, "%Y-%m-%d").ok().map(|b| minzheng_core::date::age_on(b, on));
            elderly |= age.is_some_and(|a| a >= 60);
            disabled |= grade.is_some();
            child |= in_hardship && age.is_some_and(|a| a < 18);
        }
        if in_hardship && elderly {
            cats.push("elderly");
        }
        if in_hardship && disabled || programmes.iter().any(|p| p.starts_with("disability")) {
            cats.push("disabled");
        }
        if child {
            cats.push("children");
        }
        Ok(HouseholdRecipient { household_id, region_code, head_name, categories: cats.into_iter().map(str::to_owned).collect() })
    }

    /// Records allocations in order in the caller's transaction (which holds `charity_lock`): each
    /// is paid by the pools that admit its target (`core::charity::designation::allocate`, against
    /// the balances left by the ones before it) or refused with the reason; the paid ones get their
    /// draws, one ledger entry each (of `day`) and their rows.
    /// A refusal names funds, projects and regions by `name` (`None`: by code).
    pub async fn charity_insert_allocations(
        &self,
        tx: &mut Tx,
        items: &[(NewAllocation, Target)],
        day: NaiveDate,
        name: &(dyn Fn(&Designation) -> Option<String> + Sync),
    ) -> Result<Vec<std::result::Result<(AllocationRecord, LedgerRecord), Refusal>>> {
        let mut pools: Vec<PoolRecord> = sqlx::query("SELECT * FROM charity_pools ORDER BY id").fetch_all(&mut *tx.tx).await?.iter().map(PoolRecord::from_row).collect::<Result<_>>()?;
        let funds: HashMap<i64, String> = sqlx::query("SELECT id, name FROM charity_funds").fetch_all(&mut *tx.tx).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
        let projects: HashMap<i64, String> = sqlx::query("SELECT id, name FROM charity_projects").fetch_all(&mut *tx.tx).await?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
        let now = chrono::Utc::now();
        // per item: the refusal, or the record (id 0 for now) and its draws (pool id, draw)
        let mut planned: Vec<std::result::Result<Planned, Refusal>> = Vec::with_capacity(items.len());
        let mut touched: Vec<usize> = Vec::new();
        for (a, target) in items {
            let fund_name = funds.get(&a.fund_id).cloned().ok_or_else(|| StoreError::invalid("fund_id", "基金不存在", "no such fund"))?;
            let project_name = match a.project_id {
                Some(p) => Some(projects.get(&p).cloned().ok_or_else(|| StoreError::invalid("project_id", "项目不存在", "no such project"))?),
                None => None,
            };
            let balances: Vec<Balance> = pools.iter().filter_map(PoolRecord::balance).collect();
            let draws = match allocate_named(&balances, target, Fen(a.amount_fen), name) {
                Ok(d) => d,
                Err(r) => {
                    planned.push(Err(r));
                    continue;
                }
            };
            let mut taken = Vec::with_capacity(draws.len());
            for d in draws {
                let i = pools.iter().position(|p| p.id == d.pool_id).expect("drawn from these pools");
                let mut state = pools[i].state();
                let pd = state.withdraw(d.amount).ok_or_else(|| StoreError::Corrupt(format!("pool {} cannot pay {}", d.pool_id, d.amount.0)))?;
                let p = &mut pools[i];
                (p.balance_fen, p.nav, p.epoch, p.seq) = (state.balance.0, state.nav, state.epoch, state.seq);
                p.spent_fen += d.amount.0;
                if !touched.contains(&i) {
                    touched.push(i);
                }
                taken.push((d.pool_id, pd));
            }
            let rec = AllocationRecord {
                id: 0,
                fund_id: a.fund_id,
                fund_name,
                project_id: a.project_id,
                project_name,
                recipient_kind: a.recipient_kind,
                household_id: a.household_id,
                recipient_name: a.recipient_name.clone(),
                region_code: a.region_code.clone(),
                categories: a.categories.clone(),
                amount_fen: a.amount_fen,
                purpose: a.purpose.clone(),
                allocated_on: a.allocated_on,
                ledger_seq: 0,
                created_by: a.created_by.clone(),
                created_at: now,
            };
            planned.push(Ok((rec, taken)));
        }
        let n_ok = planned.iter().filter(|p| p.is_ok()).count() as i64;
        let n_draws: i64 = planned.iter().filter_map(|p| p.as_ref().ok()).map(|(_, d)| d.len() as i64).sum();
        let mut ids = tx.reserve_ids(n_ok + n_draws).await?;
        let mut draw_rows: Vec<(i64, i64, i64, PoolDraw, Option<i64>, RecipientKind)> = Vec::with_capacity(n_draws as usize);
        let mut entries: Vec<(LedgerKind, i64, serde_json::Value)> = Vec::with_capacity(n_ok as usize);
        for (rec, taken) in planned.iter_mut().filter_map(|p| p.as_mut().ok()) {
            rec.id = ids.next().expect("reserved");
            for (pool_id, d) in taken.iter() {
                draw_rows.push((ids.next().expect("reserved"), rec.id, *pool_id, *d, rec.project_id, rec.recipient_kind));
            }
            let pairs: Vec<(i64, i64)> = taken.iter().map(|(p, d)| (*p, d.amount.0)).collect();
            entries.push((LedgerKind::Allocation, rec.amount_fen, rec.payload(&pairs)));
        }
        let entries = self.charity_append_many(tx, day, &entries).await?;
        let mut entries = entries.into_iter();
        let mut out = Vec::with_capacity(planned.len());
        for p in planned {
            out.push(match p {
                Ok((mut rec, _)) => {
                    let e = entries.next().expect("one entry per allocation");
                    rec.ledger_seq = e.seq;
                    Ok((rec, e))
                }
                Err(r) => Err(r),
            });
        }
        let recs: Vec<&AllocationRecord> = out.iter().filter_map(|o| o.as_ref().ok().map(|(r, _)| r)).collect();
        for chunk in recs.chunks(crate::registry::persons::ROWS_PER_STATEMENT_PARAMS / 14) {
            let mut sql = Sql::bulk(
                "INSERT INTO charity_allocations (id, fund_id, project_id, recipient_kind, household_id, recipient_name, region_code, categories, amount_fen, purpose, allocated_on, ledger_seq, created_by, created_at) VALUES ",
                self.backend(),
            );
            for (i, r) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(r.id).push(", ").bind(r.fund_id).push(", ").bind(r.project_id).push(", ").bind(r.recipient_kind.as_str().to_owned()).push(", ").bind(r.household_id);
                sql.push(", ").bind(r.recipient_name.clone()).push(", ").bind(r.region_code.clone()).push(", ").bind(r.categories.join(",")).push(", ").bind(r.amount_fen);
                sql.push(", ").bind(r.purpose.clone()).push(", ").bind(r.allocated_on.to_string()).push(", ").bind(r.ledger_seq).push(", ").bind(r.created_by.clone()).push(", ").bind(crate::fmt_time(r.created_at)).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        for chunk in draw_rows.chunks(crate::registry::persons::ROWS_PER_STATEMENT_PARAMS / 9) {
            let mut sql = Sql::bulk("INSERT INTO charity_draws (id, allocation_id, pool_id, epoch, seq, amount_fen, nav_delta, project_id, recipient_kind) VALUES ", self.backend());
            for (i, (id, allocation, pool, d, project, kind)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(*id).push(", ").bind(*allocation).push(", ").bind(*pool).push(", ").bind(d.epoch).push(", ").bind(d.seq).push(", ").bind(d.amount.0);
                sql.push(", ").bind(d.nav_delta).push(", ").bind(*project).push(", ").bind(kind.as_str().to_owned()).push(")");
            }
            sql.query().execute(&mut *tx.tx).await?;
        }
        for i in touched {
            let p = &pools[i];
            sqlx::query("UPDATE charity_pools SET balance_fen = $1, nav = $2, epoch = $3, seq = $4, spent_fen = $5 WHERE id = $6")
                .bind(p.balance_fen)
                .bind(p.nav)
                .bind(p.epoch)
                .bind(p.seq)
                .bind(p.spent_fen)
                .bind(p.id)
                .execute(&mut *tx.tx)
                .await?;
        }
        Ok(out)
    }

    /// An allocation inside `scope` (its recipient's region).
    pub async fn charity_allocation(&self, scope: &Scope, id: i64) -> Result<AllocationRecord> {
        let mut sql = Sql::new(&format!("SELECT {ALLOCATION_COLUMNS}{ALLOCATION_FROM} WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        AllocationRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn charity_allocation_draws(&self, allocation_id: i64) -> Result<Vec<DrawRecord>> {
        let rows = sqlx::query("SELECT d.pool_id, d.amount_fen, p.designation_kind, p.designation_value FROM charity_draws d JOIN charity_pools p ON p.id = d.pool_id WHERE d.allocation_id = $1 ORDER BY d.id")
            .bind(allocation_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(DrawRecord { pool_id: r.try_get("pool_id")?, designation_kind: Column::column(r, "designation_kind")?, designation_value: r.try_get("designation_value")?, amount_fen: r.try_get("amount_fen")? }))
            .collect()
    }

    pub async fn charity_allocations(&self, scope: &Scope, f: &AllocationFilter, paging: Paging) -> Result<Page<AllocationRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "a.region_code");
            if let Some(v) = f.fund_id {
                sql.push(" AND a.fund_id = ").bind(v);
            }
            if let Some(v) = f.project_id {
                sql.push(" AND a.project_id = ").bind(v);
            }
            if let Some(v) = f.recipient_kind {
                sql.push(" AND a.recipient_kind = ").bind(v.as_str().to_owned());
            }
            if let Some(v) = f.from {
                sql.push(" AND a.allocated_on >= ").bind(v.to_string());
            }
            if let Some(v) = f.to {
                sql.push(" AND a.allocated_on <= ").bind(v.to_string());
            }
        };
        self.page_of(&format!("{ALLOCATION_FROM} WHERE 1 = 1"), &format!("SELECT {ALLOCATION_COLUMNS}{ALLOCATION_FROM} WHERE 1 = 1"), push, "a.allocated_on DESC, a.id DESC", paging, AllocationRecord::from_row).await
    }

    /// What a money donation paid for: its proportional share of every draw on its pool after it
    /// entered (same epoch), the `limit` largest listed, all of them summed by project.
    pub async fn charity_trace_money(&self, d: &DonationRecord, limit: i64) -> Result<Option<MoneyTrace>> {
        let (Some(pool_id), Some(epoch), Some(nav), Some(seq)) = (d.pool_id, d.pool_epoch, d.pool_nav, d.pool_seq) else { return Ok(None) };
        let pool = self.charity_pool(pool_id).await?;
        let amount = Fen(d.amount_fen);
        let share = |delta: i128| minzheng_core::charity::pool::share(amount, nav, delta).0;
        // one aggregate per project and recipient kind over the pool index alone: the totals need
        // no listing of the draws
        let groups = sqlx::query(
            "SELECT project_id, recipient_kind, CAST(SUM(nav_delta) AS BIGINT) AS delta, COUNT(*) AS n FROM charity_draws \
             WHERE pool_id = $1 AND epoch = $2 AND seq > $3 GROUP BY project_id, recipient_kind",
        )
        .bind(pool_id)
        .bind(epoch)
        .bind(seq)
        .fetch_all(&self.pool)
        .await?;
        let mut by_project = Vec::new();
        let mut total_delta: i128 = 0;
        let mut total_count = 0i64;
        for g in &groups {
            let delta: i64 = g.try_get("delta")?;
            let n: i64 = g.try_get("n")?;
            total_delta += i128::from(delta);
            total_count += n;
            by_project.push(ProjectShare { project_id: g.try_get("project_id")?, recipient_kind: Column::column(g, "recipient_kind")?, share_fen: share(delta.into()), allocations: n });
        }
        by_project.sort_by_key(|p| std::cmp::Reverse(p.share_fen));
        // the largest shares: the draws first (index only), then their allocations by id
        let top = sqlx::query("SELECT allocation_id, nav_delta FROM charity_draws WHERE pool_id = $1 AND epoch = $2 AND seq > $3 ORDER BY nav_delta DESC, seq LIMIT $4")
            .bind(pool_id)
            .bind(epoch)
            .bind(seq)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let top: Vec<(i64, i64)> = top.iter().map(|r| Ok((r.try_get("allocation_id")?, r.try_get("nav_delta")?))).collect::<Result<_>>()?;
        let mut found: HashMap<i64, AllocationRecord> = HashMap::new();
        if !top.is_empty() {
            let mut sql = Sql::new(&format!("SELECT {ALLOCATION_COLUMNS}{ALLOCATION_FROM} WHERE a.id IN "));
            sql.bind_list(top.iter().map(|t| t.0));
            for r in sql.query().fetch_all(&self.pool).await? {
                let a = AllocationRecord::from_row(&r)?;
                found.insert(a.id, a);
            }
        }
        let mut allocations = Vec::with_capacity(top.len());
        let mut listed_delta: i128 = 0;
        for (id, delta) in top {
            listed_delta += i128::from(delta);
            if let Some(a) = found.remove(&id) {
                allocations.push(TracedAllocation { allocation: a, share_fen: share(delta.into()) });
            }
        }
        allocations.sort_by(|a, b| b.allocation.allocated_on.cmp(&a.allocation.allocated_on).then(b.allocation.id.cmp(&a.allocation.id)));
        let spent = share(total_delta);
        let pooled: Option<i64> = sqlx::query_scalar("SELECT id FROM charity_donations WHERE pool_id = $1 AND id <> $2 LIMIT 1").bind(pool_id).bind(d.id).fetch_optional(&self.pool).await?;
        Ok(Some(MoneyTrace {
            pool_id,
            designation_kind: pool.designation_kind,
            designation_value: pool.designation_value,
            pooled: pooled.is_some(),
            spent_fen: spent,
            remaining_fen: d.amount_fen - spent,
            more_count: total_count - allocations.len() as i64,
            more_share_fen: share(total_delta) - share(listed_delta),
            allocations,
            by_project,
        }))
    }

    /// Allocations against the ledger entries that recorded them.
    pub(crate) async fn charity_check_allocation_rows<F, Fut>(&self, mut done: u64, report: &mut F) -> Result<Option<Problem>>
    where
        F: FnMut(u64) -> Fut,
        Fut: std::future::Future<Output = Result<()>>,
    {
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {ALLOCATION_COLUMNS}, l.payload AS ledger_payload, l.amount_fen AS ledger_amount, l.kind AS ledger_kind{ALLOCATION_FROM} LEFT JOIN charity_ledger l ON l.seq = a.ledger_seq \
                 WHERE a.id > $1 ORDER BY a.id LIMIT 5000"
            )))
            .bind(after)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get("id")?;
            done += rows.len() as u64;
            report(done).await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.try_get::<i64, _>("id")).collect::<std::result::Result<_, _>>()?;
            let mut sql = Sql::new("SELECT allocation_id, pool_id, amount_fen FROM charity_draws WHERE allocation_id IN (");
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(*id);
            }
            sql.push(") ORDER BY allocation_id, id");
            let mut draws: std::collections::HashMap<i64, Vec<(i64, i64)>> = std::collections::HashMap::new();
            for r in sql.query().fetch_all(&self.pool).await? {
                draws.entry(r.try_get("allocation_id")?).or_default().push((r.try_get("pool_id")?, r.try_get("amount_fen")?));
            }
            for r in &rows {
                let a = AllocationRecord::from_row(r)?;
                let stored: Option<String> = r.try_get("ledger_payload")?;
                let kind: Option<String> = r.try_get("ledger_kind")?;
                let amount: Option<i64> = r.try_get("ledger_amount")?;
                let mine = draws.get(&a.id).cloned().unwrap_or_default();
                let same = stored.as_deref() == Some(canonical_json(&a.payload(&mine)).as_str()) && kind.as_deref() == Some("allocation") && amount == Some(a.amount_fen);
                if !same {
                    return Ok(Some(Problem {
                        seq: a.ledger_seq,
                        kind: "row_changed",
                        zh: format!("拨付记录 #{} 与账本第 {} 条不符：数据库中的记录被改动", a.id, a.ledger_seq),
                        en: format!("allocation #{} no longer matches ledger entry {}: the row was changed", a.id, a.ledger_seq),
                    }));
                }
            }
        }
        Ok(None)
    }
}
