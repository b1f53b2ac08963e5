use chrono::NaiveDate;

use super::*;
use crate::registry::identity::IdNumber;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 440705 19500307 123 -> a man born 7 March 1950
fn id_1950() -> IdNumber {
    IdNumber::from_parts("440705", date(1950, 3, 7), 123)
}

fn base() -> PersonInput {
    PersonInput {
        id_number: Some(id_1950().as_str().to_string()),
        name: Some("张三".into()),
        region_code: Some("440705001001".into()),
        ..Default::default()
    }
}

fn fields(r: Result<ValidPerson, Vec<FieldError>>) -> Vec<String> {
    r.unwrap_err().into_iter().map(|e| e.field).collect()
}

#[test]
fn minimal_person_gets_defaults_and_derived_fields() {
    let p = base().validate(today()).unwrap();
    assert_eq!(p.gender, Gender::Male);
    assert_eq!(p.birth_date, date(1950, 3, 7));
    assert_eq!(p.ethnicity, "汉族");
    assert_eq!(p.hukou_region, p.region);
    // 001 is a street (街道): urban
    assert_eq!(p.hukou_type, HukouType::Urban);
    assert!(p.alive);
    assert!(!p.orphan);
    assert_eq!(p.age_on(today()), 75);
    // round trip
    assert_eq!(p.to_input().validate(today()).unwrap(), p);
}

#[test]
fn rural_default_for_towns_numbered_100_and_above() {
    let mut i = base();
    i.region_code = Some("440705100201".into());
    assert_eq!(i.validate(today()).unwrap().hukou_type, HukouType::Rural);
    // the hukou region decides, not the residence
    i.hukou_region_code = Some("440705001001".into());
    assert_eq!(i.validate(today()).unwrap().hukou_type, HukouType::Urban);
}

#[test]
fn gender_and_birth_date_must_agree_with_the_id() {
    let mut i = base();
    i.gender = Some("女".into());
    i.birth_date = Some("1950/3/8".into());
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0].field, "gender");
    assert!(errs[0].message.contains("身份证"));
    assert_eq!(errs[1].field, "birth_date");
    assert!(errs[1].message.contains("不一致"));
    let mut ok = base();
    ok.gender = Some("M".into());
    ok.birth_date = Some("1950年3月7日".into());
    assert!(ok.validate(today()).is_ok());
}

#[test]
fn identity_is_required() {
    let mut i = base();
    i.id_number = None;
    let errs = i.validate(today()).unwrap_err();
    let f: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(f, ["id_number", "gender", "birth_date"]);
}

#[test]
fn alt_id_needs_gender_and_birth_date() {
    let mut i = base();
    i.id_number = None;
    i.alt_id_type = Some("passport".into());
    i.alt_id = Some("E12345678".into());
    assert_eq!(fields(i.validate(today())), ["gender", "birth_date"]);
    i.gender = Some("female".into());
    i.birth_date = Some("20250101".into());
    let p = i.validate(today()).unwrap();
    assert_eq!(p.alt_id.unwrap().value, "E12345678");
    assert_eq!(p.id_number, None);

    let mut half = base();
    half.id_number = None;
    half.alt_id = Some("E1".into());
    half.gender = Some("male".into());
    half.birth_date = Some("2000-01-01".into());
    assert_eq!(fields(half.validate(today())), ["alt_id_type"]);
    half.alt_id_type = Some("passport".into());
    half.alt_id = None;
    assert_eq!(fields(half.validate(today())), ["alt_id"]);
}

#[test]
fn dates_that_do_not_exist_or_lie_ahead() {
    let mut i = base();
    i.id_number = None;
    i.alt_id_type = Some("unregistered".into());
    i.alt_id = Some("弃婴-2026-01".into());
    i.gender = Some("male".into());
    i.birth_date = Some("2020-02-30".into());
    let e = i.validate(today()).unwrap_err();
    assert_eq!(e[0].field, "birth_date");
    assert!(e[0].message.contains("日期不存在"), "{}", e[0].message);
    i.birth_date = Some("2026-03-02".into());
    assert_eq!(fields(i.validate(today())), ["birth_date"]);
    i.birth_date = Some("March 2020".into());
    assert_eq!(fields(i.validate(today())), ["birth_date"]);
}

#[test]
fn implausibly_old_birth_dates_are_refused() {
    let mut i = base();
    i.id_number = None;
    i.alt_id_type = Some("passport".into());
    i.alt_id = Some("E12345678".into());
    i.gender = Some("male".into());
    i.birth_date = Some("1800-01-01".into());
    let e = i.validate(today()).unwrap_err();
    assert_eq!((e[0].field.as_str(), e[0].message.as_str()), ("birth_date", "出生日期不能早于1890-01-01"));
    i.birth_date = Some("1890-01-01".into());
    assert_eq!(i.validate(today()).unwrap().birth_date, date(1890, 1, 1));
    // the same date inside an ID number is refused by the ID number's own rule
    let mut j = base();
    j.id_number = Some(IdNumber::from_parts("440705", date(1800, 1, 1), 123).into_string());
    let e = j.validate(today()).unwrap_err();
    assert_eq!(e[0].field, "id_number");
    assert!(e[0].message.contains("1890"), "{}", e[0].message);
}

#[test]
fn all_errors_are_collected() {
    let i = PersonInput {
        id_number: Some("11010519491231002A".into()),
        name: Some("张3".into()),
        gender: Some("unknown".into()),
        birth_date: Some("1950-02-30".into()),
        ethnicity: Some("火星族".into()),
        phone: Some("12345".into()),
        hukou_region_code: Some("440705001000".into()),
        region_code: Some("9".into()),
        hukou_type: Some("游牧".into()),
        alive: Some(true),
        death_date: Some("2020-01-01".into()),
        disability: Some(DisabilityInput {
            kind: None,
            grade: Some("5".into()),
            certificate_no: Some("证".into()),
        }),
        priority_care: Some("hero".into()),
        ..Default::default()
    };
    let f = fields(i.validate(today()));
    assert_eq!(
        f,
        [
            "id_number",
            "name",
            "gender",
            "birth_date",
            "ethnicity",
            "phone",
            "region_code",
            "hukou_region_code",
            "hukou_type",
            "death_date",
            "disability.kind",
            "disability.grade",
            "disability.certificate_no",
            "priority_care",
        ]
    );
}

#[test]
fn region_must_be_village_or_grid() {
    let mut i = base();
    i.region_code = Some("440705001000".into());
    let e = i.validate(today()).unwrap_err();
    assert_eq!(e[0].field, "region_code");
    i.region_code = Some("440705001001003".into());
    assert!(i.validate(today()).is_ok());
    let mut none = base();
    none.region_code = Some("  ".into());
    assert_eq!(fields(none.validate(today())), ["region_code"]);
}

#[test]
fn ethnicity_without_suffix_and_other() {
    let mut i = base();
    i.ethnicity = Some("壮".into());
    assert_eq!(i.validate(today()).unwrap().ethnicity, "壮族");
    i.ethnicity = Some("其他".into());
    assert_eq!(i.validate(today()).unwrap().ethnicity, "其他");
}

#[test]
fn death_rules() {
    let mut i = base();
    i.alive = Some(false);
    assert!(i.validate(today()).unwrap().death_date.is_none());
    i.death_date = Some("2025-12-31".into());
    assert_eq!(
        i.validate(today()).unwrap().death_date,
        Some(date(2025, 12, 31))
    );
    i.death_date = Some("1949-12-31".into());
    assert_eq!(fields(i.validate(today())), ["death_date"]);
    i.death_date = Some("2026-03-02".into());
    assert_eq!(fields(i.validate(today())), ["death_date"]);
    i.alive = Some(true);
    i.death_date = Some("2025-12-31".into());
    assert_eq!(fields(i.validate(today())), ["death_date"]);
}

#[test]
fn disability_rules() {
    let mut i = base();
    i.disability = Some(DisabilityInput::default());
    assert!(i.validate(today()).unwrap().disability.is_none());
    i.disability = Some(DisabilityInput {
        kind: Some("肢体".into()),
        grade: Some("二级".into()),
        certificate_no: None,
    });
    let d = i.validate(today()).unwrap().disability.unwrap();
    assert_eq!((d.kind, d.grade.get()), (DisabilityKind::Physical, 2));
    i.disability = Some(DisabilityInput {
        kind: None,
        grade: Some("2".into()),
        certificate_no: None,
    });
    assert_eq!(fields(i.validate(today())), ["disability.kind"]);
    i.disability = Some(DisabilityInput {
        kind: Some("visual".into()),
        grade: None,
        certificate_no: None,
    });
    assert_eq!(fields(i.validate(today())), ["disability.grade"]);
    i.disability = Some(DisabilityInput {
        kind: Some("visual".into()),
        grade: Some("0".into()),
        certificate_no: None,
    });
    assert_eq!(fields(i.validate(today())), ["disability.grade"]);
}

#[test]
fn orphans_must_be_minors() {
    let mut i = base();
    i.orphan = Some(true);
    assert_eq!(fields(i.validate(today())), ["orphan"]);
    let child = IdNumber::from_parts("440705", date(2015, 6, 1), 22);
    i.id_number = Some(child.as_str().into());
    assert!(i.validate(today()).unwrap().orphan);
    // 18th birthday is no longer a minor
    let adult = IdNumber::from_parts("440705", date(2008, 3, 1), 22);
    i.id_number = Some(adult.as_str().into());
    assert_eq!(fields(i.validate(today())), ["orphan"]);
}

#[test]
fn names() {
    assert_eq!(
        PersonName::parse(" 欧阳小明 ").unwrap().as_str(),
        "欧阳小明"
    );
    assert!(PersonName::parse("买买提·艾力").is_ok());
    assert!(PersonName::parse("John Smith").is_ok());
    assert!(PersonName::parse("Анна").is_ok());
    for bad in [
        "",
        "  ",
        "张3",
        "张\t三",
        "·张三",
        "张三·",
        "<script>",
        &"张".repeat(31),
    ] {
        assert_eq!(PersonName::parse(bad).unwrap_err().field, "name", "{bad:?}");
    }
    assert!(PersonName::parse(&"张".repeat(30)).is_ok());
}

#[test]
fn phones() {
    for (input, stored) in [
        ("13812341234", "13812341234"),
        ("138 1234 1234", "13812341234"),
        ("+86 13812341234", "13812341234"),
        ("+86-13812341234", "13812341234"),
        ("0750-6612345", "0750-6612345"),
        ("07506612345", "0750-6612345"),
        ("020-87654321", "020-87654321"),
        ("02087654321", "020-87654321"),
        ("１３８１２３４１２３４", "13812341234"),
    ] {
        assert_eq!(Phone::parse(input).unwrap().as_str(), stored, "{input}");
    }
    for bad in [
        "12812341234",
        "1381234123",
        "138123412345",
        "750-6612345",
        "0750-661234",
        "0750-066123456",
        "abc",
        "",
    ] {
        assert_eq!(Phone::parse(bad).unwrap_err().field, "phone", "{bad}");
    }
    assert!(Phone::parse("13812341234").unwrap().is_mobile());
}

#[test]
fn vocabularies() {
    assert_eq!(Gender::parse("男"), Some(Gender::Male));
    assert_eq!(Gender::parse("F"), Some(Gender::Female));
    assert_eq!(Gender::parse("x"), None);
    assert_eq!(HukouType::parse("非农业"), Some(HukouType::Urban));
    assert_eq!(HukouType::parse("农业"), Some(HukouType::Rural));
    assert_eq!(HukouType::parse("城市"), Some(HukouType::Urban));
    assert_eq!(DisabilityKind::parse("精神"), Some(DisabilityKind::Mental));
    assert_eq!(DisabilityKind::Multiple.zh(), "多重残疾");
    assert_eq!(Relation::parse("孙子女"), Some(Relation::Grandchild));
    assert_eq!(Relation::parse("妻子"), Some(Relation::Spouse));
    assert_eq!(
        PriorityCare::parse("servicemember_family"),
        Some(PriorityCare::ServicememberFamily)
    );
    assert_eq!(PriorityCare::ServicememberFamily.zh(), "军属");
    assert_eq!(
        DisabilityGrade::parse("四级").map(DisabilityGrade::get),
        Some(4)
    );
    assert_eq!(
        DisabilityGrade::parse("1").map(DisabilityGrade::get),
        Some(1)
    );
    assert_eq!(DisabilityGrade::parse("5"), None);
    assert_eq!(DisabilityGrade::new(0), None);
    assert_eq!(Relation::ALL.len(), 8);
    assert_eq!(Relation::Grandparent.as_str(), "grandparent");
}

/// Deserialises `{"grade": v}` through the serde value deserializers (no serde_json here).
fn grade_from<V>(v: V) -> Option<String>
where
    V: for<'de> serde::de::IntoDeserializer<'de, serde::de::value::Error>,
{
    #[derive(serde::Deserialize)]
    struct W {
        #[serde(deserialize_with = "super::input::string_or_number")]
        grade: Option<String>,
    }
    let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
        std::iter::once(("grade", v)),
    );
    let w: W = serde::Deserialize::deserialize(map).unwrap();
    w.grade
}

#[test]
fn grade_accepts_numbers_and_strings() {
    assert_eq!(grade_from(2u8), Some("2".into()));
    assert_eq!(grade_from(3i64), Some("3".into()));
    assert_eq!(grade_from(2.0f64), Some("2".into()));
    assert_eq!(grade_from("二级"), Some("二级".into()));
    assert_eq!(grade_from(()), None);
}

#[test]
fn serialises_as_codes() {
    use serde::Serialize;
    use serde::ser::Impossible;
    // Collect what a Serializer is asked to write for a unit enum or number.
    struct Probe;
    #[derive(Debug)]
    struct Err;
    impl std::fmt::Display for Err {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("unsupported")
        }
    }
    impl std::error::Error for Err {}
    impl serde::ser::Error for Err {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Err
        }
    }
    macro_rules! unsupported {
        ($($f:ident($($t:ty),*)),*) => {$(fn $f(self, $(_: $t),*) -> Result<String, Err> { Result::Err(Err) })*};
    }
    impl serde::Serializer for Probe {
        type Ok = String;
        type Error = Err;
        type SerializeSeq = Impossible<String, Err>;
        type SerializeTuple = Impossible<String, Err>;
        type SerializeTupleStruct = Impossible<String, Err>;
        type SerializeTupleVariant = Impossible<String, Err>;
        type SerializeMap = Impossible<String, Err>;
        type SerializeStruct = Impossible<String, Err>;
        type SerializeStructVariant = Impossible<String, Err>;
        fn serialize_str(self, v: &str) -> Result<String, Err> {
            Ok(v.to_string())
        }
        fn serialize_u8(self, v: u8) -> Result<String, Err> {
            Ok(v.to_string())
        }
        unsupported!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
            serialize_unit_variant(&'static str, u32, &'static str)
        );
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String, Err> {
            Result::Err(Err)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<String, Err> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<String, Err> {
            Result::Err(Err)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Err> {
            Result::Err(Err)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Err> {
            Result::Err(Err)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Err> {
            Result::Err(Err)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Err> {
            Result::Err(Err)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Err> {
            Result::Err(Err)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Err> {
            Result::Err(Err)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Err> {
            Result::Err(Err)
        }
    }
    assert_eq!(Relation::Grandchild.serialize(Probe).unwrap(), "grandchild");
    assert_eq!(
        PriorityCare::MartyrFamily.serialize(Probe).unwrap(),
        "martyr_family"
    );
    assert_eq!(
        DisabilityGrade::new(3).unwrap().serialize(Probe).unwrap(),
        "3"
    );
    assert_eq!(id_1950().serialize(Probe).unwrap(), id_1950().as_str());
    assert_eq!(
        PersonName::parse("张三").unwrap().serialize(Probe).unwrap(),
        "张三"
    );
}
