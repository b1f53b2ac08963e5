//! 演示数据 a synthetic but plausible district population: households with consistent relations,
//! valid and unique ID numbers, a realistic age structure (about 17% aged 60+), disability,
//! priority care, orphans and deaths at plausible rates.
//!
//! Reproducible (the same seed gives the same data), streaming (an iterator of households whose
//! memory does not grow with the number generated) and fast enough for a million persons in a few
//! seconds. None of it describes a real person: names, dates and numbers are drawn at random.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::registry::identity::IdNumber;
use crate::registry::person::{
    Disability, DisabilityGrade, DisabilityKind, Gender, HukouType, PersonName, Phone,
    PriorityCare, Relation, ValidPerson,
};
use crate::registry::region::RegionCode;

/// A village (村委会) or community (社区居委会) to populate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoVillage {
    pub code: RegionCode,
    /// e.g. 北门社区居委会
    pub name: String,
    /// e.g. 会城街道
    pub town_name: String,
    /// A community of a street (街道): residents get 城镇 hukou, otherwise 农村.
    pub urban: bool,
}

/// A generated person and their relation to the head of household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub person: ValidPerson,
    pub relation: Relation,
}

/// A generated household; `members[0]` is the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHousehold {
    pub region: RegionCode,
    pub address: String,
    pub members: Vec<DemoPerson>,
}

/// Counties of Guangdong (and one of Guangxi) that migrants' ID numbers come from: 江门's other
/// districts and cities, 潮州, 南宁.
pub const MIGRANT_COUNTIES: &[&str] = &[
    "440703", "440704", "440705", "440781", "440783", "440784", "440785", "445102", "450102",
];

/// Share of persons whose ID number was issued in the village's own county.
const LOCAL_ID_SHARE: f64 = 0.9;
/// Oldest age generated; the sequence counters cover birth dates back to this.
const MAX_AGE: i64 = 110;

/// Surnames of the Pearl River Delta with rough weights (陈 first, as in 江门 and 广州).
const SURNAMES: &[(&str, u32)] = &[
    ("陈", 140),
    ("李", 80),
    ("黄", 70),
    ("梁", 60),
    ("林", 50),
    ("张", 50),
    ("吴", 40),
    ("刘", 40),
    ("何", 40),
    ("谭", 40),
    ("赵", 30),
    ("冯", 30),
    ("余", 30),
    ("杨", 30),
    ("王", 30),
    ("区", 12),
    ("莫", 20),
    ("钟", 20),
    ("麦", 20),
    ("周", 20),
    ("郑", 20),
    ("叶", 20),
    ("罗", 20),
    ("邓", 20),
    ("关", 20),
    ("伍", 20),
    ("谢", 20),
    ("朱", 20),
    ("胡", 20),
    ("卢", 20),
    ("苏", 20),
    ("潘", 20),
    ("曾", 15),
    ("甄", 10),
    ("容", 10),
    ("马", 10),
    ("袁", 10),
    ("司徒", 10),
    ("欧阳", 8),
    ("单", 5),
    ("解", 3),
    ("仇", 3),
    ("查", 3),
    ("朴", 2),
];

const MALE_GIVEN: &[&str] = &[
    "伟", "强", "明", "华", "杰", "斌", "超", "浩", "辉", "荣", "健", "耀", "锋", "勇", "军",
    "建国", "志强", "家豪", "俊杰", "国强", "锦华", "永康", "子轩", "浩然", "嘉豪", "伟明", "文杰",
    "建华", "志明", "国华", "少华", "宇轩", "梓豪", "振华", "汉威", "卓恒", "炳权", "灿林", "树根",
    "锦荣", "永坚", "国栋", "启明", "家乐", "俊熙", "柏霖", "德华", "润发", "兆基", "炽棠",
];

const FEMALE_GIVEN: &[&str] = &[
    "丽", "芳", "敏", "静", "惠", "婷", "雪", "颖", "燕", "玲", "霞", "凤", "秀英", "美玲", "淑芬",
    "嘉欣", "婉婷", "晓红", "丽华", "小燕", "玉珍", "欣怡", "梓琳", "诗涵", "子涵", "秀珍", "美华",
    "彩霞", "月娥", "惠芳", "丽娟", "翠红", "少芬", "咏琪", "凯琳", "晓彤", "紫晴", "佩仪", "雅婷",
    "金好", "银好", "带娣", "妹仔", "素贞", "玉莲", "碧霞", "淑仪", "宝仪", "嘉怡", "芷晴",
];

/// Street names (urban) and lane names (rural) for addresses; each town uses a slice of them.
const STREETS: &[&str] = &[
    "中山路",
    "人民路",
    "解放路",
    "新华路",
    "建设路",
    "跃进路",
    "东门路",
    "北新路",
    "育才路",
    "工农路",
    "同德路",
    "冈州大道",
    "朝阳路",
    "河南路",
    "江华路",
    "青年路",
    "中心路",
    "环城路",
    "紫华路",
    "仁寿路",
    "沿江路",
    "知政路",
    "长安路",
    "民生路",
];
const LANES: &[&str] = &[
    "新村",
    "东头里",
    "西头里",
    "大巷",
    "围仔",
    "塘边",
    "上街",
    "下街",
    "桥头",
    "龙田里",
    "松岗里",
    "南安里",
    "北帝庙前",
    "榕树头",
    "福兴里",
    "安和里",
];

/// 其他民族 among the 1% non-Han residents of a Guangdong district (migrants from Guangxi,
/// Guizhou, Hunan).
const MINORITIES: &[&str] = &[
    "壮族",
    "瑶族",
    "苗族",
    "土家族",
    "侗族",
    "回族",
    "满族",
    "布依族",
];

/// Kinds with weights (‰) from the 2006 national sample survey's mix.
const DISABILITY_KINDS: &[(DisabilityKind, u32)] = &[
    (DisabilityKind::Visual, 150),
    (DisabilityKind::Hearing, 240),
    (DisabilityKind::Speech, 20),
    (DisabilityKind::Physical, 290),
    (DisabilityKind::Intellectual, 70),
    (DisabilityKind::Mental, 70),
    (DisabilityKind::Multiple, 160),
];
const DISABILITY_GRADES: &[(u8, u32)] = &[(1, 15), (2, 20), (3, 30), (4, 35)];

const PRIORITY_CARE: &[(PriorityCare, u32)] = &[
    (PriorityCare::Veteran, 60),
    (PriorityCare::ServicememberFamily, 20),
    (PriorityCare::DisabledVeteran, 12),
    (PriorityCare::MartyrFamily, 8),
];

/// Household types with weights (%); tuned so that the mean size is about 2.7 and 60+ about 17%.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// 独居老人
    SingleElderly,
    ElderlyCouple,
    YoungSingle,
    Couple,
    /// parents and 1–3 children
    Nuclear,
    /// a couple with children and the head's parents
    WithParents,
    /// an elderly head, spouse, an adult child and grandchildren
    ThreeGenerations,
    /// 隔代: grandparents raising grandchildren (sometimes orphans)
    SkipGeneration,
}

const SHAPES: &[(Shape, u32)] = &[
    (Shape::SingleElderly, 80),
    (Shape::ElderlyCouple, 80),
    (Shape::YoungSingle, 160),
    (Shape::Couple, 120),
    (Shape::Nuclear, 375),
    (Shape::WithParents, 60),
    (Shape::ThreeGenerations, 70),
    (Shape::SkipGeneration, 40),
];

/// A planned member before identities are drawn.
struct Plan {
    relation: Relation,
    gender: Gender,
    age: i64,
    surname: &'static str,
    orphan: bool,
}

/// Streams [`DemoHousehold`]s until `target_persons` persons have been produced.
pub struct DemoGenerator {
    villages: Vec<DemoVillage>,
    rng: ChaCha8Rng,
    target: u64,
    produced: u64,
    today: NaiveDate,
    /// Per issuing county: the next free sequence number per (birth day, gender), indexed by
    /// days before `today` × 2 + gender. Bounded by counties × MAX_AGE years, not by persons.
    sequences: HashMap<String, Vec<u16>>,
    surname_total: u32,
    shape_total: u32,
}

/// Weighted choice over a table whose weights sum to `total`.
fn pick<'a, T>(rng: &mut ChaCha8Rng, table: &'a [(T, u32)], total: u32) -> &'a T {
    let mut r = rng.random_range(0..total.max(1));
    for (item, w) in table {
        if r < *w {
            return item;
        }
        r -= *w;
    }
    &table[table.len() - 1].0
}

fn total<T>(table: &[(T, u32)]) -> u32 {
    table.iter().map(|(_, w)| *w).sum()
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
    }
}

impl DemoGenerator {
    /// A generator over `villages` (households are spread uniformly over them). With no villages
    /// it yields nothing.
    pub fn new(
        villages: Vec<DemoVillage>,
        seed: u64,
        target_persons: u64,
        today: NaiveDate,
    ) -> Self {
        DemoGenerator {
            villages,
            rng: ChaCha8Rng::seed_from_u64(seed),
            target: target_persons,
            produced: 0,
            today,
            sequences: HashMap::new(),
            surname_total: total(SURNAMES),
            shape_total: total(SHAPES),
        }
    }

    /// Persons produced so far.
    pub fn produced(&self) -> u64 {
        self.produced
    }

    fn surname(&mut self) -> &'static str {
        let &surname = pick(&mut self.rng, SURNAMES, self.surname_total);
        surname
    }

    /// Age of an old person (60+), following a survival curve: few over 90, about 1 in 900 of
    /// the elderly over 100.
    fn elderly_age(&mut self) -> i64 {
        let r = self.rng.random_range(0..10_000u32);
        match r {
            0..5_500 => self.rng.random_range(60..70),
            5_500..8_500 => self.rng.random_range(70..80),
            8_500..9_750 => self.rng.random_range(80..90),
            9_750..9_985 => self.rng.random_range(90..100),
            _ => self.rng.random_range(100..106),
        }
    }

    fn plan(&mut self) -> Vec<Plan> {
        let shape = *pick(&mut self.rng, SHAPES, self.shape_total);
        let mut plan = Vec::with_capacity(6);
        // The register usually lists a man as head; the family name follows the husband.
        let head_gender = if self.rng.random_bool(0.7) {
            Gender::Male
        } else {
            Gender::Female
        };
        let head_surname = self.surname();
        let spouse_surname = self.surname();
        let family_surname = if head_gender == Gender::Male {
            head_surname
        } else {
            spouse_surname
        };
        let member = |relation, gender, age: i64, surname| Plan {
            relation,
            gender,
            age: age.clamp(0, MAX_AGE - 1),
            surname,
            orphan: false,
        };
        let spouse_age = |rng: &mut ChaCha8Rng, head_age: i64| {
            // Husbands are on average a few years older than their wives.
            let gap = rng.random_range(-2..=6);
            if head_gender == Gender::Male {
                head_age - gap
            } else {
                head_age + gap
            }
        };
        match shape {
            Shape::SingleElderly => {
                let gender = if self.rng.random_bool(0.65) {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let age = self.elderly_age();
                plan.push(member(Relation::Head, gender, age, head_surname));
            }
            Shape::ElderlyCouple => {
                let age = self.elderly_age().min(98);
                plan.push(member(Relation::Head, head_gender, age, head_surname));
                let s = spouse_age(&mut self.rng, age).max(55);
                plan.push(member(
                    Relation::Spouse,
                    opposite(head_gender),
                    s,
                    spouse_surname,
                ));
            }
            Shape::YoungSingle => {
                let gender = if self.rng.random_bool(0.55) {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let age = self.rng.random_range(18..60);
                plan.push(member(Relation::Head, gender, age, head_surname));
            }
            Shape::Couple => {
                let age = self.rng.random_range(22..60);
                plan.push(member(Relation::Head, head_gender, age, head_surname));
                let s = spouse_age(&mut self.rng, age).max(20);
                plan.push(member(
                    Relation::Spouse,
                    opposite(head_gender),
                    s,
                    spouse_surname,
                ));
            }
            Shape::Nuclear | Shape::WithParents => {
                let age = self.rng.random_range(25..58);
                plan.push(member(Relation::Head, head_gender, age, head_surname));
                if self.rng.random_bool(0.88) {
                    let s = spouse_age(&mut self.rng, age).max(20);
                    plan.push(member(
                        Relation::Spouse,
                        opposite(head_gender),
                        s,
                        spouse_surname,
                    ));
                }
                let children = match self.rng.random_range(0..100) {
                    0..55 => 1,
                    55..92 => 2,
                    _ => 3,
                };
                // Children are born when the head is 20 to 40.
                let mut child_age = age - self.rng.random_range(20..=age.min(38));
                for _ in 0..children {
                    if child_age < 0 || age - child_age > 40 {
                        break;
                    }
                    let g = if self.rng.random_bool(0.52) {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    plan.push(member(Relation::Child, g, child_age, family_surname));
                    child_age -= self.rng.random_range(1..6);
                }
                if matches!(shape, Shape::WithParents) {
                    // The head's own parents: the father carries the head's surname when the
                    // head is a son; otherwise they are the wife's parents in a 上门 household.
                    let father_age = age + self.rng.random_range(22..=36);
                    let both = self.rng.random_bool(0.6);
                    if both || self.rng.random_bool(0.35) {
                        plan.push(member(
                            Relation::Parent,
                            Gender::Male,
                            father_age.min(98),
                            head_surname,
                        ));
                    }
                    if both || plan.last().is_some_and(|p| p.relation != Relation::Parent) {
                        let mother_age = (father_age - self.rng.random_range(0..=5)).max(age + 20);
                        let s = self.surname();
                        plan.push(member(
                            Relation::Parent,
                            Gender::Female,
                            mother_age.min(99),
                            s,
                        ));
                    }
                }
            }
            Shape::ThreeGenerations => {
                let age = self.rng.random_range(55..82);
                plan.push(member(Relation::Head, head_gender, age, head_surname));
                if self.rng.random_bool(0.8) {
                    let s = spouse_age(&mut self.rng, age).max(45);
                    plan.push(member(
                        Relation::Spouse,
                        opposite(head_gender),
                        s,
                        spouse_surname,
                    ));
                }
                let child_age = age - self.rng.random_range(22..=32);
                let child_gender = if self.rng.random_bool(0.7) {
                    Gender::Male
                } else {
                    Gender::Female
                };
                plan.push(member(
                    Relation::Child,
                    child_gender,
                    child_age,
                    family_surname,
                ));
                if self.rng.random_bool(0.5) {
                    // 儿媳 / 女婿: not a relation of the head in the dictionary's terms.
                    let in_law = child_age - self.rng.random_range(-2..=4);
                    let s = self.surname();
                    plan.push(member(Relation::Other, opposite(child_gender), in_law, s));
                }
                let grand_surname = if child_gender == Gender::Male {
                    family_surname
                } else {
                    self.surname()
                };
                let mut g_age = child_age - self.rng.random_range(22..=34);
                for _ in 0..self.rng.random_range(1..=2) {
                    if g_age < 0 {
                        break;
                    }
                    let g = if self.rng.random_bool(0.52) {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    plan.push(member(Relation::Grandchild, g, g_age, grand_surname));
                    g_age -= self.rng.random_range(1..5);
                }
            }
            Shape::SkipGeneration => {
                let age = self.rng.random_range(58..80);
                plan.push(member(Relation::Head, head_gender, age, head_surname));
                if self.rng.random_bool(0.7) {
                    let s = spouse_age(&mut self.rng, age).max(50);
                    plan.push(member(
                        Relation::Spouse,
                        opposite(head_gender),
                        s,
                        spouse_surname,
                    ));
                }
                // Both parents gone (or away): a few of these children are recognised orphans.
                let orphans = self.rng.random_bool(0.012);
                let mut g_age = self.rng.random_range(2..17);
                for _ in 0..self.rng.random_range(1..=2) {
                    let g = if self.rng.random_bool(0.52) {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    let mut m = member(Relation::Grandchild, g, g_age, family_surname);
                    m.orphan = orphans;
                    plan.push(m);
                    g_age = (g_age - self.rng.random_range(1..4)).max(0);
                }
            }
        }
        plan
    }

    /// A birth date at `age` completed years on `today`.
    fn birth_for_age(&mut self, age: i64) -> NaiveDate {
        let year = self.today.year() - age as i32;
        let anniversary = NaiveDate::from_ymd_opt(year, self.today.month(), self.today.day())
            // 29 February in a non-leap year
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .unwrap_or(self.today);
        // Any day in the year up to the anniversary keeps the age exact.
        anniversary - Duration::days(self.rng.random_range(0..365))
    }

    /// A unique ID number for `county` and `gender`, moving the birth date a day earlier when
    /// that day's sequence numbers are used up (about 500 per gender and day).
    fn allocate_id(
        &mut self,
        county: &str,
        mut birth: NaiveDate,
        gender: Gender,
    ) -> (IdNumber, NaiveDate) {
        let days = (MAX_AGE * 366) as usize;
        if !self.sequences.contains_key(county) {
            self.sequences.insert(county.to_string(), vec![0; days * 2]);
        }
        let Some(counters) = self.sequences.get_mut(county) else {
            unreachable!("inserted above")
        };
        let g = usize::from(gender == Gender::Male);
        loop {
            let offset = (self.today - birth).num_days().clamp(0, days as i64 - 1) as usize;
            let slot = &mut counters[offset * 2 + g];
            // Men get odd numbers 1..=999, women even 2..=998.
            let seq = if g == 1 { *slot * 2 + 1 } else { *slot * 2 + 2 };
            if seq <= 999 {
                *slot += 1;
                return (IdNumber::from_parts(county, birth, seq), birth);
            }
            birth -= Duration::days(1);
        }
    }

    fn person(&mut self, plan: &Plan, village: &DemoVillage, local_county: &str) -> ValidPerson {
        let county = if self.rng.random_bool(LOCAL_ID_SHARE) {
            local_county
        } else {
            loop {
                let c = MIGRANT_COUNTIES[self.rng.random_range(0..MIGRANT_COUNTIES.len())];
                if c != local_county {
                    break c;
                }
            }
        };
        let birth = self.birth_for_age(plan.age);
        let (id, birth) = self.allocate_id(county, birth, plan.gender);
        let age = plan.age;

        let given = match plan.gender {
            Gender::Male => MALE_GIVEN[self.rng.random_range(0..MALE_GIVEN.len())],
            Gender::Female => FEMALE_GIVEN[self.rng.random_range(0..FEMALE_GIVEN.len())],
        };
        let mut name = String::with_capacity(plan.surname.len() + given.len());
        name.push_str(plan.surname);
        name.push_str(given);

        // Deaths: mostly the old; the record stays in the register with its death date.
        let death_rate = if age >= 80 {
            0.06
        } else if age >= 60 {
            0.015
        } else {
            0.0006
        };
        // A death needs at least one day of life before today.
        let alive = !self.rng.random_bool(death_rate) || self.today - birth < Duration::days(2);
        let death_date = if alive {
            None
        } else {
            let span = (self.today - birth).num_days().clamp(1, 3 * 365);
            Some(self.today - Duration::days(self.rng.random_range(1..=span)))
        };

        let phone = if age >= 18 && alive && self.rng.random_bool(0.8) {
            Some(self.phone())
        } else {
            None
        };

        let ethnicity = if self.rng.random_bool(0.99) {
            "汉族"
        } else {
            MINORITIES[self.rng.random_range(0..MINORITIES.len())]
        };

        let disability_rate = match age {
            0..18 => 0.015,
            18..60 => 0.05,
            60..80 => 0.12,
            _ => 0.2,
        };
        let disability = if self.rng.random_bool(disability_rate) {
            let kind = *pick(&mut self.rng, DISABILITY_KINDS, 1000);
            let grade = *pick(&mut self.rng, DISABILITY_GRADES, 100);
            let grade = DisabilityGrade::new(grade)
                .unwrap_or(DisabilityGrade::new(4).expect("4 is a grade"));
            let kind_digit = DisabilityKind::ALL
                .iter()
                .position(|k| *k == kind)
                .unwrap_or(0)
                + 1;
            let certificate_no = format!("{}{}{}", id.as_str(), kind_digit, grade.get());
            Some(Disability {
                kind,
                grade,
                certificate_no: Some(certificate_no),
            })
        } else {
            None
        };

        let priority_care = if age >= 18 && self.rng.random_bool(0.01) {
            Some(*pick(&mut self.rng, PRIORITY_CARE, 100))
        } else {
            None
        };

        ValidPerson {
            id_number: Some(id),
            alt_id: None,
            name: PersonName::from_trusted(name),
            gender: plan.gender,
            birth_date: birth,
            ethnicity: ethnicity.to_string(),
            phone,
            hukou_region: village.code.clone(),
            region: village.code.clone(),
            hukou_type: if village.urban {
                HukouType::Urban
            } else {
                HukouType::Rural
            },
            alive,
            death_date,
            disability,
            priority_care,
            orphan: plan.orphan && age < 18,
        }
    }

    fn phone(&mut self) -> Phone {
        if self.rng.random_bool(0.08) {
            // 江门 landline: area code 0750, seven digits starting 3–8
            let local = self.rng.random_range(3_000_000..9_000_000u32);
            return Phone::from_trusted(format!("0750-{local}"));
        }
        const SECOND: [u8; 5] = [3, 5, 7, 8, 9];
        let second = SECOND[self.rng.random_range(0..SECOND.len())];
        let rest = self.rng.random_range(0..1_000_000_000u64);
        Phone::from_trusted(format!("1{second}{rest:09}"))
    }

    fn address(&mut self, village: &DemoVillage) -> String {
        // Each town has its own few streets: a stable slice of the list chosen by its name.
        let h = village.town_name.bytes().fold(0usize, |h, b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        });
        let (list, n) = if village.urban {
            (STREETS, 4)
        } else {
            (LANES, 5)
        };
        let street = list[(h + self.rng.random_range(0..n)) % list.len()];
        let number = self
            .rng
            .random_range(1..=if village.urban { 160 } else { 80 });
        let mut a =
            String::with_capacity(village.town_name.len() + village.name.len() + street.len() + 8);
        a.push_str(&village.town_name);
        a.push_str(&village.name);
        a.push_str(street);
        a.push_str(&number.to_string());
        a.push('号');
        a
    }
}

impl Iterator for DemoGenerator {
    type Item = DemoHousehold;

    fn next(&mut self) -> Option<DemoHousehold> {
        if self.produced >= self.target || self.villages.is_empty() {
            return None;
        }
        let vi = self.rng.random_range(0..self.villages.len());
        // Cloned so that the generator's own methods can borrow it mutably below.
        let village = self.villages[vi].clone();
        let county = village.code.as_str()[..6].to_string();
        let plan = self.plan();
        let remaining = self.target - self.produced;
        let take = plan
            .len()
            .min(usize::try_from(remaining).unwrap_or(usize::MAX));
        let mut members = Vec::with_capacity(take);
        for p in &plan[..take] {
            let person = self.person(p, &village, &county);
            members.push(DemoPerson {
                person,
                relation: p.relation,
            });
        }
        self.produced += members.len() as u64;
        let address = self.address(&village);
        Some(DemoHousehold {
            region: village.code,
            address,
            members,
        })
    }
}

#[cfg(test)]
mod tests;
