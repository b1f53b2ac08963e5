// 公开账本, 校验点, 校验, and the proof procedure: console and portal texts (zh and en in the same shape).
export const zh = {
  ledger: {
    entries: '账本记录', checkpoints: '每日校验点', verifications: '校验记录', seq: '账本序号', day: '日期', kind: '类型',
    amount: '金额（元）', payload: '内容', prevHash: '前一条哈希', hash: '记录哈希', treeSize: '记录数', seqRange: '序号范围',
    root: '默克尔根（Merkle root）', chainHead: '链尾哈希', publishedAt: '发布时间',
    kinds: { donation: '捐赠', allocation: '拨付', goods_in: '物资入库', redemption: '物资兑换', expiry: '物资过期', correction: '更正' },
    verify: '校验账本', build: '发布校验点', verifyHint: '重新计算每条记录的哈希链和每日校验点，发现被修改或删除的记录', progress: '正在校验：已核 {done} / {total} 条记录',
    ok: '账本完整：未发现篡改', broken: '发现篡改：第 {seq} 条记录', brokenNoSeq: '发现篡改：校验点与账本不符', ranAt: '校验时间 {at}，共 {entries} 条记录、{checkpoints} 个校验点',
    built: '已发布 {n} 个校验点：{days}', builtNone: '没有需要发布的校验点（当天的校验点次日发布）',
    ranAtCol: '校验时间', result: '结果', resultOk: '完整', resultBad: '篡改', entriesN: '记录数', checkpointsN: '校验点', message: '说明', ranBy: '执行人',
  },
  proof: {
    title: '如何自行核验包含证明',
    step1: '在捐赠去向页下载包含证明（JSON 文件），其中有账本记录 entry、记录哈希 entry_hash、叶子位置 leaf_index、树大小 tree_size、路径 path 和根哈希 root。',
    step2: '计算叶子哈希：在 entry_hash 的 32 个字节前加一个字节 0x00，取 SHA-256：',
    step3: '按 RFC 9162 第 2.1.3.2 节，从叶子开始依次与 path 中的哈希合并（左右顺序由下面的步骤决定）：',
    step4: '把算出的根哈希与本平台公布的当日校验点（checkpoint_day）的默克尔根比较，并核对记录数 tree_size：一致即说明这笔捐赠记录在当日账本中，且未被修改。',
    more: '完整说明（包括如何由记录内容重新计算 entry_hash）和 Python 示例见项目文档 docs/charity.md 的“Checking a proof yourself”一节。',
  },
}

export const en: typeof zh = {
  ledger: {
    entries: 'Entries', checkpoints: 'Daily checkpoints', verifications: 'Verifications', seq: 'Ledger seq', day: 'Day', kind: 'Kind',
    amount: 'Amount (yuan)', payload: 'Payload', prevHash: 'Previous hash', hash: 'Entry hash', treeSize: 'Entries', seqRange: 'Seq range',
    root: 'Merkle root', chainHead: 'Chain head', publishedAt: 'Published',
    kinds: { donation: 'Donation', allocation: 'Allocation', goods_in: 'Goods in', redemption: 'Redemption', expiry: 'Expiry', correction: 'Correction' },
    verify: 'Verify ledger', build: 'Publish checkpoints', verifyHint: 'Recomputes the hash chain and every daily checkpoint to find changed or deleted entries', progress: 'Verifying: {done} of {total} entries and rows checked',
    ok: 'Ledger intact: no tampering found', broken: 'Tampering found at entry {seq}', brokenNoSeq: 'Tampering found: a checkpoint does not match the ledger', ranAt: 'Checked {at}: {entries} entries, {checkpoints} checkpoints',
    built: 'Published {n} checkpoints: {days}', builtNone: 'Nothing to publish (a day’s checkpoint is published the next day)',
    ranAtCol: 'Checked at', result: 'Result', resultOk: 'Intact', resultBad: 'Tampered', entriesN: 'Entries', checkpointsN: 'Checkpoints', message: 'Message', ranBy: 'By',
  },
  proof: {
    title: 'How to check an inclusion proof yourself',
    step1: 'Download the inclusion proof (a JSON file) on the donation’s page: it holds the ledger entry, entry_hash, leaf_index, tree_size, path and root.',
    step2: 'Compute the leaf: SHA-256 of the byte 0x00 followed by the 32 bytes of entry_hash:',
    step3: 'Combine it with the hashes of path in turn, per RFC 9162 §2.1.3.2 (the order of left and right as below):',
    step4: 'Compare the result with the Merkle root this portal published for checkpoint_day, and the tree size: equal means the donation is in that day’s ledger, unchanged.',
    more: 'The full procedure (including recomputing entry_hash from the entry) and a Python example: docs/charity.md, “Checking a proof yourself”.',
  },
}
