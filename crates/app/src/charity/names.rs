//! 名称与词表 how the charity's records are labelled: the vocabularies of its forms, and the names
//! of funds, projects, campaigns and regions a designation or a trace shows.
use std::collections::HashMap;

use minzheng_core::charity::designation::{Category, Designation};
use minzheng_core::charity::kinds::{Channel, DesignationKind, DonorKind, Form, RecipientKind};
use minzheng_store::Store;
use serde::Serialize;

use crate::error::AppResult;

/// A vocabulary's codes with their labels, as the console's forms list them.
macro_rules! code_views {
    ($t:ty) => {
        <$t>::ALL.iter().map(|c| CodeView { code: c.as_str(), zh: c.zh(), en: c.en() }).collect()
    };
}

pub fn designation_kinds() -> Vec<CodeView> {
    code_views!(DesignationKind)
}
pub fn donor_kinds() -> Vec<CodeView> {
    code_views!(DonorKind)
}
pub fn forms() -> Vec<CodeView> {
    code_views!(Form)
}
pub fn channels() -> Vec<CodeView> {
    code_views!(Channel)
}
pub fn recipient_kinds() -> Vec<CodeView> {
    code_views!(RecipientKind)
}
pub fn categories() -> Vec<CodeView> {
    code_views!(Category)
}

/// The labels of a code read from a grouped sum (the annual report's keys); ("", "") if unknown.
pub fn label(list: &[CodeView], code: &str) -> (&'static str, &'static str) {
    list.iter().find(|c| c.code == code).map_or(("", ""), |c| (c.zh, c.en))
}

/// A designation as shown: kind and value with labels naming the fund, project, region or category.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct DesignationView {
    pub kind: DesignationKind,
    pub value: String,
    pub label_zh: String,
    pub label_en: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = charity::CodeView))]
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
    pub async fn load(store: &Store, regions: Vec<String>) -> AppResult<Names> {
        let n = store.charity_names().await?;
        let mut codes = regions;
        codes.extend(n.projects.iter().map(|p| p.2.clone()));
        codes.retain(|c| c.len() == 12 && c.bytes().all(|b| b.is_ascii_digit()));
        codes.sort();
        codes.dedup();
        Ok(Names {
            funds_by_code: n.funds.iter().map(|f| (f.1.clone(), f.2.clone())).collect(),
            funds_by_id: n.funds.iter().map(|f| (f.0, f.2.clone())).collect(),
            projects: n.projects.iter().map(|p| (p.0, p.1.clone())).collect(),
            regions: store.region_names(&codes).await?,
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

    pub fn designation(&self, kind: DesignationKind, value: &str) -> DesignationView {
        let (zh, en) = match kind {
            DesignationKind::Undesignated => ("非定向（由慈善会统筹使用）".to_owned(), "Undesignated (the charity decides)".to_owned()),
            DesignationKind::Fund => {
                let n = self.funds_by_code.get(value).cloned().unwrap_or_else(|| value.to_owned());
                (format!("定向基金：{n}"), format!("Fund: {n}"))
            }
            DesignationKind::Project => {
                let n = value.parse::<i64>().ok().and_then(|id| self.projects.get(&id).cloned()).unwrap_or_else(|| format!("#{value}"));
                (format!("定向项目：{n}"), format!("Project: {n}"))
            }
            DesignationKind::Region => {
                let n = self.region(value);
                (format!("定向地区：{n}"), format!("Region: {n}"))
            }
            DesignationKind::Category => match Category::parse(value) {
                Some(c) => (format!("定向对象：{}", c.zh()), format!("Beneficiaries: {}", c.en())),
                None => (value.to_owned(), value.to_owned()),
            },
        };
        DesignationView { kind, value: value.to_owned(), label_zh: zh, label_en: en }
    }
}
