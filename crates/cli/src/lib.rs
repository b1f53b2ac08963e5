//! `minzheng`: the platform's one binary. Serves the API and console, migrates the database,
//! loads the demo district, manages accounts, imports, exports, backs up and restores.
mod bench;
mod verify;
mod demo;
mod charity;
mod payroll;
mod serve;
pub use serve::{Serve, Serving, StartServer};
mod failure;

use failure::Failure;

use std::io::{BufReader, Read};
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use minzheng_core::registry::region::RegionCode;
use minzheng_app::admin::accounts::{AccountBody, create_account, validate_account};
use minzheng_app::registry::imports::{ImportKind, ImportMode, import_rows};
use serve::serve;
use minzheng_store::audit::AuditEntry;
use minzheng_store::{Scope, Store};

#[derive(Parser)]
#[command(name = "minzheng", version, about = "大民政综合保障平台 minzheng: integrated civil-affairs platform")]
struct Cli {
    /// Database URL: sqlite://FILE (default sqlite://minzheng.db) or postgres://USER@HOST/DB
    #[arg(long, global = true, env = "DATABASE_URL", default_value = "sqlite://minzheng.db")]
    db: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Mark the session cookie Secure (when served over HTTPS)
    #[arg(long)]
    secure_cookies: bool,
    /// Hours a session lives without requests
    #[arg(long, default_value_t = 8)]
    session_hours: i64,
}

#[derive(Subcommand)]
enum VerifyCommand {
    /// Load a .csv (streamed) or .xlsx file as a feed's new snapshot (docs/verification.md lists the feeds)
    Load {
        /// The feed: ps_hukou, ps_death, ps_vehicle, hr_pension, hr_contribution, hr_unemployment,
        /// housing_property, market_business, tax_income, provident_fund, bank_deposit, ca_marriage,
        /// ca_cremation, ca_enrolment
        #[arg(long)]
        feed: String,
        /// The date the department's data is as of (YYYY-MM-DD)
        #[arg(long)]
        as_of: String,
        file: PathBuf,
    },
    /// Verify the active cases of a region (or, with --pending, its applications at the verification step)
    Run {
        #[arg(long)]
        region: String,
        /// Only this programme's cases (dibao, tekun, low_income)
        #[arg(long)]
        programme: Option<String>,
        #[arg(long)]
        pending: bool,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Start the HTTP API and web console
    Serve(ServeArgs),
    /// Create or upgrade the database schema
    Migrate,
    /// Load the demo district (regions, synthetic population, demo accounts), then serve
    Demo {
        /// County code of the demo district (villages are shipped for 440703, 440705, 340304)
        #[arg(long, default_value = "440705")]
        district: String,
        /// Number of synthetic persons
        #[arg(long, default_value_t = 20000)]
        persons: u64,
        /// Seed of the generator: the same seed gives the same population
        #[arg(long, default_value_t = 20261123)]
        seed: u64,
        /// Load only; do not start the server
        #[arg(long)]
        no_serve: bool,
        #[command(flatten)]
        serve: ServeArgs,
    },
    /// Manage accounts
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import persons or households from .xlsx or .csv (operator import: no region limit)
    Import {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long, value_enum, default_value = "all-or-nothing")]
        mode: ModeArg,
        file: PathBuf,
    },
    /// Export persons or households to .xlsx (masked)
    Export {
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Only this region's subtree
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write every table to a JSON-lines backup file (works across SQLite and PostgreSQL)
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into an empty database
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Verify the audit log's hash chain; exits 1 at the first broken link
    VerifyAudit,
    /// Monthly payroll (资金发放): preview a month, confirm it (once), export the bank file
    Payroll {
        /// The month paid, e.g. 2026-12
        #[arg(long)]
        month: String,
        /// dibao, tekun, temporary or medical
        #[arg(long, default_value = "dibao")]
        programme: String,
        /// Region whose cases are paid (default: everything)
        #[arg(long)]
        region: Option<String>,
        /// Confirm the run (without it: preview only)
        #[arg(long)]
        confirm: bool,
        /// Write the bank file (.xlsx and .csv) and the summary of the confirmed run here
        #[arg(long)]
        export: Option<PathBuf>,
    },
    /// Benchmark: payroll and a standard change on N synthetic enrolled households (empty database)
    BenchAssistance(bench::assistance::Args),
    /// 家庭经济状况核对: load a departmental snapshot, or verify a region's households
    #[command(subcommand)]
    Verify(VerifyCommand),
    /// 事找人: rebuild the elderly register and search for persons newly eligible now (the server
    /// also does it once a day); prints the time of each part
    Outreach,
    /// Benchmark: batch verification of N households against departmental snapshots (docs/benchmarks.md)
    BenchVerification(bench::verification::Args),
    /// 慈善: verify the public ledger, publish checkpoints, benchmark
    #[command(subcommand)]
    Charity(charity::CharityCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        /// admin, district_officer, town_officer, village_worker, auditor, finance_officer, verifier,
        /// assessor or provider
        #[arg(long)]
        role: String,
        /// The account's region (its data scope), e.g. 440705 or 440705001
        #[arg(long)]
        region: String,
        /// For role provider: the registered provider (服务商) the account works for
        #[arg(long)]
        provider_id: Option<i64>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Persons,
    Households,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    AllOrNothing,
    ValidOnly,
}

/// The binary's `main`: parses the command line and runs it; `start` is how `serve` and `demo`
/// start the HTTP server (the binary, crates/bin, gives the server crate's `serve`).
pub fn main(start: StartServer) -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn,sqlx=off,minzheng=info".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let outcome = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(anyhow::Error::from).and_then(|rt| rt.block_on(run(cli, start)));
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // one line a person can act on; the chain and the backtrace only when asked for
            let (code, line) = failure::report(&e);
            eprintln!("{line}");
            if failure::wants_backtrace() {
                eprintln!("{e:?}");
            }
            std::process::ExitCode::from(code)
        }
    }
}

async fn open(db: &str) -> Result<Store> {
    let store = Store::connect(db).await.map_err(|e| Failure::database(db, &e))?;
    store.migrate().await.map_err(|e| Failure::database(db, &e))?;
    Ok(store)
}

pub fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40.cyan/blue}] {pos}/{len} ({percent}%) {per_sec} ETA {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> "),
    );
    pb.set_message(what.to_owned());
    pb
}

/// An audit entry of the command line's operator: system work, audited in the district
/// (`Store::system_region`) so that the district's auditor lists it.
async fn operator(store: &Store, action: &str, detail: String) -> Result<AuditEntry> {
    Ok(AuditEntry {
        actor: format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "operator".into())),
        action: action.into(),
        entity: "system".into(),
        entity_id: String::new(),
        region_code: store.system_region().await?,
        ip: "local".into(),
        detail,
    })
}

async fn run(cli: Cli, start: StartServer) -> Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let store = open(&cli.db).await?;
            serve(start, store, args, None).await
        }
        Command::Migrate => {
            let store = Store::connect(&cli.db).await.map_err(|e| Failure::database(&cli.db, &e))?;
            let n = store.migrate().await.map_err(|e| Failure::database(&cli.db, &e))?;
            println!("migrations applied: {n} ({})", store.backend().as_str());
            Ok(())
        }
        Command::Demo { district, persons, seed, no_serve, serve: args } => {
            let store = open(&cli.db).await?;
            let accounts = demo::load(&store, &district, persons, seed).await?;
            if no_serve {
                return Ok(());
            }
            serve(start, store, args, Some(accounts)).await
        }
        Command::User { command: UserCommand::Create { username, display_name, role, region, provider_id } } => {
            let store = open(&cli.db).await?;
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let body = AccountBody {
                display_name: Some(display_name.unwrap_or_else(|| username.clone())),
                username: Some(username.clone()),
                password: Some(password),
                role: Some(role),
                region_code: Some(region),
                active: Some(true),
                provider_id,
            };
            let v = validate_account(&store, &body, true, &Scope::system()).await.map_err(|e| anyhow!(e.text()))?;
            let mut tx = store.begin().await?;
            let id = create_account(&store, &mut tx, &v).await.map_err(|e| anyhow!(e.text()))?;
            store.audit(&mut tx, &operator(&store, "account.create", format!("{} {} {}", v.username, v.role.as_str(), v.region)).await?).await?;
            tx.commit().await?;
            println!("account {username} created (id {id}, role {}, region {})", v.role.as_str(), v.region);
            Ok(())
        }
        Command::Import { kind, mode, file } => {
            let store = open(&cli.db).await?;
            let bytes = std::fs::read(&file).map_err(|e| Failure::file(&file, &e))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let rows = minzheng_app::tabular::read_table_with(&name, &bytes, &minzheng_app::tabular::limits::LOCAL_FILE).map_err(|e| anyhow!("{} / {e}", e.message_zh()))?;
            let kind = match kind {
                KindArg::Persons => ImportKind::Persons,
                KindArg::Households => ImportKind::Households,
            };
            let mode = match mode {
                ModeArg::AllOrNothing => ImportMode::AllOrNothing,
                ModeArg::ValidOnly => ImportMode::ValidOnly,
            };
            let pb = bar(rows.len().saturating_sub(1) as u64, "checking");
            let outcome = import_rows(&store, &Scope::system(), kind, mode, &rows, operator(&store, "import", format!("file {name}")).await?, |done, _| pb.set_position(done)).await?;
            pb.finish_and_clear();
            for e in outcome.errors.iter().take(200) {
                eprintln!("row {}: {}: {} / {}", e.row, e.field, e.message, e.message_en);
            }
            if outcome.errors.len() > 200 {
                eprintln!("… {} more errors", outcome.errors.len() - 200);
            }
            println!("{}: {} rows, {} inserted, {} rows failed{}", outcome.status, outcome.total, outcome.inserted, outcome.failed_rows, outcome.message.map(|m| format!(" — {m}")).unwrap_or_default());
            if outcome.status != "done" {
                bail!("import {}", outcome.status);
            }
            Ok(())
        }
        Command::Export { kind, region, out } => {
            let store = open(&cli.db).await?;
            let n = demo::export(&store, matches!(kind, KindArg::Households), region.as_deref().map(RegionCode::parse).transpose().map_err(|e| Failure::Argument { flag: "--region", zh: e.message, en: e.message_en })?, &out).await?;
            store.audit_now(&operator(&store, "export", format!("{n} rows to {}", out.display())).await?).await?;
            println!("{n} rows written to {}", out.display());
            Ok(())
        }
        Command::Backup { out } => {
            let store = open(&cli.db).await?;
            let file = std::fs::File::create(&out).with_context(|| format!("cannot create {}", out.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let pb = ProgressBar::new_spinner();
            let n = store.backup(&mut w, |n| pb.set_message(format!("{n} rows"))).await?;
            pb.finish_and_clear();
            println!("backup written: {n} rows to {}", out.display());
            Ok(())
        }
        Command::Restore { from } => {
            let store = open(&cli.db).await?;
            let file = std::fs::File::open(&from).map_err(|e| Failure::file(&from, &e))?;
            let pb = ProgressBar::new_spinner();
            let n = store.restore(BufReader::new(file), |n| pb.set_message(format!("{n} rows"))).await?;
            pb.finish_and_clear();
            println!("restored {n} rows from {}", from.display());
            Ok(())
        }
        Command::Payroll { month, programme, region, confirm, export } => {
            let store = open(&cli.db).await?;
            payroll::run(&store, &month, &programme, region.as_deref(), confirm, export.as_deref()).await
        }
        Command::BenchAssistance(args) => bench::assistance::run(&open(&cli.db).await?, args).await,
        Command::Verify(VerifyCommand::Load { feed, as_of, file }) => verify::load_command(&open(&cli.db).await?, &feed, &as_of, &file).await,
        Command::Verify(VerifyCommand::Run { region, programme, pending }) => verify::run_command(&open(&cli.db).await?, &region, programme.as_deref(), pending).await,
        Command::BenchVerification(args) => bench::verification::run(&open(&cli.db).await?, args).await,
        Command::Outreach => outreach_command(&open(&cli.db).await?).await,
        Command::Charity(cmd) => charity::run(&open(&cli.db).await?, cmd).await,
        Command::VerifyAudit => {
            let store = open(&cli.db).await?;
            let v = store.verify_audit().await?;
            match v.first_broken {
                None => {
                    println!("audit chain intact: {} entries", v.entries);
                    Ok(())
                }
                Some(b) => {
                    println!("audit chain BROKEN at entry {}: {} ({} entries verified before it)", b.seq, b.reason, v.entries);
                    std::process::exit(1);
                }
            }
        }
    }
}

/// Runs the search with a progress bar fed from the run's stored progress.
async fn outreach_command(store: &Store) -> Result<()> {
    let today = minzheng_store::today();
    let run = store.create_outreach_run(today, "manual", "cli").await.map_err(|e| anyhow!("{e}"))?;
    let pb = bar(100, "事找人");
    let started = std::time::Instant::now();
    let work = store.execute_outreach(&run, today);
    tokio::pin!(work);
    let mut register_secs: Option<f64> = None;
    let done = loop {
        tokio::select! {
            r = &mut work => break r.map_err(|e| anyhow!("{e}"))?,
            _ = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                if let Ok(r) = store.outreach_run(run.id).await {
                    pb.set_position(r.progress.max(0) as u64);
                    if r.step != "register" && register_secs.is_none() {
                        register_secs = Some(started.elapsed().as_secs_f64());
                    }
                    pb.set_message(r.step);
                }
            }
        }
    };
    pb.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!("事找人 run {}: {} elders in the register, {} new tasks {} ({} open) in {secs:.2} s", done.id, done.elders, done.created, done.by_rule, done.found);
    if let Some(r) = register_secs {
        println!("  register rebuilt in about {r:.2} s, rules applied in about {:.2} s (sampled every 0.2 s)", secs - r);
    }
    Ok(())
}
