//! 账号 creating an account: the body an administrator (or `minzheng user create`) gives, checked
//! into a `ValidAccount`, and the insert.
use minzheng_core::FieldError;
use minzheng_core::access::{Role, check_password_strength};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::accounts::AccountInput;
use minzheng_store::{Store, Tx};
use serde::Deserialize;

use super::passwords::hash_password;
use crate::error::{AppError, AppResult};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Deserialize, Default)]
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
pub async fn validate_account(store: &Store, body: &AccountBody, creating: bool, scope: &minzheng_store::Scope) -> AppResult<ValidAccount> {
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
            if r.level() == minzheng_core::registry::region::RegionLevel::Grid {
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
        _ => Err(AppError::Validation(errors)),
    }
}

/// Creates an account inside `tx` (used by the API and by `minzheng user create`).
pub async fn create_account(store: &Store, tx: &mut Tx, v: &ValidAccount) -> AppResult<i64> {
    let hash = hash_password(v.password.as_deref().unwrap_or_default())?;
    let input = AccountInput { username: &v.username, display_name: &v.display_name, role: v.role, region: &v.region, active: v.active, provider_id: v.provider_id };
    Ok(store.create_account(tx, &input, &hash).await?)
}

