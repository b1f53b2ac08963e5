//! 事找人 the daily search for persons who have become eligible without applying: the rules, the
//! age limits they use, and the reason an officer reads on the task.
//!
//! The search itself is set-based SQL in the store (a district of a million persons is searched in
//! seconds); this module says what each rule means, so that the SQL and the console agree.
use chrono::NaiveDate;

use crate::assistance::{Programme, YearMonth};
use crate::date::age_on;

vocabulary! {
    /// 事找人规则 a rule of the daily search.
    pub enum Rule {
        Turned80 => ("turned_80", "年满80周岁未领高龄津贴", "Turned 80 without the old-age allowance"),
        Turned90 => ("turned_90", "年满90周岁未领高龄津贴", "Turned 90 without the old-age allowance"),
        Turned100 => ("turned_100", "百岁老人未领长寿保健金", "Centenarian without the centenarians' allowance"),
        DisabilityInDibao => ("disability_in_dibao", "低保家庭残疾人未领生活补贴", "Disabled member of a dibao household without the living allowance"),
        SevereDisability => ("severe_disability", "重度残疾人未领护理补贴", "Severely disabled person without the care subsidy"),
        Orphaned => ("orphaned", "父母双亡儿童未领孤儿基本生活费", "Child who lost both parents without orphans' basic living"),
        Dibao90NoDevice => ("dibao_90_no_device", "90岁以上低保老人未装平安钟", "Dibao member aged 90+ without an emergency-call device"),
        /// the other way round: a death in the registry while an allowance is still paid
        DeceasedPaid => ("deceased_paid", "已故人员仍在领取津补贴", "Deceased person still receiving an allowance"),
    }
}

impl Rule {
    /// The allowance the officer would enrol the person in; `None` where the action is a service
    /// (installing a 平安钟 device).
    pub fn programme(self) -> Option<Programme> {
        match self {
            Rule::Turned80 | Rule::Turned90 | Rule::Turned100 => Some(Programme::OldAge),
            Rule::DisabilityInDibao => Some(Programme::DisabilityLiving),
            Rule::SevereDisability => Some(Programme::DisabilityCare),
            Rule::Orphaned => Some(Programme::Orphan),
            Rule::Dibao90NoDevice | Rule::DeceasedPaid => None,
        }
    }

    /// A rule that fires (or may fire) on a birthday (80, 90, 100; 90 in dibao without a device):
    /// the day it finds the person can be the birthday.
    pub fn is_birthday(self) -> bool {
        matches!(self, Rule::Turned80 | Rule::Turned90 | Rule::Turned100 | Rule::Dibao90NoDevice)
    }

    /// The birthday rules' age and what the centenarians get besides the allowance (zh, en).
    fn age_band_text(self) -> (u32, &'static str, &'static str) {
        match self {
            Rule::Turned80 => (80, "", ""),
            Rule::Turned90 => (90, "", ""),
            _ => (100, "，可享长寿保健金和医疗费用全免", "; entitled to the centenarians' allowance and free medical costs"),
        }
    }

    /// [`Rule::reason`] for a masked answer: the birth year only, ages counted by calendar year,
    /// and no day the birthday follows from (`crate::mask::birth_year`).
    pub fn masked_reason(self, name: &str, birth_year: i32, found_on: NaiveDate) -> (String, String) {
        let age = crate::mask::age_in_year(birth_year, found_on);
        match self {
            Rule::Turned80 | Rule::Turned90 | Rule::Turned100 => {
                let (band, extra_zh, extra_en) = self.age_band_text();
                (
                    format!("{name}（{birth_year}年出生）已满{band}周岁，户籍在本地，未领取高龄津贴{extra_zh}。"),
                    format!("{name} (born in {birth_year}) is aged {band}+ with a local 户籍, and receives no old-age allowance{extra_en}."),
                )
            }
            Rule::Orphaned => (
                format!("{name}（{birth_year}年出生，按年份计{age}岁）父母均已登记死亡或已认定为孤儿，未领取孤儿基本生活费。"),
                format!("{name} (born in {birth_year}, {age} by year) has both parents recorded as deceased or is recognised as an orphan, and receives no orphans' basic living."),
            ),
            Rule::Dibao90NoDevice => (
                format!("{name}（{birth_year}年出生，按年份计{age}岁）为低保对象，尚未安装平安钟（POLICY.md：优先安装）。"),
                format!("{name} (born in {birth_year}, {age} by year) is a dibao member without an emergency-call device (first in the installation priority)."),
            ),
            other => other.reason(name, NaiveDate::MIN, found_on),
        }
    }

    /// Why the person is on the list, for the officer (zh, en).
    pub fn reason(self, name: &str, birth: NaiveDate, found_on: NaiveDate) -> (String, String) {
        let age = age_on(birth, found_on);
        match self {
            Rule::Turned80 | Rule::Turned90 | Rule::Turned100 => {
                let (band, extra_zh, extra_en) = self.age_band_text();
                (
                    format!("{name}（{birth}出生）{found_on}时{age}周岁，已满{band}周岁，户籍在本地，未领取高龄津贴{extra_zh}。"),
                    format!("{name} (born {birth}) was {age} on {found_on}, aged {band}+ with a local 户籍, and receives no old-age allowance{extra_en}."),
                )
            }
            Rule::DisabilityInDibao => (
                format!("{name}持有残疾人证，所在家庭在低保，未领取困难残疾人生活补贴。"),
                format!("{name} holds a disability certificate in a dibao household and receives no disability living allowance."),
            ),
            Rule::SevereDisability => (
                format!("{name}为一、二级残疾或三、四级智力、精神残疾，未领取重度残疾人护理补贴。"),
                format!("{name} has a grade 1–2 disability or a grade 3–4 intellectual or mental one and receives no care subsidy."),
            ),
            Rule::Orphaned => (
                format!("{name}（{age}周岁）父母均已登记死亡或已认定为孤儿，未领取孤儿基本生活费。"),
                format!("{name} (aged {age}) has both parents recorded as deceased or is recognised as an orphan, and receives no orphans' basic living."),
            ),
            Rule::Dibao90NoDevice => (
                format!("{name}{age}周岁，为低保对象，尚未安装平安钟（POLICY.md：优先安装）。"),
                format!("{name}, aged {age}, is a dibao member without an emergency-call device (first in the installation priority)."),
            ),
            Rule::DeceasedPaid => (
                format!("{name}在户籍信息中已登记死亡，仍在领取津补贴；确认后自死亡次月起停发。"),
                format!("{name} is recorded as deceased in the registry and still receives an allowance; confirming stops it from the month after the death."),
            ),
        }
    }
}

/// The birth-date limits of a search day: a person born on or before a limit has reached the age.
/// The old-age limits are those of the allowance (the age reached by the end of last month, so
/// the task appears when the allowance can start); the others are ages on the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub old_age_80: NaiveDate,
    pub old_age_90: NaiveDate,
    pub old_age_100: NaiveDate,
    pub aged_60: NaiveDate,
    pub aged_70: NaiveDate,
    pub aged_80: NaiveDate,
    pub aged_90: NaiveDate,
    pub aged_100: NaiveDate,
    /// born after this: under 18 on the day
    pub aged_18: NaiveDate,
}

/// The latest birth date of someone who is `years` old on `day`.
pub fn born_by(day: NaiveDate, years: u32) -> NaiveDate {
    // 29 February on a day of a non-leap year: chrono's month arithmetic gives 28 February, and a
    // person born on 29 February is not yet that old on the 28th, as `age_on` says
    let d = day.checked_sub_months(chrono::Months::new(years * 12)).unwrap_or(NaiveDate::MIN);
    if age_on(d, day) >= years { d } else { d.pred_opt().unwrap_or(d) }
}

impl Limits {
    pub fn on(day: NaiveDate) -> Limits {
        let end_of_last_month = YearMonth::of(day).prev().last_day();
        Limits {
            old_age_80: born_by(end_of_last_month, 80),
            old_age_90: born_by(end_of_last_month, 90),
            old_age_100: born_by(end_of_last_month, 100),
            aged_60: born_by(day, 60),
            aged_70: born_by(day, 70),
            aged_80: born_by(day, 80),
            aged_90: born_by(day, 90),
            aged_100: born_by(day, 100),
            aged_18: born_by(day, 18),
        }
    }
}

vocabulary! {
    /// 年龄段 age band of the elderly register.
    pub enum AgeBand {
        From60 => ("60-69", "60至69岁", "60–69"),
        From70 => ("70-79", "70至79岁", "70–79"),
        From80 => ("80-89", "80至89岁", "80–89"),
        From90 => ("90-99", "90至99岁", "90–99"),
        From100 => ("100+", "100岁以上", "100+"),
    }
}

impl AgeBand {
    /// The band of an age (`None` under 60).
    pub fn of_age(age: u32) -> Option<AgeBand> {
        Some(match age {
            0..=59 => return None,
            60..=69 => AgeBand::From60,
            70..=79 => AgeBand::From70,
            80..=89 => AgeBand::From80,
            90..=99 => AgeBand::From90,
            _ => AgeBand::From100,
        })
    }

    /// The ages the band spans, inclusive (100+ up to `u32::MAX`).
    pub fn ages(self) -> (u32, u32) {
        match self {
            AgeBand::From60 => (60, 69),
            AgeBand::From70 => (70, 79),
            AgeBand::From80 => (80, 89),
            AgeBand::From90 => (90, 99),
            AgeBand::From100 => (100, u32::MAX),
        }
    }
}

vocabulary! {
    /// 任务状态 an outreach task's state: open until the officer enrols, dismisses or finishes it.
    pub enum TaskStatus {
        Open => ("open", "待处理", "Open"),
        Enrolled => ("enrolled", "已纳入", "Enrolled"),
        Done => ("done", "已办结", "Done"),
        Dismissed => ("dismissed", "不予纳入", "Dismissed"),
    }
}

vocabulary! {
    /// 名册筛选·救助 the register's assistance filter: one of the four, or none of them.
    pub enum AssistanceFilter {
        Dibao => ("dibao", "低保", "Dibao"),
        Tekun => ("tekun", "特困", "Tekun"),
        LowIncome => ("low_income", "低收入", "Low income"),
        OldAge => ("old_age", "高龄津贴", "Old-age allowance"),
        NoneOf => ("none", "均无", "None"),
    }
}

vocabulary! {
    /// 名册筛选·残疾 the register's disability filter.
    pub enum DisabilityFilter {
        Any => ("any", "残疾人", "Any grade"),
        Severe => ("severe", "重度残疾（一、二级）", "Severe (grade 1–2)"),
        NoDisability => ("none", "无残疾", "No disability"),
    }
}

vocabulary! {
    /// 名册筛选·能力 the register's level filter: a level of the latest assessment, or never assessed.
    pub enum LevelFilter {
        Intact => ("intact", "能力完好", "Intact"),
        Mild => ("mild", "轻度失能", "Mildly impaired"),
        Moderate => ("moderate", "中度失能", "Moderately impaired"),
        Severe => ("severe", "重度失能", "Severely impaired"),
        Total => ("total", "完全失能", "Totally impaired"),
        NotAssessed => ("none", "未评估", "Not assessed"),
    }
}

vocabulary! {
    /// 名册筛选·服务 the register's service filter: a service the elder receives, or none.
    pub enum ServiceFilter {
        HomeCare => ("home_care", "居家养老", "Home care"),
        EmergencyDevice => ("emergency_device", "平安钟", "Emergency-call device"),
        Canteen => ("canteen", "长者食堂", "Elderly canteen"),
        Institution => ("institution", "入住机构", "In an institution"),
        NoService => ("none", "无服务", "No service"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elderly::allowance::old_age_years;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn limits_agree_with_the_allowance_age() {
        let day = d(2026, 4, 10);
        let l = Limits::on(day);
        // the allowance counts the age reached by 31 March 2026
        assert_eq!(l.old_age_80, d(1946, 3, 31));
        assert_eq!(l.aged_80, d(1946, 4, 10));
        assert_eq!(l.aged_18, d(2008, 4, 10));
        let month = YearMonth::of(day);
        for birth in [d(1946, 3, 31), d(1946, 4, 1), d(1946, 3, 1), d(1936, 3, 31), d(1936, 4, 2), d(1926, 3, 15)] {
            let age = old_age_years(birth, month);
            assert_eq!(birth <= l.old_age_80, age >= 80, "{birth}");
            assert_eq!(birth <= l.old_age_90, age >= 90, "{birth}");
            assert_eq!(birth <= l.old_age_100, age >= 100, "{birth}");
        }
    }

    #[test]
    fn born_by_is_the_last_birth_date_of_that_age() {
        for (day, years) in [(d(2026, 4, 10), 60), (d(2025, 2, 28), 81), (d(2024, 2, 29), 80), (d(2026, 3, 1), 18)] {
            let b = born_by(day, years);
            assert!(age_on(b, day) >= years, "{day} {years}");
            assert!(age_on(b.succ_opt().unwrap(), day) < years, "{day} {years}");
        }
        // born 29 February 1944: not yet 81 on 28 February 2025
        assert_eq!(born_by(d(2025, 2, 28), 81), d(1944, 2, 28));
    }

    #[test]
    fn rules_name_their_programme_and_reason() {
        assert_eq!(Rule::Turned90.programme(), Some(Programme::OldAge));
        assert_eq!(Rule::DisabilityInDibao.programme(), Some(Programme::DisabilityLiving));
        assert_eq!(Rule::Orphaned.programme(), Some(Programme::Orphan));
        assert_eq!(Rule::Dibao90NoDevice.programme(), None);
        assert_eq!(Rule::DeceasedPaid.programme(), None);
        let (zh, en) = Rule::Turned100.reason("何*", d(1925, 5, 1), d(2026, 1, 2));
        assert!(zh.contains("100周岁") && zh.contains("长寿保健金") && zh.contains("1925-05-01"), "{zh}");
        assert!(en.contains("aged 100+"), "{en}");
        let (zh, _) = Rule::Dibao90NoDevice.reason("李*", d(1935, 1, 1), d(2026, 1, 2));
        assert!(zh.contains("91周岁"), "{zh}");
        assert_eq!(Rule::parse("turned_80"), Some(Rule::Turned80));
    }
}
