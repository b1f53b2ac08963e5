//! `minzheng payroll`: the monthly payroll from the command line (preview, confirm, bank file).
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use minzheng_core::assistance::{Fen, Programme, YearMonth};
use minzheng_core::registry::region::RegionCode;
use minzheng_store::{Scope, Store};

pub async fn run(store: &Store, month: &str, programme: &str, region: Option<&str>, confirm: bool, export: Option<&Path>) -> Result<()> {
    let month = YearMonth::parse(month).ok_or_else(|| crate::Failure::Argument { flag: "--month", zh: format!("“{month}”不是月份（YYYY-MM）"), en: format!("{month:?} is not a month (YYYY-MM)") })?;
    let programme = Programme::parse(programme).ok_or_else(|| anyhow!("--programme {programme:?}: dibao, tekun, temporary or medical"))?;
    if programme == Programme::LowIncome {
        bail!("low-income recognition is not paid");
    }
    let scope = match region {
        Some(r) => Scope::of(RegionCode::parse(r).map_err(|e| crate::Failure::Argument { flag: "--region", zh: e.message, en: e.message_en })?),
        None => Scope::system(),
    };
    let p = store.payroll_preview(month, programme, &scope).await?;
    println!("{month} {} {}: {} households, {} lines", programme.zh(), if p.region_code.is_empty() { "全部" } else { &p.region_code }, p.totals.households, p.totals.lines);
    for t in &p.by_town {
        println!("  {:<14} {:<10} {:>7} 户 {:>16}", t.region_code, t.region_name.clone().unwrap_or_default(), t.households, Fen(t.total).to_string());
    }
    println!(
        "  regular {}  arrears {}  recoveries {}  one-off {}  total {}  (fingerprint {})",
        Fen(p.totals.regular_total),
        Fen(p.totals.arrears_total),
        Fen(p.totals.recovery_total),
        Fen(p.totals.one_off_total),
        Fen(p.totals.total),
        p.totals.fingerprint
    );
    if let Some(id) = p.confirmed_run_id {
        println!("already confirmed as run {id}");
    }
    if let Some(r) = &p.covered_by {
        println!("run {} of {} already paid this month: this region cannot run it again", r.id, r.region_code);
    }
    for r in &p.earlier_runs {
        println!("  already paid by run {} of {} ({} households, total {})", r.id, r.region_code, r.households, Fen(r.total));
    }
    if !confirm {
        return Ok(());
    }
    let pb = crate::bar(100, "confirm");
    // a fault-injection hook for the crash test: stop inside the transaction, lines written
    let pause = std::env::var("MZ_PAYROLL_PAUSE_MS").ok().and_then(|v| v.parse::<u64>().ok());
    let actor = format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "operator".into()));
    let (run, created) = store
        .payroll_confirm(month, programme, &scope, Some(&p.totals.fingerprint), &actor, None, |percent| {
            pb.set_position(u64::from(percent));
            if percent == 70
                && let Some(ms) = pause
            {
                println!("lines written, pausing {ms} ms before commit");
                std::thread::sleep(std::time::Duration::from_millis(ms));
            }
        })
        .await?;
    pb.finish_and_clear();
    if created {
        println!("confirmed run {}: {} households, {} lines, total {}", run.id, run.households, run.lines, Fen(run.total));
    } else {
        println!("run {} was already confirmed: {} households, total {} (nothing paid again)", run.id, run.households, Fen(run.total));
    }
    if let Some(dir) = export {
        std::fs::create_dir_all(dir)?;
        let xlsx = minzheng_app::assistance::payroll::bank_xlsx_bytes(store, &run).await.map_err(|e| anyhow!("{e}"))?;
        let csv = minzheng_app::assistance::payroll::bank_csv_bytes(store, &run).await.map_err(|e| anyhow!("{e}"))?;
        let base = format!("payroll-{}-{}-{}", run.month, run.programme, run.id);
        std::fs::write(dir.join(format!("{base}.xlsx")), xlsx)?;
        std::fs::write(dir.join(format!("{base}.csv")), csv)?;
        println!("bank file written to {}", dir.join(format!("{base}.xlsx/.csv")).display());
    }
    store.audit_now(&crate::operator(store, "payroll.cli", format!("{month} {} run {} created={created}", programme.as_str(), run.id)).await?).await?;
    Ok(())
}
