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

/// The assessment in progress: parameters looked up, explanation lines and reasons so far.
pub(crate) struct Work<'a> {
    region: &'a RegionCode,
    policy: &'a PolicySet,
    month: YearMonth,
    params: Vec<ParamUse>,
    lines: Vec<Line>,
    reasons: Vec<Reason>,
}

impl Work<'_> {
    /// Looks a parameter up and records it (once) among the parameters used.
    pub(crate) fn param_use(&mut self, key: ParamKey) -> ParamUse {
        let used = self.policy.get(key, self.region, self.month);
        if !self.params.iter().any(|p| p.key == key) {
            self.params.push(used.clone());
        }
        used
    }

    pub(crate) fn param(&mut self, key: ParamKey) -> i64 {
        self.param_use(key).value
    }

    pub(crate) fn line(&mut self, zh: String, en: String) {
        self.lines.push(Line { zh, en });
    }

    /// A reason is also said in the explanation, where it arises.
    pub(crate) fn reason(&mut self, code: &str, zh: String, en: String) {
        self.line(zh.clone(), en.clone());
        self.reasons.push(Reason {
            code: code.to_string(),
            zh,
            en,
        });
    }

    fn explain_members(&mut self, facts: &HouseholdFacts, members: &[&MemberFacts]) {
        let month = self.month;
        if !members.is_empty() {
            let zh_names: Vec<String> = members
                .iter()
                .map(|m| format!("{}（{}）", m.name, m.relation.zh()))
                .collect();
            let en_names: Vec<String> = members
                .iter()
                .map(|m| format!("{}, {}", m.name, m.relation.en().to_lowercase()))
                .collect();
            self.line(
                format!(
                    "{month}计入家庭成员{}人：{}。",
                    members.len(),
                    zh_names.join("、")
                ),
                format!(
                    "Members counted in {month}: {} ({}).",
                    members.len(),
                    en_names.join("; ")
                ),
            );
        }
        for m in &facts.members {
            let Some(died) = m.death_date else { continue };
            let from = YearMonth::of(died).next();
            if YearMonth::of(died) < month {
                self.line(
                    format!("{}已于{died}去世，自{from}起不再计入家庭成员。", m.name),
                    format!("{} died on {died} and is not counted from {from}.", m.name),
                );
            } else if YearMonth::of(died) == month {
                self.line(
                    format!(
                        "{}于{died}去世，本月仍计入，自{from}起不再计入家庭成员。",
                        m.name
                    ),
                    format!(
                        "{} died on {died}: still counted this month, not from {from}.",
                        m.name
                    ),
                );
            }
        }
    }

    fn explain_income(&mut self, income: &IncomeSummary, facts: &HouseholdFacts) {
        if income.by_type.is_empty() {
            self.line(
                "近12个月家庭无收入。".into(),
                "The household had no income in the last 12 months.".into(),
            );
        }
        for &(kind, amount) in &income.by_type {
            if kind.exempt() {
                self.line(
                    format!(
                        "近12个月{}{}，按政策不计入家庭收入。",
                        kind.zh(),
                        yuan(amount)
                    ),
                    format!(
                        "{} over the last 12 months: {}, exempt by policy.",
                        kind.en(),
                        yuan_en(amount)
                    ),
                );
            } else {
                self.line(
                    format!("近12个月{}{}，计入家庭收入。", kind.zh(), yuan(amount)),
                    format!(
                        "{} over the last 12 months: {}, counted.",
                        kind.en(),
                        yuan_en(amount)
                    ),
                );
            }
        }
        for &(kind, amount) in &income.negative {
            self.line(
                format!("一笔{}申报为负数（{}），按0计算。", kind.zh(), yuan(amount)),
                format!(
                    "An amount of {} was declared negative ({}) and is taken as 0.",
                    kind.en(),
                    yuan_en(amount)
                ),
            );
        }
        for &(person_id, amount) in &income.not_members {
            match facts.members.iter().find(|m| m.person_id == person_id) {
                Some(m) => self.line(
                    format!("{}的收入{}不计入（本月不计入家庭成员）。", m.name, yuan(amount)),
                    format!("Income of {} ({}) is left out: not a member counted this month.", m.name, yuan_en(amount)),
                ),
                None => self.line(
                    format!("有收入{}所属人员（编号{person_id}）不是家庭成员，不计入。", yuan(amount)),
                    format!("Income of {} belongs to person {person_id}, who is not a member, and is left out.", yuan_en(amount)),
                ),
            }
        }
        self.line(
            format!(
                "近12个月计入收入合计{}，不计入收入合计{}。",
                yuan(income.counted),
                yuan(income.exempt)
            ),
            format!(
                "Counted income over the last 12 months: {}; exempt income: {}.",
                yuan_en(income.counted),
                yuan_en(income.exempt)
            ),
        );
    }

    /// Vehicle, dwellings, business capital and monetary assets (POLICY.md, 低保 assets).
    fn asset_tests(&mut self, facts: &HouseholdFacts, standard: Fen, n: u32) -> bool {
        let assets = &facts.assets;
        let mut pass = true;
        if assets.vehicles > 0 {
            pass = false;
            self.reason(
                "vehicle",
                format!("家庭拥有{}辆非豁免机动车，不符合财产条件。", assets.vehicles),
                format!("The household owns {} motor vehicle(s) that are not exempt: the asset test fails.", assets.vehicles),
            );
        } else {
            self.line(
                "家庭无非豁免机动车。".into(),
                "The household owns no motor vehicle that is not exempt.".into(),
            );
        }
        let max_dwellings = self.param(ParamKey::DibaoMaxDwellings);
        if i64::from(assets.dwellings) > max_dwellings {
            pass = false;
            self.reason(
                "dwellings",
                format!("家庭拥有住房{}套，超过上限{max_dwellings}套，不符合财产条件。", assets.dwellings),
                format!(
                    "The household owns {} dwellings, more than the limit of {max_dwellings}: the asset test fails.",
                    assets.dwellings
                ),
            );
        } else {
            self.line(
                format!(
                    "家庭拥有住房{}套，未超过上限{max_dwellings}套。",
                    assets.dwellings
                ),
                format!(
                    "The household owns {} dwelling(s), within the limit of {max_dwellings}.",
                    assets.dwellings
                ),
            );
        }
        if assets.business_capital > Fen::ZERO {
            pass = false;
            self.reason(
                "business",
                format!(
                    "家庭成员登记有工商注册资本{}，不符合财产条件。",
                    yuan(assets.business_capital)
                ),
                format!(
                    "Members own businesses with registered capital of {}: the asset test fails.",
                    yuan_en(assets.business_capital)
                ),
            );
        } else {
            self.line(
                "家庭成员无登记注册的经营资本。".into(),
                "Members own no registered business capital.".into(),
            );
        }
        let months = self.param(ParamKey::DibaoMaxAssetsMonths);
        let limit = standard * months * i64::from(n);
        if assets.monetary > limit {
            pass = false;
            self.reason(
                "monetary_assets",
                format!(
                    "家庭货币财产{}，超过上限{}（{months}个月 × 低保标准{} × {n}人），不符合财产条件。",
                    yuan(assets.monetary),
                    yuan(limit),
                    yuan(standard)
                ),
                format!(
                    "Monetary assets of {} exceed the limit of {} ({months} months × standard {} × {n} members): the asset test fails.",
                    yuan_en(assets.monetary),
                    yuan_en(limit),
                    yuan_en(standard)
                ),
            );
        } else {
            self.line(
                format!(
                    "家庭货币财产{}，未超过上限{}（{months}个月 × 低保标准{} × {n}人）。",
                    yuan(assets.monetary),
                    yuan(limit),
                    yuan(standard)
                ),
                format!(
                    "Monetary assets of {} are within the limit of {} ({months} months × standard {} × {n} members).",
                    yuan_en(assets.monetary),
                    yuan_en(limit),
                    yuan_en(standard)
                ),
            );
        }
        pass
    }

    /// The applicant (the head, else the first member counted) must hold local 户籍 where the
    /// programme requires it.
    fn hukou_test(&mut self, programme: Programme, members: &[&MemberFacts]) -> bool {
        let Some(applicant) = members
            .iter()
            .find(|m| m.relation == Relation::Head)
            .or(members.first())
        else {
            return false;
        };
        if applicant.hukou_local {
            self.line(
                format!("申请人{}为本地户籍。", applicant.name),
                format!("The applicant {} holds local hukou.", applicant.name),
            );
            true
        } else if programme.requires_local_hukou() {
            self.reason(
                "hukou_not_local",
                format!("申请人{}户籍不在本地，{}须向户籍所在地申请。", applicant.name, programme.zh()),
                format!(
                    "The applicant {} does not hold local hukou; {} is applied for where the hukou is.",
                    applicant.name,
                    programme.en().to_lowercase()
                ),
            );
            false
        } else {
            self.line(
                format!(
                    "申请人{}非本地户籍，{}不要求本地户籍。",
                    applicant.name,
                    programme.zh()
                ),
                format!(
                    "The applicant {} holds no local hukou, which {} does not require.",
                    applicant.name,
                    programme.en().to_lowercase()
                ),
            );
            true
        }
    }

    /// 低收入 line: the low-income multiple × standard.
    fn low_income_line(&mut self, standard: Fen) -> Fen {
        let multiple = self.param(ParamKey::LowIncomeMultiple);
        let line = standard.mul_permille(multiple);
        self.line(
            format!(
                "低收入认定标准 = 低保标准{} × {}倍 = {}。",
                yuan(standard),
                times(multiple),
                yuan(line)
            ),
            format!(
                "Low-income line = standard {} × {} = {}.",
                yuan_en(standard),
                times(multiple),
                yuan_en(line)
            ),
        );
        line
    }

    pub(crate) fn conclude(&mut self, a: &Assessment) {
        let p = a.programme;
        let (zh, en) = if !a.eligible {
            (
                format!("结论：不符合{}条件。", p.zh()),
                format!("Decision: not eligible for {}.", p.en().to_lowercase()),
            )
        } else {
            match p {
                Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild
                    if a.annual.is_some() =>
                {
                    let december = Fen(Assessment::due_for(a.monthly.0, a.annual.map(|f| f.0), 12));
                    (
                        format!("结论：符合{}条件，1至11月每月发放{}，12月发放{}。", p.zh(), yuan(a.monthly), yuan(december)),
                        format!(
                            "Decision: eligible for {}; {} a month from January to November, {} in December.",
                            p.en().to_lowercase(),
                            yuan_en(a.monthly),
                            yuan_en(december)
                        ),
                    )
                }
                Programme::Dibao | Programme::Tekun | Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild => (
                    format!("结论：符合{}条件，每月发放{}。", p.zh(), yuan(a.monthly)),
                    format!("Decision: eligible for {}; {} a month.", p.en().to_lowercase(), yuan_en(a.monthly)),
                ),
                Programme::LowIncome => (
                    "结论：认定为低收入家庭。该认定不发放现金，可据此享受医疗救助等帮扶。".into(),
                    "Decision: recognised as a low-income household. Nothing is paid; it opens medical assistance and other support."
                        .into(),
                ),
                Programme::Temporary | Programme::Medical => {
                    let district = if a.reasons.iter().any(|r| r.code == "over_cap_needs_district") {
                        ("，须报区县民政部门审批", ", subject to district approval")
                    } else {
                        ("", "")
                    };
                    (
                        format!("结论：符合{}条件，一次性救助{}{}。", p.zh(), yuan(a.one_off), district.0),
                        format!("Decision: eligible for {}; a one-off {}{}.", p.en().to_lowercase(), yuan_en(a.one_off), district.1),
                    )
                }
            }
        };
        self.line(zh, en);
    }
}

/// Income of the counted members (and of the household as a whole) over the last 12 months.
struct IncomeSummary {
    counted: Fen,
    exempt: Fen,
    /// totals by type, in dictionary order, types with no income left out
    by_type: Vec<(IncomeType, Fen)>,
    /// declared negative amounts, taken as 0
    negative: Vec<(IncomeType, Fen)>,
    /// income of people who are not counted members this month, left out
    not_members: Vec<(i64, Fen)>,
}

impl IncomeSummary {
    fn of(facts: &HouseholdFacts, members: &[&MemberFacts]) -> IncomeSummary {
        let mut s = IncomeSummary {
            counted: Fen::ZERO,
            exempt: Fen::ZERO,
            by_type: Vec::new(),
            negative: Vec::new(),
            not_members: Vec::new(),
        };
        let mut totals: Vec<(IncomeType, Fen, bool)> = Vec::new();
        for income in &facts.incomes {
            if let Some(pid) = income.person_id
                && !members.iter().any(|m| m.person_id == pid)
            {
                s.not_members.push((pid, income.amount));
                continue;
            }
            if income.amount < Fen::ZERO {
                s.negative.push((income.kind, income.amount));
            }
            let amount = income.amount.max(Fen::ZERO);
            if income.kind.exempt() {
                s.exempt += amount;
            } else {
                s.counted += amount;
            }
            match totals.iter_mut().find(|(k, _, _)| *k == income.kind) {
                Some(t) => {
                    t.1 += amount;
                    t.2 |= amount > Fen::ZERO;
                }
                None => totals.push((income.kind, amount, amount > Fen::ZERO)),
            }
        }
        s.by_type = IncomeType::ALL
            .iter()
            .filter_map(|k| {
                totals
                    .iter()
                    .find(|(t, _, any)| t == k && *any)
                    .map(|&(t, a, _)| (t, a))
            })
            .collect();
        s
    }

    /// A member's own counted income (特困: no income source).
    fn own_counted(facts: &HouseholdFacts, person_id: i64) -> Fen {
        facts
            .incomes
            .iter()
            .filter(|i| i.person_id == Some(person_id) && !i.kind.exempt())
            .map(|i| i.amount.max(Fen::ZERO))
            .sum()
    }
}

pub(crate) fn age_in(member: &MemberFacts, month: YearMonth) -> u32 {
    age_on(member.birth_date, month.first_day())
}

/// 低保: 补差 plus 分类施保 (POLICY.md, 低保).
fn dibao(w: &mut Work<'_>, a: &mut Assessment, facts: &HouseholdFacts, members: &[&MemberFacts]) {
    let (standard, pci, n) = (a.standard, a.per_capita_income, a.members);
    a.threshold = standard;
    let income_ok = pci < standard;
    if income_ok {
        w.line(
            format!(
                "月人均收入{}低于低保标准{}，符合收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is below the standard {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else {
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}不低于低保标准{}，不符合低保收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is not below the standard {}: the income test fails.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, n);
    let hukou_ok = w.hukou_test(a.programme, members);
    if !(income_ok && assets_ok && hukou_ok) {
        return;
    }
    a.eligible = true;
    let gap = standard - pci;
    a.base = gap * i64::from(n);
    w.line(
        format!(
            "补差金额 =（低保标准{} − 月人均收入{}）× {n}人 = {}。",
            yuan(standard),
            yuan(pci),
            yuan(a.base)
        ),
        format!(
            "Top-up = (standard {} − per-capita income {}) × {n} members = {}.",
            yuan_en(standard),
            yuan_en(pci),
            yuan_en(a.base)
        ),
    );
    let rates: Vec<(IncrementCategory, i64)> = IncrementCategory::ALL
        .iter()
        .map(|&c| (c, w.param(c.param_key())))
        .collect();
    for m in members {
        let age = age_in(m, a.month);
        let mut own = Fen::ZERO;
        for &(category, permille) in &rates {
            if permille <= 0 || !category.applies(m, age, facts.single_parent) {
                continue;
            }
            let amount = standard.mul_permille(permille);
            own += amount;
            w.line(
                format!(
                    "{}（{age}岁）属于{}，分类施保按低保标准的{}增发{}。",
                    m.name,
                    category.zh(),
                    percent(permille),
                    yuan(amount)
                ),
                format!(
                    "{} (aged {age}): {}, an increment of {} of the standard: {}.",
                    m.name,
                    category.en().to_lowercase(),
                    percent(permille),
                    yuan_en(amount)
                ),
            );
            a.increments.push(Increment {
                person_id: m.person_id,
                category,
                permille,
                amount,
            });
        }
        a.shares.push(MemberShare {
            person_id: m.person_id,
            name: m.name.clone(),
            base: gap,
            increments: own,
            total: gap + own,
        });
    }
    let increments: Fen = a.increments.iter().map(|i| i.amount).sum();
    if a.increments.is_empty() {
        w.line(
            "家庭成员均不属于分类施保对象。".into(),
            "No member qualifies for a classified increment.".into(),
        );
    }
    a.monthly = a.base + increments;
    w.line(
        format!(
            "每月救助金额 = 补差{} + 分类施保{} = {}。",
            yuan(a.base),
            yuan(increments),
            yuan(a.monthly)
        ),
        format!(
            "Monthly benefit = top-up {} + increments {} = {}.",
            yuan_en(a.base),
            yuan_en(increments),
            yuan_en(a.monthly)
        ),
    );
}

/// 低收入家庭认定: above the dibao line, within the low-income line; recognised, not paid.
fn low_income(
    w: &mut Work<'_>,
    a: &mut Assessment,
    facts: &HouseholdFacts,
    members: &[&MemberFacts],
) {
    let (standard, pci) = (a.standard, a.per_capita_income);
    let line = w.low_income_line(standard);
    a.threshold = line;
    let mut income_ok = true;
    if pci < standard {
        income_ok = false;
        w.reason(
            "dibao_eligible",
            format!("月人均收入{}低于低保标准{}，符合低保条件，请申请低保。", yuan(pci), yuan(standard)),
            format!(
                "Per-capita income {} is below the dibao standard {}: the household qualifies for dibao; apply for dibao.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else if pci > line {
        income_ok = false;
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}高于低收入认定标准{}，不符合收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is above the low-income line {}: the income test fails.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    } else {
        w.line(
            format!(
                "月人均收入{}不低于低保标准{}且不高于低收入认定标准{}，符合收入条件。",
                yuan(pci),
                yuan(standard),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is between the dibao standard {} and the low-income line {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard),
                yuan_en(line)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, a.members);
    let hukou_ok = w.hukou_test(a.programme, members);
    a.eligible = income_ok && assets_ok && hukou_ok;
}

/// 特困: each member is tested for 三无; qualifying members get the basic living and care
/// standards. Household assets are not tested.
fn tekun(w: &mut Work<'_>, a: &mut Assessment, facts: &HouseholdFacts, members: &[&MemberFacts]) {
    let mut qualifying: Vec<&MemberFacts> = Vec::new();
    let mut failing_zh: Vec<String> = Vec::new();
    let mut failing_en: Vec<String> = Vec::new();
    for m in members {
        let age = age_in(m, a.month);
        let own_income = IncomeSummary::own_counted(facts, m.person_id);
        let mut fails: Vec<(String, String)> = Vec::new();
        if !(age >= 60 || m.disability_grade.is_some() || age < 16) {
            fails.push((
                "年龄在16至59周岁之间且无残疾".into(),
                "aged 16 to 59 and not disabled".into(),
            ));
        }
        if m.able_to_work {
            fails.push(("有劳动能力".into(), "able to work".into()));
        }
        if m.has_supporter {
            fails.push((
                "有具备履行能力的法定赡养、抚养、扶养义务人".into(),
                "has a legal supporter able to support them".into(),
            ));
        }
        if own_income > Fen::ZERO {
            fails.push((
                format!("本人近12个月有计入收入{}", yuan(own_income)),
                format!("has counted income of {}", yuan_en(own_income)),
            ));
        }
        if fails.is_empty() {
            let who = if age >= 60 {
                ("60周岁以上老年人", "aged 60 or over")
            } else if age < 16 {
                ("未满16周岁", "under 16")
            } else {
                ("残疾人", "disabled")
            };
            w.line(
                format!(
                    "{}（{age}岁）为{}，无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行能力，符合特困人员条件。",
                    m.name, who.0
                ),
                format!(
                    "{} (aged {age}) is {}, unable to work, without income and without a supporter able to support them: meets the conditions.",
                    m.name, who.1
                ),
            );
            qualifying.push(m);
        } else {
            let zh: Vec<&str> = fails.iter().map(|f| f.0.as_str()).collect();
            let en: Vec<&str> = fails.iter().map(|f| f.1.as_str()).collect();
            let zh = format!("{}（{age}岁）：{}", m.name, zh.join("、"));
            let en = format!("{} (aged {age}): {}", m.name, en.join(", "));
            w.line(
                format!("{zh}，不符合特困人员条件。"),
                format!("{en}; does not meet the conditions."),
            );
            failing_zh.push(zh);
            failing_en.push(en);
        }
    }
    if qualifying.is_empty() {
        w.reason(
            "not_three_nos",
            format!(
                "家庭成员均不符合特困人员“三无”条件（{}）。",
                failing_zh.join("；")
            ),
            format!(
                "No member meets the three-nos conditions of extreme-poverty support ({}).",
                failing_en.join("; ")
            ),
        );
    }
    let hukou_ok = w.hukou_test(a.programme, members);
    if qualifying.is_empty() || !hukou_ok {
        return;
    }
    a.eligible = true;
    let multiple = w.param(ParamKey::TekunMultiple);
    let base = a.standard.mul_permille(multiple);
    w.line(
        format!(
            "特困人员基本生活标准 = 低保标准{} × {}倍 = {}。",
            yuan(a.standard),
            times(multiple),
            yuan(base)
        ),
        format!(
            "Basic living standard = dibao standard {} × {} = {}.",
            yuan_en(a.standard),
            times(multiple),
            yuan_en(base)
        ),
    );
    for m in qualifying {
        let level = m.self_care.unwrap_or(SelfCare::Full);
        let key = match level {
            SelfCare::Full => ParamKey::TekunCareFull,
            SelfCare::Partial => ParamKey::TekunCarePartial,
            SelfCare::None => ParamKey::TekunCareNone,
        };
        let care = Fen(w.param(key));
        let assumed = if m.self_care.is_none() {
            (
                "（未评估自理能力，按具备生活自理能力计）",
                " (self-care not assessed: taken as fully self-caring)",
            )
        } else {
            ("", "")
        };
        let total = base + care;
        w.line(
            format!(
                "{}{}{}，照料护理标准{}；每月合计 = {} + {} = {}。",
                m.name,
                level.zh(),
                assumed.0,
                yuan(care),
                yuan(base),
                yuan(care),
                yuan(total)
            ),
            format!(
                "{}: {}{}, care standard {}; monthly {} + {} = {}.",
                m.name,
                level.en().to_lowercase(),
                assumed.1,
                yuan_en(care),
                yuan_en(base),
                yuan_en(care),
                yuan_en(total)
            ),
        );
        a.shares.push(MemberShare {
            person_id: m.person_id,
            name: m.name.clone(),
            base,
            increments: care,
            total,
        });
    }
    a.monthly = a.shares.iter().map(|s| s.total).sum();
    if a.shares.len() > 1 {
        w.line(
            format!("{}名特困人员每月合计{}。", a.shares.len(), yuan(a.monthly)),
            format!(
                "{} supported members: {} a month in all.",
                a.shares.len(),
                yuan_en(a.monthly)
            ),
        );
    }
}

/// 临时救助 (POLICY.md): at most `temporary.months_cap` × standard × members, refused above it;
/// above the town's authority (`temporary.town_months` × standard × members) only the district
/// approves. No 户籍 or asset test. The bound is on the amount approved, so every step that sets
/// the amount runs this rule again.
fn temporary(w: &mut Work<'_>, a: &mut Assessment, request: &Request, members: &[&MemberFacts]) {
    w.hukou_test(a.programme, members);
    let cap_use = w.param_use(ParamKey::TemporaryMonthsCap);
    let town_use = w.param_use(ParamKey::TemporaryTownMonths);
    let (months, town_months) = (cap_use.value, town_use.value.min(cap_use.value));
    let n = a.members;
    let cap = a.standard * months * i64::from(n);
    let town = a.standard * town_months * i64::from(n);
    let (cap_zh, cap_en) = source(&cap_use);
    let (town_zh, town_en) = source(&town_use);
    w.line(
        format!(
            "临时救助上限 = 低保标准{} × {months}个月{cap_zh} × {n}人 = {}。",
            yuan(a.standard),
            yuan(cap)
        ),
        format!(
            "Temporary assistance cap = standard {} × {months} months{cap_en} × {n} members = {}.",
            yuan_en(a.standard),
            yuan_en(cap)
        ),
    );
    w.line(
        format!(
            "镇街审批权限 = 低保标准{} × {town_months}个月{town_zh} × {n}人 = {}；超过的须报区县民政部门审批。",
            yuan(a.standard),
            yuan(town)
        ),
        format!(
            "The town may approve up to standard {} × {town_months} months{town_en} × {n} members = {}; more needs district approval.",
            yuan_en(a.standard),
            yuan_en(town)
        ),
    );
    let asked = match request.temporary_amount {
        Some(x) if x > Fen::ZERO => x,
        _ => {
            w.reason(
                "no_request",
                "未填写申请救助金额。".into(),
                "No amount of temporary assistance was asked for.".into(),
            );
            return;
        }
    };
    if asked > cap {
        w.reason(
            "over_cap",
            format!(
                "申请金额{}超过临时救助上限{}（低保标准 × {months}个月 × {n}人），不予支持；可按不超过上限的金额重新申请。",
                yuan(asked),
                yuan(cap)
            ),
            format!(
                "The amount asked, {}, is over the temporary assistance cap of {} (standard × {months} months × {n} members): refused; apply again for at most the cap.",
                yuan_en(asked),
                yuan_en(cap)
            ),
        );
        return;
    }
    a.eligible = true;
    a.one_off = asked;
    if asked > town {
        a.approver = Approver::District;
        w.reason(
            "needs_district",
            format!(
                "申请金额{}超过镇街审批权限{}、未超过上限{}，须报区县民政部门审批。",
                yuan(asked),
                yuan(town),
                yuan(cap)
            ),
            format!(
                "The amount asked, {}, is over the town's authority of {} and within the cap of {}: it needs district approval.",
                yuan_en(asked),
                yuan_en(town),
                yuan_en(cap)
            ),
        );
    } else {
        a.approver = Approver::Town;
        w.line(
            format!("申请金额{}未超过镇街审批权限{}，镇街可审批。", yuan(asked), yuan(town)),
            format!(
                "The amount asked, {}, is within the town's authority of {}: the town may approve it.",
                yuan_en(asked),
                yuan_en(town)
            ),
        );
    }
}

/// 医疗救助: for low-income households and below; the out-of-pocket cost × ratio, within what
/// is left of the annual cap.
fn medical(
    w: &mut Work<'_>,
    a: &mut Assessment,
    facts: &HouseholdFacts,
    request: &Request,
    members: &[&MemberFacts],
) {
    let (standard, pci) = (a.standard, a.per_capita_income);
    let line = w.low_income_line(standard);
    a.threshold = line;
    let income_ok = pci <= line;
    if !income_ok {
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}高于低收入认定标准{}，不符合医疗救助收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is above the low-income line {}: the income test fails.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    } else if pci < standard {
        w.line(
            format!(
                "月人均收入{}低于低保标准{}，属低保对象范围，符合收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is below the dibao standard {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else {
        w.line(
            format!(
                "月人均收入{}不高于低收入认定标准{}，符合收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is within the low-income line {}: the income test is met.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, a.members);
    let hukou_ok = w.hukou_test(a.programme, members);
    let cost = match request.medical_out_of_pocket {
        Some(x) if x > Fen::ZERO => Some(x),
        _ => {
            w.reason(
                "no_request",
                "未填写政策范围内个人自付医疗费用。".into(),
                "No in-policy out-of-pocket cost was given.".into(),
            );
            None
        }
    };
    let Some(cost) = cost else { return };
    if !(income_ok && assets_ok && hukou_ok) {
        return;
    }
    a.eligible = true;
    let ratio = w.param(ParamKey::MedicalRatio);
    let cap = Fen(w.param(ParamKey::MedicalAnnualCap));
    let by_ratio = cost.mul_permille(ratio);
    let paid = request.medical_paid_this_year.max(Fen::ZERO);
    let left = (cap - paid).max(Fen::ZERO);
    a.one_off = by_ratio.min(left);
    w.line(
        format!(
            "政策范围内个人自付费用{} × 救助比例{} = {}。",
            yuan(cost),
            percent(ratio),
            yuan(by_ratio)
        ),
        format!(
            "In-policy out-of-pocket cost {} × ratio {} = {}.",
            yuan_en(cost),
            percent(ratio),
            yuan_en(by_ratio)
        ),
    );
    w.line(
        format!(
            "年度救助封顶线{}，本年已救助{}，剩余额度{}。",
            yuan(cap),
            yuan(paid),
            yuan(left)
        ),
        format!(
            "Annual cap {}, already paid this year {}, left {}.",
            yuan_en(cap),
            yuan_en(paid),
            yuan_en(left)
        ),
    );
    w.line(
        format!("本次救助金额取两者中较小者：{}。", yuan(a.one_off)),
        format!(
            "The assistance is the smaller of the two: {}.",
            yuan_en(a.one_off)
        ),
    );
}

/// `550.00元`
pub(crate) fn yuan(f: Fen) -> String {
    format!("{}元", f.yuan_string())
}

/// `550.00 yuan`
pub(crate) fn yuan_en(f: Fen) -> String {
    format!("{} yuan", f.yuan_string())
}

/// Thousandths as a percentage: 350 → `35%`, 125 → `12.5%`.
fn percent(permille: i64) -> String {
    let sign = if permille < 0 { "-" } else { "" };
    let p = permille.unsigned_abs();
    if p.is_multiple_of(10) {
        format!("{sign}{}%", p / 10)
    } else {
        format!("{sign}{}.{}%", p / 10, p % 10)
    }
}

/// Thousandths as a multiple: 1600 → `1.6`, 1500 → `1.5`, 1250 → `1.25`, 2000 → `2`.
fn times(permille: i64) -> String {
    let sign = if permille < 0 { "-" } else { "" };
    let p = permille.unsigned_abs();
    let frac = format!("{:03}", p % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", p / 1000)
    } else {
        format!("{sign}{}.{frac}", p / 1000)
    }
}

/// Where a parameter's value comes from, as said to a citizen.
pub(crate) fn source(used: &ParamUse) -> (String, String) {
    match (&used.region_prefix, used.effective) {
        (Some(prefix), Some(from)) => (
            format!("（区划{prefix}自{from}起执行）"),
            format!(" (region {prefix}, from {from})"),
        ),
        _ => ("（默认标准）".into(), " (default)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistance::policy::PolicyParam;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn penjiang() -> RegionCode {
        RegionCode::parse("440703001001").unwrap()
    }

    /// A working-age member with local 户籍 and nothing special.
    fn member(id: i64, name: &str, relation: Relation, birth: NaiveDate) -> MemberFacts {
        MemberFacts {
            person_id: id,
            name: name.into(),
            relation,
            birth_date: birth,
            death_date: None,
            hukou_local: true,
            disability_kind: None,
            disability_grade: None,
            serious_illness: false,
            able_to_work: true,
            has_supporter: false,
            self_care: None,
        }
    }

    fn income(person_id: Option<i64>, kind: IncomeType, amount: i64) -> Income {
        Income {
            person_id,
            kind,
            amount: Fen(amount),
        }
    }

    fn household(members: Vec<MemberFacts>, incomes: Vec<Income>) -> HouseholdFacts {
        HouseholdFacts {
            members,
            incomes,
            assets: Assets {
                dwellings: 1,
                ..Assets::default()
            },
            single_parent: false,
            allowance: Default::default(),
        }
    }

    /// One adult, with `counted` wages over the year.
    fn single(counted: i64) -> HouseholdFacts {
        household(
            vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
            vec![income(Some(1), IncomeType::Wage, counted)],
        )
    }

    fn run(
        programme: Programme,
        facts: &HouseholdFacts,
        request: &Request,
        policy: &PolicySet,
    ) -> Assessment {
        assess(programme, &penjiang(), facts, request, policy, ym(2026, 6))
    }

    fn dibao(facts: &HouseholdFacts) -> Assessment {
        run(
            Programme::Dibao,
            facts,
            &Request::default(),
            &PolicySet::default(),
        )
    }

    fn codes(a: &Assessment) -> Vec<&str> {
        a.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    fn said(a: &Assessment, zh: &str) -> bool {
        a.explanation.iter().any(|l| l.zh.contains(zh))
    }

    fn param(id: i64, key: ParamKey, prefix: &str, value: i64) -> PolicyParam {
        PolicyParam {
            id,
            key,
            region_prefix: prefix.into(),
            effective: ym(2018, 1),
            value,
        }
    }

    /// Three members: wages 900000 counted, a disability subsidy 208400 exempt, one grade-2
    /// disabled member (the worked case of the brief).
    fn three_with_disabled() -> HouseholdFacts {
        let mut disabled = member(2, "李四", Relation::Spouse, d(1982, 3, 1));
        disabled.disability_kind = Some(DisabilityKind::Physical);
        disabled.disability_grade = Some(2);
        household(
            vec![
                member(1, "张三", Relation::Head, d(1980, 5, 1)),
                disabled,
                member(3, "张小明", Relation::Child, d(2005, 1, 1)),
            ],
            vec![
                income(Some(1), IncomeType::Wage, 900000),
                income(Some(2), IncomeType::DisabilitySubsidy, 208400),
            ],
        )
    }

    #[test]
    fn exempt_income_types() {
        let exempt: Vec<_> = IncomeType::ALL
            .iter()
            .copied()
            .filter(|k| k.exempt())
            .collect();
        assert_eq!(
            exempt,
            vec![
                IncomeType::DisabilitySubsidy,
                IncomeType::OldAgeAllowance,
                IncomeType::PriorityCarePension,
                IncomeType::OneChildReward,
                IncomeType::HeroismReward,
                IncomeType::AssistancePayment,
            ]
        );
    }

    #[test]
    fn increment_categories_have_their_keys() {
        assert_eq!(
            IncrementCategory::SevereDisability.param_key(),
            ParamKey::IncrementSevereDisability
        );
        assert_eq!(
            IncrementCategory::Aged70.param_key(),
            ParamKey::IncrementAged70
        );
        assert_eq!(
            IncrementCategory::Minor.param_key(),
            ParamKey::IncrementMinor
        );
        assert_eq!(
            IncrementCategory::SeriousIllness.param_key(),
            ParamKey::IncrementSeriousIllness
        );
        assert_eq!(
            IncrementCategory::SingleParent.param_key(),
            ParamKey::IncrementSingleParent
        );
    }

    /// Prints an explanation (`cargo test -- --nocapture explanation_reads`) for proofreading.
    #[test]
    fn explanation_reads_as_sentences() {
        let mut facts = three_with_disabled();
        facts.members[2].death_date = Some(d(2026, 4, 2));
        let a = assess(
            Programme::Dibao,
            &penjiang(),
            &facts,
            &Request::default(),
            &PolicySet::default(),
            ym(2026, 6),
        );
        for l in &a.explanation {
            println!("{}\n  {}", l.zh, l.en);
            assert!(l.zh.ends_with('。'), "{}", l.zh);
            assert!(l.en.ends_with('.'), "{}", l.en);
        }
    }

    #[test]
    fn dibao_worked_case_with_severe_disability() {
        let a = dibao(&three_with_disabled());
        assert!(a.eligible, "{:?}", a.reasons);
        assert!(a.reasons.is_empty());
        assert_eq!(a.members, 3);
        assert!(
            a.explanation[0]
                .en
                .contains("(张三, head; 李四, spouse; 张小明, child)")
        );
        assert_eq!(a.counted_income, Fen(900000));
        assert_eq!(a.exempt_income, Fen(208400));
        assert_eq!(a.per_capita_income, Fen(25000));
        assert_eq!(a.standard, Fen(55000));
        assert_eq!(a.threshold, Fen(55000));
        assert_eq!(a.base, Fen(90000));
        assert_eq!(
            a.increments,
            vec![Increment {
                person_id: 2,
                category: IncrementCategory::SevereDisability,
                permille: 350,
                amount: Fen(19250)
            }]
        );
        assert_eq!(a.monthly, Fen(109250));
        assert_eq!(a.one_off, Fen::ZERO);
        assert_eq!(a.shares.len(), 3);
        assert_eq!(
            a.shares[1],
            MemberShare {
                person_id: 2,
                name: "李四".into(),
                base: Fen(30000),
                increments: Fen(19250),
                total: Fen(49250)
            }
        );
        assert_eq!(a.shares[0].total, Fen(30000));
        assert_eq!(a.shares.iter().map(|s| s.total).sum::<Fen>(), a.monthly);
        // the explanation shows the numbers
        assert!(said(&a, "近12个月工资性收入9000.00元，计入家庭收入"));
        assert!(said(&a, "9000.00元 ÷ 12个月 ÷ 3人 = 250.00元"));
        assert!(said(&a, "残疾人两项补贴2084.00元，按政策不计入"));
        assert!(said(
            &a,
            "（低保标准550.00元 − 月人均收入250.00元）× 3人 = 900.00元"
        ));
        assert!(said(
            &a,
            "李四（44岁）属于重度残疾，分类施保按低保标准的35%增发192.50元"
        ));
        assert!(said(&a, "= 1092.50元"));
        assert!(said(&a, "每月发放1092.50元"));
        assert!(
            a.explanation
                .iter()
                .all(|l| !l.zh.is_empty() && !l.en.is_empty())
        );
        assert!(a.explanation.iter().any(|l| l.en.contains("1092.50 yuan")));
    }

    #[test]
    fn params_are_recorded_once() {
        let a = dibao(&three_with_disabled());
        let keys: Vec<ParamKey> = a.params.iter().map(|p| p.key).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "{keys:?}");
        for k in [
            ParamKey::DibaoStandard,
            ParamKey::DibaoMaxDwellings,
            ParamKey::DibaoMaxAssetsMonths,
            ParamKey::IncrementSevereDisability,
        ] {
            assert!(keys.contains(&k), "{k}");
        }
        assert!(a.params.iter().all(|p| p.param_id.is_none()));
    }

    #[test]
    fn stored_standard_is_used_and_recorded() {
        let policy = PolicySet::new(vec![param(42, ParamKey::DibaoStandard, "440703", 60000)]);
        let a = run(Programme::Dibao, &single(0), &Request::default(), &policy);
        assert_eq!(a.standard, Fen(60000));
        assert_eq!(a.monthly, Fen(60000));
        let used = a
            .params
            .iter()
            .find(|p| p.key == ParamKey::DibaoStandard)
            .unwrap();
        assert_eq!(used.param_id, Some(42));
        assert!(said(&a, "区划440703自2018-01起执行"));
    }

    #[test]
    fn income_exactly_at_the_standard_is_not_eligible() {
        let a = dibao(&single(660000));
        assert_eq!(a.per_capita_income, Fen(55000));
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["income_above_line"]);
        assert_eq!((a.monthly, a.base), (Fen::ZERO, Fen::ZERO));
        assert!(a.increments.is_empty() && a.shares.is_empty());
        assert!(said(&a, "不符合最低生活保障条件"));
        // one fen less a year is still at the standard after rounding down... one fen a month less is not
        let a = dibao(&single(660000 - 12));
        assert_eq!(a.per_capita_income, Fen(54999));
        assert!(a.eligible);
        assert_eq!(a.monthly, Fen(1));
    }

    #[test]
    fn per_capita_rounds_down_for_one_member() {
        let a = dibao(&single(100001));
        assert_eq!(a.per_capita_income, Fen(8333));
        assert_eq!(a.base, Fen(46667));
        assert_eq!(a.monthly, Fen(46667));
    }

    #[test]
    fn per_capita_rounds_down_for_three_members() {
        let mut facts = three_with_disabled();
        facts.incomes = vec![income(None, IncomeType::Wage, 1000000)];
        let a = dibao(&facts);
        assert_eq!(a.per_capita_income, Fen(27777));
        assert_eq!(a.base, Fen((55000 - 27777) * 3));
    }

    #[test]
    fn vehicle_fails_the_asset_test() {
        let mut facts = single(0);
        facts.assets.vehicles = 1;
        let a = dibao(&facts);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["vehicle"]);
        assert!(a.reasons[0].zh.contains("1辆"));
        assert_eq!(a.monthly, Fen::ZERO);
    }

    #[test]
    fn monetary_assets_limit_is_inclusive() {
        let two = |monetary: i64| {
            let mut facts = household(
                vec![
                    member(1, "张三", Relation::Head, d(1980, 5, 1)),
                    member(2, "李四", Relation::Spouse, d(1980, 5, 1)),
                ],
                vec![],
            );
            facts.assets.monetary = Fen(monetary);
            dibao(&facts)
        };
        let limit = 55000 * 24 * 2;
        let a = two(limit);
        assert!(a.eligible, "{:?}", a.reasons);
        assert!(said(
            &a,
            "未超过上限26400.00元（24个月 × 低保标准550.00元 × 2人）"
        ));
        let a = two(limit + 1);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["monetary_assets"]);
        assert!(a.reasons[0].zh.contains("26400.01元") && a.reasons[0].zh.contains("26400.00元"));
        assert!(a.reasons[0].en.contains("26400.01 yuan"));
    }

    #[test]
    fn dwellings_and_business_fail_with_reasons() {
        let mut facts = single(0);
        facts.assets.dwellings = 2;
        facts.assets.business_capital = Fen(1000000);
        facts.assets.vehicles = 2;
        let a = dibao(&facts);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["vehicle", "dwellings", "business"]);
        assert!(a.reasons[1].zh.contains("2套") && a.reasons[1].zh.contains("上限1套"));
        assert!(a.reasons[2].zh.contains("10000.00元"));
        // no dwelling at all is fine
        let mut facts = single(0);
        facts.assets.dwellings = 0;
        assert!(dibao(&facts).eligible);
    }

    #[test]
    fn hukou_must_be_local_for_dibao() {
        let mut facts = single(0);
        facts.members[0].hukou_local = false;
        let a = dibao(&facts);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["hukou_not_local"]);
        // the head decides, not the first member
        let mut facts = three_with_disabled();
        facts.members[0].relation = Relation::Child;
        facts.members[2].relation = Relation::Head;
        facts.members[2].hukou_local = false;
        assert_eq!(codes(&dibao(&facts)), vec!["hukou_not_local"]);
        facts.members[2].hukou_local = true;
        facts.members[0].hukou_local = false;
        assert!(dibao(&facts).eligible);
    }

    #[test]
    fn several_failures_are_all_named() {
        let mut facts = single(700000);
        facts.assets.vehicles = 1;
        facts.members[0].hukou_local = false;
        assert_eq!(
            codes(&dibao(&facts)),
            vec!["income_above_line", "vehicle", "hukou_not_local"]
        );
    }

    #[test]
    fn death_stops_the_share_from_the_next_month() {
        let mut old = member(2, "王五", Relation::Parent, d(1940, 1, 1));
        old.death_date = Some(d(2026, 3, 15));
        let facts = household(
            vec![member(1, "张三", Relation::Head, d(1980, 5, 1)), old],
            vec![
                income(None, IncomeType::Wage, 600000),
                income(Some(2), IncomeType::Pension, 120000),
            ],
        );
        let at = |m| {
            assess(
                Programme::Dibao,
                &penjiang(),
                &facts,
                &Request::default(),
                &PolicySet::default(),
                m,
            )
        };
        let march = at(ym(2026, 3));
        assert_eq!(march.members, 2);
        assert_eq!(march.counted_income, Fen(720000));
        assert_eq!(march.per_capita_income, Fen(30000));
        assert_eq!(march.monthly, Fen(50000));
        assert!(said(
            &march,
            "王五于2026-03-15去世，本月仍计入，自2026-04起不再计入家庭成员"
        ));
        let april = at(ym(2026, 4));
        assert_eq!(april.members, 1);
        // the dead member's pension no longer counts
        assert_eq!(april.counted_income, Fen(600000));
        assert_eq!(april.per_capita_income, Fen(50000));
        assert_eq!(april.monthly, Fen(5000));
        assert_eq!(april.shares.len(), 1);
        assert!(said(
            &april,
            "王五已于2026-03-15去世，自2026-04起不再计入家庭成员"
        ));
        assert!(said(&april, "王五的收入1200.00元不计入"));
        assert_eq!(counted_members(&facts, ym(2026, 3)).len(), 2);
        assert_eq!(counted_members(&facts, ym(2026, 4)).len(), 1);
        assert_eq!(counted_members(&facts, ym(2025, 1)).len(), 2);
    }

    #[test]
    fn no_members_is_a_reasoned_result() {
        let a = dibao(&HouseholdFacts::default());
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["no_members"]);
        assert_eq!(
            (a.members, a.per_capita_income, a.monthly),
            (0, Fen::ZERO, Fen::ZERO)
        );
        assert!(said(&a, "没有计入的家庭成员"));
        assert!(
            a.explanation
                .iter()
                .all(|l| l.zh.ends_with('。') && l.en.ends_with('.'))
        );
        // everyone died before the month
        let mut facts = single(0);
        facts.members[0].death_date = Some(d(2025, 12, 31));
        for &p in Programme::ALL {
            let a = run(
                p,
                &facts,
                &Request {
                    temporary_amount: Some(Fen(100)),
                    ..Request::default()
                },
                &PolicySet::default(),
            );
            assert!(!a.eligible, "{p}");
            assert_eq!(codes(&a), vec!["no_members"], "{p}");
        }
    }

    #[test]
    fn income_of_strangers_and_negative_income() {
        let facts = household(
            vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
            vec![
                income(Some(99), IncomeType::Wage, 5_000_000),
                income(Some(1), IncomeType::Business, -120000),
                income(Some(1), IncomeType::Wage, 120000),
            ],
        );
        let a = dibao(&facts);
        assert_eq!(a.counted_income, Fen(120000));
        assert_eq!(a.per_capita_income, Fen(10000));
        assert!(said(&a, "按0计算"));
        assert!(said(&a, "编号99"));
        assert!(a.eligible);
    }

    #[test]
    fn optional_increments_apply_when_a_region_sets_them() {
        let policy = PolicySet::new(vec![
            param(1, ParamKey::IncrementAged70, "4407", 200),
            param(2, ParamKey::IncrementMinor, "4407", 100),
            param(3, ParamKey::IncrementSeriousIllness, "4407", 150),
            param(4, ParamKey::IncrementSingleParent, "4407", 50),
            param(5, ParamKey::IncrementSevereDisability, "4407", 0),
        ]);
        let mut grandma = member(1, "王奶奶", Relation::Head, d(1956, 6, 1)); // 70 on 2026-06-01
        grandma.serious_illness = true;
        grandma.disability_grade = Some(1); // severe disability switched off by the region
        let child = member(2, "王小", Relation::Grandchild, d(2008, 6, 2)); // 17 on 2026-06-01
        let mut facts = household(vec![grandma, child], vec![]);
        facts.single_parent = true;
        let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
        assert!(a.eligible);
        let got: Vec<(i64, IncrementCategory, i64)> = a
            .increments
            .iter()
            .map(|i| (i.person_id, i.category, i.amount.0))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, IncrementCategory::Aged70, 11000),
                (1, IncrementCategory::SeriousIllness, 8250),
                (1, IncrementCategory::SingleParent, 2750),
                (2, IncrementCategory::Minor, 5500),
                (2, IncrementCategory::SingleParent, 2750),
            ]
        );
        assert_eq!(a.base, Fen(110000));
        assert_eq!(a.monthly, Fen(110000 + 11000 + 8250 + 2750 + 5500 + 2750));
        assert!(said(&a, "单亲家庭成员"));
        // a day short of 70 and a day past 18 do not count
        let young_gran = member(1, "李奶奶", Relation::Head, d(1956, 6, 2));
        let adult = member(2, "李大", Relation::Child, d(2008, 6, 1));
        let a = run(
            Programme::Dibao,
            &household(vec![young_gran, adult], vec![]),
            &Request::default(),
            &policy,
        );
        assert!(a.increments.is_empty());
        assert!(said(&a, "均不属于分类施保对象"));
    }

    #[test]
    fn increment_rounds_half_up() {
        let policy = PolicySet::new(vec![
            param(1, ParamKey::DibaoStandard, "440703", 55001),
            param(2, ParamKey::IncrementSevereDisability, "440703", 350),
        ]);
        let mut facts = single(0);
        facts.members[0].disability_grade = Some(1);
        let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
        // 55001 × 0.35 = 19250.35 → 19250; 55010 × 0.35 = 19253.5 → 19254
        assert_eq!(a.increments[0].amount, Fen(19250));
        let policy = policy.with(param(3, ParamKey::DibaoStandard, "440703001", 55010));
        let a = run(Programme::Dibao, &facts, &Request::default(), &policy);
        assert_eq!(a.increments[0].amount, Fen(19254));
        // grade 3 is not severe
        facts.members[0].disability_grade = Some(3);
        assert!(
            run(Programme::Dibao, &facts, &Request::default(), &policy)
                .increments
                .is_empty()
        );
    }

    #[test]
    fn low_income_band() {
        let low = |counted: i64| {
            run(
                Programme::LowIncome,
                &single(counted),
                &Request::default(),
                &PolicySet::default(),
            )
        };
        let a = low(840000);
        assert_eq!(a.per_capita_income, Fen(70000));
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(a.threshold, Fen(82500));
        assert_eq!((a.monthly, a.one_off), (Fen::ZERO, Fen::ZERO));
        assert!(said(
            &a,
            "低收入认定标准 = 低保标准550.00元 × 1.5倍 = 825.00元"
        ));
        assert!(said(&a, "认定为低收入家庭"));
        assert!(low(990000).eligible); // exactly the line
        assert!(low(660000).eligible); // exactly the standard
        let a = low(990012);
        assert_eq!(a.per_capita_income, Fen(82501));
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["income_above_line"]);
        let a = low(600000);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["dibao_eligible"]);
        assert!(a.reasons[0].zh.contains("符合低保条件，请申请低保"));
        let mut facts = single(840000);
        facts.assets.vehicles = 1;
        let a = run(
            Programme::LowIncome,
            &facts,
            &Request::default(),
            &PolicySet::default(),
        );
        assert_eq!(codes(&a), vec!["vehicle"]);
        assert!(
            a.params
                .iter()
                .any(|p| p.key == ParamKey::LowIncomeMultiple)
        );
    }

    fn tekun_policy() -> PolicySet {
        PolicySet::new(vec![
            param(11, ParamKey::TekunMultiple, "440703", 1600),
            param(12, ParamKey::TekunCarePartial, "440703", 30000),
        ])
    }

    fn elder(id: i64, name: &str) -> MemberFacts {
        let mut m = member(id, name, Relation::Head, d(1956, 1, 1)); // 70 in 2026-06
        m.able_to_work = false;
        m.self_care = Some(SelfCare::Partial);
        m
    }

    #[test]
    fn tekun_worked_case() {
        let facts = household(
            vec![elder(1, "陈伯")],
            vec![income(Some(1), IncomeType::OldAgeAllowance, 60000)],
        );
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(
            a.shares,
            vec![MemberShare {
                person_id: 1,
                name: "陈伯".into(),
                base: Fen(88000),
                increments: Fen(30000),
                total: Fen(118000)
            }]
        );
        assert_eq!(a.monthly, Fen(118000));
        assert_eq!(a.base, Fen::ZERO);
        assert!(a.increments.is_empty());
        assert!(said(
            &a,
            "特困人员基本生活标准 = 低保标准550.00元 × 1.6倍 = 880.00元"
        ));
        assert!(said(&a, "部分丧失生活自理能力"));
        assert!(said(&a, "每月发放1180.00元"));
        let used: Vec<Option<i64>> = a
            .params
            .iter()
            .filter(|p| p.key != ParamKey::DibaoStandard)
            .map(|p| p.param_id)
            .collect();
        assert_eq!(used, vec![Some(11), Some(12)]);
    }

    #[test]
    fn tekun_defaults_and_unassessed_self_care() {
        let mut m = elder(1, "陈伯");
        m.self_care = None;
        let a = run(
            Programme::Tekun,
            &household(vec![m], vec![]),
            &Request::default(),
            &PolicySet::default(),
        );
        assert!(a.eligible);
        // 1.3 × 55000, care for the fully self-caring 0 by default
        assert_eq!(a.monthly, Fen(71500));
        assert!(said(&a, "按具备生活自理能力计"));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TekunCareFull));
    }

    #[test]
    fn tekun_names_every_failing_condition() {
        let worker = member(1, "张三", Relation::Head, d(1980, 5, 1)); // 46, able to work
        let mut supported = elder(2, "张父");
        supported.relation = Relation::Parent;
        supported.has_supporter = true;
        let mut earner = elder(3, "张母");
        earner.relation = Relation::Parent;
        let facts = household(
            vec![worker, supported, earner],
            vec![income(Some(3), IncomeType::Pension, 240000)],
        );
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["not_three_nos"]);
        let r = &a.reasons[0];
        assert!(
            r.zh.contains("张三（46岁）：年龄在16至59周岁之间且无残疾、有劳动能力"),
            "{}",
            r.zh
        );
        assert!(
            r.zh.contains("张父（70岁）：有具备履行能力的法定赡养、抚养、扶养义务人"),
            "{}",
            r.zh
        );
        assert!(
            r.zh.contains("张母（70岁）：本人近12个月有计入收入2400.00元"),
            "{}",
            r.zh
        );
        assert!(r.en.contains("able to work"));
        assert_eq!((a.monthly, a.shares.len()), (Fen::ZERO, 0));
    }

    #[test]
    fn tekun_pays_only_qualifying_members() {
        let mut child = member(2, "小明", Relation::Grandchild, d(2015, 1, 1)); // 11
        child.able_to_work = false;
        child.self_care = Some(SelfCare::Full);
        let mut disabled = member(3, "阿强", Relation::Child, d(1990, 1, 1)); // 36, disabled
        disabled.able_to_work = false;
        disabled.disability_grade = Some(3);
        disabled.self_care = Some(SelfCare::None);
        let adult = member(4, "阿华", Relation::Child, d(1992, 1, 1));
        let facts = household(
            vec![elder(1, "陈伯"), child, disabled, adult],
            vec![income(Some(4), IncomeType::Wage, 3_000_000)],
        );
        let policy = tekun_policy().with(param(13, ParamKey::TekunCareNone, "440703", 100000));
        let a = run(Programme::Tekun, &facts, &Request::default(), &policy);
        assert!(a.eligible);
        let totals: Vec<(i64, i64)> = a.shares.iter().map(|s| (s.person_id, s.total.0)).collect();
        assert_eq!(totals, vec![(1, 118000), (2, 88000), (3, 188000)]);
        assert_eq!(a.monthly, Fen(118000 + 88000 + 188000));
        assert!(said(&a, "阿华（34岁）"));
    }

    #[test]
    fn tekun_needs_local_hukou_but_no_asset_test() {
        let mut facts = household(vec![elder(1, "陈伯")], vec![]);
        facts.assets.vehicles = 1;
        facts.assets.monetary = Fen(100_000_000);
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(a.eligible);
        facts.members[0].hukou_local = false;
        let a = run(
            Programme::Tekun,
            &facts,
            &Request::default(),
            &tekun_policy(),
        );
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["hukou_not_local"]);
    }

    fn medical(facts: &HouseholdFacts, out_of_pocket: Option<i64>, paid: i64) -> Assessment {
        let request = Request {
            medical_out_of_pocket: out_of_pocket.map(Fen),
            medical_paid_this_year: Fen(paid),
            ..Request::default()
        };
        run(Programme::Medical, facts, &request, &PolicySet::default())
    }

    #[test]
    fn medical_worked_case() {
        let a = medical(&single(0), Some(1000000), 4500000);
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(a.one_off, Fen(500000));
        assert_eq!(a.monthly, Fen::ZERO);
        assert!(said(
            &a,
            "政策范围内个人自付费用10000.00元 × 救助比例80% = 8000.00元"
        ));
        assert!(said(
            &a,
            "年度救助封顶线50000.00元，本年已救助45000.00元，剩余额度5000.00元"
        ));
        assert!(said(&a, "一次性救助5000.00元"));
        assert_eq!(medical(&single(0), Some(1000000), 0).one_off, Fen(800000));
        let full = medical(&single(0), Some(1000000), 6000000);
        assert!(full.eligible);
        assert_eq!(full.one_off, Fen::ZERO);
    }

    #[test]
    fn medical_follows_the_low_income_test() {
        // low-income household (pci 700.00)
        assert!(medical(&single(840000), Some(100000), 0).eligible);
        let a = medical(&single(990012), Some(100000), 0);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["income_above_line"]);
        assert_eq!(a.one_off, Fen::ZERO);
        let a = medical(&single(0), None, 0);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["no_request"]);
        let a = medical(&single(0), Some(0), 0);
        assert_eq!(codes(&a), vec!["no_request"]);
        let mut facts = single(0);
        facts.members[0].hukou_local = false;
        assert_eq!(
            codes(&medical(&facts, Some(100), 0)),
            vec!["hukou_not_local"]
        );
    }

    fn temporary(facts: &HouseholdFacts, asked: Option<i64>) -> Assessment {
        let request = Request {
            temporary_amount: asked.map(Fen),
            ..Request::default()
        };
        run(Programme::Temporary, facts, &request, &PolicySet::default())
    }

    fn two_members() -> HouseholdFacts {
        household(
            vec![
                member(1, "张三", Relation::Head, d(1980, 5, 1)),
                member(2, "李四", Relation::Spouse, d(1981, 5, 1)),
            ],
            vec![income(None, IncomeType::Wage, 2_000_000)],
        )
    }

    #[test]
    fn temporary_is_capped_and_over_the_towns_authority_needs_the_district() {
        // two members, standard 550.00: cap 550.00 × 3 × 2 = 3300.00, town 550.00 × 1 × 2 = 1100.00
        let a = temporary(&two_members(), Some(10_000_000_000_000));
        assert!(!a.eligible);
        assert_eq!(a.one_off, Fen::ZERO);
        assert_eq!(codes(&a), vec!["over_cap"]);
        assert!(said(&a, "临时救助上限 = 低保标准550.00元 × 3个月（默认标准） × 2人 = 3300.00元"));
        assert!(a.reasons[0].zh.contains("3300.00元") && a.reasons[0].zh.contains("不予支持"));
        let over = a.over_bound().expect("over the cap");
        assert_eq!(over.field, "request.temporary_amount");
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryMonthsCap && p.value == 3));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryTownMonths && p.value == 1));

        let a = temporary(&two_members(), Some(330001));
        assert_eq!(codes(&a), vec!["over_cap"]);

        let a = temporary(&two_members(), Some(330000));
        assert!(a.eligible && a.over_bound().is_none());
        assert_eq!(a.one_off, Fen(330000));
        assert_eq!(codes(&a), vec!["needs_district"]);
        assert_eq!(a.approver, Approver::District);
        assert!(said(&a, "镇街审批权限 = 低保标准550.00元 × 1个月（默认标准） × 2人 = 1100.00元"));

        let a = temporary(&two_members(), Some(110001));
        assert_eq!((codes(&a), a.approver), (vec!["needs_district"], Approver::District));
        let a = temporary(&two_members(), Some(110000));
        assert!(a.eligible && a.reasons.is_empty());
        assert_eq!(a.approver, Approver::Town);
    }

    #[test]
    fn temporary_bounds_follow_the_regions_parameters() {
        let policy = PolicySet::new(vec![
            param(1, ParamKey::TemporaryMonthsCap, "440703", 6),
            param(2, ParamKey::TemporaryTownMonths, "440703", 2),
        ]);
        let request = Request { temporary_amount: Some(Fen(660000)), ..Request::default() };
        // 550.00 × 6 × 2 = 6600.00 cap; 550.00 × 2 × 2 = 2200.00 town
        let a = run(Programme::Temporary, &two_members(), &request, &policy);
        assert!(a.eligible);
        assert_eq!(a.approver, Approver::District);
        assert!(said(&a, "× 6个月（区划440703自"));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryTownMonths && p.param_id == Some(2)));
        // a town authority above the cap is the cap
        let policy = PolicySet::new(vec![param(2, ParamKey::TemporaryTownMonths, "440703", 9)]);
        let a = run(Programme::Temporary, &two_members(), &Request { temporary_amount: Some(Fen(330000)), ..Request::default() }, &policy);
        assert_eq!(a.approver, Approver::Town);
    }

    #[test]
    fn typed_request_amounts_are_bounded() {
        assert!(Request::default().check().is_ok());
        let bad = Request { temporary_amount: Some(Fen(-5)), medical_out_of_pocket: Some(Fen(AmountBound::ABSURD.0 + 1)), medical_paid_this_year: Fen(-1) };
        let fields: Vec<String> = bad.check().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["request.temporary_amount", "request.medical_out_of_pocket", "request.medical_paid_this_year"]);
    }

    #[test]
    fn temporary_needs_a_request_but_not_local_hukou() {
        let a = temporary(&two_members(), None);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["no_request"]);
        assert_eq!(
            codes(&temporary(&two_members(), Some(-5))),
            vec!["no_request"]
        );
        let mut facts = two_members();
        facts.members[0].hukou_local = false;
        facts.assets.vehicles = 3;
        let a = temporary(&facts, Some(100000));
        assert!(a.eligible);
        assert!(a.reasons.is_empty());
        assert!(said(&a, "不要求本地户籍"));
    }

    #[test]
    fn odd_input_never_panics() {
        let huge = household(
            vec![member(1, "张三", Relation::Head, d(1980, 5, 1))],
            vec![
                income(Some(1), IncomeType::Wage, i64::MAX),
                income(Some(1), IncomeType::Wage, i64::MAX),
                income(None, IncomeType::DisabilitySubsidy, i64::MIN),
            ],
        );
        let request = Request {
            temporary_amount: Some(Fen(i64::MAX)),
            medical_out_of_pocket: Some(Fen(i64::MAX)),
            medical_paid_this_year: Fen(i64::MIN),
        };
        let policy = PolicySet::new(vec![
            param(1, ParamKey::DibaoStandard, "44", i64::MAX),
            param(2, ParamKey::DibaoMaxAssetsMonths, "44", i64::MAX),
            param(3, ParamKey::TemporaryMonthsCap, "44", i64::MAX),
            param(4, ParamKey::LowIncomeMultiple, "44", i64::MAX),
            param(5, ParamKey::MedicalRatio, "44", i64::MIN),
        ]);
        let mut facts = huge.clone();
        facts.assets.monetary = Fen(i64::MAX);
        facts.members[0].birth_date = d(2030, 1, 1);
        for &p in Programme::ALL {
            for f in [&huge, &facts] {
                let a = run(p, f, &request, &policy);
                assert!(!a.explanation.is_empty());
                let a = run(p, f, &request, &PolicySet::default());
                assert!(!a.explanation.is_empty());
            }
        }
    }

    #[test]
    fn vocabularies_read_what_officers_type() {
        assert_eq!(IncomeType::parse("工资"), Some(IncomeType::Wage));
        assert_eq!(
            IncomeType::parse("残疾人补贴"),
            Some(IncomeType::DisabilitySubsidy)
        );
        assert_eq!(SelfCare::parse("半失能"), Some(SelfCare::Partial));
        assert_eq!(
            IncrementCategory::parse("aged70"),
            Some(IncrementCategory::Aged70)
        );
    }
}
