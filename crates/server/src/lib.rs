//! HTTP API and web console of minzheng: axum routes per area, authentication, region scope,
//! audit, OpenAPI, and the embedded Vue console.
pub mod admin;
pub mod assistance;
pub mod verification;
pub mod elderly;
pub mod charity;
pub mod plan;
pub mod auth;
pub mod console;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod login_throttle;
pub mod openapi;
pub mod refusals;
pub mod registry;
/// Tables are read and written by the application layer; the handlers use it under this name.
pub use minzheng_app::tabular;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use minzheng_app::jobs::{Runner, RunnerConfig};
use minzheng_store::Store;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings of a running server.
#[derive(Clone, Debug)]
pub struct Config {
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle: chrono::Duration,
    /// Failed passwords slow further attempts for the typed name (`login_throttle`)…
    pub login_per_name: login_throttle::Slowdown,
    /// …and for the client address.
    pub login_per_address: login_throttle::Slowdown,
    /// The job runner's workers in this process (`minzheng_app::jobs`).
    pub job_workers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            session_idle: chrono::Duration::hours(8),
            login_per_name: login_throttle::Slowdown { free: 5, cap: Duration::from_secs(5 * 60) },
            login_per_address: login_throttle::Slowdown { free: 100, cap: Duration::from_secs(15 * 60) },
            job_workers: 1,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Config,
    /// Failed logins per name and address (in memory: see `login_throttle`).
    pub login: std::sync::Arc<login_throttle::LoginThrottle>,
    /// The job runner: imports, verification runs, 事找人 and the charity's ledger work run as its
    /// jobs. Its workers start with the state; its daily schedule with `serve`.
    pub jobs: Runner,
}

impl AppState {
    /// Also starts the job runner's workers (needs a tokio runtime).
    pub fn new(store: Store, config: Config) -> Self {
        let login = std::sync::Arc::new(login_throttle::LoginThrottle::new(config.login_per_name, config.login_per_address));
        let mut registry = minzheng_app::jobs::registry();
        registry::imports::register_job(&mut registry);
        let jobs = Runner::start(store.clone(), registry, RunnerConfig { workers: config.job_workers.max(1), ..RunnerConfig::default() });
        AppState { store, config, login, jobs }
    }
}

/// Bodies over this are refused (413); uploads have their own, larger limit.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .merge(auth::routes())
        .merge(registry::routes())
        .merge(assistance::routes())
        .merge(verification::routes())
        .merge(elderly::routes())
        .merge(charity::routes())
        .merge(plan::routes())
        .merge(admin::routes())
        .layer(axum::middleware::from_fn(idempotency::fingerprint))
        .layer(axum::middleware::from_fn(extract::csrf_guard))
        .fallback(|| async { error::ApiError::NotFound })
        .layer(axum::middleware::from_fn_with_state(state.clone(), refusals::audit_refusals));
    Router::new()
        .nest("/api/v1", api)
        .route("/api/openapi.json", get(openapi::document))
        .fallback(console::serve)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(300)))
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    database: &'static str,
    version: &'static str,
}

/// 服务状态 health check, no login needed.
#[utoipa::path(get, path = "/api/v1/health", tag = "system", responses((status = 200, body = Health)))]
pub async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> axum::Json<Health> {
    axum::Json(Health { status: "ok", database: state.store.backend().as_str(), version: env!("CARGO_PKG_VERSION") })
}

/// Serves until ctrl-c / SIGTERM, with the job runner's daily schedule (事找人, the charity's
/// checkpoints and verification); at the stop, the jobs in flight get a few seconds to finish.
/// `ready` receives the bound address (port 0 picks a free one).
pub async fn serve(state: AppState, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    let jobs = state.jobs.clone();
    jobs.start_schedule();
    let served = axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let ctrl_c = tokio::signal::ctrl_c();
            #[cfg(unix)]
            {
                let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
                tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
            }
            #[cfg(not(unix))]
            let _ = ctrl_c.await;
        })
        .await;
    jobs.shutdown(Duration::from_secs(10)).await;
    served
}
