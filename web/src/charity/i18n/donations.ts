// 捐赠登记, 捐赠收据, 募捐活动: console texts (zh and en in the same shape).
export const zh = {
  donation: {
    create: '登记捐赠', save: '登记并出具收据', detail: '捐赠详情', recorded: '已登记，收据编号 {code}',
    q: '关键字', qPlaceholder: '收据编号 / 捐赠人', receiptCode: '收据编号', donor: '捐赠人', donorKind: '捐赠人类型',
    donorName: '捐赠人姓名', companyName: '捐赠单位名称', phone: '联系电话', anonymous: '匿名捐赠', anonymousTag: '匿名',
    anonymousHint: '公开平台上显示为“爱心人士”；收据仍写捐赠人姓名',
    form: '捐赠形式', amount: '捐赠金额（元）', amountYuan: '金额（元）', channel: '捐赠渠道', goods: '捐赠物资',
    goodsValue: '物资估值合计', noItems: '慈善超市尚无物资目录，请先在慈善超市中添加物资品类', item: '物资', quantity: '数量',
    unitValue: '单价（元）', lineTotal: '金额（元）', expiresOn: '保质期至', lineValue: '{n}{unit}，估值 {v} 元',
    addGoods: '添加物资', goodsHint: '物资按估值入账，入库慈善超市',
    designation: '捐赠意向', designationKind: '定向类型', fund: '基金', project: '慈善项目', region: '受助地区', category: '受助群体',
    designationHint: {
      undesignated: '非定向捐赠由慈善会统筹用于各基金和项目',
      fund: '只能用于所选基金的支出',
      project: '只能用于所选项目（含经该项目发放给受助对象的资金）',
      region: '只能用于居住在所选区或镇（街道）的受助对象',
      category: '只能用于属于所选群体的受助对象',
    },
    goodsUndesignated: '物资捐赠统一入库慈善超市，按救助对象发放，不能定向。',
    campaign: '募捐活动', receivedOn: '接收日期', note: '备注', openPortal: '在公开平台查看',
  },
  receipt: {
    title: '捐赠收据', short: '收据', print: '打印收据', code: '收据编号', amountFigures: '金额（小写）', amountCapital: '金额（大写）',
    rmb: '人民币', a5: 'A5 横向', anonymous: '匿名捐赠，公开时不显示姓名', goodsValued: '物资按估值计', use: '捐赠用途',
    ledger: '公开账本', ledgerEntry: '已记入慈善公开账本第 {seq} 条，记录哈希：',
    traceHint: '凭收据编号可在慈善公益信息公开平台查询这笔捐赠的去向：', thanks: '感谢您的爱心捐赠！',
    payee: '收款单位', seal: '（盖章）', handler: '经办人', printedAt: '打印时间：{at}',
  },
  campaign: {
    create: '发起募捐活动', name: '活动名称', startsOn: '开始日期', endsOn: '结束日期', target: '募集目标（元）', raised: '已募集（元）',
    donations: '捐赠笔数', description: '活动说明', byDay: '每日募集', seeDonations: '查看捐赠记录',
    state: { upcoming: '未开始', running: '进行中', ended: '已结束' },
    preset: '使用“广东扶贫济困日”模板', presetName: '{y}年“广东扶贫济困日”募捐活动',
    presetText: '每年6月30日为“广东扶贫济困日”。活动期间的捐赠计入本次活动，募集款物用于帮扶困难群众。',
  },
}

export const en: typeof zh = {
  donation: {
    create: 'Record donation', save: 'Record and issue receipt', detail: 'Donation', recorded: 'Recorded, receipt code {code}',
    q: 'Keyword', qPlaceholder: 'Receipt code / donor', receiptCode: 'Receipt code', donor: 'Donor', donorKind: 'Donor kind',
    donorName: 'Donor name', companyName: 'Company name', phone: 'Phone', anonymous: 'Anonymous', anonymousTag: 'Anonymous',
    anonymousHint: 'Shown as “a kind donor” on the public portal; the receipt keeps the name',
    form: 'Form', amount: 'Amount (yuan)', amountYuan: 'Amount (yuan)', channel: 'Channel', goods: 'Goods',
    goodsValue: 'Total value of goods', noItems: 'The charity supermarket has no items yet; add item kinds there first', item: 'Item', quantity: 'Quantity',
    unitValue: 'Unit value (yuan)', lineTotal: 'Value (yuan)', expiresOn: 'Best before', lineValue: '{n} {unit}, valued {v} yuan',
    addGoods: 'Add goods', goodsHint: 'Goods are booked at their value and go into the charity supermarket',
    designation: 'Designation', designationKind: 'Designation', fund: 'Fund', project: 'Project', region: 'Region', category: 'Beneficiary group',
    designationHint: {
      undesignated: 'Undesignated money is used by the charity for any fund or project',
      fund: 'May be spent only by the chosen fund',
      project: 'May be spent only on the chosen project (including its aid to recipients)',
      region: 'May be spent only on recipients living in the chosen district or town',
      category: 'May be spent only on recipients of the chosen group',
    },
    goodsUndesignated: 'Goods go into the charity supermarket for eligible households; they cannot be designated.',
    campaign: 'Campaign', receivedOn: 'Received on', note: 'Note', openPortal: 'Open on the portal',
  },
  receipt: {
    title: 'Donation receipt', short: 'Receipt', print: 'Print receipt', code: 'Receipt code', amountFigures: 'Amount (figures)', amountCapital: 'Amount (in words)',
    rmb: 'RMB ', a5: 'A5 landscape', anonymous: 'anonymous, the name is not published', goodsValued: 'goods at their value', use: 'Use',
    ledger: 'Public ledger', ledgerEntry: 'Entry {seq} of the charity’s public ledger, hash:',
    traceHint: 'Trace this donation with its receipt code on the charity portal: ', thanks: 'Thank you for your donation!',
    payee: 'Received by', seal: ' (seal)', handler: 'Clerk', printedAt: 'Printed {at}',
  },
  campaign: {
    create: 'New campaign', name: 'Name', startsOn: 'Starts', endsOn: 'Ends', target: 'Target (yuan)', raised: 'Raised (yuan)',
    donations: 'Donations', description: 'Description', byDay: 'Raised per day', seeDonations: 'See the donations',
    state: { upcoming: 'Upcoming', running: 'Running', ended: 'Ended' },
    preset: 'Use the Guangdong Poverty Relief Day template', presetName: 'Guangdong Poverty Relief Day {y}',
    presetText: '30 June is Guangdong Poverty Relief Day. Donations during the campaign count to it and help households in hardship.',
  },
}
