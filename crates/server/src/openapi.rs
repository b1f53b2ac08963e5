//! The OpenAPI document at /api/openapi.json (rendered by the console under 系统管理 → 接口文档).
use axum::Json;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::registry::views::{HouseholdView, PageOf, PersonView};
use crate::{admin, assistance, auth, registry, verification};

/// 人员信息 a person as sent to create or change one (`version` only when changing).
#[derive(Serialize, ToSchema)]
pub struct PersonInputDoc {
    /// 18-digit citizen ID (check digit, birth date and province are verified; 15-digit numbers are converted)
    pub id_number: Option<String>,
    /// passport | hk_macao_taiwan | foreigner_permit | unregistered (for persons without an ID number)
    pub alt_id_type: Option<String>,
    pub alt_id: Option<String>,
    pub name: String,
    /// male | female; derived from the ID number when there is one
    pub gender: Option<String>,
    /// YYYY-MM-DD; derived from the ID number when there is one
    pub birth_date: Option<String>,
    /// one of the 56 ethnic groups, default 汉族
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    /// 户籍 region, default the residence
    pub hukou_region_code: Option<String>,
    /// residence: a village/community or grid code in your region
    pub region_code: String,
    /// urban | rural
    pub hukou_type: Option<String>,
    pub alive: Option<bool>,
    pub death_date: Option<String>,
    pub disability: Option<DisabilityDoc>,
    /// martyr_family | disabled_veteran | veteran | servicemember_family
    pub priority_care: Option<String>,
    pub orphan: Option<bool>,
    /// the version you read (updates only)
    pub version: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct DisabilityDoc {
    /// visual | hearing | speech | physical | intellectual | mental | multiple
    pub kind: String,
    /// 1 to 4
    pub grade: i64,
    pub certificate_no: Option<String>,
}

/// 家庭户信息 a household as sent to create or change one.
#[derive(Serialize, ToSchema)]
pub struct HouseholdInputDoc {
    /// the village/community the household lives in
    pub region_code: String,
    pub address: String,
    /// exactly one with relation `head`
    pub members: Vec<MemberDoc>,
    /// the version you read (updates only)
    pub version: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct MemberDoc {
    /// head | spouse | child | parent | grandchild | grandparent | sibling | other
    pub relation: String,
    /// a new person (create only)
    pub person: Option<PersonInputDoc>,
    /// or a registered person
    pub person_id: Option<i64>,
    /// take the person out of his current household
    #[serde(rename = "move")]
    pub move_from_other: Option<bool>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "minzheng 大民政综合保障平台 API", description = "JSON over HTTP. Log in with POST /api/v1/auth/login; the session cookie carries the rest. Errors: {\"error\": {code, field, message, message_en}}."),
    paths(
        crate::health,
        auth::login, auth::logout, auth::me,
        registry::regions::dict, registry::regions::root, registry::regions::children, registry::regions::get_region, registry::regions::create_grid,
        registry::persons::list, registry::persons::get_person, registry::persons::create, registry::persons::update, registry::persons::export,
        registry::households::list, registry::households::get_household, registry::households::history, registry::households::create,
        registry::households::update, registry::households::export,
        registry::stats::population,
        registry::imports::upload, registry::imports::status, registry::imports::template,
        admin::accounts::list, admin::accounts::create, admin::accounts::update, admin::accounts::export,
        admin::audit::list, admin::audit::verify, admin::audit::export,
        assistance::policy::keys, assistance::policy::list, assistance::policy::standard_check, assistance::policy::save, assistance::policy::simulate,
        assistance::policy::holidays, assistance::policy::put_holiday, assistance::policy::delete_holiday,
        assistance::policy::relatives, assistance::policy::add_relative, assistance::policy::delete_relative,
        assistance::applications::assess_only, assistance::applications::create, assistance::applications::list,
        assistance::applications::detail, assistance::applications::act, assistance::applications::upload, assistance::applications::attachment,
        assistance::notices::create, assistance::notices::list, assistance::notices::detail, assistance::notices::public,
        assistance::notices::object, assistance::notices::close, assistance::notices::decide,
        assistance::cases::list, assistance::cases::detail, assistance::cases::review, assistance::cases::death, assistance::cases::exit,
        assistance::payroll::preview, assistance::payroll::confirm, assistance::payroll::runs, assistance::payroll::run,
        assistance::payroll::lines, assistance::payroll::bank_xlsx, assistance::payroll::bank_csv, assistance::payroll::summary_xlsx,
        assistance::stats::stats, assistance::stats::export,
        verification::snapshots::feeds, verification::snapshots::list, verification::snapshots::upload, verification::snapshots::rejected,
        verification::snapshots::push, verification::reports::start, verification::reports::runs, verification::reports::run,
        verification::reports::list, verification::reports::detail, verification::flags::list, verification::flags::resolve,
        verification::sampling::create, verification::sampling::draws, verification::sampling::draw, verification::sampling::items,
        verification::sampling::item, verification::sampling::visit,
    ),
    components(schemas(PersonInputDoc, HouseholdInputDoc, PersonView, HouseholdView, PageOf<PersonView>, PageOf<HouseholdView>)),
    tags(
        (name = "system", description = "服务状态"),
        (name = "auth", description = "登录与会话"),
        (name = "registry", description = "人口信息：区划、人员、家庭户、统计、导入导出"),
        (name = "admin", description = "系统管理：账号、审计日志"),
        (name = "assistance", description = "社会救助：政策参数、申请审批、公示、在保对象、资金发放、统计"),
        (name = "verification", description = "家庭经济状况核对：部门数据、核对报告、疑点、入户抽查"),
        (name = "elderly", description = "养老助残儿童：老年人名册、能力评估、津补贴、居家养老、平安钟、长者食堂、机构、探访、事找人"),
        (name = "charity", description = "慈善：捐赠与收据、基金、项目、募捐活动、拨付、公开账本与校验点、慈善超市、年度报告"),
        (name = "plan", description = "大民政工作计划：计划表导入、体系与任务、责任单位、指标、责任矩阵"),
        (name = "public", description = "慈善公益信息平台（公开，无需登录）：收支公开、项目进度、捐赠追溯、账本校验点与包含证明"),
    )
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    let mut doc = ApiDoc::openapi();
    for part in crate::elderly::openapi().into_iter().chain(crate::charity::openapi()).chain([crate::plan::openapi()]) {
        doc.merge(part);
    }
    Json(doc)
}
