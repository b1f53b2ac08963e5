//! What a person or household looks like to an account: masked unless the role may see the
//! sensitive fields and asked to (every unmasked answer is audited by the handler).
use chrono::NaiveDate;
use minzheng_core::date::age_on;
use minzheng_core::mask::{age_in_year, birth_year, mask_address, mask_id_number, mask_name, mask_phone};
use minzheng_store::registry::households::HouseholdRecord;
use minzheng_store::registry::persons::PersonRecord;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct DisabilityView {
    pub kind: String,
    pub grade: Option<i64>,
    pub certificate_no: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonView {
    pub id: i64,
    pub id_number: Option<String>,
    pub alt_id_type: Option<String>,
    pub alt_id: Option<String>,
    pub name: String,
    pub gender: String,
    /// only in an unmasked answer: a masked one shows `birth_year` (docs/api.md, Masking)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    pub birth_year: Option<i32>,
    /// 周岁 when unmasked; counted by calendar year when masked
    pub age: Option<u32>,
    pub ethnicity: String,
    pub phone: Option<String>,
    pub hukou_region_code: String,
    pub hukou_region_name: Option<String>,
    pub region_code: String,
    pub region_name: Option<String>,
    pub grid_code: Option<String>,
    pub hukou_type: String,
    pub alive: bool,
    pub death_date: Option<String>,
    pub disability: Option<DisabilityView>,
    pub priority_care: Option<String>,
    pub orphan: bool,
    pub household_id: Option<i64>,
    pub relation: Option<String>,
    pub masked: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl PersonView {
    pub fn of(p: PersonRecord, masked: bool, today: NaiveDate, hukou_region_name: Option<String>) -> PersonView {
        let m = |s: String, f: fn(&str) -> String| if masked { f(&s) } else { s };
        let until = p.death_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or(today);
        let year = birth_year(&p.birth_date);
        let age = if masked {
            year.map(|y| age_in_year(y, until))
        } else {
            NaiveDate::parse_from_str(&p.birth_date, "%Y-%m-%d").ok().map(|b| age_on(b, until))
        };
        PersonView {
            id: p.id,
            id_number: p.id_number.map(|s| m(s, mask_id_number)),
            alt_id_type: p.alt_id_type,
            alt_id: p.alt_id.map(|s| m(s, mask_id_number)),
            name: m(p.name, mask_name),
            gender: p.gender,
            birth_date: (!masked).then_some(p.birth_date),
            birth_year: year,
            age,
            ethnicity: p.ethnicity,
            phone: p.phone.map(|s| m(s, mask_phone)),
            hukou_region_code: p.hukou_region_code,
            hukou_region_name,
            region_code: p.grid_code.clone().unwrap_or(p.region_code),
            region_name: p.region_name,
            grid_code: p.grid_code,
            hukou_type: p.hukou_type,
            alive: p.alive,
            death_date: p.death_date,
            disability: p.disability_kind.map(|kind| DisabilityView {
                kind,
                grade: p.disability_grade,
                certificate_no: p.disability_cert.map(|s| m(s, mask_id_number)),
            }),
            priority_care: p.priority_care,
            orphan: p.orphan,
            household_id: p.household_id,
            relation: p.relation,
            masked,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberView {
    pub person_id: i64,
    pub name: String,
    pub id_number: Option<String>,
    pub gender: String,
    /// only unmasked; masked members show `birth_year` and an age by calendar year
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    pub birth_year: Option<i32>,
    pub age: Option<u32>,
    pub relation: Option<String>,
    pub alive: bool,
}

#[derive(Serialize, ToSchema)]
pub struct HouseholdView {
    pub id: i64,
    pub region_code: String,
    pub region_name: Option<String>,
    pub address: String,
    pub head_person_id: Option<i64>,
    pub head_name: Option<String>,
    pub head_id_number: Option<String>,
    pub member_count: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<MemberView>>,
    pub masked: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl HouseholdView {
    pub fn of(h: HouseholdRecord, masked: bool, members: Option<Vec<PersonRecord>>, today: NaiveDate) -> HouseholdView {
        let m = |s: String, f: fn(&str) -> String| if masked { f(&s) } else { s };
        HouseholdView {
            id: h.id,
            region_code: h.region_code,
            region_name: h.region_name,
            address: m(h.address, mask_address),
            head_person_id: h.head_person_id,
            head_name: h.head_name.map(|s| m(s, mask_name)),
            head_id_number: h.head_id_number.map(|s| m(s, mask_id_number)),
            member_count: h.member_count,
            members: members.map(|ms| {
                let mut members: Vec<MemberView> = ms
                    .into_iter()
                    .map(|p| {
                        let v = PersonView::of(p, masked, today, None);
                        MemberView { person_id: v.id, name: v.name, id_number: v.id_number, gender: v.gender, birth_date: v.birth_date, birth_year: v.birth_year, age: v.age, relation: v.relation, alive: v.alive }
                    })
                    .collect();
                if masked {
                    // the registry orders members by birth date; within a year that order would
                    // tell who was born first, so a masked answer orders by year, then id
                    members.sort_by_key(|m| (m.relation.as_deref() != Some("head"), m.birth_year, m.person_id));
                }
                members
            }),
            masked,
            version: h.version,
            created_at: h.created_at,
            updated_at: h.updated_at,
        }
    }
}

/// A page of a list, as every list endpoint answers.
#[derive(Serialize, ToSchema)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    /// matches, counted up to 10,000 (then `total_exact` is false)
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    pub page_size: i64,
}

/// A store page answered as it is (map it first with `Page::map` to answer views).
impl<T> From<minzheng_store::registry::Page<T>> for PageOf<T> {
    fn from(page: minzheng_store::registry::Page<T>) -> Self {
        PageOf { items: page.items, total: page.total, total_exact: page.total_exact, page: page.page, page_size: page.page_size }
    }
}

impl<T> PageOf<T> {
    /// A store page answered with `items` in place of its own: for views built by an async
    /// lookup (take the records out with `std::mem::take(&mut page.items)` first).
    pub fn of<S>(page: minzheng_store::registry::Page<S>, items: Vec<T>) -> PageOf<T> {
        PageOf { items, total: page.total, total_exact: page.total_exact, page: page.page, page_size: page.page_size }
    }
}
