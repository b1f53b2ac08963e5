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
    }
}

use Permission as P;

const ADMIN: &[Permission] = &[
    P::PersonRead,
    P::StatsRead,
    P::PersonExport,
    P::RegionWrite,
    P::AccountManage,
    P::AuditRead,
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
];
/// 区民政财务: pays what others approved (separation of duties: no approving, no registry edits).
const FINANCE: &[Permission] = &[P::PersonRead, P::StatsRead, P::AssistanceRead, P::PayrollRun];
const VILLAGE: &[Permission] = &[
    P::PersonRead,
    P::PersonWrite,
    P::PersonUnmask,
    P::RegionWrite,
    P::StatsRead,
    P::AssistanceRead,
    P::AssistanceProcess,
    P::SamplingVisit,
];
const AUDITOR: &[Permission] = &[P::PersonRead, P::StatsRead, P::PersonExport, P::AuditRead, P::AssistanceRead, P::VerificationRead];
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
        }
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
        // every role may at least read
        assert!(Role::ALL.iter().all(|r| r.can(P::PersonRead)));
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
