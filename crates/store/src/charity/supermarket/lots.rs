//! 批次 lots and their append-only movements; stock and write-offs.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::assistance::Fen;
use minzheng_core::charity::supermarket::{self as rule, LotStock, MoveKind, Source, WriteOffReason};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Store, StoreError, Tx};

use super::*;
use crate::row::record;

/// A lot to receive (from a purchase here, from a goods donation in the donation code).
#[derive(Clone, Debug)]
pub struct NewLot {
    pub item_id: i64,
    pub quantity: i64,
    pub unit_value_fen: i64,
    /// the last day the goods may be handed out
    pub expires_on: Option<NaiveDate>,
    pub source: Source,
    pub donation_id: Option<i64>,
    pub supplier: String,
    pub received_on: NaiveDate,
    pub created_by: String,
}

record! {
    /// 批次 a lot with what remains of it.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct LotRecord(r) {
        pub id: i64,
        pub item_id: i64,
        pub item_code: String,
        pub item_name: String,
        pub unit: String,
        pub source: Source,
        pub donation_id: Option<i64>,
        pub supplier: String,
        pub quantity: i64,
        pub remaining: i64,
        pub unit_value_fen: i64,
        pub expires_on: Option<NaiveDate>,
        pub received_on: NaiveDate,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
    }
}

pub(super) const LOT_COLUMNS: &str = "l.id, l.item_id, i.code AS item_code, i.name AS item_name, i.unit, l.source, l.donation_id, l.supplier, l.quantity, l.remaining, \
    l.unit_value_fen, l.expires_on, l.received_on, l.created_by, l.created_at";
pub(super) const LOT_FROM: &str = " FROM supermarket_lots l JOIN supermarket_items i ON i.id = l.item_id";


impl LotRecord {
    /// The lot as the rules see it.
    pub fn stock(&self) -> LotStock {
        LotStock { lot_id: self.id, item_id: self.item_id, remaining: self.remaining, unit_value: Fen(self.unit_value_fen), expires_on: self.expires_on, received_on: self.received_on }
    }
}

/// Which lots a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LotStatus {
    /// still holding goods
    InStock,
    /// holding goods past their date (to write off)
    Expired,
    /// holding goods within the warning days of their date, or past it
    Expiring,
    /// all gone
    Empty,
}

#[derive(Clone, Debug, Default)]
pub struct LotFilter {
    pub item_id: Option<i64>,
    pub source: Option<Source>,
    pub status: Option<LotStatus>,
    pub donation_id: Option<i64>,
    /// the latest receipts first instead of first-expiring-first
    pub recent: bool,
}

/// An item's stock on a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct StockRow {
    #[serde(flatten)]
    pub item: ItemRecord,
    /// units held, all lots
    pub in_stock: i64,
    /// their value, fen
    pub value_fen: i64,
    /// units that may be handed out (not past their date)
    pub issuable: i64,
    /// units past their date, awaiting write-off
    pub expired: i64,
    /// units within the warning days of their date
    pub expiring_soon: i64,
    /// the earliest date of a lot still holding goods
    pub next_expiry: Option<NaiveDate>,
    pub lots: i64,
}

impl Store {
    /// Receives a lot inside the caller's transaction: the lot and its `in` movement. An unknown or
    /// withdrawn item, a bad source or date, or goods past their date are field errors.
    pub async fn supermarket_stock_in(&self, tx: &mut Tx, lot: &NewLot) -> Result<i64> {
        let (source, received, expires) = (lot.source, lot.received_on, lot.expires_on);
        rule::check_lot(lot.quantity, Fen(lot.unit_value_fen), expires, received).map_err(StoreError::Invalid)?;
        if source == Source::Donation && lot.donation_id.is_none() {
            return Err(StoreError::invalid("donation_id", "捐赠入库须注明捐赠记录", "a donated lot needs its donation_id"));
        }
        let active: Option<i64> = sqlx::query_scalar("SELECT active FROM supermarket_items WHERE id = $1").bind(lot.item_id).fetch_optional(&mut *tx.tx).await?;
        match active {
            None => return Err(StoreError::invalid("item_id", "商品目录中没有这个商品", "no such item in the catalogue")),
            Some(0) => return Err(StoreError::invalid("item_id", "该商品已停用", "the item is withdrawn from the catalogue")),
            Some(_) => {}
        }
        let ids = tx.reserve_ids(2).await?;
        let (id, move_id) = (ids.start, ids.start + 1);
        let now = crate::now();
        sqlx::query(
            "INSERT INTO supermarket_lots (id, item_id, source, donation_id, supplier, quantity, remaining, unit_value_fen, expires_on, received_on, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(lot.item_id)
        .bind(source.as_str().to_owned())
        .bind(lot.donation_id)
        .bind(lot.supplier.trim().to_owned())
        .bind(lot.quantity)
        .bind(lot.quantity)
        .bind(lot.unit_value_fen)
        .bind(expires.map(|e| e.to_string()))
        .bind(received.to_string())
        .bind(lot.created_by.clone())
        .bind(now.clone())
        .execute(&mut *tx.tx)
        .await?;
        let value = Fen(lot.unit_value_fen) * lot.quantity;
        self.supermarket_move(tx, move_id, (id, lot.item_id, source), MoveKind::In, lot.quantity, value.0, 0, &received.to_string(), None, ("", ""), &lot.created_by).await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) async fn supermarket_move(
        &self,
        tx: &mut Tx,
        id: i64,
        (lot_id, item_id, source): (i64, i64, Source),
        kind: MoveKind,
        quantity: i64,
        value_fen: i64,
        points: i64,
        on: &str,
        redemption_id: Option<i64>,
        (reason, note): (&str, &str),
        by: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO supermarket_moves (id, lot_id, item_id, kind, source, quantity, value_fen, points, moved_on, redemption_id, reason, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(id)
        .bind(lot_id)
        .bind(item_id)
        .bind(kind.as_str().to_owned())
        .bind(source.as_str().to_owned())
        .bind(quantity)
        .bind(value_fen)
        .bind(points)
        .bind(on.to_owned())
        .bind(redemption_id)
        .bind(reason.to_owned())
        .bind(note.to_owned())
        .bind(by.to_owned())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(())
    }

    pub async fn supermarket_lot(&self, id: i64) -> Result<LotRecord> {
        let mut sql = Sql::new(&format!("SELECT {LOT_COLUMNS}{LOT_FROM} WHERE l.id = "));
        sql.bind(id);
        LotRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// Lots, the earliest expiry first (undated last) or the latest receipts first; `today` decides
    /// expired and expiring.
    pub async fn supermarket_lots(&self, f: &LotFilter, today: NaiveDate, paging: Paging) -> Result<Page<LotRecord>> {
        let today_s = today.to_string();
        let soon = (today + chrono::Duration::days(rule::EXPIRY_WARNING_DAYS)).to_string();
        let push = |sql: &mut Sql| {
            if let Some(i) = f.item_id {
                sql.push(" AND l.item_id = ").bind(i);
            }
            if let Some(s) = &f.source {
                sql.push(" AND l.source = ").bind(s.as_str().to_owned());
            }
            if let Some(d) = f.donation_id {
                sql.push(" AND l.donation_id = ").bind(d);
            }
            match f.status {
                None => {}
                Some(LotStatus::InStock) => {
                    sql.push(" AND l.remaining > 0");
                }
                Some(LotStatus::Empty) => {
                    sql.push(" AND l.remaining = 0");
                }
                Some(LotStatus::Expired) => {
                    sql.push(" AND l.remaining > 0 AND l.expires_on < ").bind(today_s.clone());
                }
                Some(LotStatus::Expiring) => {
                    sql.push(" AND l.remaining > 0 AND l.expires_on <= ").bind(soon.clone());
                }
            }
        };
        self.page_of(
            &format!("{LOT_FROM} WHERE 1 = 1"),
            &format!("SELECT {LOT_COLUMNS}{LOT_FROM} WHERE 1 = 1"),
            push,
            if f.recent { "l.received_on DESC, l.id DESC" } else { "CASE WHEN l.expires_on IS NULL THEN 1 ELSE 0 END, l.expires_on, l.received_on, l.id" },
            paging,
            LotRecord::from_row,
        )
        .await
    }

    /// Stock per item on `today`: every item of the catalogue that is active or still holds goods.
    pub async fn supermarket_stock(&self, today: NaiveDate) -> Result<Vec<StockRow>> {
        let today_s = today.to_string();
        let soon = (today + chrono::Duration::days(rule::EXPIRY_WARNING_DAYS)).to_string();
        let rows = sqlx::query(
            "SELECT l.item_id, CAST(SUM(l.remaining) AS BIGINT) AS in_stock, CAST(SUM(l.remaining * l.unit_value_fen) AS BIGINT) AS value_fen, \
             CAST(SUM(CASE WHEN l.expires_on IS NULL OR l.expires_on >= $1 THEN l.remaining ELSE 0 END) AS BIGINT) AS issuable, \
             CAST(SUM(CASE WHEN l.expires_on < $2 THEN l.remaining ELSE 0 END) AS BIGINT) AS expired, \
             CAST(SUM(CASE WHEN l.expires_on >= $3 AND l.expires_on <= $4 THEN l.remaining ELSE 0 END) AS BIGINT) AS soon, \
             MIN(l.expires_on) AS next_expiry, COUNT(*) AS lots \
             FROM supermarket_lots l WHERE l.remaining > 0 GROUP BY l.item_id",
        )
        .bind(today_s.clone())
        .bind(today_s.clone())
        .bind(today_s)
        .bind(soon)
        .fetch_all(&self.pool)
        .await?;
        let mut held: HashMap<i64, &AnyRow> = HashMap::new();
        for r in &rows {
            held.insert(r.try_get("item_id")?, r);
        }
        let items = sqlx::query("SELECT * FROM supermarket_items ORDER BY category, code, id").fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        for r in &items {
            let item = ItemRecord::from_row(r)?;
            let row = held.get(&item.id);
            if row.is_none() && !item.active {
                continue;
            }
            let get = |c: &str| -> Result<i64> { Ok(match row { Some(r) => r.try_get(c)?, None => 0 }) };
            out.push(StockRow {
                in_stock: get("in_stock")?,
                value_fen: get("value_fen")?,
                issuable: get("issuable")?,
                expired: get("expired")?,
                expiring_soon: get("soon")?,
                next_expiry: match row {
                    Some(r) => crate::row::Column::column(r, "next_expiry")?,
                    None => None,
                },
                lots: get("lots")?,
                item,
            });
        }
        Ok(out)
    }

    /// Takes `quantity` of a lot out as written off (expired or damaged), dated `on`; more than
    /// remains is a conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn supermarket_write_off(&self, tx: &mut Tx, lot: &LotRecord, quantity: i64, reason: WriteOffReason, note: &str, on: NaiveDate, by: &str) -> Result<i64> {
        let taken = sqlx::query("UPDATE supermarket_lots SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $3")
            .bind(quantity)
            .bind(lot.id)
            .bind(quantity)
            .execute(&mut *tx.tx)
            .await?;
        if taken.rows_affected() == 0 {
            return Err(StoreError::conflict("quantity", "该批次剩余数量已变化，请刷新", "the lot's remaining quantity changed; reload it"));
        }
        let id = tx.next_id().await?;
        let value = Fen(lot.unit_value_fen) * quantity;
        self.supermarket_move(tx, id, (lot.id, lot.item_id, lot.source), MoveKind::WriteOff, quantity, value.0, 0, &on.to_string(), None, (reason.as_str(), note), by).await?;
        Ok(id)
    }

    /// The lots of `item_ids` still holding goods, read inside the transaction that takes them.
    pub async fn supermarket_open_lots(&self, tx: &mut Tx, item_ids: &[i64]) -> Result<Vec<LotRecord>> {
        let mut sql = Sql::new(&format!("SELECT {LOT_COLUMNS}{LOT_FROM} WHERE l.remaining > 0 AND l.item_id IN "));
        sql.bind_list(item_ids.iter().copied());
        sql.push(" ORDER BY l.id");
        sql.query().fetch_all(&mut *tx.tx).await?.iter().map(LotRecord::from_row).collect()
    }
}
