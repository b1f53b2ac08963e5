//! 捐赠 donations and the pools their money enters. A donation is written with its ledger entry in
//! one transaction; the entry's payload is what the public may know of it (the donor masked).
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::assistance::Fen;
use minzheng_core::charity::designation::{Balance, Designation};
use minzheng_core::charity::kinds::{Channel, DesignationKind, DonorKind, Form, LedgerKind};
use minzheng_core::charity::pool::PoolState;
use minzheng_core::mask::{mask_name, mask_phone};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::ledger::{LedgerRecord, Problem};
use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Store, StoreError, Tx};
use crate::row::record;

record! {
    /// A pool as stored.
    #[derive(Clone, Debug, Serialize)]
    pub struct PoolRecord(r) {
        pub id: i64,
        pub designation_kind: DesignationKind,
        pub designation_value: String,
        pub balance_fen: i64,
        pub income_fen: i64,
        pub spent_fen: i64,
        pub nav: i64,
        pub epoch: i64,
        pub seq: i64,
    }
}

impl PoolRecord {
    pub fn state(&self) -> PoolState {
        PoolState { balance: Fen(self.balance_fen), nav: self.nav, epoch: self.epoch, seq: self.seq }
    }

    /// What the designation rules draw on (`None` for a pair that is not a designation).
    pub fn balance(&self) -> Option<Balance> {
        Designation::from_parts(self.designation_kind, &self.designation_value).map(|d| Balance { pool_id: self.id, designation: d, remaining: Fen(self.balance_fen) })
    }
}


record! {
    #[derive(Clone, Debug, Serialize)]
    pub struct DonationRecord(r) {
        pub id: i64,
        pub receipt_code: String,
        pub donor_kind: DonorKind,
        pub donor_name: String,
        pub donor_phone: String,
        pub anonymous: bool,
        pub form: Form,
        pub amount_fen: i64,
        /// goods lines as recorded (JSON list of {item_id, item_name, unit, quantity, unit_value_fen, expires_on})
        pub goods: serde_json::Value = goods(r)?,
        pub designation_kind: DesignationKind,
        pub designation_value: String,
        pub fund_id: Option<i64>,
        pub campaign_id: Option<i64>,
        pub channel: Channel,
        pub received_on: NaiveDate,
        pub note: String,
        pub pool_id: Option<i64>,
        pub pool_epoch: Option<i64>,
        pub pool_nav: Option<i64>,
        pub pool_seq: Option<i64>,
        pub ledger_seq: i64,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

/// The goods lines as stored (JSON text; empty for money).
fn goods(r: &AnyRow) -> Result<serde_json::Value> {
    let goods: String = r.try_get("goods")?;
    if goods.is_empty() { Ok(json!([])) } else { serde_json::from_str(&goods).map_err(|e| StoreError::Corrupt(format!("charity_donations.goods: {e}"))) }
}

impl DonationRecord {
    /// How the donor is shown in public: anonymous donors as 爱心人士, persons masked, companies
    /// in full.
    pub fn public_donor(&self) -> String {
        public_donor(self.donor_kind, &self.donor_name, self.anonymous)
    }

    /// The ledger payload: what the public may know of the donation (recomputed by verification).
    pub fn payload(&self) -> serde_json::Value {
        let goods: Vec<serde_json::Value> = self
            .goods
            .as_array()
            .map(|a| a.iter().map(|g| json!({"item": g["item_name"], "quantity": g["quantity"], "unit_value_fen": g["unit_value_fen"]})).collect())
            .unwrap_or_default();
        json!({
            "type": "donation",
            "id": self.id,
            "receipt_code": self.receipt_code,
            "donor": self.public_donor(),
            "donor_kind": self.donor_kind,
            "form": self.form,
            "amount_fen": self.amount_fen,
            "goods": goods,
            "designation": {"kind": self.designation_kind, "value": self.designation_value},
            "fund_id": self.fund_id,
            "campaign_id": self.campaign_id,
            "received_on": self.received_on,
        })
    }
}

pub fn public_donor(kind: DonorKind, name: &str, anonymous: bool) -> String {
    if anonymous {
        "爱心人士".to_owned()
    } else if kind == DonorKind::Company {
        name.to_owned()
    } else {
        mask_name(name)
    }
}

/// A donation to record; the server has checked every field.
#[derive(Clone, Debug)]
pub struct NewDonation {
    pub receipt_code: String,
    pub donor_kind: DonorKind,
    pub donor_name: String,
    pub donor_phone: String,
    pub anonymous: bool,
    pub form: Form,
    pub amount_fen: i64,
    pub goods: serde_json::Value,
    pub designation_kind: DesignationKind,
    pub designation_value: String,
    pub fund_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub note: String,
    pub created_by: String,
}

#[derive(Default, Clone, Debug)]
pub struct DonationFilter {
    /// donor name or receipt code
    pub q: Option<String>,
    pub form: Option<Form>,
    pub designation_kind: Option<DesignationKind>,
    pub fund_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Store {
    /// Every pool, most money first.
    pub async fn charity_pools(&self) -> Result<Vec<PoolRecord>> {
        sqlx::query("SELECT * FROM charity_pools ORDER BY balance_fen DESC, id").fetch_all(&self.pool).await?.iter().map(PoolRecord::from_row).collect()
    }

    pub async fn charity_pool(&self, id: i64) -> Result<PoolRecord> {
        PoolRecord::from_row(&sqlx::query("SELECT * FROM charity_pools WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// The pools of the given designations, read inside a write transaction (which holds
    /// `charity_lock`); those missing are created empty.
    pub(crate) async fn charity_pools_for(&self, tx: &mut Tx, designations: &[(DesignationKind, String)]) -> Result<HashMap<(DesignationKind, String), PoolRecord>> {
        let mut out: HashMap<(DesignationKind, String), PoolRecord> = HashMap::new();
        for r in sqlx::query("SELECT * FROM charity_pools").fetch_all(&mut *tx.tx).await? {
            let p = PoolRecord::from_row(&r)?;
            out.insert((p.designation_kind, p.designation_value.clone()), p);
        }
        for key in designations {
            if out.contains_key(key) {
                continue;
            }
            let id = tx.next_id().await?;
            let s = PoolState::default();
            sqlx::query("INSERT INTO charity_pools (id, designation_kind, designation_value, balance_fen, income_fen, spent_fen, nav, epoch, seq) VALUES ($1, $2, $3, 0, 0, 0, $4, $5, 0)")
                .bind(id)
                .bind(key.0.as_str().to_owned())
                .bind(key.1.clone())
                .bind(s.nav)
                .bind(s.epoch)
                .execute(&mut *tx.tx)
                .await?;
            out.insert(key.clone(), PoolRecord { id, designation_kind: key.0, designation_value: key.1.clone(), balance_fen: 0, income_fen: 0, spent_fen: 0, nav: s.nav, epoch: s.epoch, seq: 0 });
        }
        Ok(out)
    }

    /// Records a donation in the caller's transaction (which holds `charity_lock`).
    pub async fn charity_insert_donation(&self, tx: &mut Tx, d: &NewDonation, day: NaiveDate) -> Result<(DonationRecord, LedgerRecord)> {
        let mut out = self.charity_insert_donations(tx, std::slice::from_ref(d), day).await?;
        Ok(out.remove(0))
    }

    /// Records donations in order in the caller's transaction (which holds `charity_lock`): money
    /// into the pools of their designations, one ledger entry each (of `day`), the rows. Goods lots
    /// are the caller's (supermarket).
    pub async fn charity_insert_donations(&self, tx: &mut Tx, items: &[NewDonation], day: NaiveDate) -> Result<Vec<(DonationRecord, LedgerRecord)>> {
        if items.is_empty() {
            return Ok(vec![]);
        }
        let ids = tx.reserve_ids(items.len() as i64).await?;
        let keys: Vec<(DesignationKind, String)> = items.iter().filter(|d| d.form == Form::Money).map(|d| (d.designation_kind, d.designation_value.clone())).collect();
        let mut pools = self.charity_pools_for(tx, &keys).await?;
        let mut touched: Vec<(DesignationKind, String)> = Vec::new();
        let now = chrono::Utc::now();
        let mut records = Vec::with_capacity(items.len());
        for (d, id) in items.iter().zip(ids) {
            let mark = if d.form == Form::Money {
                let key = (d.designation_kind, d.designation_value.clone());
                let p = pools.get_mut(&key).expect("created above");
                let mut state = p.state();
                let m = state.deposit(Fen(d.amount_fen));
                (p.balance_fen, p.nav, p.epoch, p.seq) = (state.balance.0, state.nav, state.epoch, state.seq);
                p.income_fen += d.amount_fen;
                if !touched.contains(&key) {
                    touched.push(key);
                }
                Some((p.id, m))
            } else {
                None
            };
            records.push(DonationRecord {
                id,
                receipt_code: d.receipt_code.clone(),
                donor_kind: d.donor_kind,
                donor_name: d.donor_name.clone(),
                donor_phone: d.donor_phone.clone(),
                anonymous: d.anonymous,
                form: d.form,
                amount_fen: d.amount_fen,
                goods: d.goods.clone(),
                designation_kind: d.designation_kind,
                designation_value: d.designation_value.clone(),
                fund_id: d.fund_id,
                campaign_id: d.campaign_id,
                channel: d.channel,
                received_on: d.received_on,
                note: d.note.clone(),
                pool_id: mark.map(|m| m.0),
                pool_epoch: mark.map(|m| m.1.epoch),
                pool_nav: mark.map(|m| m.1.nav),
                pool_seq: mark.map(|m| m.1.seq),
                ledger_seq: 0,
                created_by: d.created_by.clone(),
                created_at: now,
            });
        }
        let entries: Vec<(LedgerKind, i64, serde_json::Value)> = records.iter().map(|r| (LedgerKind::Donation, r.amount_fen, r.payload())).collect();
        let entries = self.charity_append_many(tx, day, &entries).await?;
        for (r, e) in records.iter_mut().zip(&entries) {
            r.ledger_seq = e.seq;
        }
        for chunk in records.chunks(crate::registry::persons::ROWS_PER_STATEMENT_PARAMS / 23) {
            let mut sql = Sql::bulk(
                "INSERT INTO charity_donations (id, receipt_code, donor_kind, donor_name, donor_phone, anonymous, form, amount_fen, goods, designation_kind, designation_value, fund_id, campaign_id, channel, received_on, note, pool_id, pool_epoch, pool_nav, pool_seq, ledger_seq, created_by, created_at) VALUES ",
                self.backend(),
            );
            for (i, r) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(r.id).push(", ").bind(r.receipt_code.clone()).push(", ").bind(r.donor_kind.as_str().to_owned()).push(", ").bind(r.donor_name.clone());
                sql.push(", ").bind(r.donor_phone.clone()).push(", ").bind(crate::flag(r.anonymous)).push(", ").bind(r.form.as_str().to_owned()).push(", ").bind(r.amount_fen);
                sql.push(", ").bind(r.goods.to_string()).push(", ").bind(r.designation_kind.as_str().to_owned()).push(", ").bind(r.designation_value.clone());
                sql.push(", ").bind(r.fund_id).push(", ").bind(r.campaign_id).push(", ").bind(r.channel.as_str().to_owned()).push(", ").bind(r.received_on.to_string());
                sql.push(", ").bind(r.note.clone()).push(", ").bind(r.pool_id).push(", ").bind(r.pool_epoch).push(", ").bind(r.pool_nav).push(", ").bind(r.pool_seq);
                sql.push(", ").bind(r.ledger_seq).push(", ").bind(r.created_by.clone()).push(", ").bind(crate::fmt_time(r.created_at)).push(")");
            }
            if let Err(e) = sql.query().execute(&mut *tx.tx).await.map_err(StoreError::from) {
                return Err(if e.is_unique_violation() { StoreError::conflict("receipt_code", "收据编号重复，请重试", "a receipt code is taken; try again") } else { e });
            }
        }
        for key in touched {
            let p = &pools[&key];
            sqlx::query("UPDATE charity_pools SET balance_fen = $1, nav = $2, epoch = $3, seq = $4, income_fen = $5 WHERE id = $6")
                .bind(p.balance_fen)
                .bind(p.nav)
                .bind(p.epoch)
                .bind(p.seq)
                .bind(p.income_fen)
                .bind(p.id)
                .execute(&mut *tx.tx)
                .await?;
        }
        Ok(records.into_iter().zip(entries).collect())
    }

    pub async fn charity_donation(&self, id: i64) -> Result<DonationRecord> {
        DonationRecord::from_row(&sqlx::query("SELECT * FROM charity_donations WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn charity_donation_by_receipt(&self, code: &str) -> Result<DonationRecord> {
        DonationRecord::from_row(&sqlx::query("SELECT * FROM charity_donations WHERE receipt_code = $1").bind(code.to_owned()).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn charity_donations(&self, f: &DonationFilter, paging: Paging) -> Result<Page<DonationRecord>> {
        let push = |sql: &mut Sql| {
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (d.donor_name LIKE ").bind(like).push(" OR d.receipt_code = ").bind(q.to_ascii_uppercase()).push(")");
            }
            if let Some(v) = f.form {
                sql.push(" AND d.form = ").bind(v.as_str().to_owned());
            }
            if let Some(v) = f.designation_kind {
                sql.push(" AND d.designation_kind = ").bind(v.as_str().to_owned());
            }
            if let Some(v) = f.fund_id {
                sql.push(" AND d.fund_id = ").bind(v);
            }
            if let Some(v) = f.campaign_id {
                sql.push(" AND d.campaign_id = ").bind(v);
            }
            if let Some(v) = f.from {
                sql.push(" AND d.received_on >= ").bind(v.to_string());
            }
            if let Some(v) = f.to {
                sql.push(" AND d.received_on <= ").bind(v.to_string());
            }
        };
        self.page_of(" FROM charity_donations d WHERE 1 = 1", "SELECT d.* FROM charity_donations d WHERE 1 = 1", push, "d.received_on DESC, d.id DESC", paging, DonationRecord::from_row).await
    }

    /// Every donation and allocation against the ledger entry that recorded it: the first row
    /// whose payload no longer recomputes to the entry's, or an entry whose row is gone.
    /// `report` gets the running count (from `done`, the entries already checked).
    pub(crate) async fn charity_check_rows<F, Fut>(&self, mut done: u64, report: &mut F) -> Result<Option<Problem>>
    where
        F: FnMut(u64) -> Fut,
        Fut: std::future::Future<Output = Result<()>>,
    {
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT d.*, l.payload AS ledger_payload, l.kind AS ledger_kind, l.amount_fen AS ledger_amount FROM charity_donations d LEFT JOIN charity_ledger l ON l.seq = d.ledger_seq \
                 WHERE d.id > $1 ORDER BY d.id LIMIT 5000",
            )
            .bind(after)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get("id")?;
            done += rows.len() as u64;
            report(done).await?;
            for r in &rows {
                let d = DonationRecord::from_row(r)?;
                let stored: Option<String> = r.try_get("ledger_payload")?;
                let kind: Option<String> = r.try_get("ledger_kind")?;
                let amount: Option<i64> = r.try_get("ledger_amount")?;
                let same = stored.as_deref() == Some(minzheng_core::charity::ledger::canonical_json(&d.payload()).as_str()) && kind.as_deref() == Some("donation") && amount == Some(d.amount_fen);
                if !same {
                    return Ok(Some(Problem {
                        seq: d.ledger_seq,
                        kind: "row_changed",
                        zh: format!("捐赠记录（收据 {}）与账本第 {} 条不符：数据库中的记录被改动", d.receipt_code, d.ledger_seq),
                        en: format!("donation {} no longer matches ledger entry {}: the row was changed", d.receipt_code, d.ledger_seq),
                    }));
                }
            }
        }
        if let Some(p) = self.charity_check_allocation_rows(done, report).await? {
            return Ok(Some(p));
        }
        // an entry whose row is gone
        let missing = sqlx::query(
            "SELECT l.seq, l.kind FROM charity_ledger l WHERE (l.kind = 'donation' AND NOT EXISTS (SELECT 1 FROM charity_donations d WHERE d.ledger_seq = l.seq)) \
             OR (l.kind = 'allocation' AND NOT EXISTS (SELECT 1 FROM charity_allocations a WHERE a.ledger_seq = l.seq)) ORDER BY l.seq LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        if let Some(r) = missing {
            let seq: i64 = r.try_get("seq")?;
            let kind: String = r.try_get("kind")?;
            let what = if kind == "donation" { "捐赠" } else { "拨付" };
            return Ok(Some(Problem { seq, kind: "row_deleted", zh: format!("账本第 {seq} 条记录的{what}在数据库中已不存在：记录被删除"), en: format!("the {kind} of ledger entry {seq} is gone from the database: the row was deleted") }));
        }
        Ok(None)
    }
}

/// A donor's phone as shown to staff.
pub fn masked_phone(p: &str) -> String {
    if p.is_empty() { String::new() } else { mask_phone(p) }
}
