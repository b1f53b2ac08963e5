//! The list page every list endpoint answers; the person and household views are the application
//! layer's (`minzheng_app::registry::views`).
use serde::Serialize;
use utoipa::ToSchema;

pub use minzheng_app::registry::views::{DisabilityView, HouseholdView, MemberView, PersonView};

/// A page of a list, as every list endpoint answers.
#[derive(Serialize, ToSchema)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    /// matches, counted up to 10,000 (then `total_exact` is false)
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    pub page_size: i64,
}

/// A store page answered as it is (map it first with `Page::map` to answer views).
impl<T> From<minzheng_store::page::Page<T>> for PageOf<T> {
    fn from(page: minzheng_store::page::Page<T>) -> Self {
        PageOf { items: page.items, total: page.total, total_exact: page.total_exact, page: page.page, page_size: page.page_size }
    }
}

impl<T> PageOf<T> {
    /// A store page answered with `items` in place of its own: for views built by an async
    /// lookup (take the records out with `std::mem::take(&mut page.items)` first).
    pub fn of<S>(page: minzheng_store::page::Page<S>, items: Vec<T>) -> PageOf<T> {
        PageOf { items, total: page.total, total_exact: page.total_exact, page: page.page, page_size: page.page_size }
    }
}
