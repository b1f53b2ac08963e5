//! 审计日志 the audit log's hash chain: each entry's hash covers its fields and the previous
//! entry's hash, so changing, deleting or reordering entries is detectable.

use sha2::{Digest, Sha256};

/// `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Distinguishes this serialisation from any other use of SHA-256 in the system.
const DOMAIN: &[u8] = b"minzheng-audit-v1";

/// An entry as the chain sees it. The store's record (`store::audit::AuditRecord`, declared with
/// its decoder by `row::record!`) implements it over the text exactly as stored, which is what the
/// hash covers.
pub trait Chained {
    fn seq(&self) -> i64;
    fn prev_hash(&self) -> &str;
    fn hash(&self) -> &str;
    /// The hash the entry should carry given its fields and `prev_hash` ([`entry_hash`]).
    fn compute_hash(&self) -> String;
}

/// SHA-256 (lowercase hex) over a length-prefixed serialisation of the entry, so that moving
/// characters from one field to the next changes the hash.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    region_code: &str,
    ip: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(prev_hash.as_bytes());
    field(&seq.to_be_bytes());
    for s in [
        at,
        actor,
        action,
        entity,
        entity_id,
        region_code,
        ip,
        detail,
    ] {
        field(s.as_bytes());
    }
    hex(&h.finalize())
}

/// SHA-256 of `bytes` as lowercase hex (attachments, payroll fingerprints).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The same digest fed piece by piece, for a file too large to hold (a departmental snapshot).
#[derive(Default)]
pub struct Sha256Hex(Sha256);

impl Sha256Hex {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

fn hex(digest: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 0x0f)]);
    }
    out
}

const HEX: [char; 16] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
];

/// Where and why a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[error("audit chain broken at entry {seq}: {reason}")]
pub struct ChainBreak {
    /// The first entry that cannot be trusted (for a gap: the missing entry).
    pub seq: i64,
    /// English, e.g. `hash mismatch`, `prev_hash does not match entry 16`, `missing entry 17`.
    pub reason: String,
}

/// Checks entries one at a time in `seq` order, so a log of any length verifies in constant
/// memory while it streams from the database.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last: Option<(i64, String)>,
    count: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    /// A verifier expecting the chain from its first entry (whose `prev_hash` is genesis).
    pub fn new() -> Self {
        ChainVerifier {
            last: None,
            count: 0,
        }
    }

    /// A verifier continuing after an entry already verified (incremental checks).
    pub fn resume_after(seq: i64, hash: impl Into<String>) -> Self {
        ChainVerifier {
            last: Some((seq, hash.into())),
            count: 0,
        }
    }

    /// Checks the next entry: consecutive `seq`, `prev_hash` linking to the previous entry (or
    /// genesis), and a hash that recomputes. On error the verifier's state is unchanged.
    pub fn push(&mut self, r: &impl Chained) -> Result<(), ChainBreak> {
        let brk = |seq: i64, reason: String| Err(ChainBreak { seq, reason });
        let (seq, prev_hash) = (r.seq(), r.prev_hash());
        match &self.last {
            None => {
                if seq < 1 {
                    return brk(seq, format!("invalid seq {seq}"));
                }
                if prev_hash != GENESIS_HASH {
                    return brk(
                        seq,
                        "prev_hash of the first entry is not the genesis hash".into(),
                    );
                }
            }
            Some((last_seq, last_hash)) => {
                let expected = last_seq.saturating_add(1);
                if seq > expected {
                    return brk(expected, format!("missing entry {expected}"));
                }
                if seq < expected {
                    return brk(
                        seq,
                        format!("entry {seq} out of order after entry {last_seq}"),
                    );
                }
                if prev_hash != *last_hash {
                    return brk(seq, format!("prev_hash does not match entry {last_seq}"));
                }
            }
        }
        if r.compute_hash() != r.hash() {
            return brk(seq, "hash mismatch".into());
        }
        self.last = Some((seq, r.hash().to_owned()));
        self.count += 1;
        Ok(())
    }

    /// Entries verified so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The last verified entry's `seq` and hash.
    pub fn last(&self) -> Option<(i64, &str)> {
        self.last.as_ref().map(|(s, h)| (*s, h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One entry as the store keeps it (the store's own record is `store::audit::AuditRecord`).
    #[derive(Debug, Clone)]
    struct AuditRecord {
        seq: i64,
        at: String,
        actor: String,
        action: String,
        entity: String,
        entity_id: String,
        region_code: String,
        ip: String,
        detail: String,
        prev_hash: String,
        hash: String,
    }

    impl Chained for AuditRecord {
        fn seq(&self) -> i64 {
            self.seq
        }
        fn prev_hash(&self) -> &str {
            &self.prev_hash
        }
        fn hash(&self) -> &str {
            &self.hash
        }
        fn compute_hash(&self) -> String {
            entry_hash(&self.prev_hash, self.seq, &self.at, &self.actor, &self.action, &self.entity, &self.entity_id, &self.region_code, &self.ip, &self.detail)
        }
    }

    #[test]
    fn pieces_hash_as_the_whole() {
        let mut h = Sha256Hex::default();
        h.update(b"minzheng ");
        h.update(b"snapshot");
        assert_eq!(h.finish(), sha256_hex(b"minzheng snapshot"));
    }

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let mut r = AuditRecord {
                    seq,
                    at: format!("2026-03-01T08:00:{:02}Z", seq % 60),
                    actor: "huicheng".into(),
                    action: "person.update".into(),
                    entity: "person".into(),
                    entity_id: (100 + seq).to_string(),
                    region_code: "440705001001".into(),
                    ip: "10.0.0.1".into(),
                    detail: format!("{{\"n\":{seq}}}"),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                r.hash = r.compute_hash();
                prev = r.hash.clone();
                r
            })
            .collect()
    }

    fn verify(records: &[AuditRecord]) -> Result<u64, ChainBreak> {
        let mut v = ChainVerifier::new();
        for r in records {
            v.push(r)?;
        }
        Ok(v.count())
    }

    #[test]
    fn valid_chain_passes() {
        assert_eq!(verify(&chain(30)), Ok(30));
        assert_eq!(verify(&[]), Ok(0));
        assert_eq!(GENESIS_HASH.len(), 64);
        assert_eq!(chain(1)[0].hash.len(), 64);
    }

    #[test]
    fn altered_field_is_detected() {
        let mut c = chain(30);
        c[16].detail.push('x'); // seq 17
        assert_eq!(
            verify(&c),
            Err(ChainBreak {
                seq: 17,
                reason: "hash mismatch".into()
            })
        );
    }

    #[test]
    fn altered_and_rehashed_entry_breaks_the_next_link() {
        let mut c = chain(30);
        c[16].actor = "someone".into();
        c[16].hash = c[16].compute_hash();
        assert_eq!(
            verify(&c),
            Err(ChainBreak {
                seq: 18,
                reason: "prev_hash does not match entry 17".into()
            })
        );
    }

    #[test]
    fn deleted_entry_is_detected() {
        let mut c = chain(30);
        c.remove(16);
        assert_eq!(
            verify(&c),
            Err(ChainBreak {
                seq: 17,
                reason: "missing entry 17".into()
            })
        );
    }

    #[test]
    fn deleted_tail_of_first_entries_is_detected() {
        let c = chain(5);
        assert!(verify(&c[1..]).unwrap_err().reason.contains("genesis"));
    }

    #[test]
    fn reordered_entries_are_detected() {
        let mut c = chain(30);
        c.swap(15, 16);
        assert_eq!(
            verify(&c),
            Err(ChainBreak {
                seq: 16,
                reason: "missing entry 16".into()
            })
        );
        // Swapping contents but keeping the seq column in order: the link breaks at 16.
        let mut c = chain(30);
        c.swap(15, 16);
        c[15].seq = 16;
        c[16].seq = 17;
        let e = verify(&c).unwrap_err();
        assert_eq!(e.seq, 16);
        assert_eq!(e.reason, "prev_hash does not match entry 15");
    }

    #[test]
    fn field_boundaries_matter() {
        let a = entry_hash(GENESIS_HASH, 1, "t", "ab", "c", "", "", "", "", "");
        let b = entry_hash(GENESIS_HASH, 1, "t", "a", "bc", "", "", "", "", "");
        assert_ne!(a, b);
    }

    #[test]
    fn resume_continues_a_verified_prefix() {
        let c = chain(10);
        let mut v = ChainVerifier::resume_after(c[4].seq, c[4].hash.clone());
        for r in &c[5..] {
            v.push(r).unwrap();
        }
        assert_eq!(v.count(), 5);
        assert_eq!(v.last().map(|(s, _)| s), Some(10));
    }
}
