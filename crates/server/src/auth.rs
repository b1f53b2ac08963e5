//! 登录 authentication: argon2 password hashes, lockout after repeated failures, sessions in the
//! database behind an HttpOnly, SameSite=Strict cookie.
use axum::extract::State;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minzheng_core::access::Role;
use minzheng_store::audit::AuditEntry;
use minzheng_store::fmt_time;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Ctx, SESSION_COOKIE, client_ip, session_token};

pub fn routes() -> Router<AppState> {
    Router::new().route("/auth/login", post(login)).route("/auth/logout", post(logout)).route("/auth/me", get(me))
}

pub use minzheng_app::admin::passwords::{hash_password, verify_password};

/// A real hash to verify against for unknown users (computed once).
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no such user, no such password").unwrap_or_default())
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

/// The logged-in account as the console needs it.
#[derive(serde::Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub role_name: String,
    pub region_code: String,
    pub region_name: Option<String>,
    /// the provider a `provider` account is bound to (its orders page filters by it)
    pub provider_id: Option<i64>,
    /// that provider's kind (`home_care`, `canteen`, `emergency_call`, `institution`): the console
    /// shows a provider's account the pages of its kind only
    pub provider_kind: Option<String>,
    pub permissions: Vec<&'static str>,
    /// the role only reads (the auditor): every write of it is 403, so the console offers none
    pub read_only: bool,
}

impl Me {
    /// The account as `of` says, with its provider's kind looked up.
    async fn with_provider(state: &AppState, account: &minzheng_store::accounts::AccountRecord, role: Role) -> ApiResult<Me> {
        let mut me = Me::of(account, role);
        if let Some(id) = account.provider_id {
            // the account's own provider, whose service area may be wider than the account's
            // region; only its kind is read
            me.provider_kind = state.store.provider(&minzheng_store::Scope::system(), id).await.ok().map(|p| p.kind.as_str().to_owned());
        }
        Ok(me)
    }

    fn of(ctx_account: &minzheng_store::accounts::AccountRecord, role: Role) -> Me {
        Me {
            id: ctx_account.id,
            username: ctx_account.username.clone(),
            display_name: ctx_account.display_name.clone(),
            role: role.as_str().to_owned(),
            role_name: role.zh().to_owned(),
            region_code: ctx_account.region_code.clone(),
            region_name: ctx_account.region_name.clone(),
            provider_id: ctx_account.provider_id,
            provider_kind: None,
            permissions: role.permissions().iter().map(|p| p.as_str()).collect(),
            read_only: !role.writes(),
        }
    }
}

/// 登录 log in; sets the session cookie.
///
/// Every name gets the same answers (an unknown name is hashed against a dummy hash and counted
/// like a wrong password): 401 for a wrong name or password, 429 with `Retry-After` while the
/// name or the address must wait (`login_throttle`), and a disabled account says so only to
/// whoever gives its right password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses((status = 200, body = Me), (status = 401, description = "wrong user name or password, or the account is disabled"), (status = 429, description = "too many failed logins for this name or from this address: retry after `Retry-After` seconds")))]
pub async fn login(State(state): State<AppState>, parts: Parts, ApiJson(body): ApiJson<LoginBody>) -> ApiResult<Response> {
    let ip = client_ip(&parts);
    let now = chrono::Utc::now();
    let name = body.username.trim();
    let wrong = || ApiError::Unauthorized { zh: "用户名或密码错误".into(), en: "wrong user name or password".into() };
    let account = state.store.account_by_username(name).await?;
    // who the entry is about: the account, or the name as typed (cut, without control characters)
    let typed: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
    let (actor, entity_id, region) = match &account {
        Some(a) => (a.username.clone(), a.id.to_string(), account_region(a)?),
        None => (typed, String::new(), state.store.system_region().await?),
    };
    let entry = |action: &str, detail: &str| AuditEntry {
        actor: actor.clone(),
        action: action.to_owned(),
        entity: "account".into(),
        entity_id: entity_id.clone(),
        region_code: region.clone(),
        ip: ip.clone(),
        detail: detail.to_owned(),
    };
    let wait = state.login.wait(name, &ip, std::time::Instant::now());
    if !wait.is_zero() {
        // the password is not even checked while the name or the address must wait
        state.store.audit_now(&entry("login_failed", "throttled")).await?;
        return Err(ApiError::TooManyAttempts(wait.as_secs() + u64::from(wait.subsec_nanos() > 0)));
    }
    // hash for an unknown name too, so the time taken does not tell which names exist
    let password_ok = match &account {
        Some(a) => verify_password(&body.password, &a.password_hash),
        None => {
            let _ = verify_password(&body.password, dummy_hash());
            false
        }
    };
    let Some(account) = account.filter(|_| password_ok) else {
        state.login.failed(name, &ip, std::time::Instant::now());
        state.store.audit_now(&entry("login_failed", if entity_id.is_empty() { "unknown user name" } else { "wrong password" })).await?;
        return Err(wrong());
    };
    if !account.active {
        // the administrator's lock: told only to whoever knows the password
        state.store.audit_now(&entry("login_failed", "account disabled")).await?;
        return Err(ApiError::Unauthorized { zh: "账号已停用，请联系系统管理员".into(), en: "the account is disabled: ask the administrator".into() });
    }
    // issue 17: a second factor goes here, and only its success clears the name's count
    state.login.succeeded(name);
    let token = hex(&rand::random::<[u8; 32]>());
    let expires = now + state.config.session_idle;
    state.store.create_session(&token_hash(&token), account.id, &ip, &fmt_time(expires)).await?;
    state.store.audit_now(&entry("login", "")).await?;
    let role = Role::parse(&account.role).ok_or_else(|| ApiError::Internal(format!("unknown role {}", account.role)))?;
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        state.config.session_idle.num_seconds().max(60) * 3,
        if state.config.secure_cookies { "; Secure" } else { "" }
    );
    Ok(([(header::SET_COOKIE, cookie)], Json(Me::with_provider(&state, &account, role).await?)).into_response())
}

/// The region an account's own events (log in, log out) are audited in.
fn account_region(account: &minzheng_store::accounts::AccountRecord) -> ApiResult<minzheng_core::registry::region::RegionCode> {
    minzheng_core::registry::region::RegionCode::parse(&account.region_code).map_err(|e| ApiError::Internal(format!("account {} has region {:?}: {}", account.username, account.region_code, e.message_en)))
}

/// 退出 log out.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, parts: Parts) -> ApiResult<Response> {
    if let Some(token) = session_token(&parts) {
        let hash = token_hash(&token);
        // `logout` is one of the audited actions (docs/api.md): record it for a live session
        if let Some((account, _, _)) = state.store.session_account(&hash, &fmt_time(chrono::Utc::now())).await? {
            state.store.delete_session(&hash).await?;
            let entry = AuditEntry {
                actor: account.username.clone(),
                action: "logout".into(),
                entity: "account".into(),
                entity_id: account.id.to_string(),
                region_code: account_region(&account)?,
                ip: client_ip(&parts),
                detail: String::new(),
            };
            state.store.audit_now(&entry).await?;
        } else {
            state.store.delete_session(&hash).await?;
        }
    }
    let cookie = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok(([(header::SET_COOKIE, cookie)], axum::http::StatusCode::NO_CONTENT).into_response())
}

/// 当前账号 the logged-in account, its role, region and permissions.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", responses((status = 200, body = Me), (status = 401)))]
pub async fn me(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Me>> {
    Ok(Json(Me::with_provider(&state, ctx.account(), ctx.role()).await?))
}
