use anyhow::Result;
use minzheng_core::region::RegionCode;
use minzheng_store::Store;

pub async fn seed(_store: &Store, _county: &RegionCode) -> Result<()> {
    Ok(())
}
