//! 慈善超市 the charity supermarket: goods come in from donations and purchases, go out to eligible
//! households for points (积分) issued per programme, and are accounted for in a monthly statement.
//!
//! The rules (docs/charity-supermarket.md):
//! - A points programme (积分项目) names the assistance programmes whose active households qualify
//!   (低保, 特困, 低收入), how many points a household gets per issue (per household, or per member
//!   covered by its cases) and for how many months they stay valid. One issue per programme and
//!   month (期); a household gets at most one voucher (积分券) per programme and period.
//! - A voucher is valid through the last day of its period's month plus `valid_months − 1` months;
//!   points not redeemed by then expire.
//! - Goods are held in lots (批次), each with its unit value in fen and its expiry date (保质期至,
//!   the last day it may be handed out). A redemption takes goods first-expiring-first (FEFO; lots
//!   without an expiry date last, then the oldest receipt first) and points from the household's
//!   vouchers first-expiring-first. Expired lots are not issuable; a redemption beyond the stock or
//!   beyond the points is refused whole.
//! - The monthly statement values stock at the lots' unit values: opening + in (donated, purchased)
//!   − redeemed − written off = closing; points: opening + issued − redeemed − expired = closing.
//!
//! Points are integers; values are integer fen.
use chrono::NaiveDate;
use serde::Serialize;

use crate::FieldError;
use crate::assistance::money::AmountBound;
use crate::assistance::{Fen, Programme, YearMonth};

vocabulary! {
    /// 来源 where a lot came from.
    pub enum Source {
        Donation => ("donation", "社会捐赠", "Donation", ["捐赠"]),
        Purchase => ("purchase", "采购", "Purchase", ["购入"]),
    }
}

vocabulary! {
    /// 发放基数 how a programme counts its points.
    pub enum Basis as "SupermarketBasis" {
        PerHousehold => ("per_household", "按户", "Per household"),
        PerMember => ("per_member", "按人", "Per member"),
    }
}

vocabulary! {
    /// 库存变动 a movement of a lot.
    pub enum MoveKind {
        In => ("in", "入库", "In"),
        Redeem => ("redeem", "兑换出库", "Redeemed"),
        WriteOff => ("write_off", "报损核销", "Written off"),
    }
}

vocabulary! {
    /// 核销原因 why goods are written off.
    pub enum WriteOffReason {
        Expired => ("expired", "过期", "Expired"),
        Damaged => ("damaged", "损坏变质", "Damaged"),
    }
}

vocabulary! {
    /// 商品类别 the catalogue's categories.
    pub enum Category {
        GrainOil => ("grain_oil", "粮油", "Grain and oil"),
        Food => ("food", "食品", "Food"),
        Daily => ("daily", "日用品", "Daily necessities"),
        Clothing => ("clothing", "衣物", "Clothing"),
        Bedding => ("bedding", "床上用品", "Bedding"),
        Other => ("other", "其他", "Other"),
    }
}

vocabulary! {
    /// 积分项目状态 a points programme issues points until it is closed.
    pub enum ProgrammeStatus {
        Active => ("active", "发放中", "Active"),
        Closed => ("closed", "已停止", "Closed"),
    }
}

vocabulary! {
    /// 批次排序 the order of the lots' list.
    pub enum LotOrder {
        Fefo => ("fefo", "先到期先出", "Earliest expiry first"),
        Recent => ("recent", "最近入库", "Latest receipts first"),
    }
}

vocabulary! {
    /// 批次状态 which lots the list shows by their goods and dates.
    pub enum LotState {
        InStock => ("in_stock", "有库存", "In stock"),
        Expired => ("expired", "已过期", "Expired"),
        Expiring => ("expiring", "临期", "Expiring"),
        Empty => ("empty", "已出清", "Empty"),
    }
}

/// The assistance programmes whose households a points programme may serve.
pub const ELIGIBLE: &[Programme] = &[Programme::Dibao, Programme::Tekun, Programme::LowIncome];

/// Days before its expiry date from which a lot is flagged "expiring soon" (临期).
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Largest number of points a programme may give a household or member per issue.
pub const MAX_POINTS: i64 = 100_000;
/// The value of one unit of goods (a price paid, or a donation's appraisal): free to 100万元.
pub const UNIT_VALUE: AmountBound = AmountBound::non_negative(Fen(100_000_000));
/// Longest validity of a voucher, in months.
pub const MAX_VALID_MONTHS: u32 = 12;

/// A programme's rule: who qualifies, how many points, how long they stay valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PointsRule {
    pub eligible: Vec<Programme>,
    pub basis: Basis,
    /// points per household, or per member
    pub points: i64,
    /// 1 = through the end of the period's month
    pub valid_months: u32,
}

impl PointsRule {
    /// Fields `eligible`, `points`, `valid_months`.
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.eligible.is_empty() {
            return Err(FieldError::new("eligible", "请选择适用的救助类别（低保、特困、低收入）", "choose at least one assistance programme (dibao, tekun, low_income)"));
        }
        if let Some(p) = self.eligible.iter().find(|p| !ELIGIBLE.contains(p)) {
            return Err(FieldError::new("eligible", format!("{}不能作为积分发放对象，只能是低保、特困或低收入家庭", p.zh()), format!("{} cannot be served: only dibao, tekun or low_income", p.as_str())));
        }
        if !(1..=MAX_POINTS).contains(&self.points) {
            return Err(FieldError::new("points", format!("每期积分应在1至{MAX_POINTS}之间"), format!("points must be 1 to {MAX_POINTS}")));
        }
        if !(1..=MAX_VALID_MONTHS).contains(&self.valid_months) {
            return Err(FieldError::new("valid_months", format!("有效期应为1至{MAX_VALID_MONTHS}个月"), format!("valid_months must be 1 to {MAX_VALID_MONTHS}")));
        }
        Ok(())
    }

    /// Whether a case of `programme` qualifies a household.
    pub fn admits(&self, programme: &str) -> bool {
        self.eligible.iter().any(|p| p.as_str() == programme)
    }

    /// The points of one household with `members` persons covered by its qualifying cases (a
    /// household counts at least one member). Saturates instead of overflowing.
    pub fn points_for(&self, members: i64) -> i64 {
        match self.basis {
            Basis::PerHousehold => self.points,
            Basis::PerMember => self.points.saturating_mul(members.max(1)),
        }
    }

    /// The last day a voucher of `period` may be redeemed.
    pub fn expires_on(&self, period: YearMonth) -> NaiveDate {
        let extra = i32::try_from(self.valid_months.max(1) - 1).unwrap_or(0);
        period.plus(extra).last_day()
    }
}

/// An issue's period may be this month or next month (issued in advance), never a past month.
pub fn check_period(period: YearMonth, today: NaiveDate) -> Result<(), FieldError> {
    let now = YearMonth::of(today);
    if period < now || period > now.next() {
        return Err(FieldError::new("period", format!("发放期只能是本月（{now}）或下月（{}）", now.next()), format!("the period must be this month ({now}) or next month ({})", now.next())));
    }
    Ok(())
}

/// A household that holds an active case of a qualifying programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligible {
    pub household_id: i64,
    /// distinct persons covered by its qualifying active cases
    pub members: i64,
    /// it already has a voucher of this programme and period
    pub already: bool,
}

/// A voucher to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VoucherPlan {
    pub household_id: i64,
    pub members: i64,
    pub points: i64,
}

/// What an issue gives: one voucher per household not yet served this period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IssuePlan {
    pub vouchers: Vec<VoucherPlan>,
    pub points: i64,
    /// households that already had their voucher of this period
    pub already: i64,
}

impl IssuePlan {
    /// Adds households (a batch of a streamed issue).
    pub fn extend(&mut self, rule: &PointsRule, households: &[Eligible]) {
        for h in households {
            if h.already {
                self.already += 1;
                continue;
            }
            let points = rule.points_for(h.members);
            self.points = self.points.saturating_add(points);
            self.vouchers.push(VoucherPlan { household_id: h.household_id, members: h.members.max(1), points });
        }
    }
}

/// The plan for all `households` at once.
pub fn plan_issue(rule: &PointsRule, households: &[Eligible]) -> IssuePlan {
    let mut plan = IssuePlan::default();
    plan.extend(rule, households);
    plan
}

// ---- stock ----

/// A lot as the counter sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotStock {
    pub lot_id: i64,
    pub item_id: i64,
    pub remaining: i64,
    pub unit_value: Fen,
    pub expires_on: Option<NaiveDate>,
    pub received_on: NaiveDate,
}

/// Whether a lot's goods are past their date on `on` (usable through `expires_on`).
pub fn is_expired(expires_on: Option<NaiveDate>, on: NaiveDate) -> bool {
    expires_on.is_some_and(|e| e < on)
}

/// 临期 or 过期 flag of a lot that still holds goods.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryWarning {
    Expired,
    Soon,
}

impl ExpiryWarning {
    pub fn zh(self) -> &'static str {
        match self {
            ExpiryWarning::Expired => "已过期",
            ExpiryWarning::Soon => "临期",
        }
    }
}

/// The warning of a lot on `on`: expired, or expiring within [`EXPIRY_WARNING_DAYS`].
pub fn expiry_warning(expires_on: Option<NaiveDate>, on: NaiveDate) -> Option<ExpiryWarning> {
    let e = expires_on?;
    if e < on {
        Some(ExpiryWarning::Expired)
    } else if (e - on).num_days() <= EXPIRY_WARNING_DAYS {
        Some(ExpiryWarning::Soon)
    } else {
        None
    }
}

/// Validates a receipt: field errors on `quantity`, `unit_value_fen`, `expires_on`.
pub fn check_lot(quantity: i64, unit_value: Fen, expires_on: Option<NaiveDate>, received_on: NaiveDate) -> Result<(), FieldError> {
    if !(1..=1_000_000).contains(&quantity) {
        return Err(FieldError::new("quantity", "入库数量应在1至1000000之间", "quantity must be 1 to 1000000"));
    }
    UNIT_VALUE.check("unit_value_fen", "单价", Some(unit_value.0))?;
    if expires_on.is_some_and(|e| e < received_on) {
        return Err(FieldError::new("expires_on", "已过保质期的物品不能入库（保质期早于入库日期）", "goods past their date cannot be received (expires_on is before received_on)"));
    }
    Ok(())
}

/// A part of a lot taken out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LotDraw {
    pub lot_id: i64,
    pub item_id: i64,
    pub quantity: i64,
    /// quantity × the lot's unit value
    pub value: Fen,
}

/// FEFO order: the earliest expiry first, lots without a date last, then the oldest receipt, then
/// the lowest id.
fn fefo_key(l: &LotStock) -> (bool, Option<NaiveDate>, NaiveDate, i64) {
    (l.expires_on.is_none(), l.expires_on, l.received_on, l.lot_id)
}

/// What of `item_id` may be handed out on `on`.
pub fn issuable(lots: &[LotStock], item_id: i64, on: NaiveDate) -> i64 {
    lots.iter().filter(|l| l.item_id == item_id && l.remaining > 0 && !is_expired(l.expires_on, on)).map(|l| l.remaining).sum()
}

/// Takes `quantity` of `item_id` first-expiring-first; `Err(available)` when the issuable stock is
/// short.
pub fn fefo(lots: &[LotStock], item_id: i64, quantity: i64, on: NaiveDate) -> Result<Vec<LotDraw>, i64> {
    let mut usable: Vec<&LotStock> = lots.iter().filter(|l| l.item_id == item_id && l.remaining > 0 && !is_expired(l.expires_on, on)).collect();
    let available: i64 = usable.iter().map(|l| l.remaining).sum();
    if quantity > available {
        return Err(available);
    }
    usable.sort_by_key(|l| fefo_key(l));
    let mut left = quantity;
    let mut out = Vec::new();
    for l in usable {
        if left == 0 {
            break;
        }
        let take = left.min(l.remaining);
        out.push(LotDraw { lot_id: l.lot_id, item_id, quantity: take, value: l.unit_value * take });
        left -= take;
    }
    Ok(out)
}

// ---- points ----

/// A voucher as the counter sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoucherBalance {
    pub voucher_id: i64,
    pub remaining: i64,
    pub expires_on: NaiveDate,
}

/// Points a household may spend on `on`: the remaining points of its unexpired vouchers.
pub fn balance(vouchers: &[VoucherBalance], on: NaiveDate) -> i64 {
    vouchers.iter().filter(|v| v.expires_on >= on).map(|v| v.remaining).sum()
}

/// Points taken from one voucher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PointsDraw {
    pub voucher_id: i64,
    pub points: i64,
}

/// Takes `points` from unexpired vouchers, the earliest expiry first (then the lowest id);
/// `Err(balance)` when they do not hold enough.
pub fn draw_points(vouchers: &[VoucherBalance], points: i64, on: NaiveDate) -> Result<Vec<PointsDraw>, i64> {
    let available = balance(vouchers, on);
    if points > available {
        return Err(available);
    }
    let mut usable: Vec<&VoucherBalance> = vouchers.iter().filter(|v| v.expires_on >= on && v.remaining > 0).collect();
    usable.sort_by_key(|v| (v.expires_on, v.voucher_id));
    let mut left = points;
    let mut out = Vec::new();
    for v in usable {
        if left == 0 {
            break;
        }
        let take = left.min(v.remaining);
        out.push(PointsDraw { voucher_id: v.voucher_id, points: take });
        left -= take;
    }
    Ok(out)
}

// ---- redemption ----

/// One line of a redemption: an item of the catalogue and how many units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    pub item_id: i64,
    pub name: String,
    pub unit: String,
    pub points_price: i64,
    pub quantity: i64,
}

/// A redemption worked out: the lots and vouchers it draws on, its points and value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedemptionPlan {
    pub lots: Vec<LotDraw>,
    pub vouchers: Vec<PointsDraw>,
    pub points: i64,
    pub value: Fen,
    /// (item id, quantity, points) per line
    pub lines: Vec<(i64, i64, i64)>,
}

/// Plans a redemption on `on`, all or nothing. Errors name `lines[i].quantity` (not a positive
/// number, or beyond the issuable stock of that item) or `lines` (the points exceed the balance).
pub fn plan_redemption(lines: &[Wanted], lots: &[LotStock], vouchers: &[VoucherBalance], on: NaiveDate) -> Result<RedemptionPlan, FieldError> {
    if lines.is_empty() {
        return Err(FieldError::new("lines", "请添加要兑换的物品", "add at least one item"));
    }
    let mut plan = RedemptionPlan { lots: Vec::new(), vouchers: Vec::new(), points: 0, value: Fen::ZERO, lines: Vec::new() };
    for (i, w) in lines.iter().enumerate() {
        let field = format!("lines[{i}].quantity");
        if !(1..=10_000).contains(&w.quantity) {
            return Err(FieldError::new(field, "兑换数量应为1至10000的整数", "quantity must be 1 to 10000"));
        }
        if lines[..i].iter().any(|x| x.item_id == w.item_id) {
            return Err(FieldError::new(format!("lines[{i}].item_id"), format!("{}重复，请合并为一行", w.name), format!("item {} is listed twice", w.item_id)));
        }
        let draws = fefo(lots, w.item_id, w.quantity, on).map_err(|available| {
            FieldError::new(
                field.clone(),
                format!("{}库存不足：可兑换{available}{}，本次要{}{}", w.name, w.unit, w.quantity, w.unit),
                format!("not enough {} in stock: {available} issuable, {} wanted", w.name, w.quantity),
            )
        })?;
        let points = w.points_price.saturating_mul(w.quantity);
        plan.points = plan.points.saturating_add(points);
        plan.value += draws.iter().map(|d| d.value).sum::<Fen>();
        plan.lots.extend(draws);
        plan.lines.push((w.item_id, w.quantity, points));
    }
    plan.vouchers = draw_points(vouchers, plan.points, on).map_err(|available| {
        FieldError::new("lines", format!("积分不足：本次需{}分，可用{available}分", plan.points), format!("not enough points: {} needed, {available} available", plan.points))
    })?;
    Ok(plan)
}

// ---- monthly statement ----

/// Quantity and value.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Qv {
    pub quantity: i64,
    pub value: Fen,
}

impl Qv {
    fn add(&mut self, quantity: i64, value: Fen) {
        self.quantity = self.quantity.saturating_add(quantity);
        self.value += value;
    }
}

/// The movements of an item (or of all items) over a month.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flows {
    pub opening: Qv,
    pub in_donation: Qv,
    pub in_purchase: Qv,
    pub redeemed: Qv,
    pub written_off: Qv,
    pub closing: Qv,
}

impl Flows {
    fn close(&mut self) {
        self.closing = Qv {
            quantity: self.opening.quantity + self.in_donation.quantity + self.in_purchase.quantity - self.redeemed.quantity - self.written_off.quantity,
            value: self.opening.value + self.in_donation.value + self.in_purchase.value - self.redeemed.value - self.written_off.value,
        };
    }

    fn add(&mut self, o: &Flows) {
        for (a, b) in [
            (&mut self.opening, o.opening),
            (&mut self.in_donation, o.in_donation),
            (&mut self.in_purchase, o.in_purchase),
            (&mut self.redeemed, o.redeemed),
            (&mut self.written_off, o.written_off),
            (&mut self.closing, o.closing),
        ] {
            a.add(b.quantity, b.value);
        }
    }
}

/// Summed movements, as the store groups them: per item, kind, lot source, and whether they fall
/// before the month (`before`) or in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveSum {
    pub item_id: i64,
    pub kind: MoveKind,
    pub source: Source,
    pub before: bool,
    pub quantity: i64,
    pub value: Fen,
}

/// Points sums: before the month and in it. Expired points are the remaining points of vouchers
/// whose last day has passed, counted in the month of that last day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PointsSums {
    pub issued_before: i64,
    pub redeemed_before: i64,
    pub expired_before: i64,
    pub issued: i64,
    pub redeemed: i64,
    pub expired: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PointsFlow {
    pub opening: i64,
    pub issued: i64,
    pub redeemed: i64,
    pub expired: i64,
    pub closing: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    pub item_id: i64,
    #[serde(flatten)]
    pub flows: Flows,
}

/// 月度报表 a month's statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub month: YearMonth,
    /// items with any stock or movement, by item id
    pub lines: Vec<StatementLine>,
    /// values summed over the items (quantities of different units are summed too: a count of units)
    pub totals: Flows,
    pub points: PointsFlow,
}

/// The statement of `month` from the grouped movements and points sums.
pub fn statement(month: YearMonth, moves: &[MoveSum], points: PointsSums) -> Statement {
    let mut by_item: std::collections::BTreeMap<i64, Flows> = std::collections::BTreeMap::new();
    for m in moves {
        let f = by_item.entry(m.item_id).or_default();
        if m.before {
            // stock at the start of the month: what came in less what went out
            let sign = if m.kind == MoveKind::In { 1 } else { -1 };
            f.opening.add(sign * m.quantity, m.value * sign);
            continue;
        }
        let slot = match (m.kind, m.source) {
            (MoveKind::In, Source::Donation) => &mut f.in_donation,
            (MoveKind::In, Source::Purchase) => &mut f.in_purchase,
            (MoveKind::Redeem, _) => &mut f.redeemed,
            (MoveKind::WriteOff, _) => &mut f.written_off,
        };
        slot.add(m.quantity, m.value);
    }
    let mut totals = Flows::default();
    let mut lines = Vec::new();
    for (item_id, mut flows) in by_item {
        flows.close();
        if flows == Flows::default() {
            continue;
        }
        totals.add(&flows);
        lines.push(StatementLine { item_id, flows });
    }
    let opening = points.issued_before - points.redeemed_before - points.expired_before;
    let points = PointsFlow {
        opening,
        issued: points.issued,
        redeemed: points.redeemed,
        expired: points.expired,
        closing: opening + points.issued - points.redeemed - points.expired,
    };
    Statement { month, lines, totals, points }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    fn rule(basis: Basis, points: i64, valid_months: u32) -> PointsRule {
        PointsRule { eligible: vec![Programme::Dibao, Programme::Tekun], basis, points, valid_months }
    }

    #[test]
    fn points_per_household_and_per_member() {
        let r = rule(Basis::PerHousehold, 200, 1);
        assert_eq!(r.points_for(3), 200);
        let r = rule(Basis::PerMember, 80, 1);
        assert_eq!(r.points_for(3), 240);
        // a case without recorded members still counts its household once
        assert_eq!(r.points_for(0), 80);
        assert!(r.admits("dibao") && r.admits("tekun") && !r.admits("low_income"));
    }

    #[test]
    fn validity_runs_to_the_end_of_a_later_month() {
        // valid 1 month: through the end of the period's month
        assert_eq!(rule(Basis::PerHousehold, 1, 1).expires_on(ym("2026-05")), d("2026-05-31"));
        // 3 months from 2026-12: December, January, February (not a leap year)
        assert_eq!(rule(Basis::PerHousehold, 1, 3).expires_on(ym("2026-12")), d("2027-02-28"));
        assert_eq!(rule(Basis::PerHousehold, 1, 3).expires_on(ym("2027-12")), d("2028-02-29"));
    }

    #[test]
    fn rule_validation_names_the_field() {
        let mut r = rule(Basis::PerMember, 100, 3);
        assert!(r.validate().is_ok());
        r.eligible = vec![Programme::Medical];
        assert_eq!(r.validate().map_err(|e| e.field), Err("eligible".to_owned()));
        r.eligible = vec![];
        assert_eq!(r.validate().map_err(|e| e.field), Err("eligible".to_owned()));
        r.eligible = vec![Programme::LowIncome];
        r.points = 0;
        assert_eq!(r.validate().map_err(|e| e.field), Err("points".to_owned()));
        r.points = 10;
        r.valid_months = 13;
        assert_eq!(r.validate().map_err(|e| e.field), Err("valid_months".to_owned()));
    }

    #[test]
    fn periods_this_month_or_next() {
        let today = d("2026-05-20");
        assert!(check_period(ym("2026-05"), today).is_ok());
        assert!(check_period(ym("2026-06"), today).is_ok());
        assert_eq!(check_period(ym("2026-04"), today).map_err(|e| e.field), Err("period".to_owned()));
        assert!(check_period(ym("2026-07"), today).is_err());
    }

    #[test]
    fn issue_skips_households_already_served() {
        let r = rule(Basis::PerMember, 50, 1);
        let households = [
            Eligible { household_id: 1, members: 3, already: false },
            Eligible { household_id: 2, members: 1, already: true },
            Eligible { household_id: 3, members: 2, already: false },
        ];
        let plan = plan_issue(&r, &households);
        // 3 × 50 + 2 × 50 = 250 points to households 1 and 3
        assert_eq!(plan.points, 250);
        assert_eq!(plan.already, 1);
        assert_eq!(plan.vouchers.iter().map(|v| (v.household_id, v.points)).collect::<Vec<_>>(), vec![(1, 150), (3, 100)]);
        // the same issue again, all served: nothing new
        let again: Vec<Eligible> = households.iter().map(|h| Eligible { already: true, ..h.clone() }).collect();
        let plan = plan_issue(&r, &again);
        assert_eq!((plan.vouchers.len(), plan.points, plan.already), (0, 0, 3));
    }

    fn lot(id: i64, item: i64, remaining: i64, unit: i64, expires: Option<&str>, received: &str) -> LotStock {
        LotStock { lot_id: id, item_id: item, remaining, unit_value: Fen(unit), expires_on: expires.map(d), received_on: d(received) }
    }

    #[test]
    fn fefo_takes_the_earliest_expiry_first_and_skips_expired_lots() {
        let on = d("2026-05-20");
        let lots = [
            // rice: an expired lot, a lot expiring in August, one in June, one without a date
            lot(10, 1, 5, 4000, Some("2026-05-19"), "2026-01-10"),
            lot(11, 1, 4, 4500, Some("2026-08-31"), "2026-03-01"),
            lot(12, 1, 3, 5000, Some("2026-06-30"), "2026-04-01"),
            lot(13, 1, 9, 4200, None, "2026-02-01"),
            // oil
            lot(20, 2, 2, 6000, Some("2027-01-01"), "2026-04-01"),
        ];
        assert_eq!(issuable(&lots, 1, on), 4 + 3 + 9);
        // 5 bags: 3 from the June lot (3 × 50.00 = 150.00), 2 from the August lot (2 × 45.00 = 90.00)
        let draws = fefo(&lots, 1, 5, on).expect("in stock");
        assert_eq!(draws, vec![LotDraw { lot_id: 12, item_id: 1, quantity: 3, value: Fen(15_000) }, LotDraw { lot_id: 11, item_id: 1, quantity: 2, value: Fen(9_000) }]);
        // the undated lot comes last: 3 + 4 + 2 of it
        let draws = fefo(&lots, 1, 9, on).expect("in stock");
        assert_eq!(draws.iter().map(|d| (d.lot_id, d.quantity)).collect::<Vec<_>>(), vec![(12, 3), (11, 4), (13, 2)]);
        // the expired lot is never issuable: 17 is one beyond 16
        assert_eq!(fefo(&lots, 1, 17, on), Err(16));
        // on the expiry day itself a lot is still issuable
        assert_eq!(issuable(&lots, 1, d("2026-05-19")), 5 + 4 + 3 + 9);
        assert_eq!(fefo(&lots, 3, 1, on), Err(0));
    }

    #[test]
    fn points_drawn_from_the_earliest_expiring_voucher() {
        let on = d("2026-05-20");
        let vouchers = [
            VoucherBalance { voucher_id: 1, remaining: 100, expires_on: d("2026-07-31") },
            VoucherBalance { voucher_id: 2, remaining: 60, expires_on: d("2026-05-31") },
            VoucherBalance { voucher_id: 3, remaining: 500, expires_on: d("2026-04-30") },
        ];
        // the April voucher has expired: 100 + 60
        assert_eq!(balance(&vouchers, on), 160);
        assert_eq!(draw_points(&vouchers, 90, on), Ok(vec![PointsDraw { voucher_id: 2, points: 60 }, PointsDraw { voucher_id: 1, points: 30 }]));
        assert_eq!(draw_points(&vouchers, 161, on), Err(160));
        assert_eq!(draw_points(&vouchers, 0, on), Ok(vec![]));
    }

    fn wanted(item: i64, name: &str, price: i64, quantity: i64) -> Wanted {
        Wanted { item_id: item, name: name.into(), unit: "件".into(), points_price: price, quantity }
    }

    #[test]
    fn a_redemption_is_all_or_nothing() {
        let on = d("2026-05-20");
        let lots = [lot(11, 1, 4, 4500, Some("2026-08-31"), "2026-03-01"), lot(12, 1, 3, 5000, Some("2026-06-30"), "2026-04-01"), lot(20, 2, 2, 6000, None, "2026-04-01")];
        let vouchers = [VoucherBalance { voucher_id: 7, remaining: 300, expires_on: d("2026-05-31") }];
        // 4 bags of rice at 50 points and 1 bottle of oil at 60: 260 points; value 3 × 50.00 +
        // 1 × 45.00 + 60.00 = 255.00
        let plan = plan_redemption(&[wanted(1, "大米", 50, 4), wanted(2, "食用油", 60, 1)], &lots, &vouchers, on).expect("plan");
        assert_eq!(plan.points, 260);
        assert_eq!(plan.value, Fen(25_500));
        assert_eq!(plan.lots.iter().map(|l| (l.lot_id, l.quantity)).collect::<Vec<_>>(), vec![(12, 3), (11, 1), (20, 1)]);
        assert_eq!(plan.vouchers, vec![PointsDraw { voucher_id: 7, points: 260 }]);
        assert_eq!(plan.lines, vec![(1, 4, 200), (2, 1, 60)]);
        // 5 bags and 1 bottle: 310 points, 10 beyond the voucher
        let e = plan_redemption(&[wanted(1, "大米", 50, 5), wanted(2, "食用油", 60, 1)], &lots, &vouchers, on).expect_err("points");
        assert_eq!(e.field, "lines");
        assert!(e.message.contains("310") && e.message.contains("300"), "{}", e.message);
        // 3 bottles of oil: only 2 in stock (the second line is named)
        let e = plan_redemption(&[wanted(1, "大米", 50, 1), wanted(2, "食用油", 60, 3)], &lots, &vouchers, on).expect_err("stock");
        assert_eq!(e.field, "lines[1].quantity");
        assert!(e.message.contains("食用油") && e.message.contains('2'), "{}", e.message);
        assert_eq!(plan_redemption(&[wanted(1, "大米", 50, 0)], &lots, &vouchers, on).map_err(|e| e.field), Err("lines[0].quantity".into()));
        assert_eq!(plan_redemption(&[wanted(1, "大米", 50, 1), wanted(1, "大米", 50, 1)], &lots, &vouchers, on).map_err(|e| e.field), Err("lines[1].item_id".into()));
        assert_eq!(plan_redemption(&[], &lots, &vouchers, on).map_err(|e| e.field), Err("lines".into()));
    }

    #[test]
    fn lots_are_checked_on_receipt() {
        let on = d("2026-05-20");
        assert!(check_lot(10, Fen(4500), Some(on), on).is_ok());
        assert_eq!(check_lot(0, Fen(4500), None, on).map_err(|e| e.field), Err("quantity".into()));
        assert_eq!(check_lot(1, Fen(-1), None, on).map_err(|e| e.field), Err("unit_value_fen".into()));
        assert_eq!(check_lot(1, Fen(1), Some(d("2026-05-19")), on).map_err(|e| e.field), Err("expires_on".into()));
    }

    #[test]
    fn expiry_warnings() {
        let on = d("2026-05-20");
        assert_eq!(expiry_warning(Some(d("2026-05-19")), on), Some(ExpiryWarning::Expired));
        assert_eq!(expiry_warning(Some(d("2026-05-20")), on), Some(ExpiryWarning::Soon));
        assert_eq!(expiry_warning(Some(d("2026-06-19")), on), Some(ExpiryWarning::Soon));
        assert_eq!(expiry_warning(Some(d("2026-06-20")), on), None);
        assert_eq!(expiry_warning(None, on), None);
    }

    #[test]
    fn statement_reconciles() {
        let m = |item, kind, source, before, quantity, value| MoveSum { item_id: item, kind, source, before, quantity, value: Fen(value) };
        use MoveKind::*;
        use Source::*;
        let moves = [
            // rice before May: 20 bought at 45.00 (900.00), 10 donated at 50.00 (500.00), 6 redeemed
            // (270.00 of the purchase lot): opening 24 bags, 1130.00
            m(1, In, Purchase, true, 20, 90_000),
            m(1, In, Donation, true, 10, 50_000),
            m(1, Redeem, Purchase, true, 6, 27_000),
            // in May: 5 donated (250.00), 8 redeemed (3 × 45.00 + 5 × 50.00 = 385.00 as two sums)
            m(1, In, Donation, false, 5, 25_000),
            m(1, Redeem, Purchase, false, 3, 13_500),
            m(1, Redeem, Donation, false, 5, 25_000),
            // milk: 12 bought in May at 30.00 (360.00), 4 expired and written off (120.00)
            m(2, In, Purchase, false, 12, 36_000),
            m(2, WriteOff, Purchase, false, 4, 12_000),
            // quilts: all gone before May
            m(3, In, Donation, true, 2, 20_000),
            m(3, Redeem, Donation, true, 2, 20_000),
        ];
        let points = PointsSums { issued_before: 1000, redeemed_before: 400, expired_before: 100, issued: 600, redeemed: 385, expired: 50 };
        let s = statement(ym("2026-05"), &moves, points);
        // quilts have no line (nothing at the start, nothing moved)
        assert_eq!(s.lines.iter().map(|l| l.item_id).collect::<Vec<_>>(), vec![1, 2]);
        let rice = s.lines[0].flows;
        assert_eq!(rice.opening, Qv { quantity: 24, value: Fen(113_000) });
        assert_eq!(rice.in_donation, Qv { quantity: 5, value: Fen(25_000) });
        assert_eq!(rice.redeemed, Qv { quantity: 8, value: Fen(38_500) });
        // 24 + 5 − 8 = 21 bags; 1130.00 + 250.00 − 385.00 = 995.00
        assert_eq!(rice.closing, Qv { quantity: 21, value: Fen(99_500) });
        let milk = s.lines[1].flows;
        assert_eq!(milk.closing, Qv { quantity: 8, value: Fen(24_000) });
        // totals: opening 1130.00; in 250.00 donated, 360.00 bought; out 385.00; written off 120.00;
        // closing 995.00 + 240.00 = 1235.00
        assert_eq!(s.totals.opening.value, Fen(113_000));
        assert_eq!((s.totals.in_donation.value, s.totals.in_purchase.value), (Fen(25_000), Fen(36_000)));
        assert_eq!((s.totals.redeemed.value, s.totals.written_off.value), (Fen(38_500), Fen(12_000)));
        assert_eq!(s.totals.closing.value, Fen(123_500));
        // points: 1000 − 400 − 100 = 500 at the start; 500 + 600 − 385 − 50 = 665 at the end
        assert_eq!(s.points, PointsFlow { opening: 500, issued: 600, redeemed: 385, expired: 50, closing: 665 });
    }
}
