//! 政策参数 policy parameters: every number a rule uses, per region prefix and effective month.
//!
//! A rule looks up a parameter for a region and a month: among the parameters whose region prefix
//! is a prefix of the region's code and whose effective month is not after the month, the longest
//! prefix wins, then the latest effective month. With none, the national default applies.
use serde::Serialize;

use super::month::YearMonth;
use crate::region::RegionCode;

/// The unit of a parameter's integer value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// fen (per person per month unless the key says otherwise)
    Fen,
    /// thousandths: 350 = 35%, 1500 = 1.5×
    Permille,
    Count,
    /// working days
    WorkingDays,
    /// calendar days
    Days,
    Months,
}

vocabulary! {
    /// 政策参数 a policy parameter's key.
    pub enum ParamKey {
        DibaoStandard => ("dibao.standard", "低保标准（元/人·月）", "Dibao standard (per person per month)"),
        DibaoMaxDwellings => ("dibao.max_dwellings", "住房套数上限", "Maximum dwellings"),
        DibaoMaxAssetsMonths => ("dibao.max_assets_months", "货币财产上限（月标准倍数）", "Monetary assets limit (months of standard)"),
        IncrementSevereDisability => ("dibao.increment.severe_disability", "分类施保：重度残疾", "Increment: severe disability"),
        IncrementAged70 => ("dibao.increment.aged70", "分类施保：70岁以上老人", "Increment: aged 70+"),
        IncrementMinor => ("dibao.increment.minor", "分类施保：未成年人", "Increment: minors"),
        IncrementSeriousIllness => ("dibao.increment.serious_illness", "分类施保：重病患者", "Increment: serious illness"),
        IncrementSingleParent => ("dibao.increment.single_parent", "分类施保：单亲家庭", "Increment: single-parent household"),
        LowIncomeMultiple => ("low_income.multiple", "低收入认定倍数", "Low-income multiple of the standard"),
        TekunMultiple => ("tekun.multiple_of_dibao", "特困基本生活标准（低保标准倍数）", "Tekun basic living (multiple of dibao)"),
        TekunCareFull => ("tekun.care.full", "特困照料标准：全自理", "Tekun care: fully self-caring"),
        TekunCarePartial => ("tekun.care.partial", "特困照料标准：半失能", "Tekun care: partly self-caring"),
        TekunCareNone => ("tekun.care.none", "特困照料标准：全失能", "Tekun care: not self-caring"),
        MedicalRatio => ("medical.ratio", "医疗救助比例", "Medical assistance ratio"),
        MedicalAnnualCap => ("medical.annual_cap", "医疗救助年度封顶线（元/人）", "Medical assistance annual cap per person"),
        TemporaryMonthsCap => ("temporary.months_cap", "临时救助上限（月标准倍数）", "Temporary assistance cap (months of standard)"),
        TownDays => ("workflow.town_days", "镇街审核时限（工作日）", "Town review limit (working days)"),
        CountyDays => ("workflow.county_days", "区县审批时限（工作日）", "County decision limit (working days)"),
        ObjectionDays => ("workflow.objection_days", "异议复查时限（工作日）", "Objection re-check limit (working days)"),
        NoticeDays => ("workflow.notice_days", "公示天数", "Public notice (days)"),
        ReviewMonthsStable => ("review.months_stable", "稳定家庭复核周期（月）", "Review cycle, stable households (months)"),
        ReviewMonthsOther => ("review.months_other", "其他家庭复核周期（月）", "Review cycle, other households (months)"),
    }
}

impl ParamKey {
    pub fn unit(self) -> Unit {
        todo!()
    }

    /// The national default used where no region has set the parameter (POLICY.md):
    /// dibao.standard 55000, max_dwellings 1, max_assets_months 24, severe disability 350,
    /// other increments 0, low_income.multiple 1500, tekun multiple 1300, tekun care 0 each,
    /// medical ratio 800, medical cap 5000000, temporary months 3, town 15, county 10, objection 20,
    /// notice 7, review stable 12, other 6.
    pub fn default_value(self) -> i64 {
        todo!()
    }
}

/// One stored value of a parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyParam {
    pub id: i64,
    pub key: ParamKey,
    /// a region code prefix: `44` a province, `4407` a city, `440705` a district, `440705001` a town
    pub region_prefix: String,
    pub effective: YearMonth,
    pub value: i64,
}

/// The value a rule used, and where it came from: recorded with every calculation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ParamUse {
    pub key: ParamKey,
    pub value: i64,
    /// the stored parameter's id; `None` for the national default
    pub param_id: Option<i64>,
    pub region_prefix: Option<String>,
    pub effective: Option<YearMonth>,
}

/// The parameters in force, as loaded from the store.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    params: Vec<PolicyParam>,
}

impl PolicySet {
    pub fn new(params: Vec<PolicyParam>) -> PolicySet {
        PolicySet { params }
    }

    pub fn params(&self) -> &[PolicyParam] {
        &self.params
    }

    /// The stored parameter that applies (see the module comment), if any.
    pub fn lookup(&self, key: ParamKey, region: &RegionCode, month: YearMonth) -> Option<&PolicyParam> {
        todo!()
    }

    /// The value that applies, falling back to the national default.
    pub fn get(&self, key: ParamKey, region: &RegionCode, month: YearMonth) -> ParamUse {
        todo!()
    }

    /// A copy with `param` added (used by what-if simulations of a standard change).
    pub fn with(&self, param: PolicyParam) -> PolicySet {
        let mut params = self.params.clone();
        params.push(param);
        PolicySet { params }
    }
}
