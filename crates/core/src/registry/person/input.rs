//! 人员录入 a person record as it comes from a form (JSON) or a spreadsheet row, and its validation.

use std::fmt;

use chrono::NaiveDate;
use crate::date::{DateError, age_on, check_birth_date, check_death_date, parse_date, to_ascii_digit};
use crate::dict;
use crate::error::FieldError;
use crate::registry::identity::{AltId, IdNumber};
use crate::registry::region::{RegionCode, RegionLevel};

use super::*;

/// Raw person fields as they come from JSON or a spreadsheet row; everything optional, checked by
/// [`PersonInput::validate`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct PersonInput {
    /// 18-digit citizen ID (check digit, birth date and province are verified; 15-digit numbers are converted)
    pub id_number: Option<String>,
    /// passport | hk_macao_taiwan | foreigner_permit | unregistered (for persons without an ID number)
    pub alt_id_type: Option<String>,
    pub alt_id: Option<String>,
    /// required
    pub name: Option<String>,
    /// male | female; derived from the ID number when there is one
    pub gender: Option<String>,
    /// YYYY-MM-DD; derived from the ID number when there is one
    pub birth_date: Option<String>,
    /// one of the 56 ethnic groups, default 汉族
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    /// 户籍 region, default the residence
    pub hukou_region_code: Option<String>,
    /// required: the residence, a village/community or grid code in your region
    pub region_code: Option<String>,
    /// urban | rural
    pub hukou_type: Option<String>,
    pub alive: Option<bool>,
    pub death_date: Option<String>,
    pub disability: Option<DisabilityInput>,
    /// martyr_family | disabled_veteran | veteran | servicemember_family
    pub priority_care: Option<String>,
    pub orphan: Option<bool>,
}

/// Raw disability fields; `grade` may be sent as a number (`2`) or a string (`"2"`, `"二级"`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Serialize only lets the OpenAPI schema show PersonInput's defaults.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DisabilityInput {
    /// visual | hearing | speech | physical | intellectual | mental | multiple
    pub kind: Option<String>,
    /// 1 to 4 (a number, or a string such as "2" or "二级")
    #[serde(deserialize_with = "string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<serde_json::Value>))]
    pub grade: Option<String>,
    pub certificate_no: Option<String>,
}

/// Accepts a JSON string, an integer, a float or null as an optional string.
pub(super) fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                v.to_string()
            }))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(V)
}

/// A person record valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ValidPerson {
    pub id_number: Option<IdNumber>,
    pub alt_id: Option<AltId>,
    pub name: PersonName,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    /// One of [`dict::ETHNICITIES`] or `其他`.
    pub ethnicity: String,
    pub phone: Option<Phone>,
    /// 户籍地
    pub hukou_region: RegionCode,
    /// 居住地
    pub region: RegionCode,
    pub hukou_type: HukouType,
    pub alive: bool,
    pub death_date: Option<NaiveDate>,
    pub disability: Option<Disability>,
    pub priority_care: Option<PriorityCare>,
    /// 孤儿
    pub orphan: bool,
}

impl ValidPerson {
    /// 周岁 on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        age_on(self.birth_date, today)
    }

    /// The fields back as input, e.g. to re-validate after an edit.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            id_number: self.id_number.as_ref().map(|i| i.as_str().to_string()),
            alt_id_type: self.alt_id.as_ref().map(|a| a.kind.as_str().to_string()),
            alt_id: self.alt_id.as_ref().map(|a| a.value.clone()),
            name: Some(self.name.as_str().to_string()),
            gender: Some(self.gender.as_str().to_string()),
            birth_date: Some(self.birth_date.to_string()),
            ethnicity: Some(self.ethnicity.clone()),
            phone: self.phone.as_ref().map(|p| p.as_str().to_string()),
            hukou_region_code: Some(self.hukou_region.as_str().to_string()),
            region_code: Some(self.region.as_str().to_string()),
            hukou_type: Some(self.hukou_type.as_str().to_string()),
            alive: Some(self.alive),
            death_date: self.death_date.map(|d| d.to_string()),
            disability: self.disability.as_ref().map(|d| DisabilityInput {
                kind: Some(d.kind.as_str().to_string()),
                grade: Some(d.grade.get().to_string()),
                certificate_no: d.certificate_no.clone(),
            }),
            priority_care: self.priority_care.map(|p| p.as_str().to_string()),
            orphan: Some(self.orphan),
        }
    }
}

/// A present, non-blank value, trimmed.
fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date_error(field: &str, what_zh: &str, e: DateError) -> FieldError {
    FieldError::new(
        field,
        format!("{what_zh}{}", e.message_zh()),
        e.message_en(),
    )
}

/// Only villages and grids hold people; a town or county code is a mistake in the form.
fn person_region(field: &str, raw: &str, what_zh: &str) -> Result<RegionCode, FieldError> {
    let code = RegionCode::parse(raw).map_err(|e| e.with_field(field))?;
    match code.level() {
        RegionLevel::Village | RegionLevel::Grid => Ok(code),
        _ => Err(FieldError::new(
            field,
            format!("{what_zh}必须是村（居）或网格的区划代码"),
            "region must be a village or a grid",
        )),
    }
}

impl PersonInput {
    /// Validates every field and returns all the errors found, not only the first.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidPerson, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();

        // Identity: an ID number, or an alternative identifier.
        let id_raw = present(&self.id_number);
        let id_number = match id_raw {
            Some(raw) => match IdNumber::parse(raw, today) {
                Ok(id) => Some(id),
                Err(e) => {
                    errors.push(e.to_field_error("id_number"));
                    None
                }
            },
            None => None,
        };
        let alt_kind = present(&self.alt_id_type);
        let alt_value = present(&self.alt_id);
        let alt_id = if alt_kind.is_some() || alt_value.is_some() {
            match (alt_kind, alt_value) {
                (Some(kind), value) => match AltId::parse(kind, value.unwrap_or("")) {
                    Ok(a) => Some(a),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
                (None, _) => {
                    errors.push(FieldError::new(
                        "alt_id_type",
                        "请选择证件类型",
                        "identifier type is required",
                    ));
                    None
                }
            }
        } else {
            None
        };
        if id_raw.is_none() && alt_kind.is_none() && alt_value.is_none() {
            errors.push(FieldError::new(
                "id_number",
                "请填写身份证号码，或其他证件类型和号码",
                "an ID number or another identifier is required",
            ));
        }

        let name = match PersonName::parse(self.name.as_deref().unwrap_or("")) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(e);
                None
            }
        };

        // Gender and birth date come from the ID number when there is one. When the ID number
        // was given but is wrong, its own error suffices: missing gender is not reported again.
        let gender_given = present(&self.gender).map(|g| {
            Gender::parse(g).ok_or_else(|| {
                FieldError::new(
                    "gender",
                    "性别无效（男/女）",
                    "gender must be male or female",
                )
            })
        });
        let gender = match (&id_number, gender_given) {
            (_, Some(Err(e))) => {
                errors.push(e);
                None
            }
            (Some(id), Some(Ok(g))) if g != id.gender() => {
                errors.push(FieldError::new(
                    "gender",
                    "性别与身份证号码不一致",
                    "gender disagrees with the ID number",
                ));
                None
            }
            (Some(id), _) => Some(id.gender()),
            (None, Some(Ok(g))) => Some(g),
            (None, None) => {
                if id_raw.is_none() {
                    errors.push(FieldError::new(
                        "gender",
                        "性别不能为空",
                        "gender is required",
                    ));
                }
                None
            }
        };

        let birth_given = present(&self.birth_date).map(|s| {
            let d = parse_date(s).map_err(|e| date_error("birth_date", "出生日期", e))?;
            check_birth_date(d, today).map_err(|e| e.to_field_error("birth_date"))
        });
        let birth_date = match (&id_number, birth_given) {
            (_, Some(Err(e))) => {
                errors.push(e);
                None
            }
            (Some(id), Some(Ok(d))) if d != id.birth_date() => {
                errors.push(FieldError::new(
                    "birth_date",
                    "出生日期与身份证号码不一致",
                    "birth date disagrees with the ID number",
                ));
                None
            }
            (Some(id), _) => Some(id.birth_date()),
            (None, Some(Ok(d))) => Some(d),
            (None, None) => {
                if id_raw.is_none() {
                    errors.push(FieldError::new(
                        "birth_date",
                        "出生日期不能为空",
                        "birth date is required",
                    ));
                }
                None
            }
        };

        let ethnicity = match present(&self.ethnicity) {
            None => Some(dict::DEFAULT_ETHNICITY.to_string()),
            Some(e) => match dict::normalise_ethnicity(e) {
                Some(n) => Some(n.to_string()),
                None => {
                    errors.push(FieldError::new(
                        "ethnicity",
                        "民族不在56个民族之列（可填“其他”）",
                        "ethnicity must be one of the 56 ethnic groups or 其他",
                    ));
                    None
                }
            },
        };

        let phone = match present(&self.phone) {
            None => None,
            Some(p) => match Phone::parse(p) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };

        let region = match present(&self.region_code) {
            None => {
                errors.push(FieldError::new(
                    "region_code",
                    "居住地区划代码不能为空",
                    "region code is required",
                ));
                None
            }
            Some(r) => person_region("region_code", r, "居住地")
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let hukou_region = match present(&self.hukou_region_code) {
            None => region.clone(),
            Some(r) => person_region("hukou_region_code", r, "户籍地")
                .map_err(|e| errors.push(e))
                .ok(),
        };

        let hukou_type = match present(&self.hukou_type) {
            Some(h) => HukouType::parse(h)
                .ok_or_else(|| {
                    FieldError::new(
                        "hukou_type",
                        "户籍类型无效（城镇/农村）",
                        "hukou type must be urban or rural",
                    )
                })
                .map_err(|e| errors.push(e))
                .ok(),
            // Streets (街道, town numbers below 100) are urban, towns and townships rural.
            None => hukou_region.as_ref().map(|r| {
                if r.is_urban().unwrap_or(false) {
                    HukouType::Urban
                } else {
                    HukouType::Rural
                }
            }),
        };

        let alive = self.alive.unwrap_or(true);
        let death_date = match present(&self.death_date) {
            None => None,
            Some(_) if alive => {
                errors.push(FieldError::new(
                    "death_date",
                    "在世人员不能填写死亡日期",
                    "death date is only allowed for a deceased person",
                ));
                None
            }
            Some(s) => match parse_date(s) {
                Err(e) => {
                    errors.push(date_error("death_date", "死亡日期", e));
                    None
                }
                Ok(d) => match check_death_date(d, birth_date, today) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        errors.push(e.to_field_error("death_date"));
                        None
                    }
                },
            },
        };

        let disability = self
            .disability
            .as_ref()
            .and_then(|d| validate_disability(d, &mut errors));

        let priority_care = present(&self.priority_care).and_then(|p| {
            PriorityCare::parse(p)
                .ok_or_else(|| {
                    FieldError::new(
                        "priority_care",
                        "优抚类别无效",
                        "unknown priority-care category",
                    )
                })
                .map_err(|e| errors.push(e))
                .ok()
        });

        let orphan = self.orphan.unwrap_or(false);
        if orphan && birth_date.is_some_and(|b| age_on(b, today) >= 18) {
            errors.push(FieldError::new(
                "orphan",
                "孤儿须未满18周岁",
                "only a person under 18 can be recorded as an orphan",
            ));
        }

        match (
            name,
            gender,
            birth_date,
            ethnicity,
            hukou_region,
            region,
            hukou_type,
        ) {
            (
                Some(name),
                Some(gender),
                Some(birth_date),
                Some(ethnicity),
                Some(hukou_region),
                Some(region),
                Some(hukou_type),
            ) if errors.is_empty() => Ok(ValidPerson {
                id_number,
                alt_id,
                name,
                gender,
                birth_date,
                ethnicity,
                phone,
                hukou_region,
                region,
                hukou_type,
                alive,
                death_date,
                disability,
                priority_care,
                orphan,
            }),
            _ => {
                if errors.is_empty() {
                    // Every missing value above pushes an error; this guards the invariant.
                    errors.push(FieldError::new(
                        "id_number",
                        "人员信息不完整",
                        "person record is incomplete",
                    ));
                }
                Err(errors)
            }
        }
    }
}

fn validate_disability(d: &DisabilityInput, errors: &mut Vec<FieldError>) -> Option<Disability> {
    let kind_raw = present(&d.kind);
    let grade_raw = present(&d.grade);
    let cert_raw = present(&d.certificate_no);
    if kind_raw.is_none() && grade_raw.is_none() && cert_raw.is_none() {
        // An empty object (or blank spreadsheet cells) means no disability.
        return None;
    }
    let before = errors.len();
    let kind = match kind_raw {
        None => {
            errors.push(FieldError::new(
                "disability.kind",
                "请填写残疾类别",
                "disability kind is required",
            ));
            None
        }
        Some(k) => DisabilityKind::parse(k).or_else(|| {
            errors.push(FieldError::new(
                "disability.kind",
                "残疾类别无效",
                "unknown disability kind",
            ));
            None
        }),
    };
    let grade = match grade_raw {
        None => {
            errors.push(FieldError::new(
                "disability.grade",
                "请填写残疾等级（1-4级）",
                "disability grade is required",
            ));
            None
        }
        Some(g) => DisabilityGrade::parse(g).or_else(|| {
            errors.push(FieldError::new(
                "disability.grade",
                "残疾等级应为1-4级",
                "disability grade must be 1 to 4",
            ));
            None
        }),
    };
    let certificate_no = cert_raw.and_then(|c| {
        let c: String = c
            .chars()
            .map(to_ascii_digit)
            .collect::<String>()
            .to_uppercase();
        if c.chars().count() <= 30 && c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
            Some(c)
        } else {
            errors.push(FieldError::new(
                "disability.certificate_no",
                "残疾证号只能包含字母和数字，且不超过30位",
                "certificate number must be at most 30 letters and digits",
            ));
            None
        }
    });
    if errors.len() > before {
        return None;
    }
    Some(Disability {
        kind: kind?,
        grade: grade?,
        certificate_no,
    })
}
