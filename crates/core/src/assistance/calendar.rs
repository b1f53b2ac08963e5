//! 工作日 working days: weekends and public holidays skipped, make-up working days (调休) counted.
use std::collections::BTreeSet;

use chrono::NaiveDate;

/// The administrator's holiday calendar.
#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    /// public holidays falling on weekdays
    holidays: BTreeSet<NaiveDate>,
    /// weekend days that are working days (调休上班)
    workdays: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>, workdays: impl IntoIterator<Item = NaiveDate>) -> Self {
        WorkCalendar { holidays: holidays.into_iter().collect(), workdays: workdays.into_iter().collect() }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        todo!()
    }

    /// The date `n` working days after `start` (`start` itself not counted; n = 0 gives `start`).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        todo!()
    }

    /// Working days in (from, to]: 0 when `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        todo!()
    }
}
