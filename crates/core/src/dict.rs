//! 字典 the code lists served by `GET /api/v1/dict`.

use std::collections::BTreeMap;

use crate::access::Role;
use crate::assistance::Programme;
use crate::assistance::means::{IncomeType, IncrementCategory, SelfCare};
use crate::assistance::workflow::{Action, Stage};
use crate::charity::designation::Category;
use crate::registry::identity::AltIdType;
use crate::registry::person::{DisabilityKind, Gender, HukouType, PriorityCare, Relation};
use crate::verification::feed::Kind as ColumnKind;
use crate::verification::sampling::{ItemStatus, Sample, VisitOutcome};
use crate::verification::{Conclusion, Feed, FlagCode, FlagStatus, Resolution, RunKind, RunStatus, SnapshotStatus, Source};

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DictEntry {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl DictEntry {
    fn new(code: &str, zh: &str, en: &str) -> Self {
        DictEntry {
            code: code.to_string(),
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }
}

/// 民族 the 56 ethnic groups (GB/T 3304 order) with their English names.
pub const ETHNICITY_TABLE: &[(&str, &str)] = &[
    ("汉族", "Han"),
    ("蒙古族", "Mongol"),
    ("回族", "Hui"),
    ("藏族", "Tibetan"),
    ("维吾尔族", "Uyghur"),
    ("苗族", "Miao"),
    ("彝族", "Yi"),
    ("壮族", "Zhuang"),
    ("布依族", "Buyei"),
    ("朝鲜族", "Korean"),
    ("满族", "Manchu"),
    ("侗族", "Dong"),
    ("瑶族", "Yao"),
    ("白族", "Bai"),
    ("土家族", "Tujia"),
    ("哈尼族", "Hani"),
    ("哈萨克族", "Kazakh"),
    ("傣族", "Dai"),
    ("黎族", "Li"),
    ("傈僳族", "Lisu"),
    ("佤族", "Va"),
    ("畲族", "She"),
    ("高山族", "Gaoshan"),
    ("拉祜族", "Lahu"),
    ("水族", "Sui"),
    ("东乡族", "Dongxiang"),
    ("纳西族", "Naxi"),
    ("景颇族", "Jingpo"),
    ("柯尔克孜族", "Kyrgyz"),
    ("土族", "Tu"),
    ("达斡尔族", "Daur"),
    ("仫佬族", "Mulao"),
    ("羌族", "Qiang"),
    ("布朗族", "Blang"),
    ("撒拉族", "Salar"),
    ("毛南族", "Maonan"),
    ("仡佬族", "Gelao"),
    ("锡伯族", "Xibe"),
    ("阿昌族", "Achang"),
    ("普米族", "Pumi"),
    ("塔吉克族", "Tajik"),
    ("怒族", "Nu"),
    ("乌孜别克族", "Uzbek"),
    ("俄罗斯族", "Russian"),
    ("鄂温克族", "Evenki"),
    ("德昂族", "De'ang"),
    ("保安族", "Bonan"),
    ("裕固族", "Yugur"),
    ("京族", "Gin"),
    ("塔塔尔族", "Tatar"),
    ("独龙族", "Derung"),
    ("鄂伦春族", "Oroqen"),
    ("赫哲族", "Hezhen"),
    ("门巴族", "Monba"),
    ("珞巴族", "Lhoba"),
    ("基诺族", "Jino"),
];

/// The 56 ethnic groups' Chinese names, in [`ETHNICITY_TABLE`] order (without `其他`).
pub const ETHNICITIES: &[&str] = &[
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// `其他`: a person of another or undetermined ethnicity (e.g. a naturalised citizen).
pub const ETHNICITY_OTHER: &str = "其他";
/// Assumed when the field is left empty.
pub const DEFAULT_ETHNICITY: &str = "汉族";

/// The canonical name of an ethnicity as written: `壮族`, `壮` (without 族), an English name
/// (`Zhuang`), or `其他`. `None` if unknown.
pub fn normalise_ethnicity(input: &str) -> Option<&'static str> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if s == ETHNICITY_OTHER || s == "其它" || s.eq_ignore_ascii_case("other") {
        return Some(ETHNICITY_OTHER);
    }
    ETHNICITY_TABLE.iter().find_map(|&(zh, en)| {
        let bare = zh.strip_suffix('族').unwrap_or(zh);
        (s == zh || s == bare || s.eq_ignore_ascii_case(en)).then_some(zh)
    })
}

macro_rules! entries {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| DictEntry::new(v.as_str(), v.zh(), v.en()))
            .collect::<Vec<_>>()
    };
}

/// Every dictionary, keyed as in the API: the registry's (genders, hukou_types, ethnicities,
/// disability_kinds, relations, priority_care, alt_id_types), roles, and the vocabularies the
/// console labels (programmes, stages, actions, income_types, self_care, increment_categories,
/// flag_codes, conclusions, visit_outcomes, feeds, sources, charity_categories), so that it spells none
/// of them itself.
pub fn dictionaries() -> BTreeMap<&'static str, Vec<DictEntry>> {
    let mut m = BTreeMap::new();
    m.insert("genders", entries!(Gender));
    m.insert("hukou_types", entries!(HukouType));
    let mut ethnicities: Vec<DictEntry> = ETHNICITY_TABLE
        .iter()
        .map(|(zh, en)| DictEntry::new(zh, zh, en))
        .collect();
    ethnicities.push(DictEntry::new(ETHNICITY_OTHER, ETHNICITY_OTHER, "Other"));
    m.insert("ethnicities", ethnicities);
    m.insert("disability_kinds", entries!(DisabilityKind));
    m.insert("relations", entries!(Relation));
    m.insert("priority_care", entries!(PriorityCare));
    m.insert("roles", entries!(Role));
    m.insert("alt_id_types", entries!(AltIdType));
    m.insert("programmes", entries!(Programme));
    m.insert("stages", entries!(Stage));
    m.insert("actions", entries!(Action));
    m.insert("income_types", entries!(IncomeType));
    m.insert("self_care", entries!(SelfCare));
    m.insert("increment_categories", entries!(IncrementCategory));
    m.insert("flag_codes", entries!(FlagCode));
    m.insert("conclusions", entries!(Conclusion));
    m.insert("visit_outcomes", entries!(VisitOutcome));
    m.insert("feeds", entries!(Feed));
    m.insert("sources", entries!(Source));
    m.insert("column_kinds", entries!(ColumnKind));
    m.insert("run_scopes", entries!(RunKind));
    m.insert("run_statuses", entries!(RunStatus));
    m.insert("snapshot_statuses", entries!(SnapshotStatus));
    m.insert("flag_statuses", entries!(FlagStatus));
    m.insert("resolutions", entries!(Resolution));
    m.insert("samples", entries!(Sample));
    m.insert("sample_statuses", entries!(ItemStatus));
    m.insert("charity_categories", entries!(Category));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_six_groups() {
        assert_eq!(ETHNICITIES.len(), 56);
        assert_eq!(ETHNICITY_TABLE.len(), 56);
        for (a, (b, _)) in ETHNICITIES.iter().zip(ETHNICITY_TABLE) {
            assert_eq!(a, b);
        }
        let unique: std::collections::HashSet<_> = ETHNICITIES.iter().collect();
        assert_eq!(unique.len(), 56);
    }

    #[test]
    fn ethnicity_normalisation() {
        assert_eq!(normalise_ethnicity("壮"), Some("壮族"));
        assert_eq!(normalise_ethnicity("壮族"), Some("壮族"));
        assert_eq!(normalise_ethnicity("蒙古"), Some("蒙古族"));
        assert_eq!(normalise_ethnicity("han"), Some("汉族"));
        assert_eq!(normalise_ethnicity("其他"), Some("其他"));
        assert_eq!(normalise_ethnicity("火星族"), None);
    }

    #[test]
    fn dictionary_keys_and_codes() {
        let d = dictionaries();
        let keys: Vec<_> = d.keys().copied().collect();
        assert_eq!(
            keys,
            [
                "actions",
                "alt_id_types",
                "charity_categories",
                "column_kinds",
                "conclusions",
                "disability_kinds",
                "ethnicities",
                "feeds",
                "flag_codes",
                "flag_statuses",
                "genders",
                "hukou_types",
                "income_types",
                "increment_categories",
                "priority_care",
                "programmes",
                "relations",
                "resolutions",
                "roles",
                "run_scopes",
                "run_statuses",
                "sample_statuses",
                "samples",
                "self_care",
                "snapshot_statuses",
                "sources",
                "stages",
                "visit_outcomes"
            ]
        );
        assert_eq!(d["genders"][0], DictEntry::new("male", "男", "Male"));
        assert_eq!(d["ethnicities"].len(), 57);
        assert_eq!(
            d["ethnicities"][7],
            DictEntry::new("壮族", "壮族", "Zhuang")
        );
        assert_eq!(d["relations"].len(), 8);
        assert_eq!(d["alt_id_types"][3].zh, "无证件（弃婴等）");
        assert_eq!(d["programmes"][2], DictEntry::new("low_income", "低收入家庭认定", "Low-income recognition"));
        assert_eq!(d["stages"].len(), 8);
    }
}
