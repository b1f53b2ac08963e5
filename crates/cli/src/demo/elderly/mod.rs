//! 演示数据 of 养老助残儿童: each section seeds its part of the demo district (idempotent: a section
//! that finds its data already there adds nothing).
mod assessment;
mod care;
mod outreach;
mod services;

use anyhow::Result;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::Store;

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    assessment::seed(store, county).await?;
    care::seed(store, county).await?;
    services::seed(store, county).await?;
    // last: the register and 事找人 see what the other sections seeded
    outreach::seed(store, county).await?;
    Ok(())
}
