//! 居住状况 an elder's living situation: recorded by an officer, or derived from the household's
//! current members when nothing is recorded.

vocabulary! {
    /// 居住状况.
    pub enum Living {
        Alone => ("alone", "独居", "Lives alone"),
        EmptyNest => ("empty_nest", "空巢", "Empty nest"),
        LeftBehind => ("left_behind", "留守", "Left behind"),
        WithFamily => ("with_family", "与家人同住", "Lives with family"),
    }
}

/// A current member of the household: person and age in completed years.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub person_id: i64,
    pub age: u32,
}

/// Derives the living situation of `person_id` from the current members of his household (he
/// among them): alone when he is the only one, empty nest when all are 60+, with family otherwise.
/// 留守 (children working away) cannot be seen in the register, so it is only ever recorded.
/// `None` when the person is not among the members (no household: nothing to derive from).
pub fn derive(person_id: i64, members: &[Member]) -> Option<Living> {
    if !members.iter().any(|m| m.person_id == person_id) {
        return None;
    }
    Some(if members.len() == 1 {
        Living::Alone
    } else if members.iter().all(|m| m.age >= 60) {
        Living::EmptyNest
    } else {
        Living::WithFamily
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(person_id: i64, age: u32) -> Member {
        Member { person_id, age }
    }

    #[test]
    fn alone_when_the_only_member() {
        assert_eq!(derive(1, &[m(1, 82)]), Some(Living::Alone));
    }

    #[test]
    fn empty_nest_when_all_are_60_or_more() {
        assert_eq!(derive(1, &[m(1, 72), m(2, 60)]), Some(Living::EmptyNest));
        assert_eq!(derive(1, &[m(1, 72), m(2, 59)]), Some(Living::WithFamily));
    }

    #[test]
    fn with_family_otherwise_and_nothing_without_household() {
        assert_eq!(derive(1, &[m(1, 72), m(2, 40), m(3, 12)]), Some(Living::WithFamily));
        assert_eq!(derive(1, &[m(2, 70)]), None);
        assert_eq!(derive(1, &[]), None);
    }
}
