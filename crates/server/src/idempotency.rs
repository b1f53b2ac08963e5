//! 幂等 `Idempotency-Key` on the creates that move money or write to the public ledger
//! (donations, allocations, point issues, redemptions, home-care settlements, payroll runs).
//!
//! The same key and the same request answer the first result (its status and its view, read
//! again); the same key with another request is 409; keys are per account. The key row is written
//! in the create's own transaction (`store::idempotency`), so it is crash-safe and holds under
//! concurrency on both databases. A handler takes [`Idem`] and calls, in order: [`Idem::replay`]
//! before its work, [`Idem::claim`] first in its transaction, [`Idem::record`] before commit.
use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use minzheng_core::FieldError;
use minzheng_store::Tx;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::Ctx;

pub const HEADER: &str = "idempotency-key";
const FIELD: &str = minzheng_store::idempotency::IDEMPOTENCY_FIELD;

/// The request's fingerprint (sha256 of method, path and canonical JSON body), set by
/// [`fingerprint`] for a JSON POST that carries the header.
#[derive(Clone)]
struct Fingerprint(String);

/// Middleware: reads the body of a JSON POST with an `Idempotency-Key` once, to fingerprint it,
/// and hands it on unchanged. JSON is canonicalised (keys sorted, no spaces), so a client that
/// re-serialises the same request matches.
pub async fn fingerprint(req: Request, next: Next) -> Response {
    if req.method() != Method::POST || !crate::extract::is_json(req.headers()) || !req.headers().contains_key(HEADER) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::BODY_LIMIT).await else {
        return ApiError::PayloadTooLarge.into_response();
    };
    let canonical = serde_json::from_slice::<serde_json::Value>(&bytes).map(|v| v.to_string().into_bytes()).unwrap_or_else(|_| bytes.to_vec());
    let mut text = format!("{} {}\n", parts.method, parts.uri.path()).into_bytes();
    text.extend_from_slice(&canonical);
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(Fingerprint(minzheng_core::audit::sha256_hex(&text)));
    next.run(req).await
}

/// The header as the OpenAPI document declares it on every create that takes it.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IdempotencyKeyHeader {
    /// a key the client chose for this create (1 to 200 visible ASCII characters, a UUID say); sending the same key
    /// and body again answers the first result, another body with the same key is 409
    #[param(rename = "Idempotency-Key")]
    idempotency_key: Option<String>,
}

/// The `Idempotency-Key` of this request, if it has one.
pub struct Idem(Option<Key>);

struct Key {
    key: String,
    fingerprint: String,
}

/// What the first request of a key created: the handler answers `status` with the entity's view.
pub struct Replay {
    pub id: i64,
    pub status: StatusCode,
}

impl<S: Send + Sync> FromRequestParts<S> for Idem {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(HEADER) else { return Ok(Idem(None)) };
        let key = value.to_str().ok().map(str::trim).filter(|k| !k.is_empty() && k.len() <= 200 && k.bytes().all(|b| b.is_ascii_graphic())).ok_or_else(|| {
            ApiError::invalid(FIELD, "幂等键须为1至200个可见ASCII字符（如UUID）", "Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID, say)")
        })?;
        let fingerprint = parts.extensions.get::<Fingerprint>().map(|f| f.0.clone()).ok_or_else(|| {
            ApiError::invalid(FIELD, "幂等键只用于 JSON 请求", "Idempotency-Key is accepted on JSON requests only")
        })?;
        Ok(Idem(Some(Key { key: key.to_owned(), fingerprint })))
    }
}

impl Idem {
    /// The first result of this key, when a request of it committed: `Some` to answer again; 409
    /// when the key was used for another request (another body, or another route).
    pub async fn replay(&self, state: &AppState, ctx: &Ctx, entity: &str) -> ApiResult<Option<Replay>> {
        let Some(k) = &self.0 else { return Ok(None) };
        let Some(r) = state.store.idempotency_get(ctx.actor(), &k.key).await? else { return Ok(None) };
        if r.fingerprint != k.fingerprint || r.entity != entity {
            return Err(ApiError::Conflict(FieldError::new(
                FIELD,
                "该幂等键已用于另一请求（内容不同），请为新请求使用新的幂等键",
                "this Idempotency-Key was used for another request (a different body); use a new key for a new request",
            )));
        }
        let id = r.entity_id.parse().map_err(|_| ApiError::Internal(format!("idempotency entity id {:?}", r.entity_id)))?;
        let status = u16::try_from(r.status).ok().and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::CREATED);
        Ok(Some(Replay { id, status }))
    }

    /// Claims the key as the first write of the create's transaction. `Ok(false)`: a concurrent
    /// request of the same key committed first; the caller drops `tx` and answers
    /// [`Idem::replay`].
    pub async fn claim(&self, state: &AppState, tx: &mut Tx, ctx: &Ctx) -> ApiResult<bool> {
        let Some(k) = &self.0 else { return Ok(true) };
        match state.store.idempotency_claim(tx, ctx.actor(), &k.key, &k.fingerprint).await {
            Ok(()) => Ok(true),
            Err(e) if e.is_unique_violation() => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Records what the create made, in its transaction (after [`Idem::claim`]).
    pub async fn record(&self, state: &AppState, tx: &mut Tx, ctx: &Ctx, entity: &str, id: i64, status: StatusCode) -> ApiResult<()> {
        let Some(k) = &self.0 else { return Ok(()) };
        state.store.idempotency_complete(tx, ctx.actor(), &k.key, entity, &id.to_string(), i64::from(status.as_u16())).await?;
        Ok(())
    }

    /// The key to claim inside a store transaction the handler does not open itself.
    pub fn claim_of(&self, ctx: &Ctx) -> Option<minzheng_store::idempotency::Claim> {
        self.0.as_ref().map(|k| minzheng_store::idempotency::Claim { actor: ctx.actor().to_owned(), key: k.key.clone(), fingerprint: k.fingerprint.clone() })
    }

    /// After a lost claim: the committed first result (a 409 when it was another request).
    pub async fn replay_after_claim(&self, state: &AppState, ctx: &Ctx, entity: &str) -> ApiResult<Replay> {
        self.replay(state, ctx, entity).await?.ok_or_else(|| ApiError::Internal("idempotency key claimed but not found".into()))
    }
}
