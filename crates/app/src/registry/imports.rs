//! 数据导入 persons and households from a table: each row checked, households standing or falling
//! together, and the valid set stored in one transaction (the server runs it as a job, the command
//! line in the foreground).
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use minzheng_core::FieldError;
use minzheng_core::registry::import::{Columns, HOUSEHOLD_EXTRA_HEADERS, ImportRow, PERSON_HEADERS, template_example_row};
use minzheng_core::registry::person::Relation;
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::audit::AuditEntry;
use minzheng_store::imports::RowError;
use minzheng_store::{Scope, Store, StoreError, today};
use serde::{Deserialize, Serialize};

use crate::tabular::{TableError, XlsxExport};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Persons,
    Households,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// any error rejects the whole file
    AllOrNothing,
    /// valid rows (whole households) are stored, the others reported
    ValidOnly,
}

impl ImportKind {
    pub fn parse(s: &str) -> Option<ImportKind> {
        match s {
            "persons" => Some(ImportKind::Persons),
            "households" => Some(ImportKind::Households),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Persons => "persons",
            ImportKind::Households => "households",
        }
    }
}

impl ImportMode {
    pub fn parse(s: &str) -> Option<ImportMode> {
        match s {
            "all_or_nothing" => Some(ImportMode::AllOrNothing),
            "valid_only" => Some(ImportMode::ValidOnly),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ImportMode::AllOrNothing => "all_or_nothing",
            ImportMode::ValidOnly => "valid_only",
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    /// done | rejected | failed
    pub status: &'static str,
    pub total: u64,
    pub inserted: u64,
    pub failed_rows: u64,
    pub errors: Vec<RowError>,
    pub message: Option<String>,
}

/// A household to insert: its region, its address and its members with their row numbers.
type HouseholdRows = (RegionCode, String, Vec<(u64, ImportRow)>);

/// Validates and stores the rows of a table (first row = headers). Nothing is stored unless the
/// whole valid set commits; `progress(done, total)` is called as rows are checked.
pub async fn import_rows(
    store: &Store,
    scope: &Scope,
    kind: ImportKind,
    mode: ImportMode,
    rows: &[Vec<String>],
    audit: AuditEntry,
    mut progress: impl FnMut(u64, u64),
) -> Result<ImportOutcome, StoreError> {
    let total = rows.len().saturating_sub(1) as u64;
    let failed = |errors: Vec<RowError>, message: String| ImportOutcome { status: "rejected", total, inserted: 0, failed_rows: total, errors, message: Some(message) };
    let Some(headers) = rows.first() else {
        return Ok(failed(vec![], "文件为空 / the file is empty".into()));
    };
    let columns = match Columns::from_headers(headers, kind == ImportKind::Households) {
        Ok(c) => c,
        Err(e) => {
            let message = format!("{} / {}", e.message, e.message_en);
            return Ok(failed(vec![RowError::new(1, e)], message));
        }
    };
    let today = today();
    let mut parsed: Vec<(u64, ImportRow)> = Vec::with_capacity(rows.len());
    let mut errors: Vec<RowError> = Vec::new();
    let mut bad_rows: HashSet<u64> = HashSet::new();
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut regions: HashMap<String, Option<FieldError>> = HashMap::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let row_no = i as u64 + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match columns.parse_row(row, today) {
            Err(es) => {
                bad_rows.insert(row_no);
                errors.extend(es.into_iter().map(|e| RowError::new(row_no, e)));
            }
            Ok(r) => {
                let code = r.person.region.as_str().to_owned();
                if !regions.contains_key(&code) {
                    let check = residence_error(store, scope, &r.person.region).await?;
                    regions.insert(code.clone(), check);
                }
                if let Some(Some(e)) = regions.get(&code) {
                    bad_rows.insert(row_no);
                    errors.push(RowError::new(row_no, e.clone()));
                    continue;
                }
                if let Some(id) = &r.person.id_number
                    && let Some(first) = seen_ids.insert(id.as_str().to_owned(), row_no)
                {
                    bad_rows.insert(row_no);
                    errors.push(RowError::new(
                        row_no,
                        FieldError::new("身份证号", format!("与第 {first} 行的身份证号重复"), format!("same ID number as row {first}")),
                    ));
                    continue;
                }
                parsed.push((row_no, r));
            }
        }
        if i % 500 == 0 {
            progress(i as u64, total);
        }
    }
    // already registered?
    let ids: Vec<String> = parsed.iter().filter_map(|(_, r)| r.person.id_number.as_ref().map(|i| i.as_str().to_owned())).collect();
    let existing = store.existing_id_numbers(&ids).await?;
    parsed.retain(|(row_no, r)| match &r.person.id_number {
        Some(id) if existing.contains(id.as_str()) => {
            bad_rows.insert(*row_no);
            errors.push(RowError::new(*row_no, FieldError::new("身份证号", format!("身份证号 {} 已登记", id.as_str()), format!("ID number {} is already registered", id.as_str()))));
            false
        }
        _ => true,
    });
    // households: rows with the same 户编号 stand or fall together, with exactly one head
    let mut households: Vec<HouseholdRows> = Vec::new();
    if kind == ImportKind::Households {
        let mut groups: Vec<(String, Vec<(u64, ImportRow)>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (row_no, r) in parsed.drain(..) {
            let key = r.household_key.clone().unwrap_or_default();
            let at = *index.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[at].1.push((row_no, r));
        }
        // the 户编号 of rows that failed, read straight from the cells
        let key_column = headers.iter().position(|h| h.trim().trim_end_matches('*').trim() == "户编号");
        let mut all_keys_bad: HashSet<String> = HashSet::new();
        for (i, row) in rows.iter().enumerate().skip(1) {
            if bad_rows.contains(&(i as u64 + 1))
                && let Some(k) = key_column.and_then(|c| row.get(c)).map(|k| k.trim().to_owned()).filter(|k| !k.is_empty())
            {
                all_keys_bad.insert(k);
            }
        }
        for (key, members) in groups {
            let heads = members.iter().filter(|(_, r)| r.relation == Some(Relation::Head)).count();
            let reason = if all_keys_bad.contains(&key) {
                Some(FieldError::new("户编号", format!("同户（户编号 {key}）其他成员有误，整户未导入"), format!("another member of household {key} has errors; the household was not imported")))
            } else if heads != 1 {
                Some(FieldError::new("与户主关系", format!("户编号 {key} 须有且只有一名户主（现有 {heads} 名）"), format!("household {key} needs exactly one head ({heads} given)")))
            } else {
                None
            };
            match reason {
                Some(e) => {
                    for (row_no, _) in &members {
                        bad_rows.insert(*row_no);
                        errors.push(RowError::new(*row_no, e.clone()));
                    }
                }
                None => {
                    let head = members.iter().find(|(_, r)| r.relation == Some(Relation::Head)).map(|(_, r)| r);
                    let region = head.map(|h| household_region(&h.person.region)).unwrap_or_else(|| household_region(&members[0].1.person.region));
                    let address = members.iter().find_map(|(_, r)| r.address.clone().filter(|a| !a.trim().is_empty())).unwrap_or_default();
                    households.push((region, address, members));
                }
            }
        }
    }
    errors.sort_by_key(|e| e.row);
    progress(total, total);
    let failed_rows = bad_rows.len() as u64;
    if mode == ImportMode::AllOrNothing && failed_rows > 0 {
        return Ok(ImportOutcome {
            status: "rejected",
            total,
            inserted: 0,
            failed_rows,
            errors,
            message: Some(format!("{failed_rows} 行有误，按“全部成功才导入”未导入任何数据 / {failed_rows} rows have errors; nothing was imported")),
        });
    }
    let mut tx = store.begin().await?;
    let inserted = match kind {
        ImportKind::Persons => {
            let ids = tx.reserve_ids(parsed.len() as i64).await?;
            let rows: Vec<_> = parsed.iter().zip(ids).map(|((_, r), id)| (id, &r.person, None)).collect();
            for chunk in rows.chunks(5000) {
                store.insert_persons_bulk(&mut tx, chunk).await?;
            }
            rows.len() as u64
        }
        ImportKind::Households => {
            let mut n = 0;
            for chunk in households.chunks(2000) {
                let batch: Vec<_> = chunk
                    .iter()
                    .map(|(region, address, members)| (region.clone(), address.clone(), members.iter().map(|(_, r)| (&r.person, r.relation.unwrap_or(Relation::Other))).collect()))
                    .collect();
                n += store.insert_households_bulk(&mut tx, &batch, today).await?.1;
            }
            n
        }
    };
    let mut entry = audit;
    entry.detail = format!("{} {}: {inserted} inserted, {failed_rows} rows failed, mode {}", kind.as_str(), entry.detail, mode.as_str());
    store.audit(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(ImportOutcome { status: "done", total, inserted, failed_rows, errors, message: None })
}

/// Households are registered at the village, also when the head lives in a grid.
fn household_region(code: &RegionCode) -> RegionCode {
    code.ancestor_at(RegionLevel::Village).unwrap_or_else(|| code.clone())
}

async fn residence_error(store: &Store, scope: &Scope, code: &RegionCode) -> Result<Option<FieldError>, StoreError> {
    let field = "居住地区划代码";
    if !matches!(code.level(), RegionLevel::Village | RegionLevel::Grid) {
        return Ok(Some(FieldError::new(field, format!("{code} 不是村（社区）或网格代码"), format!("{code} is not a village, community or grid code"))));
    }
    if !scope.contains(code) {
        return Ok(Some(FieldError::new(field, format!("{code} 不在本账号管辖范围内"), format!("{code} is outside your region"))));
    }
    if store.region(code).await?.is_none() {
        return Ok(Some(FieldError::new(field, format!("区划代码 {code} 不存在"), format!("unknown region code {code}"))));
    }
    Ok(None)
}

/// The import template: the headers and one example row.
pub fn template_bytes(kind: ImportKind, _today: NaiveDate) -> Result<Vec<u8>, TableError> {
    let mut headers: Vec<&str> = PERSON_HEADERS.to_vec();
    let mut example = template_example_row();
    if kind == ImportKind::Households {
        headers.extend_from_slice(HOUSEHOLD_EXTRA_HEADERS);
        example.extend(["H001".to_owned(), "户主".to_owned(), "会城街道北门社区中山路1号".to_owned()]);
    }
    let mut x = XlsxExport::new("导入模板", &headers)?;
    x.push_row(&example)?;
    x.finish()
}
