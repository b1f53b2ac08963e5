//! 账本 the charity's tamper-evident ledger: every donation, grant and transfer is one entry in an
//! append-only chain, and each day's entries are summed up in a published checkpoint.
//!
//! Why: a donor cannot audit the charity's database, and should not have to trust it. Two
//! mechanisms make tampering visible instead of merely forbidden:
//!
//! * **The chain.** Each entry's hash covers its fields and the previous entry's hash
//!   ([`entry_hash`]), so changing an entry breaks its own hash, deleting one leaves a gap in
//!   `seq`, and reordering or inserting one breaks the next link. [`verify_chain`] finds the
//!   first such break and names the entry ([`ChainBreak`]).
//! * **The daily checkpoint.** Each day's entries (in `seq` order) are the leaves of a Merkle tree
//!   built exactly as in RFC 6962 / RFC 9162 (Certificate Transparency). Its root is published
//!   outside the system (website, notice board, newspaper), so the charity cannot later rewrite
//!   that day without the published root no longer matching. A donor downloads an inclusion proof
//!   for their entry — a handful of hashes — and checks it against the published root with nothing
//!   but SHA-256, following the procedure below.
//!
//! This module is pure: no database, no clock. The store writes entries and checkpoints; the
//! server hands out proofs; both use the functions here.
//!
//! # The stand-alone check (for donors and auditors)
//!
//! All hashes are SHA-256. Hex is lowercase; 32-byte hashes are 64 hex characters.
//!
//! ## 1. The entry hash
//!
//! An entry has seven inputs, encoded in this order. Each one is written as an 8-byte
//! big-endian unsigned length (the number of bytes that follow) and then those bytes:
//!
//! | # | field        | bytes                                                        |
//! |---|--------------|--------------------------------------------------------------|
//! | 1 | domain tag   | ASCII `minzheng-charity-ledger-v1` (26 bytes)                |
//! | 2 | `seq`        | 8-byte big-endian two's-complement integer                   |
//! | 3 | `day`        | ASCII `YYYY-MM-DD` (10 bytes)                                |
//! | 4 | `kind`       | UTF-8 text, e.g. `donation`                                  |
//! | 5 | `amount_fen` | 8-byte big-endian two's-complement integer (分, 1/100 yuan)   |
//! | 6 | `payload`    | UTF-8 of the JSON text exactly as published (not re-formatted) |
//! | 7 | `prev_hash`  | ASCII of the previous entry's hash in lowercase hex (64 bytes); for the first entry 64 `0`s |
//!
//! `entry_hash` = lowercase hex of SHA-256 over the concatenation. Because every field carries
//! its length, no two different entries encode to the same bytes.
//!
//! ## 2. The leaf and the tree
//!
//! * leaf hash = SHA-256(`0x00` ‖ the 32 raw bytes of `entry_hash`) (hex-decode it first);
//! * interior node = SHA-256(`0x01` ‖ left ‖ right);
//! * a day's tree has the day's entries in `seq` order; a tree of `n > 1` leaves is split after
//!   the first `k` leaves, `k` the largest power of two smaller than `n`; the empty tree's root is
//!   SHA-256 of nothing. The `0x00`/`0x01` prefixes stop a leaf from posing as a node.
//!
//! ## 3. Checking a proof (RFC 9162 §2.1.3.2)
//!
//! A proof gives `leaf_index` (the entry's position in its day, from 0), `tree_size`, the
//! `audit_path` (hashes, leaf to root) and the day's `root`, which the donor compares with the
//! root the charity **published** for that day — that comparison is what makes the check mean
//! anything. Compare `tree_size` with the published size too: the path alone fixes the tree's
//! shape around the leaf, not its exact size.
//!
//! ```text
//! if leaf_index >= tree_size: fail
//! fn = leaf_index; sn = tree_size - 1; r = leaf hash
//! for each p in audit_path:
//!     if sn == 0: fail
//!     if fn is odd or fn == sn:
//!         r = SHA-256(0x01 ‖ p ‖ r)
//!         while fn is even and fn != 0: fn >>= 1; sn >>= 1
//!     else:
//!         r = SHA-256(0x01 ‖ r ‖ p)
//!     fn >>= 1; sn >>= 1
//! accept only if sn == 0 and r == root
//! ```
//!
//! ## The same in Python
//!
//! ```text
//! import hashlib, struct
//!
//! def field(b): return struct.pack('>Q', len(b)) + b
//!
//! def entry_hash(seq, day, kind, amount_fen, payload, prev_hash):
//!     parts = [b'minzheng-charity-ledger-v1', struct.pack('>q', seq), day.encode('ascii'),
//!              kind.encode('utf-8'), struct.pack('>q', amount_fen), payload.encode('utf-8'),
//!              prev_hash.encode('ascii')]
//!     return hashlib.sha256(b''.join(field(p) for p in parts)).hexdigest()
//!
//! def leaf(h): return hashlib.sha256(b'\x00' + bytes.fromhex(h)).digest()
//! def node(l, r): return hashlib.sha256(b'\x01' + l + r).digest()
//!
//! def verify(leaf_hash, index, size, path, root):
//!     if index >= size: return False
//!     fn, sn, r = index, size - 1, leaf_hash
//!     for p in path:
//!         if sn == 0: return False
//!         if fn & 1 or fn == sn:
//!             r = node(p, r)
//!             while not fn & 1 and fn != 0:
//!                 fn >>= 1; sn >>= 1
//!         else:
//!             r = node(r, p)
//!         fn >>= 1; sn >>= 1
//!     return sn == 0 and r == root
//! ```
//!
//! ## Worked example
//!
//! On 2026-11-23 the ledger holds three entries (the first entries ever, so entry 1 links to
//! 64 `0`s):
//!
//! | seq | kind     | amount_fen | payload                                 | entry_hash |
//! |-----|----------|-----------:|-----------------------------------------|------------|
//! | 1   | donation | 10000      | `{"donor":"D-0001"}`                    | `cf654ee7ec2c700319a9143229582d965b76f7020972a2c1e8b7dcdc97091044` |
//! | 2   | donation | 5000       | `{"donor":"D-0002","project":"助学"}`   | `08420cc26e5cb842cd61cefa0546590a3c51e94f58b45009c5597cf5bbe3986c` |
//! | 3   | grant    | 12000      | `{"to":"R-0007"}`                       | `f0184c90c20cbc7998ca4e9e0cf07399ee45134bff15cae68120ff4eb4580c28` |
//!
//! The published root for the day (`tree_size` 3) is
//! `cac827cd7dcbac58a38e8d034db1afc63f1571d4015a2373820a876b22b6098c`.
//! Donor D-0002 recomputes entry 2's hash from its fields (`prev_hash` = entry 1's hash), takes
//! its leaf hash `18a7e0c2f5e3693ef2b0ceb70e795a6d685810c156dd2276ea30b8abc9fc566b`, and checks
//! the proof `leaf_index` 1, `tree_size` 3, `audit_path` =
//! [`0c0803f50a6a41c44490e95b817b9b7a941c2391679b104ae64c070fcaff6ce9` (leaf of entry 1),
//! `02124e15f28a3e8bb01fe2c455a837b965f3edbd864a48c7eebc03e0f69fbe5d` (leaf of entry 3)]:
//! r = node(path\[0\], leaf) (index 1 is odd), then r = node(r, path\[1\]) (index 0 ≠ last 1),
//! and r equals the published root. (The test `worked_example_matches_python` pins these values.)

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::audit::sha256_hex;

/// The payload text of an entry: JSON with object keys sorted (by their UTF-8 bytes) at every
/// level and no whitespace, so the same facts always give the same bytes.
pub fn canonical_json(value: &serde_json::Value) -> String {
    fn write(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::String(k.clone()).to_string());
                    out.push(':');
                    write(&map[k], out);
                }
                out.push('}');
            }
            serde_json::Value::Array(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// A 32-byte SHA-256 digest: a leaf hash, a node hash or a root.
pub type Hash = [u8; 32];

/// `prev_hash` of the first entry: 64 `0`s (the same genesis as the audit log).
pub const GENESIS_HASH: &str = crate::audit::GENESIS_HASH;

/// Distinguishes this encoding from every other use of SHA-256 in the system.
const DOMAIN: &[u8] = b"minzheng-charity-ledger-v1";

/// One ledger entry's hashed content.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Position in the whole ledger, from 1, consecutive.
    pub seq: i64,
    /// The day whose checkpoint includes this entry.
    pub day: NaiveDate,
    /// What happened, e.g. `donation`, `grant`, `transfer`.
    pub kind: String,
    /// Amount in 分 (1/100 yuan).
    pub amount_fen: i64,
    /// Canonical JSON text with the details, hashed byte for byte as stored.
    pub payload: String,
    /// `entry_hash` of the previous entry, or [`GENESIS_HASH`].
    pub prev_hash: String,
}

impl Entry {
    /// The unambiguous byte encoding that is hashed (see the module docs, section 1).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let day = self.day.format("%Y-%m-%d").to_string();
        let mut out = Vec::with_capacity(
            7 * 8 + DOMAIN.len() + 16 + day.len() + self.kind.len() + self.payload.len() + 64,
        );
        let mut field = |bytes: &[u8]| {
            out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
            out.extend_from_slice(bytes);
        };
        field(DOMAIN);
        field(&self.seq.to_be_bytes());
        field(day.as_bytes());
        field(self.kind.as_bytes());
        field(&self.amount_fen.to_be_bytes());
        field(self.payload.as_bytes());
        field(self.prev_hash.as_bytes());
        out
    }

    /// This entry's hash: lowercase hex SHA-256 of [`Entry::canonical_bytes`].
    pub fn entry_hash(&self) -> String {
        entry_hash(self)
    }
}

/// Lowercase hex SHA-256 of the entry's canonical bytes (module docs, section 1).
pub fn entry_hash(entry: &Entry) -> String {
    sha256_hex(&entry.canonical_bytes())
}

/// An entry as stored: its content and the hash recorded when it was appended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredEntry {
    #[serde(flatten)]
    pub entry: Entry,
    pub hash: String,
}

impl StoredEntry {
    /// Seals `entry` with its hash (what the store does on append).
    pub fn seal(entry: Entry) -> Self {
        let hash = entry.entry_hash();
        StoredEntry { entry, hash }
    }

    /// The Merkle leaf hash of this entry, from its stored hash (`None` if that is not 64 hex).
    pub fn leaf(&self) -> Option<Hash> {
        entry_leaf(&self.hash)
    }
}

/// The first entry that cannot be trusted, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(tag = "break", rename_all = "snake_case")]
pub enum ChainBreak {
    /// The entry's fields no longer produce its recorded hash: it was changed.
    #[error("ledger entry {seq} was changed: its hash does not recompute")]
    Changed { seq: i64 },
    /// `seq` jumps past this number: the entry was deleted.
    #[error("ledger entry {seq} is missing: it was deleted")]
    Deleted { seq: i64 },
    /// The entry's `prev_hash` is not the hash of the entry before it (or genesis for the first):
    /// entries were reordered, one was inserted, or the one before was changed and re-hashed.
    #[error(
        "ledger entry {seq} does not link to the entry before it: entries were reordered or inserted, or the previous entry was re-hashed"
    )]
    Unlinked { seq: i64 },
    /// The entry with `seq` stands where `expected` should be: entries were reordered.
    #[error("ledger entry {seq} is out of order: entry {expected} belongs here")]
    OutOfOrder { seq: i64, expected: i64 },
}

impl ChainBreak {
    /// The entry named.
    pub fn seq(&self) -> i64 {
        match *self {
            ChainBreak::Changed { seq }
            | ChainBreak::Deleted { seq }
            | ChainBreak::Unlinked { seq }
            | ChainBreak::OutOfOrder { seq, .. } => seq,
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match *self {
            ChainBreak::Changed { seq } => format!("账本第 {seq} 条被改动：哈希值对不上"),
            ChainBreak::Deleted { seq } => format!("账本第 {seq} 条缺失：已被删除"),
            ChainBreak::Unlinked { seq } => format!(
                "账本第 {seq} 条与前一条衔接不上：条目被调换或插入，或前一条被改动后重算了哈希"
            ),
            ChainBreak::OutOfOrder { seq, expected } => {
                format!("账本第 {seq} 条顺序错乱：此处应为第 {expected} 条")
            }
        }
    }
}

/// Checks a whole ledger from its first entry, in the order given (which should be `seq` order).
/// Returns the first break: a gap in `seq` is a deletion, a wrong `prev_hash` a reordering or
/// insertion, a hash that does not recompute a change.
pub fn verify_chain(entries: &[StoredEntry]) -> Result<(), ChainBreak> {
    verify_chain_after(None, entries)
}

/// Checks entries continuing after an already verified entry (`seq`, `hash`), or from the
/// start of the ledger when `after` is `None`.
pub fn verify_chain_after(
    after: Option<(i64, &str)>,
    entries: &[StoredEntry],
) -> Result<(), ChainBreak> {
    let (mut expected, mut prev_hash) = match after {
        Some((seq, hash)) => (seq.saturating_add(1), hash),
        None => (1, GENESIS_HASH),
    };
    for (i, s) in entries.iter().enumerate() {
        let e = &s.entry;
        if e.seq != expected {
            // The expected entry further on means a reordering; nowhere, a deletion.
            let later = entries[i + 1..].iter().any(|x| x.entry.seq == expected);
            return Err(if e.seq > expected && !later {
                ChainBreak::Deleted { seq: expected }
            } else {
                ChainBreak::OutOfOrder {
                    seq: e.seq,
                    expected,
                }
            });
        }
        if e.prev_hash != prev_hash {
            return Err(ChainBreak::Unlinked { seq: e.seq });
        }
        if e.entry_hash() != s.hash {
            return Err(ChainBreak::Changed { seq: e.seq });
        }
        expected = e.seq.saturating_add(1);
        prev_hash = &s.hash;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Merkle tree (RFC 6962 §2.1 / RFC 9162 §2.1)

/// Leaf hash: SHA-256(`0x00` ‖ `data`).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(data);
    h.finalize().into()
}

/// Interior node hash: SHA-256(`0x01` ‖ `left` ‖ `right`).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The leaf of an entry: [`leaf_hash`] of the 32 raw bytes of its hex `entry_hash`.
pub fn entry_leaf(entry_hash_hex: &str) -> Option<Hash> {
    hash_from_hex(entry_hash_hex).map(|raw| leaf_hash(&raw))
}

/// The largest power of two smaller than `n` (`n >= 2`).
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The RFC 6962 Merkle Tree Hash of leaf hashes (already [`leaf_hash`]ed). The empty tree's root
/// is SHA-256 of the empty string.
pub fn merkle_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&merkle_root(&leaves[..k]), &merkle_root(&leaves[k..]))
        }
    }
}

/// The RFC 6962 audit path of leaf `index`: sibling hashes from the leaf up to the root.
/// Empty for a one-leaf tree, and for an `index` out of range (which then fails to verify,
/// since [`verify_inclusion`] rejects an index not below the tree size).
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    let mut path = Vec::new();
    if index < leaves.len() {
        audit_path(leaves, index, &mut path);
    }
    path
}

fn audit_path(leaves: &[Hash], index: usize, path: &mut Vec<Hash>) {
    let n = leaves.len();
    if n <= 1 {
        return;
    }
    let k = split(n);
    if index < k {
        audit_path(&leaves[..k], index, path);
        path.push(merkle_root(&leaves[k..]));
    } else {
        audit_path(&leaves[k..], index - k, path);
        path.push(merkle_root(&leaves[..k]));
    }
}

/// Checks an audit path by the algorithm of RFC 9162 §2.1.3.2 (module docs, section 3).
pub fn verify_inclusion(
    leaf_hash: &Hash,
    index: u64,
    tree_size: u64,
    proof: &[Hash],
    root: &Hash,
) -> bool {
    if index >= tree_size {
        return false;
    }
    let (mut fnode, mut snode) = (index, tree_size - 1);
    let mut r = *leaf_hash;
    for p in proof {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && r == *root
}

/// A hash in its published form: 64 lowercase hex characters.
pub fn hash_hex(hash: &Hash) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in hash {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// Parses 64 hex characters (either case) into a hash.
pub fn hash_from_hex(s: &str) -> Option<Hash> {
    let s = s.as_bytes();
    if s.len() != 64 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Published forms

/// A day's checkpoint as published: the Merkle root over that day's entries in `seq` order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub day: NaiveDate,
    pub tree_size: u64,
    /// Lowercase hex.
    pub root: String,
}

/// The leaves of a day's entries (given in `seq` order; entries of other days are skipped).
/// `None` if a stored hash is not 64 hex characters.
pub fn day_leaves(day: NaiveDate, entries: &[StoredEntry]) -> Option<Vec<Hash>> {
    entries
        .iter()
        .filter(|e| e.entry.day == day)
        .map(StoredEntry::leaf)
        .collect()
}

/// The checkpoint of `day` over its entries (in `seq` order; other days' entries are skipped).
/// `None` if a stored hash is not 64 hex characters.
pub fn checkpoint(day: NaiveDate, entries: &[StoredEntry]) -> Option<Checkpoint> {
    let leaves = day_leaves(day, entries)?;
    Some(Checkpoint {
        day,
        tree_size: leaves.len() as u64,
        root: hash_hex(&merkle_root(&leaves)),
    })
}

/// What a donor downloads for one entry: enough to check it against the published checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InclusionProof {
    pub entry: Entry,
    /// The entry's hash, lowercase hex.
    pub entry_hash: String,
    /// Position of the entry among its day's entries, from 0.
    pub leaf_index: u64,
    pub tree_size: u64,
    /// Sibling hashes from leaf to root, lowercase hex.
    pub audit_path: Vec<String>,
    /// The day's root, lowercase hex; compare with the published checkpoint.
    pub root: String,
}

impl InclusionProof {
    /// The proof for the entry with `seq` among `entries` (the day's entries in `seq` order;
    /// entries of other days are skipped). `None` if that entry is not there on its day or a
    /// stored hash is malformed.
    pub fn build(seq: i64, entries: &[StoredEntry]) -> Option<InclusionProof> {
        let target = entries.iter().find(|e| e.entry.seq == seq)?;
        let day = target.entry.day;
        let leaves = day_leaves(day, entries)?;
        let index = entries
            .iter()
            .filter(|e| e.entry.day == day)
            .position(|e| e.entry.seq == seq)?;
        Some(InclusionProof {
            entry: target.entry.clone(),
            entry_hash: target.hash.clone(),
            leaf_index: index as u64,
            tree_size: leaves.len() as u64,
            audit_path: inclusion_proof(&leaves, index)
                .iter()
                .map(hash_hex)
                .collect(),
            root: hash_hex(&merkle_root(&leaves)),
        })
    }

    /// Checks the proof against a published checkpoint: the entry recomputes to `entry_hash`,
    /// the day and size match the checkpoint, and the audit path leads to its root.
    pub fn verify(&self, published: &Checkpoint) -> bool {
        if self.entry.entry_hash() != self.entry_hash
            || self.entry.day != published.day
            || self.tree_size != published.tree_size
            || !self.root.eq_ignore_ascii_case(&published.root)
        {
            return false;
        }
        let (Some(leaf), Some(root)) = (entry_leaf(&self.entry_hash), hash_from_hex(&self.root))
        else {
            return false;
        };
        let Some(path) = self
            .audit_path
            .iter()
            .map(|h| hash_from_hex(h))
            .collect::<Option<Vec<_>>>()
        else {
            return false;
        };
        verify_inclusion(&leaf, self.leaf_index, self.tree_size, &path, &root)
    }
}

#[cfg(test)]
mod tests;
