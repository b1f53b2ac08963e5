//! 命令行失败 the failures a person at the command line can cause and fix, each one line in Chinese
//! and English that names the cause and the flag (or file) that fixes it, with its exit code
//! (README, "The `minzheng` command"). Anything else is one line too (`错误 / error: …`, exit 1);
//! the chain of causes and a backtrace only with `RUST_BACKTRACE=1`.
use std::path::{Path, PathBuf};

/// Exit codes: 1 anything else (a check that failed, a refused import …), 2 a wrong flag or value
/// (also clap's own), 3 the database cannot be opened, 4 the address or port cannot be listened
/// on, 5 a file cannot be read or written.
pub const EXIT_OTHER: u8 = 1;
pub const EXIT_ARGUMENT: u8 = 2;
pub const EXIT_DATABASE: u8 = 3;
pub const EXIT_PORT: u8 = 4;
pub const EXIT_FILE: u8 = 5;

#[derive(Debug)]
pub enum Failure {
    /// `--port` (or `--bind`) cannot be listened on: in use, or not allowed.
    Port { addr: String, in_use: bool, cause: String },
    /// `--db` cannot be opened (a path that cannot be created, a server that does not answer …).
    Database { db: String, cause: String },
    /// A file named on the command line cannot be read or written.
    File { path: PathBuf, cause: String },
    /// A flag's value is wrong (`--region 44x`, `--month 2026-13` …).
    Argument { flag: &'static str, zh: String, en: String },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line())
    }
}

impl std::error::Error for Failure {}

impl Failure {
    pub fn database(db: &str, e: &dyn std::error::Error) -> Self {
        Failure::Database { db: db.to_owned(), cause: innermost(e) }
    }

    pub fn file(path: &Path, e: &std::io::Error) -> Self {
        Failure::File { path: path.to_owned(), cause: innermost(e) }
    }

    pub fn port(addr: impl ToString, e: &std::io::Error) -> Self {
        Failure::Port { addr: addr.to_string(), in_use: e.kind() == std::io::ErrorKind::AddrInUse, cause: innermost(e) }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Port { .. } => EXIT_PORT,
            Failure::Database { .. } => EXIT_DATABASE,
            Failure::File { .. } => EXIT_FILE,
            Failure::Argument { .. } => EXIT_ARGUMENT,
        }
    }

    /// The one line (Chinese / English).
    pub fn line(&self) -> String {
        match self {
            Failure::Port { addr, in_use: true, .. } => {
                format!("错误：地址 {addr} 已被占用（另一个程序在用此端口），请用 --port 换一个端口 / error: the address {addr} is already in use (another program listens on this port): choose another with --port")
            }
            Failure::Port { addr, cause, .. } => format!("错误：无法监听 {addr}（{cause}），请检查 --bind 和 --port / error: cannot listen on {addr} ({cause}): check --bind and --port"),
            Failure::Database { db, cause } => format!(
                "错误：无法打开数据库 {db}（{cause}），请用 --db 指定可写目录下的 sqlite://文件 或可连接的 postgres://… / error: cannot open the database {db} ({cause}): give --db a sqlite://FILE in a writable directory or a reachable postgres://… URL"
            ),
            Failure::File { path, cause } => format!("错误：文件 {} 无法读写（{cause}），请检查文件路径 / error: the file {} cannot be read or written ({cause}): check the path", path.display(), path.display()),
            Failure::Argument { flag, zh, en } => format!("错误：{flag} {zh} / error: {flag} {en}"),
        }
    }
}

/// The last cause in an error's chain, without SQLite's `(code: 14)` prefix: the words a person
/// can act on ("unable to open database file", "Connection refused").
fn innermost(e: &dyn std::error::Error) -> String {
    let mut last = e;
    while let Some(source) = last.source() {
        last = source;
    }
    let text = last.to_string();
    let text = match text.strip_prefix("(code: ").and_then(|t| t.split_once(") ")) {
        Some((_, rest)) => rest.to_owned(),
        None => text,
    };
    text.replace('\n', " ")
}

/// What `main` prints for a failed command, and its exit code.
pub fn report(e: &anyhow::Error) -> (u8, String) {
    match e.downcast_ref::<Failure>() {
        Some(f) => (f.exit_code(), f.line()),
        None => (EXIT_OTHER, format!("错误 / error: {e:#}")),
    }
}

/// Whether the person asked for the whole story (`RUST_BACKTRACE=1` or `full`).
pub fn wants_backtrace() -> bool {
    std::env::var("RUST_BACKTRACE").is_ok_and(|v| !v.is_empty() && v != "0")
}
