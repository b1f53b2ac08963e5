//! 平安钟 devices, the installation priority list, and alarms with their handling steps.
use chrono::NaiveDate;
use minzheng_core::registry::region::RegionCode;
use minzheng_core::elderly::services::emergency::{AlarmKind, AlarmOutcome, AlarmStatus, DeviceKind, DeviceStatus};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::{ElderFactsRow, facts_columns, in_case_cond};
use crate::assistance::{json, to_json};
use crate::registry::persons::born_on_or_before;
use crate::page::{Page, Paging, capped_count_sql, capped_total, finish_capped_count};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};
use crate::version::{check_version, stale};
use crate::row::record;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct DeviceRecord(r) {
        pub id: i64,
        pub serial: String,
        pub person_id: i64,
        pub person_name: String,
        pub id_number: Option<String>,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub provider_id: Option<i64>,
        pub kind: DeviceKind,
        pub phone: String,
        pub installed_on: NaiveDate,
        pub removed_on: Option<NaiveDate>,
        pub status: DeviceStatus,
        pub annual_fee: i64,
        /// the emergency.annual_fee parameter used (ParamUse as JSON)
        pub fee_param: serde_json::Value = json(&r.try_get::<String, _>("fee_param")?, "emergency_devices.fee_param")?,
        pub note: String,
        pub version: i64,
        pub created_at: String,
    }
}

const DEVICE_COLUMNS: &str = "d.id, d.serial, d.person_id, p.name AS person_name, p.id_number, d.region_code, d.provider_id, d.kind, d.phone, \
    d.installed_on, d.removed_on, d.status, d.annual_fee, d.fee_param, d.note, d.version, d.created_at";
const DEVICE_FROM: &str = " FROM emergency_devices d JOIN persons p ON p.id = d.person_id";

pub struct NewDevice {
    pub serial: String,
    pub person_id: i64,
    pub region_code: String,
    pub provider_id: Option<i64>,
    pub kind: String,
    pub phone: String,
    pub installed_on: NaiveDate,
    pub annual_fee: i64,
    pub fee_param: String,
    pub note: String,
}

#[derive(Default, Clone, Debug)]
pub struct DeviceFilter {
    /// a 平安钟 operator's account: only the devices it runs
    pub provider_id: Option<i64>,
    pub status: Option<String>,
    pub person_id: Option<i64>,
    pub q: Option<String>,
}

/// One elder of the installation priority list, with the active device he holds, if any.
#[derive(Clone, Debug, Serialize)]
pub struct PriorityRow {
    pub facts: ElderFactsRow,
    pub device_id: Option<i64>,
    pub device_serial: Option<String>,
}

#[derive(Default, Clone, Debug)]
pub struct PriorityFilter {
    pub tier: Option<u8>,
    /// only those without an active device
    pub missing: bool,
    pub q: Option<String>,
}

/// Per tier: elders on the list and those still without a device.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct PriorityCount {
    pub tier: u8,
    pub total: i64,
    pub missing: i64,
}

/// What a handler whose alarm moved on since its form was loaded is told.
const ALARM_STALE: (&str, &str) = ("该呼叫已被他人处置，请刷新后查看", "the alarm was handled by someone else; reload it");

const HAS_DEVICE: &str = "EXISTS (SELECT 1 FROM emergency_devices d WHERE d.person_id = p.id AND d.status = 'active')";

/// The tier-1 condition of core `emergency::priority` in SQL: 特困, dibao with grade 1–2, 90+.
fn tier1_cond(sql: &mut Sql, today: NaiveDate) {
    sql.push("(p.birth_date <= ").bind(born_on_or_before(today, 90).to_string());
    sql.push(&format!(" OR {} OR (p.disability_grade IN (1, 2) AND {}))", in_case_cond("tekun"), in_case_cond("dibao")));
}

fn priority_where(sql: &mut Sql, scope: &Scope, f: &PriorityFilter, today: NaiveDate) {
    sql.push(" WHERE p.alive = 1 AND p.birth_date <= ").bind(born_on_or_before(today, 60).to_string());
    scope.and_filter(sql, "p.region_code");
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        sql.push(" AND p.name LIKE ").bind(format!("%{}%", q.replace(['%', '_'], "")));
    }
    match f.tier {
        Some(1) => {
            sql.push(" AND ");
            tier1_cond(sql, today);
        }
        Some(_) => {
            sql.push(" AND p.birth_date <= ").bind(born_on_or_before(today, 80).to_string()).push(" AND NOT ");
            tier1_cond(sql, today);
        }
        None => {
            sql.push(" AND (p.birth_date <= ").bind(born_on_or_before(today, 80).to_string()).push(" OR ");
            tier1_cond(sql, today);
            sql.push(")");
        }
    }
    if f.missing {
        sql.push(&format!(" AND NOT {HAS_DEVICE}"));
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StepEntry {
    pub step: String,
    pub at: String,
    pub by: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub outcome: Option<String>,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct AlarmRecord(r) {
        pub id: i64,
        pub device_id: i64,
        pub device_serial: String as "serial",
        pub device_phone: String as "phone",
        /// the device's operator
        pub provider_id: Option<i64>,
        pub person_id: i64,
        pub person_name: String,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub kind: AlarmKind,
        pub raised_at: String,
        pub acknowledged_at: Option<String>,
        pub dispatched_at: Option<String>,
        pub arrived_at: Option<String>,
        pub closed_at: Option<String>,
        pub outcome: Option<AlarmOutcome>,
        pub handler: Option<String>,
        pub steps: Vec<StepEntry> = json(&r.try_get::<String, _>("steps")?, "alarms.steps")?,
        pub status: AlarmStatus,
        pub version: i64,
    }
}

const ALARM_COLUMNS: &str = "a.id, a.device_id, d.serial, d.phone, d.provider_id, a.person_id, p.name AS person_name, a.region_code, a.kind, a.raised_at, a.acknowledged_at, \
    a.dispatched_at, a.arrived_at, a.closed_at, a.outcome, a.handler, a.steps, a.status, a.version";
const ALARM_FROM: &str = " FROM alarms a JOIN emergency_devices d ON d.id = a.device_id JOIN persons p ON p.id = a.person_id";

#[derive(Default, Clone, Debug)]
pub struct AlarmFilter {
    /// a 平安钟 operator's account: only the alarms of the devices it runs
    pub provider_id: Option<i64>,
    pub status: Option<String>,
    /// not closed
    pub open: bool,
    pub kind: Option<String>,
    /// raised at or after (RFC 3339 text)
    pub since: Option<String>,
}

/// One handling step to store: the new status, the time column it fills (first time only), the
/// entry appended to the steps, and the outcome when closing.
pub struct StepWrite<'a> {
    pub status: &'a str,
    pub column: Option<&'a str>,
    pub entry: StepEntry,
    pub outcome: Option<&'a str>,
}

impl Store {
    /// Installs a device; a serial already registered, or a person already holding an active
    /// device, is a conflict.
    pub async fn insert_device(&self, tx: &mut Tx, d: &NewDevice) -> Result<i64> {
        let held: Option<i64> = sqlx::query_scalar("SELECT id FROM emergency_devices WHERE person_id = $1 AND status = 'active'")
            .bind(d.person_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if let Some(other) = held {
            return Err(StoreError::conflict("person_id", format!("该老人已有在用的平安钟（设备#{other}），请先拆除"), format!("the person already holds active device #{other}")));
        }
        let id = tx.next_id().await?;
        let now = crate::now();
        let inserted = sqlx::query(
            "INSERT INTO emergency_devices (id, serial, person_id, region_code, provider_id, kind, phone, installed_on, removed_on, status, annual_fee, fee_param, note, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, 'active', $9, $10, $11, 1, $12, $13)",
        )
        .bind(id)
        .bind(d.serial.clone())
        .bind(d.person_id)
        .bind(d.region_code.clone())
        .bind(d.provider_id)
        .bind(d.kind.clone())
        .bind(d.phone.clone())
        .bind(d.installed_on.to_string())
        .bind(d.annual_fee)
        .bind(d.fee_param.clone())
        .bind(d.note.clone())
        .bind(now.clone())
        .bind(now)
        .execute(&mut *tx.tx)
        .await;
        if let Err(e) = inserted {
            let e = StoreError::from(e);
            return Err(if e.is_unique_violation() { StoreError::conflict("serial", format!("设备编号 {} 已登记", d.serial), format!("serial {} is already registered", d.serial)) } else { e });
        }
        Ok(id)
    }

    pub async fn device(&self, scope: &Scope, id: i64) -> Result<DeviceRecord> {
        let mut sql = Sql::new(&format!("SELECT {DEVICE_COLUMNS}{DEVICE_FROM} WHERE d.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "d.region_code");
        DeviceRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_devices(&self, scope: &Scope, f: &DeviceFilter, paging: Paging) -> Result<Page<DeviceRecord>> {
        let push = |sql: &mut Sql| {
            scope.and_filter(sql, "d.region_code");
            if let Some(s) = &f.status {
                sql.push(" AND d.status = ").bind(s.clone());
            }
            if let Some(p) = f.person_id {
                sql.push(" AND d.person_id = ").bind(p);
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND d.provider_id = ").bind(p);
            }
            if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                let like = format!("%{}%", q.replace(['%', '_'], ""));
                sql.push(" AND (p.name LIKE ").bind(like.clone()).push(" OR d.serial LIKE ").bind(like).push(")");
            }
        };
        self.page_of(&format!("{DEVICE_FROM} WHERE 1 = 1"), &format!("SELECT {DEVICE_COLUMNS}{DEVICE_FROM} WHERE 1 = 1"), push, "d.id DESC", paging, DeviceRecord::from_row).await
    }

    /// Changes a device's phone, kind, operator or note (version-checked).
    #[allow(clippy::too_many_arguments)]
    pub async fn update_device(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, kind: &str, phone: &str, provider_id: Option<i64>, note: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE emergency_devices SET kind = ");
        sql.bind(kind.to_owned()).push(", phone = ").bind(phone.to_owned()).push(", provider_id = ").bind(provider_id).push(", note = ").bind(note.to_owned());
        sql.push(", version = version + 1, updated_at = ").bind(crate::now()).push(" WHERE id = ").bind(id).push(" AND version = ").bind(version);
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该设备已被他人修改，请刷新", "the device was changed by someone else; reload it")?;
        Ok(())
    }

    /// 拆除 removes an active device (version-checked): the holder is back on the "missing" list.
    pub async fn remove_device(&self, tx: &mut Tx, scope: &Scope, id: i64, version: i64, removed_on: NaiveDate, note: &str) -> Result<()> {
        let mut sql = Sql::new("UPDATE emergency_devices SET status = 'removed', removed_on = ");
        sql.bind(removed_on.to_string()).push(", note = ").bind(note.to_owned()).push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id).push(" AND version = ").bind(version).push(" AND status = 'active'");
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), "该设备已拆除或已被他人修改，请刷新", "the device was removed or changed; reload it")?;
        Ok(())
    }

    /// 安装优先名单: elderly of tier 1 (特困, dibao with severe disability, 90+) then tier 2 (80+),
    /// oldest first, with the device each holds.
    pub async fn priority_list(&self, scope: &Scope, f: &PriorityFilter, today: NaiveDate, paging: Paging) -> Result<Page<PriorityRow>> {
        let mut count = capped_count_sql("FROM persons p");
        priority_where(&mut count, scope, f, today);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!(
            "SELECT {}, (SELECT MIN(d.id) FROM emergency_devices d WHERE d.person_id = p.id AND d.status = 'active') AS device_id, \
             (SELECT MIN(d.serial) FROM emergency_devices d WHERE d.person_id = p.id AND d.status = 'active') AS device_serial FROM persons p",
            facts_columns()
        ));
        priority_where(&mut sql, scope, f, today);
        sql.push(" ORDER BY CASE WHEN ");
        tier1_cond(&mut sql, today);
        sql.push(" THEN 1 ELSE 2 END, p.birth_date, p.id LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let rows = sql.query().fetch_all(&self.pool).await?;
        let items = rows
            .iter()
            .map(|r| Ok(PriorityRow { facts: ElderFactsRow::from_row(r)?, device_id: r.try_get("device_id")?, device_serial: r.try_get("device_serial")? }))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    /// Per tier, the elders on the list and those still missing a device.
    pub async fn priority_counts(&self, scope: &Scope, today: NaiveDate) -> Result<Vec<PriorityCount>> {
        let mut out = Vec::new();
        for tier in [1u8, 2] {
            let f = PriorityFilter { tier: Some(tier), ..Default::default() };
            let mut sql = Sql::new(&format!("SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN {HAS_DEVICE} THEN 0 ELSE 1 END), 0) AS BIGINT) FROM persons p"));
            priority_where(&mut sql, scope, &f, today);
            let row = sql.query().fetch_one(&self.pool).await?;
            out.push(PriorityCount { tier, total: row.try_get(0)?, missing: row.try_get(1)? });
        }
        Ok(out)
    }

    /// An alarm raised by an active device.
    pub async fn insert_alarm(&self, tx: &mut Tx, device: &DeviceRecord, kind: &str, raised_at: &str, by: &str, note: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let steps = vec![StepEntry { step: "raise".into(), at: raised_at.to_owned(), by: by.to_owned(), note: note.to_owned(), outcome: None }];
        sqlx::query(
            "INSERT INTO alarms (id, device_id, person_id, region_code, kind, raised_at, acknowledged_at, dispatched_at, arrived_at, closed_at, outcome, handler, steps, status, version) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, NULL, NULL, NULL, $7, 'raised', 1)",
        )
        .bind(id)
        .bind(device.id)
        .bind(device.person_id)
        .bind(device.region_code.as_str().to_owned())
        .bind(kind.to_owned())
        .bind(raised_at.to_owned())
        .bind(to_json(&steps))
        .execute(&mut *tx.tx)
        .await?;
        Ok(id)
    }

    pub async fn alarm(&self, scope: &Scope, id: i64) -> Result<AlarmRecord> {
        let mut sql = Sql::new(&format!("SELECT {ALARM_COLUMNS}{ALARM_FROM} WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        AlarmRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    fn alarm_where(sql: &mut Sql, scope: &Scope, f: &AlarmFilter) {
        scope.and_filter(sql, "a.region_code");
        if let Some(s) = &f.status {
            sql.push(" AND a.status = ").bind(s.clone());
        }
        if f.open {
            sql.push(" AND a.status <> 'closed'");
        }
        if let Some(k) = &f.kind {
            sql.push(" AND a.kind = ").bind(k.clone());
        }
        if let Some(p) = f.provider_id {
            sql.push(" AND d.provider_id = ").bind(p);
        }
        if let Some(s) = &f.since {
            sql.push(" AND a.raised_at >= ").bind(s.clone());
        }
    }

    pub async fn list_alarms(&self, scope: &Scope, f: &AlarmFilter, paging: Paging) -> Result<Page<AlarmRecord>> {
        let mut count = capped_count_sql(&format!("{ALARM_FROM} WHERE 1 = 1"));
        Self::alarm_where(&mut count, scope, f);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = Sql::new(&format!("SELECT {ALARM_COLUMNS}{ALARM_FROM} WHERE 1 = 1"));
        Self::alarm_where(&mut sql, scope, f);
        sql.push(" ORDER BY a.raised_at DESC, a.id DESC LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql.query().fetch_all(&self.pool).await?.iter().map(AlarmRecord::from_row).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }

    /// The duty view's alarms: every open one, and those raised since `since`; open first, then newest.
    pub async fn duty_alarms(&self, scope: &Scope, provider_id: Option<i64>, since: &str, limit: i64) -> Result<Vec<AlarmRecord>> {
        let mut sql = Sql::new(&format!("SELECT {ALARM_COLUMNS}{ALARM_FROM} WHERE (a.status <> 'closed' OR a.raised_at >= "));
        sql.bind(since.to_owned()).push(")");
        scope.and_filter(&mut sql, "a.region_code");
        if let Some(p) = provider_id {
            sql.push(" AND d.provider_id = ").bind(p);
        }
        sql.push(" ORDER BY CASE WHEN a.status = 'closed' THEN 1 ELSE 0 END, a.raised_at DESC, a.id DESC LIMIT ").bind(limit);
        sql.query().fetch_all(&self.pool).await?.iter().map(AlarmRecord::from_row).collect()
    }

    /// The alarm a handling step starts from, as of the `version` the handler's form was loaded
    /// at: a stale form is the same 409 as the race [`Store::alarm_step`] loses, answered before
    /// the step is judged against a status that has since moved on.
    pub async fn alarm_at(&self, scope: &Scope, id: i64, version: i64) -> Result<AlarmRecord> {
        let a = self.alarm(scope, id).await?;
        if a.version != version {
            return Err(stale(ALARM_STALE.0, ALARM_STALE.1));
        }
        Ok(a)
    }

    /// Stores one handling step, guarded by the version `before` was read at (see
    /// [`Store::alarm_at`]): the new status, the step's time (first time only), the handler, the
    /// outcome when closing, and the step appended to the record.
    pub async fn alarm_step(&self, tx: &mut Tx, scope: &Scope, before: &AlarmRecord, w: StepWrite<'_>) -> Result<()> {
        let mut steps = before.steps.clone();
        let at = w.entry.at.clone();
        let by = w.entry.by.clone();
        steps.push(w.entry);
        let mut sql = Sql::new("UPDATE alarms SET status = ");
        sql.bind(w.status.to_owned()).push(", steps = ").bind(to_json(&steps)).push(", handler = ").bind(by).push(", version = version + 1");
        if let Some(c) = w.column {
            // the first dispatch (staff or family) is the dispatch time; a second step keeps it
            sql.push(&format!(", {c} = COALESCE({c}, ")).bind(at).push(")");
        }
        if let Some(o) = w.outcome {
            sql.push(", outcome = ").bind(o.to_owned());
        }
        sql.push(" WHERE id = ").bind(before.id).push(" AND version = ").bind(before.version);
        scope.and_filter(&mut sql, "region_code");
        check_version(sql.query().execute(&mut *tx.tx).await?.rows_affected(), ALARM_STALE.0, ALARM_STALE.1)?;
        Ok(())
    }
}
