//! 工作日 working days: weekends and public holidays skipped, make-up working days (调休) counted.
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

/// The administrator's holiday calendar.
#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    /// public holidays falling on weekdays
    holidays: BTreeSet<NaiveDate>,
    /// weekend days that are working days (调休上班)
    workdays: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    pub fn new(
        holidays: impl IntoIterator<Item = NaiveDate>,
        workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        WorkCalendar {
            holidays: holidays.into_iter().collect(),
            workdays: workdays.into_iter().collect(),
        }
    }

    /// A listed holiday is never a working day (even if also listed as a make-up day by mistake);
    /// a listed make-up day is; otherwise Monday to Friday are.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&d) {
            return false;
        }
        if self.workdays.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The date `n` working days after `start` (`start` itself not counted; n = 0 gives `start`).
    ///
    /// Stops at the last date chrono can represent rather than panicking.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            // Far from the target and no listed date in the next week: any 7 days hold 5 weekdays.
            if left > 5
                && let Some(week_end) = day.checked_add_days(chrono::Days::new(7))
                && !self.has_listed_date_in(day, week_end)
            {
                day = week_end;
                left -= 5;
                continue;
            }
            let Some(next) = day.succ_opt() else {
                return day;
            };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days in (from, to]: 0 when `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count: u32 = 0;
        let mut day = from;
        while day < to {
            if let Some(week_end) = day.checked_add_days(chrono::Days::new(7))
                && week_end <= to
                && !self.has_listed_date_in(day, week_end)
            {
                day = week_end;
                count = count.saturating_add(5);
                continue;
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if self.is_working_day(day) {
                count = count.saturating_add(1);
            }
        }
        count
    }

    /// Whether a holiday or make-up day lies in (from, to].
    fn has_listed_date_in(&self, from: NaiveDate, to: NaiveDate) -> bool {
        use std::ops::Bound::{Excluded, Included};
        self.holidays
            .range((Excluded(from), Included(to)))
            .next()
            .is_some()
            || self
                .workdays
                .range((Excluded(from), Included(to)))
                .next()
                .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 2026 国庆: 1–7 October off, Saturday 26 September and Sunday 11 October worked.
    fn national_day() -> WorkCalendar {
        WorkCalendar::new(
            (1..=7).map(|day| d(2026, 10, day)),
            [d(2026, 9, 26), d(2026, 10, 11)],
        )
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        let c = national_day();
        assert_eq!(d(2026, 9, 26).weekday(), Weekday::Sat);
        assert_eq!(d(2026, 10, 11).weekday(), Weekday::Sun);
        assert!(c.is_working_day(d(2026, 9, 25))); // Friday
        assert!(c.is_working_day(d(2026, 9, 26))); // make-up Saturday
        assert!(!c.is_working_day(d(2026, 9, 27))); // Sunday
        assert!(c.is_working_day(d(2026, 9, 30)));
        for day in 1..=7 {
            assert!(!c.is_working_day(d(2026, 10, day)), "10-{day}");
        }
        assert!(c.is_working_day(d(2026, 10, 8)));
        assert!(!c.is_working_day(d(2026, 10, 10))); // Saturday
        assert!(c.is_working_day(d(2026, 10, 11))); // make-up Sunday
        let plain = WorkCalendar::default();
        assert!(plain.is_working_day(d(2026, 10, 1))); // a Thursday without the calendar
        assert!(!plain.is_working_day(d(2026, 10, 3)));
    }

    #[test]
    fn a_date_listed_both_ways_is_a_holiday() {
        let c = WorkCalendar::new([d(2026, 9, 26)], [d(2026, 9, 26)]);
        assert!(!c.is_working_day(d(2026, 9, 26)));
    }

    #[test]
    fn add_working_days_skips_the_holiday() {
        let c = national_day();
        assert_eq!(c.add_working_days(d(2026, 9, 30), 0), d(2026, 9, 30));
        assert_eq!(c.add_working_days(d(2026, 9, 30), 1), d(2026, 10, 8));
        assert_eq!(c.add_working_days(d(2026, 9, 30), 2), d(2026, 10, 9));
        assert_eq!(c.add_working_days(d(2026, 9, 30), 3), d(2026, 10, 11)); // the make-up Sunday
        assert_eq!(c.add_working_days(d(2026, 9, 30), 4), d(2026, 10, 12));
        assert_eq!(c.add_working_days(d(2026, 9, 25), 1), d(2026, 9, 26)); // make-up Saturday
        // starting on a holiday: the start is not counted either way
        assert_eq!(c.add_working_days(d(2026, 10, 3), 1), d(2026, 10, 8));
    }

    #[test]
    fn add_working_days_skips_weekends() {
        let c = WorkCalendar::default();
        let friday = d(2026, 6, 5);
        assert_eq!(friday.weekday(), Weekday::Fri);
        assert_eq!(c.add_working_days(friday, 1), d(2026, 6, 8));
        assert_eq!(c.add_working_days(friday, 5), d(2026, 6, 12));
        let saturday = d(2026, 6, 6);
        assert_eq!(c.add_working_days(saturday, 1), d(2026, 6, 8));
        let monday = d(2026, 6, 1);
        assert_eq!(c.add_working_days(monday, 15), d(2026, 6, 22));
        assert_eq!(c.add_working_days(monday, 4), d(2026, 6, 5));
        assert_eq!(c.add_working_days(monday, 5), d(2026, 6, 8));
        assert_eq!(c.add_working_days(monday, 10), d(2026, 6, 15));
    }

    #[test]
    fn working_days_between_counts_half_open() {
        let c = national_day();
        assert_eq!(c.working_days_between(d(2026, 9, 30), d(2026, 10, 8)), 1);
        assert_eq!(c.working_days_between(d(2026, 9, 30), d(2026, 10, 7)), 0);
        assert_eq!(c.working_days_between(d(2026, 9, 24), d(2026, 9, 30)), 5); // 25, 26, 28, 29, 30
        assert_eq!(c.working_days_between(d(2026, 10, 8), d(2026, 10, 8)), 0);
        assert_eq!(c.working_days_between(d(2026, 10, 9), d(2026, 10, 8)), 0);
        let plain = WorkCalendar::default();
        assert_eq!(
            plain.working_days_between(d(2026, 1, 1), d(2026, 12, 31)),
            260
        );
    }

    #[test]
    fn huge_counts_do_not_panic() {
        let c = WorkCalendar::default();
        // more working days than chrono's calendar holds: stops at its last date
        assert_eq!(c.add_working_days(d(2026, 1, 1), u32::MAX), NaiveDate::MAX);
        assert_eq!(c.add_working_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    }

    fn arb_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..3000).prop_map(|n| d(2025, 1, 1) + chrono::Days::new(n as u64))
    }

    fn arb_calendar() -> impl Strategy<Value = WorkCalendar> {
        (
            proptest::collection::vec(arb_date(), 0..40),
            proptest::collection::vec(arb_date(), 0..20),
        )
            .prop_map(|(h, w)| WorkCalendar::new(h, w))
    }

    proptest! {
        #[test]
        fn between_inverts_add(c in arb_calendar(), start in arb_date(), n in 0u32..400) {
            let end = c.add_working_days(start, n);
            prop_assert_eq!(c.working_days_between(start, end), n);
            prop_assert!(n == 0 || c.is_working_day(end));
        }

        #[test]
        fn add_reaches_the_last_working_day_up_to(c in arb_calendar(), from in arb_date(), to in arb_date()) {
            let n = c.working_days_between(from, to);
            let reached = c.add_working_days(from, n);
            if to > from {
                prop_assert!(reached <= to);
                // nothing between the reached date and `to` is a working day
                prop_assert_eq!(c.working_days_between(reached, to), 0);
            } else {
                prop_assert_eq!(n, 0);
                prop_assert_eq!(reached, from);
            }
        }

        #[test]
        fn fast_path_agrees_with_counting_day_by_day(c in arb_calendar(), from in arb_date(), len in 0u64..200) {
            let to = from + chrono::Days::new(len);
            let slow = from.iter_days().skip(1).take_while(|x| *x <= to).filter(|x| c.is_working_day(*x)).count() as u32;
            prop_assert_eq!(c.working_days_between(from, to), slow);
        }
    }
}
