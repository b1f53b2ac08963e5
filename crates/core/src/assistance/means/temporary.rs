//! 临时救助 temporary assistance (POLICY.md, 临时救助).
use super::*;

/// 临时救助 (POLICY.md): at most `temporary.months_cap` × standard × members, refused above it;
/// above the town's authority (`temporary.town_months` × standard × members) only the district
/// approves. No 户籍 or asset test. The bound is on the amount approved, so every step that sets
/// the amount runs this rule again.
pub(super) fn temporary(w: &mut Work<'_>, a: &mut Assessment, request: &Request, members: &[&MemberFacts]) {
    w.hukou_test(a.programme, members);
    let cap_use = w.param_use(ParamKey::TemporaryMonthsCap);
    let town_use = w.param_use(ParamKey::TemporaryTownMonths);
    let (months, town_months) = (cap_use.value, town_use.value.min(cap_use.value));
    let n = a.members;
    let cap = a.standard * months * i64::from(n);
    let town = a.standard * town_months * i64::from(n);
    let (cap_zh, cap_en) = source(&cap_use);
    let (town_zh, town_en) = source(&town_use);
    w.line(
        format!(
            "临时救助上限 = 低保标准{} × {months}个月{cap_zh} × {n}人 = {}。",
            yuan(a.standard),
            yuan(cap)
        ),
        format!(
            "Temporary assistance cap = standard {} × {months} months{cap_en} × {n} members = {}.",
            yuan_en(a.standard),
            yuan_en(cap)
        ),
    );
    w.line(
        format!(
            "镇街审批权限 = 低保标准{} × {town_months}个月{town_zh} × {n}人 = {}；超过的须报区县民政部门审批。",
            yuan(a.standard),
            yuan(town)
        ),
        format!(
            "The town may approve up to standard {} × {town_months} months{town_en} × {n} members = {}; more needs district approval.",
            yuan_en(a.standard),
            yuan_en(town)
        ),
    );
    let asked = match request.temporary_amount {
        Some(x) if x > Fen::ZERO => x,
        _ => {
            w.reason(
                "no_request",
                "未填写申请救助金额。".into(),
                "No amount of temporary assistance was asked for.".into(),
            );
            return;
        }
    };
    if asked > cap {
        w.reason(
            "over_cap",
            format!(
                "申请金额{}超过临时救助上限{}（低保标准 × {months}个月 × {n}人），不予支持；可按不超过上限的金额重新申请。",
                yuan(asked),
                yuan(cap)
            ),
            format!(
                "The amount asked, {}, is over the temporary assistance cap of {} (standard × {months} months × {n} members): refused; apply again for at most the cap.",
                yuan_en(asked),
                yuan_en(cap)
            ),
        );
        return;
    }
    a.eligible = true;
    a.one_off = asked;
    if asked > town {
        a.approver = Approver::District;
        w.reason(
            "needs_district",
            format!(
                "申请金额{}超过镇街审批权限{}、未超过上限{}，须报区县民政部门审批。",
                yuan(asked),
                yuan(town),
                yuan(cap)
            ),
            format!(
                "The amount asked, {}, is over the town's authority of {} and within the cap of {}: it needs district approval.",
                yuan_en(asked),
                yuan_en(town),
                yuan_en(cap)
            ),
        );
    } else {
        a.approver = Approver::Town;
        w.line(
            format!("申请金额{}未超过镇街审批权限{}，镇街可审批。", yuan(asked), yuan(town)),
            format!(
                "The amount asked, {}, is within the town's authority of {}: the town may approve it.",
                yuan_en(asked),
                yuan_en(town)
            ),
        );
    }
}


#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;


    fn temporary(facts: &HouseholdFacts, asked: Option<i64>) -> Assessment {
        let request = Request {
            temporary_amount: asked.map(Fen),
            ..Request::default()
        };
        run(Programme::Temporary, facts, &request, &PolicySet::default())
    }

    fn two_members() -> HouseholdFacts {
        household(
            vec![
                member(1, "张三", Relation::Head, d(1980, 5, 1)),
                member(2, "李四", Relation::Spouse, d(1981, 5, 1)),
            ],
            vec![income(None, IncomeType::Wage, 2_000_000)],
        )
    }

    #[test]
    fn temporary_is_capped_and_over_the_towns_authority_needs_the_district() {
        // two members, standard 550.00: cap 550.00 × 3 × 2 = 3300.00, town 550.00 × 1 × 2 = 1100.00
        let a = temporary(&two_members(), Some(10_000_000_000_000));
        assert!(!a.eligible);
        assert_eq!(a.one_off, Fen::ZERO);
        assert_eq!(codes(&a), vec!["over_cap"]);
        assert!(said(&a, "临时救助上限 = 低保标准550.00元 × 3个月（默认标准） × 2人 = 3300.00元"));
        assert!(a.reasons[0].zh.contains("3300.00元") && a.reasons[0].zh.contains("不予支持"));
        let over = a.over_bound().expect("over the cap");
        assert_eq!(over.field, "request.temporary_amount");
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryMonthsCap && p.value == 3));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryTownMonths && p.value == 1));

        let a = temporary(&two_members(), Some(330001));
        assert_eq!(codes(&a), vec!["over_cap"]);

        let a = temporary(&two_members(), Some(330000));
        assert!(a.eligible && a.over_bound().is_none());
        assert_eq!(a.one_off, Fen(330000));
        assert_eq!(codes(&a), vec!["needs_district"]);
        assert_eq!(a.approver, Approver::District);
        assert!(said(&a, "镇街审批权限 = 低保标准550.00元 × 1个月（默认标准） × 2人 = 1100.00元"));

        let a = temporary(&two_members(), Some(110001));
        assert_eq!((codes(&a), a.approver), (vec!["needs_district"], Approver::District));
        let a = temporary(&two_members(), Some(110000));
        assert!(a.eligible && a.reasons.is_empty());
        assert_eq!(a.approver, Approver::Town);
    }

    #[test]
    fn temporary_bounds_follow_the_regions_parameters() {
        let policy = PolicySet::new(vec![
            param(1, ParamKey::TemporaryMonthsCap, "440703", 6),
            param(2, ParamKey::TemporaryTownMonths, "440703", 2),
        ]);
        let request = Request { temporary_amount: Some(Fen(660000)), ..Request::default() };
        // 550.00 × 6 × 2 = 6600.00 cap; 550.00 × 2 × 2 = 2200.00 town
        let a = run(Programme::Temporary, &two_members(), &request, &policy);
        assert!(a.eligible);
        assert_eq!(a.approver, Approver::District);
        assert!(said(&a, "× 6个月（区划440703自"));
        assert!(a.params.iter().any(|p| p.key == ParamKey::TemporaryTownMonths && p.param_id == Some(2)));
        // a town authority above the cap is the cap
        let policy = PolicySet::new(vec![param(2, ParamKey::TemporaryTownMonths, "440703", 9)]);
        let a = run(Programme::Temporary, &two_members(), &Request { temporary_amount: Some(Fen(330000)), ..Request::default() }, &policy);
        assert_eq!(a.approver, Approver::Town);
    }

    #[test]
    fn typed_request_amounts_are_bounded() {
        assert!(Request::default().check().is_ok());
        let bad = Request { temporary_amount: Some(Fen(-5)), medical_out_of_pocket: Some(Fen(AmountBound::ABSURD.0 + 1)), medical_paid_this_year: Fen(-1) };
        let fields: Vec<String> = bad.check().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["request.temporary_amount", "request.medical_out_of_pocket", "request.medical_paid_this_year"]);
    }

    #[test]
    fn temporary_needs_a_request_but_not_local_hukou() {
        let a = temporary(&two_members(), None);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["no_request"]);
        assert_eq!(
            codes(&temporary(&two_members(), Some(-5))),
            vec!["no_request"]
        );
        let mut facts = two_members();
        facts.members[0].hukou_local = false;
        facts.assets.vehicles = 3;
        let a = temporary(&facts, Some(100000));
        assert!(a.eligible);
        assert!(a.reasons.is_empty());
        assert!(said(&a, "不要求本地户籍"));
    }

}
