//! Request extractors: JSON and query strings with bilingual errors naming the field, and the
//! request context (who is asking, from where, with which region scope).
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use minzheng_core::access::{Permission, Role};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::accounts::AccountRecord;
use minzheng_store::audit::AuditEntry;
use minzheng_store::{Scope, fmt_time};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::ApiError;

/// A JSON body. Malformed JSON is a 400, a wrong type a 422 naming the field's path.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = json_bytes(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The body of a JSON request (400 unless `Content-Type: application/json`, 413 over the limit).
pub async fn json_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<axum::body::Bytes, ApiError> {
    if !is_json(req.headers()) {
        return Err(ApiError::bad_request(None, "请求须为 JSON（Content-Type: application/json）", "the body must be JSON (Content-Type: application/json)"));
    }
    axum::body::Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE { ApiError::PayloadTooLarge } else { ApiError::bad_request(None, "无法读取请求内容", "could not read the request body") }
    })
}

/// Whether the request's `Content-Type` is JSON, read as a MIME type: case-insensitive, with
/// parameters (`Application/JSON; charset=UTF-8`) and `+json` suffixes allowed.
pub fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<mime::Mime>().ok())
        .is_some_and(|m| m.type_() == mime::APPLICATION && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON)))
}

/// Deserializes JSON: malformed JSON is a 400, a wrong type a 422 naming the field's path, and a
/// field the type does not know (`"is_admin": true`) a 422 naming it, so a misspelt or invented
/// field is never silently dropped. Free-form `serde_json::Value` fields take anything.
/// (Types with `#[serde(flatten)]` lose the path, and the unknown fields beside a flattened part
/// go unnoticed: parse their parts separately instead, with `parse_json_noting_unknown`.)
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let (value, unknown) = parse_json_noting_unknown(bytes)?;
    refuse_unknown(&unknown)?;
    Ok(value)
}

/// `parse_json` for one of several documents read from the same body: answers the value and the
/// paths of the fields it did not know, for `refuse_unknown` to refuse those no part knows.
pub fn parse_json_noting_unknown<T: DeserializeOwned>(bytes: &[u8]) -> Result<(T, Vec<String>), ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let mut unknown = Vec::new();
    let mut note_unknown = |path: serde_ignored::Path<'_>| unknown.push(path.to_string());
    let parsed = serde_path_to_error::deserialize::<_, T>(serde_ignored::Deserializer::new(de, &mut note_unknown));
    match parsed {
        Ok(v) => Ok((v, unknown)),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                Err(ApiError::bad_request(None, format!("JSON 格式错误：{inner}"), format!("malformed JSON: {inner}")))
            } else {
                let field = if path == "." { String::new() } else { path };
                if let Some(e) = minzheng_core::FieldError::from_de_message(&field, &inner.to_string()) {
                    return Err(e.into());
                }
                Err(ApiError::invalid(&field, format!("字段 {field} 的值类型不正确：{inner}"), format!("field {field} has the wrong type: {inner}")))
            }
        }
    }
}

/// 422 naming every unknown field (none: `Ok`).
pub fn refuse_unknown(unknown: &[String]) -> Result<(), ApiError> {
    if unknown.is_empty() {
        return Ok(());
    }
    Err(ApiError::Validation(
        unknown
            .iter()
            .map(|field| minzheng_core::FieldError::new(field, format!("不认识的字段 {field}（请检查拼写，或删去此字段）"), format!("unknown field {field} (check the spelling, or leave it out)")))
            .collect(),
    ))
}

/// A query string; a value of the wrong type is a 400 naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        // a typed parameter whose Deserialize reports a FieldError (a region code, …) is answered
        // as that field's 422, as the handler's own parse did; any other failure keeps its 400
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(v) => return Ok(ApiQuery(v)),
            Err(err) => {
                let field = err.path().to_string();
                if let Some(e) = minzheng_core::FieldError::from_de_message(&field, &err.into_inner().to_string()) {
                    return Err(e.into());
                }
            }
        }
        // the message axum's own query reader gives, as before
        let de = serde_urlencoded_de(query);
        match de {
            Ok(v) => Ok(ApiQuery(v)),
            Err(e) => Err(ApiError::bad_request(None, format!("查询参数有误：{e}"), format!("bad query parameter: {e}"))),
        }
    }
}

/// `deserialize_with` for an optional typed field that forms send empty when unset: a blank
/// value is none, any other is trimmed and read by the type's own `Deserialize` (whose error
/// names the field in both languages).
pub fn blank_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::de::IntoDeserializer;
    match <Option<String> as serde::Deserialize>::deserialize(d)? {
        Some(s) if !s.trim().is_empty() => T::deserialize(s.trim().to_owned().into_deserializer()).map(Some),
        _ => Ok(None),
    }
}

fn serde_urlencoded_de<T: DeserializeOwned>(query: &str) -> Result<T, String> {
    axum::extract::Query::<T>::try_from_uri(&format!("/?{query}").parse().map_err(|_| "bad uri".to_owned())?)
        .map(|q| q.0)
        .map_err(|e| e.body_text())
}

/// Who is asking: the account of a live session, its role and region scope, and the client address.
///
/// The fields are private: the region scope is reached only through a permission check
/// ([`Ctx::grant`] → [`Granted::scope`]), so a handler cannot read records without having asked
/// whether it may.
#[derive(Clone)]
pub struct Ctx {
    account: AccountRecord,
    role: Role,
    region: RegionCode,
    scope: Scope,
    ip: String,
}

/// 授权 What a passed permission check gives a handler: the permission it checked and the
/// account's region scope, the only way to the `Scope` a store query needs.
#[derive(Clone, Copy)]
pub struct Granted<'a> {
    scope: &'a Scope,
    region: &'a RegionCode,
    permission: Permission,
    provider: Option<i64>,
}

impl Granted<'_> {
    /// The region subtree the account may touch under this permission.
    pub fn scope(&self) -> &Scope {
        self.scope
    }

    /// The scope narrowed by a list's `region` filter: the part of the account's subtree inside
    /// it (the whole scope for no filter), which the store applies as one condition. A region
    /// outside the scope is a 403 naming `region`.
    pub fn within(&self, region: Option<&RegionCode>) -> Result<Scope, ApiError> {
        match region {
            None => Ok(self.scope.clone()),
            Some(code) => self.scope.narrow(code).ok_or_else(|| outside_scope(code, self.region, "region")),
        }
    }

    /// The permission this grant was checked for.
    pub fn permission(&self) -> Permission {
        self.permission
    }

    /// The provider a provider's account is bound to, when the grant is its `homecare.serve`
    /// (it sees only that provider's records within the scope); `None` for an officer.
    pub fn provider(&self) -> Option<i64> {
        self.provider
    }
}

impl Ctx {
    /// Checks a permission and answers the grant that carries the account's scope (403 naming
    /// the permission when the role lacks it).
    pub fn grant(&self, p: Permission) -> Result<Granted<'_>, ApiError> {
        self.require(p)?;
        Ok(Granted { scope: &self.scope, region: &self.region, permission: p, provider: None })
    }

    /// The grant of the first of `ps` the role holds (403 naming the last when it holds none),
    /// for reads open to two kinds of account.
    pub fn grant_any(&self, ps: &[Permission]) -> Result<Granted<'_>, ApiError> {
        let p = ps.iter().copied().find(|p| self.role.can(*p)).or(ps.last().copied()).expect("grant_any takes at least one permission");
        self.grant(p)
    }

    /// An officer's grant of the first of `officer` its role holds, or else a provider's account's
    /// grant of `homecare.serve`, bound to its provider (403 when it is bound to none, or naming the
    /// last of `officer` when the role holds neither).
    pub fn grant_officer_or_provider(&self, officer: &[Permission]) -> Result<Granted<'_>, ApiError> {
        if let Some(p) = officer.iter().copied().find(|p| self.role.can(*p)) {
            return self.grant(p);
        }
        if self.role.can(Permission::HomecareServe) {
            let provider = self.account.provider_id.ok_or_else(|| ApiError::forbidden("该服务商账号未绑定服务商，请联系管理员", "this provider account is not bound to a provider"))?;
            return Ok(Granted { scope: &self.scope, region: &self.region, permission: Permission::HomecareServe, provider: Some(provider) });
        }
        self.grant_any(officer)
    }

    /// Checks a permission that reads or writes nothing placed (no scope needed).
    pub fn require(&self, p: Permission) -> Result<(), ApiError> {
        if self.role.can(p) {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                format!("当前角色（{}）无权执行此操作（需要权限 {}）", self.role.zh(), p.as_str()),
                format!("your role ({}) lacks the permission {}", self.role.as_str(), p.as_str()),
            ))
        }
    }

    /// The signed-in account.
    pub fn account(&self) -> &AccountRecord {
        &self.account
    }

    /// The account's user name, as audit entries and records name their actor.
    pub fn actor(&self) -> &str {
        &self.account.username
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// The account's own region (the root of its scope).
    pub fn region(&self) -> &RegionCode {
        &self.region
    }

    /// The client address, for audit entries.
    pub fn ip(&self) -> &str {
        &self.ip
    }

    /// A region filter must lie inside the account's scope.
    pub fn region_in_scope(&self, code: &RegionCode, field: &str) -> Result<(), ApiError> {
        if self.scope.contains(code) { Ok(()) } else { Err(outside_scope(code, &self.region, field)) }
    }

    /// An audit entry of this account. `region_code` is the record's region; one that is not a
    /// region code (empty, for work that belongs to no place) is audited in the account's own
    /// region, so that the auditor above it sees the entry.
    pub fn entry(&self, action: &str, entity: &str, entity_id: impl ToString, region_code: &str, detail: impl Into<String>) -> AuditEntry {
        AuditEntry {
            actor: self.account.username.clone(),
            action: action.to_owned(),
            entity: entity.to_owned(),
            entity_id: entity_id.to_string(),
            region_code: RegionCode::parse(region_code).unwrap_or_else(|_| self.region.clone()),
            ip: self.ip.clone(),
            detail: detail.into(),
        }
    }
}

pub const SESSION_COOKIE: &str = "mz_session";

pub fn session_token(parts: &Parts) -> Option<String> {
    parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == SESSION_COOKIE && !v.is_empty()).then(|| v.to_owned())
    })
}

pub fn client_ip(parts: &Parts) -> String {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

impl<S> FromRequestParts<S> for Ctx
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let unauthorized = || ApiError::Unauthorized { zh: "请先登录（会话不存在或已过期）".into(), en: "please log in (no session, or it expired)".into() };
        let token = session_token(parts).ok_or_else(unauthorized)?;
        let hash = crate::auth::token_hash(&token);
        let now = chrono::Utc::now();
        let (account, _expires, last_seen) = state.store.session_account(&hash, &fmt_time(now)).await?.ok_or_else(unauthorized)?;
        // sliding expiry, written at most once a minute
        if last_seen < fmt_time(now - chrono::Duration::seconds(60)) {
            let expires = fmt_time(now + state.config.session_idle);
            state.store.touch_session(&hash, &fmt_time(now), &expires).await?;
        }
        let role = Role::parse(&account.role).ok_or_else(|| ApiError::Internal(format!("account {} has unknown role {}", account.username, account.role)))?;
        let region = RegionCode::parse(&account.region_code).map_err(|e| ApiError::Internal(e.message_en))?;
        if !role.writes() && !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return Err(ApiError::forbidden(
                format!("当前角色（{}）只能查看，不能提交或修改任何内容", role.zh()),
                format!("your role ({}) only reads: it cannot submit or change anything", role.as_str()),
            ));
        }
        Ok(Ctx { scope: Scope::of(region.clone()), region, role, ip: client_ip(parts), account })
    }
}

/// CSRF guard: a request that changes state must be JSON or carry `X-Requested-With`, which a
/// cross-site form cannot send (the session cookie is also SameSite=Strict).
pub async fn csrf_guard(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let json = is_json(req.headers());
    let marked = req.headers().contains_key("x-requested-with");
    if safe || json || marked {
        next.run(req).await
    } else {
        ApiError::forbidden("请求缺少 X-Requested-With 头（防跨站请求伪造）", "missing X-Requested-With header (CSRF protection)").into_response()
    }
}

/// 上传文件 a multipart form with one file in the field `file`: what `multipart_form` reads, for
/// the OpenAPI document (axum's `Multipart` is read field by field and has no type of its own).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct FileForm {
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// 下载文件 the body of a download (`registry::download`): the file's bytes, of the content type its
/// route declares, for the OpenAPI document (`body = FileBytes`).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBytes(pub Vec<u8>);

/// A multipart form read whole: its file (the field named `file`: name and bytes) and its text
/// fields. Too large a body is 413; an unreadable one names `file`.
pub async fn multipart_form(mut multipart: axum::extract::Multipart) -> Result<(Option<(String, axum::body::Bytes)>, std::collections::HashMap<String, String>), ApiError> {
    use axum::http::StatusCode;
    let mut file = None;
    let mut fields = std::collections::HashMap::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { ApiError::PayloadTooLarge } else { ApiError::bad_request(Some("file"), format!("上传内容无法读取：{e}"), format!("unreadable upload: {e}")) }
    })? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field.bytes().await.map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE { ApiError::PayloadTooLarge } else { ApiError::bad_request(Some("file"), format!("文件无法读取：{e}"), format!("unreadable file: {e}")) }
            })?;
            file = Some((file_name.chars().filter(|c| !c.is_control() && !"/\\".contains(*c)).take(120).collect(), bytes));
        } else {
            fields.insert(name, field.text().await.unwrap_or_default());
        }
    }
    Ok((file, fields))
}

/// The 403 for a region outside the account's scope, naming the field (one wording for a filter
/// narrowed by `Granted::within` and a region checked by `Ctx::region_in_scope`).
fn outside_scope(code: &RegionCode, account_region: &RegionCode, field: &str) -> ApiError {
    ApiError::Forbidden {
        zh: format!("区划 {code} 不在本账号管辖范围（{account_region}）内（字段 {field}）"),
        en: format!("region {code} is outside your region {account_region} (field {field})"),
    }
}
