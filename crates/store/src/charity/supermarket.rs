//! 慈善超市 charity supermarket persistence: the catalogue, lots and their append-only movements,
//! points programmes with their issues and vouchers, redemptions with the points they drew, the
//! monthly statement's sums, a goods donation's trace and the year's figures for the annual report.
//!
//! Rules live in `minzheng_core::charity::supermarket`; the server loads what they need through the
//! methods here (all named `supermarket_…`) and stores their result. A lot's `remaining` and a
//! voucher's `remaining` are running balances, changed only by guarded updates
//! (`remaining >= taken`) in the same transaction as the movement that explains them.
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use minzheng_core::assistance::{Fen, YearMonth};
use minzheng_core::charity::supermarket::{self as rule, Eligible, LotDraw, LotStock, MoveKind, MoveSum, PointsDraw, PointsSums, Source, VoucherBalance, VoucherPlan};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::registry::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

fn date_of(s: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("{what}: bad date {s:?}")))
}

/// `[first day, first day of the next month)` of a month, as stored text.
fn month_bounds(month: YearMonth) -> (String, String) {
    (month.first_day().to_string(), month.next().first_day().to_string())
}

// ---- items ----

/// 商品 an item of the catalogue.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ItemRecord {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    /// points per unit at the counter
    pub points_price: i64,
    /// reference value per unit, fen (a donated lot's default)
    pub unit_value_fen: i64,
    pub active: bool,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
}

fn item_from(r: &AnyRow) -> Result<ItemRecord> {
    Ok(ItemRecord {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        category: r.try_get("category")?,
        unit: r.try_get("unit")?,
        points_price: r.try_get("points_price")?,
        unit_value_fen: r.try_get("unit_value_fen")?,
        active: r.try_get::<i64, _>("active")? != 0,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

/// An item's fields as entered (validated by the caller).
#[derive(Clone, Debug)]
pub struct ItemFields {
    pub code: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub points_price: i64,
    pub unit_value_fen: i64,
    pub active: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    pub active: Option<bool>,
    pub category: Option<String>,
    /// code or name
    pub q: Option<String>,
}

fn item_code_taken(code: &str) -> StoreError {
    StoreError::conflict("code", format!("商品编码 {code} 已存在"), format!("item code {code} is taken"))
}

// ---- lots ----

/// A lot to receive (from a purchase here, from a goods donation in the donation code).
#[derive(Clone, Debug)]
pub struct NewLot {
    pub item_id: i64,
    pub quantity: i64,
    pub unit_value_fen: i64,
    /// YYYY-MM-DD, the last day the goods may be handed out
    pub expires_on: Option<String>,
    /// "donation" | "purchase"
    pub source: String,
    pub donation_id: Option<i64>,
    pub supplier: String,
    /// YYYY-MM-DD
    pub received_on: String,
    pub created_by: String,
}

/// 批次 a lot with what remains of it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct LotRecord {
    pub id: i64,
    pub item_id: i64,
    pub item_code: String,
    pub item_name: String,
    pub unit: String,
    pub source: String,
    pub donation_id: Option<i64>,
    pub supplier: String,
    pub quantity: i64,
    pub remaining: i64,
    pub unit_value_fen: i64,
    pub expires_on: Option<String>,
    pub received_on: String,
    pub created_by: String,
    pub created_at: String,
}

const LOT_COLUMNS: &str = "l.id, l.item_id, i.code AS item_code, i.name AS item_name, i.unit, l.source, l.donation_id, l.supplier, l.quantity, l.remaining, \
    l.unit_value_fen, l.expires_on, l.received_on, l.created_by, l.created_at";
const LOT_FROM: &str = " FROM supermarket_lots l JOIN supermarket_items i ON i.id = l.item_id";

fn lot_from(r: &AnyRow) -> Result<LotRecord> {
    Ok(LotRecord {
        id: r.try_get("id")?,
        item_id: r.try_get("item_id")?,
        item_code: r.try_get("item_code")?,
        item_name: r.try_get("item_name")?,
        unit: r.try_get("unit")?,
        source: r.try_get("source")?,
        donation_id: r.try_get("donation_id")?,
        supplier: r.try_get("supplier")?,
        quantity: r.try_get("quantity")?,
        remaining: r.try_get("remaining")?,
        unit_value_fen: r.try_get("unit_value_fen")?,
        expires_on: r.try_get("expires_on")?,
        received_on: r.try_get("received_on")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

impl LotRecord {
    /// The lot as the rules see it.
    pub fn stock(&self) -> Result<LotStock> {
        Ok(LotStock {
            lot_id: self.id,
            item_id: self.item_id,
            remaining: self.remaining,
            unit_value: Fen(self.unit_value_fen),
            expires_on: self.expires_on.as_deref().map(|e| date_of(e, "supermarket_lots.expires_on")).transpose()?,
            received_on: date_of(&self.received_on, "supermarket_lots.received_on")?,
        })
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
    pub source: Option<String>,
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
    pub next_expiry: Option<String>,
    pub lots: i64,
}

// ---- programmes, issues, vouchers ----

/// 积分项目 a points programme.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeRecord {
    pub id: i64,
    pub name: String,
    /// assistance programme codes
    pub eligible: Vec<String>,
    pub basis: String,
    pub points: i64,
    pub valid_months: i64,
    pub status: String,
    pub note: String,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
}

fn programme_from(r: &AnyRow) -> Result<ProgrammeRecord> {
    let eligible: String = r.try_get("eligible")?;
    Ok(ProgrammeRecord {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        eligible: eligible.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        basis: r.try_get("basis")?,
        points: r.try_get("points")?,
        valid_months: r.try_get("valid_months")?,
        status: r.try_get("status")?,
        note: r.try_get("note")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

#[derive(Clone, Debug)]
pub struct ProgrammeFields {
    pub name: String,
    pub eligible: Vec<String>,
    pub basis: String,
    pub points: i64,
    pub valid_months: i64,
    pub status: String,
    pub note: String,
}

/// 发放记录 one issue run.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct IssueRecord {
    pub id: i64,
    pub programme_id: i64,
    pub period: String,
    pub region_code: String,
    pub households: i64,
    pub points: i64,
    pub already: i64,
    pub expires_on: String,
    pub rule: serde_json::Value,
    pub created_by: String,
    pub created_at: String,
}

fn issue_from(r: &AnyRow) -> Result<IssueRecord> {
    let rule: String = r.try_get("rule")?;
    Ok(IssueRecord {
        id: r.try_get("id")?,
        programme_id: r.try_get("programme_id")?,
        period: r.try_get("period")?,
        region_code: r.try_get("region_code")?,
        households: r.try_get("households")?,
        points: r.try_get("points")?,
        already: r.try_get("already")?,
        expires_on: r.try_get("expires_on")?,
        rule: crate::assistance::json(&rule, "supermarket_issues.rule")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

/// An issue to record (after its vouchers).
#[derive(Clone, Debug)]
pub struct NewIssue {
    pub id: i64,
    pub programme_id: i64,
    pub period: String,
    pub region_code: String,
    pub households: i64,
    pub points: i64,
    pub already: i64,
    pub expires_on: String,
    /// the rule as applied (JSON)
    pub rule: String,
    pub created_by: String,
}

/// A household that qualifies, with the case it qualifies by.
#[derive(Clone, Debug)]
pub struct EligibleRow {
    pub eligible: Eligible,
    pub case_id: i64,
    pub region_code: String,
    pub head_name: String,
}

/// 积分券 a household's points of one programme and period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct VoucherRecord {
    pub id: i64,
    pub programme_id: i64,
    pub programme_name: String,
    pub issue_id: i64,
    pub period: String,
    pub household_id: i64,
    pub case_id: i64,
    pub region_code: String,
    /// raw: the caller masks it
    pub head_name: String,
    pub members: i64,
    pub points: i64,
    pub remaining: i64,
    pub issued_on: String,
    pub expires_on: String,
}

const VOUCHER_COLUMNS: &str = "v.id, v.programme_id, p.name AS programme_name, v.issue_id, v.period, v.household_id, v.case_id, v.region_code, v.head_name, \
    v.members, v.points, v.remaining, v.issued_on, v.expires_on";
const VOUCHER_FROM: &str = " FROM supermarket_vouchers v JOIN supermarket_programmes p ON p.id = v.programme_id";

fn voucher_from(r: &AnyRow) -> Result<VoucherRecord> {
    Ok(VoucherRecord {
        id: r.try_get("id")?,
        programme_id: r.try_get("programme_id")?,
        programme_name: r.try_get("programme_name")?,
        issue_id: r.try_get("issue_id")?,
        period: r.try_get("period")?,
        household_id: r.try_get("household_id")?,
        case_id: r.try_get("case_id")?,
        region_code: r.try_get("region_code")?,
        head_name: r.try_get("head_name")?,
        members: r.try_get("members")?,
        points: r.try_get("points")?,
        remaining: r.try_get("remaining")?,
        issued_on: r.try_get("issued_on")?,
        expires_on: r.try_get("expires_on")?,
    })
}

impl VoucherRecord {
    pub fn balance(&self) -> Result<VoucherBalance> {
        Ok(VoucherBalance { voucher_id: self.id, remaining: self.remaining, expires_on: date_of(&self.expires_on, "supermarket_vouchers.expires_on")? })
    }
}

#[derive(Clone, Debug, Default)]
pub struct VoucherFilter {
    pub programme_id: Option<i64>,
    pub period: Option<String>,
    pub household_id: Option<i64>,
    pub region: Option<Scope>,
}

/// A household holding vouchers, with its balance on a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct HouseholdPoints {
    pub household_id: i64,
    pub region_code: String,
    /// raw: the caller masks it
    pub head_name: String,
    /// unexpired remaining points
    pub balance: i64,
    pub vouchers: i64,
    /// the earliest last day of an unexpired voucher holding points
    pub next_expiry: Option<String>,
}

// ---- redemptions ----

/// A redemption to record: the plan the rules made, with the points of each lot's take.
#[derive(Clone, Debug)]
pub struct NewRedemption {
    pub household_id: i64,
    pub region_code: String,
    /// YYYY-MM-DD
    pub redeemed_on: String,
    pub points: i64,
    pub value_fen: i64,
    pub note: String,
    /// (the take of a lot, its points)
    pub lots: Vec<(LotDraw, i64)>,
    pub vouchers: Vec<PointsDraw>,
    pub created_by: String,
}

/// 兑换记录 a redemption with its goods.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct RedemptionRecord {
    pub id: i64,
    pub household_id: i64,
    pub region_code: String,
    /// raw: the caller masks it
    pub head_name: String,
    pub redeemed_on: String,
    pub points: i64,
    pub value_fen: i64,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
    pub lines: Vec<RedemptionLine>,
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
const HEAD_OF_R: &str = "COALESCE((SELECT v.head_name FROM supermarket_vouchers v WHERE v.household_id = r.household_id ORDER BY v.id DESC LIMIT 1), '')";

fn redemption_from(r: &AnyRow) -> Result<RedemptionRecord> {
    Ok(RedemptionRecord {
        id: r.try_get("id")?,
        household_id: r.try_get("household_id")?,
        region_code: r.try_get("region_code")?,
        head_name: r.try_get("head_name")?,
        redeemed_on: r.try_get("redeemed_on")?,
        points: r.try_get("points")?,
        value_fen: r.try_get("value_fen")?,
        note: r.try_get("note")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        lines: Vec::new(),
    })
}

#[derive(Clone, Debug, Default)]
pub struct RedemptionFilter {
    pub household_id: Option<i64>,
    /// YYYY-MM
    pub month: Option<YearMonth>,
    pub region: Option<Scope>,
}

// ---- statement, trace, year ----

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
    pub received_on: String,
    pub expires_on: Option<String>,
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
    pub redeemed_on: String,
    pub region_code: String,
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
    // ---- items ----

    pub async fn supermarket_insert_item(&self, tx: &mut Tx, f: &ItemFields, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let inserted = sqlx::query(
            "INSERT INTO supermarket_items (id, code, name, category, unit, points_price, unit_value_fen, active, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)",
        )
        .bind(id)
        .bind(f.code.clone())
        .bind(f.name.clone())
        .bind(f.category.clone())
        .bind(f.unit.clone())
        .bind(f.points_price)
        .bind(f.unit_value_fen)
        .bind(crate::flag(f.active))
        .bind(by.to_owned())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() { item_code_taken(&f.code) } else { e });
        }
        Ok(id)
    }

    /// Changes an item (version-checked). A new points price applies to later redemptions.
    pub async fn supermarket_update_item(&self, tx: &mut Tx, id: i64, version: i64, f: &ItemFields) -> Result<()> {
        let updated = sqlx::query(
            "UPDATE supermarket_items SET code = $1, name = $2, category = $3, unit = $4, points_price = $5, unit_value_fen = $6, active = $7, \
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        )
        .bind(f.code.clone())
        .bind(f.name.clone())
        .bind(f.category.clone())
        .bind(f.unit.clone())
        .bind(f.points_price)
        .bind(f.unit_value_fen)
        .bind(crate::flag(f.active))
        .bind(crate::now())
        .bind(id)
        .bind(version)
        .execute(&mut *tx.tx)
        .await;
        match updated {
            Err(e) => {
                let e = StoreError::from(e);
                Err(if e.is_unique_violation() { item_code_taken(&f.code) } else { e })
            }
            Ok(r) if r.rows_affected() == 0 => Err(StoreError::conflict("version", "该商品已被他人修改，请刷新", "the item was changed by someone else; reload it")),
            Ok(_) => Ok(()),
        }
    }

    pub async fn supermarket_item(&self, id: i64) -> Result<ItemRecord> {
        let row = sqlx::query("SELECT * FROM supermarket_items WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        item_from(&row.ok_or(StoreError::NotFound)?)
    }

    pub async fn supermarket_items(&self, f: &ItemFilter, paging: Paging) -> Result<Page<ItemRecord>> {
        let push = |sql: &mut Sql| {
            if let Some(a) = f.active {
                sql.push(" AND active = ").bind(crate::flag(a));
            }
            if let Some(c) = &f.category {
                sql.push(" AND category = ").bind(c.clone());
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (name LIKE ").bind(like.clone()).push(" OR code LIKE ").bind(like).push(")");
            }
        };
        self.page_of("FROM supermarket_items WHERE 1 = 1", "SELECT * FROM supermarket_items WHERE 1 = 1", push, "category, code, id", paging, item_from).await
    }

    /// Every item by id (statements and exports name their lines).
    pub async fn supermarket_item_map(&self) -> Result<HashMap<i64, ItemRecord>> {
        let rows = sqlx::query("SELECT * FROM supermarket_items ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter().map(|r| item_from(r).map(|i| (i.id, i))).collect()
    }

    // ---- lots ----

    /// Receives a lot inside the caller's transaction: the lot and its `in` movement. An unknown or
    /// withdrawn item, a bad source or date, or goods past their date are field errors.
    pub async fn supermarket_stock_in(&self, tx: &mut Tx, lot: &NewLot) -> Result<i64> {
        let source = Source::parse(&lot.source)
            .filter(|s| s.as_str() == lot.source)
            .ok_or_else(|| StoreError::invalid("source", "入库来源须为 donation（捐赠）或 purchase（采购）", "source must be donation or purchase"))?;
        let received = NaiveDate::parse_from_str(&lot.received_on, "%Y-%m-%d").map_err(|_| StoreError::invalid("received_on", "入库日期格式须为 YYYY-MM-DD", "received_on must be YYYY-MM-DD"))?;
        let expires = match lot.expires_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::invalid("expires_on", "保质期格式须为 YYYY-MM-DD", "expires_on must be YYYY-MM-DD"))?),
        };
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
        .bind(source.as_str())
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
    async fn supermarket_move(
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
        .bind(kind.as_str())
        .bind(source.as_str())
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
        lot_from(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
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
                sql.push(" AND l.source = ").bind(s.clone());
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
            lot_from,
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
            let item = item_from(r)?;
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
                    Some(r) => r.try_get("next_expiry")?,
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
    pub async fn supermarket_write_off(&self, tx: &mut Tx, lot: &LotRecord, quantity: i64, reason: &str, note: &str, on: NaiveDate, by: &str) -> Result<i64> {
        let taken = sqlx::query("UPDATE supermarket_lots SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $3")
            .bind(quantity)
            .bind(lot.id)
            .bind(quantity)
            .execute(&mut *tx.tx)
            .await?;
        if taken.rows_affected() == 0 {
            return Err(StoreError::conflict("quantity", "该批次剩余数量已变化，请刷新", "the lot's remaining quantity changed; reload it"));
        }
        let source = Source::parse(&lot.source).ok_or_else(|| StoreError::Corrupt(format!("lot source {:?}", lot.source)))?;
        let id = tx.next_id().await?;
        let value = Fen(lot.unit_value_fen) * quantity;
        self.supermarket_move(tx, id, (lot.id, lot.item_id, source), MoveKind::WriteOff, quantity, value.0, 0, &on.to_string(), None, (reason, note), by).await?;
        Ok(id)
    }

    /// The lots of `item_ids` still holding goods, read inside the transaction that takes them.
    pub async fn supermarket_open_lots(&self, tx: &mut Tx, item_ids: &[i64]) -> Result<Vec<LotRecord>> {
        let mut sql = Sql::new(&format!("SELECT {LOT_COLUMNS}{LOT_FROM} WHERE l.remaining > 0 AND l.item_id IN "));
        sql.bind_list(item_ids.iter().copied());
        sql.push(" ORDER BY l.id");
        sql.query().fetch_all(&mut *tx.tx).await?.iter().map(lot_from).collect()
    }

    // ---- programmes ----

    pub async fn supermarket_insert_programme(&self, tx: &mut Tx, f: &ProgrammeFields, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO supermarket_programmes (id, name, eligible, basis, points, valid_months, status, note, version, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)",
        )
        .bind(id)
        .bind(f.name.clone())
        .bind(f.eligible.join(","))
        .bind(f.basis.clone())
        .bind(f.points)
        .bind(f.valid_months)
        .bind(f.status.clone())
        .bind(f.note.clone())
        .bind(by.to_owned())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    /// Changes a programme (version-checked); vouchers already issued keep their points and dates.
    pub async fn supermarket_update_programme(&self, tx: &mut Tx, id: i64, version: i64, f: &ProgrammeFields) -> Result<()> {
        let r = sqlx::query(
            "UPDATE supermarket_programmes SET name = $1, eligible = $2, basis = $3, points = $4, valid_months = $5, status = $6, note = $7, \
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        )
        .bind(f.name.clone())
        .bind(f.eligible.join(","))
        .bind(f.basis.clone())
        .bind(f.points)
        .bind(f.valid_months)
        .bind(f.status.clone())
        .bind(f.note.clone())
        .bind(crate::now())
        .bind(id)
        .bind(version)
        .execute(&mut *tx.tx)
        .await?;
        if r.rows_affected() == 0 {
            return Err(StoreError::conflict("version", "该积分项目已被他人修改，请刷新", "the programme was changed by someone else; reload it"));
        }
        Ok(())
    }

    pub async fn supermarket_programme(&self, id: i64) -> Result<ProgrammeRecord> {
        let row = sqlx::query("SELECT * FROM supermarket_programmes WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        programme_from(&row.ok_or(StoreError::NotFound)?)
    }

    pub async fn supermarket_programmes(&self, status: Option<&str>) -> Result<Vec<ProgrammeRecord>> {
        let mut sql = Sql::new("SELECT * FROM supermarket_programmes WHERE 1 = 1");
        if let Some(s) = status {
            sql.push(" AND status = ").bind(s.to_owned());
        }
        sql.push(" ORDER BY id DESC LIMIT 500");
        sql.query().fetch_all(&self.pool).await?.iter().map(programme_from).collect()
    }

    // ---- issues ----

    /// Up to `limit` households after `after` (by id) holding an active case of one of `programmes`
    /// in `region`, each with the distinct persons its qualifying cases cover and whether it already
    /// has its voucher of `programme_id` and `period`. Read inside the issuing transaction; pages by
    /// household id so memory stays bounded.
    #[allow(clippy::too_many_arguments)]
    pub async fn supermarket_eligible(&self, tx: &mut Tx, programme_id: i64, period: &str, programmes: &[String], region: &Scope, after: i64, limit: i64) -> Result<Vec<EligibleRow>> {
        let mut sql = Sql::new(
            "SELECT c.household_id, MIN(c.id) AS case_id, COUNT(DISTINCT cm.person_id) AS persons, MAX(c.members) AS members \
             FROM cases c LEFT JOIN case_members cm ON cm.case_id = c.id WHERE c.status = 'active' AND c.programme IN ",
        );
        sql.bind_list(programmes.iter().cloned());
        region.and_filter(&mut sql, "c.region_code");
        sql.push(" AND c.household_id > ").bind(after);
        sql.push(" GROUP BY c.household_id ORDER BY c.household_id LIMIT ").bind(limit);
        let rows = sql.query().fetch_all(&mut *tx.tx).await?;
        let mut found: Vec<(i64, i64, i64)> = Vec::with_capacity(rows.len());
        for r in &rows {
            let persons: i64 = r.try_get("persons")?;
            let members: i64 = r.try_get("members")?;
            found.push((r.try_get("household_id")?, r.try_get("case_id")?, if persons > 0 { persons } else { members }));
        }
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("SELECT id, region_code, head_name FROM cases WHERE id IN ");
        sql.bind_list(found.iter().map(|f| f.1));
        let mut cases: HashMap<i64, (String, String)> = HashMap::new();
        for r in sql.query().fetch_all(&mut *tx.tx).await? {
            cases.insert(r.try_get("id")?, (r.try_get("region_code")?, r.try_get("head_name")?));
        }
        let mut sql = Sql::new("SELECT household_id FROM supermarket_vouchers WHERE programme_id = ");
        sql.bind(programme_id).push(" AND period = ").bind(period.to_owned()).push(" AND household_id IN ");
        sql.bind_list(found.iter().map(|f| f.0));
        let mut already = std::collections::HashSet::new();
        for r in sql.query().fetch_all(&mut *tx.tx).await? {
            already.insert(r.try_get::<i64, _>(0)?);
        }
        found
            .into_iter()
            .map(|(household_id, case_id, members)| {
                let (region_code, head_name) = cases.get(&case_id).cloned().ok_or_else(|| StoreError::Corrupt(format!("case {case_id}")))?;
                Ok(EligibleRow { eligible: Eligible { household_id, members, already: already.contains(&household_id) }, case_id, region_code, head_name })
            })
            .collect()
    }

    /// Writes the vouchers of an issue (a batch); a household that already has its voucher of the
    /// programme and period is a conflict (the unique index).
    #[allow(clippy::too_many_arguments)]
    pub async fn supermarket_insert_vouchers(&self, tx: &mut Tx, issue_id: i64, programme_id: i64, period: &str, issued_on: NaiveDate, expires_on: NaiveDate, plans: &[(VoucherPlan, &EligibleRow)]) -> Result<()> {
        if plans.is_empty() {
            return Ok(());
        }
        let ids = tx.reserve_ids(plans.len() as i64).await?;
        let now = crate::now();
        for chunk in plans.chunks(50).zip(ids.step_by(50)) {
            let (chunk, first) = chunk;
            let mut sql = Sql::bulk(
                "INSERT INTO supermarket_vouchers (id, programme_id, issue_id, period, household_id, case_id, region_code, head_name, members, points, remaining, issued_on, expires_on, created_at) VALUES ",
                self.backend(),
            );
            for (i, (plan, row)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(first + i as i64).push(", ").bind(programme_id).push(", ").bind(issue_id).push(", ").bind(period.to_owned());
                sql.push(", ").bind(plan.household_id).push(", ").bind(row.case_id).push(", ").bind(row.region_code.clone()).push(", ").bind(row.head_name.clone());
                sql.push(", ").bind(plan.members).push(", ").bind(plan.points).push(", ").bind(plan.points).push(", ").bind(issued_on.to_string());
                sql.push(", ").bind(expires_on.to_string()).push(", ").bind(now.clone()).push(")");
            }
            if let Err(e) = sql.query().execute(&mut *tx.tx).await {
                let e = StoreError::from(e);
                return Err(if e.is_unique_violation() {
                    StoreError::conflict("period", format!("{period} 的积分已有发放，请刷新后重试"), format!("points of {period} were issued meanwhile; try again"))
                } else {
                    e
                });
            }
        }
        Ok(())
    }

    pub async fn supermarket_insert_issue(&self, tx: &mut Tx, i: &NewIssue) -> Result<()> {
        sqlx::query(
            "INSERT INTO supermarket_issues (id, programme_id, period, region_code, households, points, already, expires_on, rule, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(i.id)
        .bind(i.programme_id)
        .bind(i.period.clone())
        .bind(i.region_code.clone())
        .bind(i.households)
        .bind(i.points)
        .bind(i.already)
        .bind(i.expires_on.clone())
        .bind(i.rule.clone())
        .bind(i.created_by.clone())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        Ok(())
    }

    pub async fn supermarket_issue(&self, scope: &Scope, id: i64) -> Result<IssueRecord> {
        let mut sql = Sql::new("SELECT * FROM supermarket_issues WHERE id = ");
        sql.bind(id);
        scope.and_filter(&mut sql, "region_code");
        issue_from(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// The issues of a programme for regions inside `scope`, latest first.
    pub async fn supermarket_issues(&self, scope: &Scope, programme_id: i64) -> Result<Vec<IssueRecord>> {
        let mut sql = Sql::new("SELECT * FROM supermarket_issues WHERE programme_id = ");
        sql.bind(programme_id);
        scope.and_filter(&mut sql, "region_code");
        sql.push(" ORDER BY id DESC LIMIT 500");
        sql.query().fetch_all(&self.pool).await?.iter().map(issue_from).collect()
    }

    // ---- vouchers and balances ----

    pub async fn supermarket_vouchers(&self, scope: &Scope, f: &VoucherFilter, paging: Paging) -> Result<Page<VoucherRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(r) = &f.region {
                r.and_filter(sql, "v.region_code");
            }
            if let Some(p) = f.programme_id {
                sql.push(" AND v.programme_id = ").bind(p);
            }
            if let Some(p) = &f.period {
                sql.push(" AND v.period = ").bind(p.clone());
            }
            if let Some(h) = f.household_id {
                sql.push(" AND v.household_id = ").bind(h);
            }
        };
        self.page_of(&format!("{VOUCHER_FROM} WHERE 1 = 1"), &format!("SELECT {VOUCHER_COLUMNS}{VOUCHER_FROM} WHERE 1 = 1"), push, "v.region_code, v.household_id, v.id", paging, voucher_from).await
    }

    /// Every voucher of a household inside `scope`, the earliest expiry first (in a transaction
    /// when `tx` is given, for the counter).
    pub async fn supermarket_household_vouchers(&self, tx: Option<&mut Tx>, scope: &Scope, household_id: i64) -> Result<Vec<VoucherRecord>> {
        let mut sql = Sql::new(&format!("SELECT {VOUCHER_COLUMNS}{VOUCHER_FROM} WHERE v.household_id = "));
        sql.bind(household_id);
        scope.and_filter(&mut sql, "v.region_code");
        sql.push(" ORDER BY v.expires_on, v.id");
        let rows = match tx {
            Some(tx) => sql.query().fetch_all(&mut *tx.tx).await?,
            None => sql.query().fetch_all(&self.pool).await?,
        };
        rows.iter().map(voucher_from).collect()
    }

    /// Households holding vouchers inside `scope`, with their balance on `today`. `q` matches the
    /// head's name (part of it) or, exactly, the ID number of the household's head.
    pub async fn supermarket_households(&self, scope: &Scope, region: Option<&Scope>, q: Option<&str>, today: NaiveDate, paging: Paging) -> Result<Page<HouseholdPoints>> {
        let today_s = today.to_string();
        let filter = |sql: &mut Sql| {
            scope.and_filter(sql, "v.region_code");
            if let Some(r) = region {
                r.and_filter(sql, "v.region_code");
            }
            if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (v.head_name LIKE ").bind(like);
                sql.push(" OR v.household_id IN (SELECT h.id FROM households h JOIN persons p ON p.id = h.head_person_id WHERE p.id_number = ").bind(q.to_uppercase()).push("))");
            }
        };
        let mut count = Sql::new("SELECT COUNT(DISTINCT v.household_id) FROM supermarket_vouchers v WHERE 1 = 1");
        filter(&mut count);
        let total: i64 = count.query_scalar().fetch_one(&self.pool).await?;
        let mut sql = Sql::new("SELECT v.household_id, MAX(v.region_code) AS region_code, MAX(v.head_name) AS head_name, COUNT(*) AS vouchers, CAST(COALESCE(SUM(CASE WHEN v.expires_on >= ");
        sql.bind(today_s.clone()).push(" THEN v.remaining ELSE 0 END), 0) AS BIGINT) AS balance, MIN(CASE WHEN v.expires_on >= ").bind(today_s);
        sql.push(" AND v.remaining > 0 THEN v.expires_on END) AS next_expiry FROM supermarket_vouchers v WHERE 1 = 1");
        filter(&mut sql);
        sql.push(" GROUP BY v.household_id ORDER BY MAX(v.region_code), v.household_id LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(HouseholdPoints {
                    household_id: r.try_get("household_id")?,
                    region_code: r.try_get("region_code")?,
                    head_name: r.try_get("head_name")?,
                    balance: r.try_get("balance")?,
                    vouchers: r.try_get("vouchers")?,
                    next_expiry: r.try_get("next_expiry")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact: true, page: paging.page, page_size: paging.page_size })
    }

    // ---- redemptions ----

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
        .bind(r.region_code.clone())
        .bind(r.redeemed_on.clone())
        .bind(r.points)
        .bind(r.value_fen)
        .bind(r.note.clone())
        .bind(r.created_by.clone())
        .bind(crate::now())
        .execute(&mut *tx.tx)
        .await?;
        for (draw, points) in &r.lots {
            let source: Option<String> = sqlx::query_scalar("UPDATE supermarket_lots SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $3 RETURNING source")
                .bind(draw.quantity)
                .bind(draw.lot_id)
                .bind(draw.quantity)
                .fetch_optional(&mut *tx.tx)
                .await?;
            let source = source.ok_or_else(|| StoreError::conflict("lines", "库存已变化，请刷新后重试", "the stock changed meanwhile; reload and try again"))?;
            let source = Source::parse(&source).ok_or_else(|| StoreError::Corrupt(format!("lot source {source:?}")))?;
            let move_id = tx.next_id().await?;
            self.supermarket_move(tx, move_id, (draw.lot_id, draw.item_id, source), MoveKind::Redeem, draw.quantity, draw.value.0, *points, &r.redeemed_on, Some(id), ("", ""), &r.created_by).await?;
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
                .bind(r.region_code.clone())
                .bind(d.points)
                .execute(&mut *tx.tx)
                .await?;
        }
        Ok(id)
    }

    async fn supermarket_redemption_lines(&self, records: &mut [RedemptionRecord]) -> Result<()> {
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
        let mut rec = vec![redemption_from(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)?];
        self.supermarket_redemption_lines(&mut rec).await?;
        Ok(rec.remove(0))
    }

    /// Redemptions inside `scope`, latest first, with their goods.
    pub async fn supermarket_redemptions(&self, scope: &Scope, f: &RedemptionFilter, paging: Paging) -> Result<Page<RedemptionRecord>> {
        let bounds = f.month.map(month_bounds);
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "r.region_code");
            if let Some(r) = &f.region {
                r.and_filter(sql, "r.region_code");
            }
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
                redemption_from,
            )
            .await?;
        self.supermarket_redemption_lines(&mut page.items).await?;
        Ok(page)
    }

    // ---- statement ----

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
            let kind: String = r.try_get("kind")?;
            let source: String = r.try_get("source")?;
            moves.push(MoveSum {
                item_id: r.try_get("item_id")?,
                kind: MoveKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("move kind {kind:?}")))?,
                source: Source::parse(&source).ok_or_else(|| StoreError::Corrupt(format!("move source {source:?}")))?,
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
                    received_on: r.try_get("received_on")?,
                    expires_on: r.try_get("expires_on")?,
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
                    redeemed_on: r.try_get("redeemed_on")?,
                    region_code: r.try_get("region_code")?,
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
