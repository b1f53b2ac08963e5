//! 家庭经济状况认定 means test: eligibility and benefit for each programme, with an explanation.
//!
//! POLICY.md, 低保 / 特困 / 医疗救助 / 临时救助. Every result says which rule decided, the
//! numbers it used and the parameter versions ([`ParamUse`]), so an officer can show a citizen why.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{AmountBound, Fen};
use crate::error::FieldError;
use super::month::YearMonth;
use super::policy::{ParamKey, ParamUse, PolicySet};
use super::programme::Programme;
use crate::date::age_on;
use crate::registry::person::{DisabilityKind, Relation};
use crate::registry::region::RegionCode;

mod dibao;
mod medical;
mod tekun;
mod temporary;
#[cfg(test)]
mod tests;
mod work;

use dibao::{dibao, low_income};
use medical::medical;
use tekun::tekun;
use temporary::temporary;
use work::IncomeSummary;
pub(crate) use work::{Work, age_in, source, yuan, yuan_en};

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
        matches!(
            self,
            IncomeType::DisabilitySubsidy
                | IncomeType::OldAgeAllowance
                | IncomeType::PriorityCarePension
                | IncomeType::OneChildReward
                | IncomeType::HeroismReward
                | IncomeType::AssistancePayment
        )
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
        match self {
            IncrementCategory::SevereDisability => ParamKey::IncrementSevereDisability,
            IncrementCategory::Aged70 => ParamKey::IncrementAged70,
            IncrementCategory::Minor => ParamKey::IncrementMinor,
            IncrementCategory::SeriousIllness => ParamKey::IncrementSeriousIllness,
            IncrementCategory::SingleParent => ParamKey::IncrementSingleParent,
        }
    }

    /// Whether `member`, aged `age` in the month assessed, falls in this category. A single-parent
    /// household's increment applies to every member.
    pub fn applies(self, member: &MemberFacts, age: u32, single_parent: bool) -> bool {
        match self {
            IncrementCategory::SevereDisability => matches!(member.disability_grade, Some(1 | 2)),
            IncrementCategory::Aged70 => age >= 70,
            IncrementCategory::Minor => age < 18,
            IncrementCategory::SeriousIllness => member.serious_illness,
            IncrementCategory::SingleParent => single_parent,
        }
    }
}

/// A household member as the rules see them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = assistance::means::Income))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Income {
    #[serde(default)]
    pub person_id: Option<i64>,
    pub kind: IncomeType,
    /// total over the last 12 months
    pub amount: Fen,
}

/// The household's assets (财产).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// what the allowances need beyond the members' own facts (one person per allowance case)
    #[serde(default)]
    pub allowance: crate::elderly::allowance::AllowanceFacts,
}

/// What a one-off programme is asked for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl Request {
    /// The amounts typed on the form, each within its field's bound (fields `request.…`). The
    /// temporary amount's upper bound is the rule's cap, which depends on the household: `assess`
    /// refuses it with `over_cap`, see [`Assessment::over_bound`].
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |name: &str, label: &str, bound: AmountBound, v: Option<Fen>| {
            if let Some(v) = v
                && let Err(e) = bound.check(&format!("request.{name}"), label, Some(v.0))
            {
                errors.push(e);
            }
        };
        field("temporary_amount", "申请救助金额", AmountBound::positive(Fen(i64::MAX)), self.temporary_amount);
        field("medical_out_of_pocket", "政策范围内个人自付费用", AmountBound::positive(AmountBound::ABSURD), self.medical_out_of_pocket);
        field("medical_paid_this_year", "本年度已获医疗救助金额", AmountBound::non_negative(AmountBound::ABSURD), Some(self.medical_paid_this_year));
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// One line of an explanation, in Chinese and English.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = means::Line))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub zh: String,
    pub en: String,
}

/// Why a household is not eligible, or something an officer must look at.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = means::Reason))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// stable code: `income_above_line`, `vehicle`, `dwellings`, `business`, `monetary_assets`,
    /// `hukou_not_local`, `no_members`, `not_three_nos`, `no_request`,
    /// `dibao_eligible` (a low-income application from a household that qualifies for dibao);
    /// temporary assistance: `over_cap` (refused) and `needs_district` (over the town's authority)
    pub code: String,
    pub zh: String,
    pub en: String,
}

/// One 分类施保 increment of one member.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Increment {
    pub person_id: i64,
    pub category: IncrementCategory,
    /// share of the standard, in thousandths
    pub permille: i64,
    pub amount: Fen,
}

/// A member's part of the monthly benefit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// An allowance set as an annual standard (残疾人两项补贴): `monthly` is round(annual ÷ 12),
    /// paid January to November, and December pays the rest (POLICY.md, Disability).
    #[serde(default)]
    pub annual: Option<Fen>,
    /// 审批权限 the lowest level that may approve this amount: the district, except a temporary
    /// assistance amount within the town's authority
    #[serde(default)]
    pub approver: Approver,
}

/// 审批层级 who may approve an application's amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    /// 镇街 within the town's authority (temporary assistance only)
    Town,
    /// 区县 the county's civil-affairs bureau
    #[default]
    District,
}

impl Assessment {
    /// The amount asked is above what the rule allows at all (临时救助 over the cap): the
    /// request's field and the reason, for a 422 at every step that sets the amount.
    pub fn over_bound(&self) -> Option<FieldError> {
        self.reasons.iter().find(|r| r.code == "over_cap").map(|r| FieldError::new("request.temporary_amount", r.zh.clone(), r.en.clone()))
    }

    /// The amount due for a month of the given calendar month number (1–12): `monthly`, except
    /// December of an annual standard.
    pub fn due_for(monthly: i64, annual: Option<i64>, month: u32) -> i64 {
        match annual {
            Some(annual) if month == 12 => annual - monthly * 11,
            _ => monthly,
        }
    }
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
    let mut w = Work {
        region,
        policy,
        month,
        params: Vec::new(),
        lines: Vec::new(),
        reasons: Vec::new(),
    };
    let members = counted_members(facts, month);
    let n = u32::try_from(members.len()).unwrap_or(u32::MAX);
    w.explain_members(facts, &members);

    // allowances have their own standards (elderly::allowance)
    let standard = if programme.is_allowance() {
        Fen::ZERO
    } else {
        let standard_use = w.param_use(ParamKey::DibaoStandard);
        let standard = Fen(standard_use.value);
        let (zh_src, en_src) = source(&standard_use);
        w.line(
            format!("低保标准为每人每月{}{zh_src}。", yuan(standard)),
            format!(
                "The dibao standard is {} per person per month{en_src}.",
                yuan_en(standard)
            ),
        );
        standard
    };

    let income = IncomeSummary::of(facts, &members);
    let per_capita = if n == 0 {
        Fen::ZERO
    } else {
        Fen(income.counted.0 / (12 * i64::from(n)))
    };

    let mut a = Assessment {
        programme,
        month,
        eligible: false,
        reasons: Vec::new(),
        members: n,
        counted_income: income.counted,
        exempt_income: income.exempt,
        per_capita_income: per_capita,
        standard,
        threshold: Fen::ZERO,
        base: Fen::ZERO,
        increments: Vec::new(),
        shares: Vec::new(),
        monthly: Fen::ZERO,
        one_off: Fen::ZERO,
        explanation: Vec::new(),
        params: Vec::new(),
        annual: None,
        approver: Approver::District,
    };

    if programme.is_allowance() {
        crate::elderly::allowance::assess(&mut w, &mut a, facts, &members);
    } else if members.is_empty() {
        w.reason(
            "no_members",
            format!("{}没有计入的家庭成员，无法认定。", month),
            format!("No household member is counted in {month}; nothing can be assessed."),
        );
    } else {
        if programme != Programme::Temporary {
            w.explain_income(&income, facts);
            w.line(
                format!(
                    "月人均收入 = {} ÷ 12个月 ÷ {n}人 = {}（不足1分的部分舍去）。",
                    yuan(income.counted),
                    yuan(per_capita)
                ),
                format!(
                    "Per-capita monthly income = {} ÷ 12 months ÷ {n} members = {} (fractions of a fen dropped).",
                    yuan_en(income.counted),
                    yuan_en(per_capita)
                ),
            );
        }
        match programme {
            Programme::Dibao => dibao(&mut w, &mut a, facts, &members),
            Programme::LowIncome => low_income(&mut w, &mut a, facts, &members),
            Programme::Tekun => tekun(&mut w, &mut a, facts, &members),
            Programme::Temporary => temporary(&mut w, &mut a, request, &members),
            Programme::Medical => medical(&mut w, &mut a, facts, request, &members),
            // handled above
            Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild => {}
        }
    }
    w.conclude(&a);
    a.reasons = w.reasons;
    a.explanation = w.lines;
    a.params = w.params;
    a
}

/// Members counted in `month`: alive, or died in `month` or later.
pub fn counted_members(facts: &HouseholdFacts, month: YearMonth) -> Vec<&MemberFacts> {
    facts
        .members
        .iter()
        .filter(|m| m.death_date.is_none_or(|d| YearMonth::of(d) >= month))
        .collect()
}

