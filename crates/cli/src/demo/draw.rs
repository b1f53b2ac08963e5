//! 演示取样 the demo's draws: which households get assistance, which elders an alarm, a canteen, a
//! bed or an assessment. Each draw is keyed on the person's ID number (a household on its head's),
//! which the seeded population generator fixes, never on a database id: ids depend on what was
//! written before (another account, another area's rows, a PostgreSQL sequence's cache), and the demo
//! must show the same households whatever is added.
use std::collections::HashMap;

use anyhow::Result;
use minzheng_core::registry::region::RegionCode;
use minzheng_store::registry::persons::PersonFilter;
use minzheng_store::{Scope, Store, today};

/// The splitmix64 finaliser: neighbouring inputs land far apart (the benchmark data uses it too).
pub(crate) fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable key of a text (FNV-1a): the same ID number gives the same key on every run and database.
fn key_of(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

/// A draw from a text key (an ID number) and a salt naming what is drawn.
pub fn by_text(key: &str, salt: u64) -> u64 {
    splitmix(key_of(key) ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The draw keys of the district's persons, read once.
pub struct Draws {
    keys: HashMap<i64, u64>,
}

impl Draws {
    pub async fn load(store: &Store, county: &RegionCode) -> Result<Draws> {
        let mut keys = HashMap::new();
        store
            .for_each_person(&Scope::of(county.clone()), &PersonFilter::default(), today(), 5000, |p| {
                // the demo generates an ID number for everyone; a person without one (an import's
                // foreigner) is keyed on name and birth date, as stable
                let key = p.id_number.as_deref().map_or_else(|| key_of(&format!("{}{}", p.name, p.birth_date)), key_of);
                keys.insert(p.id, key);
                Ok(())
            })
            .await?;
        Ok(Draws { keys })
    }

    /// A draw for a person (by database id, keyed on the person's ID number).
    pub fn person(&self, person_id: i64, salt: u64) -> u64 {
        let key = self.keys.get(&person_id).copied().unwrap_or_else(|| key_of(&person_id.to_string()));
        splitmix(key ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
}
