//! 慈善 commands: `minzheng charity verify` (the ledger, its checkpoints and every row; exits 1 on
//! tampering), `minzheng charity checkpoints` (publish finished days) and `minzheng charity bench`.
use anyhow::{Result, anyhow};
use minzheng_store::{Store, today};

#[derive(clap::Subcommand)]
pub enum CharityCommand {
    /// Verify the ledger's chain, every published checkpoint and every donation and allocation
    /// row against its entry; prints the first problem and exits 1
    Verify,
    /// Publish the checkpoints of every finished day (the server does it after midnight)
    Checkpoints,
    /// Benchmark: ingest donations and allocations, trace p50/p99, a day's checkpoint (docs/benchmarks.md)
    Bench(crate::bench::charity::Args),
}

pub async fn run(store: &Store, cmd: CharityCommand) -> Result<()> {
    match cmd {
        CharityCommand::Verify => {
            let pb = crate::bar(1, "verify");
            let started = std::time::Instant::now();
            let v = store
                .charity_verify("cli", |done, all| {
                    pb.set_length(all.max(1));
                    pb.set_position(done);
                })
                .await
                .map_err(|e| anyhow!("{e}"))?;
            pb.finish_and_clear();
            let secs = started.elapsed().as_secs_f64();
            if v.ok {
                println!("charity ledger intact: {} entries, {} checkpoints, every row matches ({secs:.2} s)", v.entries, v.checkpoints);
                Ok(())
            } else {
                println!("charity ledger TAMPERED at entry {} ({}): {}", v.break_seq, v.break_kind, v.message_zh);
                println!("  {}", v.message_en);
                std::process::exit(1);
            }
        }
        CharityCommand::Checkpoints => {
            let built = store.charity_publish_checkpoints(today()).await.map_err(|e| anyhow!("{e}"))?;
            for c in &built {
                println!("{}: {} entries (seq {}–{}), root {}", c.day, c.tree_size, c.first_seq, c.last_seq, c.root);
            }
            println!("{} checkpoints published", built.len());
            Ok(())
        }
        CharityCommand::Bench(args) => crate::bench::charity::run(store, args).await,
    }
}
