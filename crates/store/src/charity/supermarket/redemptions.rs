//! 兑换 redemptions with the points and lots they drew.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::assistance::YearMonth;
use minzheng_core::charity::supermarket::{LotDraw, MoveKind, PointsDraw, Source};
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;
use sqlx::Row;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

use super::*;
use crate::row::record;

/// A redemption to record: the plan the rules made, with the points of each lot's take.
#[derive(Clone, Debug)]
pub struct NewRedemption {
    pub household_id: i64,
    pub region_code: RegionCode,
    pub redeemed_on: NaiveDate,
    pub points: i64,
    pub value_fen: i64,
    pub note: String,
    /// (the take of a lot, its points)
    pub lots: Vec<(LotDraw, i64)>,
    pub vouchers: Vec<PointsDraw>,
    pub created_by: String,
}

record! {
    /// 兑换记录 a redemption with its goods.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct RedemptionRecord(r) {
        pub id: i64,
        pub household_id: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        /// raw: the caller masks it
        pub head_name: String,
        pub redeemed_on: NaiveDate,
        pub points: i64,
        pub value_fen: i64,
        pub note: String,
        pub created_by: String,
        #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
        pub created_at: DateTime<Utc>,
        pub lines: Vec<RedemptionLine> = Vec::new(),
    }
}

/// The goods of a redemption taken from one lot.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct RedemptionLine {
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub lot_id: i64,
    pub quantity: i64,
    pub points: i64,
    pub value_fen: i64,
}

/// The head's name as the household's latest voucher has it.
pub(super) const HEAD_OF_R: &str = "COALESCE((SELECT v.head_name FROM supermarket_vouchers v WHERE v.household_id = r.household_id ORDER BY v.id DESC LIMIT 1), '')";


#[derive(Clone, Debug, Default)]
pub struct RedemptionFilter {
    pub household_id: Option<i64>,
    /// YYYY-MM
    pub month: Option<YearMonth>,
}

impl Store {
    /// Records a redemption planned by the rules: the redemption, a `redeem` movement per lot taken,
    /// the lots' and vouchers' balances (guarded: a lot or voucher that changed meanwhile is a
    /// conflict, and the caller's transaction rolls back whole), and the points drawn.
    pub async fn supermarket_redeem(&self, tx: &mut Tx, r: &NewRedemption) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query(
            "INSERT INTO supermarket_redemptions (id, household_id, region_code, redeemed_on, points, value_fen, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(r.household_id)
        .bind(r.region_code.as_str().to_owned())
        .bind(r.redeemed_on.to_string())
        .bind(r.points)
        .bind(r.value_fen)
        .bind(r.note.clone())
        .bind(r.created_by.clone())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        for (draw, points) in &r.lots {
            let taken = sqlx::query("UPDATE supermarket_lots SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $3 RETURNING source")
                .bind(draw.quantity)
                .bind(draw.lot_id)
                .bind(draw.quantity)
                .fetch_optional(&mut *tx.tx)
                .await?;
            let taken = taken.ok_or_else(|| StoreError::conflict("lines", "库存已变化，请刷新后重试", "the stock changed meanwhile; reload and try again"))?;
            let source: Source = crate::row::Column::column(&taken, "source")?;
            let move_id = tx.next_id().await?;
            self.supermarket_move(tx, move_id, (draw.lot_id, draw.item_id, source), MoveKind::Redeem, draw.quantity, draw.value.0, *points, &r.redeemed_on.to_string(), Some(id), ("", ""), &r.created_by).await?;
        }
        for d in &r.vouchers {
            let taken = sqlx::query("UPDATE supermarket_vouchers SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $3")
                .bind(d.points)
                .bind(d.voucher_id)
                .bind(d.points)
                .execute(&mut *tx.tx)
                .await?;
            if taken.rows_affected() == 0 {
                return Err(StoreError::conflict("lines", "积分余额已变化，请刷新后重试", "the points balance changed meanwhile; reload and try again"));
            }
            let draw_id = tx.next_id().await?;
            sqlx::query("INSERT INTO supermarket_draws (id, redemption_id, voucher_id, region_code, points) VALUES ($1, $2, $3, $4, $5)")
                .bind(draw_id)
                .bind(id)
                .bind(d.voucher_id)
                .bind(r.region_code.as_str().to_owned())
                .bind(d.points)
                .execute(&mut *tx.tx)
                .await?;
        }
        Ok(id)
    }

    pub(super) async fn supermarket_redemption_lines(&self, records: &mut [RedemptionRecord]) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let mut sql = Sql::new(
            "SELECT m.redemption_id, m.item_id, i.name, i.unit, m.lot_id, m.quantity, m.points, m.value_fen FROM supermarket_moves m \
             JOIN supermarket_items i ON i.id = m.item_id WHERE m.kind = 'redeem' AND m.redemption_id IN ",
        );
        sql.bind_list(records.iter().map(|r| r.id));
        sql.push(" ORDER BY m.id");
        let mut lines: HashMap<i64, Vec<RedemptionLine>> = HashMap::new();
        for r in sql.query().fetch_all(&self.pool).await? {
            lines.entry(r.try_get("redemption_id")?).or_default().push(RedemptionLine {
                item_id: r.try_get("item_id")?,
                item_name: r.try_get("name")?,
                unit: r.try_get("unit")?,
                lot_id: r.try_get("lot_id")?,
                quantity: r.try_get("quantity")?,
                points: r.try_get("points")?,
                value_fen: r.try_get("value_fen")?,
            });
        }
        for rec in records.iter_mut() {
            rec.lines = lines.remove(&rec.id).unwrap_or_default();
        }
        Ok(())
    }

    pub async fn supermarket_redemption(&self, scope: &Scope, id: i64) -> Result<RedemptionRecord> {
        let mut sql = Sql::new(&format!("SELECT r.*, {HEAD_OF_R} AS head_name FROM supermarket_redemptions r WHERE r.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "r.region_code");
        let mut rec = vec![RedemptionRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)?];
        self.supermarket_redemption_lines(&mut rec).await?;
        Ok(rec.remove(0))
    }

    /// Redemptions inside `scope`, latest first, with their goods.
    pub async fn supermarket_redemptions(&self, scope: &Scope, f: &RedemptionFilter, paging: Paging) -> Result<Page<RedemptionRecord>> {
        let bounds = f.month.map(month_bounds);
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "r.region_code");
            if let Some(h) = f.household_id {
                sql.push(" AND r.household_id = ").bind(h);
            }
            if let Some((from, to)) = &bounds {
                sql.push(" AND r.redeemed_on >= ").bind(from.clone()).push(" AND r.redeemed_on < ").bind(to.clone());
            }
        };
        let mut page = self
            .page_of(
                "FROM supermarket_redemptions r WHERE 1 = 1",
                &format!("SELECT r.*, {HEAD_OF_R} AS head_name FROM supermarket_redemptions r WHERE 1 = 1"),
                push,
                "r.redeemed_on DESC, r.id DESC",
                paging,
                RedemptionRecord::from_row,
            )
            .await?;
        self.supermarket_redemption_lines(&mut page.items).await?;
        Ok(page)
    }
}
