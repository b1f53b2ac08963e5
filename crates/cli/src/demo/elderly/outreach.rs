//! The demo's allowance standards and a first 事找人 run, so the register is filled and the
//! officers find their tasks (a first run finds everyone eligible who never applied).
use anyhow::{Result, anyhow};
use minzheng_core::assistance::YearMonth;
use minzheng_core::assistance::policy::ParamKey;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::Store;

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    let county6 = &county.as_str()[..6];
    if store.list_params(Some(ParamKey::OldAge80), Some(county)).await?.is_empty() {
        let from = YearMonth::new(2025, 1).ok_or_else(|| anyhow!("month"))?;
        let mut tx = store.begin().await?;
        for (key, value, note) in [
            (ParamKey::OldAge80, 5000, "高龄津贴 80至89周岁（演示数值）"),
            (ParamKey::OldAge90, 10000, "高龄津贴 90至99周岁（演示数值）"),
            (ParamKey::OldAge100, 50000, "百岁老人长寿保健金（演示数值）"),
        ] {
            store.insert_param(&mut tx, key, county6, from, value, note, "demo").await?;
        }
        tx.commit().await?;
    }
    let today = minzheng_store::today();
    if store.outreach_ran_on(today).await? {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let run = store.create_outreach_run(today, "manual", "demo").await?;
    let done = store.execute_outreach(&run, today).await?;
    println!("事找人: {} elders in the register, {} new tasks {} in {:.2} s", done.elders, done.created, done.by_rule, started.elapsed().as_secs_f64());
    Ok(())
}
