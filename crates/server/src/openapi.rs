//! The OpenAPI document at /api/openapi.json (rendered by the console under 系统管理 → 接口文档).
use axum::Json;
use utoipa::OpenApi;

use crate::registry::views::{HouseholdView, PageOf, PersonView};
use crate::{admin, assistance, auth, registry, verification};

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
        admin::jobs::list, admin::jobs::detail,
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
        verification::snapshots::push, verification::runs::start, verification::runs::runs, verification::runs::run,
        verification::runs::list, verification::runs::detail, verification::flags::list, verification::flags::resolve,
        verification::sampling::create, verification::sampling::draws, verification::sampling::draw, verification::sampling::items,
        verification::sampling::item, verification::sampling::visit,
    ),
    // vocabularies that only a query parameter names (a response's own fields bring theirs)
    components(schemas(crate::error::ErrorBody, PersonView, HouseholdView, PageOf<PersonView>, PageOf<HouseholdView>, minzheng_core::registry::person::Gender)),
    tags(
        (name = "system", description = "服务状态"),
        (name = "auth", description = "登录与会话"),
        (name = "registry", description = "人口信息：区划、人员、家庭户、统计、导入导出"),
        (name = "admin", description = "系统管理：账号、审计日志、后台任务"),
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
    Json(api_document())
}

/// The whole document: the core areas, the other areas' fragments, and the refusals every
/// operation can answer.
pub fn api_document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in crate::elderly::openapi().into_iter().chain(crate::charity::openapi()).chain([crate::plan::openapi()]) {
        doc.merge(part);
    }
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
        for (method, op) in ["get", "post", "put", "patch", "delete"].into_iter().zip(ops) {
            if let Some(op) = op.as_mut() {
                op.operation_id = Some(operation_id(path, op.operation_id.as_deref().unwrap_or(method)));
                refusals(path, method, op);
            }
        }
    }
    doc
}

/// A unique operationId from the path and the handler's name, so that the generated console types
/// (`operations[...]` in web/src/api/schema.d.ts) have one entry per route: utoipa names an
/// operation after its function, and sixteen areas have a `list`. The path's words come first
/// (`/api/v1/charity/donations` + `list` → `charity_donations_list`); a name that repeats the last
/// word is not written twice (`…/payroll/runs` + `runs` → `assistance_payroll_runs`, `…/param-keys` +
/// `keys` → `assistance_param_keys`).
fn operation_id(path: &str, handler: &str) -> String {
    let words: Vec<String> = path
        .trim_start_matches("/api/v1/")
        .trim_start_matches("/api/")
        .split('/')
        .filter(|w| !w.is_empty() && !w.starts_with('{'))
        .map(|w| w.replace(['-', '.'], "_"))
        .collect();
    let mut id = words.join("_");
    if words.last().is_none_or(|last| last != handler && !last.ends_with(&format!("_{handler}"))) {
        if !id.is_empty() {
            id.push('_');
        }
        id.push_str(handler);
    }
    id
}

/// Whether anyone may call the path without a session.
fn is_public(path: &str) -> bool {
    path == "/api/v1/health" || path == "/api/v1/auth/login" || path.starts_with("/api/v1/public/")
}

/// Declares the refusals that the shared layers give any operation, all with the error shape
/// (`ErrorBody`, built by error.rs): they come from the extractors and middleware, not from the
/// handler, so they are added here once rather than in 250 attributes. A refusal a handler
/// declares itself keeps its description and gets the error schema.
fn refusals(path: &str, method: &str, op: &mut utoipa::openapi::path::Operation) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let public = is_public(path);
    let has_query = op.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query)));
    let has_path = path.contains('{');
    let has_body = op.request_body.is_some();
    let mut standard: Vec<(&str, &str)> = vec![("400", "a path or query parameter of the wrong type, or a body that is not JSON (Extractors: ApiQuery, ApiJson)")];
    if !public {
        standard.push(("401", "no session, or it expired (extractor Ctx)"));
    }
    if !public || method != "get" {
        standard.push(("403", "the role lacks the permission, a region outside the scope, or a write without JSON or X-Requested-With (CSRF guard)"));
    }
    if has_path || !public {
        standard.push(("404", "no such record, or outside your region"));
    }
    if method != "get" {
        standard.push(("409", "a stale `version`, a duplicate, or a state that no longer allows the change"));
    }
    if has_body {
        standard.push(("413", "the body is larger than the limit"));
    }
    if has_body || has_query || has_path {
        standard.push(("422", "a field or parameter (also one in the path: a region code, a month) is invalid; `field` names it"));
    }
    let error_content = || ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
    let responses = &mut op.responses.responses;
    for (status, description) in standard {
        responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(ResponseBuilder::new().description(description).build()));
    }
    for (status, response) in responses.iter_mut() {
        if let RefOr::T(r) = response
            && (status.starts_with('4') || status.starts_with('5'))
            && r.content.is_empty()
        {
            r.content.insert("application/json".to_owned(), RefOr::T(error_content()));
        }
    }
}
