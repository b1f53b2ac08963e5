//! 低保 minimum living allowance and 低保边缘 low-income band (POLICY.md, 低保).
use super::*;
use super::work::percent;

/// 低保: 补差 plus 分类施保 (POLICY.md, 低保).
pub(super) fn dibao(w: &mut Work<'_>, a: &mut Assessment, facts: &HouseholdFacts, members: &[&MemberFacts]) {
    let (standard, pci, n) = (a.standard, a.per_capita_income, a.members);
    a.threshold = standard;
    let income_ok = pci < standard;
    if income_ok {
        w.line(
            format!(
                "月人均收入{}低于低保标准{}，符合收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is below the standard {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else {
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}不低于低保标准{}，不符合低保收入条件。",
                yuan(pci),
                yuan(standard)
            ),
            format!(
                "Per-capita income {} is not below the standard {}: the income test fails.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, n);
    let hukou_ok = w.hukou_test(a.programme, members);
    if !(income_ok && assets_ok && hukou_ok) {
        return;
    }
    a.eligible = true;
    let gap = standard - pci;
    a.base = gap * i64::from(n);
    w.line(
        format!(
            "补差金额 =（低保标准{} − 月人均收入{}）× {n}人 = {}。",
            yuan(standard),
            yuan(pci),
            yuan(a.base)
        ),
        format!(
            "Top-up = (standard {} − per-capita income {}) × {n} members = {}.",
            yuan_en(standard),
            yuan_en(pci),
            yuan_en(a.base)
        ),
    );
    let rates: Vec<(IncrementCategory, i64)> = IncrementCategory::ALL
        .iter()
        .map(|&c| (c, w.param(c.param_key())))
        .collect();
    for m in members {
        let age = age_in(m, a.month);
        let mut own = Fen::ZERO;
        for &(category, permille) in &rates {
            if permille <= 0 || !category.applies(m, age, facts.single_parent) {
                continue;
            }
            let amount = standard.mul_permille(permille);
            own += amount;
            w.line(
                format!(
                    "{}（{age}岁）属于{}，分类施保按低保标准的{}增发{}。",
                    m.name,
                    category.zh(),
                    percent(permille),
                    yuan(amount)
                ),
                format!(
                    "{} (aged {age}): {}, an increment of {} of the standard: {}.",
                    m.name,
                    category.en().to_lowercase(),
                    percent(permille),
                    yuan_en(amount)
                ),
            );
            a.increments.push(Increment {
                person_id: m.person_id,
                category,
                permille,
                amount,
            });
        }
        a.shares.push(MemberShare {
            person_id: m.person_id,
            name: m.name.clone(),
            base: gap,
            increments: own,
            total: gap + own,
        });
    }
    let increments: Fen = a.increments.iter().map(|i| i.amount).sum();
    if a.increments.is_empty() {
        w.line(
            "家庭成员均不属于分类施保对象。".into(),
            "No member qualifies for a classified increment.".into(),
        );
    }
    a.monthly = a.base + increments;
    w.line(
        format!(
            "每月救助金额 = 补差{} + 分类施保{} = {}。",
            yuan(a.base),
            yuan(increments),
            yuan(a.monthly)
        ),
        format!(
            "Monthly benefit = top-up {} + increments {} = {}.",
            yuan_en(a.base),
            yuan_en(increments),
            yuan_en(a.monthly)
        ),
    );
}

/// 低收入家庭认定: above the dibao line, within the low-income line; recognised, not paid.
pub(super) fn low_income(
    w: &mut Work<'_>,
    a: &mut Assessment,
    facts: &HouseholdFacts,
    members: &[&MemberFacts],
) {
    let (standard, pci) = (a.standard, a.per_capita_income);
    let line = w.low_income_line(standard);
    a.threshold = line;
    let mut income_ok = true;
    if pci < standard {
        income_ok = false;
        w.reason(
            "dibao_eligible",
            format!("月人均收入{}低于低保标准{}，符合低保条件，请申请低保。", yuan(pci), yuan(standard)),
            format!(
                "Per-capita income {} is below the dibao standard {}: the household qualifies for dibao; apply for dibao.",
                yuan_en(pci),
                yuan_en(standard)
            ),
        );
    } else if pci > line {
        income_ok = false;
        w.reason(
            "income_above_line",
            format!(
                "月人均收入{}高于低收入认定标准{}，不符合收入条件。",
                yuan(pci),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is above the low-income line {}: the income test fails.",
                yuan_en(pci),
                yuan_en(line)
            ),
        );
    } else {
        w.line(
            format!(
                "月人均收入{}不低于低保标准{}且不高于低收入认定标准{}，符合收入条件。",
                yuan(pci),
                yuan(standard),
                yuan(line)
            ),
            format!(
                "Per-capita income {} is between the dibao standard {} and the low-income line {}: the income test is met.",
                yuan_en(pci),
                yuan_en(standard),
                yuan_en(line)
            ),
        );
    }
    let assets_ok = w.asset_tests(facts, standard, a.members);
    let hukou_ok = w.hukou_test(a.programme, members);
    a.eligible = income_ok && assets_ok && hukou_ok;
}


#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;

    #[test]
    fn low_income_band() {
        let low = |counted: i64| {
            run(
                Programme::LowIncome,
                &single(counted),
                &Request::default(),
                &PolicySet::default(),
            )
        };
        let a = low(840000);
        assert_eq!(a.per_capita_income, Fen(70000));
        assert!(a.eligible, "{:?}", a.reasons);
        assert_eq!(a.threshold, Fen(82500));
        assert_eq!((a.monthly, a.one_off), (Fen::ZERO, Fen::ZERO));
        assert!(said(
            &a,
            "低收入认定标准 = 低保标准550.00元 × 1.5倍 = 825.00元"
        ));
        assert!(said(&a, "认定为低收入家庭"));
        assert!(low(990000).eligible); // exactly the line
        assert!(low(660000).eligible); // exactly the standard
        let a = low(990012);
        assert_eq!(a.per_capita_income, Fen(82501));
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["income_above_line"]);
        let a = low(600000);
        assert!(!a.eligible);
        assert_eq!(codes(&a), vec!["dibao_eligible"]);
        assert!(a.reasons[0].zh.contains("符合低保条件，请申请低保"));
        let mut facts = single(840000);
        facts.assets.vehicles = 1;
        let a = run(
            Programme::LowIncome,
            &facts,
            &Request::default(),
            &PolicySet::default(),
        );
        assert_eq!(codes(&a), vec!["vehicle"]);
        assert!(
            a.params
                .iter()
                .any(|p| p.key == ParamKey::LowIncomeMultiple)
        );
    }
}
