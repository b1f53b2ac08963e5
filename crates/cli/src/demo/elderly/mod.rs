//! 演示数据 of 养老助残儿童: each section seeds its part of the demo district (idempotent: a section
//! that finds its data already there adds nothing).
mod assessment;
mod care;
mod outreach;
mod services;

use anyhow::Result;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::Store;

use crate::demo::draw::Draws;

pub async fn seed(store: &Store, county: &RegionCode, draws: &Draws) -> Result<()> {
    assessment::seed(store, county, draws).await?;
    care::seed(store, county, draws).await?;
    services::seed(store, county, draws).await?;
    // last: the register and 事找人 see what the other sections seeded
    outreach::seed(store, county).await?;
    Ok(())
}
