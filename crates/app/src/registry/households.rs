//! 家庭户 the households' export.
use minzheng_store::registry::households::HouseholdFilter;

use super::views::HouseholdView;
use crate::error::{AppError, AppResult};
use crate::tabular::XlsxExport;

/// The households matching `filter` as an .xlsx workbook, and how many rows it has.
pub async fn households_xlsx(store: &minzheng_store::Store, scope: &minzheng_store::Scope, filter: &HouseholdFilter, unmasked: bool, today: chrono::NaiveDate) -> AppResult<(Vec<u8>, u64)> {
    let mut xlsx = XlsxExport::new("家庭户", &["家庭户编号", "户主姓名", "户主身份证号", "人数", "居住地区划代码", "居住地", "家庭住址"]).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut failed = None;
    let n = store
        .for_each_household(scope, filter, 2000, |h| {
            let v = HouseholdView::of(h, !unmasked, None, today);
            let row = vec![
                v.id.to_string(),
                v.head_name.unwrap_or_default(),
                v.head_id_number.unwrap_or_default(),
                v.member_count.to_string(),
                v.region_code,
                v.region_name.unwrap_or_default(),
                v.address,
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
