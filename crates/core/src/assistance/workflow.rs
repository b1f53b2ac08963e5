//! 审核审批流程 the application path: 受理 → 入户调查 → 核对 → 民主评议 → 公示 → 审批.
//!
//! A state machine over [`Stage`]: which action moves an application where, who may take it, and
//! the time limits in working days (POLICY.md, Workflow and control).
use chrono::NaiveDate;

use super::calendar::WorkCalendar;
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
        todo!()
    }

    /// The stages a programme's applications pass through, in order, ending in Approved.
    /// Dibao, tekun, low income: Investigation, Verification, Review, Notice, Approval, Approved.
    /// Temporary and medical: Investigation, Verification, Approval, Approved (no review or notice).
    pub fn path(programme: Programme) -> &'static [Stage] {
        todo!()
    }

    /// Town phase (受理 to the town's written opinion) or county phase (审批).
    pub fn phase(self) -> Option<Phase> {
        todo!()
    }
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
pub fn next(programme: Programme, stage: Stage, action: Action) -> Result<Stage, FieldError> {
    todo!()
}

/// Whether `role` may take `action` at `stage` (the region check is the caller's):
/// Investigate: village worker or town officer; Verify, Review, Publish, CloseNotice, Withdraw:
/// town officer; Approve: district officer; Reject: the owner of the stage (town officer in the town
/// phase, district officer in approval); Extend: the owner of the running phase.
pub fn may(role: Role, stage: Stage, action: Action) -> bool {
    todo!()
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
    todo!()
}
