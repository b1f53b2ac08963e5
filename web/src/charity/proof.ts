// The inclusion proof of a donation's ledger entry (GET /public/charity/proof/{code}), saved as a
// JSON file the donor can check with the stand-alone procedure (docs/charity.md).
import { portal } from './api'
import type { Proof, ProofFile } from './types'

/** Fetches the proof and saves it as `proof-<code>.json`; throws the API's error (404 before the day's checkpoint). */
export async function downloadProof(code: string): Promise<Proof> {
  const proof = await portal.proof(code)
  const blob = new Blob([JSON.stringify(proof, null, 2) + '\n'], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `proof-${code}.json`
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return proof
}

const hex = (b: ArrayBuffer | Uint8Array) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('')
function unhex(h: string): Uint8Array | null {
  if (!/^[0-9a-fA-F]{64}$/.test(h)) return null
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16)
  return out
}
async function sha256(prefix: number, ...parts: Uint8Array[]): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + parts.reduce((s, p) => s + p.length, 0))
  buf[0] = prefix
  let o = 1
  for (const p of parts) {
    buf.set(p, o)
    o += p.length
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf))
}

/** An entry's fields as hashed (section 1 of the procedure). */
export interface LedgerEntryFields { seq: number; day: string; kind: string; amount_fen: number; payload: string; prev_hash: string }

/** entry_hash: SHA-256 over the seven length-prefixed fields (docs/charity.md, "Checking a proof yourself"). */
export async function entryHash(e: LedgerEntryFields): Promise<string> {
  const enc = new TextEncoder()
  const int = (v: number) => {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigInt64(0, BigInt(v))
    return b
  }
  const fields = [enc.encode('minzheng-charity-ledger-v1'), int(e.seq), enc.encode(e.day), enc.encode(e.kind), int(e.amount_fen), enc.encode(e.payload), enc.encode(e.prev_hash)]
  const parts: Uint8Array[] = []
  for (const f of fields) {
    parts.push(int(f.length), f)
  }
  const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) {
    all.set(p, o)
    o += p.length
  }
  return hex(await crypto.subtle.digest('SHA-256', all))
}

/**
 * Checks an inclusion proof in the browser, as the documented procedure does by hand: the entry's
 * hash is recomputed from its fields (when the proof carries the payload text), the leaf is
 * SHA-256(0x00 ‖ entry hash bytes), combined with the path per RFC 9162 §2.1.3.2 (nodes are
 * SHA-256(0x01 ‖ left ‖ right)); true when the result equals `root` (the published checkpoint's).
 * Null where the browser has no Web Crypto (a page served over plain http).
 */
export async function checkProof(p: ProofFile, root: string): Promise<boolean | null> {
  if (!globalThis.crypto?.subtle) return null
  const e = p.entry
  if (e && typeof e.payload === 'string' && (await entryHash({ ...e, payload: e.payload })) !== p.entry_hash.toLowerCase()) return false
  const entry = unhex(p.entry_hash)
  if (!entry || p.leaf_index >= p.tree_size) return false
  let fn = p.leaf_index
  let sn = p.tree_size - 1
  let r = await sha256(0x00, entry)
  for (const h of p.audit_path ?? p.path ?? []) {
    const node = unhex(h)
    if (!node || sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(0x01, node, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      r = await sha256(0x01, r, node)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && hex(r) === root.toLowerCase()
}
