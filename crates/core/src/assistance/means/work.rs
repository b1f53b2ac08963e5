//! The assessment in progress ([`Work`]): parameters looked up, explanation lines, reasons, the
//! shared tests (members, income, assets, 户籍) and the hook the allowances (`elderly::allowance`) use.
use super::*;

/// The assessment in progress: parameters looked up, explanation lines and reasons so far.
pub(crate) struct Work<'a> {
    pub(super) region: &'a RegionCode,
    pub(super) policy: &'a PolicySet,
    pub(super) month: YearMonth,
    pub(super) params: Vec<ParamUse>,
    pub(super) lines: Vec<Line>,
    pub(super) reasons: Vec<Reason>,
}

impl Work<'_> {
    /// Looks a parameter up and records it (once) among the parameters used.
    pub(crate) fn param_use(&mut self, key: ParamKey) -> ParamUse {
        let used = self.policy.get(key, self.region, self.month);
        if !self.params.iter().any(|p| p.key == key) {
            self.params.push(used.clone());
        }
        used
    }

    pub(crate) fn param(&mut self, key: ParamKey) -> i64 {
        self.param_use(key).value
    }

    pub(crate) fn line(&mut self, zh: String, en: String) {
        self.lines.push(Line { zh, en });
    }

    /// A reason is also said in the explanation, where it arises.
    pub(crate) fn reason(&mut self, code: &str, zh: String, en: String) {
        self.line(zh.clone(), en.clone());
        self.reasons.push(Reason {
            code: code.to_string(),
            zh,
            en,
        });
    }

    pub(super) fn explain_members(&mut self, facts: &HouseholdFacts, members: &[&MemberFacts]) {
        let month = self.month;
        if !members.is_empty() {
            let zh_names: Vec<String> = members
                .iter()
                .map(|m| format!("{}（{}）", m.name, m.relation.zh()))
                .collect();
            let en_names: Vec<String> = members
                .iter()
                .map(|m| format!("{}, {}", m.name, m.relation.en().to_lowercase()))
                .collect();
            self.line(
                format!(
                    "{month}计入家庭成员{}人：{}。",
                    members.len(),
                    zh_names.join("、")
                ),
                format!(
                    "Members counted in {month}: {} ({}).",
                    members.len(),
                    en_names.join("; ")
                ),
            );
        }
        for m in &facts.members {
            let Some(died) = m.death_date else { continue };
            let from = YearMonth::of(died).next();
            if YearMonth::of(died) < month {
                self.line(
                    format!("{}已于{died}去世，自{from}起不再计入家庭成员。", m.name),
                    format!("{} died on {died} and is not counted from {from}.", m.name),
                );
            } else if YearMonth::of(died) == month {
                self.line(
                    format!(
                        "{}于{died}去世，本月仍计入，自{from}起不再计入家庭成员。",
                        m.name
                    ),
                    format!(
                        "{} died on {died}: still counted this month, not from {from}.",
                        m.name
                    ),
                );
            }
        }
    }

    pub(super) fn explain_income(&mut self, income: &IncomeSummary, facts: &HouseholdFacts) {
        if income.by_type.is_empty() {
            self.line(
                "近12个月家庭无收入。".into(),
                "The household had no income in the last 12 months.".into(),
            );
        }
        for &(kind, amount) in &income.by_type {
            if kind.exempt() {
                self.line(
                    format!(
                        "近12个月{}{}，按政策不计入家庭收入。",
                        kind.zh(),
                        yuan(amount)
                    ),
                    format!(
                        "{} over the last 12 months: {}, exempt by policy.",
                        kind.en(),
                        yuan_en(amount)
                    ),
                );
            } else {
                self.line(
                    format!("近12个月{}{}，计入家庭收入。", kind.zh(), yuan(amount)),
                    format!(
                        "{} over the last 12 months: {}, counted.",
                        kind.en(),
                        yuan_en(amount)
                    ),
                );
            }
        }
        for &(kind, amount) in &income.negative {
            self.line(
                format!("一笔{}申报为负数（{}），按0计算。", kind.zh(), yuan(amount)),
                format!(
                    "An amount of {} was declared negative ({}) and is taken as 0.",
                    kind.en(),
                    yuan_en(amount)
                ),
            );
        }
        for &(person_id, amount) in &income.not_members {
            match facts.members.iter().find(|m| m.person_id == person_id) {
                Some(m) => self.line(
                    format!("{}的收入{}不计入（本月不计入家庭成员）。", m.name, yuan(amount)),
                    format!("Income of {} ({}) is left out: not a member counted this month.", m.name, yuan_en(amount)),
                ),
                None => self.line(
                    format!("有收入{}所属人员（编号{person_id}）不是家庭成员，不计入。", yuan(amount)),
                    format!("Income of {} belongs to person {person_id}, who is not a member, and is left out.", yuan_en(amount)),
                ),
            }
        }
        self.line(
            format!(
                "近12个月计入收入合计{}，不计入收入合计{}。",
                yuan(income.counted),
                yuan(income.exempt)
            ),
            format!(
                "Counted income over the last 12 months: {}; exempt income: {}.",
                yuan_en(income.counted),
                yuan_en(income.exempt)
            ),
        );
    }

    /// Vehicle, dwellings, business capital and monetary assets (POLICY.md, 低保 assets).
    pub(super) fn asset_tests(&mut self, facts: &HouseholdFacts, standard: Fen, n: u32) -> bool {
        let assets = &facts.assets;
        let mut pass = true;
        if assets.vehicles > 0 {
            pass = false;
            self.reason(
                "vehicle",
                format!("家庭拥有{}辆非豁免机动车，不符合财产条件。", assets.vehicles),
                format!("The household owns {} motor vehicle(s) that are not exempt: the asset test fails.", assets.vehicles),
            );
        } else {
            self.line(
                "家庭无非豁免机动车。".into(),
                "The household owns no motor vehicle that is not exempt.".into(),
            );
        }
        let max_dwellings = self.param(ParamKey::DibaoMaxDwellings);
        if i64::from(assets.dwellings) > max_dwellings {
            pass = false;
            self.reason(
                "dwellings",
                format!("家庭拥有住房{}套，超过上限{max_dwellings}套，不符合财产条件。", assets.dwellings),
                format!(
                    "The household owns {} dwellings, more than the limit of {max_dwellings}: the asset test fails.",
                    assets.dwellings
                ),
            );
        } else {
            self.line(
                format!(
                    "家庭拥有住房{}套，未超过上限{max_dwellings}套。",
                    assets.dwellings
                ),
                format!(
                    "The household owns {} dwelling(s), within the limit of {max_dwellings}.",
                    assets.dwellings
                ),
            );
        }
        if assets.business_capital > Fen::ZERO {
            pass = false;
            self.reason(
                "business",
                format!(
                    "家庭成员登记有工商注册资本{}，不符合财产条件。",
                    yuan(assets.business_capital)
                ),
                format!(
                    "Members own businesses with registered capital of {}: the asset test fails.",
                    yuan_en(assets.business_capital)
                ),
            );
        } else {
            self.line(
                "家庭成员无登记注册的经营资本。".into(),
                "Members own no registered business capital.".into(),
            );
        }
        let months = self.param(ParamKey::DibaoMaxAssetsMonths);
        let limit = standard * months * i64::from(n);
        if assets.monetary > limit {
            pass = false;
            self.reason(
                "monetary_assets",
                format!(
                    "家庭货币财产{}，超过上限{}（{months}个月 × 低保标准{} × {n}人），不符合财产条件。",
                    yuan(assets.monetary),
                    yuan(limit),
                    yuan(standard)
                ),
                format!(
                    "Monetary assets of {} exceed the limit of {} ({months} months × standard {} × {n} members): the asset test fails.",
                    yuan_en(assets.monetary),
                    yuan_en(limit),
                    yuan_en(standard)
                ),
            );
        } else {
            self.line(
                format!(
                    "家庭货币财产{}，未超过上限{}（{months}个月 × 低保标准{} × {n}人）。",
                    yuan(assets.monetary),
                    yuan(limit),
                    yuan(standard)
                ),
                format!(
                    "Monetary assets of {} are within the limit of {} ({months} months × standard {} × {n} members).",
                    yuan_en(assets.monetary),
                    yuan_en(limit),
                    yuan_en(standard)
                ),
            );
        }
        pass
    }

    /// The applicant (the head, else the first member counted) must hold local 户籍 where the
    /// programme requires it.
    pub(super) fn hukou_test(&mut self, programme: Programme, members: &[&MemberFacts]) -> bool {
        let Some(applicant) = members
            .iter()
            .find(|m| m.relation == Relation::Head)
            .or(members.first())
        else {
            return false;
        };
        if applicant.hukou_local {
            self.line(
                format!("申请人{}为本地户籍。", applicant.name),
                format!("The applicant {} holds local hukou.", applicant.name),
            );
            true
        } else if programme.requires_local_hukou() {
            self.reason(
                "hukou_not_local",
                format!("申请人{}户籍不在本地，{}须向户籍所在地申请。", applicant.name, programme.zh()),
                format!(
                    "The applicant {} does not hold local hukou; {} is applied for where the hukou is.",
                    applicant.name,
                    programme.en().to_lowercase()
                ),
            );
            false
        } else {
            self.line(
                format!(
                    "申请人{}非本地户籍，{}不要求本地户籍。",
                    applicant.name,
                    programme.zh()
                ),
                format!(
                    "The applicant {} holds no local hukou, which {} does not require.",
                    applicant.name,
                    programme.en().to_lowercase()
                ),
            );
            true
        }
    }

    /// 低收入 line: the low-income multiple × standard.
    pub(super) fn low_income_line(&mut self, standard: Fen) -> Fen {
        let multiple = self.param(ParamKey::LowIncomeMultiple);
        let line = standard.mul_permille(multiple);
        self.line(
            format!(
                "低收入认定标准 = 低保标准{} × {}倍 = {}。",
                yuan(standard),
                times(multiple),
                yuan(line)
            ),
            format!(
                "Low-income line = standard {} × {} = {}.",
                yuan_en(standard),
                times(multiple),
                yuan_en(line)
            ),
        );
        line
    }

    pub(crate) fn conclude(&mut self, a: &Assessment) {
        let p = a.programme;
        let (zh, en) = if !a.eligible {
            (
                format!("结论：不符合{}条件。", p.zh()),
                format!("Decision: not eligible for {}.", p.en().to_lowercase()),
            )
        } else {
            match p {
                Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild
                    if a.annual.is_some() =>
                {
                    let december = Fen(Assessment::due_for(a.monthly.0, a.annual.map(|f| f.0), 12));
                    (
                        format!("结论：符合{}条件，1至11月每月发放{}，12月发放{}。", p.zh(), yuan(a.monthly), yuan(december)),
                        format!(
                            "Decision: eligible for {}; {} a month from January to November, {} in December.",
                            p.en().to_lowercase(),
                            yuan_en(a.monthly),
                            yuan_en(december)
                        ),
                    )
                }
                Programme::Dibao | Programme::Tekun | Programme::OldAge | Programme::DisabilityLiving | Programme::DisabilityCare | Programme::Orphan | Programme::UnattendedChild => (
                    format!("结论：符合{}条件，每月发放{}。", p.zh(), yuan(a.monthly)),
                    format!("Decision: eligible for {}; {} a month.", p.en().to_lowercase(), yuan_en(a.monthly)),
                ),
                Programme::LowIncome => (
                    "结论：认定为低收入家庭。该认定不发放现金，可据此享受医疗救助等帮扶。".into(),
                    "Decision: recognised as a low-income household. Nothing is paid; it opens medical assistance and other support."
                        .into(),
                ),
                Programme::Temporary | Programme::Medical => {
                    let district = if a.reasons.iter().any(|r| r.code == "over_cap_needs_district") {
                        ("，须报区县民政部门审批", ", subject to district approval")
                    } else {
                        ("", "")
                    };
                    (
                        format!("结论：符合{}条件，一次性救助{}{}。", p.zh(), yuan(a.one_off), district.0),
                        format!("Decision: eligible for {}; a one-off {}{}.", p.en().to_lowercase(), yuan_en(a.one_off), district.1),
                    )
                }
            }
        };
        self.line(zh, en);
    }
}

/// Income of the counted members (and of the household as a whole) over the last 12 months.
pub(super) struct IncomeSummary {
    pub(super) counted: Fen,
    pub(super) exempt: Fen,
    /// totals by type, in dictionary order, types with no income left out
    pub(super) by_type: Vec<(IncomeType, Fen)>,
    /// declared negative amounts, taken as 0
    pub(super) negative: Vec<(IncomeType, Fen)>,
    /// income of people who are not counted members this month, left out
    pub(super) not_members: Vec<(i64, Fen)>,
}

impl IncomeSummary {
    pub(super) fn of(facts: &HouseholdFacts, members: &[&MemberFacts]) -> IncomeSummary {
        let mut s = IncomeSummary {
            counted: Fen::ZERO,
            exempt: Fen::ZERO,
            by_type: Vec::new(),
            negative: Vec::new(),
            not_members: Vec::new(),
        };
        let mut totals: Vec<(IncomeType, Fen, bool)> = Vec::new();
        for income in &facts.incomes {
            if let Some(pid) = income.person_id
                && !members.iter().any(|m| m.person_id == pid)
            {
                s.not_members.push((pid, income.amount));
                continue;
            }
            if income.amount < Fen::ZERO {
                s.negative.push((income.kind, income.amount));
            }
            let amount = income.amount.max(Fen::ZERO);
            if income.kind.exempt() {
                s.exempt += amount;
            } else {
                s.counted += amount;
            }
            match totals.iter_mut().find(|(k, _, _)| *k == income.kind) {
                Some(t) => {
                    t.1 += amount;
                    t.2 |= amount > Fen::ZERO;
                }
                None => totals.push((income.kind, amount, amount > Fen::ZERO)),
            }
        }
        s.by_type = IncomeType::ALL
            .iter()
            .filter_map(|k| {
                totals
                    .iter()
                    .find(|(t, _, any)| t == k && *any)
                    .map(|&(t, a, _)| (t, a))
            })
            .collect();
        s
    }

    /// A member's own counted income (特困: no income source).
    pub(super) fn own_counted(facts: &HouseholdFacts, person_id: i64) -> Fen {
        facts
            .incomes
            .iter()
            .filter(|i| i.person_id == Some(person_id) && !i.kind.exempt())
            .map(|i| i.amount.max(Fen::ZERO))
            .sum()
    }
}

pub(crate) fn age_in(member: &MemberFacts, month: YearMonth) -> u32 {
    age_on(member.birth_date, month.first_day())
}
/// `550.00元`
pub(crate) fn yuan(f: Fen) -> String {
    format!("{}元", f.yuan_string())
}

/// `550.00 yuan`
pub(crate) fn yuan_en(f: Fen) -> String {
    format!("{} yuan", f.yuan_string())
}

/// Thousandths as a percentage: 350 → `35%`, 125 → `12.5%`.
pub(super) fn percent(permille: i64) -> String {
    let sign = if permille < 0 { "-" } else { "" };
    let p = permille.unsigned_abs();
    if p.is_multiple_of(10) {
        format!("{sign}{}%", p / 10)
    } else {
        format!("{sign}{}.{}%", p / 10, p % 10)
    }
}

/// Thousandths as a multiple: 1600 → `1.6`, 1500 → `1.5`, 1250 → `1.25`, 2000 → `2`.
pub(super) fn times(permille: i64) -> String {
    let sign = if permille < 0 { "-" } else { "" };
    let p = permille.unsigned_abs();
    let frac = format!("{:03}", p % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", p / 1000)
    } else {
        format!("{sign}{}.{frac}", p / 1000)
    }
}

/// Where a parameter's value comes from, as said to a citizen.
pub(crate) fn source(used: &ParamUse) -> (String, String) {
    match (&used.region_prefix, used.effective) {
        (Some(prefix), Some(from)) => (
            format!("（区划{prefix}自{from}起执行）"),
            format!(" (region {prefix}, from {from})"),
        ),
        _ => ("（默认标准）".into(), " (default)".into()),
    }
}
