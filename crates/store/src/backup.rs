//! 备份与恢复 backup and restore: every table as JSON lines, the same format for both backends, so
//! a backup taken from SQLite restores into PostgreSQL and back.
use std::io::{BufRead, Write};

use sqlx::any::AnyRow;
use sqlx::{Column, Row};

use crate::sql::Sql;
use crate::{Result, Store, StoreError};

/// Tables in an order that restores cleanly; `schema_migrations` is recreated by `migrate`.
pub const TABLES: &[(&str, &str)] = &[
    ("id_counter", "name"),
    ("regions", "code"),
    ("accounts", "id"),
    ("households", "id"),
    ("persons", "id"),
    ("person_keys", "person_id"),
    ("household_members", "id"),
    ("audit_log", "seq"),
    ("import_jobs", "id"),
    ("policy_params", "id"),
    ("holidays", "day"),
    ("staff_relatives", "id"),
    ("applications", "id"),
    ("application_events", "id"),
    ("attachments", "id"),
    ("notices", "id"),
    ("notice_items", "notice_id, application_id"),
    ("objections", "id"),
    ("cases", "id"),
    ("case_members", "case_id, person_id"),
    ("case_amounts", "id"),
    ("case_events", "id"),
    ("adjustments", "id"),
    ("payroll_runs", "id"),
    ("payroll_lines", "run_id, line_no"),
    ("verification_snapshots", "id"),
    ("verification_records", "snapshot_id, seq"),
    ("verification_runs", "id"),
    ("verification_reports", "id"),
    ("verification_flags", "id"),
    ("sampling_draws", "id"),
    ("sampling_items", "id"),
    // 平安钟, 长者食堂, 养老机构 (0009)
    ("emergency_devices", "id"),
    ("alarms", "id"),
    ("canteens", "id"),
    ("canteen_meals", "id"),
    ("canteen_settlements", "id"),
    ("institutions", "id"),
    ("institution_residents", "id"),
    ("institution_subsidies", "id"),
    // 事找人 (0006); the elderly register is rebuilt by the daily job, not backed up
    ("outreach_runs", "id"),
    ("outreach_tasks", "id"),
    // 老年人能力评估 and 探访 (0007)
    ("elder_assessments", "id"),
    ("elder_profiles", "person_id"),
    ("visit_plans", "id"),
    ("visits", "id"),
    // 居家养老服务 (0008)
    ("providers", "id"),
    ("service_items", "id"),
    ("homecare_enrolments", "id"),
    ("work_orders", "id"),
    ("work_order_photos", "id"),
    ("return_visits", "id"),
    ("homecare_settlements", "id"),
    ("homecare_settlement_lines", "id"),
    // 慈善 (0010)
    ("charity_funds", "id"),
    ("charity_projects", "id"),
    ("charity_campaigns", "id"),
    ("charity_pools", "id"),
    ("charity_donations", "id"),
    ("charity_allocations", "id"),
    ("charity_draws", "id"),
    ("charity_ledger", "seq"),
    ("charity_checkpoints", "day"),
    ("charity_verifications", "id"),
    // 慈善超市 (0011)
    ("supermarket_items", "id"),
    ("supermarket_lots", "id"),
    ("supermarket_moves", "id"),
    ("supermarket_programmes", "id"),
    ("supermarket_issues", "id"),
    ("supermarket_vouchers", "id"),
    ("supermarket_redemptions", "id"),
    ("supermarket_draws", "id"),
    // 大民政工作计划 (0012)
    ("plan_plans", "id"),
    ("plan_units", "id"),
    ("plan_lines", "id"),
    ("plan_line_units", "line_id, unit_id"),
    ("plan_targets", "id"),
    ("plan_unit_members", "unit_id, username"),
    ("plan_reports", "id"),
    ("plan_report_files", "id"),
    ("plan_indicators", "id"),
    // 幂等键 (0014): a retry after a restore still finds its first result
    ("idempotency_keys", "actor, idem_key"),
    // 后台任务 (0015): the job history and the daily schedule's last day (a restored database
    // does not enqueue a day's job twice)
    ("jobs", "id"),
    ("job_schedules", "kind"),
];

fn value_of(row: &AnyRow, i: usize) -> serde_json::Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(serde_json::Value::Null, Into::into);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.map_or(serde_json::Value::Null, Into::into);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(serde_json::Value::Null, Into::into);
    }
    serde_json::Value::Null
}

impl Store {
    /// Writes every table to `out`; returns the number of rows written. `progress` is called after
    /// each batch with the rows so far.
    pub async fn backup(&self, out: &mut impl Write, mut progress: impl FnMut(u64)) -> Result<u64> {
        let mut n = 0;
        let io = |e: std::io::Error| StoreError::Corrupt(format!("write failed: {e}"));
        writeln!(out, "{}", serde_json::json!({"minzheng_backup": 1, "at": crate::now()})).map_err(io)?;
        for (table, key) in TABLES {
            let mut offset = 0i64;
            loop {
                let mut sql = Sql::new(&format!("SELECT * FROM {table} ORDER BY {key}"));
                if *table == "person_keys" {
                    sql.push(", key");
                }
                sql.push(" LIMIT 5000 OFFSET ").bind(offset);
                let rows = sql.query().fetch_all(&self.pool).await?;
                for row in &rows {
                    let mut obj = serde_json::Map::new();
                    for (i, c) in row.columns().iter().enumerate() {
                        obj.insert(c.name().to_owned(), value_of(row, i));
                    }
                    writeln!(out, "{}", serde_json::json!({"t": table, "r": obj})).map_err(io)?;
                    n += 1;
                }
                offset += rows.len() as i64;
                progress(n);
                if rows.len() < 5000 {
                    break;
                }
            }
        }
        out.flush().map_err(io)?;
        Ok(n)
    }

    /// Restores a backup into a freshly migrated, empty database (all or nothing).
    pub async fn restore(&self, input: impl BufRead, mut progress: impl FnMut(u64)) -> Result<u64> {
        let persons: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons").fetch_one(&self.pool).await?;
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(&self.pool).await?;
        if persons > 0 || accounts > 0 {
            return Err(StoreError::invalid("db", "恢复只能在空数据库上进行", "restore needs an empty database"));
        }
        let mut tx = self.begin().await?;
        for (table, _) in TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *tx.tx).await?;
        }
        let mut n = 0;
        for (i, line) in input.lines().enumerate() {
            let line = line.map_err(|e| StoreError::Corrupt(format!("read failed: {e}")))?;
            let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| StoreError::Corrupt(format!("line {}: {e}", i + 1)))?;
            if i == 0 {
                if v.get("minzheng_backup").is_none() {
                    return Err(StoreError::Corrupt("not a minzheng backup (first line)".into()));
                }
                continue;
            }
            let table = v.get("t").and_then(|t| t.as_str()).ok_or_else(|| StoreError::Corrupt(format!("line {}: no table", i + 1)))?;
            let Some((table, _)) = TABLES.iter().find(|(t, _)| *t == table) else {
                return Err(StoreError::Corrupt(format!("line {}: unknown table {table}", i + 1)));
            };
            let row = v.get("r").and_then(|r| r.as_object()).ok_or_else(|| StoreError::Corrupt(format!("line {}: no row", i + 1)))?;
            let mut sql = Sql::new(&format!("INSERT INTO {table} ("));
            for (j, col) in row.keys().enumerate() {
                // column names are lower-case words, digits allowed after the first letter (sha256)
                if !col.starts_with(|c: char| c.is_ascii_lowercase()) || !col.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                    return Err(StoreError::Corrupt(format!("line {}: bad column {col}", i + 1)));
                }
                sql.push(if j > 0 { ", " } else { "" }).push(col);
            }
            sql.push(") VALUES (");
            for (j, val) in row.values().enumerate() {
                sql.push(if j > 0 { ", " } else { "" });
                match val {
                    serde_json::Value::Null => sql.push("NULL"),
                    serde_json::Value::Number(x) if x.is_i64() => sql.bind(x.as_i64().unwrap_or_default()),
                    serde_json::Value::Number(x) => sql.bind(x.as_f64().unwrap_or_default()),
                    serde_json::Value::String(s) => sql.bind(s.clone()),
                    other => sql.bind(other.to_string()),
                };
            }
            sql.push(")");
            sql.query().execute(&mut *tx.tx).await?;
            n += 1;
            if n % 5000 == 0 {
                progress(n);
            }
        }
        tx.commit().await?;
        progress(n);
        Ok(n)
    }
}
