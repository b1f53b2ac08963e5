//! 居家养老服务 government-purchased home care: who is eligible (POLICY.md, Elderly, seed 000), the
//! monthly service allowance per elder, a work order's amount, and the monthly settlement of a
//! provider reconciled with each elder's allowance.
//!
//! Eligibility: aged 60 or more on the first day of the month considered, and one of
//! - a member of an active 低保, 特困 or 低收入 case (low-income elderly in the wide sense of POLICY.md);
//! - 100 or more (centenarian);
//! - a childless veteran: `persons.priority_care` is `veteran` or `disabled_veteran` and no living
//!   child is recorded. "Child" in the data is a current member (`left_on IS NULL`) of the elder's
//!   household, alive, whose relation makes them the elder's son or daughter: `child` when the elder
//!   is the head or the head's spouse; the head and the head's siblings when the elder is the head's
//!   parent; the head's parents when the elder is a grandparent. A child registered in another
//!   household is not seen by the registry; the officer then refuses the enrolment by hand.
//!
//! Settlement of a provider for a month: per elder, the confirmed orders whose service date falls in
//! the month are summed; the government pays up to what is left of the elder's allowance for the
//! month (the allowance less what other providers' confirmed settlements of the same month already
//! paid for that elder); the excess is reported, not paid. Orders not confirmed are listed, not paid.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::assistance::policy::{ParamKey, ParamUse, PolicySet};
use crate::assistance::{Fen, YearMonth};
use crate::registry::person::{PriorityCare, Relation};
use crate::registry::region::RegionCode;

/// The version of the settlement rule recorded with each settlement.
pub const SETTLEMENT_RULE: &str = "homecare.settlement/1";
/// The age from which a person counts as elderly (老年人权益保障法).
pub const ELDERLY_AGE: u32 = 60;
pub const CENTENARIAN_AGE: u32 = 100;
/// Units of one order: at most this many (a typo of 1000 hours should not pass).
pub const MAX_UNITS: i64 = 100;

vocabulary! {
    /// 服务对象类别 the basis on which an elder is eligible for government-purchased home care.
pub enum Basis {
        Dibao => ("dibao", "低保老人", "Elder in a dibao household"),
        Tekun => ("tekun", "特困老人", "Elder in extreme-poverty support"),
        LowIncome => ("low_income", "低收入老人", "Elder in a low-income household"),
        Centenarian => ("centenarian", "百岁老人", "Centenarian"),
        ChildlessVeteran => ("childless_veteran", "无子女退役军人", "Childless veteran"),
    }
}

vocabulary! {
    /// 服务商类型 a provider's kind (the table is shared with canteens and 平安钟 operators).
    pub enum ProviderKind {
        HomeCare => ("home_care", "居家养老服务", "Home care"),
        Canteen => ("canteen", "长者食堂", "Elder canteen"),
        EmergencyCall => ("emergency_call", "平安钟运营", "Emergency-call operator"),
        Institution => ("institution", "养老机构", "Institution"),
    }
}

vocabulary! {
    /// 工单状态 a work order's status: dispatched → started → done → confirmed, or cancelled.
    pub enum OrderStatus {
        Dispatched => ("dispatched", "已派单", "Dispatched"),
        Started => ("started", "服务中", "Started"),
        Done => ("done", "已完成待确认", "Done, awaiting confirmation"),
        Confirmed => ("confirmed", "已确认", "Confirmed"),
        Cancelled => ("cancelled", "已取消", "Cancelled"),
    }
}

vocabulary! {
    /// 服务登记状态 an enrolment serves until it is ended.
    pub enum EnrolmentStatus {
        Active => ("active", "服务中", "Active"),
        Ended => ("ended", "已终止", "Ended"),
    }
}

vocabulary! {
    /// 合同状态 a provider's contract: in force, suspended or ended.
    pub enum ProviderStatus {
        Active => ("active", "在约", "Active"),
        Suspended => ("suspended", "暂停", "Suspended"),
        Ended => ("ended", "终止", "Ended"),
    }
}

/// What the registry says about an elder, as the eligibility rule needs it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElderFacts {
    /// completed years on the first day of the month considered
    pub age: u32,
    pub alive: bool,
    /// programmes of the active cases the elder is a member of (`dibao`, `tekun`, `low_income`, …)
    pub programmes: Vec<String>,
    pub priority_care: Option<PriorityCare>,
    /// living children found in the elder's household (see the module comment)
    pub living_children: u32,
}

/// One reason, coded, in Chinese and English.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareReason {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl CareReason {
    fn new(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        CareReason { code: code.to_owned(), zh: zh.into(), en: en.into() }
    }
}

/// The outcome of the eligibility rule: the bases that hold, each with its reason, or the reasons
/// it fails.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub eligible: bool,
    pub bases: Vec<Basis>,
    pub reasons: Vec<CareReason>,
}

impl Eligibility {
    /// The reasons joined, for an error message (zh, en).
    pub fn summary(&self) -> (String, String) {
        (self.reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；"), self.reasons.iter().map(|r| r.en.as_str()).collect::<Vec<_>>().join("; "))
    }
}

/// Whether an elder is eligible for government-purchased home care (see the module comment).
pub fn eligibility(f: &ElderFacts) -> Eligibility {
    let mut reasons = Vec::new();
    if !f.alive {
        reasons.push(CareReason::new("deceased", "该人员已死亡", "the person has died"));
        return Eligibility { eligible: false, bases: vec![], reasons };
    }
    if f.age < ELDERLY_AGE {
        reasons.push(CareReason::new(
            "under_60",
            format!("未满60周岁（{}岁），居家养老服务对象须为60岁以上老年人", f.age),
            format!("aged {}, under 60: home care serves persons aged 60 or more", f.age),
        ));
        return Eligibility { eligible: false, bases: vec![], reasons };
    }
    let mut bases = Vec::new();
    for (programme, basis) in [("dibao", Basis::Dibao), ("tekun", Basis::Tekun), ("low_income", Basis::LowIncome)] {
        if f.programmes.iter().any(|p| p == programme) {
            bases.push(basis);
            reasons.push(CareReason::new(
                basis.as_str(),
                format!("{}岁，{}（在保对象）", f.age, basis.zh()),
                format!("aged {}, member of an active {programme} case", f.age),
            ));
        }
    }
    if f.age >= CENTENARIAN_AGE {
        bases.push(Basis::Centenarian);
        reasons.push(CareReason::new("centenarian", format!("{}岁，百岁老人", f.age), format!("aged {}, a centenarian", f.age)));
    }
    let veteran = matches!(f.priority_care, Some(PriorityCare::Veteran | PriorityCare::DisabledVeteran));
    if veteran && f.living_children == 0 {
        let kind = f.priority_care.map(|p| p.zh()).unwrap_or_default();
        bases.push(Basis::ChildlessVeteran);
        reasons.push(CareReason::new(
            "childless_veteran",
            format!("{}岁，{}，户内无在世子女", f.age, kind),
            format!("aged {}, {}, no living child in the household", f.age, f.priority_care.map(|p| p.en()).unwrap_or_default()),
        ));
    }
    if bases.is_empty() {
        let mut zh = format!("{}岁，但不属于低保、特困、低收入老人，不满100岁", f.age);
        let mut en = format!("aged {}, but in no dibao, tekun or low-income case and under 100", f.age);
        if veteran {
            zh.push_str(&format!("；退役军人但户内有{}名在世子女", f.living_children));
            en.push_str(&format!("; a veteran, but with {} living child(ren) in the household", f.living_children));
        } else {
            zh.push_str("，也不是无子女退役军人");
            en.push_str(", nor a childless veteran");
        }
        reasons.push(CareReason::new("not_eligible", zh, en));
    }
    Eligibility { eligible: !bases.is_empty(), bases, reasons }
}

/// Whether `relation` (to the head) makes a household member a child of an elder whose relation
/// to the head is `elder` (see the module comment).
pub fn is_child_of(elder: Relation, member: Relation) -> bool {
    match elder {
        Relation::Head | Relation::Spouse => member == Relation::Child,
        Relation::Parent => matches!(member, Relation::Head | Relation::Sibling),
        Relation::Grandparent => member == Relation::Parent,
        _ => false,
    }
}

/// The monthly service allowance of an elder living in `region` for `month`
/// (`homecare.monthly_allowance`, default 30000 fen, seed 000).
pub fn monthly_allowance(policy: &PolicySet, region: &RegionCode, month: YearMonth) -> ParamUse {
    policy.get(ParamKey::HomecareMonthlyAllowance, region, month)
}

/// A work order's amount: units × the catalogue item's unit price, in fen.
pub fn order_amount(units: i64, unit_price: Fen) -> Result<Fen, FieldError> {
    if !(1..=MAX_UNITS).contains(&units) {
        return Err(FieldError::new("units", format!("服务数量须为1至{MAX_UNITS}的整数"), format!("units must be a whole number from 1 to {MAX_UNITS}")));
    }
    if unit_price.0 < 0 {
        return Err(FieldError::new("unit_price", "单价不能为负数", "the unit price cannot be negative"));
    }
    Ok(Fen(unit_price.0.saturating_mul(units)))
}

/// One order as the settlement sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFact {
    pub order_id: i64,
    pub person_id: i64,
    pub status: OrderStatus,
    pub amount: Fen,
    /// the date the service was scheduled for (YYYY-MM-DD); the month it falls in is the order's
    pub service_date: String,
}

/// An elder's allowance for the month and what other providers were already paid for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElderAllowance {
    pub person_id: i64,
    pub name: String,
    pub region_code: String,
    /// enrolled in home care during the month
    pub enrolled: bool,
    pub allowance: ParamUse,
    /// paid by confirmed settlements of other providers for the same elder and month
    pub paid_elsewhere: Fen,
}

/// One elder's line of a provider's settlement, with its explanation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = care::SettlementLine))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettlementLine {
    pub person_id: i64,
    pub name: String,
    pub region_code: String,
    pub confirmed_orders: i64,
    pub confirmed_amount: Fen,
    pub unconfirmed_orders: i64,
    pub unconfirmed_amount: Fen,
    pub allowance: Fen,
    pub paid_elsewhere: Fen,
    /// paid by the government: min(confirmed, allowance − paid elsewhere)
    pub payable: Fen,
    /// confirmed but above the allowance: not paid by the government
    pub excess: Fen,
    pub order_ids: Vec<i64>,
    pub explanation_zh: String,
    pub explanation_en: String,
    pub params: Vec<ParamUse>,
}

/// A provider's settlement for a month.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub month: YearMonth,
    pub rule: String,
    pub elders: i64,
    pub confirmed_orders: i64,
    pub confirmed_amount: Fen,
    pub unconfirmed_orders: i64,
    pub unconfirmed_amount: Fen,
    pub payable: Fen,
    pub excess: Fen,
    pub lines: Vec<SettlementLine>,
}

/// Settles a provider's month. Orders outside the month or cancelled are ignored; orders not
/// confirmed (dispatched, started, done) are counted apart and not paid; an elder whose allowance
/// is missing from `allowances` is treated as not enrolled (nothing paid).
pub fn settle(month: YearMonth, orders: &[OrderFact], allowances: &[ElderAllowance]) -> Settlement {
    let prefix = month.to_string();
    let mut by_elder: BTreeMap<i64, Vec<&OrderFact>> = BTreeMap::new();
    for o in orders.iter().filter(|o| o.service_date.starts_with(&prefix) && o.status != OrderStatus::Cancelled) {
        by_elder.entry(o.person_id).or_default().push(o);
    }
    let mut lines = Vec::new();
    for (person_id, list) in by_elder {
        let a = allowances.iter().find(|a| a.person_id == person_id);
        let confirmed: Vec<&&OrderFact> = list.iter().filter(|o| o.status == OrderStatus::Confirmed).collect();
        let confirmed_amount: Fen = confirmed.iter().map(|o| o.amount).sum();
        let unconfirmed: Vec<&&OrderFact> = list.iter().filter(|o| o.status != OrderStatus::Confirmed).collect();
        let unconfirmed_amount: Fen = unconfirmed.iter().map(|o| o.amount).sum();
        let enrolled = a.is_some_and(|a| a.enrolled);
        let allowance = if enrolled { a.map(|a| Fen(a.allowance.value)).unwrap_or_default() } else { Fen::ZERO };
        let paid_elsewhere = a.map(|a| a.paid_elsewhere).unwrap_or_default();
        let left = Fen((allowance.0 - paid_elsewhere.0).max(0));
        let payable = confirmed_amount.min(left);
        let excess = confirmed_amount - payable;
        let (mut zh, mut en) = (
            format!(
                "{month} 已确认工单{}张，合计{}元；本月服务补贴{}元",
                confirmed.len(),
                confirmed_amount.yuan_string(),
                allowance.yuan_string()
            ),
            format!("{month}: {} confirmed order(s) totalling {} yuan; monthly allowance {} yuan", confirmed.len(), confirmed_amount.yuan_string(), allowance.yuan_string()),
        );
        if !enrolled {
            zh.push_str("（本月未纳入居家养老服务对象，补贴为0）");
            en.push_str(" (not enrolled in home care this month: allowance 0)");
        }
        if paid_elsewhere.0 > 0 {
            zh.push_str(&format!("，其他服务商本月已结算{}元，剩余{}元", paid_elsewhere.yuan_string(), left.yuan_string()));
            en.push_str(&format!(", already paid to other providers this month {} yuan, {} yuan left", paid_elsewhere.yuan_string(), left.yuan_string()));
        }
        zh.push_str(&format!("；政府支付 min({}, {}) = {}元", confirmed_amount.yuan_string(), left.yuan_string(), payable.yuan_string()));
        en.push_str(&format!("; the government pays min({}, {}) = {} yuan", confirmed_amount.yuan_string(), left.yuan_string(), payable.yuan_string()));
        if excess.0 > 0 {
            zh.push_str(&format!("；超出补贴{}元不由政府支付", excess.yuan_string()));
            en.push_str(&format!("; the excess of {} yuan is not paid by the government", excess.yuan_string()));
        }
        if !unconfirmed.is_empty() {
            zh.push_str(&format!("；未确认工单{}张（{}元）不予结算", unconfirmed.len(), unconfirmed_amount.yuan_string()));
            en.push_str(&format!("; {} order(s) not confirmed ({} yuan) are not settled", unconfirmed.len(), unconfirmed_amount.yuan_string()));
        }
        lines.push(SettlementLine {
            person_id,
            name: a.map(|a| a.name.clone()).unwrap_or_default(),
            region_code: a.map(|a| a.region_code.clone()).unwrap_or_default(),
            confirmed_orders: confirmed.len() as i64,
            confirmed_amount,
            unconfirmed_orders: unconfirmed.len() as i64,
            unconfirmed_amount,
            allowance,
            paid_elsewhere,
            payable,
            excess,
            order_ids: confirmed.iter().map(|o| o.order_id).collect(),
            explanation_zh: zh,
            explanation_en: en,
            params: a.map(|a| vec![a.allowance.clone()]).unwrap_or_default(),
        });
    }
    Settlement {
        month,
        rule: SETTLEMENT_RULE.to_owned(),
        elders: lines.len() as i64,
        confirmed_orders: lines.iter().map(|l| l.confirmed_orders).sum(),
        confirmed_amount: lines.iter().map(|l| l.confirmed_amount).sum(),
        unconfirmed_orders: lines.iter().map(|l| l.unconfirmed_orders).sum(),
        unconfirmed_amount: lines.iter().map(|l| l.unconfirmed_amount).sum(),
        payable: lines.iter().map(|l| l.payable).sum(),
        excess: lines.iter().map(|l| l.excess).sum(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(age: u32) -> ElderFacts {
        ElderFacts { age, alive: true, ..Default::default() }
    }

    #[test]
    fn each_basis_with_its_reason() {
        let mut f = facts(72);
        f.programmes = vec!["dibao".into()];
        let e = eligibility(&f);
        assert!(e.eligible);
        assert_eq!(e.bases, vec![Basis::Dibao]);
        assert!(e.reasons[0].zh.contains("低保老人"), "{:?}", e.reasons);

        let mut f = facts(66);
        f.programmes = vec!["low_income".into(), "medical".into()];
        assert_eq!(eligibility(&f).bases, vec![Basis::LowIncome]);
        f.programmes = vec!["tekun".into()];
        assert_eq!(eligibility(&f).bases, vec![Basis::Tekun]);

        let e = eligibility(&facts(101));
        assert_eq!(e.bases, vec![Basis::Centenarian]);
        assert_eq!(e.reasons[0].en, "aged 101, a centenarian");

        let mut f = facts(80);
        f.priority_care = Some(PriorityCare::DisabledVeteran);
        let e = eligibility(&f);
        assert_eq!(e.bases, vec![Basis::ChildlessVeteran]);
        assert!(e.reasons[0].zh.contains("伤残军人"));
    }

    #[test]
    fn ineligible_with_the_reason() {
        // a veteran with one living child
        let mut f = facts(85);
        f.priority_care = Some(PriorityCare::Veteran);
        f.living_children = 1;
        let e = eligibility(&f);
        assert!(!e.eligible);
        assert_eq!(e.reasons[0].code, "not_eligible");
        assert!(e.reasons[0].zh.contains("1名在世子女"), "{}", e.reasons[0].zh);
        // an ordinary 99-year-old
        let e = eligibility(&facts(99));
        assert!(!e.eligible);
        assert!(e.summary().1.contains("under 100"));
        // dibao, but 59
        let mut f = facts(59);
        f.programmes = vec!["dibao".into()];
        let e = eligibility(&f);
        assert_eq!((e.eligible, e.reasons[0].code.as_str()), (false, "under_60"));
        // a martyr's family member is not a veteran
        let mut f = facts(70);
        f.priority_care = Some(PriorityCare::MartyrFamily);
        assert!(!eligibility(&f).eligible);
        let mut f = facts(101);
        f.alive = false;
        assert_eq!(eligibility(&f).reasons[0].code, "deceased");
    }

    #[test]
    fn centenarian_veteran_in_dibao_has_three_bases() {
        let f = ElderFacts { age: 100, alive: true, programmes: vec!["dibao".into()], priority_care: Some(PriorityCare::Veteran), living_children: 0 };
        assert_eq!(eligibility(&f).bases, vec![Basis::Dibao, Basis::Centenarian, Basis::ChildlessVeteran]);
    }

    #[test]
    fn children_by_relation() {
        assert!(is_child_of(Relation::Head, Relation::Child));
        assert!(is_child_of(Relation::Spouse, Relation::Child));
        assert!(!is_child_of(Relation::Head, Relation::Grandchild));
        assert!(is_child_of(Relation::Parent, Relation::Head));
        assert!(is_child_of(Relation::Parent, Relation::Sibling));
        assert!(!is_child_of(Relation::Parent, Relation::Child));
        assert!(is_child_of(Relation::Grandparent, Relation::Parent));
        assert!(!is_child_of(Relation::Other, Relation::Child));
    }

    #[test]
    fn allowance_default_and_regional() {
        let region = RegionCode::parse("440705001001").unwrap();
        let m = YearMonth::new(2026, 11).unwrap();
        let p = PolicySet::default();
        let u = monthly_allowance(&p, &region, m);
        assert_eq!((u.value, u.param_id), (30000, None));
        let p = PolicySet::new(vec![crate::assistance::policy::PolicyParam {
            id: 9,
            key: ParamKey::HomecareMonthlyAllowance,
            region_prefix: "440705".into(),
            effective: YearMonth::new(2026, 1).unwrap(),
            value: 40000,
        }]);
        let u = monthly_allowance(&p, &region, m);
        assert_eq!((u.value, u.param_id), (40000, Some(9)));
        assert_eq!(monthly_allowance(&p, &region, YearMonth::new(2025, 12).unwrap()).value, 30000);
    }

    #[test]
    fn amount_is_units_times_price() {
        assert_eq!(order_amount(3, Fen(4500)), Ok(Fen(13500)));
        assert_eq!(order_amount(1, Fen(0)), Ok(Fen(0)));
        assert_eq!(order_amount(0, Fen(4500)).unwrap_err().field, "units");
        assert_eq!(order_amount(101, Fen(4500)).unwrap_err().field, "units");
        assert_eq!(order_amount(2, Fen(-1)).unwrap_err().field, "unit_price");
    }

    fn order(id: i64, person: i64, status: OrderStatus, amount: i64, date: &str) -> OrderFact {
        OrderFact { order_id: id, person_id: person, status, amount: Fen(amount), service_date: date.into() }
    }

    fn allowance(person: i64, value: i64, paid_elsewhere: i64) -> ElderAllowance {
        ElderAllowance {
            person_id: person,
            name: format!("老人{person}"),
            region_code: "440705001001".into(),
            enrolled: true,
            allowance: ParamUse { key: ParamKey::HomecareMonthlyAllowance, value, param_id: None, region_prefix: None, effective: None },
            paid_elsewhere: Fen(paid_elsewhere),
        }
    }

    #[test]
    fn settlement_reconciled_with_the_allowance() {
        let m = YearMonth::new(2026, 10).unwrap();
        use OrderStatus::*;
        let orders = vec![
            // elder 1: 3 × 45 = 135 + 2 × 60 = 120 + 80 = 335 yuan confirmed: 300 paid, 35 excess
            order(1, 1, Confirmed, 13500, "2026-10-02"),
            order(2, 1, Confirmed, 12000, "2026-10-09"),
            order(3, 1, Confirmed, 8000, "2026-10-20"),
            // elder 2: 90 confirmed, 50 done but not confirmed, 40 only dispatched, 30 cancelled
            order(4, 2, Confirmed, 9000, "2026-10-05"),
            order(5, 2, Done, 5000, "2026-10-15"),
            order(6, 2, Dispatched, 4000, "2026-10-30"),
            order(7, 2, Cancelled, 3000, "2026-10-12"),
            // another month: ignored
            order(8, 2, Confirmed, 7000, "2026-11-01"),
            // elder 3: 250 confirmed, but another provider was already paid 200 of the 300
            order(9, 3, Confirmed, 25000, "2026-10-07"),
        ];
        let s = settle(m, &orders, &[allowance(1, 30000, 0), allowance(2, 30000, 0), allowance(3, 30000, 20000)]);
        assert_eq!(s.elders, 3);
        let l1 = &s.lines[0];
        assert_eq!((l1.confirmed_amount, l1.payable, l1.excess), (Fen(33500), Fen(30000), Fen(3500)));
        assert!(l1.explanation_zh.contains("超出补贴35.00元"), "{}", l1.explanation_zh);
        assert_eq!(l1.order_ids, vec![1, 2, 3]);
        let l2 = &s.lines[1];
        assert_eq!((l2.confirmed_amount, l2.payable, l2.excess), (Fen(9000), Fen(9000), Fen(0)));
        assert_eq!((l2.unconfirmed_orders, l2.unconfirmed_amount), (2, Fen(9000)));
        assert!(l2.explanation_en.contains("2 order(s) not confirmed (90.00 yuan)"), "{}", l2.explanation_en);
        let l3 = &s.lines[2];
        assert_eq!((l3.payable, l3.excess), (Fen(10000), Fen(15000)));
        // totals: 335 + 90 + 250 = 675 confirmed; 300 + 90 + 100 = 490 paid; 35 + 0 + 150 = 185 excess
        assert_eq!((s.confirmed_orders, s.confirmed_amount, s.payable, s.excess), (5, Fen(67500), Fen(49000), Fen(18500)));
        assert_eq!((s.unconfirmed_orders, s.unconfirmed_amount), (2, Fen(9000)));
        assert_eq!(s.rule, SETTLEMENT_RULE);
        assert_eq!(l1.params[0].value, 30000);
    }

    #[test]
    fn not_enrolled_is_not_paid() {
        let m = YearMonth::new(2026, 10).unwrap();
        let mut a = allowance(1, 30000, 0);
        a.enrolled = false;
        let s = settle(m, &[order(1, 1, OrderStatus::Confirmed, 5000, "2026-10-02")], &[a]);
        assert_eq!((s.payable, s.excess), (Fen(0), Fen(5000)));
        assert!(s.lines[0].explanation_zh.contains("未纳入"));
        // an elder with no allowance row at all
        let s = settle(m, &[order(1, 7, OrderStatus::Confirmed, 5000, "2026-10-02")], &[]);
        assert_eq!(s.payable, Fen(0));
    }
}
