//! 启动服务 `minzheng serve` (and the end of `minzheng demo`): the one place the binary reaches
//! for the HTTP crate. Everything else the binary does goes through `minzheng_app`
//! (crates/cli/tests/layers.rs holds it to that).
use std::net::SocketAddr;

use anyhow::Result;
use minzheng_server::{AppState, Config};
use minzheng_store::Store;

use crate::failure::Failure;
use crate::{ServeArgs, demo};

pub async fn serve(store: Store, args: ServeArgs, demo_accounts: Option<Vec<demo::DemoAccount>>) -> Result<()> {
    // the job runner (imports, verification runs, 事找人 daily, the charity's checkpoints and
    // verification) starts with the server: it resolves the jobs a stop interrupted and runs the
    // daily ones (minzheng_server::serve)
    let addr: SocketAddr = format!("{}:{}", args.bind, args.port)
        .parse()
        .map_err(|_| Failure::Argument { flag: "--bind", zh: format!("“{}”不是 IP 地址", args.bind), en: format!("{:?} is not an IP address", args.bind) })?;
    let config = Config { secure_cookies: args.secure_cookies, session_idle: chrono::Duration::hours(args.session_hours.max(1)), ..Config::default() };
    let backend = store.backend().as_str();
    minzheng_server::serve(AppState::new(store, config), addr, move |bound| {
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
    })
    .await
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse | std::io::ErrorKind::AddrNotAvailable | std::io::ErrorKind::PermissionDenied => anyhow::Error::from(Failure::port(addr, &e)),
        _ => anyhow::Error::from(e),
    })?;
    Ok(())
}
