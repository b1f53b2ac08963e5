//! 家庭经济状况认定 means test: eligibility and benefit for each programme, with an explanation.
//!
//! POLICY.md, 低保 / 特困 / 医疗救助 / 临时救助. Every result says which rule decided, the
//! numbers it used and the parameter versions ([`ParamUse`]), so an officer can show a citizen why.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::Fen;
use super::month::YearMonth;
use super::policy::{ParamKey, ParamUse, PolicySet};
use super::programme::Programme;
use crate::person::{DisabilityKind, Relation};
use crate::region::RegionCode;

vocabulary! {
    /// 收入类型 income type; each is counted or exempt (POLICY.md).
    pub enum IncomeType {
        Wage => ("wage", "工资性收入", "Wages", ["工资"]),
        Business => ("business", "经营性收入", "Business income", ["经营"]),
        Property => ("property", "财产性收入", "Property income", ["财产", "租金"]),
        Pension => ("pension", "养老金", "Pension", ["退休金"]),
        Transfer => ("transfer", "其他转移性收入", "Other transfers", ["赡养费", "抚养费"]),
        DisabilitySubsidy => ("disability_subsidy", "残疾人两项补贴", "Disability living and care subsidies", ["残疾人补贴"]),
        OldAgeAllowance => ("old_age_allowance", "高龄津贴", "Old-age allowance"),
        PriorityCarePension => ("priority_care_pension", "优抚金", "Priority-care pension", ["抚恤金"]),
        OneChildReward => ("one_child_reward", "独生子女奖励", "One-child reward"),
        HeroismReward => ("heroism_reward", "见义勇为奖励", "Heroism reward"),
        AssistancePayment => ("assistance_payment", "社会救助金", "Assistance payments", ["救助金"]),
        Other => ("other", "其他收入", "Other income", ["其他"]),
    }
}

impl IncomeType {
    /// Exempt by default (POLICY.md): disability subsidies, old-age allowance, priority-care
    /// pensions, one-child and heroism rewards, assistance payments from this platform.
    pub fn exempt(self) -> bool {
        todo!()
    }
}

vocabulary! {
    /// 生活自理能力 self-care ability (特困 care standard).
    pub enum SelfCare {
        Full => ("full", "具备生活自理能力", "Fully self-caring", ["全自理", "自理"]),
        Partial => ("partial", "部分丧失生活自理能力", "Partly self-caring", ["半失能", "半自理"]),
        None => ("none", "完全丧失生活自理能力", "Not self-caring", ["全失能", "不能自理"]),
    }
}

vocabulary! {
    /// 分类施保 classified increment category.
    pub enum IncrementCategory {
        SevereDisability => ("severe_disability", "重度残疾", "Severe disability"),
        Aged70 => ("aged70", "70岁以上老人", "Aged 70+"),
        Minor => ("minor", "未成年人", "Minor"),
        SeriousIllness => ("serious_illness", "重病患者", "Serious illness"),
        SingleParent => ("single_parent", "单亲家庭成员", "Single-parent household"),
    }
}

impl IncrementCategory {
    pub fn param_key(self) -> ParamKey {
        todo!()
    }
}

/// A household member as the rules see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberFacts {
    pub person_id: i64,
    pub name: String,
    pub relation: Relation,
    pub birth_date: NaiveDate,
    /// a member who died counts up to and including the month of death, not after
    #[serde(default)]
    pub death_date: Option<NaiveDate>,
    /// 户籍 in the region of the application
    pub hukou_local: bool,
    #[serde(default)]
    pub disability_kind: Option<DisabilityKind>,
    /// 1 (most severe) to 4
    #[serde(default)]
    pub disability_grade: Option<u8>,
    #[serde(default)]
    pub serious_illness: bool,
    /// 特困: able to work (劳动能力)
    #[serde(default)]
    pub able_to_work: bool,
    /// 特困: has a legal supporter able to support them (法定赡养、抚养、扶养义务人且有能力)
    #[serde(default)]
    pub has_supporter: bool,
    #[serde(default)]
    pub self_care: Option<SelfCare>,
}

/// Income of the last 12 months, of one member (or of the household when `person_id` is None).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Income {
    #[serde(default)]
    pub person_id: Option<i64>,
    pub kind: IncomeType,
    /// total over the last 12 months
    pub amount: Fen,
}

/// The household's assets (财产).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assets {
    /// motor vehicles that are not exempt (an exempt one: a disabled member's mobility vehicle)
    #[serde(default)]
    pub vehicles: u32,
    #[serde(default)]
    pub dwellings: u32,
    /// registered capital of businesses the members own
    #[serde(default)]
    pub business_capital: Fen,
    /// deposits, securities, cash value of insurance
    #[serde(default)]
    pub monetary: Fen,
}

/// What a household declared (and, after verification, what was found).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseholdFacts {
    pub members: Vec<MemberFacts>,
    #[serde(default)]
    pub incomes: Vec<Income>,
    #[serde(default)]
    pub assets: Assets,
    /// 单亲家庭
    #[serde(default)]
    pub single_parent: bool,
}

/// What a one-off programme is asked for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// 临时救助: the amount asked for
    #[serde(default)]
    pub temporary_amount: Option<Fen>,
    /// 医疗救助: in-policy out-of-pocket cost of the stay after insurance
    #[serde(default)]
    pub medical_out_of_pocket: Option<Fen>,
    /// 医疗救助: already paid to this person this year
    #[serde(default)]
    pub medical_paid_this_year: Fen,
}

/// One line of an explanation, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub zh: String,
    pub en: String,
}

/// Why a household is not eligible, or something an officer must look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// stable code: `income_above_line`, `vehicle`, `dwellings`, `business`, `monetary_assets`,
    /// `hukou_not_local`, `no_members`, `not_three_nos`, `over_cap_needs_district`, `no_request`
    pub code: String,
    pub zh: String,
    pub en: String,
}

/// One 分类施保 increment of one member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Increment {
    pub person_id: i64,
    pub category: IncrementCategory,
    /// share of the standard, in thousandths
    pub permille: i64,
    pub amount: Fen,
}

/// A member's part of the monthly benefit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberShare {
    pub person_id: i64,
    pub name: String,
    /// 补差 part (standard − per-capita income), or the 特困 basic living standard
    pub base: Fen,
    /// sum of this member's increments (or 特困 care standard)
    pub increments: Fen,
    pub total: Fen,
}

/// The result of a means test: decision, amount, breakdown, explanation, parameters used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub programme: Programme,
    pub month: YearMonth,
    pub eligible: bool,
    pub reasons: Vec<Reason>,
    /// members counted in `month` (alive, or died in `month`)
    pub members: u32,
    /// counted income of the last 12 months
    pub counted_income: Fen,
    pub exempt_income: Fen,
    /// counted income ÷ 12 ÷ members, rounded down to the fen
    pub per_capita_income: Fen,
    pub standard: Fen,
    /// the line per-capita income is compared with (standard, or low-income multiple × standard)
    pub threshold: Fen,
    /// 补差 total: (standard − per-capita income) × members (dibao); 0 otherwise
    pub base: Fen,
    pub increments: Vec<Increment>,
    pub shares: Vec<MemberShare>,
    /// paid every month (dibao, tekun); 0 for the others
    pub monthly: Fen,
    /// paid once (temporary, medical); 0 for the others
    pub one_off: Fen,
    pub explanation: Vec<Line>,
    pub params: Vec<ParamUse>,
}

/// Runs the programme's rule for `month` in `region` (the application's region; its parameters
/// apply). Never panics on odd input: no members, zero income, huge numbers give a reasoned result.
pub fn assess(
    programme: Programme,
    region: &RegionCode,
    facts: &HouseholdFacts,
    request: &Request,
    policy: &PolicySet,
    month: YearMonth,
) -> Assessment {
    todo!()
}

/// Members counted in `month`: alive, or died in `month` or later.
pub fn counted_members(facts: &HouseholdFacts, month: YearMonth) -> Vec<&MemberFacts> {
    todo!()
}
