//! 慈善公益信息平台 charity transparency: donations and receipts, funds, projects and campaigns,
//! allocations that respect designations, the public portal with the donor's trace, the
//! tamper-evident ledger, the charity supermarket and the annual report.
//!
//! Each section has its routes and its OpenAPI fragment; `routes` and `openapi` merge them.
pub mod allocations;
pub mod donations;
pub mod ledger;
pub mod portal;
pub mod recipients;
pub mod records;
pub mod report;
pub mod supermarket;

use minzheng_core::assistance::money::AmountBound;
use std::collections::HashMap;

use axum::Router;
use chrono::NaiveDate;
use minzheng_core::charity::designation::{Category, Designation};
use serde::Serialize;

use crate::AppState;
use crate::error::{ApiError, ApiResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(records::routes())
        .merge(donations::routes())
        .merge(allocations::routes())
        .merge(ledger::routes())
        .merge(report::routes())
        .merge(portal::routes())
        .merge(recipients::routes())
        .merge(supermarket::routes())
}

/// The sections' OpenAPI fragments, merged into the API document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![records::openapi(), donations::openapi(), allocations::openapi(), ledger::openapi(), report::openapi(), portal::openapi(), recipients::openapi(), supermarket::openapi()]
}

/// A designation as shown: kind and value with labels naming the fund, project, region or category.
#[derive(utoipa::ToSchema)]
#[derive(Clone, Debug, Serialize)]
pub struct DesignationView {
    pub kind: String,
    pub value: String,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(utoipa::ToSchema)]
#[schema(as = charity::CodeView)]
#[derive(Clone, Debug, Serialize)]
pub struct CodeView {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Names for labels: funds by code and id, projects by id, regions by code.
#[derive(Default)]
pub struct Names {
    pub funds_by_code: HashMap<String, String>,
    pub funds_by_id: HashMap<i64, String>,
    pub projects: HashMap<i64, String>,
    pub regions: HashMap<String, String>,
    pub campaigns: HashMap<i64, String>,
}

impl Names {
    /// Funds, projects and campaigns (few), and the names of `regions` (other values are ignored).
    pub async fn load(state: &AppState, regions: Vec<String>) -> ApiResult<Names> {
        let n = state.store.charity_names().await?;
        let mut codes = regions;
        codes.extend(n.projects.iter().map(|p| p.2.clone()));
        codes.retain(|c| c.len() == 12 && c.bytes().all(|b| b.is_ascii_digit()));
        codes.sort();
        codes.dedup();
        Ok(Names {
            funds_by_code: n.funds.iter().map(|f| (f.1.clone(), f.2.clone())).collect(),
            funds_by_id: n.funds.iter().map(|f| (f.0, f.2.clone())).collect(),
            projects: n.projects.iter().map(|p| (p.0, p.1.clone())).collect(),
            regions: state.store.region_names(&codes).await?,
            campaigns: n.campaigns.into_iter().collect(),
        })
    }

    pub fn region(&self, code: &str) -> String {
        self.regions.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }

    /// The display name of what a designation names (a fund, project or region), for refusals.
    pub fn of(&self, d: &Designation) -> Option<String> {
        match d {
            Designation::Fund { fund } => self.funds_by_code.get(fund).cloned(),
            Designation::Project { project } => self.projects.get(project).cloned(),
            Designation::Region { region } => self.regions.get(region.as_str()).cloned(),
            _ => None,
        }
    }

    pub fn designation(&self, kind: &str, value: &str) -> DesignationView {
        let (zh, en) = match kind {
            "undesignated" => ("非定向（由慈善会统筹使用）".to_owned(), "Undesignated (the charity decides)".to_owned()),
            "fund" => {
                let n = self.funds_by_code.get(value).cloned().unwrap_or_else(|| value.to_owned());
                (format!("定向基金：{n}"), format!("Fund: {n}"))
            }
            "project" => {
                let n = value.parse::<i64>().ok().and_then(|id| self.projects.get(&id).cloned()).unwrap_or_else(|| format!("#{value}"));
                (format!("定向项目：{n}"), format!("Project: {n}"))
            }
            "region" => {
                let n = self.region(value);
                (format!("定向地区：{n}"), format!("Region: {n}"))
            }
            "category" => match Category::parse(value) {
                Some(c) => (format!("定向对象：{}", c.zh()), format!("Beneficiaries: {}", c.en())),
                None => (value.to_owned(), value.to_owned()),
            },
            _ => (value.to_owned(), value.to_owned()),
        };
        DesignationView { kind: kind.to_owned(), value: value.to_owned(), label_zh: zh, label_en: en }
    }
}

pub fn categories_view(codes: &[String]) -> Vec<CodeView> {
    codes.iter().filter_map(|c| Category::parse(c)).map(|c| CodeView { code: c.as_str(), zh: c.zh(), en: c.en() }).collect()
}

/// A day given as YYYY-MM-DD, not after today; `None` when absent.
pub fn day_param(field: &str, v: Option<&str>, today: NaiveDate) -> ApiResult<Option<NaiveDate>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ApiError::invalid(field, "日期格式须为 YYYY-MM-DD", format!("{field} must be YYYY-MM-DD")))?;
            if d > today {
                return Err(ApiError::invalid(field, "日期不能晚于今天", format!("{field} cannot be in the future")));
            }
            Ok(Some(d))
        }
    }
}

/// A required text of at most `max` characters, trimmed.
pub fn required_text(field: &str, label: &str, v: Option<&str>, max: usize) -> ApiResult<String> {
    let s = v.map(str::trim).unwrap_or("");
    if s.is_empty() {
        return Err(ApiError::invalid(field, format!("请填写{label}"), format!("{field} is required")));
    }
    if s.chars().count() > max {
        return Err(ApiError::invalid(field, format!("{label}不能超过{max}个字"), format!("{field} is longer than {max} characters")));
    }
    Ok(s.to_owned())
}

/// An amount in fen: positive and at most 1亿元 (bad input rather than a donation).
pub fn amount_param(field: &str, v: Option<i64>) -> ApiResult<i64> {
    Ok(AmountBound::positive(AmountBound::ABSURD).check(field, "金额", v)?.0)
}
