//! 慈善 (docs/api.md, "Charity") end to end. One file per section; each lists the routes it
//! serves in `ROUTES` for the OpenAPI check.
pub mod supermarket;
pub mod transparency;

/// Every route of the charity sections, for `openapi_lists_routes`.
pub fn routes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    supermarket::ROUTES.iter().chain(transparency::ROUTES)
}
