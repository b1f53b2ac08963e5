//! 启动服务 `minzheng serve` (and the end of `minzheng demo`): the options read from the command
//! line, handed to the HTTP server that the binary (crates/bin) gives as a `StartServer`. This
//! crate knows no HTTP (crates/cli/tests/layers.rs holds it to that).
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;

use anyhow::Result;
use minzheng_store::Store;

use crate::failure::Failure;
use crate::{ServeArgs, demo};

/// What the HTTP server is started with: the store, the address, the session settings, and what to
/// print once the address is bound.
pub struct Serve {
    pub store: Store,
    pub addr: SocketAddr,
    pub secure_cookies: bool,
    pub session_idle: chrono::Duration,
    pub on_bound: Box<dyn FnOnce(SocketAddr)>,
}

/// The server running until it is stopped (Ctrl-C, SIGTERM).
pub type Serving = Pin<Box<dyn Future<Output = std::io::Result<()>>>>;

/// Starts the HTTP server (the server crate's `serve`, given by the binary).
pub type StartServer = fn(Serve) -> Serving;

pub async fn serve(start: StartServer, store: Store, args: ServeArgs, demo_accounts: Option<Vec<demo::DemoAccount>>) -> Result<()> {
    // the job runner (imports, verification runs, 事找人 daily, the charity's checkpoints and
    // verification) starts with the server: it resolves the jobs a stop interrupted and runs the
    // daily ones (the server crate's `serve`)
    let addr: SocketAddr = format!("{}:{}", args.bind, args.port)
        .parse()
        .map_err(|_| Failure::Argument { flag: "--bind", zh: format!("“{}”不是 IP 地址", args.bind), en: format!("{:?} is not an IP address", args.bind) })?;
    let backend = store.backend().as_str();
    let on_bound = Box::new(move |bound: SocketAddr| {
        println!();
        println!("大民政综合保障平台 minzheng is running ({backend})");
        println!("  console:  http://{bound}/");
        println!("  API:      http://{bound}/api/v1/health   OpenAPI: http://{bound}/api/openapi.json");
        if let Some(accounts) = &demo_accounts {
            println!("  demo accounts (password {}):", demo::DEMO_PASSWORD);
            for a in accounts {
                println!("    {:<10} {:<18} {}", a.username, a.role, a.region_name);
            }
        }
        println!("  stop with Ctrl-C");
    });
    let session_idle = chrono::Duration::hours(args.session_hours.max(1));
    start(Serve { store, addr, secure_cookies: args.secure_cookies, session_idle, on_bound })
    .await
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse | std::io::ErrorKind::AddrNotAvailable | std::io::ErrorKind::PermissionDenied => anyhow::Error::from(Failure::port(addr, &e)),
        _ => anyhow::Error::from(e),
    })?;
    Ok(())
}
