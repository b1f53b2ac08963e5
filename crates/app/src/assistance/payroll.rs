//! 资金发放 the bank (or social-security-card) file of a confirmed payroll run.
use minzheng_core::assistance::Fen;
use minzheng_store::Store;
use minzheng_store::assistance::payroll::RunRecord;

use crate::error::{AppError, AppResult};
use crate::tabular::{XlsxExport, write_csv};

const BANK_HEADERS: &[&str] = &["序号", "账号", "户名", "开户银行", "金额（元）", "所在区划", "案件编号"];

/// The bank / social-security-card file of a run: one row per household with a positive net
/// amount (a net recovery is collected, not paid, and is listed in the summary sheet).
pub async fn bank_rows(store: &Store, run_id: i64, mut row: impl FnMut(Vec<String>)) -> AppResult<u64> {
    let mut n = 0u64;
    store
        .for_each_bank_row(run_id, |b| {
            if b.amount > 0 {
                n += 1;
                row(vec![n.to_string(), b.bank_account, b.payee_name, b.bank_name, Fen(b.amount).yuan_string(), b.region_code, b.case_id.to_string()]);
            }
            Ok(())
        })
        .await?;
    Ok(n)
}

pub async fn bank_xlsx_bytes(store: &Store, run: &RunRecord) -> AppResult<Vec<u8>> {
    let mut xlsx = XlsxExport::new("代发清单", BANK_HEADERS).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut failed = None;
    bank_rows(store, run.id, |r| {
        if let Err(e) = xlsx.push_row(&r) {
            failed.get_or_insert(e.to_string());
        }
    })
    .await?;
    if let Some(e) = failed {
        return Err(AppError::Internal(e));
    }
    xlsx.finish().map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn bank_csv_bytes(store: &Store, run: &RunRecord) -> AppResult<Vec<u8>> {
    let mut rows = Vec::new();
    bank_rows(store, run.id, |r| rows.push(r)).await?;
    Ok(write_csv(BANK_HEADERS, rows.into_iter()))
}
