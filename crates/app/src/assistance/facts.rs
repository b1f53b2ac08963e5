//! 家庭情况 a member as the means test sees him: the registry's record plus what the officer declared.
use chrono::NaiveDate;
use minzheng_core::assistance::means::{Assets, Income, MemberFacts, SelfCare};
use minzheng_core::registry::person::{DisabilityKind, Relation};
use minzheng_store::registry::households::HouseholdRecord;
use minzheng_store::registry::persons::PersonRecord;
use serde::Deserialize;

use crate::error::{AppError, AppResult};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = facts::MemberInput))]
#[derive(Deserialize, Clone, Default)]
pub struct MemberInput {
    pub person_id: Option<i64>,
    #[serde(default)]
    pub able_to_work: bool,
    #[serde(default)]
    pub has_supporter: bool,
    #[serde(default)]
    pub self_care: Option<SelfCare>,
    #[serde(default)]
    pub serious_illness: bool,
}

/// 家庭情况 the household's facts as the officer declares them: the members (each completed from
/// the registry by [`member_facts`]), their incomes and assets. One input for the applications,
/// the reviews and the demo.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Deserialize, Clone, Default)]
pub struct FactsInput {
    #[serde(default)]
    pub members: Vec<MemberInput>,
    #[serde(default)]
    pub incomes: Vec<Income>,
    #[serde(default)]
    pub assets: Assets,
    #[serde(default)]
    pub single_parent: bool,
}

/// A member as the rules see him: the registry's record plus what the officer declared.
pub fn member_facts(p: &PersonRecord, household: &HouseholdRecord, m: &MemberInput) -> AppResult<MemberFacts> {
    let birth_date = NaiveDate::parse_from_str(&p.birth_date, "%Y-%m-%d").map_err(|_| AppError::Internal(format!("person {} birth date", p.id)))?;
    Ok(MemberFacts {
        person_id: p.id,
        name: p.name.clone(),
        relation: p.relation.as_deref().and_then(Relation::parse).filter(|_| p.household_id == Some(household.id)).unwrap_or(Relation::Other),
        birth_date,
        death_date: p.death_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        hukou_local: p.hukou_region_code.get(..6) == household.region_code.get(..6),
        disability_kind: p.disability_kind.as_deref().and_then(DisabilityKind::parse),
        disability_grade: p.disability_grade.and_then(|g| u8::try_from(g).ok()),
        serious_illness: m.serious_illness,
        able_to_work: m.able_to_work,
        has_supporter: m.has_supporter,
        self_care: m.self_care,
    })
}
