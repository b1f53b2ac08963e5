//! 月报、去向与年度 the monthly statement's sums, a goods donation's trace and the year's figures
//! for the annual report.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use minzheng_core::assistance::{Fen, YearMonth};
use minzheng_core::charity::supermarket::{MoveKind, MoveSum, PointsSums, Source};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::sql::Sql;
use crate::row::Column;
use crate::{Result, Scope, Store};

use super::*;

/// What the monthly statement is computed from.
#[derive(Clone, Debug)]
pub struct StatementSums {
    pub moves: Vec<MoveSum>,
    pub points: PointsSums,
    pub redemptions: i64,
    pub households_served: i64,
}

/// Where one lot of a goods donation went.
#[derive(Clone, Debug, Serialize)]
pub struct GoodsTraceLine {
    pub lot_id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub unit_value_fen: i64,
    pub received_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub quantity_in: i64,
    pub redeemed: i64,
    /// expired or damaged, written off
    pub written_off: i64,
    pub in_stock: i64,
    pub redemptions: Vec<GoodsTraceRedemption>,
}

/// A household's redemption of goods from a donated lot.
#[derive(Clone, Debug, Serialize)]
pub struct GoodsTraceRedemption {
    pub redemption_id: i64,
    pub redeemed_on: NaiveDate,
    pub region_code: RegionCode,
    /// raw: the caller masks it
    pub head_name: String,
    pub quantity: i64,
}

/// The supermarket's figures of a year (the annual charity report).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SupermarketYear {
    pub year: i32,
    /// value of goods received from donations, fen
    pub donated_in_fen: i64,
    /// value of goods bought, fen
    pub purchased_in_fen: i64,
    /// value of goods handed out for points, fen
    pub redeemed_out_fen: i64,
    /// value of goods written off (expired, damaged), fen
    pub written_off_fen: i64,
    pub points_issued: i64,
    pub points_redeemed: i64,
    /// distinct households that redeemed
    pub households_served: i64,
    pub redemptions: i64,
}

impl Store {
    /// The sums of `month`'s statement. Stock is the supermarket's own (one for the district, not
    /// placed): its movements are summed whole. Points and households are those inside `scope`.
    /// Expired points count once their last day is before `today`.
    pub async fn supermarket_statement_sums(&self, scope: &Scope, month: YearMonth, today: NaiveDate) -> Result<StatementSums> {
        let (first, next) = month_bounds(month);
        let rows = sqlx::query(
            "SELECT item_id, kind, source, CASE WHEN moved_on < $1 THEN 1 ELSE 0 END AS before_month, CAST(SUM(quantity) AS BIGINT) AS quantity, \
             CAST(SUM(value_fen) AS BIGINT) AS value_fen FROM supermarket_moves WHERE moved_on < $2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        )
        .bind(first.clone())
        .bind(next.clone())
        .fetch_all(&self.pool)
        .await?;
        let mut moves = Vec::with_capacity(rows.len());
        for r in &rows {
            moves.push(MoveSum {
                item_id: r.try_get("item_id")?,
                kind: MoveKind::column(r, "kind")?,
                source: Source::column(r, "source")?,
                before: r.try_get::<i64, _>("before_month")? != 0,
                quantity: r.try_get("quantity")?,
                value: Fen(r.try_get("value_fen")?),
            });
        }
        let today_s = today.to_string();
        let mut sql = Sql::new("SELECT CAST(COALESCE(SUM(CASE WHEN issued_on < ");
        sql.bind(first.clone()).push(" THEN points ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN issued_on >= ").bind(first.clone());
        sql.push(" AND issued_on < ").bind(next.clone()).push(" THEN points ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN expires_on < ").bind(first.clone());
        sql.push(" AND expires_on < ").bind(today_s.clone()).push(" THEN remaining ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN expires_on >= ").bind(first.clone());
        sql.push(" AND expires_on < ").bind(next.clone()).push(" AND expires_on < ").bind(today_s).push(" THEN remaining ELSE 0 END), 0) AS BIGINT) FROM supermarket_vouchers WHERE 1 = 1");
        scope.and_filter(&mut sql, "region_code");
        let v = sql.query().fetch_one(&self.pool).await?;
        let mut sql = Sql::new("SELECT CAST(COALESCE(SUM(CASE WHEN redeemed_on < ");
        sql.bind(first.clone()).push(" THEN points ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN redeemed_on >= ").bind(first.clone());
        sql.push(" THEN points ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN redeemed_on >= ").bind(first.clone());
        sql.push(" THEN 1 ELSE 0 END), 0) AS BIGINT), COUNT(DISTINCT CASE WHEN redeemed_on >= ").bind(first);
        sql.push(" THEN household_id END) FROM supermarket_redemptions WHERE redeemed_on < ").bind(next);
        scope.and_filter(&mut sql, "region_code");
        let r = sql.query().fetch_one(&self.pool).await?;
        Ok(StatementSums {
            moves,
            points: PointsSums {
                issued_before: v.try_get(0)?,
                issued: v.try_get(1)?,
                expired_before: v.try_get(2)?,
                expired: v.try_get(3)?,
                redeemed_before: r.try_get(0)?,
                redeemed: r.try_get(1)?,
            },
            redemptions: r.try_get(2)?,
            households_served: r.try_get(3)?,
        })
    }

    // ---- the donation code's and the report's interfaces ----

    /// Where the goods of a donation went: one line per lot received from it (by lot id), with its
    /// redemptions (the households' region and head's name, raw: the caller masks it).
    pub async fn supermarket_donation_trace(&self, donation_id: i64) -> Result<Vec<GoodsTraceLine>> {
        let rows = sqlx::query(
            "SELECT l.id, l.item_id, i.name, i.unit, l.unit_value_fen, l.received_on, l.expires_on, l.quantity, l.remaining, \
             CAST(COALESCE((SELECT SUM(m.quantity) FROM supermarket_moves m WHERE m.lot_id = l.id AND m.kind = 'redeem'), 0) AS BIGINT) AS redeemed, \
             CAST(COALESCE((SELECT SUM(m.quantity) FROM supermarket_moves m WHERE m.lot_id = l.id AND m.kind = 'write_off'), 0) AS BIGINT) AS written_off \
             FROM supermarket_lots l JOIN supermarket_items i ON i.id = l.item_id WHERE l.donation_id = $1 ORDER BY l.id",
        )
        .bind(donation_id)
        .fetch_all(&self.pool)
        .await?;
        let mut lines: BTreeMap<i64, GoodsTraceLine> = BTreeMap::new();
        for r in &rows {
            let lot_id: i64 = r.try_get("id")?;
            lines.insert(
                lot_id,
                GoodsTraceLine {
                    lot_id,
                    item_id: r.try_get("item_id")?,
                    item_name: r.try_get("name")?,
                    unit: r.try_get("unit")?,
                    unit_value_fen: r.try_get("unit_value_fen")?,
                    received_on: Column::column(r, "received_on")?,
                    expires_on: Column::column(r, "expires_on")?,
                    quantity_in: r.try_get("quantity")?,
                    redeemed: r.try_get("redeemed")?,
                    written_off: r.try_get("written_off")?,
                    in_stock: r.try_get("remaining")?,
                    redemptions: Vec::new(),
                },
            );
        }
        if lines.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(&format!(
            "SELECT m.lot_id, r.id, r.redeemed_on, r.region_code, {HEAD_OF_R} AS head_name, m.quantity FROM supermarket_moves m \
             JOIN supermarket_redemptions r ON r.id = m.redemption_id WHERE m.kind = 'redeem' AND m.lot_id IN "
        ));
        sql.bind_list(lines.keys().copied());
        sql.push(" ORDER BY r.redeemed_on, r.id, m.id");
        for r in sql.query().fetch_all(&self.pool).await? {
            let lot_id: i64 = r.try_get("lot_id")?;
            if let Some(line) = lines.get_mut(&lot_id) {
                line.redemptions.push(GoodsTraceRedemption {
                    redemption_id: r.try_get("id")?,
                    redeemed_on: Column::column(&r, "redeemed_on")?,
                    region_code: Column::column(&r, "region_code")?,
                    head_name: r.try_get("head_name")?,
                    quantity: r.try_get("quantity")?,
                });
            }
        }
        Ok(lines.into_values().collect())
    }

    /// The supermarket's figures of `year` (district-wide).
    pub async fn supermarket_year_summary(&self, year: i32) -> Result<SupermarketYear> {
        let (first, next) = (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1));
        let rows = sqlx::query("SELECT kind, source, CAST(SUM(value_fen) AS BIGINT) FROM supermarket_moves WHERE moved_on >= $1 AND moved_on < $2 GROUP BY kind, source")
            .bind(first.clone())
            .bind(next.clone())
            .fetch_all(&self.pool)
            .await?;
        let mut y = SupermarketYear { year, ..Default::default() };
        for r in &rows {
            let kind: String = r.try_get(0)?;
            let source: String = r.try_get(1)?;
            let value: i64 = r.try_get(2)?;
            match (kind.as_str(), source.as_str()) {
                ("in", "donation") => y.donated_in_fen += value,
                ("in", _) => y.purchased_in_fen += value,
                ("redeem", _) => y.redeemed_out_fen += value,
                _ => y.written_off_fen += value,
            }
        }
        y.points_issued = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM supermarket_vouchers WHERE issued_on >= $1 AND issued_on < $2")
            .bind(first.clone())
            .bind(next.clone())
            .fetch_one(&self.pool)
            .await?;
        let r = sqlx::query("SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT), COUNT(DISTINCT household_id), COUNT(*) FROM supermarket_redemptions WHERE redeemed_on >= $1 AND redeemed_on < $2")
            .bind(first)
            .bind(next)
            .fetch_one(&self.pool)
            .await?;
        y.points_redeemed = r.try_get(0)?;
        y.households_served = r.try_get(1)?;
        y.redemptions = r.try_get(2)?;
        Ok(y)
    }

    /// Whether the catalogue has anything (the demo seeds once).
    pub async fn supermarket_seeded(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM supermarket_items").fetch_one(&self.pool).await?;
        Ok(n > 0)
    }
}
