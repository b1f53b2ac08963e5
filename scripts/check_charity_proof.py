#!/usr/bin/env python3
"""Check a donation's inclusion proof (慈善捐赠包含证明) with nothing but SHA-256.

Usage: check_charity_proof.py PROOF.json PUBLISHED_ROOT [PUBLISHED_TREE_SIZE]

PROOF.json is what the portal's 下载包含证明 gives (GET /api/v1/public/charity/proof/{receipt code}).
PUBLISHED_ROOT is the day's root as the charity published it (the portal's 每日校验点, a notice
board, a newspaper): the check means something only against a root published independently.
The procedure is docs/charity.md, "Checking a proof yourself" (RFC 9162 §2.1.3.2). Exit status 0
when the proof holds, 1 when it does not.
"""
import hashlib
import json
import struct
import sys


def field(b):
    return struct.pack('>Q', len(b)) + b


def entry_hash(e):
    parts = [b'minzheng-charity-ledger-v1', struct.pack('>q', e['seq']), e['day'].encode('ascii'),
             e['kind'].encode('utf-8'), struct.pack('>q', e['amount_fen']), e['payload'].encode('utf-8'),
             e['prev_hash'].encode('ascii')]
    return hashlib.sha256(b''.join(field(p) for p in parts)).hexdigest()


def leaf(h):
    return hashlib.sha256(b'\x00' + bytes.fromhex(h)).digest()


def node(left, right):
    return hashlib.sha256(b'\x01' + left + right).digest()


def root_from_path(leaf_hash, index, size, path):
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    proof = json.load(open(sys.argv[1], encoding='utf-8'))
    published_root = sys.argv[2].lower()
    e = proof['entry']
    h = entry_hash(e)
    if h != proof['entry_hash']:
        print(f'FAIL: the entry recomputes to {h}, not {proof["entry_hash"]}')
        return 1
    payload = json.loads(e['payload'])
    if len(sys.argv) > 3 and int(sys.argv[3]) != proof['tree_size']:
        print(f'FAIL: the proof is for a tree of {proof["tree_size"]} entries; {sys.argv[3]} were published')
        return 1
    path = [bytes.fromhex(p) for p in proof['audit_path']]
    r = root_from_path(leaf(h), proof['leaf_index'], proof['tree_size'], path)
    if r is None or r.hex() != published_root:
        print(f'FAIL: the path leads to {r.hex() if r else "nothing"}, not the published root {published_root}')
        return 1
    print(f'OK: entry {e["seq"]} of {e["day"]} ({e["kind"]}, {e["amount_fen"] / 100:.2f} yuan, '
          f'receipt {payload.get("receipt_code", "?")}) is in the published checkpoint of {e["day"]}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
