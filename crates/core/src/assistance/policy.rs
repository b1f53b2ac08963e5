//! 政策参数 policy parameters: every number a rule uses, per region prefix and effective month.
//!
//! A rule looks up a parameter for a region and a month: among the parameters whose region prefix
//! is a prefix of the region's code and whose effective month is not after the month, the longest
//! prefix wins, then the latest effective month. With none, the national default applies.
use serde::Serialize;

use super::month::YearMonth;
use crate::registry::region::RegionCode;

/// The unit of a parameter's integer value.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// fen (per person per month unless the key says otherwise)
    Fen,
    /// thousandths: 350 = 35%, 1500 = 1.5×
    Permille,
    Count,
    /// working days
    WorkingDays,
    /// calendar days
    Days,
    Months,
}

vocabulary! {
    /// 政策参数 a policy parameter's key.
pub enum ParamKey {
        DibaoStandard => ("dibao.standard", "低保标准（元/人·月）", "Dibao standard (per person per month)"),
        DibaoMinShareOfConsumption => ("dibao.min_share_of_consumption", "低保标准不低于上年人均消费支出的比例", "Dibao standard: minimum share of last year's consumption"),
        ConsumptionPerCapita => ("stats.consumption_per_capita", "上年居民人均消费支出（元/年）", "Last year's per-capita consumption expenditure (per year)"),
        DibaoMaxDwellings => ("dibao.max_dwellings", "住房套数上限", "Maximum dwellings"),
        DibaoMaxAssetsMonths => ("dibao.max_assets_months", "货币财产上限（月标准倍数）", "Monetary assets limit (months of standard)"),
        IncrementSevereDisability => ("dibao.increment.severe_disability", "分类施保：重度残疾", "Increment: severe disability"),
        IncrementAged70 => ("dibao.increment.aged70", "分类施保：70岁以上老人", "Increment: aged 70+"),
        IncrementMinor => ("dibao.increment.minor", "分类施保：未成年人", "Increment: minors"),
        IncrementSeriousIllness => ("dibao.increment.serious_illness", "分类施保：重病患者", "Increment: serious illness"),
        IncrementSingleParent => ("dibao.increment.single_parent", "分类施保：单亲家庭", "Increment: single-parent household"),
        LowIncomeMultiple => ("low_income.multiple", "低收入认定倍数", "Low-income multiple of the standard"),
        TekunMultiple => ("tekun.multiple_of_dibao", "特困基本生活标准（低保标准倍数）", "Tekun basic living (multiple of dibao)"),
        TekunCareFull => ("tekun.care.full", "特困照料标准：全自理", "Tekun care: fully self-caring"),
        TekunCarePartial => ("tekun.care.partial", "特困照料标准：半失能", "Tekun care: partly self-caring"),
        TekunCareNone => ("tekun.care.none", "特困照料标准：全失能", "Tekun care: not self-caring"),
        MedicalRatio => ("medical.ratio", "医疗救助比例", "Medical assistance ratio"),
        MedicalAnnualCap => ("medical.annual_cap", "医疗救助年度封顶线（元/人）", "Medical assistance annual cap per person"),
        TemporaryMonthsCap => ("temporary.months_cap", "临时救助上限（月标准倍数）", "Temporary assistance cap (months of standard)"),
        TemporaryTownMonths => ("temporary.town_months", "临时救助镇街审批权限（月标准倍数）", "Temporary assistance: town's approval authority (months of standard)"),
        TownDays => ("workflow.town_days", "镇街审核时限（工作日）", "Town review limit (working days)"),
        CountyDays => ("workflow.county_days", "区县审批时限（工作日）", "County decision limit (working days)"),
        ObjectionDays => ("workflow.objection_days", "异议复查时限（工作日）", "Objection re-check limit (working days)"),
        NoticeDays => ("workflow.notice_days", "公示天数", "Public notice (days)"),
        ReviewMonthsStable => ("review.months_stable", "稳定家庭复核周期（月）", "Review cycle, stable households (months)"),
        ReviewMonthsOther => ("review.months_other", "其他家庭复核周期（月）", "Review cycle, other households (months)"),
        SamplingCityShare => ("sampling.city_share", "市级入户抽查比例", "City re-inspection share"),
        SamplingDistrictShare => ("sampling.district_share", "区级入户抽查比例", "District re-inspection share"),
        OldAge80 => ("old_age.80", "高龄津贴：80至89周岁（元/人·月）", "Old-age allowance, aged 80–89 (per month)"),
        OldAge90 => ("old_age.90", "高龄津贴：90至99周岁（元/人·月）", "Old-age allowance, aged 90–99 (per month)"),
        OldAge100 => ("old_age.100", "百岁老人长寿保健金（元/人·月）", "Centenarians' allowance, aged 100+ (per month)"),
        DisabilityLivingAnnual => ("disability.living_annual", "困难残疾人生活补贴（元/人·年）", "Disability living allowance (per year)"),
        DisabilityCareAnnual => ("disability.care_annual", "重度残疾人护理补贴（元/人·年）", "Severe disability care subsidy (per year)"),
        OrphanConcentrated => ("children.orphan_concentrated", "孤儿基本生活费：集中供养（元/人·月）", "Orphans' basic living, in an institution (per month)"),
        OrphanDispersed => ("children.orphan_dispersed", "孤儿基本生活费：分散供养（元/人·月）", "Orphans' basic living, dispersed (per month)"),
        // 居家养老服务 (stream B)
        HomecareMonthlyAllowance => ("homecare.monthly_allowance", "居家养老服务补贴（元/人·月）", "Home-care service allowance (per person per month)"),
        // 平安钟, 长者食堂, 养老机构 (stream C)
        EmergencyAnnualFee => ("emergency.annual_fee", "平安钟服务费（元/人·年）", "Emergency-call service fee (per person per year)"),
        CanteenSubsidyBase => ("canteen.subsidy.base", "长者食堂助餐补贴：60岁以上本地户籍（元/餐）", "Canteen meal subsidy: local elders 60+ (per meal)"),
        CanteenSubsidyAged80 => ("canteen.subsidy.aged80", "长者食堂助餐补贴：80岁以上（元/餐）", "Canteen meal subsidy: aged 80+ (per meal)"),
        CanteenSubsidyNeedy => ("canteen.subsidy.needy", "长者食堂助餐补贴：低保、低收入老人（元/餐）", "Canteen meal subsidy: dibao and low-income elders (per meal)"),
        CanteenSubsidyTop => ("canteen.subsidy.top", "长者食堂助餐补贴：特困、90岁以上（元/餐）", "Canteen meal subsidy: tekun elders and aged 90+ (per meal)"),
        BedConstructionSubsidy => ("institution.bed_construction", "民办养老机构新增床位一次性建设补贴（元/张）", "Private institution construction subsidy (per new bed, one-off)"),
        BedOperatingSubsidy => ("institution.bed_operating", "养老机构运营补贴（元/张·年）", "Institution operating subsidy (per occupied bed per year)"),
    }
}

impl ParamKey {
    pub fn unit(self) -> Unit {
        use ParamKey as K;
        match self {
            // medical.annual_cap is per person per year, as its name says
            K::DibaoStandard
            | K::TekunCareFull
            | K::TekunCarePartial
            | K::TekunCareNone
            | K::MedicalAnnualCap
            | K::ConsumptionPerCapita
            | K::HomecareMonthlyAllowance
            | K::EmergencyAnnualFee
            | K::CanteenSubsidyBase
            | K::CanteenSubsidyAged80
            | K::CanteenSubsidyNeedy
            | K::CanteenSubsidyTop
            | K::BedConstructionSubsidy
            | K::BedOperatingSubsidy
            | K::OldAge80
            | K::OldAge90
            | K::OldAge100
            | K::DisabilityLivingAnnual
            | K::DisabilityCareAnnual
            | K::OrphanConcentrated
            | K::OrphanDispersed => Unit::Fen,
            K::DibaoMaxDwellings => Unit::Count,
            K::DibaoMaxAssetsMonths
            | K::TemporaryMonthsCap
            | K::TemporaryTownMonths
            | K::ReviewMonthsStable
            | K::ReviewMonthsOther => Unit::Months,
            K::IncrementSevereDisability
            | K::IncrementAged70
            | K::IncrementMinor
            | K::IncrementSeriousIllness
            | K::IncrementSingleParent
            | K::LowIncomeMultiple
            | K::TekunMultiple
            | K::MedicalRatio
            | K::DibaoMinShareOfConsumption
            | K::SamplingCityShare
            | K::SamplingDistrictShare => Unit::Permille,
            K::TownDays | K::CountyDays | K::ObjectionDays => Unit::WorkingDays,
            K::NoticeDays => Unit::Days,
        }
    }

    /// The national default used where no region has set the parameter (POLICY.md):
    /// dibao.standard 55000, max_dwellings 1, max_assets_months 24, severe disability 350,
    /// other increments 0, low_income.multiple 1500, tekun multiple 1300, tekun care 0 each,
    /// medical ratio 800, medical cap 5000000, temporary months 3, temporary town months 1, town 15, county 10, objection 20,
    /// notice 7, review stable 12, other 6, sampling city 200 and district 500.
    pub fn default_value(self) -> i64 {
        use ParamKey as K;
        match self {
            K::DibaoStandard => 55000,
            // 40% from 2020 [001]; 0 = last year's consumption not entered yet
            K::DibaoMinShareOfConsumption => 400,
            K::ConsumptionPerCapita => 0,
            K::DibaoMaxDwellings => 1,
            K::DibaoMaxAssetsMonths => 24,
            K::IncrementSevereDisability => 350,
            K::IncrementAged70
            | K::IncrementMinor
            | K::IncrementSeriousIllness
            | K::IncrementSingleParent => 0,
            K::LowIncomeMultiple => 1500,
            K::TekunMultiple => 1300,
            K::TekunCareFull | K::TekunCarePartial | K::TekunCareNone => 0,
            K::MedicalRatio => 800,
            K::MedicalAnnualCap => 5_000_000,
            K::TemporaryMonthsCap => 3,
            // a demonstration default: each district sets its towns' authority (乡镇审批权限)
            K::TemporaryTownMonths => 1,
            K::TownDays => 15,
            K::CountyDays => 10,
            K::ObjectionDays => 20,
            K::NoticeDays => 7,
            K::ReviewMonthsStable => 12,
            K::ReviewMonthsOther => 6,
            // seed 001: the district visits 50% of its dibao households a year, apart from the
            // city's 20%
            K::SamplingCityShare => 200,
            K::SamplingDistrictShare => 500,
            // 高龄津贴: amounts per region (POLICY.md); nothing is paid until the region sets them
            K::OldAge80 | K::OldAge90 | K::OldAge100 => 0,
            // 2020 standards [001]
            K::DisabilityLivingAnnual => 208_400,
            K::DisabilityCareAnnual => 277_900,
            // [003]
            K::OrphanConcentrated => 124_000,
            K::OrphanDispersed => 76_000,
            // seed 000: government-purchased home care, 300 yuan per person per month
            K::HomecareMonthlyAllowance => 30000,
            // seed 000: 平安钟 service, 330 yuan per person per year
            K::EmergencyAnnualFee => 33000,
            // 长者食堂 tiers (docs/elderly-services.md): a Guangdong-style scheme, 3 / 5 / 8 / 10 yuan a meal
            K::CanteenSubsidyBase => 300,
            K::CanteenSubsidyAged80 => 500,
            K::CanteenSubsidyNeedy => 800,
            K::CanteenSubsidyTop => 1000,
            // seed 000: 5,000 yuan per new private bed once, 1,000 yuan per bed per year
            K::BedConstructionSubsidy => 500_000,
            K::BedOperatingSubsidy => 100_000,
        }
    }
}

/// One stored value of a parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyParam {
    pub id: i64,
    pub key: ParamKey,
    /// a region code prefix: `44` a province, `4407` a city, `440705` a district, `440705001` a town
    pub region_prefix: String,
    pub effective: YearMonth,
    pub value: i64,
}

/// The value a rule used, and where it came from: recorded with every calculation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ParamUse {
    pub key: ParamKey,
    pub value: i64,
    /// the stored parameter's id; `None` for the national default
    pub param_id: Option<i64>,
    pub region_prefix: Option<String>,
    pub effective: Option<YearMonth>,
}

/// The parameters in force, as loaded from the store.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    params: Vec<PolicyParam>,
}

impl PolicySet {
    pub fn new(params: Vec<PolicyParam>) -> PolicySet {
        PolicySet { params }
    }

    pub fn params(&self) -> &[PolicyParam] {
        &self.params
    }

    /// The stored parameter that applies (see the module comment), if any.
    ///
    /// Two values stored for the same prefix and month (a correction entered twice): the one with
    /// the higher id, i.e. the later entry, wins.
    pub fn lookup(
        &self,
        key: ParamKey,
        region: &RegionCode,
        month: YearMonth,
    ) -> Option<&PolicyParam> {
        self.params
            .iter()
            .filter(|p| {
                p.key == key
                    && p.effective <= month
                    && region.as_str().starts_with(p.region_prefix.as_str())
            })
            .max_by_key(|p| (p.region_prefix.len(), p.effective, p.id))
    }

    /// The value that applies, falling back to the national default.
    pub fn get(&self, key: ParamKey, region: &RegionCode, month: YearMonth) -> ParamUse {
        match self.lookup(key, region, month) {
            Some(p) => ParamUse {
                key,
                value: p.value,
                param_id: Some(p.id),
                region_prefix: Some(p.region_prefix.clone()),
                effective: Some(p.effective),
            },
            None => ParamUse {
                key,
                value: key.default_value(),
                param_id: None,
                region_prefix: None,
                effective: None,
            },
        }
    }

    /// A copy with `param` added (used by what-if simulations of a standard change).
    pub fn with(&self, param: PolicyParam) -> PolicySet {
        let mut params = self.params.clone();
        params.push(param);
        PolicySet { params }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn region(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    fn param(
        id: i64,
        key: ParamKey,
        prefix: &str,
        effective: YearMonth,
        value: i64,
    ) -> PolicyParam {
        PolicyParam {
            id,
            key,
            region_prefix: prefix.to_string(),
            effective,
            value,
        }
    }

    fn standards() -> PolicySet {
        PolicySet::new(vec![
            param(1, ParamKey::DibaoStandard, "44", ym(2020, 1), 50000),
            param(2, ParamKey::DibaoStandard, "4407", ym(2024, 1), 52000),
            param(3, ParamKey::DibaoStandard, "440703", ym(2025, 1), 55000),
            param(4, ParamKey::DibaoStandard, "440703", ym(2027, 1), 60000),
            // another key, more specific: must not be picked for dibao.standard
            param(5, ParamKey::TekunMultiple, "440703001", ym(2018, 1), 1600),
        ])
    }

    #[test]
    fn most_specific_prefix_then_latest_month() {
        let p = standards();
        let penjiang = region("440703001001");
        let got = p.get(ParamKey::DibaoStandard, &penjiang, ym(2026, 6));
        assert_eq!(
            got,
            ParamUse {
                key: ParamKey::DibaoStandard,
                value: 55000,
                param_id: Some(3),
                region_prefix: Some("440703".into()),
                effective: Some(ym(2025, 1)),
            }
        );
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &penjiang, ym(2027, 1)).value,
            60000
        );
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &penjiang, ym(2027, 1))
                .param_id,
            Some(4)
        );
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &penjiang, ym(2026, 12))
                .value,
            55000
        );
        // before the district's first value, the city's applies
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &penjiang, ym(2024, 12))
                .value,
            52000
        );
        // before the city's, the province's
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &penjiang, ym(2023, 12))
                .value,
            50000
        );
    }

    #[test]
    fn other_district_gets_the_city_value() {
        let got = standards().get(
            ParamKey::DibaoStandard,
            &region("440705001001"),
            ym(2026, 6),
        );
        assert_eq!((got.value, got.param_id), (52000, Some(2)));
    }

    #[test]
    fn no_stored_value_gives_the_national_default() {
        let p = standards();
        let got = p.get(
            ParamKey::DibaoStandard,
            &region("450000000000"),
            ym(2026, 6),
        );
        assert_eq!(
            got,
            ParamUse {
                key: ParamKey::DibaoStandard,
                value: 55000,
                param_id: None,
                region_prefix: None,
                effective: None
            }
        );
        let early = p.get(
            ParamKey::DibaoStandard,
            &region("440703001001"),
            ym(2019, 12),
        );
        assert_eq!((early.value, early.param_id), (55000, None));
        assert!(
            p.lookup(
                ParamKey::DibaoStandard,
                &region("450000000000"),
                ym(2026, 6)
            )
            .is_none()
        );
    }

    #[test]
    fn a_prefix_must_match_from_the_start() {
        // "0703" appears inside 440703… but is not its prefix
        let p = PolicySet::new(vec![param(
            1,
            ParamKey::DibaoStandard,
            "0703",
            ym(2020, 1),
            1,
        )]);
        assert!(
            p.lookup(
                ParamKey::DibaoStandard,
                &region("440703001001"),
                ym(2026, 1)
            )
            .is_none()
        );
    }

    #[test]
    fn same_prefix_and_month_later_entry_wins() {
        let p = PolicySet::new(vec![
            param(7, ParamKey::DibaoStandard, "440703", ym(2025, 1), 56000),
            param(3, ParamKey::DibaoStandard, "440703", ym(2025, 1), 55000),
        ]);
        assert_eq!(
            p.get(ParamKey::DibaoStandard, &region("440703"), ym(2025, 6))
                .param_id,
            Some(7)
        );
    }

    #[test]
    fn with_adds_a_parameter_for_what_if() {
        let p = standards();
        let q = p.with(param(
            9,
            ParamKey::DibaoStandard,
            "440703001",
            ym(2026, 7),
            58000,
        ));
        let r = region("440703001001");
        assert_eq!(p.get(ParamKey::DibaoStandard, &r, ym(2026, 7)).value, 55000);
        assert_eq!(q.get(ParamKey::DibaoStandard, &r, ym(2026, 7)).value, 58000);
        assert_eq!(q.params().len(), p.params().len() + 1);
    }

    #[test]
    fn defaults_follow_the_policy() {
        assert_eq!(ParamKey::DibaoStandard.default_value(), 55000);
        assert_eq!(ParamKey::DibaoMaxDwellings.default_value(), 1);
        assert_eq!(ParamKey::DibaoMaxAssetsMonths.default_value(), 24);
        assert_eq!(ParamKey::IncrementSevereDisability.default_value(), 350);
        for k in [
            ParamKey::IncrementAged70,
            ParamKey::IncrementMinor,
            ParamKey::IncrementSeriousIllness,
            ParamKey::IncrementSingleParent,
            ParamKey::TekunCareFull,
            ParamKey::TekunCarePartial,
            ParamKey::TekunCareNone,
        ] {
            assert_eq!(k.default_value(), 0, "{k}");
        }
        assert_eq!(ParamKey::LowIncomeMultiple.default_value(), 1500);
        assert_eq!(ParamKey::TekunMultiple.default_value(), 1300);
        assert_eq!(ParamKey::MedicalRatio.default_value(), 800);
        assert_eq!(ParamKey::MedicalAnnualCap.default_value(), 5_000_000);
        assert_eq!(ParamKey::TemporaryMonthsCap.default_value(), 3);
        assert_eq!(ParamKey::TownDays.default_value(), 15);
        assert_eq!(ParamKey::CountyDays.default_value(), 10);
        assert_eq!(ParamKey::ObjectionDays.default_value(), 20);
        assert_eq!(ParamKey::NoticeDays.default_value(), 7);
        assert_eq!(ParamKey::ReviewMonthsStable.default_value(), 12);
        assert_eq!(ParamKey::ReviewMonthsOther.default_value(), 6);
    }

    #[test]
    fn units() {
        assert_eq!(ParamKey::DibaoStandard.unit(), Unit::Fen);
        assert_eq!(ParamKey::MedicalAnnualCap.unit(), Unit::Fen);
        assert_eq!(ParamKey::TekunCarePartial.unit(), Unit::Fen);
        assert_eq!(ParamKey::DibaoMaxDwellings.unit(), Unit::Count);
        assert_eq!(ParamKey::IncrementSevereDisability.unit(), Unit::Permille);
        assert_eq!(ParamKey::LowIncomeMultiple.unit(), Unit::Permille);
        assert_eq!(ParamKey::MedicalRatio.unit(), Unit::Permille);
        assert_eq!(ParamKey::DibaoMaxAssetsMonths.unit(), Unit::Months);
        assert_eq!(ParamKey::TemporaryMonthsCap.unit(), Unit::Months);
        assert_eq!(ParamKey::ReviewMonthsOther.unit(), Unit::Months);
        assert_eq!(ParamKey::TownDays.unit(), Unit::WorkingDays);
        assert_eq!(ParamKey::ObjectionDays.unit(), Unit::WorkingDays);
        assert_eq!(ParamKey::NoticeDays.unit(), Unit::Days);
    }

    #[test]
    fn keys_parse_from_their_codes() {
        for &k in ParamKey::ALL {
            assert_eq!(ParamKey::parse(k.as_str()), Some(k));
        }
    }
}

/// 低保标准自然增长检查 whether a region's dibao standard keeps up with consumption (POLICY.md:
/// at least `dibao.min_share_of_consumption` × last year's per-capita consumption expenditure).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardCheck {
    pub month: YearMonth,
    pub standard: ParamUse,
    pub consumption_per_year: ParamUse,
    pub min_share: ParamUse,
    /// consumption × share ÷ 12, rounded half up to the fen; `None` until the consumption is entered
    pub minimum_monthly: Option<super::Fen>,
    /// how much the standard falls short of the minimum (0 when it does not)
    pub short_by: super::Fen,
}

pub fn standard_check(policy: &PolicySet, region: &RegionCode, month: YearMonth) -> StandardCheck {
    let standard = policy.get(ParamKey::DibaoStandard, region, month);
    let consumption = policy.get(ParamKey::ConsumptionPerCapita, region, month);
    let share = policy.get(ParamKey::DibaoMinShareOfConsumption, region, month);
    let minimum = (consumption.value > 0).then(|| super::Fen(super::money::div_round(consumption.value.saturating_mul(share.value), 12_000)));
    let short_by = minimum.map_or(super::Fen(0), |m| super::Fen((m.0 - standard.value).max(0)));
    StandardCheck { month, standard, consumption_per_year: consumption, min_share: share, minimum_monthly: minimum, short_by }
}

#[cfg(test)]
mod standard_check_tests {
    use super::*;

    #[test]
    fn a_standard_below_the_share_of_consumption_falls_short() {
        let region = RegionCode::parse("440705001001").expect("region");
        let m = YearMonth::new(2026, 12).expect("month");
        let none = standard_check(&PolicySet::default(), &region, m);
        assert_eq!(none.minimum_monthly, None, "no consumption figure yet: nothing to compare");
        assert_eq!(none.short_by.0, 0);
        // 30,000.00 yuan a year × 40% ÷ 12 = 1,000.00 yuan a month; the standard 550.00 is 450.00 short
        let p = PolicySet::new(vec![PolicyParam { id: 9, key: ParamKey::ConsumptionPerCapita, region_prefix: "4407".into(), effective: YearMonth::new(2026, 1).expect("m"), value: 3_000_000 }]);
        let c = standard_check(&p, &region, m);
        assert_eq!(c.minimum_monthly.map(|f| f.0), Some(100_000));
        assert_eq!(c.short_by.0, 45_000);
        assert_eq!(c.consumption_per_year.param_id, Some(9));
        // 1,650,001 × 400 ÷ 12000 = 55000.03 → 55000: a standard of 55000 meets it exactly
        let p = PolicySet::new(vec![PolicyParam { id: 1, key: ParamKey::ConsumptionPerCapita, region_prefix: "44".into(), effective: YearMonth::new(2026, 1).expect("m"), value: 1_650_001 }]);
        assert_eq!(standard_check(&p, &region, m).short_by.0, 0);
    }
}
