// 慈善超市: console texts (zh and en in the same shape), mounted under `ch.supermarket`.
export const zh = {
  menu: { stock: '超市库存', items: '商品目录', stockIn: '采购入库', counter: '兑换柜台', programmes: '积分发放', statement: '超市月报' },
  category: { grain_oil: '粮油', food: '食品', daily: '日用品', clothing: '衣物', bedding: '床上用品', other: '其他' },
  source: { donation: '社会捐赠', purchase: '采购' },
  warning: { expired: '已过期', soon: '临期' },
  programme: { dibao: '低保', tekun: '特困', low_income: '低收入' },
  basis: { per_household: '按户', per_member: '按人' },
  item: {
    code: '商品编码', name: '商品名称', category: '类别', unit: '单位', points: '兑换积分', value: '参考单价（元）', active: '在售',
    create: '新增商品', edit: '修改商品', q: '编码或名称', inactive: '已停用', pointsHint: '每单位所需积分', valueHint: '捐赠物资未注明价值时按此计价',
  },
  stock: {
    date: '库存日期', inStock: '库存', issuable: '可兑换', expired: '过期待核销', soon: '临期（{n}天内）', value: '库存金额（元）',
    nextExpiry: '最近保质期', lots: '批次', total: '库存总值（元）', warnings: '效期预警', showLots: '查看批次',
    itemLots: '{name} 的批次（先到期先出）', hint: '兑换时按先到期先出（FEFO）出库；过期物资不能兑换，须报损核销。',
  },
  lot: {
    id: '批次号', item: '商品', source: '来源', supplier: '供货单位/捐赠人', quantity: '入库数量', remaining: '剩余', unitValue: '单价（元）',
    expiresOn: '保质期至', noExpiry: '无保质期', receivedOn: '入库日期', daysLeft: '剩余天数', days: '{n}天', overdue: '过期{n}天',
    status: '状态', statusAll: '全部', inStock: '有库存', expiredOnly: '已过期', expiring: '临期', empty: '已出完', donation: '捐赠记录',
    writeOff: '报损核销', writeOffTitle: '报损核销：{name}（批次{id}）', reason: '核销原因', reasonExpired: '过期', reasonDamaged: '损坏变质',
    writeOffQty: '核销数量', note: '情况说明', writtenOff: '已核销', writeOffHint: '核销后不能恢复，核销金额计入本月报表。',
  },
  stockIn: {
    title: '采购入库', item: '商品', quantity: '数量', unitValue: '采购单价（元）', amount: '金额（元）', expiresOn: '保质期至',
    expiresHint: '最后可发放的日期；无保质期的物品留空', supplier: '供货单位', receivedOn: '入库日期', submit: '确认入库', saved: '已入库（批次{id}）',
    donationHint: '社会捐赠的物资在“捐赠登记”中登记，登记后自动入库。', recent: '最近入库', badAmount: '请填写正确的金额（元，最多两位小数）',
  },
  counter: {
    title: '兑换柜台', household: '兑换家庭', search: '输入户主姓名或身份证号', balance: '可用积分', points: '分', vouchers: '积分券',
    expiresOn: '有效期至', period: '发放期', programme: '积分项目', addItem: '添加物品', item: '物品', quantity: '数量', subtotal: '积分',
    total: '合计', remainingAfter: '兑换后剩余', confirm: '确认兑换', confirmTip: '确认为 {name} 兑换以上物品，共 {points} 分？', done: '兑换成功，剩余 {n} 分',
    noHousehold: '请先选择兑换家庭', noItems: '请添加要兑换的物品', over: '积分不足', recent: '最近兑换', issuable: '可兑换 {n}{unit}',
    expired: '已过期', none: '该户暂无积分', pickItem: '选择物品',
  },
  programmeView: {
    title: '积分项目', create: '新增积分项目', edit: '修改积分项目', name: '项目名称', eligible: '适用对象', basis: '发放基数', points: '每期积分',
    validMonths: '有效期（月）', validHint: '1 = 发放当月月底前有效', status: '状态', active: '发放中', closed: '已停止', note: '说明',
    issue: '发放积分', issueTitle: '发放积分：{name}', period: '发放期', region: '发放地区', regionHint: '该地区内所选救助类别的在保家庭都会发放；已发放过本期的家庭自动跳过',
    issued: '已向 {n} 户发放 {points} 分（{already} 户此前已发放）', nothing: '没有新的家庭需要发放（{already} 户本期已发放）',
    issues: '发放记录', households: '户数', already: '已发放跳过', expiresOn: '有效期至', by: '操作人', vouchers: '积分券',
    head: '户主', members: '人数', remaining: '剩余', perHousehold: '每户 {n} 分', perMember: '每人 {n} 分',
  },
  statement: {
    title: '慈善超市月度报表', month: '月份', closed: '已结月', open: '本月截至今日', item: '商品', unit: '单位', opening: '期初', inDonation: '捐赠入库',
    inPurchase: '采购入库', redeemed: '兑换出库', writtenOff: '报损核销', closing: '期末', qty: '数量', value: '金额（元）', total: '合计',
    points: '积分收支', pointsOpening: '期初积分', issued: '本月发放', pointsRedeemed: '本月兑换', expired: '本月过期', pointsClosing: '期末积分',
    redemptions: '兑换笔数', households: '服务户数', export: '导出Excel', pointsScope: '积分与服务户数为本账号辖区内的家庭；库存为全区慈善超市。',
  },
}

export const en: typeof zh = {
  menu: { stock: 'Supermarket stock', items: 'Catalogue', stockIn: 'Stock in', counter: 'Counter', programmes: 'Points', statement: 'Monthly statement' },
  category: { grain_oil: 'Grain & oil', food: 'Food', daily: 'Daily necessities', clothing: 'Clothing', bedding: 'Bedding', other: 'Other' },
  source: { donation: 'Donation', purchase: 'Purchase' },
  warning: { expired: 'Expired', soon: 'Expiring' },
  programme: { dibao: 'Dibao', tekun: 'Tekun', low_income: 'Low income' },
  basis: { per_household: 'Per household', per_member: 'Per member' },
  item: {
    code: 'Code', name: 'Name', category: 'Category', unit: 'Unit', points: 'Points', value: 'Reference value (yuan)', active: 'On sale',
    create: 'New item', edit: 'Edit item', q: 'Code or name', inactive: 'Withdrawn', pointsHint: 'Points per unit', valueHint: 'Values donated goods without a stated value',
  },
  stock: {
    date: 'Date', inStock: 'In stock', issuable: 'Issuable', expired: 'Expired, to write off', soon: 'Expiring within {n} days', value: 'Value (yuan)',
    nextExpiry: 'Next expiry', lots: 'Lots', total: 'Stock value (yuan)', warnings: 'Expiry warnings', showLots: 'Lots',
    itemLots: 'Lots of {name} (first expiring first out)', hint: 'Goods go out first-expiring-first (FEFO); expired goods cannot be redeemed and must be written off.',
  },
  lot: {
    id: 'Lot', item: 'Item', source: 'Source', supplier: 'Supplier / donor', quantity: 'Received', remaining: 'Remaining', unitValue: 'Unit value (yuan)',
    expiresOn: 'Use by', noExpiry: 'No date', receivedOn: 'Received', daysLeft: 'Days left', days: '{n} days', overdue: '{n} days past',
    status: 'Status', statusAll: 'All', inStock: 'In stock', expiredOnly: 'Expired', expiring: 'Expiring', empty: 'Empty', donation: 'Donation',
    writeOff: 'Write off', writeOffTitle: 'Write off: {name} (lot {id})', reason: 'Reason', reasonExpired: 'Expired', reasonDamaged: 'Damaged',
    writeOffQty: 'Quantity', note: 'Note', writtenOff: 'Written off', writeOffHint: 'A write-off cannot be undone; its value counts in this month’s statement.',
  },
  stockIn: {
    title: 'Stock in (purchase)', item: 'Item', quantity: 'Quantity', unitValue: 'Unit price (yuan)', amount: 'Amount (yuan)', expiresOn: 'Use by',
    expiresHint: 'The last day it may be handed out; empty for goods without a date', supplier: 'Supplier', receivedOn: 'Received on', submit: 'Receive', saved: 'Received (lot {id})',
    donationHint: 'Donated goods are recorded with their donation and come into stock then.', recent: 'Latest lots', badAmount: 'Enter an amount in yuan with at most two decimals',
  },
  counter: {
    title: 'Counter', household: 'Household', search: 'Head’s name or ID number', balance: 'Points available', points: 'pts', vouchers: 'Vouchers',
    expiresOn: 'Valid until', period: 'Period', programme: 'Programme', addItem: 'Add item', item: 'Item', quantity: 'Qty', subtotal: 'Points',
    total: 'Total', remainingAfter: 'Left after', confirm: 'Redeem', confirmTip: 'Redeem these goods for {name}, {points} points in all?', done: 'Redeemed; {n} points left',
    noHousehold: 'Choose the household first', noItems: 'Add the goods to redeem', over: 'Not enough points', recent: 'Latest redemptions', issuable: '{n} {unit} issuable',
    expired: 'Expired', none: 'The household has no points', pickItem: 'Choose an item',
  },
  programmeView: {
    title: 'Points programmes', create: 'New programme', edit: 'Edit programme', name: 'Name', eligible: 'Who qualifies', basis: 'Basis', points: 'Points per issue',
    validMonths: 'Valid (months)', validHint: '1 = until the end of the issue’s month', status: 'Status', active: 'Active', closed: 'Closed', note: 'Note',
    issue: 'Issue points', issueTitle: 'Issue points: {name}', period: 'Period', region: 'Region', regionHint: 'Every household of an active case of the chosen programmes in the region gets points; households already served this period are skipped',
    issued: '{points} points issued to {n} households ({already} already had theirs)', nothing: 'Nothing new to issue ({already} households already served)',
    issues: 'Issues', households: 'Households', already: 'Skipped', expiresOn: 'Valid until', by: 'By', vouchers: 'Vouchers',
    head: 'Head', members: 'Members', remaining: 'Remaining', perHousehold: '{n} per household', perMember: '{n} per member',
  },
  statement: {
    title: 'Charity supermarket monthly statement', month: 'Month', closed: 'Closed month', open: 'Month to date', item: 'Item', unit: 'Unit', opening: 'Opening', inDonation: 'Donated in',
    inPurchase: 'Purchased in', redeemed: 'Redeemed', writtenOff: 'Written off', closing: 'Closing', qty: 'Qty', value: 'Value (yuan)', total: 'Total',
    points: 'Points', pointsOpening: 'Opening', issued: 'Issued', pointsRedeemed: 'Redeemed', expired: 'Expired', pointsClosing: 'Closing',
    redemptions: 'Redemptions', households: 'Households served', export: 'Export Excel', pointsScope: 'Points and households are those of your region; the stock is the district supermarket’s.',
  },
}
