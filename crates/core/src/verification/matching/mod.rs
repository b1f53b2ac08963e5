//! 比对 matching: what the departments hold about a household, against what it declared.
//!
//! [`verify`] takes the declared facts and the departmental records found for the members' ID
//! numbers, and returns the findings per member, a comparison per item (declared, found,
//! verified), the means test recomputed on the verified figures, the conclusion with its reasons,
//! and the red flags with their evidence.
//!
//! Verified = the larger of declared and found, item by item: a department's silence does not
//! lower what a household declared (informal work leaves no record), and a department's record
//! is not outweighed by a lower declaration.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::feed::{Feed, Record};
use crate::assistance::means::{Assessment, HouseholdFacts, Income, IncomeType, Request, assess};
use crate::assistance::money::Fen;
use crate::assistance::month::YearMonth;
use crate::assistance::policy::{ParamKey, PolicySet};
use crate::assistance::programme::Programme;
use crate::mask::{mask_id_number, mask_name};
use crate::registry::region::RegionCode;

vocabulary! {
    /// 疑点 a red flag raised by verification.
    pub enum FlagCode {
        UndeclaredVehicle => ("undeclared_vehicle", "有未申报的机动车", "Undeclared motor vehicle"),
        PropertyOverLimit => ("property_over_limit", "住房超过限定套数", "Property beyond the limit"),
        BusinessOwner => ("business_owner", "投资办企业或任法定代表人", "Business owner or legal representative"),
        DepositsOverLimit => ("deposits_over_limit", "存款超过限额", "Deposits beyond the limit"),
        IncomeAboveLine => ("income_above_line", "收入超过认定标准", "Income above the line"),
        Deceased => ("deceased", "成员已死亡", "Member recorded as deceased"),
        OtherHousehold => ("other_household", "成员属于其他户", "Member of another household"),
        EnrolledElsewhere => ("enrolled_elsewhere", "成员已在其他救助项目在保", "Member enrolled in an excluding programme"),
        StaffRelative => ("staff_relative", "民政工作人员或村干部近亲属", "Close relative of staff or cadres"),
        SharedBankAccount => ("shared_bank_account", "多户共用同一银行账户", "Bank account shared by several households"),
        UndeclaredSpouse => ("undeclared_spouse", "有未申报的配偶", "Undeclared spouse"),
    }
}

vocabulary! {
    /// 核对结论 the conclusion of a verification.
    pub enum Conclusion {
        Consistent => ("consistent", "申报与核对一致", "Consistent with the declaration"),
        Inconsistent => ("inconsistent", "申报与核对不一致", "Inconsistent with the declaration"),
        NotEligible => ("not_eligible", "核对后不符合条件", "Not eligible on verified figures"),
    }
}

/// A member under verification, as the registry knows him.
#[derive(Clone, Debug)]
pub struct Member {
    pub person_id: i64,
    pub name: String,
    pub id_number: Option<String>,
    /// the registry's household of the person, when it is not the one verified
    pub registry_other_household: Option<i64>,
    /// the registry records the person as deceased
    pub registry_death: Option<NaiveDate>,
}

/// An active enrolment of a member elsewhere on this platform.
#[derive(Clone, Debug)]
pub struct OtherEnrolment {
    pub person_id: i64,
    pub programme: String,
    pub case_id: i64,
    pub household_id: i64,
}

/// A member registered as a close relative of staff or cadres (近亲属备案).
#[derive(Clone, Debug)]
pub struct StaffRelative {
    pub person_id: i64,
    pub staff_name: String,
    pub staff_post: String,
    pub relation: String,
}

/// Everything [`verify`] looks at for one household.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    pub programme: Programme,
    pub region: &'a RegionCode,
    pub month: YearMonth,
    pub declared: &'a HouseholdFacts,
    pub request: &'a Request,
    pub members: &'a [Member],
    /// the departmental records of the members' ID numbers (any order)
    pub found: &'a [(Feed, Record)],
    pub enrolments: &'a [OtherEnrolment],
    pub relatives: &'a [StaffRelative],
    /// the household's bank account and the other households paid into it
    pub shared_account: Option<(&'a str, &'a [i64])>,
}

/// One departmental record, as a sentence.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub feed: String,
    pub feed_zh: String,
    pub source_zh: String,
    pub zh: String,
    pub en: String,
    pub amount: i64,
    pub quantity: i64,
    pub reference: String,
    pub on_date: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberFindings {
    pub person_id: i64,
    pub name: String,
    pub id_number: String,
    pub findings: Vec<Finding>,
}

/// Unit of a comparison's numbers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = matching::Unit))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Fen,
    Count,
}

/// Declared, found and verified figures of one item.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub item: String,
    pub zh: String,
    pub en: String,
    pub declared: i64,
    pub found: i64,
    pub verified: i64,
    pub unit: Unit,
    pub differs: bool,
}

/// A red flag with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagFinding {
    pub code: String,
    pub person_id: Option<i64>,
    pub evidence_zh: String,
    pub evidence_en: String,
}

/// What the declared facts gave, for comparison.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeclaredSummary {
    pub eligible: bool,
    pub per_capita_income: Fen,
    pub monthly: Fen,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConclusionReason {
    pub code: String,
    pub zh: String,
    pub en: String,
}

/// The result of verifying one household.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outcome {
    pub members: Vec<MemberFindings>,
    pub comparisons: Vec<Comparison>,
    pub declared: DeclaredSummary,
    pub verified: Assessment,
    pub verified_facts: HouseholdFacts,
    pub conclusion: Conclusion,
    pub reasons: Vec<ConclusionReason>,
    pub flags: Vec<FlagFinding>,
}

fn yuan(f: i64) -> String {
    format!("{}元", Fen(f).yuan_string())
}

fn code_zh(codes: &[(&str, &'static str)], code: &str) -> &'static str {
    codes.iter().find(|(c, _)| *c == code).map(|(_, zh)| *zh).unwrap_or("")
}

/// The record as a sentence, in Chinese and English.
pub fn describe(feed: Feed, r: &Record) -> (String, String) {
    use super::feed as f;
    let area = |q: i64| format!("{}.{:02}", q / 100, q % 100);
    match feed {
        Feed::Hukou => (format!("户籍：户号 {}，{}", r.reference, r.detail), format!("registered in household booklet {}", r.reference)),
        Feed::Death => (format!("公安死亡登记：{} 死亡", r.on_date), format!("deregistered as deceased on {}", r.on_date)),
        Feed::Vehicle => (
            format!("机动车 {}（{}，{}初次登记）", r.reference, code_zh(f::VEHICLE_TYPES, &r.category), r.on_date),
            format!("motor vehicle {} ({}, registered {})", r.reference, r.category, r.on_date),
        ),
        Feed::Pension => (format!("领取养老金每月{}（{}）", yuan(r.amount), r.detail), format!("pension of {} yuan a month", Fen(r.amount).yuan_string())),
        Feed::Contribution => (
            format!("{} 参保，月缴费基数{}，近12个月缴费{}个月", r.detail, yuan(r.amount), r.quantity),
            format!("insured by {}, base {} yuan a month, {} months in the last 12", r.detail, Fen(r.amount).yuan_string(), r.quantity),
        ),
        Feed::Unemployment => (
            format!("领取失业保险金每月{}，近12个月{}个月", yuan(r.amount), r.quantity),
            format!("unemployment benefit of {} yuan a month, {} months", Fen(r.amount).yuan_string(), r.quantity),
        ),
        Feed::Property => (
            format!("不动产 {}，{}，建筑面积{}平方米", r.reference, r.detail, area(r.quantity)),
            format!("real estate {}, {} m²", r.reference, area(r.quantity)),
        ),
        Feed::Business => (
            format!("{}（{}）{}，认缴出资{}", r.detail, r.reference, code_zh(f::BUSINESS_ROLES, &r.category), yuan(r.amount)),
            format!("{} ({}): {}, capital {} yuan", r.detail, r.reference, r.category, Fen(r.amount).yuan_string()),
        ),
        Feed::TaxIncome => (
            format!("个税申报{}：近12个月{}", code_zh(f::TAX_ITEMS, &r.category), yuan(r.amount)),
            format!("declared {} income of {} yuan in the last 12 months", r.category, Fen(r.amount).yuan_string()),
        ),
        Feed::ProvidentFund => (
            format!("公积金：{} 月缴存{}，余额{}", r.detail, yuan(r.amount), yuan(r.extra_amount)),
            format!("provident fund: {} yuan a month, balance {} yuan", Fen(r.amount).yuan_string(), Fen(r.extra_amount).yuan_string()),
        ),
        Feed::Deposit => (
            format!("{} 账户 {} 余额{}", r.detail, mask_account(&r.reference), yuan(r.amount)),
            format!("{} account {} balance {} yuan", r.detail, mask_account(&r.reference), Fen(r.amount).yuan_string()),
        ),
        Feed::Marriage => (
            format!("{}登记 {}，配偶 {}（{}）", code_zh(f::MARRIAGE_KINDS, &r.category), r.on_date, mask_name(&r.detail), mask_id_number(&r.reference)),
            format!("{} registered {} with {}", r.category, r.on_date, mask_id_number(&r.reference)),
        ),
        Feed::Cremation => (format!("火化记录：{} 死亡，{}", r.on_date, r.detail), format!("cremation record: died {}", r.on_date)),
        Feed::Enrolment => (
            format!("在 {} 享受{}（{}起）", r.reference, code_zh(f::ENROLMENT_PROGRAMMES, &r.category), r.on_date),
            format!("enrolled in {} in {} since {}", r.category, r.reference, r.on_date),
        ),
    }
}

/// A bank account shows its last four digits only (an account number is a key to money).
pub fn mask_account(account: &str) -> String {
    let n = account.chars().count();
    if n <= 4 {
        return "*".repeat(n);
    }
    let tail: String = account.chars().skip(n - 4).collect();
    format!("****{tail}")
}

/// Months of the 12 before `month` that fall on or after `since` (a YYYY-MM-DD date; empty: all 12).
fn months_in_last_year(since: &str, month: YearMonth) -> i64 {
    let Some(start) = NaiveDate::parse_from_str(since, "%Y-%m-%d").ok().map(YearMonth::of) else { return 12 };
    let first = month.plus(-12);
    if start <= first { 12 } else { i64::from(start.months_until(month).clamp(0, 12)) }
}

/// Income found per person and type over the last 12 months. Wages come from two departments
/// (the contribution base and the tax declaration); per person the larger counts, never both.
fn found_incomes(by_person: &BTreeMap<i64, Vec<&(Feed, Record)>>, month: YearMonth) -> BTreeMap<(i64, IncomeType), i64> {
    let mut out: BTreeMap<(i64, IncomeType), i64> = BTreeMap::new();
    for (&pid, records) in by_person {
        let mut wage_contribution = 0;
        let mut wage_tax = 0;
        for (feed, r) in records {
            match feed {
                Feed::Contribution => wage_contribution += r.amount * r.quantity,
                Feed::TaxIncome => {
                    let kind = match r.category.as_str() {
                        "wage" => {
                            wage_tax += r.amount;
                            continue;
                        }
                        "business" => IncomeType::Business,
                        "property" => IncomeType::Property,
                        _ => IncomeType::Other,
                    };
                    *out.entry((pid, kind)).or_default() += r.amount;
                }
                Feed::Pension => *out.entry((pid, IncomeType::Pension)).or_default() += r.amount * months_in_last_year(&r.on_date, month),
                Feed::Unemployment => *out.entry((pid, IncomeType::Other)).or_default() += r.amount * r.quantity,
                _ => {}
            }
        }
        let wage = wage_contribution.max(wage_tax);
        if wage > 0 {
            *out.entry((pid, IncomeType::Wage)).or_default() += wage;
        }
    }
    out
}

/// Verifies one household. Pure: the same input gives the same outcome.
pub fn verify(input: &Input, policy: &PolicySet) -> Outcome {
    let Input { programme, region, month, declared, request, members, found, .. } = *input;
    let person_of = |id_number: &str| members.iter().find(|m| m.id_number.as_deref() == Some(id_number)).map(|m| m.person_id);
    let mut by_person: BTreeMap<i64, Vec<&(Feed, Record)>> = BTreeMap::new();
    for rec in found {
        if let Some(pid) = person_of(&rec.1.id_number) {
            by_person.entry(pid).or_default().push(rec);
        }
    }
    let records_of = |pid: i64| by_person.get(&pid).map(Vec::as_slice).unwrap_or_default();
    let name_of = |pid: i64| members.iter().find(|m| m.person_id == pid).map(|m| m.name.clone()).unwrap_or_default();

    let member_findings: Vec<MemberFindings> = members
        .iter()
        .map(|m| MemberFindings {
            person_id: m.person_id,
            name: m.name.clone(),
            id_number: m.id_number.clone().unwrap_or_default(),
            findings: records_of(m.person_id)
                .iter()
                .map(|(feed, r)| {
                    let (zh, en) = describe(*feed, r);
                    Finding {
                        feed: feed.as_str().into(),
                        feed_zh: feed.zh().into(),
                        source_zh: feed.source().zh().into(),
                        zh,
                        en,
                        amount: r.amount,
                        quantity: r.quantity,
                        reference: if *feed == Feed::Deposit { mask_account(&r.reference) } else { r.reference.clone() },
                        on_date: r.on_date.clone(),
                    }
                })
                .collect(),
        })
        .collect();

    let all = || by_person.values().flatten();
    let of_feed = move |f: Feed| all().filter(move |(feed, _)| *feed == f).map(|(_, r)| r);

    // the verified facts: declared, with deaths and each item raised to what was found
    let mut verified = declared.clone();
    let mut deaths: Vec<(i64, NaiveDate, &'static str)> = Vec::new();
    for m in members {
        let mut earliest: Option<(NaiveDate, &'static str)> = m.registry_death.map(|d| (d, "户籍登记"));
        for (feed, r) in records_of(m.person_id) {
            if matches!(feed, Feed::Death | Feed::Cremation)
                && let Ok(d) = NaiveDate::parse_from_str(&r.on_date, "%Y-%m-%d")
                && earliest.is_none_or(|(e, _)| d < e)
            {
                earliest = Some((d, feed.zh()));
            }
        }
        if let Some((d, src)) = earliest {
            deaths.push((m.person_id, d, src));
            if let Some(f) = verified.members.iter_mut().find(|f| f.person_id == m.person_id) {
                f.death_date = Some(f.death_date.map_or(d, |x| x.min(d)));
            }
        }
    }

    let mut comparisons = Vec::new();
    let found_income = found_incomes(&by_person, month);
    // per type: what each person earns beyond what was declared for him, less what was declared
    // for the household without naming a person (it may be that same income)
    let mut incomes = Vec::new();
    for &kind in IncomeType::ALL {
        let declared_by = |pid: Option<i64>| declared.incomes.iter().filter(|i| i.kind == kind && i.person_id == pid).map(|i| i.amount.0).sum::<i64>();
        let d: i64 = declared.incomes.iter().filter(|i| i.kind == kind).map(|i| i.amount.0).sum();
        let f: i64 = found_income.iter().filter(|((_, k), _)| *k == kind).map(|(_, v)| v).sum();
        if d == 0 && f == 0 {
            continue;
        }
        let excess: i64 = found_income.iter().filter(|((_, k), _)| *k == kind).map(|((pid, _), v)| (v - declared_by(Some(*pid))).max(0)).sum();
        let extra = (excess - declared_by(None)).max(0);
        if extra > 0 {
            // the declared lines stay as they are (with their persons); what was found beyond them is one more line
            incomes.push(Income { person_id: None, kind, amount: Fen(extra) });
        }
        comparisons.push(Comparison {
            item: format!("income.{}", kind.as_str()),
            zh: format!("{}（近12个月）", kind.zh()),
            en: format!("{} (last 12 months)", kind.en()),
            declared: d,
            found: f,
            verified: d + extra,
            unit: Unit::Fen,
            differs: extra > 0,
        });
    }
    verified.incomes.extend(incomes);

    let vehicles_found = of_feed(Feed::Vehicle).filter(|r| r.category != "disabled_mobility").count() as i64;
    let mut certificates: Vec<&str> = of_feed(Feed::Property).map(|r| r.reference.as_str()).collect();
    certificates.sort_unstable();
    certificates.dedup();
    let dwellings_found = certificates.len() as i64;
    let capital_found: i64 = of_feed(Feed::Business).filter(|r| r.category != "legal_representative").map(|r| r.amount).sum();
    let deposits_found: i64 = of_feed(Feed::Deposit).map(|r| r.amount).sum();
    let a = &declared.assets;
    let mut asset = |item: &str, zh: &str, en: &str, d: i64, f: i64, unit: Unit| -> i64 {
        let v = d.max(f);
        comparisons.push(Comparison { item: item.into(), zh: zh.into(), en: en.into(), declared: d, found: f, verified: v, unit, differs: v != d });
        v
    };
    let v_vehicles = asset("assets.vehicles", "机动车（辆，不含残疾人专用车）", "Motor vehicles (not exempt)", i64::from(a.vehicles), vehicles_found, Unit::Count);
    let v_dwellings = asset("assets.dwellings", "住房（套）", "Dwellings", i64::from(a.dwellings), dwellings_found, Unit::Count);
    let v_capital = asset("assets.business_capital", "投资企业出资额", "Business capital", a.business_capital.0, capital_found, Unit::Fen);
    let v_monetary = asset("assets.monetary", "存款等货币财产", "Deposits and other monetary assets", a.monetary.0, deposits_found, Unit::Fen);
    verified.assets.vehicles = u32::try_from(v_vehicles).unwrap_or(u32::MAX);
    verified.assets.dwellings = u32::try_from(v_dwellings).unwrap_or(u32::MAX);
    verified.assets.business_capital = Fen(v_capital);
    verified.assets.monetary = Fen(v_monetary);

    let declared_assessment = assess(programme, region, declared, request, policy, month);
    let assessment = assess(programme, region, &verified, request, policy, month);
    if declared_assessment.members != assessment.members {
        comparisons.push(Comparison {
            item: "members".into(),
            zh: "计入的家庭成员（人）".into(),
            en: "Members counted".into(),
            declared: i64::from(declared_assessment.members),
            found: i64::from(assessment.members),
            verified: i64::from(assessment.members),
            unit: Unit::Count,
            differs: true,
        });
    }

    // red flags
    let mut flags = Vec::new();
    let mut flag = |code: FlagCode, person_id: Option<i64>, zh: String, en: String| flags.push(FlagFinding { code: code.as_str().into(), person_id, evidence_zh: zh, evidence_en: en });
    let standard = policy.get(ParamKey::DibaoStandard, region, month).value;
    if vehicles_found > i64::from(a.vehicles) {
        for (pid, records) in &by_person {
            for (_, r) in records.iter().filter(|(f, r)| *f == Feed::Vehicle && r.category != "disabled_mobility") {
                let (zh, en) = describe(Feed::Vehicle, r);
                flag(FlagCode::UndeclaredVehicle, Some(*pid), format!("{}名下有{}；申报机动车{}辆", name_of(*pid), zh, a.vehicles), format!("{}: {en}; declared {} vehicles", name_of(*pid), a.vehicles));
            }
        }
    }
    let max_dwellings = policy.get(ParamKey::DibaoMaxDwellings, region, month).value;
    if dwellings_found > max_dwellings {
        flag(
            FlagCode::PropertyOverLimit,
            None,
            format!("不动产登记{}套（{}），超过上限{}套", dwellings_found, certificates.join("、"), max_dwellings),
            format!("{dwellings_found} dwellings registered ({}), limit {max_dwellings}", certificates.join(", ")),
        );
    }
    for (pid, records) in &by_person {
        for (_, r) in records.iter().filter(|(f, _)| *f == Feed::Business) {
            let (zh, en) = describe(Feed::Business, r);
            flag(FlagCode::BusinessOwner, Some(*pid), format!("{}：{}", name_of(*pid), zh), format!("{}: {en}", name_of(*pid)));
        }
    }
    let months_limit = policy.get(ParamKey::DibaoMaxAssetsMonths, region, month).value;
    let deposit_limit = months_limit * standard * i64::from(assessment.members.max(1));
    if deposits_found > deposit_limit {
        flag(
            FlagCode::DepositsOverLimit,
            None,
            format!("银行存款合计{}，超过限额{}（{}个月 × 标准{} × {}人）", yuan(deposits_found), yuan(deposit_limit), months_limit, yuan(standard), assessment.members.max(1)),
            format!("deposits of {} yuan exceed the limit of {} yuan", Fen(deposits_found).yuan_string(), Fen(deposit_limit).yuan_string()),
        );
    }
    if assessment.threshold.0 > 0 && assessment.per_capita_income.0 >= assessment.threshold.0 && programme != Programme::Temporary {
        flag(
            FlagCode::IncomeAboveLine,
            None,
            format!("核对后月人均收入{}，不低于认定标准{}（申报为{}）", yuan(assessment.per_capita_income.0), yuan(assessment.threshold.0), yuan(declared_assessment.per_capita_income.0)),
            format!(
                "verified per-capita income {} yuan is not below the line of {} yuan (declared {} yuan)",
                assessment.per_capita_income.yuan_string(),
                assessment.threshold.yuan_string(),
                declared_assessment.per_capita_income.yuan_string()
            ),
        );
    }
    for (pid, d, src) in &deaths {
        flag(FlagCode::Deceased, Some(*pid), format!("{}：{}记载于 {} 死亡", name_of(*pid), src, d), format!("{} died on {d} ({src})", name_of(*pid)));
    }
    // 户号: the applicant's (first member with a hukou record) is the household's
    let hukou: Vec<(i64, &str)> = members
        .iter()
        .filter_map(|m| records_of(m.person_id).iter().find(|(f, _)| *f == Feed::Hukou).map(|(_, r)| (m.person_id, r.reference.as_str())))
        .collect();
    let household_number = hukou.first().map(|(_, n)| *n);
    for m in members {
        if let Some(other) = m.registry_other_household {
            flag(FlagCode::OtherHousehold, Some(m.person_id), format!("{}在本平台户籍信息中登记在其他家庭户（户 {other}）", m.name), format!("{} is registered in household {other} on this platform", m.name));
        } else if let Some((_, n)) = hukou.iter().find(|(p, _)| *p == m.person_id)
            && Some(*n) != household_number
        {
            flag(
                FlagCode::OtherHousehold,
                Some(m.person_id),
                format!("{}的公安户籍户号为 {}，与申请人户号 {} 不同", m.name, n, household_number.unwrap_or_default()),
                format!("{}'s household booklet is {n}, not the applicant's {}", m.name, household_number.unwrap_or_default()),
            );
        }
    }
    for e in input.enrolments.iter().filter(|e| programme.excludes(&e.programme)) {
        let prog = Programme::parse(&e.programme).map(|p| p.zh()).unwrap_or("救助");
        flag(
            FlagCode::EnrolledElsewhere,
            Some(e.person_id),
            format!("{}已在保：{}（案件 {}，家庭户 {}）", name_of(e.person_id), prog, e.case_id, e.household_id),
            format!("{} is enrolled in {} (case {}, household {})", name_of(e.person_id), e.programme, e.case_id, e.household_id),
        );
    }
    for (pid, records) in &by_person {
        for (_, r) in records.iter().filter(|(f, r)| *f == Feed::Enrolment && programme.excludes(&r.category)) {
            let (zh, en) = describe(Feed::Enrolment, r);
            flag(FlagCode::EnrolledElsewhere, Some(*pid), format!("{}：{}", name_of(*pid), zh), format!("{}: {en}", name_of(*pid)));
        }
    }
    for r in input.relatives {
        flag(
            FlagCode::StaffRelative,
            Some(r.person_id),
            format!("{}是{}（{}）的{}，已近亲属备案", name_of(r.person_id), r.staff_name, r.staff_post, r.relation),
            format!("{} is a registered relative ({}) of {} ({})", name_of(r.person_id), r.relation, r.staff_name, r.staff_post),
        );
    }
    if let Some((account, others)) = input.shared_account
        && !others.is_empty()
    {
        let list: Vec<String> = others.iter().map(i64::to_string).collect();
        flag(
            FlagCode::SharedBankAccount,
            None,
            format!("发放账户 {} 同时是家庭户 {} 的发放账户", mask_account(account), list.join("、")),
            format!("the payment account {} is also used by households {}", mask_account(account), list.join(", ")),
        );
    }
    let member_ids: Vec<&str> = members.iter().filter_map(|m| m.id_number.as_deref()).collect();
    for (pid, records) in &by_person {
        let latest = records.iter().filter(|(f, _)| *f == Feed::Marriage).max_by(|a, b| a.1.on_date.cmp(&b.1.on_date));
        if let Some((_, r)) = latest
            && r.category == "marriage"
            && !member_ids.contains(&r.reference.as_str())
        {
            flag(
                FlagCode::UndeclaredSpouse,
                Some(*pid),
                format!("{}于 {} 登记结婚，配偶 {}（{}）不在申报的家庭成员中", name_of(*pid), r.on_date, mask_name(&r.detail), mask_id_number(&r.reference)),
                format!("{} married on {} a spouse ({}) not among the declared members", name_of(*pid), r.on_date, mask_id_number(&r.reference)),
            );
        }
    }

    // the conclusion
    let mut reasons = Vec::new();
    let conclusion = if !assessment.eligible {
        reasons.extend(assessment.reasons.iter().map(|r| ConclusionReason { code: r.code.clone(), zh: r.zh.clone(), en: r.en.clone() }));
        Conclusion::NotEligible
    } else if comparisons.iter().any(|c| c.differs) || assessment.monthly != declared_assessment.monthly {
        for c in comparisons.iter().filter(|c| c.differs) {
            let show = |v: i64| if c.unit == Unit::Fen { yuan(v) } else { v.to_string() };
            reasons.push(ConclusionReason {
                code: c.item.clone(),
                zh: format!("{}：申报{}，核对{}", c.zh, show(c.declared), show(c.verified)),
                en: format!("{}: declared {}, verified {}", c.en, c.declared, c.verified),
            });
        }
        reasons.push(ConclusionReason {
            code: "amount".into(),
            zh: format!("月救助金：按申报{}，按核对{}", yuan(declared_assessment.monthly.0), yuan(assessment.monthly.0)),
            en: format!("monthly benefit: {} yuan as declared, {} yuan as verified", declared_assessment.monthly.yuan_string(), assessment.monthly.yuan_string()),
        });
        Conclusion::Inconsistent
    } else {
        Conclusion::Consistent
    };

    Outcome {
        members: member_findings,
        comparisons,
        declared: DeclaredSummary { eligible: declared_assessment.eligible, per_capita_income: declared_assessment.per_capita_income, monthly: declared_assessment.monthly },
        verified: assessment,
        verified_facts: verified,
        conclusion,
        reasons,
        flags,
    }
}

#[cfg(test)]
mod tests;
