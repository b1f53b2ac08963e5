//! 探访 visits to empty-nest and left-behind elderly and children: who is visited, how often, and
//! when the next visit falls due.
use chrono::{Days, NaiveDate};

vocabulary! {
    /// 探访对象类别.
    pub enum VisitCategory {
        AloneElder => ("alone_elder", "独居老人", "Elder living alone"),
        EmptyNestElder => ("empty_nest_elder", "空巢老人", "Empty-nest elder"),
        LeftBehindElder => ("left_behind_elder", "留守老人", "Left-behind elder"),
        DisabledElder => ("disabled_elder", "失能老人", "Disabled elder"),
        LeftBehindChild => ("left_behind_child", "留守儿童", "Left-behind child"),
        UnattendedChild => ("unattended_child", "事实无人抚养儿童", "Factually unattended child"),
    }
}

impl VisitCategory {
    /// Default days between visits: monthly (30) for those who live alone, are left behind, are
    /// disabled, and for children; quarterly (90) for empty-nest elders, who have a spouse at
    /// home. A plan may set its own interval.
    pub fn default_interval_days(self) -> u32 {
        match self {
            VisitCategory::EmptyNestElder => 90,
            _ => 30,
        }
    }

    /// Whether the category is about children (under 18) rather than elders (60+).
    pub fn is_child(self) -> bool {
        matches!(self, VisitCategory::LeftBehindChild | VisitCategory::UnattendedChild)
    }
}

vocabulary! {
    /// 到期筛选 which plans a list shows by their next date.
    pub enum PlanDue {
        Overdue => ("overdue", "已逾期", "Overdue"),
        Due => ("due", "即将到期", "Due soon"),
        All => ("all", "全部", "All"),
    }
}

/// Interval days a plan may set.
pub const INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 7..=365;

/// The next visit falls due `interval` days after the last one.
pub fn next_due(visited_on: NaiveDate, interval_days: u32) -> NaiveDate {
    visited_on.checked_add_days(Days::new(u64::from(interval_days))).unwrap_or(visited_on)
}

/// Whether a visit due on `due` is overdue on `today` (due today is not yet overdue).
pub fn overdue(due: NaiveDate, today: NaiveDate) -> bool {
    due < today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn intervals_by_category() {
        assert_eq!(VisitCategory::AloneElder.default_interval_days(), 30);
        assert_eq!(VisitCategory::LeftBehindElder.default_interval_days(), 30);
        assert_eq!(VisitCategory::LeftBehindChild.default_interval_days(), 30);
        assert_eq!(VisitCategory::EmptyNestElder.default_interval_days(), 90);
        assert!(VisitCategory::UnattendedChild.is_child());
        assert!(!VisitCategory::AloneElder.is_child());
    }

    #[test]
    fn due_moves_by_the_interval_across_months() {
        assert_eq!(next_due(d("2026-01-31"), 30), d("2026-03-02"));
        assert_eq!(next_due(d("2026-11-15"), 90), d("2027-02-13"));
        assert!(overdue(d("2026-03-01"), d("2026-03-02")));
        assert!(!overdue(d("2026-03-02"), d("2026-03-02")));
    }
}
