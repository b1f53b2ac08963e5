//! The demo shows the same households whatever was written before it (issue 15, item 8): every
//! id comes from one counter, so an extra account or another area's rows shift all of them; the
//! demo's draws are keyed on ID numbers, so who gets assistance, an alarm device, an assessment or
//! a bed does not move. Loads the demo twice, the second time with every id shifted.
use std::collections::BTreeSet;

use sqlx::Row;

use crate::{minzheng, with_pg_database};

/// What the demo chose, by ID number: (what, ID number).
fn chosen(db: &str) -> BTreeSet<(String, String)> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(db).await.expect("connect");
        let mut out = BTreeSet::new();
        for (what, sql) in [
            ("case", "SELECT c.programme || ' ' || p.id_number AS k FROM cases c JOIN households h ON h.id = c.household_id JOIN persons p ON p.id = h.head_person_id"),
            ("application", "SELECT a.programme || ' ' || a.stage || ' ' || p.id_number AS k FROM applications a JOIN households h ON h.id = a.household_id JOIN persons p ON p.id = h.head_person_id"),
            ("device", "SELECT d.kind || ' ' || p.id_number AS k FROM emergency_devices d JOIN persons p ON p.id = d.person_id"),
            ("assessment", "SELECT a.assessed_on || ' ' || p.id_number AS k FROM elder_assessments a JOIN persons p ON p.id = a.person_id"),
            ("resident", "SELECT p.id_number AS k FROM institution_residents r JOIN persons p ON p.id = r.person_id"),
        ] {
            let rows = sqlx::query(sql).fetch_all(&pool).await.unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(!rows.is_empty(), "the demo chose no {what}");
            for r in rows {
                out.insert((what.to_owned(), r.get::<String, _>("k")));
            }
        }
        pool.close().await;
        out
    })
}

fn shift_ids(db: &str) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(db).await.expect("connect");
        sqlx::query("UPDATE id_counter SET next_id = next_id + 7919").execute(&pool).await.expect("shift");
        pool.close().await;
    })
}

fn same_demo_whatever_the_ids(plain: &str, shifted: &str) {
    minzheng(plain, &["demo", "--persons", "1500", "--no-serve"]);
    minzheng(shifted, &["migrate"]);
    shift_ids(shifted);
    minzheng(shifted, &["demo", "--persons", "1500", "--no-serve"]);
    let (a, b) = (chosen(plain), chosen(shifted));
    assert_eq!(a, b, "the demo chose differently once the ids moved");
}

#[test]
fn demo_draws_stable_sqlite() {
    let dir = std::env::temp_dir().join(format!("mz-draws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    same_demo_whatever_the_ids(&format!("sqlite://{}/a.db", dir.display()), &format!("sqlite://{}/b.db", dir.display()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_draws_stable_postgres() {
    with_pg_database("mz_draws_a", |a| with_pg_database("mz_draws_b", |b| same_demo_whatever_the_ids(a, b)));
}
