//! 慈善词表 the codes of the charity's records and forms (donors, forms, channels, designations,
//! recipients, projects, ledger entries), each read once where it enters: a request body's
//! `Deserialize` (the field's bilingual 422) or a stored column. The labels are the console's
//! (`GET /charity/meta` lists them).

vocabulary! {
    /// 捐赠方 who gives.
    pub enum DonorKind {
        Person => ("person", "个人", "Person"),
        Company => ("company", "单位", "Company or organisation"),
    }
}

vocabulary! {
    /// 捐赠形式 money or goods.
    pub enum Form {
        Money => ("money", "资金", "Money"),
        Goods => ("goods", "物资", "Goods"),
    }
}

vocabulary! {
    /// 收款方式 how a donation was received.
    pub enum Channel {
        BankTransfer => ("bank_transfer", "银行转账", "Bank transfer"),
        Wechat => ("wechat", "微信", "WeChat Pay"),
        Alipay => ("alipay", "支付宝", "Alipay"),
        Cash => ("cash", "现金", "Cash"),
        Goods => ("goods", "实物", "In kind"),
    }
}

vocabulary! {
    /// 定向方式 the kind of a designation (`designation::Designation`'s tag, and a pool's kind).
    pub enum DesignationKind {
        Undesignated => ("undesignated", "非定向", "Undesignated"),
        Fund => ("fund", "定向基金", "A fund"),
        Project => ("project", "定向项目", "A project"),
        Region => ("region", "定向镇街（地区）", "A town (region)"),
        Category => ("category", "定向对象类别", "A group of beneficiaries"),
    }
}

vocabulary! {
    /// 受助方 what an allocation pays.
    pub enum RecipientKind {
        Project => ("project", "项目执行", "Project"),
        Household => ("household", "困难家庭", "Household"),
        Organisation => ("organisation", "机构/组织", "Organisation"),
    }
}

vocabulary! {
    /// 项目状态 a project takes designated donations while open.
    pub enum ProjectStatus {
        Open => ("open", "进行中", "Open"),
        Closed => ("closed", "已结束", "Closed"),
    }
}

vocabulary! {
    /// 账本条目类别 what a ledger entry records (hashed as its code).
    pub enum LedgerKind {
        Donation => ("donation", "捐赠", "Donation"),
        Allocation => ("allocation", "拨付", "Allocation"),
    }
}

vocabulary! {
    /// 校验状态 a ledger verification's state.
    pub enum VerificationStatus {
        Running => ("running", "校验中", "Running"),
        Done => ("done", "已完成", "Done"),
        Failed => ("failed", "失败", "Failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in DonorKind::ALL {
            assert_eq!(DonorKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(serde_json::to_string(&Channel::BankTransfer).unwrap(), "\"bank_transfer\"");
        assert_eq!(serde_json::from_str::<RecipientKind>("\"household\"").unwrap(), RecipientKind::Household);
        assert!(serde_json::from_str::<Form>("\"robot\"").is_err());
    }
}
