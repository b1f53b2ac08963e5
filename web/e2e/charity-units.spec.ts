import { test, expect } from '@playwright/test'
import { yuanCapital } from '../src/charity/capitals'
import { checkProof, entryHash } from '../src/charity/proof'
import type { ProofFile } from '../src/charity/types'

// Unit tests of the console's pure charity helpers, run by the Playwright runner without a browser:
// the receipt's amount in capitals (人民币大写) and the portal's in-browser proof check.

test.describe('人民币大写 on the receipt', () => {
  const cases: [number, string][] = [
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角'],
    [50, '伍角'],
    [105, '壹元零伍分'],
    [1600, '壹拾陆元整'],
    [10000, '壹佰元整'],
    [32504, '叁佰贰拾伍元零肆分'],
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [100050000, '壹佰万零伍佰元整'],
    [10000000000, '壹亿元整'],
    [10000000100, '壹亿零壹元整'],
    [10001000000, '壹亿零壹万元整'],
    [100000500000, '壹拾亿零伍仟元整'],
    [100500000, '壹佰万伍仟元整'],
    [100000000000, '壹拾亿元整'],
    [-5000, '负伍拾元整'],
  ]
  for (const [fen, text] of cases) {
    test(`${fen} fen → ${text}`, () => {
      expect(yuanCapital(fen)).toBe(text)
    })
  }
  test('refuses a fraction of a fen', () => {
    expect(() => yuanCapital(1.5)).toThrow()
  })
})

// The worked example of docs/charity.md (crates/core/src/charity/ledger.rs pins the same values).
const ZERO = '0'.repeat(64)
const E1 = 'cf654ee7ec2c700319a9143229582d965b76f7020972a2c1e8b7dcdc97091044'
const E2 = '08420cc26e5cb842cd61cefa0546590a3c51e94f58b45009c5597cf5bbe3986c'
const ROOT = 'cac827cd7dcbac58a38e8d034db1afc63f1571d4015a2373820a876b22b6098c'
const proof: ProofFile = {
  receipt_code: 'CS20261123-EXAMPLE0',
  entry: { seq: 2, day: '2026-11-23', kind: 'donation', amount_fen: 5000, payload: '{"donor":"D-0002","project":"助学"}', prev_hash: E1 },
  entry_hash: E2,
  leaf_index: 1,
  tree_size: 3,
  audit_path: ['0c0803f50a6a41c44490e95b817b9b7a941c2391679b104ae64c070fcaff6ce9', '02124e15f28a3e8bb01fe2c455a837b965f3edbd864a48c7eebc03e0f69fbe5d'],
  root: ROOT,
  checkpoint_day: '2026-11-23',
}

test.describe('the inclusion proof check', () => {
  test('entry hashes of the worked example', async () => {
    expect(await entryHash({ seq: 1, day: '2026-11-23', kind: 'donation', amount_fen: 10000, payload: '{"donor":"D-0001"}', prev_hash: ZERO })).toBe(E1)
    expect(await entryHash(proof.entry)).toBe(E2)
  })
  test('the proof of entry 2 leads to the published root', async () => {
    expect(await checkProof(proof, ROOT)).toBe(true)
    // the contract's first name of the path
    expect(await checkProof({ ...proof, audit_path: undefined, path: proof.audit_path }, ROOT)).toBe(true)
  })
  test('a changed entry, path, index or root fails', async () => {
    expect(await checkProof({ ...proof, entry: { ...proof.entry, amount_fen: 50000 } }, ROOT)).toBe(false)
    expect(await checkProof({ ...proof, audit_path: [...proof.audit_path!].reverse() }, ROOT)).toBe(false)
    expect(await checkProof({ ...proof, leaf_index: 0 }, ROOT)).toBe(false)
    expect(await checkProof({ ...proof, leaf_index: 3 }, ROOT)).toBe(false)
    expect(await checkProof(proof, ROOT.replace(/^c/, 'd'))).toBe(false)
  })
})
