//! 账号管理 accounts, roles and each account's region.
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::{Permission, Role};
use minzheng_store::accounts::{AccountInput, AccountRecord};
use serde::Serialize;
use utoipa::ToSchema;

pub use minzheng_app::admin::accounts::{AccountBody, ValidAccount, create_account, validate_account};
use minzheng_app::admin::passwords::hash_password;

use crate::AppState;
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

/// 账号列表 accounts of the administrator's region.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "admin", responses((status = 200, body = Vec<AccountView>)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<AccountView>>> {
    let granted = ctx.grant(Permission::AccountManage)?;
    Ok(Json(state.store.list_accounts(granted.scope()).await?.into_iter().map(Into::into).collect()))
}

/// 导出账号 the accounts of the administrator's region as .xlsx (audited).
#[utoipa::path(get, path = "/api/v1/accounts/export", tag = "admin",
    responses((status = 200, description = "an .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::extract::FileBytes)))]
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
