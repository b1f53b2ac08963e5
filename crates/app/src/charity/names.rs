//! 名称与词表 how the charity's records are labelled: the vocabularies of its forms, and the names
//! of funds, projects, campaigns and regions a designation or a trace shows.
use std::collections::HashMap;

use minzheng_core::charity::designation::{Category, Designation};
use minzheng_store::Store;
use serde::Serialize;

use crate::error::AppResult;

pub const DESIGNATION_KINDS: &[CodeView] = &[
    CodeView { code: "undesignated", zh: "非定向", en: "Undesignated" },
    CodeView { code: "fund", zh: "定向基金", en: "A fund" },
    CodeView { code: "project", zh: "定向项目", en: "A project" },
    CodeView { code: "region", zh: "定向镇街（地区）", en: "A town (region)" },
    CodeView { code: "category", zh: "定向对象类别", en: "A group of beneficiaries" },
];
pub const DONOR_KINDS: &[CodeView] = &[CodeView { code: "person", zh: "个人", en: "Person" }, CodeView { code: "company", zh: "单位", en: "Company or organisation" }];
pub const FORMS: &[CodeView] = &[CodeView { code: "money", zh: "资金", en: "Money" }, CodeView { code: "goods", zh: "物资", en: "Goods" }];
pub const CHANNELS: &[CodeView] = &[
    CodeView { code: "bank_transfer", zh: "银行转账", en: "Bank transfer" },
    CodeView { code: "wechat", zh: "微信", en: "WeChat Pay" },
    CodeView { code: "alipay", zh: "支付宝", en: "Alipay" },
    CodeView { code: "cash", zh: "现金", en: "Cash" },
    CodeView { code: "goods", zh: "实物", en: "In kind" },
];
pub const RECIPIENT_KINDS: &[CodeView] = &[
    CodeView { code: "project", zh: "项目执行", en: "Project" },
    CodeView { code: "household", zh: "困难家庭", en: "Household" },
    CodeView { code: "organisation", zh: "机构/组织", en: "Organisation" },
];

pub fn label(list: &[CodeView], code: &str) -> (&'static str, &'static str) {
    list.iter().find(|c| c.code == code).map_or(("", ""), |c| (c.zh, c.en))
}

/// A designation as shown: kind and value with labels naming the fund, project, region or category.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct DesignationView {
    pub kind: String,
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
