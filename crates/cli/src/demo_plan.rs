//! 大民政工作计划 demo data: seed 000's table (the project's conversion of it,
//! data/plan/xinhui-2014-2015.csv) imported as the district's plan, as an officer would upload it.
use anyhow::{Result, anyhow};
use minzheng_core::plan::table;
use minzheng_core::region::RegionCode;
use minzheng_server::tabular::read_table;
use minzheng_store::Store;

const SEED: &[u8] = include_bytes!("../../../data/plan/xinhui-2014-2015.csv");
const NAME: &str = "新会区2014-2015年“大民政”工作计划";

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    if !store.plan_plans().await?.is_empty() {
        return Ok(());
    }
    let rows = read_table("xinhui-2014-2015.csv", SEED).map_err(|e| anyhow!("the plan fixture: {e}"))?;
    let plan = table::parse(&rows).map_err(|e| anyhow!("the plan fixture: {e:?}"))?;
    let towns: Vec<(String, String)> = store.region_children(county).await?.into_iter().map(|r| (r.code, r.name)).collect();
    let mut tx = store.begin().await?;
    store.plan_import(&mut tx, NAME, "xinhui-2014-2015.csv", &plan, &towns, "district").await?;
    tx.commit().await?;
    println!("work plan: {} ({} systems, {} tasks, {} lines)", NAME, plan.systems().len(), plan.tasks().len(), plan.lines.len());
    Ok(())
}
