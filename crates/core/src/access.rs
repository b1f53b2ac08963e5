//! 角色与权限 roles, what each may do, and the password policy.
//!
//! Which rows a role sees is a separate, mandatory region condition (the account's region
//! subtree); this table only answers "may this role do that at all".

use crate::error::FieldError;

vocabulary! {
    /// 角色 account role.
    pub enum Role {
        /// 系统管理员: manages accounts and reads audit, but does not edit or unmask persons.
        Admin => ("admin", "系统管理员", "Administrator"),
        DistrictOfficer => ("district_officer", "区民政干部", "District officer"),
        TownOfficer => ("town_officer", "镇街干部", "Town officer"),
        VillageWorker => ("village_worker", "村居工作人员", "Village worker"),
        /// 审计员: reads, exports masked data and the audit log.
        Auditor => ("auditor", "审计员", "Auditor"),
        FinanceOfficer => ("finance_officer", "区民政财务人员", "Finance officer"),
        Verifier => ("verifier", "核对员", "Verification officer"),
        /// 老年人能力评估员: a qualified assessor (of the district's assessment agency).
        Assessor => ("assessor", "能力评估员", "Capability assessor"),
        /// 服务商: a home-care provider, canteen or 平安钟 operator's account, bound to one provider;
        /// it sees only its own work orders, meals and alarms.
        Provider => ("provider", "服务商", "Service provider"),
        /// 慈善会工作人员: records donations, allocates the charity's funds, runs the charity
        /// supermarket; finds a recipient household by its own narrow lookup, not the registry.
        CharityClerk => ("charity_clerk", "慈善会工作人员", "Charity clerk"),
        /// 责任单位联络员: a department's (区卫计局, 区财政局 …) contact for the work plan; reports
        /// its unit's progress (the unit's members list names the account).
        UnitOfficer => ("unit_officer", "责任单位联络员", "Responsible unit's officer"),
    }
}

vocabulary! {
    /// 权限 permission, as listed in `GET /api/v1/auth/me`.
    pub enum Permission {
        PersonRead => ("person.read", "查看人员", "Read persons"),
        PersonWrite => ("person.write", "编辑人员", "Edit persons"),
        /// 查看未脱敏信息: request unmasked names, ID numbers, phones and addresses (audited).
        PersonUnmask => ("person.unmask", "查看完整个人信息", "View unmasked personal data"),
        PersonImport => ("person.import", "导入人员", "Import persons"),
        PersonExport => ("person.export", "导出数据", "Export data"),
        /// Create grids (网格) under villages.
        RegionWrite => ("region.write", "管理网格", "Manage grids"),
        StatsRead => ("stats.read", "查看统计", "Read statistics"),
        AccountManage => ("account.manage", "管理账号", "Manage accounts"),
        AuditRead => ("audit.read", "查看审计日志", "Read the audit log"),
        AssistanceRead => ("assistance.read", "查看社会救助", "Read social assistance"),
        AssistanceApply => ("assistance.apply", "受理救助申请", "Accept assistance applications"),
        AssistanceProcess => ("assistance.process", "办理救助环节", "Process assistance steps"),
        AssistanceApprove => ("assistance.approve", "审批救助", "Approve assistance"),
        PolicyManage => ("policy.manage", "管理政策参数", "Manage policy parameters"),
        PayrollRun => ("payroll.run", "资金发放", "Run the payroll"),
        VerificationRead => ("verification.read", "查看核对报告", "Read verification reports"),
        VerificationLoad => ("verification.load", "导入部门数据", "Load departmental data"),
        VerificationRun => ("verification.run", "开展核对", "Run verification"),
        VerificationResolve => ("verification.resolve", "处理核对疑点", "Resolve red flags"),
        SamplingDraw => ("sampling.draw", "抽取入户抽查名单", "Draw the re-inspection sample"),
        SamplingVisit => ("sampling.visit", "登记入户抽查结果", "Record re-inspections"),
        ElderlyRead => ("elderly.read", "查看养老助残儿童服务", "Read elderly, disability and child services"),
        /// Providers, the service catalogue, canteens, institutions, devices.
        ElderlyManage => ("elderly.manage", "管理养老服务资源", "Manage service resources"),
        ElderlyAssess => ("elderly.assess", "老年人能力评估", "Assess elderly capability"),
        /// Enrol a person in an allowance (高龄津贴, 残疾人两项补贴, 孤儿基本生活费…) or in home care.
        AllowanceEnrol => ("allowance.enrol", "津补贴认定", "Enrol allowances"),
        HomecareDispatch => ("homecare.dispatch", "派发居家养老工单", "Dispatch home-care orders"),
        /// A provider's staff: start, end and document their own work orders; record meals.
        HomecareServe => ("homecare.serve", "执行服务工单", "Serve work orders"),
        HomecareSettle => ("homecare.settle", "服务费结算", "Settle provider accounts"),
        EmergencyHandle => ("emergency.handle", "处置平安钟呼叫", "Handle emergency calls"),
        VisitRecord => ("visit.record", "登记探访", "Record visits"),
        /// 事找人: handle the tasks of the daily search for persons newly eligible.
        OutreachHandle => ("outreach.handle", "办理主动发现任务", "Handle outreach tasks"),
        OutreachRun => ("outreach.run", "运行主动发现", "Run the outreach search"),
        /// Donations, allocations, the ledger and its verification (inside the account's region
        /// for allocations to households).
        CharityRead => ("charity.read", "查看慈善收支", "Read charity income and spending"),
        /// Funds, projects, campaigns, donations and receipts.
        CharityRecord => ("charity.record", "登记慈善捐赠", "Record donations"),
        CharityAllocate => ("charity.allocate", "慈善资金拨付", "Allocate charity funds"),
        /// 慈善超市: stock in and out, vouchers and points, redemptions.
        CharitySupermarket => ("charity.supermarket", "慈善超市管理", "Run the charity supermarket"),
        /// 大民政工作计划: the plan, its units, targets and matrix.
        PlanRead => ("plan.read", "查看工作计划", "Read the work plan"),
        /// Import plans and edit their targets.
        PlanManage => ("plan.manage", "管理工作计划", "Manage the work plan"),
        /// Report progress for the units one acts for; confirm as a lead unit.
        PlanReport => ("plan.report", "填报计划进度", "Report plan progress"),
        /// 后台任务: the job runner's jobs (imports, runs, the daily searches), their progress and outcome.
        JobRead => ("job.read", "查看后台任务", "Read background jobs"),
    }
}

use Permission as P;

/// 系统管理员: accounts and the audit log; reads the registry masked (to check an account's
/// region), exports none of it.
const ADMIN: &[Permission] = &[
    P::PersonRead,
    P::StatsRead,
    P::RegionWrite,
    P::AccountManage,
    P::AuditRead,
    P::JobRead,
];
const DISTRICT: &[Permission] = &[
    P::PersonRead,
    P::PersonWrite,
    P::PersonUnmask,
    P::PersonImport,
    P::PersonExport,
    P::RegionWrite,
    P::StatsRead,
    P::AssistanceRead,
    P::AssistanceApprove,
    P::PolicyManage,
    P::VerificationRead,
    P::VerificationRun,
    P::VerificationResolve,
    P::SamplingDraw,
    P::ElderlyRead,
    P::ElderlyManage,
    P::ElderlyAssess,
    P::AllowanceEnrol,
    P::HomecareDispatch,
    P::HomecareSettle,
    P::EmergencyHandle,
    P::VisitRecord,
    P::OutreachHandle,
    P::OutreachRun,
    P::CharityRead,
    P::PlanRead,
    P::PlanManage,
    P::PlanReport,
];
const TOWN: &[Permission] = &[
    P::PersonRead,
    P::PersonWrite,
    P::PersonUnmask,
    P::PersonImport,
    P::PersonExport,
    P::RegionWrite,
    P::StatsRead,
    P::AssistanceRead,
    P::AssistanceApply,
    P::AssistanceProcess,
    P::VerificationRead,
    P::VerificationRun,
    P::VerificationResolve,
    P::SamplingVisit,
    P::ElderlyRead,
    P::ElderlyAssess,
    P::AllowanceEnrol,
    P::HomecareDispatch,
    P::EmergencyHandle,
    P::VisitRecord,
    P::OutreachHandle,
    P::CharityRead,
    P::PlanRead,
    P::PlanReport,
];
/// 区民政财务: pays what others approved (separation of duties: no approving, no registry edits).
/// It does not read the person registry: the payees come with the payroll's lines and the cases.
const FINANCE: &[Permission] = &[P::StatsRead, P::AssistanceRead, P::PayrollRun, P::ElderlyRead, P::HomecareSettle];
const VILLAGE: &[Permission] = &[
    P::PersonRead,
    P::PersonWrite,
    P::PersonUnmask,
    P::RegionWrite,
    P::StatsRead,
    P::AssistanceRead,
    P::AssistanceProcess,
    P::SamplingVisit,
    P::ElderlyRead,
    P::VisitRecord,
    P::EmergencyHandle,
];
const AUDITOR: &[Permission] = &[P::PersonRead, P::StatsRead, P::PersonExport, P::AuditRead, P::AssistanceRead, P::VerificationRead, P::ElderlyRead, P::CharityRead, P::PlanRead];
/// 责任单位联络员: reads the plan and reports for the units whose members list names the account.
const UNIT_OFFICER: &[Permission] = &[P::PlanRead, P::PlanReport];
/// 慈善会: the charity federation's clerks. They do not read the person registry: the recipients
/// of their allocations and redemptions come with those records, and a recipient household is
/// picked through the charity's own narrow lookup (`GET /charity/households`, masked).
const CHARITY: &[Permission] = &[P::StatsRead, P::CharityRead, P::CharityRecord, P::CharityAllocate, P::CharitySupermarket];
/// 能力评估员: reads the elderly it assesses (masked unless unmasked, audited) and records assessments.
const ASSESSOR: &[Permission] = &[P::PersonRead, P::PersonUnmask, P::ElderlyRead, P::ElderlyAssess];
/// 服务商: no registry reads; its own orders carry what the service needs (name, address, phone).
const PROVIDER: &[Permission] = &[P::HomecareServe];
/// 核对员: the district's verification centre; reads the registry masked, unmasks a report when
/// the case needs it (audited).
const VERIFIER: &[Permission] = &[
    P::PersonRead,
    P::PersonUnmask,
    P::StatsRead,
    P::AssistanceRead,
    P::VerificationRead,
    P::VerificationLoad,
    P::VerificationRun,
    P::VerificationResolve,
    P::SamplingDraw,
];

impl Role {
    /// The permissions of this role.
    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Role::Admin => ADMIN,
            Role::DistrictOfficer => DISTRICT,
            Role::TownOfficer => TOWN,
            Role::FinanceOfficer => FINANCE,
            Role::VillageWorker => VILLAGE,
            Role::Auditor => AUDITOR,
            Role::Verifier => VERIFIER,
            Role::Assessor => ASSESSOR,
            Role::Provider => PROVIDER,
            Role::CharityClerk => CHARITY,
            Role::UnitOfficer => UNIT_OFFICER,
        }
    }

    /// Whether the role may change anything at all: the 审计员 only reads (and exports masked),
    /// so every request of it that is not a read is refused before any handler runs, whatever
    /// permission a route checks (a route guarded by a read permission cannot turn into a write).
    pub fn writes(self) -> bool {
        !matches!(self, Role::Auditor)
    }

    pub fn can(self, p: Permission) -> bool {
        self.permissions().contains(&p)
    }
}

/// Shortest accepted password, in characters.
pub const MIN_PASSWORD_LEN: usize = 8;
/// Longest accepted password: bounds the hashing work an attacker can ask for.
pub const MAX_PASSWORD_LEN: usize = 128;

/// 密码强度: at least 8 characters with at least one letter and one digit (field `password`).
pub fn check_password_strength(p: &str) -> Result<(), FieldError> {
    let len = p.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(FieldError::new(
            "password",
            "密码至少8个字符，且包含字母和数字",
            "password must have at least 8 characters with letters and digits",
        ));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(FieldError::new(
            "password",
            "密码不能超过128个字符",
            "password must have at most 128 characters",
        ));
    }
    let has_letter = p.chars().any(char::is_alphabetic);
    let has_digit = p.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Err(FieldError::new(
            "password",
            "密码须同时包含字母和数字",
            "password must contain both letters and digits",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        assert!(Role::Admin.can(P::AccountManage));
        assert!(!Role::Admin.can(P::PersonWrite));
        assert!(!Role::Admin.can(P::PersonUnmask));
        for r in [Role::DistrictOfficer, Role::TownOfficer] {
            assert!(r.can(P::PersonImport) && r.can(P::PersonUnmask) && !r.can(P::AuditRead));
        }
        assert!(Role::VillageWorker.can(P::PersonUnmask));
        assert!(!Role::VillageWorker.can(P::PersonImport));
        assert!(!Role::VillageWorker.can(P::PersonExport));
        assert!(Role::Auditor.can(P::AuditRead) && !Role::Auditor.can(P::PersonUnmask));
        // every officer's role may at least read the registry; a provider sees only its own
        // orders, a unit's contact only the work plan, the charity's clerk only its recipients,
        // finance only its payees
        assert!(Role::ALL.iter().filter(|r| !matches!(**r, Role::Provider | Role::UnitOfficer | Role::CharityClerk | Role::FinanceOfficer)).all(|r| r.can(P::PersonRead)));
        assert!(!Role::CharityClerk.can(P::PersonRead) && !Role::CharityClerk.can(P::PersonExport) && !Role::FinanceOfficer.can(P::PersonRead));
        // exports of the registry belong to registry roles (and the auditor's masked copy)
        let exporters: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(P::PersonExport)).collect();
        assert_eq!(exporters, [Role::DistrictOfficer, Role::TownOfficer, Role::Auditor]);
        assert_eq!(Role::Provider.permissions(), &[P::HomecareServe]);
        assert_eq!(Role::UnitOfficer.permissions(), &[P::PlanRead, P::PlanReport]);
        // the charity's clerks record and allocate; officers only read the charity
        assert!(Role::CharityClerk.can(P::CharityAllocate) && !Role::DistrictOfficer.can(P::CharityRecord) && Role::TownOfficer.can(P::CharityRead));
    }

    #[test]
    fn codes() {
        assert_eq!(P::PersonRead.as_str(), "person.read");
        assert_eq!(P::parse("audit.read"), Some(P::AuditRead));
        assert_eq!(Role::parse("town_officer"), Some(Role::TownOfficer));
        assert_eq!(Role::TownOfficer.zh(), "镇街干部");
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn passwords() {
        assert!(check_password_strength("abc12345").is_ok());
        assert_eq!(
            check_password_strength("abc1234").unwrap_err().field,
            "password"
        );
        assert!(check_password_strength("abcdefgh").is_err());
        assert!(check_password_strength("12345678").is_err());
        assert!(check_password_strength(&"a1".repeat(65)).is_err());
    }
}
