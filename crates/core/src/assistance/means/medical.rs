//! 医疗救助 medical assistance (POLICY.md, 医疗救助).
use super::*;
use super::work::percent;

/// 医疗救助: for low-income households and below; the out-of-pocket cost × ratio, within what
/// is left of the annual cap.
pub(super) fn medical(
    w: &mut Work<'_>,
    a: &mut Assessment,
    facts: &HouseholdFacts,
    request: &Request,
    members: &[&MemberFacts],
) {
    let (standard, pci) = (a.standard, a.per_capita_income);
    let line = w.low_income_line(standard);
    a.threshold = line;
    let income_ok = pci <= line;
    if !income_ok {
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}高于低收入认定标准{}，不符合医疗救助收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is above the low-income line {}: the income test fails.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    } else if pci < standard {
        w.line(
            format!(
                "月人均收入{}低于低保标准{}，属低保对象范围，符合收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is below the dibao standard {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else {
        w.line(
            format!(
                "月人均收入{}不高于低收入认定标准{}，符合收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is within the low-income line {}: the income test is met.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, a.members);
    let hukou_ok = w.hukou_test(a.programme, members);
    let cost = match request.medical_out_of_pocket {
        Some(x) if x > Fen::ZERO => Some(x),
        _ => {
            w.reason(
                "no_request",
                "未填写政策范围内个人自付医疗费用。".into(),
                "No in-policy out-of-pocket cost was given.".into(),
            );
            None
        }
    };
    let Some(cost) = cost else { return };
    if !(income_ok && assets_ok && hukou_ok) {
        return;
    }
    a.eligible = true;
    let ratio = w.param(ParamKey::MedicalRatio);
    let cap = Fen(w.param(ParamKey::MedicalAnnualCap));
    let by_ratio = cost.mul_permille(ratio);
    let paid = request.medical_paid_this_year.max(Fen::ZERO);
    let left = (cap - paid).max(Fen::ZERO);
    a.one_off = by_ratio.min(left);
    w.line(
        format!(
            "政策范围内个人自付费用{} × 救助比例{} = {}。",
            yuan(cost),
            percent(ratio),
            yuan(by_ratio)
        ),
        format!(
            "In-policy out-of-pocket cost {} × ratio {} = {}.",
            yuan_en(cost),
            percent(ratio),
            yuan_en(by_ratio)
        ),
    );
    w.line(
        format!(
            "年度救助封顶线{}，本年已救助{}，剩余额度{}。",
            yuan(cap),
            yuan(paid),
            yuan(left)
        ),
        format!(
            "Annual cap {}, already paid this year {}, left {}.",
            yuan_en(cap),
            yuan_en(paid),
            yuan_en(left)
        ),
    );
    w.line(
        format!("本次救助金额取两者中较小者：{}。", yuan(a.one_off)),
        format!(
            "The assistance is the smaller of the two: {}.",
            yuan_en(a.one_off)
        ),
    );
}


#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;


    fn medical(facts: &HouseholdFacts, out_of_pocket: Option<i64>, paid: i64) -> Assessment {
        let request = Request {
            medical_out_of_pocket: out_of_pocket.map(Fen),
            medical_paid_this_year: Fen(paid),
            ..Request::default()
        };
        run(Programme::Medical, facts, &request, &PolicySet::default())
    }

    #[test]
    fn medical_worked_case() {
        let a = medical(&single(0), Some(1000000), 4500000);
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(a.one_off, Fen(500000));
        assert_eq!(a.monthly, Fen::ZERO);
        assert!(said(
            &a,
            "政策范围内个人自付费用10000.00元 × 救助比例80% = 8000.00元"
        ));
        assert!(said(
            &a,
            "年度救助封顶线50000.00元，本年已救助45000.00元，剩余额度5000.00元"
        ));
        assert!(said(&a, "一次性救助5000.00元"));
        assert_eq!(medical(&single(0), Some(1000000), 0).one_off, Fen(800000));
        let full = medical(&single(0), Some(1000000), 6000000);
        assert!(full.eligible);
        assert_eq!(full.one_off, Fen::ZERO);
    }

    #[test]
    fn medical_follows_the_low_income_test() {
        // low-income household (pci 700.00)
        assert!(medical(&single(840000), Some(100000), 0).eligible);
        let a = medical(&single(990012), Some(100000), 0);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["income_above_line"]);
        assert_eq!(a.one_off, Fen::ZERO);
        let a = medical(&single(0), None, 0);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["no_request"]);
        let a = medical(&single(0), Some(0), 0);
        assert_eq!(codes(&a), vec!["no_request"]);
        let mut facts = single(0);
        facts.members[0].hukou_local = false;
        assert_eq!(
            codes(&medical(&facts, Some(100), 0)),
            vec!["hukou_not_local"]
        );
    }
}
