//! 演示数据 the demo district: the real region tree, a synthetic population and demo accounts.
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use minzheng_core::demo::{DemoGenerator, DemoVillage};
use minzheng_core::registry::region::RegionCode;
use minzheng_app::admin::accounts::{AccountBody, create_account, validate_account};
use minzheng_store::registry::households::HouseholdFilter;
use minzheng_store::registry::persons::PersonFilter;
use minzheng_store::registry::reference;
use minzheng_store::{Scope, Store, today};

pub mod assistance;
pub mod charity;
pub mod draw;
pub mod elderly;
pub mod plan;
pub mod verification;

pub const DEMO_PASSWORD: &str = "Minzheng@2026";

pub struct DemoAccount {
    pub username: String,
    pub role: String,
    pub region_name: String,
}

/// Households are written in transactions of this many, so progress shows and memory stays flat.
const BATCH_HOUSEHOLDS: usize = 4000;

pub async fn load(store: &Store, district: &str, persons: u64, seed: u64) -> Result<Vec<DemoAccount>> {
    let county = RegionCode::parse(district).map_err(|e| anyhow!("--district: {}", e.message_en))?;
    let county6 = &county.as_str()[..6];
    let tree = reference::district_tree(county6).ok_or_else(|| anyhow!("unknown county code {county6}"))?;
    if !reference::has_villages(county6) {
        bail!("villages are shipped only for 440703 蓬江区, 440705 新会区 and 340304 禹会区; {county6} has none (see data/regions/README.md)");
    }
    let added = store.upsert_regions(&tree).await?;
    println!("regions: {} in the tree of {county6} ({added} new)", tree.len());
    let accounts = ensure_accounts(store, &county).await?;

    let existing = store.list_persons(&Scope::of(county.clone()), &PersonFilter::default(), minzheng_store::page::Paging::new(Some(1), Some(1)), today()).await?;
    if existing.total > 0 {
        let more = if existing.total_exact { "" } else { "+" };
        println!("population: {}{more} persons already registered in {county6}; not generating again", existing.total);
        return seed_areas(store, &county, accounts).await;
    }
    let villages: Vec<DemoVillage> = store
        .villages_under(&county)
        .await?
        .into_iter()
        .map(|(code, name, town_name)| DemoVillage { urban: code.is_urban().unwrap_or(false), code, name, town_name })
        .collect();
    let started = std::time::Instant::now();
    let pb = crate::bar(persons, "persons");
    let today = today();
    let mut generator = DemoGenerator::new(villages, seed, persons, today).peekable();
    let mut done = 0u64;
    let mut households_done = 0u64;
    while generator.peek().is_some() {
        let batch: Vec<_> = generator.by_ref().take(BATCH_HOUSEHOLDS).collect();
        let rows: Vec<_> = batch.iter().map(|h| (h.region.clone(), h.address.clone(), h.members.iter().map(|m| (&m.person, m.relation)).collect())).collect();
        let mut tx = store.begin().await?;
        let (h, p) = store.insert_households_bulk(&mut tx, &rows, today).await?;
        tx.commit().await?;
        done += p;
        households_done += h;
        pb.set_position(done);
    }
    pb.finish_and_clear();
    store.analyze().await?;
    let secs = started.elapsed().as_secs_f64();
    println!("population: {done} persons in {households_done} households generated (seed {seed}) in {secs:.1} s ({:.0} persons/s)", done as f64 / secs.max(0.001));
    seed_areas(store, &county, accounts).await
}

/// Each area's demo records over the population, then the plan's accounts and plan (after the
/// rest: see `ensure_plan_accounts`). The draws are read once here, for every seed that picks
/// persons; no seed adds or changes a person, so each sees the keys it would have read itself.
async fn seed_areas(store: &Store, county: &RegionCode, mut accounts: Vec<DemoAccount>) -> Result<Vec<DemoAccount>> {
    let draws = draw::Draws::load(store, county).await?;
    crate::demo::assistance::seed(store, county, &draws).await?;
    crate::demo::verification::seed(store, county).await?;
    crate::demo::elderly::seed(store, county, &draws).await?;
    crate::demo::charity::seed(store, county).await?;
    accounts.extend(ensure_plan_accounts(store, county).await?);
    crate::demo::plan::seed(store, county).await?;
    Ok(accounts)
}

/// The demo accounts: an administrator, a district officer, an auditor, a finance officer and a
/// verifier for the district, two town officers and a village worker.
async fn ensure_accounts(store: &Store, county: &RegionCode) -> Result<Vec<DemoAccount>> {
    let towns = store.region_children(county).await?;
    let pick_town = |name: &str, index: usize| towns.iter().find(|t| t.name == name).or_else(|| towns.get(index)).map(|t| t.code.clone());
    let first_town = pick_town("会城街道", 0).context("the district has no towns")?;
    let second_town = pick_town("司前镇", 2).unwrap_or_else(|| first_town.clone());
    let village = store.region_children(&RegionCode::parse(&first_town).map_err(|e| anyhow!(e.message_en))?).await?.first().map(|v| v.code.clone()).context("the town has no villages")?;
    let is_xinhui = county.as_str().starts_with("440705");
    let plan = [
        ("admin", "系统管理员", "admin", county.as_str().to_owned()),
        ("district", "区民政局干部", "district_officer", county.as_str().to_owned()),
        (if is_xinhui { "huicheng" } else { "town1" }, "镇街民政办", "town_officer", first_town),
        (if is_xinhui { "siqian" } else { "town2" }, "镇街民政办", "town_officer", second_town),
        (if is_xinhui { "beimen" } else { "village1" }, "村居工作人员", "village_worker", village),
        ("auditor", "审计员", "auditor", county.as_str().to_owned()),
        ("finance", "区民政局财务", "finance_officer", county.as_str().to_owned()),
        ("verifier", "区核对中心核对员", "verifier", county.as_str().to_owned()),
        ("charity", "慈善会工作人员", "charity_clerk", county.as_str().to_owned()),
    ];
    let mut out = Vec::new();
    for (username, display, role, region) in plan {
        out.push(ensure_account(store, username, display, role, &region).await?);
    }
    Ok(out)
}

/// The work plan's unit officers (区卫计局, 区财政局). They are created after the population and the
/// other areas' demo data, because ids are drawn from one counter: accounts created earlier would
/// shift every generated id, and with it what the seeds pick.
pub async fn ensure_plan_accounts(store: &Store, county: &RegionCode) -> Result<Vec<DemoAccount>> {
    let mut out = Vec::new();
    for (username, display) in [("weiji", "区卫计局计划联络员"), ("caizheng", "区财政局计划联络员")] {
        out.push(ensure_account(store, username, display, "unit_officer", county.as_str()).await?);
    }
    Ok(out)
}

/// A demo account (created once, audited) with the demo password.
async fn ensure_account(store: &Store, username: &str, display: &str, role: &str, region: &str) -> Result<DemoAccount> {
    {
        let region = region.to_owned();
        let region_name = store.region(&RegionCode::parse(&region).map_err(|e| anyhow!(e.message_en))?).await?.map(|r| r.name).unwrap_or_default();
        if store.account_by_username(username).await?.is_none() {
            let body = AccountBody {
                username: Some(username.into()),
                display_name: Some(format!("{region_name}{display}")),
                password: Some(DEMO_PASSWORD.into()),
                role: Some(role.into()),
                region_code: Some(region.clone()),
                active: Some(true),
                provider_id: None,
            };
            let v = validate_account(store, &body, true, &Scope::system()).await.map_err(|e| anyhow!("demo account {username}: {e}"))?;
            let mut tx = store.begin().await?;
            create_account(store, &mut tx, &v).await.map_err(|e| anyhow!("demo account {username}: {e}"))?;
            store.audit(&mut tx, &crate::operator(store, "account.create", format!("demo account {username} {role} {region}")).await?).await?;
            tx.commit().await?;
        }
        Ok(DemoAccount { username: username.into(), role: role.into(), region_name })
    }
}

pub async fn export(store: &Store, households: bool, region: Option<RegionCode>, out: &Path) -> Result<u64> {
    // the command line sees the district; `--region` narrows it
    let scope = region.as_ref().and_then(|r| Scope::system().narrow(r)).unwrap_or_else(Scope::system);
    let (bytes, n) = if households {
        minzheng_app::registry::households::households_xlsx(store, &scope, &HouseholdFilter::default(), false, today()).await
    } else {
        minzheng_app::registry::persons::persons_xlsx(store, &scope, &PersonFilter::default(), false, today()).await
    }
    .map_err(|e| anyhow!("export failed: {e}"))?;
    std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(n)
}

/// The village of the demo's village worker (beimen: the first village of 会城街道): the demo
/// gives it more of each area's records, so that his phone and a town officer's lists have work.
pub(crate) async fn worker_village(store: &Store, county: &RegionCode) -> Result<Option<String>> {
    let towns = store.region_children(county).await?;
    let town = towns.iter().find(|t| t.name == "会城街道").or_else(|| towns.first());
    let Some(town) = town else { return Ok(None) };
    let code = RegionCode::parse(&town.code).map_err(|e| anyhow!(e.message_en))?;
    Ok(store.region_children(&code).await?.first().map(|v| v.code.clone()))
}
