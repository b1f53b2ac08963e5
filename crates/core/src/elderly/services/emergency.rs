//! 平安钟/平安通 emergency call: who is installed first (POLICY.md, Elderly, [001]), the service fee,
//! and the handling of an alarm from the call to its close.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::assistance::YearMonth;
use crate::assistance::policy::{ParamKey, ParamUse, PolicySet};
use crate::registry::region::RegionCode;

vocabulary! {
    /// 安装优先理由 why an elder is on the installation priority list.
pub enum PriorityReason {
        Tekun => ("tekun", "特困（三无、五保）老人", "Tekun (三无/五保) elder"),
        DibaoSevereDisability => ("dibao_severe_disability", "低保重度残疾老人（一、二级）", "Dibao member with severe disability (grade 1–2)"),
        Aged90 => ("aged90", "90岁以上老人", "Aged 90+"),
        Aged80 => ("aged80", "80岁以上老人", "Aged 80+"),
    }
}

/// What the priority rule looks at for one elder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElderFacts {
    pub age: u32,
    /// a member of an active 特困 case (三无 / 五保)
    pub tekun: bool,
    /// a member of an active 低保 case
    pub dibao: bool,
    pub disability_grade: Option<i64>,
}

/// A place on the installation priority list: tier 1 before tier 2, with every reason that applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    pub tier: u8,
    pub reasons: Vec<PriorityReason>,
}

/// Minimum age of the list: the list is of elderly persons (60+); the tier rules then apply.
pub const ELDERLY_AGE: u32 = 60;

/// 平安通 installation priority (POLICY.md, [001]): tier 1 三无/五保/特困 elderly, dibao members
/// with severe disability (grade 1–2), aged 90+; tier 2 every other elder aged 80+. `None` for an
/// elder in neither tier (or a person under 60).
pub fn priority(f: &ElderFacts) -> Option<Priority> {
    if f.age < ELDERLY_AGE {
        return None;
    }
    let mut first = Vec::new();
    if f.tekun {
        first.push(PriorityReason::Tekun);
    }
    if f.dibao && matches!(f.disability_grade, Some(1 | 2)) {
        first.push(PriorityReason::DibaoSevereDisability);
    }
    if f.age >= 90 {
        first.push(PriorityReason::Aged90);
    }
    if !first.is_empty() {
        return Some(Priority { tier: 1, reasons: first });
    }
    (f.age >= 80).then(|| Priority { tier: 2, reasons: vec![PriorityReason::Aged80] })
}

/// The yearly 平安钟 service fee for a device in `region` (seed 000: 33000 fen per person per year).
pub fn annual_fee(policy: &PolicySet, region: &RegionCode, month: YearMonth) -> ParamUse {
    policy.get(ParamKey::EmergencyAnnualFee, region, month)
}

vocabulary! {
    /// 设备状态 a device is in use until it is removed.
    pub enum DeviceStatus {
        Active => ("active", "在用", "Active"),
        Removed => ("removed", "已拆除", "Removed"),
    }
}

vocabulary! {
    /// 设备类型 the kind of 平安钟 terminal.
    pub enum DeviceKind {
        Pendant => ("pendant", "呼叫器（挂坠）", "Pendant"),
        Watch => ("watch", "智能手表", "Smart watch"),
        Fixed => ("fixed", "固定式呼叫机", "Fixed unit"),
        Phone => ("phone", "老人手机", "Elder phone"),
    }
}

vocabulary! {
    /// 呼叫类型 what raised the alarm.
    pub enum AlarmKind {
        Sos => ("sos", "一键呼救", "SOS button"),
        Fall => ("fall", "跌倒报警", "Fall detected"),
        NoActivity => ("no_activity", "长时间无活动", "No activity"),
        LowBattery => ("low_battery", "设备低电量", "Low battery"),
        Other => ("other", "其他", "Other"),
    }
}

vocabulary! {
    /// 处置状态 where an alarm stands.
pub enum AlarmStatus {
        Raised => ("raised", "待响应", "Raised"),
        Acknowledged => ("acknowledged", "已响应", "Acknowledged"),
        Dispatched => ("dispatched", "已派员/已通知家属", "Dispatched / family called"),
        Arrived => ("arrived", "已到场", "Arrived"),
        Closed => ("closed", "已结案", "Closed"),
    }
}

vocabulary! {
    /// 处置步骤 one handling step an officer takes.
    pub enum AlarmStep {
        Acknowledge => ("acknowledge", "响应（接听回拨）", "Acknowledge"),
        Dispatch => ("dispatch", "派员上门", "Dispatch staff"),
        CallFamily => ("call_family", "通知家属", "Call family"),
        Arrive => ("arrive", "到场", "Arrive"),
        Close => ("close", "结案", "Close"),
    }
}

vocabulary! {
    /// 处置结果 how an alarm ended.
    pub enum AlarmOutcome {
        FalseAlarm => ("false_alarm", "误报", "False alarm"),
        ResolvedByPhone => ("resolved_by_phone", "电话处置", "Resolved by phone"),
        FamilyHandled => ("family_handled", "家属处置", "Handled by family"),
        OnSiteHelp => ("on_site_help", "上门帮扶", "Helped on site"),
        Hospital => ("hospital", "送医", "Taken to hospital"),
        Other => ("other", "其他", "Other"),
    }
}

impl AlarmOutcome {
    /// Help on site and a hospital transfer need someone there: only after arrival.
    pub fn needs_arrival(self) -> bool {
        matches!(self, AlarmOutcome::OnSiteHelp | AlarmOutcome::Hospital)
    }
}

/// The state after `step` from `status`, or why the step is not allowed. Legal moves:
/// raised → acknowledged; acknowledged → dispatched (派员 or 通知家属); dispatched → dispatched
/// (staff and family both); dispatched → arrived; acknowledged, dispatched or arrived → closed
/// (with an outcome; 上门帮扶 and 送医 only after arrival). A closed alarm takes no step.
pub fn advance(status: AlarmStatus, step: AlarmStep, outcome: Option<AlarmOutcome>) -> Result<AlarmStatus, FieldError> {
    use AlarmStatus as S;
    use AlarmStep as T;
    let illegal = || {
        FieldError::new(
            "step",
            format!("当前状态为“{}”，不能执行“{}”", status.zh(), step.zh()),
            format!("an alarm that is {} cannot take the step {}", status.as_str(), step.as_str()),
        )
    };
    match (status, step) {
        (S::Raised, T::Acknowledge) => Ok(S::Acknowledged),
        (S::Acknowledged | S::Dispatched, T::Dispatch | T::CallFamily) => Ok(S::Dispatched),
        (S::Dispatched, T::Arrive) => Ok(S::Arrived),
        (S::Acknowledged | S::Dispatched | S::Arrived, T::Close) => {
            let outcome = outcome.ok_or_else(|| FieldError::new("outcome", "结案须选择处置结果", "closing needs an outcome"))?;
            if outcome.needs_arrival() && status != S::Arrived {
                return Err(FieldError::new(
                    "outcome",
                    format!("“{}”须在工作人员到场后结案", outcome.zh()),
                    format!("the outcome {} needs the arrival step first", outcome.as_str()),
                ));
            }
            Ok(S::Closed)
        }
        _ => Err(illegal()),
    }
}

/// Seconds from `from` to `to` (`None` until `to` happens; never negative: a clock set back
/// gives 0 rather than a negative response time).
pub fn seconds_between(from: DateTime<Utc>, to: Option<DateTime<Utc>>) -> Option<i64> {
    to.map(|t| (t - from).num_seconds().max(0))
}

/// The duty view's response figures: (average, worst) seconds of the responses given, the average
/// rounded half up; `None` when no alarm has been responded to.
pub fn response_stats(seconds: &[i64]) -> Option<(i64, i64)> {
    let worst = *seconds.iter().max()?;
    let n = seconds.len() as i64;
    let sum: i64 = seconds.iter().sum();
    Some(((2 * sum + n) / (2 * n), worst))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistance::policy::PolicyParam;
    use chrono::TimeZone;

    fn elder(age: u32) -> ElderFacts {
        ElderFacts { age, ..Default::default() }
    }

    #[test]
    fn installation_tiers() {
        // a 70-year-old 特困 elder: tier 1 for being tekun
        let tekun = ElderFacts { tekun: true, ..elder(70) };
        assert_eq!(priority(&tekun), Some(Priority { tier: 1, reasons: vec![PriorityReason::Tekun] }));
        // 92: tier 1 by age alone
        assert_eq!(priority(&elder(92)), Some(Priority { tier: 1, reasons: vec![PriorityReason::Aged90] }));
        // 85: tier 2
        assert_eq!(priority(&elder(85)), Some(Priority { tier: 2, reasons: vec![PriorityReason::Aged80] }));
        // 80 exactly: tier 2; 79: none
        assert_eq!(priority(&elder(80)).map(|p| p.tier), Some(2));
        assert_eq!(priority(&elder(79)), None);
        assert_eq!(priority(&elder(70)), None);
        // dibao with grade 2 disability at 65: tier 1; grade 3: not; grade 1 without dibao: not
        let severe = ElderFacts { dibao: true, disability_grade: Some(2), ..elder(65) };
        assert_eq!(priority(&severe).map(|p| p.reasons), Some(vec![PriorityReason::DibaoSevereDisability]));
        assert_eq!(priority(&ElderFacts { dibao: true, disability_grade: Some(3), ..elder(65) }), None);
        assert_eq!(priority(&ElderFacts { disability_grade: Some(1), ..elder(65) }), None);
        // every reason listed: a 95-year-old tekun elder
        assert_eq!(priority(&ElderFacts { tekun: true, ..elder(95) }).map(|p| p.reasons), Some(vec![PriorityReason::Tekun, PriorityReason::Aged90]));
        // an 85-year-old 特困 is tier 1, not 2
        assert_eq!(priority(&ElderFacts { tekun: true, ..elder(85) }).map(|p| p.tier), Some(1));
        // a person under 60 is not on an elderly list, whatever his status
        assert_eq!(priority(&ElderFacts { tekun: true, ..elder(59) }), None);
    }

    #[test]
    fn fee_is_a_parameter() {
        let region = RegionCode::parse("440705001001").unwrap();
        let month = YearMonth::new(2026, 1).unwrap();
        let d = annual_fee(&PolicySet::default(), &region, month);
        assert_eq!((d.value, d.param_id), (33000, None));
        let set = PolicySet::new(vec![PolicyParam { id: 9, key: ParamKey::EmergencyAnnualFee, region_prefix: "440705".into(), effective: YearMonth::new(2025, 7).unwrap(), value: 36000 }]);
        let u = annual_fee(&set, &region, month);
        assert_eq!((u.value, u.param_id), (36000, Some(9)));
    }

    #[test]
    fn alarm_steps() {
        use AlarmStatus as S;
        use AlarmStep as T;
        assert_eq!(advance(S::Raised, T::Acknowledge, None), Ok(S::Acknowledged));
        assert_eq!(advance(S::Acknowledged, T::Dispatch, None), Ok(S::Dispatched));
        assert_eq!(advance(S::Acknowledged, T::CallFamily, None), Ok(S::Dispatched));
        assert_eq!(advance(S::Dispatched, T::CallFamily, None), Ok(S::Dispatched));
        assert_eq!(advance(S::Dispatched, T::Arrive, None), Ok(S::Arrived));
        assert_eq!(advance(S::Arrived, T::Close, Some(AlarmOutcome::Hospital)), Ok(S::Closed));
        assert_eq!(advance(S::Acknowledged, T::Close, Some(AlarmOutcome::FalseAlarm)), Ok(S::Closed));
        // illegal moves
        for (s, t) in [(S::Raised, T::Dispatch), (S::Raised, T::Arrive), (S::Raised, T::Close), (S::Acknowledged, T::Arrive), (S::Arrived, T::Dispatch), (S::Closed, T::Acknowledge), (S::Closed, T::Close), (S::Acknowledged, T::Acknowledge)] {
            let e = advance(s, t, Some(AlarmOutcome::Other)).unwrap_err();
            assert_eq!(e.field, "step", "{s:?} {t:?}");
        }
        // closing needs an outcome, and help on site needs the arrival first
        assert_eq!(advance(S::Arrived, T::Close, None).unwrap_err().field, "outcome");
        assert_eq!(advance(S::Dispatched, T::Close, Some(AlarmOutcome::OnSiteHelp)).unwrap_err().field, "outcome");
        assert_eq!(advance(S::Dispatched, T::Close, Some(AlarmOutcome::FamilyHandled)), Ok(S::Closed));
    }

    #[test]
    fn response_times() {
        let raised = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let ack = Utc.with_ymd_and_hms(2026, 3, 1, 8, 1, 30).unwrap();
        let arrived = Utc.with_ymd_and_hms(2026, 3, 1, 8, 25, 0).unwrap();
        assert_eq!(seconds_between(raised, Some(ack)), Some(90));
        assert_eq!(seconds_between(raised, Some(arrived)), Some(1500));
        assert_eq!(seconds_between(raised, None), None);
        assert_eq!(seconds_between(ack, Some(raised)), Some(0));
        // 90, 30, 61: sum 181 ÷ 3 = 60.33 → 60; worst 90. 1 and 2: 1.5 → 2
        assert_eq!(response_stats(&[90, 30, 61]), Some((60, 90)));
        assert_eq!(response_stats(&[1, 2]), Some((2, 2)));
        assert_eq!(response_stats(&[]), None);
    }
}
