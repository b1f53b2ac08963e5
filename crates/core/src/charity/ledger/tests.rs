#[test]
fn canonical_json_sorts_keys_at_every_level() {
    let v = serde_json::json!({"b": 1, "a": {"z": [ {"y": 2, "x": "是"} ], "c": null}});
    assert_eq!(canonical_json(&v), r#"{"a":{"c":null,"z":[{"x":"是","y":2}]},"b":1}"#);
}

use super::*;
use proptest::prelude::*;

fn sha(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// Leaf hash by hand: 0x00 then the data.
fn leaf_by_hand(data: &[u8]) -> Hash {
    let mut v = vec![0u8];
    v.extend_from_slice(data);
    sha(&v)
}

/// Node hash by hand: 0x01 then left then right.
fn node_by_hand(l: &Hash, r: &Hash) -> Hash {
    let mut v = vec![1u8];
    v.extend_from_slice(l);
    v.extend_from_slice(r);
    sha(&v)
}

fn leaves(n: usize) -> Vec<Hash> {
    (0..n)
        .map(|i| leaf_hash(format!("leaf {i}").as_bytes()))
        .collect()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn chain(n: i64) -> Vec<StoredEntry> {
    let mut out: Vec<StoredEntry> = Vec::new();
    for seq in 1..=n {
        let prev_hash = out
            .last()
            .map_or(GENESIS_HASH.to_string(), |e| e.hash.clone());
        out.push(StoredEntry::seal(Entry {
            seq,
            day: day() + chrono::Days::new((seq / 4) as u64),
            kind: "donation".into(),
            amount_fen: seq * 100,
            payload: format!(r#"{{"donor":"D-{seq:04}"}}"#),
            prev_hash,
        }));
    }
    out
}

#[test]
fn empty_tree_root_is_sha256_of_nothing() {
    assert_eq!(
        hash_hex(&merkle_root(&[])),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn small_tree_roots_match_hand_computation() {
    let d: Vec<Vec<u8>> = (0..7u8).map(|i| vec![i; (i as usize) + 1]).collect();
    let l: Vec<Hash> = d.iter().map(|x| leaf_by_hand(x)).collect();
    assert_eq!(l[0], leaf_hash(&d[0]));
    let n = |a: &Hash, b: &Hash| node_by_hand(a, b);
    // n = 1: the leaf itself.
    assert_eq!(merkle_root(&l[..1]), l[0]);
    // n = 2
    assert_eq!(merkle_root(&l[..2]), n(&l[0], &l[1]));
    // n = 3: split 2 | 1
    assert_eq!(merkle_root(&l[..3]), n(&n(&l[0], &l[1]), &l[2]));
    // n = 5: split 4 | 1
    let four = n(&n(&l[0], &l[1]), &n(&l[2], &l[3]));
    assert_eq!(merkle_root(&l[..5]), n(&four, &l[4]));
    // n = 7: split 4 | 3, the 3 split 2 | 1
    let three = n(&n(&l[4], &l[5]), &l[6]);
    assert_eq!(merkle_root(&l[..7]), n(&four, &three));
}

#[test]
fn proofs_verify_for_every_index_of_every_size_to_70() {
    let all = leaves(70);
    for size in 1..=70usize {
        let l = &all[..size];
        let root = merkle_root(l);
        for i in 0..size {
            let p = inclusion_proof(l, i);
            assert!(p.len() <= 7, "n={size} i={i}");
            assert!(
                verify_inclusion(&l[i], i as u64, size as u64, &p, &root),
                "n={size} i={i}"
            );
        }
    }
}

#[test]
fn proof_fails_for_changed_leaf_index_size_or_root() {
    let l = leaves(13);
    let root = merkle_root(&l);
    let p = inclusion_proof(&l, 5);
    assert!(verify_inclusion(&l[5], 5, 13, &p, &root));
    assert!(!verify_inclusion(&leaf_hash(b"forged"), 5, 13, &p, &root));
    assert!(!verify_inclusion(&l[5], 4, 13, &p, &root));
    assert!(!verify_inclusion(&l[5], 6, 13, &p, &root));
    // A size whose tree has a different shape at this leaf fails. (A size with the same
    // shape, such as 12 or 14 here, yields the same computation: the size is bound by the
    // published checkpoint, which is why the donor compares size as well as root.)
    assert!(!verify_inclusion(&l[5], 5, 8, &p, &root));
    assert!(!verify_inclusion(&l[5], 5, 6, &p, &root));
    assert!(!verify_inclusion(&l[5], 5, 17, &p, &root));
    assert!(!verify_inclusion(&l[5], 5, 13, &p, &merkle_root(&l[..12])));
    assert!(!verify_inclusion(&l[5], 13, 13, &p, &root));
    assert!(!verify_inclusion(&l[5], 5, 13, &p[..p.len() - 1], &root));
    let mut longer = p.clone();
    longer.push(l[0]);
    assert!(!verify_inclusion(&l[5], 5, 13, &longer, &root));
    // Out of range: empty path, which does not verify.
    assert!(inclusion_proof(&l, 13).is_empty());
}

#[test]
fn single_leaf_tree_has_empty_proof() {
    let l = leaves(1);
    assert!(inclusion_proof(&l, 0).is_empty());
    assert!(verify_inclusion(&l[0], 0, 1, &[], &l[0]));
    assert!(!verify_inclusion(&l[0], 0, 0, &[], &l[0]));
}

/// 100,000 leaves (~200k SHA-256 operations) build well under a second in a debug build
/// (the sha2 dependency is compiled with opt-level 1). No timing is asserted.
#[test]
fn checkpoint_of_100000_leaves() {
    let l: Vec<Hash> = (0..100_000u32)
        .map(|i| leaf_hash(&i.to_be_bytes()))
        .collect();
    let root = merkle_root(&l);
    let p = inclusion_proof(&l, 77_777);
    assert_eq!(p.len(), 17);
    assert!(verify_inclusion(&l[77_777], 77_777, 100_000, &p, &root));
}

#[test]
fn hex_round_trips() {
    let h = leaf_hash(b"x");
    assert_eq!(hash_from_hex(&hash_hex(&h)), Some(h));
    assert_eq!(hash_from_hex(&hash_hex(&h).to_uppercase()), Some(h));
    assert_eq!(hash_hex(&h), sha256_hex(&[&[0u8][..], b"x"].concat()));
    assert_eq!(hash_from_hex("abc"), None);
    assert_eq!(hash_from_hex(&"g".repeat(64)), None);
}

#[test]
fn entry_hash_is_length_prefixed() {
    let e = Entry {
        seq: 7,
        day: day(),
        kind: "dona".into(),
        amount_fen: -5,
        payload: "tion{}".into(),
        prev_hash: GENESIS_HASH.into(),
    };
    // Recomputed by hand from the documented encoding.
    let mut v = Vec::new();
    for f in [
        &b"minzheng-charity-ledger-v1"[..],
        &7i64.to_be_bytes(),
        b"2026-11-23",
        b"dona",
        &(-5i64).to_be_bytes(),
        b"tion{}",
        GENESIS_HASH.as_bytes(),
    ] {
        v.extend_from_slice(&(f.len() as u64).to_be_bytes());
        v.extend_from_slice(f);
    }
    assert_eq!(e.entry_hash(), hash_hex(&sha(&v)));
    // Moving bytes across a field boundary changes the hash.
    let moved = Entry {
        kind: "donation".into(),
        payload: "{}".into(),
        ..e.clone()
    };
    assert_ne!(moved.entry_hash(), e.entry_hash());
}

/// The module docs' worked example, values computed independently with Python's hashlib.
#[test]
fn worked_example_matches_python() {
    let mk = |seq, kind: &str, amount_fen, payload: &str, prev_hash: &str| Entry {
        seq,
        day: day(),
        kind: kind.into(),
        amount_fen,
        payload: payload.into(),
        prev_hash: prev_hash.into(),
    };
    let e1 = mk(1, "donation", 10000, r#"{"donor":"D-0001"}"#, GENESIS_HASH);
    let h1 = e1.entry_hash();
    assert_eq!(
        h1,
        "cf654ee7ec2c700319a9143229582d965b76f7020972a2c1e8b7dcdc97091044"
    );
    let e2 = mk(
        2,
        "donation",
        5000,
        r#"{"donor":"D-0002","project":"助学"}"#,
        &h1,
    );
    let h2 = e2.entry_hash();
    assert_eq!(
        h2,
        "08420cc26e5cb842cd61cefa0546590a3c51e94f58b45009c5597cf5bbe3986c"
    );
    let e3 = mk(3, "grant", 12000, r#"{"to":"R-0007"}"#, &h2);
    assert_eq!(
        e3.entry_hash(),
        "f0184c90c20cbc7998ca4e9e0cf07399ee45134bff15cae68120ff4eb4580c28"
    );
    let stored: Vec<StoredEntry> = [e1, e2, e3].into_iter().map(StoredEntry::seal).collect();
    verify_chain(&stored).unwrap();
    let cp = checkpoint(day(), &stored).unwrap();
    assert_eq!(cp.tree_size, 3);
    assert_eq!(
        cp.root,
        "cac827cd7dcbac58a38e8d034db1afc63f1571d4015a2373820a876b22b6098c"
    );
    let proof = InclusionProof::build(2, &stored).unwrap();
    assert_eq!(proof.leaf_index, 1);
    assert_eq!(
        hash_hex(&stored[1].leaf().unwrap()),
        "18a7e0c2f5e3693ef2b0ceb70e795a6d685810c156dd2276ea30b8abc9fc566b"
    );
    assert_eq!(
        proof.audit_path,
        [
            "0c0803f50a6a41c44490e95b817b9b7a941c2391679b104ae64c070fcaff6ce9",
            "02124e15f28a3e8bb01fe2c455a837b965f3edbd864a48c7eebc03e0f69fbe5d",
        ]
    );
    assert!(proof.verify(&cp));
    // A changed amount in the downloaded entry, or a different published root, fails.
    let mut forged = proof.clone();
    forged.entry.amount_fen = 50000;
    assert!(!forged.verify(&cp));
    let other = Checkpoint {
        root: hash_hex(&leaf_hash(b"other")),
        ..cp.clone()
    };
    assert!(!proof.verify(&other));
}

#[test]
fn proofs_per_day_skip_other_days() {
    let c = chain(20);
    for s in &c {
        let proof = InclusionProof::build(s.entry.seq, &c).unwrap();
        let cp = checkpoint(s.entry.day, &c).unwrap();
        assert!(proof.verify(&cp), "seq {}", s.entry.seq);
    }
    assert!(InclusionProof::build(21, &c).is_none());
}

#[test]
fn good_chain_verifies() {
    verify_chain(&chain(10)).unwrap();
    verify_chain(&[]).unwrap();
    let c = chain(10);
    verify_chain_after(Some((4, &c[3].hash)), &c[4..]).unwrap();
}

#[test]
fn changed_entry_is_named() {
    let mut c = chain(10);
    c[5].entry.amount_fen += 1;
    let brk = verify_chain(&c).unwrap_err();
    assert_eq!(brk, ChainBreak::Changed { seq: 6 });
    assert!(brk.to_string().contains("6"));
    assert!(brk.message_zh().contains("第 6 条"));
}

#[test]
fn changed_and_rehashed_entry_breaks_the_next_link() {
    let mut c = chain(10);
    c[5].entry.payload = r#"{"donor":"someone else"}"#.into();
    c[5] = StoredEntry::seal(c[5].entry.clone());
    assert_eq!(verify_chain(&c), Err(ChainBreak::Unlinked { seq: 7 }));
}

#[test]
fn deleted_entry_is_named() {
    let mut c = chain(10);
    c.remove(3);
    assert_eq!(verify_chain(&c), Err(ChainBreak::Deleted { seq: 4 }));
    let mut c = chain(10);
    c.remove(0);
    assert_eq!(verify_chain(&c), Err(ChainBreak::Deleted { seq: 1 }));
}

#[test]
fn swapped_pair_is_named() {
    // Rows in the wrong order.
    let mut c = chain(10);
    c.swap(4, 5);
    let brk = verify_chain(&c).unwrap_err();
    assert_eq!(
        brk,
        ChainBreak::OutOfOrder {
            seq: 6,
            expected: 5
        }
    );
    assert_eq!(brk.seq(), 6);
    // Contents swapped, seq numbers kept in order.
    let mut c = chain(10);
    let (a, b) = (c[4].clone(), c[5].clone());
    c[4] = StoredEntry {
        entry: Entry { seq: 5, ..b.entry },
        hash: b.hash,
    };
    c[5] = StoredEntry {
        entry: Entry { seq: 6, ..a.entry },
        hash: a.hash,
    };
    assert_eq!(verify_chain(&c), Err(ChainBreak::Unlinked { seq: 5 }));
}

#[test]
fn inserted_entry_is_named() {
    let mut c = chain(6);
    let forged = StoredEntry::seal(Entry {
        seq: 4,
        amount_fen: 1,
        ..c[3].entry.clone()
    });
    c.insert(3, forged);
    for (i, e) in c.iter_mut().enumerate().skip(4) {
        e.entry.seq = i as i64 + 1;
    }
    // Renumbering the later entries changes their hashes; the first untrustworthy entry is
    // the old entry 4, now numbered 5.
    assert_eq!(verify_chain(&c), Err(ChainBreak::Unlinked { seq: 5 }));
}

proptest! {
    #[test]
    fn random_proofs_verify_and_flipped_bits_fail(
        n in 1usize..300,
        index_seed in any::<usize>(),
        elem_seed in any::<usize>(),
        bit in 0usize..256,
    ) {
        let l = leaves(n);
        let index = index_seed % n;
        let root = merkle_root(&l);
        let p = inclusion_proof(&l, index);
        prop_assert!(verify_inclusion(&l[index], index as u64, n as u64, &p, &root));
        if !p.is_empty() {
            let mut bad = p.clone();
            bad[elem_seed % p.len()][bit / 8] ^= 1 << (bit % 8);
            prop_assert!(!verify_inclusion(&l[index], index as u64, n as u64, &bad, &root));
        }
    }
}
