//! 行解码 reading a record from a row: one [`Column`] impl per stored type, and [`record!`], which
//! declares a record and its decoder from one field list.
//!
//! Why not `#[derive(sqlx::FromRow)]`: see docs/architecture.md (deviations). The schema is the
//! shared subset of SQLite and PostgreSQL, so a few stored types need a rule both backends agree on:
//! a boolean is a BIGINT 0/1, a sum is cast to BIGINT in the query. Those rules live here, once.
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Result;

/// A value read from one column of a row, by name.
pub(crate) trait Column: Sized {
    fn column(row: &AnyRow, name: &str) -> Result<Self>;
}

macro_rules! plain_columns {
    ($($t:ty),*) => {$(
        impl Column for $t {
            fn column(row: &AnyRow, name: &str) -> Result<Self> {
                Ok(row.try_get(name)?)
            }
        }
    )*};
}
plain_columns!(i64, Option<i64>, String, Option<String>, f64, Option<f64>);

/// Booleans are stored as BIGINT 0/1 (SQLite has no boolean; one schema for both).
impl Column for bool {
    fn column(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(row.try_get::<i64, _>(name)? != 0)
    }
}

/// Stored text that must read as a typed value; anything else is corrupt data, not a user error.
fn typed<T>(row: &AnyRow, name: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T> {
    let text: String = row.try_get(name)?;
    parse(&text).ok_or_else(|| crate::StoreError::Corrupt(format!("{name}: unreadable value {text:?}")))
}

/// Typed columns: a record decodes these once, so that no caller parses the string again.
macro_rules! typed_columns {
    ($($t:ty => $parse:expr),* $(,)?) => {$(
        impl Column for $t {
            fn column(row: &AnyRow, name: &str) -> Result<Self> {
                typed(row, name, $parse)
            }
        }
        impl Column for Option<$t> {
            fn column(row: &AnyRow, name: &str) -> Result<Self> {
                match row.try_get::<Option<String>, _>(name)? {
                    None => Ok(None),
                    Some(_) => typed(row, name, $parse).map(Some),
                }
            }
        }
    )*};
}
typed_columns!(
    minzheng_core::registry::region::RegionCode => |s| minzheng_core::registry::region::RegionCode::parse(s).ok(),
    minzheng_core::assistance::YearMonth => minzheng_core::assistance::YearMonth::parse,
    minzheng_core::assistance::Programme => minzheng_core::assistance::Programme::parse,
    minzheng_core::assistance::workflow::Stage => minzheng_core::assistance::workflow::Stage::parse,
    chrono::NaiveDate => |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
    minzheng_core::elderly::outreach::Rule => minzheng_core::elderly::outreach::Rule::parse,
    minzheng_core::elderly::outreach::TaskStatus => minzheng_core::elderly::outreach::TaskStatus::parse,
    minzheng_core::elderly::outreach::AgeBand => minzheng_core::elderly::outreach::AgeBand::parse,
    minzheng_core::elderly::assessment::living::Living => minzheng_core::elderly::assessment::living::Living::parse,
    minzheng_core::elderly::assessment::Level => minzheng_core::elderly::assessment::Level::parse,
    minzheng_core::elderly::care::ProviderKind => minzheng_core::elderly::care::ProviderKind::parse,
    minzheng_core::elderly::care::ProviderStatus => minzheng_core::elderly::care::ProviderStatus::parse,
    minzheng_core::elderly::care::OrderStatus => minzheng_core::elderly::care::OrderStatus::parse,
    minzheng_core::elderly::care::EnrolmentStatus => minzheng_core::elderly::care::EnrolmentStatus::parse,
    minzheng_core::elderly::assessment::Reason => minzheng_core::elderly::assessment::Reason::parse,
    minzheng_core::elderly::assessment::visits::VisitCategory => minzheng_core::elderly::assessment::visits::VisitCategory::parse,
    chrono::DateTime<chrono::Utc> => minzheng_core::date::stamp::parse,
    minzheng_core::charity::kinds::DonorKind => minzheng_core::charity::kinds::DonorKind::parse,
    minzheng_core::charity::kinds::Form => minzheng_core::charity::kinds::Form::parse,
    minzheng_core::charity::kinds::Channel => minzheng_core::charity::kinds::Channel::parse,
    minzheng_core::charity::kinds::DesignationKind => minzheng_core::charity::kinds::DesignationKind::parse,
    minzheng_core::charity::kinds::RecipientKind => minzheng_core::charity::kinds::RecipientKind::parse,
    minzheng_core::charity::kinds::ProjectStatus => minzheng_core::charity::kinds::ProjectStatus::parse,
    minzheng_core::charity::kinds::LedgerKind => minzheng_core::charity::kinds::LedgerKind::parse,
    minzheng_core::charity::kinds::VerificationStatus => minzheng_core::charity::kinds::VerificationStatus::parse,
    minzheng_core::charity::supermarket::Category => minzheng_core::charity::supermarket::Category::parse,
    minzheng_core::charity::supermarket::Source => minzheng_core::charity::supermarket::Source::parse,
    minzheng_core::charity::supermarket::Basis => minzheng_core::charity::supermarket::Basis::parse,
    minzheng_core::charity::supermarket::ProgrammeStatus => minzheng_core::charity::supermarket::ProgrammeStatus::parse,
    minzheng_core::charity::supermarket::MoveKind => minzheng_core::charity::supermarket::MoveKind::parse,
    minzheng_core::elderly::services::FacilityStatus => minzheng_core::elderly::services::FacilityStatus::parse,
    minzheng_core::elderly::services::institution::InstitutionKind => minzheng_core::elderly::services::institution::InstitutionKind::parse,
    minzheng_core::elderly::services::institution::Ownership => minzheng_core::elderly::services::institution::Ownership::parse,
    minzheng_core::elderly::services::institution::SubsidyKind => minzheng_core::elderly::services::institution::SubsidyKind::parse,
    minzheng_core::elderly::services::canteen::MealTier => minzheng_core::elderly::services::canteen::MealTier::parse,
    minzheng_core::elderly::services::canteen::MealSlot => minzheng_core::elderly::services::canteen::MealSlot::parse,
    minzheng_core::elderly::services::emergency::DeviceKind => minzheng_core::elderly::services::emergency::DeviceKind::parse,
    minzheng_core::elderly::services::emergency::DeviceStatus => minzheng_core::elderly::services::emergency::DeviceStatus::parse,
    minzheng_core::elderly::services::emergency::AlarmKind => minzheng_core::elderly::services::emergency::AlarmKind::parse,
    minzheng_core::elderly::services::emergency::AlarmStatus => minzheng_core::elderly::services::emergency::AlarmStatus::parse,
    minzheng_core::elderly::services::emergency::AlarmOutcome => minzheng_core::elderly::services::emergency::AlarmOutcome::parse,
    minzheng_core::verification::Feed => minzheng_core::verification::Feed::parse,
    minzheng_core::verification::RunKind => minzheng_core::verification::RunKind::parse,
    minzheng_core::verification::RunStatus => minzheng_core::verification::RunStatus::parse,
    minzheng_core::verification::SnapshotStatus => minzheng_core::verification::SnapshotStatus::parse,
);

/// Amounts are BIGINT fen.
impl Column for minzheng_core::assistance::Fen {
    fn column(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(minzheng_core::assistance::Fen(row.try_get(name)?))
    }
}

/// Declares a record and its decoder at once, so its fields are written one time: each field is
/// read from the column of its name, from another column (`field: T as "column"`), or computed
/// (`field: T = expression`, which may use the row by the name given after the struct's name and
/// `?`). The decoder is `Record::from_row(&AnyRow) -> Result<Record>`.
///
/// ```ignore
/// record! {
///     #[derive(Clone, Debug, Serialize)]
///     pub struct PlanRecord(r) {
///         pub id: i64,
///         pub years: Vec<i32> = years(r)?,
///         pub lines: i64 as "n_lines",
///     }
/// }
/// ```
macro_rules! record {
    (@get $r:ident, $field:ident) => {
        $crate::row::Column::column($r, stringify!($field))?
    };
    (@get $r:ident, $field:ident as $col:literal) => {
        $crate::row::Column::column($r, $col)?
    };
    (@get $r:ident, $field:ident = $val:expr) => {
        $val
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident ($row:ident) {
            $(
                $(#[$fmeta:meta])*
                $fvis:vis $field:ident : $fty:ty $(as $col:literal)? $(= $val:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: $fty ),*
        }

        impl $name {
            /// Reads the record from a row (declared with `row::record!`).
            pub(crate) fn from_row($row: &::sqlx::any::AnyRow) -> $crate::Result<$name> {
                Ok($name { $( $field: $crate::row::record!(@get $row, $field $(as $col)? $(= $val)?) ),* })
            }
        }
    };
}
pub(crate) use record;
