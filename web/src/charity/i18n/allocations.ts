// 资金拨付 and 资金池: console texts (zh and en in the same shape).
export const zh = {
  allocation: {
    create: '新增拨付', fund: '拨付基金', date: '拨付日期', recipientKind: '拨付对象', project: '慈善项目', viaProject: '经由项目（可选）',
    noProject: '不经项目，直接救助', household: '受助家庭', householdHint: '按户主或成员的姓名、身份证号查找本辖区登记的家庭户；家庭所在地和救助类别由户籍资料得出',
    organisation: '受助机构名称', region: '所在地区', amount: '拨付金额（元）', amountYuan: '金额（元）', purpose: '用途',
    purposeHint: '如：2026年春节慰问金', recipient: '受助对象', categories: '受助类别', badAmount: '请填写正确的金额（元，最多两位小数）',
    preview: '拨付预览', previewHint: '选择基金、拨付对象并填写金额后，这里显示由哪些资金池支付，或说明不能拨付的原因。',
    canPay: '可以拨付 {v} 元', draws: '资金来源（资金池）', drawsHint: '先用最具体的定向资金（项目→地区、群体→基金→非定向），同一层级按余额比例分摊。',
    confirm: '确认拨付', confirmHint: '拨付记入公开账本，不能修改或删除', refusedHint: '捐赠人的定向意愿不允许这笔拨付，请调整金额、基金或对象',
    saved: '已拨付（#{id}）', purposePreview: '拨付预览', balanceOf: '结余 {v} 元',
  },
  pool: {
    hintTitle: '资金池是什么？',
    hint: '捐赠人指定了同一用途（同一项目、地区、受助群体或基金，或不指定）的捐赠汇成一个资金池。拨付时只能使用用途允许的资金池，先用最具体的定向资金；每笔捐赠按其在资金池中所占比例承担拨出的金额，捐赠人可据此在公开平台追踪去向。',
    kind: '定向类型', designation: '用途（捐赠意向）', income: '累计收入（元）', spent: '累计拨出（元）', balance: '余额（元）', count: '资金池数',
  },
}

export const en: typeof zh = {
  allocation: {
    create: 'New allocation', fund: 'Fund', date: 'Date', recipientKind: 'Recipient', project: 'Project', viaProject: 'Through a project (optional)',
    noProject: 'No project: direct aid', household: 'Household', householdHint: 'Find a registered household of your region by a member’s name or ID number; its region and assistance categories come from the registry',
    organisation: 'Organisation', region: 'Region', amount: 'Amount (yuan)', amountYuan: 'Amount (yuan)', purpose: 'Purpose',
    purposeHint: 'e.g. Spring Festival visit 2026', recipient: 'Recipient', categories: 'Categories', badAmount: 'Enter an amount in yuan with at most two decimals',
    preview: 'Preview', previewHint: 'Choose the fund and the recipient and enter the amount: this shows which pools pay, or why the money cannot be spent so.',
    canPay: '{v} yuan can be allocated', draws: 'Paid from (pools)', drawsHint: 'The most specific designations are spent first (project → region, group → fund → undesignated); within a level in proportion to the balances.',
    confirm: 'Allocate', confirmHint: 'The allocation is written to the public ledger and cannot be changed or deleted', refusedHint: 'The donors’ designations do not allow this allocation: change the amount, fund or recipient',
    saved: 'Allocated (#{id})', purposePreview: 'preview', balanceOf: 'balance {v} yuan',
  },
  pool: {
    hintTitle: 'What is a pool?',
    hint: 'Donations given for the same use (the same project, region, group or fund, or undesignated) form one pool. An allocation may only use pools whose designation allows it, most specific first; each donation bears its proportional share of what a pool pays out, which is how a donor traces it on the portal.',
    kind: 'Designation kind', designation: 'Use (designation)', income: 'Income (yuan)', spent: 'Paid out (yuan)', balance: 'Balance (yuan)', count: 'Pools',
  },
}
