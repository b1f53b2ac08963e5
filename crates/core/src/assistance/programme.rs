//! 救助项目 the assistance programmes.

vocabulary! {
    /// 救助项目 assistance programme.
pub enum Programme {
        Dibao => ("dibao", "最低生活保障", "Minimum living guarantee", ["低保"]),
        Tekun => ("tekun", "特困人员供养", "Extreme-poverty support", ["特困", "五保"]),
        LowIncome => ("low_income", "低收入家庭认定", "Low-income recognition", ["低收入", "低保边缘"]),
        Temporary => ("temporary", "临时救助", "Temporary assistance", ["临救"]),
        Medical => ("medical", "医疗救助", "Medical assistance", ["医救"]),
        /// 高龄津贴 by age band; the 100+ band is the centenarians' 长寿保健金.
        OldAge => ("old_age", "高龄津贴", "Old-age allowance", ["高龄补贴", "长寿保健金"]),
        DisabilityLiving => ("disability_living", "困难残疾人生活补贴", "Living allowance for disabled persons in hardship", ["残疾人生活补贴", "生活补贴"]),
        DisabilityCare => ("disability_care", "重度残疾人护理补贴", "Care subsidy for severely disabled persons", ["护理补贴"]),
        Orphan => ("orphan", "孤儿基本生活费", "Orphans' basic living", ["孤儿"]),
        UnattendedChild => ("unattended_child", "事实无人抚养儿童基本生活补贴", "Basic living of children without factual carers", ["事实无人抚养儿童"]),
    }
}

impl Programme {
    /// Paid every month through the payroll once enrolled (dibao, tekun). Low income is
    /// recognised, not paid; temporary and medical assistance are one-off payments.
    pub fn pays_monthly(self) -> bool {
        matches!(self, Programme::Dibao | Programme::Tekun) || self.is_allowance()
    }

    /// A per-person allowance (津补贴): enrolled directly for one person by an officer (from the
    /// register or a 事找人 task), not through the household application path, and paid monthly
    /// through the same payroll.
    pub fn is_allowance(self) -> bool {
        matches!(self, Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild)
    }

    /// Requires the applicant's 户籍 in the region (all but temporary assistance, which also
    /// serves residents without local 户籍).
    pub fn requires_local_hukou(self) -> bool {
        !matches!(self, Programme::Temporary)
    }

    /// Whether a person enrolled in `other` cannot also be enrolled in this programme: the same
    /// programme twice, or dibao together with tekun (特困 already covers basic living). A
    /// programme code from another system (`orphan`, …) excludes nothing here.
    pub fn excludes(self, other: &str) -> bool {
        other == self.as_str()
            || (matches!(self, Programme::Dibao | Programme::Tekun) && matches!(other, "dibao" | "tekun"))
            // a child's basic living is one allowance: as an orphan or as a child without carers
            || (matches!(self, Programme::Orphan | Programme::UnattendedChild) && matches!(other, "orphan" | "unattended_child"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dibao_and_tekun_pay_monthly() {
        let monthly: Vec<_> = Programme::ALL
            .iter()
            .copied()
            .filter(|p| p.pays_monthly())
            .collect();
        assert_eq!(
            monthly,
            vec![
                Programme::Dibao,
                Programme::Tekun,
                Programme::OldAge,
                Programme::DisabilityLiving,
                Programme::DisabilityCare,
                Programme::Orphan,
                Programme::UnattendedChild
            ]
        );
        assert!(Programme::ALL.iter().filter(|p| p.is_allowance()).all(|p| p.pays_monthly()));
        assert!(!Programme::Dibao.is_allowance() && !Programme::Temporary.is_allowance());
    }

    #[test]
    fn temporary_assistance_serves_non_local_residents() {
        for &p in Programme::ALL {
            assert_eq!(p.requires_local_hukou(), p != Programme::Temporary, "{p}");
        }
    }

    #[test]
    fn dibao_and_tekun_exclude_each_other() {
        assert!(Programme::Dibao.excludes("tekun") && Programme::Tekun.excludes("dibao"));
        assert!(Programme::Dibao.excludes("dibao"));
        assert!(!Programme::Dibao.excludes("low_income") && !Programme::Medical.excludes("dibao"));
        assert!(!Programme::Dibao.excludes("orphan"));
        assert!(Programme::Orphan.excludes("unattended_child") && Programme::UnattendedChild.excludes("orphan"));
        assert!(!Programme::OldAge.excludes("dibao") && !Programme::DisabilityCare.excludes("disability_living"));
    }

    #[test]
    fn parses_codes_and_aliases() {
        assert_eq!(Programme::parse("低保"), Some(Programme::Dibao));
        assert_eq!(Programme::parse("五保"), Some(Programme::Tekun));
        assert_eq!(Programme::parse("low_income"), Some(Programme::LowIncome));
        assert_eq!(Programme::parse("临时救助"), Some(Programme::Temporary));
        assert_eq!(Programme::parse("医救"), Some(Programme::Medical));
        assert_eq!(Programme::parse("x"), None);
    }
}
