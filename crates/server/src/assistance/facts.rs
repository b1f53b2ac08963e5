//! The household facts a means test runs on: what the officer declares, completed from the
//! registry (names, birth dates, 户籍, disability, deaths), and the flags acceptance raises.
use minzheng_core::assistance::money::{AmountBound, Fen};
use minzheng_core::assistance::Programme;
use chrono::NaiveDate;
use minzheng_core::assistance::means::{Assets, HouseholdFacts, Income, SelfCare};
use minzheng_core::elderly::allowance::AllowanceFacts;
use minzheng_core::registry::person::{DisabilityKind, Relation};
use minzheng_store::registry::households::HouseholdRecord;
use minzheng_store::registry::persons::PersonRecord;
use serde::{Deserialize, Serialize};

pub use minzheng_app::assistance::facts::{FactsInput, MemberInput, member_facts};

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use minzheng_store::Scope;
use minzheng_core::FieldError;

/// Something an officer must look at before going on (POLICY.md: flags at acceptance).
#[derive(utoipa::ToSchema)]
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Flag {
    pub code: String,
    pub person_id: Option<i64>,
    pub zh: String,
    pub en: String,
}

/// The facts, with each member completed from the registry; field errors name `facts.…`.
pub async fn build(state: &AppState, scope: &Scope, household: &HouseholdRecord, input: &FactsInput) -> ApiResult<(HouseholdFacts, Vec<PersonRecord>)> {
    let mut errors = Vec::new();
    if input.members.is_empty() {
        errors.push(FieldError::new("facts.members", "请至少选择一名共同生活的家庭成员", "at least one member is required"));
    }
    let mut members = Vec::new();
    let mut persons = Vec::new();
    for (i, m) in input.members.iter().enumerate() {
        let field = format!("facts.members[{i}].person_id");
        let Some(pid) = m.person_id else {
            errors.push(FieldError::new(field, "请选择成员", "person_id is required"));
            continue;
        };
        if persons.iter().any(|p: &PersonRecord| p.id == pid) {
            errors.push(FieldError::new(field, "成员重复", "the member is listed twice"));
            continue;
        }
        let p = match state.store.person(scope, pid).await {
            Ok(p) => p,
            Err(minzheng_store::StoreError::NotFound) => {
                errors.push(FieldError::new(field, format!("人员 {pid} 不存在或不在本账号管辖范围内"), format!("person {pid} does not exist or is outside your region")));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        // the self-care ability of a person assessed under GB/T 42195-2022 is his latest level's
        let mut m = m.clone();
        if let Some(level) = state.store.latest_assessment(p.id).await?.map(|a| a.level) {
            m.self_care = Some(level.self_care());
        }
        members.push(member_facts(&p, household, &m)?);
        persons.push(p);
    }
    for (i, inc) in input.incomes.iter().enumerate() {
        // 12 months' income of one kind: not negative, at most 10亿元 (a typo beyond)
        if let Err(e) = AmountBound::non_negative(Fen(100_000_000_000)).check(&format!("facts.incomes[{i}].amount"), "收入金额", Some(inc.amount.0)) {
            errors.push(e);
        }
        if let Some(pid) = inc.person_id
            && !input.members.iter().any(|m| m.person_id == Some(pid))
        {
            errors.push(FieldError::new(format!("facts.incomes[{i}].person_id"), "收入所属人员不在所选家庭成员中", "the income's person is not among the members"));
        }
    }
    let a = &input.assets;
    for (field, label, v) in [("facts.assets.business_capital", "注册资本", a.business_capital), ("facts.assets.monetary", "货币财产", a.monetary)] {
        if let Err(e) = AmountBound::non_negative(Fen(100_000_000_000)).check(field, label, Some(v.0)) {
            errors.push(e);
        }
    }
    if a.vehicles > 100 || a.dwellings > 100 {
        errors.push(FieldError::new("facts.assets", "车辆或住房数量过大，请核实", "the number of vehicles or dwellings is implausible"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    // the head first, as the rules take the first member as applicant when there is no head
    members.sort_by_key(|m| m.relation != Relation::Head);
    Ok((HouseholdFacts { members, incomes: input.incomes.clone(), assets: input.assets.clone(), single_parent: input.single_parent, allowance: Default::default() }, persons))
}

/// POLICY.md flags: a member deceased, in another household, already enrolled, a registered
/// relative of staff or cadres, 户籍 not local where the programme requires it.
pub async fn flags(state: &AppState, programme: Programme, household: &HouseholdRecord, facts: &HouseholdFacts, persons: &[PersonRecord]) -> ApiResult<Vec<Flag>> {
    let mut out = Vec::new();
    for p in persons {
        if !p.alive {
            out.push(Flag {
                code: "deceased".into(),
                person_id: Some(p.id),
                zh: format!("{} 在户籍信息中已登记死亡（{}）", p.name, p.death_date.clone().unwrap_or_default()),
                en: format!("{} is recorded as deceased", p.name),
            });
        }
        if p.household_id != Some(household.id) {
            out.push(Flag {
                code: "other_household".into(),
                person_id: Some(p.id),
                zh: format!("{} 登记在其他家庭户（户 {}）", p.name, p.household_id.map(|h| h.to_string()).unwrap_or_else(|| "无".into())),
                en: format!("{} is registered in another household", p.name),
            });
        }
    }
    let ids: Vec<i64> = persons.iter().map(|p| p.id).collect();
    for e in state.store.enrolments_of(&ids).await? {
        if programme.excludes(&e.programme) || e.household_id != household.id {
            let name = persons.iter().find(|p| p.id == e.person_id).map(|p| p.name.clone()).unwrap_or_default();
            let prog = Programme::parse(&e.programme).map(|p| p.zh()).unwrap_or("救助");
            out.push(Flag {
                code: "enrolled_elsewhere".into(),
                person_id: Some(e.person_id),
                zh: format!("{name} 已在保：{prog}（案件 {}，家庭户 {}）", e.case_id, e.household_id),
                en: format!("{name} is already enrolled: {} (case {}, household {})", e.programme, e.case_id, e.household_id),
            });
        }
    }
    let id_numbers: Vec<String> = persons.iter().filter_map(|p| p.id_number.clone()).collect();
    for r in state.store.relatives_among(&id_numbers).await? {
        let person = persons.iter().find(|p| p.id_number.as_deref() == Some(r.id_number.as_str()));
        out.push(Flag {
            code: "staff_relative".into(),
            person_id: person.map(|p| p.id),
            zh: format!("{} 是{}（{}）的{}，已近亲属备案：须入户核查并单独备案", r.name, r.staff_name, r.staff_post, r.relation),
            en: format!("{} is a registered relative ({}) of {} ({}): home visit and filing required", r.name, r.relation, r.staff_name, r.staff_post),
        });
    }
    if programme.requires_local_hukou()
        && let Some(applicant) = facts.members.first()
        && !applicant.hukou_local
    {
        out.push(Flag {
            code: "hukou_not_local".into(),
            person_id: Some(applicant.person_id),
            zh: format!("申请人 {} 户籍不在本区，{}须本地户籍", applicant.name, programme.zh()),
            en: format!("the applicant {} has no local 户籍, which {} requires", applicant.name, programme.en()),
        });
    }
    Ok(out)
}

/// Masks the members' names and birth dates wherever they appear: the facts, the per-member
/// shares, the explanation and the flags (a masked view must not leak a name through a sentence,
/// nor a birth date, which with the masked ID number of the persons list gives the number back:
/// docs/api.md, Masking). The dates in sentences become the birth year; the facts themselves are
/// shown through [`facts_view`].
pub fn mask_names(facts: &mut HouseholdFacts, assessment: &mut minzheng_core::assistance::means::Assessment, flags: &mut [Flag]) {
    for m in &mut facts.members {
        let masked = minzheng_core::mask::mask_name(&m.name);
        let date = m.birth_date.to_string();
        let year = chrono::Datelike::year(&m.birth_date);
        let (zh_year, en_year) = (format!("{year}年"), year.to_string());
        for f in flags.iter_mut() {
            f.zh = f.zh.replace(&m.name, &masked).replace(&date, &zh_year);
            f.en = f.en.replace(&m.name, &masked).replace(&date, &en_year);
        }
        for s in &mut assessment.shares {
            if s.name == m.name {
                s.name = masked.clone();
            }
        }
        for l in &mut assessment.explanation {
            l.zh = l.zh.replace(&m.name, &masked).replace(&date, &zh_year);
            l.en = l.en.replace(&m.name, &masked).replace(&date, &en_year);
        }
        m.name = masked;
    }
}

/// 家庭情况 the household facts as an answer shows them: unmasked as stored; masked, each member
/// has `birth_year` instead of `birth_date` (call after [`mask_names`]). The fields are the
/// core's `HouseholdFacts`, so the document describes what the console edits.
#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct FactsView {
    pub members: Vec<MemberFactsView>,
    pub incomes: Vec<Income>,
    pub assets: Assets,
    /// 单亲家庭
    pub single_parent: bool,
    pub allowance: AllowanceFacts,
}

/// A member of [`FactsView`]: the core's `MemberFacts` with the birth date, or (masked) the year.
#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct MemberFactsView {
    pub person_id: i64,
    pub name: String,
    pub relation: Relation,
    /// unmasked answers only
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// masked answers only
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    pub death_date: Option<NaiveDate>,
    pub hukou_local: bool,
    pub disability_kind: Option<DisabilityKind>,
    /// 1 (most severe) to 4
    pub disability_grade: Option<u8>,
    pub serious_illness: bool,
    pub able_to_work: bool,
    pub has_supporter: bool,
    pub self_care: Option<SelfCare>,
}

pub fn facts_view(facts: &HouseholdFacts, masked: bool) -> FactsView {
    let members = facts
        .members
        .iter()
        .map(|m| MemberFactsView {
            person_id: m.person_id,
            name: m.name.clone(),
            relation: m.relation,
            birth_date: (!masked).then_some(m.birth_date),
            birth_year: masked.then(|| chrono::Datelike::year(&m.birth_date)),
            death_date: m.death_date,
            hukou_local: m.hukou_local,
            disability_kind: m.disability_kind,
            disability_grade: m.disability_grade,
            serious_illness: m.serious_illness,
            able_to_work: m.able_to_work,
            has_supporter: m.has_supporter,
            self_care: m.self_care,
        })
        .collect();
    FactsView { members, incomes: facts.incomes.clone(), assets: facts.assets.clone(), single_parent: facts.single_parent, allowance: facts.allowance.clone() }
}
