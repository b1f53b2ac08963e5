//! 老年人能力评估 capability assessment of older adults (GB/T 42195-2022): the 26 items, the
//! parse of a submitted answer set, the score with its level and explanation, when the next
//! assessment falls due, and what the level means for 特困 care (自理能力). Also the elder's
//! living situation (独居, 空巢, 留守) and the schedule of visits (探访).
//!
//! The standard's total is 90; levels: 能力完好 90, 轻度失能 66–89, 中度失能 46–65, 重度失能
//! 30–45, 完全失能 0–29. A coma decides 完全失能 outright; a diagnosed dementia or mental disorder,
//! or two or more care-risk events in the last 30 days, raises the level one step.
pub mod items;
pub mod living;
pub mod visits;

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::assistance::means::{Line, SelfCare};

pub use items::{ITEMS, Indicator, Item, ItemOption};

/// The standard's full score.
pub const FULL_SCORE: u32 = 90;

vocabulary! {
    /// 能力等级 the level of an assessment, best first.
pub enum Level {
        Intact => ("intact", "能力完好", "Intact"),
        Mild => ("mild", "轻度失能", "Mildly impaired"),
        Moderate => ("moderate", "中度失能", "Moderately impaired"),
        Severe => ("severe", "重度失能", "Severely impaired"),
        Total => ("total", "完全失能", "Totally impaired"),
    }
}

impl Level {
    /// The preliminary level of a total (GB/T 42195-2022 table of levels).
    pub fn of_total(total: u32) -> Level {
        match total {
            90.. => Level::Intact,
            66..=89 => Level::Mild,
            46..=65 => Level::Moderate,
            30..=45 => Level::Severe,
            _ => Level::Total,
        }
    }

    /// The score range of the level, for explanations.
    pub fn range(self) -> (u32, u32) {
        match self {
            Level::Intact => (90, 90),
            Level::Mild => (66, 89),
            Level::Moderate => (46, 65),
            Level::Severe => (30, 45),
            Level::Total => (0, 29),
        }
    }

    /// One step worse, 完全失能 staying where it is.
    pub fn worse(self) -> Level {
        match self {
            Level::Intact => Level::Mild,
            Level::Mild => Level::Moderate,
            Level::Moderate => Level::Severe,
            Level::Severe | Level::Total => Level::Total,
        }
    }

    /// 特困 care by self-care ability (POLICY.md 特困): intact and mild keep full self-care,
    /// moderate is partial, severe and total have none.
    pub fn self_care(self) -> SelfCare {
        match self {
            Level::Intact | Level::Mild => SelfCare::Full,
            Level::Moderate => SelfCare::Partial,
            Level::Severe | Level::Total => SelfCare::None,
        }
    }
}

vocabulary! {
    /// 评估原因 why the assessment was made.
    pub enum Reason {
        Initial => ("initial", "首次评估", "Initial"),
        Periodic => ("periodic", "常规评估（到期复评）", "Periodic"),
        Change => ("change", "状况变化后即时评估", "After a change"),
    }
}

/// A complete, in-range answer set: one score per item, in the order of [`ITEMS`]. Only
/// [`Answers::parse`] makes one, so a scored answer set is always whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers([u8; 26]);

impl Answers {
    /// Reads `{item code: score}`: every item must be there with a score one of its options has;
    /// unknown codes are refused. Errors name `items.<code>`.
    pub fn parse(input: &BTreeMap<String, i64>) -> Result<Answers, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut scores = [0u8; 26];
        for key in input.keys() {
            if items::item(key).is_none() {
                errors.push(FieldError::new(format!("items.{key}"), format!("未知的评估项目“{key}”"), format!("unknown item {key:?}")));
            }
        }
        for (i, item) in ITEMS.iter().enumerate() {
            let field = format!("items.{}", item.code);
            match input.get(item.code) {
                None => errors.push(FieldError::new(field, format!("请评定“{}”（{}）", item.zh, item.number), format!("{} ({}) is not answered", item.en, item.number))),
                Some(&s) => match u8::try_from(s).ok().filter(|s| item.options.iter().any(|o| o.score == *s)) {
                    Some(s) => scores[i] = s,
                    None => errors.push(FieldError::new(
                        field,
                        format!("“{}”的得分须在 0–{} 分之间，收到 {s}", item.zh, item.max()),
                        format!("{} must score 0–{}, got {s}", item.en, item.max()),
                    )),
                },
            }
        }
        if errors.is_empty() { Ok(Answers(scores)) } else { Err(errors) }
    }

    /// The score of an item by code.
    pub fn get(&self, code: &str) -> Option<u8> {
        items::item(code).map(|(i, _)| self.0[i])
    }

    /// `{code: score}` as stored.
    pub fn to_map(&self) -> BTreeMap<String, i64> {
        ITEMS.iter().zip(self.0).map(|(i, s)| (i.code.to_owned(), i64::from(s))).collect()
    }
}

/// 照护风险事件 care-risk events in the last 30 days, and the two other adjustments.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Adjustments {
    /// 处于昏迷状态
    pub coma: bool,
    /// 确诊为痴呆（F00–F03）或精神科专科医生诊断的其他精神和行为障碍（F04–F99）
    pub dementia: bool,
    /// 近30天内跌倒次数
    pub falls: u32,
    /// 噎食
    pub choking: u32,
    /// 自杀、自伤
    pub self_harm: u32,
    /// 走失
    pub wandering: u32,
}

impl Adjustments {
    pub fn risk_events(&self) -> u32 {
        self.falls + self.choking + self.self_harm + self.wandering
    }

    fn check(&self, answers: &Answers) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.coma && answers.get("consciousness") != Some(0) {
            errors.push(FieldError::new(
                "adjustments.coma",
                "勾选“处于昏迷状态”时，“意识水平”须评为 0 分（昏睡或昏迷）",
                "with coma marked, the level of consciousness must score 0",
            ));
        }
        for (field, n, zh) in [("falls", self.falls, "跌倒"), ("choking", self.choking, "噎食"), ("self_harm", self.self_harm, "自杀、自伤"), ("wandering", self.wandering, "走失")] {
            if n > 30 {
                errors.push(FieldError::new(format!("adjustments.{field}"), format!("近30天{zh}次数须在 0–30 之间"), format!("{field} in the last 30 days must be 0–30")));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// 一级指标得分 an indicator's subtotal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subtotal {
    pub indicator: Indicator,
    pub score: u32,
    pub max: u32,
}

/// The result of scoring: subtotals, total, the preliminary level from the total, the final level
/// after the adjustments, and each step in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scored {
    pub subtotals: Vec<Subtotal>,
    pub total: u32,
    pub preliminary: Level,
    pub level: Level,
    pub explanation: Vec<Line>,
}

fn line(zh: String, en: String) -> Line {
    Line { zh, en }
}

/// Scores an answer set with its adjustments. Errors name the adjustment that contradicts the
/// answers (a coma with a consciousness score above 0) or is out of range.
pub fn score(answers: &Answers, adj: &Adjustments) -> Result<Scored, Vec<FieldError>> {
    adj.check(answers)?;
    let mut explanation = Vec::new();
    let subtotals: Vec<Subtotal> = Indicator::ALL
        .iter()
        .map(|&ind| Subtotal {
            indicator: ind,
            score: ITEMS.iter().zip(answers.0).filter(|(i, _)| i.indicator == ind).map(|(_, s)| u32::from(s)).sum(),
            max: items::indicator_max(ind),
        })
        .collect();
    for s in &subtotals {
        explanation.push(line(format!("{}：{} / {} 分", s.indicator.zh(), s.score, s.max), format!("{}: {} of {}", s.indicator.en(), s.score, s.max)));
    }
    let total: u32 = subtotals.iter().map(|s| s.score).sum();
    let preliminary = Level::of_total(total);
    let (lo, hi) = preliminary.range();
    explanation.push(line(
        format!("总分 {total} / {FULL_SCORE} 分，在 {lo}–{hi} 分之间，初步等级为“{}”", preliminary.zh()),
        format!("Total {total} of {FULL_SCORE}, within {lo}–{hi}: preliminary level {}", preliminary.en()),
    ));
    let level = if adj.coma {
        explanation.push(line("处于昏迷状态，直接评定为“完全失能”".into(), "In a coma: assessed as totally impaired outright".into()));
        Level::Total
    } else {
        let mut reasons_zh = Vec::new();
        let mut reasons_en = Vec::new();
        if adj.dementia {
            reasons_zh.push("确诊痴呆或其他精神和行为障碍".to_owned());
            reasons_en.push("a diagnosed dementia or mental disorder".to_owned());
        }
        let events = adj.risk_events();
        if events >= 2 {
            reasons_zh.push(format!("近30天发生照护风险事件 {events} 次（跌倒 {}、噎食 {}、自杀自伤 {}、走失 {}）", adj.falls, adj.choking, adj.self_harm, adj.wandering));
            reasons_en.push(format!("{events} care-risk events in the last 30 days (falls {}, choking {}, self-harm {}, wandering {})", adj.falls, adj.choking, adj.self_harm, adj.wandering));
        } else if events == 1 {
            explanation.push(line("近30天照护风险事件 1 次，未达 2 次，不调整等级".into(), "One care-risk event in the last 30 days (fewer than 2): no change".into()));
        }
        if reasons_zh.is_empty() {
            preliminary
        } else {
            let raised = preliminary.worse();
            let step_zh = if raised == preliminary { "已是最低等级，不再提高".to_owned() } else { format!("提高一个等级为“{}”", raised.zh()) };
            let step_en = if raised == preliminary { "already the lowest level".to_owned() } else { format!("raised one step to {}", raised.en()) };
            explanation.push(line(format!("{}：{step_zh}（两项同时存在也只提高一级）", reasons_zh.join("；")), format!("{}: {step_en} (one step even when both apply)", reasons_en.join("; "))));
            raised
        }
    };
    explanation.push(line(format!("最终等级：{}", level.zh()), format!("Final level: {}", level.en())));
    Ok(Scored { subtotals, total, preliminary, level, explanation })
}

/// Months to the next assessment: 12 in the normal course; 6 when the level is 中度失能 or worse
/// or differs from the previous assessment (a person whose state moves is seen sooner).
pub fn reassessment_months(level: Level, previous: Option<Level>) -> u32 {
    if level >= Level::Moderate || previous.is_some_and(|p| p != level) { 6 } else { 12 }
}

/// The date the next assessment falls due.
pub fn next_due(assessed_on: NaiveDate, level: Level, previous: Option<Level>) -> NaiveDate {
    let months = reassessment_months(level, previous);
    assessed_on.checked_add_months(Months::new(months)).unwrap_or(assessed_on)
}

/// The form as the console renders it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize)]
pub struct FormItem {
    #[serde(flatten)]
    pub item: Item,
    pub max: u8,
}

pub fn form_items() -> Vec<FormItem> {
    ITEMS.iter().map(|i| FormItem { item: *i, max: i.max() }).collect()
}

#[cfg(test)]
mod tests;
