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
