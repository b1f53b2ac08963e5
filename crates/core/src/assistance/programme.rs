//! 救助项目 the assistance programmes.

vocabulary! {
    /// 救助项目 assistance programme.
    pub enum Programme {
        Dibao => ("dibao", "最低生活保障", "Minimum living guarantee", ["低保"]),
        Tekun => ("tekun", "特困人员供养", "Extreme-poverty support", ["特困", "五保"]),
        LowIncome => ("low_income", "低收入家庭认定", "Low-income recognition", ["低收入", "低保边缘"]),
        Temporary => ("temporary", "临时救助", "Temporary assistance", ["临救"]),
        Medical => ("medical", "医疗救助", "Medical assistance", ["医救"]),
    }
}

impl Programme {
    /// Paid every month through the payroll once enrolled (dibao, tekun). Low income is
    /// recognised, not paid; temporary and medical assistance are one-off payments.
    pub fn pays_monthly(self) -> bool {
        matches!(self, Programme::Dibao | Programme::Tekun)
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
        other == self.as_str() || (matches!(self, Programme::Dibao | Programme::Tekun) && matches!(other, "dibao" | "tekun"))
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
        assert_eq!(monthly, vec![Programme::Dibao, Programme::Tekun]);
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
