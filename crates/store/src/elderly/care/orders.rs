//! 工单 work orders, read through an [`OrderAccess`].
use chrono::NaiveDate;
use minzheng_core::elderly::care::OrderStatus;
use minzheng_core::registry::region::RegionCode;
use serde::Serialize;

use crate::page::{Page, Paging};
use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx};

use super::*;
use crate::row::record;

/// Who reads orders: the account's region and, for a provider's account, its provider.
#[derive(Clone)]
pub struct OrderAccess {
    pub scope: Scope,
    pub provider_id: Option<i64>,
}

impl OrderAccess {
    pub(super) fn filter(&self, sql: &mut Sql) {
        self.scope.and_filter(sql, "o.region_code");
        if let Some(p) = self.provider_id {
            sql.push(" AND o.provider_id = ").bind(p);
        }
    }
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct OrderRecord(r) {
        pub id: i64,
        pub enrolment_id: i64,
        pub person_id: i64,
        pub name: String as "person_name",
        pub address: Option<String>,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub region_code: RegionCode,
        pub provider_id: i64,
        pub provider_name: String,
        pub item_id: i64,
        pub item_name: String,
        pub unit: String,
        pub units: i64,
        pub unit_price: i64,
        pub amount: i64,
        pub scheduled_on: NaiveDate,
        pub note: String,
        pub status: OrderStatus,
        pub worker: Option<String>,
        pub started_at: Option<String>,
        pub start_lat: Option<f64>,
        pub start_lng: Option<f64>,
        pub start_place: Option<String>,
        pub ended_at: Option<String>,
        pub end_lat: Option<f64>,
        pub end_lng: Option<f64>,
        pub end_place: Option<String>,
        pub service_note: Option<String>,
        pub confirmed_by: Option<String>,
        pub confirmer_relation: Option<String>,
        pub confirmed_at: Option<String>,
        pub confirm_recorded_by: Option<String>,
        pub cancel_reason: Option<String>,
        pub photo_count: i64,
        pub visit_count: i64,
        pub dispatched_by: String,
        pub created_at: String,
        pub updated_at: String,
        pub version: i64,
    }
}

pub(super) const ORDER_SELECT: &str = "SELECT o.*, p.name AS person_name, h.address AS address, v.name AS provider_name, \
    (SELECT COUNT(*) FROM work_order_photos f WHERE f.order_id = o.id) AS photo_count, \
    (SELECT COUNT(*) FROM return_visits rv WHERE rv.order_id = o.id) AS visit_count \
    FROM work_orders o JOIN persons p ON p.id = o.person_id LEFT JOIN households h ON h.id = p.household_id \
    JOIN providers v ON v.id = o.provider_id WHERE 1 = 1";


pub struct OrderInput {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub region_code: String,
    pub provider_id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub units: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub scheduled_on: String,
    pub note: String,
}

#[derive(Default, Clone)]
pub struct OrderFilter {
    /// YYYY-MM: orders scheduled in the month
    pub month: Option<String>,
    /// YYYY-MM-DD: orders scheduled on the day
    pub date: Option<String>,
    pub status: Option<String>,
    pub provider_id: Option<i64>,
    pub person_id: Option<i64>,
}

/// A step of an order: the columns it sets, from which status to which.
pub enum OrderStep {
    Start { worker: String, at: String, lat: Option<f64>, lng: Option<f64>, place: String },
    End { at: String, lat: Option<f64>, lng: Option<f64>, place: String, note: String },
    Confirm { by: String, relation: String, at: String, recorder: String },
    Cancel { reason: String },
}

impl Store {
    pub async fn create_order(&self, tx: &mut Tx, o: &OrderInput, actor: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        let mut sql = Sql::new("INSERT INTO work_orders (id, enrolment_id, person_id, region_code, provider_id, item_id, item_name, unit, units, unit_price, amount, scheduled_on, note, status, dispatched_by, created_at, updated_at, version) VALUES (");
        sql.bind(id).push(", ").bind(o.enrolment_id).push(", ").bind(o.person_id).push(", ").bind(o.region_code.clone()).push(", ");
        sql.bind(o.provider_id).push(", ").bind(o.item_id).push(", ").bind(o.item_name.clone()).push(", ").bind(o.unit.clone()).push(", ");
        sql.bind(o.units).push(", ").bind(o.unit_price).push(", ").bind(o.amount).push(", ").bind(o.scheduled_on.clone()).push(", ");
        sql.bind(o.note.clone()).push(", 'dispatched', ").bind(actor.to_owned()).push(", ").bind(now.clone()).push(", ").bind(now).push(", 1)");
        sql.query().execute(&mut *tx.tx).await?;
        Ok(id)
    }

    pub async fn order(&self, access: &OrderAccess, id: i64) -> Result<OrderRecord> {
        let mut sql = Sql::new(ORDER_SELECT);
        sql.push(" AND o.id = ").bind(id);
        access.filter(&mut sql);
        OrderRecord::from_row(&sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn list_orders(&self, access: &OrderAccess, f: &OrderFilter, paging: Paging) -> Result<Page<OrderRecord>> {
        let push = |sql: &mut Sql| {
            access.filter(sql);
            if let Some(m) = &f.month {
                sql.push(" AND o.scheduled_on >= ").bind(format!("{m}-01")).push(" AND o.scheduled_on <= ").bind(format!("{m}-31"));
            }
            if let Some(d) = &f.date {
                sql.push(" AND o.scheduled_on = ").bind(d.clone());
            }
            if let Some(s) = &f.status {
                sql.push(" AND o.status = ").bind(s.clone());
            }
            if let Some(p) = f.provider_id {
                sql.push(" AND o.provider_id = ").bind(p);
            }
            if let Some(p) = f.person_id {
                sql.push(" AND o.person_id = ").bind(p);
            }
        };
        self.page_of("FROM work_orders o WHERE 1 = 1", ORDER_SELECT, push, "o.scheduled_on DESC, o.id DESC", paging, OrderRecord::from_row).await
    }

    /// Moves an order one step, claiming its row by version and expected status; a stale version or
    /// a status that moved on is a conflict.
    pub async fn step_order(&self, tx: &mut Tx, access: &OrderAccess, id: i64, version: i64, step: &OrderStep) -> Result<OrderRecord> {
        let (from, to): (&[&str], &str) = match step {
            OrderStep::Start { .. } => (&["dispatched"], "started"),
            OrderStep::End { .. } => (&["started"], "done"),
            OrderStep::Confirm { .. } => (&["done"], "confirmed"),
            OrderStep::Cancel { .. } => (&["dispatched", "started"], "cancelled"),
        };
        let mut sql = Sql::new("UPDATE work_orders SET status = ");
        sql.bind(to.to_owned());
        match step {
            OrderStep::Start { worker, at, lat, lng, place } => {
                sql.push(", worker = ").bind(worker.clone()).push(", started_at = ").bind(at.clone()).push(", start_lat = ");
                bind_coordinate(&mut sql, *lat);
                sql.push(", start_lng = ");
                bind_coordinate(&mut sql, *lng);
                sql.push(", start_place = ").bind(place.clone());
            }
            OrderStep::End { at, lat, lng, place, note } => {
                sql.push(", ended_at = ").bind(at.clone()).push(", end_lat = ");
                bind_coordinate(&mut sql, *lat);
                sql.push(", end_lng = ");
                bind_coordinate(&mut sql, *lng);
                sql.push(", end_place = ").bind(place.clone()).push(", service_note = ").bind(note.clone());
            }
            OrderStep::Confirm { by, relation, at, recorder } => {
                sql.push(", confirmed_by = ").bind(by.clone()).push(", confirmer_relation = ").bind(relation.clone());
                sql.push(", confirmed_at = ").bind(at.clone()).push(", confirm_recorded_by = ").bind(recorder.clone());
            }
            OrderStep::Cancel { reason } => {
                sql.push(", cancel_reason = ").bind(reason.clone());
            }
        }
        sql.push(", version = version + 1, updated_at = ").bind(crate::now()).push(" WHERE id = ").bind(id);
        sql.push(" AND version = ").bind(version).push(" AND status IN ").bind_list(from.iter().map(|s| (*s).to_owned()));
        sql.push(" AND id IN (SELECT o.id FROM work_orders o WHERE o.id = ").bind(id);
        access.filter(&mut sql);
        sql.push(")");
        let changed = sql.query().execute(&mut *tx.tx).await?.rows_affected();
        let mut read = Sql::new(ORDER_SELECT);
        read.push(" AND o.id = ").bind(id);
        access.filter(&mut read);
        let row = read.query().fetch_optional(&mut *tx.tx).await?.ok_or(StoreError::NotFound)?;
        let order = OrderRecord::from_row(&row)?;
        if changed == 0 {
            return Err(StoreError::conflict(
                "version",
                format!("工单当前状态为“{}”，或已被他人修改，请刷新后重试", order.status.zh()),
                format!("the order is {} or was changed by someone else; reload it", order.status),
            ));
        }
        Ok(order)
    }
}
