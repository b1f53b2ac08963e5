//! The `minzheng` binary: the commands of `minzheng_cli`, which knows no HTTP, given the one thing
//! only the server crate can do, starting the HTTP server (docs/architecture.md, "Layers").
use minzheng_cli::Serve;
use minzheng_server::{AppState, Config};

fn main() -> std::process::ExitCode {
    minzheng_cli::main(start)
}

/// Starts the API and the console (and with them the job runner and its daily schedule).
fn start(serve: Serve) -> minzheng_cli::Serving {
    let Serve { store, addr, secure_cookies, session_idle, on_bound } = serve;
    let config = Config { secure_cookies, session_idle, ..Config::default() };
    Box::pin(minzheng_server::serve(AppState::new(store, config), addr, on_bound))
}
