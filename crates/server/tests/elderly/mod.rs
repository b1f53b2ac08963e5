//! 养老助残儿童 (docs/api.md, "Elderly, disability and children") end to end. One file per section:
//! assessment and visits, home care, emergency calls / canteens / institutions, register /
//! allowances / 事找人. Each section lists the routes it serves in `ROUTES` for the OpenAPI check.
pub mod assessment;
pub mod care;
pub mod outreach;
pub mod services;

/// Every route of the elderly sections, for `openapi_lists_routes`.
pub fn routes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    assessment::ROUTES.iter().chain(care::ROUTES).chain(services::ROUTES).chain(outreach::ROUTES)
}
