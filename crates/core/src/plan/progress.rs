//! 进度与状态 a plan line's progress and status: quarters (the reporting periods), and the status
//! from the lead unit's confirmed progress, the line's deadline (31 December of its year) and how
//! much of its time has passed.
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

vocabulary! {
    /// 状态 of a line.
    pub enum Status {
        OnTrack => ("on_track", "按计划推进", "On track"),
        AtRisk => ("at_risk", "进度滞后", "At risk"),
        Overdue => ("overdue", "已逾期", "Overdue"),
        Done => ("done", "已完成", "Done"),
    }
}

/// A reporting period: a year's quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    /// `2026-Q3` (also `2026Q3`, `2026-q3`).
    pub fn parse(s: &str) -> Option<Quarter> {
        let s = s.trim().to_ascii_uppercase().replace('-', "");
        let (y, q) = s.split_once('Q')?;
        let (year, q) = (y.parse().ok()?, q.parse().ok()?);
        ((2000..=2100).contains(&year) && (1..=4).contains(&q)).then_some(Quarter { year, q })
    }

    pub fn of(day: NaiveDate) -> Quarter {
        Quarter { year: day.year(), q: day.month0() / 3 + 1 }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1).expect("a quarter's first day")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 { Quarter { year: self.year + 1, q: 1 } } else { Quarter { year: self.year, q: self.q + 1 } }
    }

    /// The quarters from `self` to `until`, inclusive.
    pub fn through(self, until: Quarter) -> Vec<Quarter> {
        let mut out = Vec::new();
        let mut q = self;
        while q <= until && out.len() < 400 {
            out.push(q);
            q = q.next();
        }
        out
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

/// The line's deadline: the end of its year.
pub fn deadline(due_year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(due_year, 12, 31).expect("31 December")
}

/// How far along a line should be on `today`: the share of the time from 1 January of `start_year`
/// to its deadline that has passed, in percent (0 before, 100 after).
pub fn expected_percent(start_year: i32, due_year: i32, today: NaiveDate) -> i64 {
    let start = NaiveDate::from_ymd_opt(start_year.min(due_year), 1, 1).expect("1 January");
    let end = deadline(due_year);
    if today <= start {
        return 0;
    }
    if today >= end {
        return 100;
    }
    (today - start).num_days() * 100 / (end - start).num_days().max(1)
}

/// A line is behind when its progress trails the time passed by more than this (percentage points).
pub const AT_RISK_GAP: i64 = 25;

/// The status: done at 100% confirmed; overdue after the deadline; at risk when the confirmed
/// progress (none counts as 0) trails the time passed by more than `AT_RISK_GAP`; else on track.
pub fn status(progress: Option<i64>, start_year: i32, due_year: i32, today: NaiveDate) -> Status {
    let p = progress.unwrap_or(0);
    if p >= 100 {
        Status::Done
    } else if today > deadline(due_year) {
        Status::Overdue
    } else if expected_percent(start_year, due_year, today) - p > AT_RISK_GAP {
        Status::AtRisk
    } else {
        Status::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_parse_and_bound() {
        let q = Quarter::parse("2026-q3").unwrap();
        assert_eq!((q.year, q.q, q.to_string()), (2026, 3, "2026-Q3".to_owned()));
        assert_eq!((q.first_day(), q.last_day()), (d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(Quarter::parse("2026Q4").unwrap().next(), Quarter { year: 2027, q: 1 });
        assert_eq!(Quarter::of(d(2026, 11, 23)), Quarter { year: 2026, q: 4 });
        assert!(Quarter::parse("2026-Q5").is_none() && Quarter::parse("26-Q1").is_none() && Quarter::parse("x").is_none());
        assert_eq!(Quarter::parse("2025-Q3").unwrap().through(Quarter::parse("2026-Q1").unwrap()).len(), 3);
    }

    #[test]
    fn status_from_progress_time_and_deadline() {
        // a line of 2026 planned from 2026: on 23 November about 89% of the year has passed
        let today = d(2026, 11, 23);
        assert_eq!(expected_percent(2026, 2026, today), 89);
        assert_eq!(status(Some(70), 2026, 2026, today), Status::OnTrack);
        assert_eq!(status(Some(60), 2026, 2026, today), Status::AtRisk);
        assert_eq!(status(None, 2026, 2026, today), Status::AtRisk);
        assert_eq!(status(Some(100), 2026, 2026, today), Status::Done);
        // a two-year line (2026–2027): 44% expected, 30% is within the gap
        assert_eq!(expected_percent(2026, 2027, today), 44);
        assert_eq!(status(Some(30), 2026, 2027, today), Status::OnTrack);
        // past its deadline and not done
        assert_eq!(status(Some(90), 2014, 2015, today), Status::Overdue);
        assert_eq!(status(Some(100), 2014, 2015, today), Status::Done);
        // before it starts nothing is expected
        assert_eq!(status(None, 2027, 2027, today), Status::OnTrack);
    }
}
