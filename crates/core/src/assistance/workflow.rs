//! 审核审批流程 the application path: 受理 → 入户调查 → 核对 → 民主评议 → 公示 → 审批.
//!
//! A state machine over [`Stage`]: which action moves an application where, who may take it, and
//! the time limits in working days (POLICY.md, Workflow and control).
use chrono::NaiveDate;

use super::calendar::WorkCalendar;
use super::means::Approver;
use super::programme::Programme;
use crate::access::Role;
use crate::error::FieldError;

vocabulary! {
    /// 办理环节 where an application stands.
    pub enum Stage {
        Investigation => ("investigation", "入户调查", "Home visit"),
        Verification => ("verification", "经济状况核对", "Verification"),
        Review => ("review", "民主评议", "Community review"),
        Notice => ("notice", "公示", "Public notice"),
        Approval => ("approval", "区县审批", "County approval"),
        Approved => ("approved", "已批准", "Approved"),
        Rejected => ("rejected", "不予批准", "Rejected"),
        Withdrawn => ("withdrawn", "已撤回", "Withdrawn"),
    }
}

vocabulary! {
    /// 办理动作 what an officer does to an application.
    pub enum Action {
        Accept => ("accept", "受理", "Accept"),
        Investigate => ("investigate", "完成入户调查", "Record home visit"),
        Verify => ("verify", "完成核对", "Complete verification"),
        Review => ("review", "完成民主评议", "Record community review"),
        Publish => ("publish", "发布公示", "Publish notice"),
        CloseNotice => ("close_notice", "公示期满", "Close notice"),
        Approve => ("approve", "批准", "Approve"),
        Reject => ("reject", "不予批准", "Reject"),
        Withdraw => ("withdraw", "撤回申请", "Withdraw"),
        Extend => ("extend", "延长办理时限", "Extend time limit"),
    }
}

impl Stage {
    /// Approved, rejected or withdrawn: nothing more happens.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Approved | Stage::Rejected | Stage::Withdrawn)
    }

    /// The stages a programme's applications pass through, in order, ending in Approved.
    /// Dibao, tekun, low income: Investigation, Verification, Review, Notice, Approval, Approved.
    /// Temporary and medical: Investigation, Verification, Approval, Approved (no review or notice).
    pub fn path(programme: Programme) -> &'static [Stage] {
        match programme {
            Programme::Dibao | Programme::Tekun | Programme::LowIncome => FULL_PATH,
            Programme::Temporary | Programme::Medical => SHORT_PATH,
            // allowances are enrolled directly and never open an application; the short path is
            // what an officer would expect should one ever be asked for
            Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild => SHORT_PATH,
        }
    }

    /// Town phase (受理 to the town's written opinion) or county phase (审批).
    ///
    /// The notice belongs to the town phase, though its days do not count against the limit
    /// (see [`deadline`]). Final stages have no running phase.
    pub fn phase(self) -> Option<Phase> {
        match self {
            Stage::Investigation | Stage::Verification | Stage::Review | Stage::Notice => {
                Some(Phase::Town)
            }
            Stage::Approval => Some(Phase::County),
            Stage::Approved | Stage::Rejected | Stage::Withdrawn => None,
        }
    }

    /// Where an accepted (受理) application starts: the first stage of its path.
    pub fn first(programme: Programme) -> Stage {
        Stage::path(programme)
            .first()
            .copied()
            .unwrap_or(Stage::Investigation)
    }

    /// The action that completes this stage and moves the application on.
    fn completing_action(self) -> Option<Action> {
        match self {
            Stage::Investigation => Some(Action::Investigate),
            Stage::Verification => Some(Action::Verify),
            Stage::Review => Some(Action::Review),
            Stage::Notice => Some(Action::CloseNotice),
            Stage::Approval => Some(Action::Approve),
            Stage::Approved | Stage::Rejected | Stage::Withdrawn => None,
        }
    }
}

const FULL_PATH: &[Stage] = &[
    Stage::Investigation,
    Stage::Verification,
    Stage::Review,
    Stage::Notice,
    Stage::Approval,
    Stage::Approved,
];
const SHORT_PATH: &[Stage] = &[
    Stage::Investigation,
    Stage::Verification,
    Stage::Approval,
    Stage::Approved,
];

fn not_allowed(
    programme: Programme,
    stage: Stage,
    action: Action,
    why_zh: &str,
    why_en: &str,
) -> FieldError {
    FieldError::new(
        "action",
        format!(
            "{}申请处于「{}」环节，不能执行「{}」：{why_zh}",
            programme.zh(),
            stage.zh(),
            action.zh()
        ),
        format!(
            "a {} application at stage {} cannot take the action {}: {why_en}",
            programme.en(),
            stage.en(),
            action.en()
        ),
    )
}

/// Whose time limit runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Town,
    County,
}

/// The stage after `action` on an application of `programme` at `stage`. `Extend` keeps the stage.
/// `Reject` and `Withdraw` are allowed from any open stage. Anything else is an error naming the
/// stage and the action (field `action`).
///
/// Each stage is completed by its own action (调查 by `Investigate`, 核对 by `Verify`, 评议 by
/// `Review`, 公示 by `CloseNotice`, 审批 by `Approve`) and moves to the next stage of the
/// programme's path. `Publish` puts the notice up: the application stays at `Notice` until the
/// notice closes. `Accept` is not a move: accepting creates the application at [`Stage::first`].
pub fn next(programme: Programme, stage: Stage, action: Action) -> Result<Stage, FieldError> {
    if stage.is_final() {
        return Err(not_allowed(
            programme,
            stage,
            action,
            "申请已办结",
            "the application is closed",
        ));
    }
    let path = Stage::path(programme);
    let Some(pos) = path.iter().position(|&s| s == stage) else {
        return Err(not_allowed(
            programme,
            stage,
            action,
            "该救助项目没有这一环节",
            "this programme has no such stage",
        ));
    };
    match action {
        Action::Reject => Ok(Stage::Rejected),
        Action::Withdraw => Ok(Stage::Withdrawn),
        Action::Extend => Ok(stage),
        Action::Publish if stage == Stage::Notice => Ok(Stage::Notice),
        Action::Accept => Err(not_allowed(
            programme,
            stage,
            action,
            "申请已受理",
            "the application has already been accepted",
        )),
        a if Some(a) == stage.completing_action() => match path.get(pos + 1) {
            Some(&next) => Ok(next),
            None => Err(not_allowed(
                programme,
                stage,
                action,
                "没有下一环节",
                "there is no next stage",
            )),
        },
        _ => {
            let (zh, en) = match stage.completing_action() {
                Some(a) => (
                    format!("本环节应执行「{}」", a.zh()),
                    format!("this stage is completed by {}", a.en()),
                ),
                None => (
                    "申请已办结".to_string(),
                    "the application is closed".to_string(),
                ),
            };
            Err(not_allowed(programme, stage, action, &zh, &en))
        }
    }
}

/// Whether `role` may take `action` at `stage` (the region check is the caller's):
/// Investigate: village worker or town officer; Verify, Review, Publish, CloseNotice, Withdraw:
/// town officer; Approve: district officer; Reject: the owner of the stage (town officer in the town
/// phase, district officer in approval); Extend: the owner of the running phase.
///
/// Roles are matched with `matches!` (an implicit "anything else: no"), so a role added later
/// (a finance officer) gets no step until it is named here. Accept (受理) is the town's. Nothing may be done to a closed application; administrators
/// and auditors take no steps.
pub fn may(role: Role, stage: Stage, action: Action) -> bool {
    let Some(phase) = stage.phase() else {
        return false;
    };
    let owner_of_phase = match phase {
        Phase::Town => matches!(role, Role::TownOfficer),
        Phase::County => matches!(role, Role::DistrictOfficer),
    };
    match action {
        Action::Investigate => matches!(role, Role::VillageWorker | Role::TownOfficer),
        Action::Accept
        | Action::Verify
        | Action::Review
        | Action::Publish
        | Action::CloseNotice
        | Action::Withdraw => matches!(role, Role::TownOfficer),
        Action::Approve => matches!(role, Role::DistrictOfficer),
        Action::Reject | Action::Extend => owner_of_phase,
    }
}

/// Whether `role` may take `action` at `stage` on an application whose amount needs `approver`:
/// as [`may`], except that the town officer also approves (批准) at the approval stage an amount
/// within the town's authority (临时救助, POLICY.md). Above it the approval stays the district's.
pub fn may_on(role: Role, stage: Stage, action: Action, approver: Approver) -> bool {
    match (action, stage, approver, role) {
        (Action::Approve, Stage::Approval, Approver::Town, Role::TownOfficer) => true,
        _ => may(role, stage, action),
    }
}

/// A phase's deadline: `limit` working days (+ `extension` if extended) after `start`, moved later
/// by the working days that fall inside the notice period (`notice`, both ends included), which
/// does not count.
pub fn deadline(
    calendar: &WorkCalendar,
    start: NaiveDate,
    limit: u32,
    extension: Option<u32>,
    notice: Option<(NaiveDate, NaiveDate)>,
) -> NaiveDate {
    let days = limit.saturating_add(extension.unwrap_or(0));
    let paused = match notice {
        // Only notice days after `start` fall inside the phase.
        Some((from, to)) => {
            let first = from.max(start.succ_opt().unwrap_or(start));
            match first.pred_opt() {
                Some(before) => calendar.working_days_between(before, to),
                None => 0,
            }
        }
        None => 0,
    };
    calendar.add_working_days(start, days.saturating_add(paused))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const OPEN: [Stage; 5] = [
        Stage::Investigation,
        Stage::Verification,
        Stage::Review,
        Stage::Notice,
        Stage::Approval,
    ];
    const FINAL: [Stage; 3] = [Stage::Approved, Stage::Rejected, Stage::Withdrawn];

    #[test]
    fn dibao_path_ends_approved() {
        for p in [Programme::Dibao, Programme::Tekun, Programme::LowIncome] {
            let mut stage = Stage::first(p);
            assert_eq!(stage, Stage::Investigation);
            let mut seen = vec![stage];
            for action in [
                Action::Investigate,
                Action::Verify,
                Action::Review,
                Action::Publish,
                Action::CloseNotice,
                Action::Approve,
            ] {
                stage = next(p, stage, action).unwrap();
                if seen.last() != Some(&stage) {
                    seen.push(stage);
                }
            }
            assert_eq!(stage, Stage::Approved);
            assert_eq!(seen, Stage::path(p));
        }
    }

    #[test]
    fn temporary_and_medical_skip_review_and_notice() {
        for p in [Programme::Temporary, Programme::Medical] {
            assert_eq!(
                next(p, Stage::Investigation, Action::Investigate),
                Ok(Stage::Verification)
            );
            assert_eq!(
                next(p, Stage::Verification, Action::Verify),
                Ok(Stage::Approval)
            );
            assert_eq!(
                next(p, Stage::Approval, Action::Approve),
                Ok(Stage::Approved)
            );
            assert!(next(p, Stage::Verification, Action::Review).is_err());
            assert!(next(p, Stage::Review, Action::Review).is_err());
            assert!(next(p, Stage::Notice, Action::CloseNotice).is_err());
            assert_eq!(
                Stage::path(p),
                &[
                    Stage::Investigation,
                    Stage::Verification,
                    Stage::Approval,
                    Stage::Approved
                ]
            );
        }
    }

    #[test]
    fn review_leads_to_notice_and_publish_keeps_it() {
        let p = Programme::Dibao;
        assert_eq!(next(p, Stage::Review, Action::Review), Ok(Stage::Notice));
        assert_eq!(next(p, Stage::Notice, Action::Publish), Ok(Stage::Notice));
        assert_eq!(
            next(p, Stage::Notice, Action::CloseNotice),
            Ok(Stage::Approval)
        );
        assert!(next(p, Stage::Review, Action::Publish).is_err());
        assert!(next(p, Stage::Review, Action::CloseNotice).is_err());
    }

    #[test]
    fn invalid_action_names_field_and_stage() {
        let e = next(Programme::Dibao, Stage::Investigation, Action::Approve).unwrap_err();
        assert_eq!(e.field, "action");
        assert!(e.message.contains("入户调查"), "{}", e.message);
        assert!(e.message.contains("批准"), "{}", e.message);
        assert!(e.message_en.contains("Home visit"), "{}", e.message_en);
        let e = next(Programme::Dibao, Stage::Verification, Action::Investigate).unwrap_err();
        assert!(
            e.message.contains("经济状况核对") && e.message.contains("完成核对"),
            "{}",
            e.message
        );
        let e = next(Programme::Dibao, Stage::Investigation, Action::Accept).unwrap_err();
        assert_eq!(e.field, "action");
    }

    #[test]
    fn reject_withdraw_extend_from_open_stages() {
        for p in Programme::ALL.iter().copied() {
            for &stage in Stage::path(p).iter().filter(|s| !s.is_final()) {
                assert_eq!(
                    next(p, stage, Action::Reject),
                    Ok(Stage::Rejected),
                    "{p} {stage}"
                );
                assert_eq!(
                    next(p, stage, Action::Withdraw),
                    Ok(Stage::Withdrawn),
                    "{p} {stage}"
                );
                assert_eq!(next(p, stage, Action::Extend), Ok(stage), "{p} {stage}");
            }
        }
    }

    #[test]
    fn nothing_from_final_stages() {
        for p in Programme::ALL.iter().copied() {
            for stage in FINAL {
                assert!(stage.is_final());
                assert_eq!(stage.phase(), None);
                for &action in Action::ALL {
                    let e = next(p, stage, action).unwrap_err();
                    assert_eq!(e.field, "action");
                    assert!(e.message.contains(stage.zh()));
                    for role in Role::ALL.iter().copied() {
                        assert!(!may(role, stage, action));
                    }
                }
            }
        }
        for stage in OPEN {
            assert!(!stage.is_final());
        }
    }

    #[test]
    fn phases() {
        for stage in [
            Stage::Investigation,
            Stage::Verification,
            Stage::Review,
            Stage::Notice,
        ] {
            assert_eq!(stage.phase(), Some(Phase::Town));
        }
        assert_eq!(Stage::Approval.phase(), Some(Phase::County));
    }

    #[test]
    fn roles() {
        use Role::*;
        assert!(may(
            VillageWorker,
            Stage::Investigation,
            Action::Investigate
        ));
        assert!(may(TownOfficer, Stage::Investigation, Action::Investigate));
        assert!(!may(VillageWorker, Stage::Approval, Action::Approve));
        assert!(!may(VillageWorker, Stage::Verification, Action::Verify));
        assert!(may(DistrictOfficer, Stage::Approval, Action::Approve));
        assert!(!may(TownOfficer, Stage::Approval, Action::Approve));
        for a in [
            Action::Verify,
            Action::Review,
            Action::Publish,
            Action::CloseNotice,
            Action::Withdraw,
            Action::Accept,
        ] {
            assert!(may(TownOfficer, Stage::Verification, a), "{a}");
            assert!(!may(DistrictOfficer, Stage::Verification, a), "{a}");
            assert!(!may(VillageWorker, Stage::Verification, a), "{a}");
        }
        // reject and extend belong to whoever owns the running phase
        for a in [Action::Reject, Action::Extend] {
            assert!(may(TownOfficer, Stage::Review, a));
            assert!(!may(DistrictOfficer, Stage::Review, a));
            assert!(may(DistrictOfficer, Stage::Approval, a));
            assert!(!may(TownOfficer, Stage::Approval, a));
            assert!(!may(VillageWorker, Stage::Investigation, a));
        }
        for &a in Action::ALL {
            for stage in OPEN {
                assert!(!may(Admin, stage, a));
                assert!(!may(Auditor, stage, a));
            }
        }
    }

    #[test]
    fn deadline_counts_working_days_and_pauses_for_the_notice() {
        let c = WorkCalendar::default();
        let monday = d(2026, 6, 1);
        assert_eq!(deadline(&c, monday, 15, None, None), d(2026, 6, 22));
        // notice Monday 8 to Sunday 14 June: 5 working days do not count
        let notice = Some((d(2026, 6, 8), d(2026, 6, 14)));
        assert_eq!(deadline(&c, monday, 15, None, notice), d(2026, 6, 29));
        // a notice from Wednesday to Tuesday also holds 5 working days
        let notice = Some((d(2026, 6, 10), d(2026, 6, 16)));
        assert_eq!(deadline(&c, monday, 15, None, notice), d(2026, 6, 29));
        // extension adds
        assert_eq!(deadline(&c, monday, 15, Some(15), None), d(2026, 7, 13));
        assert_eq!(
            deadline(
                &c,
                monday,
                15,
                Some(15),
                Some((d(2026, 6, 8), d(2026, 6, 14)))
            ),
            d(2026, 7, 20)
        );
        assert_eq!(deadline(&c, monday, 10, Some(10), None), d(2026, 6, 29));
        // notice days before the start are not in the phase
        assert_eq!(
            deadline(&c, monday, 15, None, Some((d(2026, 5, 20), d(2026, 5, 26)))),
            d(2026, 6, 22)
        );
        // an inverted notice pauses nothing
        assert_eq!(
            deadline(&c, monday, 15, None, Some((d(2026, 6, 14), d(2026, 6, 8)))),
            d(2026, 6, 22)
        );
    }

    #[test]
    fn deadline_skips_holidays() {
        let c = WorkCalendar::new(
            (1..=7).map(|day| d(2026, 10, day)),
            [d(2026, 9, 26), d(2026, 10, 11)],
        );
        // Monday 28 September + 10 working days: 29, 30, 8, 9, 11, 12, 13, 14, 15, 16
        assert_eq!(
            deadline(&c, d(2026, 9, 28), 10, None, None),
            d(2026, 10, 16)
        );
    }
}

/// Whether the county must visit this application at home before deciding (POLICY.md: at least
/// 30% of the applications it receives, and every one from a registered relative of staff or
/// cadres). The sample is a fixed function of the application id, so anyone can reproduce it.
pub fn county_visit_required(application_id: i64, staff_relative: bool, share_percent: u32) -> bool {
    if staff_relative {
        return true;
    }
    let digest = crate::audit::sha256_hex(format!("minzheng county visit sample {application_id}").as_bytes());
    let bucket = u32::from_str_radix(&digest[..8], 16).unwrap_or(0) % 100;
    bucket < share_percent
}

#[cfg(test)]
mod county_visit_tests {
    use super::county_visit_required;

    #[test]
    fn about_thirty_percent_and_every_relative() {
        let sampled = (1..=10_000).filter(|id| county_visit_required(*id, false, 30)).count();
        assert!((2_800..=3_200).contains(&sampled), "{sampled} of 10000");
        assert!((1..=10_000).all(|id| county_visit_required(id, true, 30)));
        assert_eq!(county_visit_required(42, false, 30), county_visit_required(42, false, 30), "reproducible");
        assert!((1..=1000).all(|id| !county_visit_required(id, false, 0)));
    }
}

#[cfg(test)]
mod authority_tests {
    use super::*;

    #[test]
    fn the_town_approves_only_within_its_authority() {
        assert!(may_on(Role::TownOfficer, Stage::Approval, Action::Approve, Approver::Town));
        assert!(!may_on(Role::TownOfficer, Stage::Approval, Action::Approve, Approver::District));
        assert!(may_on(Role::DistrictOfficer, Stage::Approval, Action::Approve, Approver::Town));
        assert!(may_on(Role::DistrictOfficer, Stage::Approval, Action::Approve, Approver::District));
        // only the approval stage, and only approving
        assert!(!may_on(Role::TownOfficer, Stage::Verification, Action::Approve, Approver::Town));
        assert!(!may_on(Role::VillageWorker, Stage::Approval, Action::Approve, Approver::Town));
        assert!(!may_on(Role::TownOfficer, Stage::Approval, Action::Extend, Approver::Town));
    }
}
