//! 账号管理 accounts, roles and each account's region.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::FieldError;
use minzheng_core::access::{Permission, Role, check_password_strength};
use minzheng_core::region::RegionCode;
use minzheng_store::accounts::{AccountInput, AccountRecord};
use minzheng_store::{Store, Tx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::hash_password;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Ctx};

#[derive(Serialize, ToSchema)]
pub struct AccountView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub region_code: String,
    pub region_name: Option<String>,
    pub active: bool,
    pub locked_until: Option<String>,
    /// the provider a `provider` account is bound to
    pub provider_id: Option<i64>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl From<AccountRecord> for AccountView {
    fn from(a: AccountRecord) -> Self {
        AccountView {
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            role: a.role,
            region_code: a.region_code,
            region_name: a.region_name,
            active: a.active,
            locked_until: a.locked_until,
            provider_id: a.provider_id,
            version: a.version,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
pub struct AccountBody {
    pub username: Option<String>,
    pub display_name: Option<String>,
    /// only when creating, or to reset it
    pub password: Option<String>,
    /// admin | district_officer | town_officer | village_worker | auditor
    pub role: Option<String>,
    pub region_code: Option<String>,
    pub active: Option<bool>,
    /// required for role `provider` (the provider it is bound to), refused for other roles
    pub provider_id: Option<i64>,
}

/// The validated fields of an account body.
pub struct ValidAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub region: RegionCode,
    pub active: bool,
    pub password: Option<String>,
    pub provider_id: Option<i64>,
}

/// Checks an account body; the region must exist and lie inside `scope_root` (if any).
pub async fn validate_account(store: &Store, body: &AccountBody, creating: bool, scope: &minzheng_store::Scope) -> ApiResult<ValidAccount> {
    let mut errors = Vec::new();
    let username = body.username.as_deref().unwrap_or_default().trim().to_owned();
    if creating && (username.len() < 3 || username.len() > 32 || !username.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')) {
        errors.push(FieldError::new("username", "用户名须为3至32位字母、数字、点、下划线或连字符", "the user name must be 3 to 32 letters, digits, '.', '_' or '-'"));
    }
    let display_name = body.display_name.as_deref().unwrap_or_default().trim().to_owned();
    if display_name.is_empty() || display_name.chars().count() > 40 {
        errors.push(FieldError::new("display_name", "姓名/名称须为1至40个字", "the display name must be 1 to 40 characters"));
    }
    let role = body.role.as_deref().and_then(Role::parse);
    if role.is_none() {
        errors.push(FieldError::new("role", "请选择角色", "unknown role"));
    }
    let region = match body.region_code.as_deref().map(RegionCode::parse) {
        Some(Ok(r)) => {
            if r.level() == minzheng_core::region::RegionLevel::Grid {
                errors.push(FieldError::new("region_code", "账号所属区划须为区县、镇街或村（社区），不能是网格", "an account belongs to a county, town or village, not a grid"));
                None
            } else if !scope.contains(&r) {
                errors.push(FieldError::new("region_code", format!("区划 {r} 不在本账号管辖范围内"), format!("region {r} is outside your region")));
                None
            } else if store.region(&r).await?.is_none() {
                errors.push(FieldError::new("region_code", format!("区划代码 {r} 不存在"), format!("unknown region code {r}")));
                None
            } else {
                Some(r)
            }
        }
        Some(Err(e)) => {
            errors.push(e.with_field("region_code"));
            None
        }
        None => {
            errors.push(FieldError::new("region_code", "请选择账号所属区划", "region_code is required"));
            None
        }
    };
    let password = body.password.clone().filter(|p| !p.is_empty());
    match &password {
        Some(p) => {
            if let Err(e) = check_password_strength(p) {
                errors.push(e);
            }
        }
        None if creating => errors.push(FieldError::new("password", "请设置密码", "a password is required")),
        None => {}
    }
    // a provider's account is bound to one registered provider; no other role carries one
    match (role, body.provider_id) {
        (Some(Role::Provider), None) => errors.push(FieldError::new("provider_id", "服务商账号须选择所属服务商", "a provider account needs its provider (provider_id)")),
        (Some(Role::Provider), Some(id)) if !store.provider_exists(id).await? => {
            errors.push(FieldError::new("provider_id", format!("服务商 {id} 不存在"), format!("unknown provider {id}")))
        }
        (Some(r), Some(_)) if r != Role::Provider => {
            errors.push(FieldError::new("provider_id", "只有服务商账号可以绑定服务商", "only a provider account can be bound to a provider"))
        }
        _ => {}
    }
    match (errors.is_empty(), role, region) {
        (true, Some(role), Some(region)) => {
            Ok(ValidAccount { username, display_name, role, region, active: body.active.unwrap_or(true), password, provider_id: body.provider_id })
        }
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Creates an account inside `tx` (used by the API and by `minzheng user create`).
pub async fn create_account(store: &Store, tx: &mut Tx, v: &ValidAccount) -> ApiResult<i64> {
    let hash = hash_password(v.password.as_deref().unwrap_or_default())?;
    let input = AccountInput { username: &v.username, display_name: &v.display_name, role: v.role, region: &v.region, active: v.active, provider_id: v.provider_id };
    Ok(store.create_account(tx, &input, &hash).await?)
}

/// 账号列表 accounts of the administrator's region.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "admin", responses((status = 200, body = Vec<AccountView>)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<AccountView>>> {
    let granted = ctx.grant(Permission::AccountManage)?;
    Ok(Json(state.store.list_accounts(granted.scope()).await?.into_iter().map(Into::into).collect()))
}

/// 导出账号 the accounts of the administrator's region as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/accounts/export", tag = "admin",
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
pub async fn export(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AccountManage)?;
    let accounts = state.store.list_accounts(granted.scope()).await?;
    let headers = ["用户名", "姓名/名称", "角色", "区划代码", "区划", "状态", "锁定至", "创建时间"];
    let internal = |e: crate::tabular::TableError| ApiError::Internal(e.to_string());
    let mut xlsx = crate::tabular::XlsxExport::new("账号", &headers).map_err(internal)?;
    for a in &accounts {
        let role = Role::parse(&a.role).map(|r| r.zh().to_owned()).unwrap_or_else(|| a.role.clone());
        let row = [
            a.username.clone(),
            a.display_name.clone(),
            role,
            a.region_code.clone(),
            a.region_name.clone().unwrap_or_default(),
            if a.active { "启用".to_owned() } else { "停用".to_owned() },
            a.locked_until.clone().unwrap_or_default(),
            a.created_at.clone(),
        ];
        xlsx.push_row(&row).map_err(internal)?;
    }
    let bytes = xlsx.finish().map_err(internal)?;
    state.store.audit_now(&ctx.entry("export", "account", "", ctx.region().as_str(), format!("{} rows", accounts.len()))).await?;
    Ok(crate::registry::download(bytes, &format!("账号-{}.xlsx", minzheng_store::today()), crate::registry::XLSX_MIME))
}

/// 新建账号 create an account.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "admin", request_body = AccountBody, responses((status = 201, body = AccountView), (status = 409), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(body): ApiJson<AccountBody>) -> ApiResult<Response> {
    let granted = ctx.grant(Permission::AccountManage)?;
    let v = validate_account(&state.store, &body, true, granted.scope()).await?;
    let mut tx = state.store.begin().await?;
    let id = create_account(&state.store, &mut tx, &v).await?;
    state.store.audit(&mut tx, &ctx.entry("account.create", "account", id, v.region.as_str(), format!("{} {}", v.username, v.role.as_str()))).await?;
    tx.commit().await?;
    let a = state.store.account(granted.scope(), id).await?;
    Ok((StatusCode::CREATED, Json(AccountView::from(a))).into_response())
}

/// 修改账号 change role, region, name, active flag, or reset the password.
#[utoipa::path(put, path = "/api/v1/accounts/{id}", tag = "admin", params(("id" = i64, Path)), request_body = AccountBody, responses((status = 200, body = AccountView), (status = 422)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>, ApiJson(mut body): ApiJson<AccountBody>) -> ApiResult<Json<AccountView>> {
    let granted = ctx.grant(Permission::AccountManage)?;
    let before = state.store.account(granted.scope(), id).await?;
    body.username = Some(before.username.clone());
    let v = validate_account(&state.store, &body, false, granted.scope()).await?;
    if id == ctx.account().id && (!v.active || v.role != Role::Admin) {
        return Err(ApiError::invalid("role", "不能停用自己的账号或取消自己的管理员角色", "you cannot disable your own account or drop your own admin role"));
    }
    let hash = match &v.password {
        Some(p) => Some(hash_password(p)?),
        None => None,
    };
    let input = AccountInput { username: &v.username, display_name: &v.display_name, role: v.role, region: &v.region, active: v.active, provider_id: v.provider_id };
    let mut tx = state.store.begin().await?;
    state.store.update_account(&mut tx, id, &input, hash.as_deref()).await?;
    let detail = format!(
        "role {}→{}, region {}→{}, active {}→{}{}",
        before.role,
        v.role.as_str(),
        before.region_code,
        v.region.as_str(),
        before.active,
        v.active,
        if hash.is_some() { ", password reset" } else { "" }
    );
    state.store.audit(&mut tx, &ctx.entry("account.update", "account", id, v.region.as_str(), detail)).await?;
    tx.commit().await?;
    Ok(Json(state.store.account(granted.scope(), id).await?.into()))
}
