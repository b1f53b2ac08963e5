//! 人员 the persons' export.
use minzheng_store::Store;
use minzheng_store::registry::persons::PersonFilter;

use super::views::PersonView;
use crate::error::{AppError, AppResult};
use crate::tabular::XlsxExport;

pub const PERSON_EXPORT_HEADERS: &[&str] =
    &["身份证号", "姓名", "性别", "出生日期", "年龄", "民族", "联系电话", "居住地区划代码", "居住地", "户籍类型", "状态", "残疾类别", "残疾等级", "优抚类别", "孤儿", "家庭户编号", "与户主关系"];
/// The masked export: the birth year in place of the date, the age counted by year.
pub const PERSON_EXPORT_HEADERS_MASKED: &[&str] =
    &["身份证号", "姓名", "性别", "出生年份", "年龄（按年份）", "民族", "联系电话", "居住地区划代码", "居住地", "户籍类型", "状态", "残疾类别", "残疾等级", "优抚类别", "孤儿", "家庭户编号", "与户主关系"];

/// The persons matching `filter` as an .xlsx workbook (streamed from the database; masked unless
/// `unmasked`), and how many rows it has.
pub async fn persons_xlsx(store: &Store, scope: &minzheng_store::Scope, filter: &PersonFilter, unmasked: bool, today: chrono::NaiveDate) -> AppResult<(Vec<u8>, u64)> {
    let headers = if unmasked { PERSON_EXPORT_HEADERS } else { PERSON_EXPORT_HEADERS_MASKED };
    let mut xlsx = XlsxExport::new("人员", headers).map_err(|e| AppError::Internal(e.to_string()))?;
    let dict = minzheng_core::dict::dictionaries();
    let label = |key: &str, code: &str| dict.get(key).and_then(|d| d.iter().find(|e| e.code == code)).map(|e| e.zh.clone()).unwrap_or_else(|| code.to_owned());
    let mut failed = None;
    let n = store
        .for_each_person(scope, filter, today, 2000, |p| {
            let v = PersonView::of(p, !unmasked, today, None);
            let row = vec![
                v.id_number.clone().or(v.alt_id.clone()).unwrap_or_default(),
                v.name,
                label("genders", &v.gender),
                v.birth_date.or(v.birth_year.map(|y| y.to_string())).unwrap_or_default(),
                v.age.map(|a| a.to_string()).unwrap_or_default(),
                v.ethnicity,
                v.phone.unwrap_or_default(),
                v.region_code,
                v.region_name.unwrap_or_default(),
                label("hukou_types", &v.hukou_type),
                if v.alive { "在世".into() } else { format!("已故 {}", v.death_date.unwrap_or_default()) },
                v.disability.as_ref().map(|d| label("disability_kinds", &d.kind)).unwrap_or_default(),
                v.disability.as_ref().and_then(|d| d.grade).map(|g| format!("{g}级")).unwrap_or_default(),
                v.priority_care.as_deref().map(|c| label("priority_care", c)).unwrap_or_default(),
                if v.orphan { "是".into() } else { String::new() },
                v.household_id.map(|h| h.to_string()).unwrap_or_default(),
                v.relation.as_deref().map(|r| label("relations", r)).unwrap_or_default(),
            ];
            if let Err(e) = xlsx.push_row(&row) {
                failed.get_or_insert(e.to_string());
            }
            Ok(())
        })
        .await?;
    if let Some(e) = failed {
        return Err(AppError::Internal(e));
    }
    let bytes = xlsx.finish().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((bytes, n))
}
