// home care: providers, catalogue, orders, settlement: console texts (zh and en in the same shape), under `eld.care`.
export const zh = {
  menu: {
    providers: '服务商名册', items: '服务项目目录', enrolments: '居家养老服务对象', orders: '服务工单', myOrders: '我的工单',
    visits: '服务回访', settlement: '服务费结算',
  },
  kind: { home_care: '居家养老服务', canteen: '长者食堂', emergency_call: '平安钟运营', institution: '养老机构' },
  providerStatus: { active: '在约', suspended: '暂停', ended: '终止' },
  status: { dispatched: '已派单', started: '服务中', done: '已完成待确认', confirmed: '已确认', cancelled: '已取消' },
  basis: { dibao: '低保老人', tekun: '特困老人', low_income: '低收入老人', centenarian: '百岁老人', childless_veteran: '无子女退役军人' },
  provider: {
    name: '服务商名称', kind: '类型', creditCode: '统一社会信用代码', area: '服务区域', contact: '联系人', phone: '联系电话',
    qualification: '资质', qualificationUntil: '资质有效期至', contractNo: '合同编号', contractStart: '合同开始', contractEnd: '合同结束',
    status: '状态', inForce: '合同有效', notInForce: '不在有效期', create: '登记服务商', edit: '修改服务商', contract: '合同',
  },
  item: {
    code: '编码', name: '项目名称', unit: '单位', price: '单价（元）', minutes: '时长（分钟）', active: '启用', create: '新增项目',
    edit: '修改项目', inactive: '停用',
  },
  enrol: {
    elder: '老人', basis: '服务对象类别', allowance: '月服务补贴（元）', provider: '服务商', startMonth: '开始月份', endMonth: '终止月份',
    status: '状态', active: '服务中', ended: '已终止', create: '登记服务对象', check: '资格', eligible: '符合条件', notEligible: '不符合条件',
    age: '年龄', end: '终止服务', endReason: '终止原因', reason: '认定依据', pick: '请先选择老人',
  },
  order: {
    no: '工单号', elder: '服务对象', address: '地址', item: '服务项目', units: '数量', amount: '金额（元）', date: '服务日期',
    provider: '服务商', status: '状态', dispatch: '派单', worker: '服务人员', start: '开始服务', end: '结束服务', confirm: '服务确认',
    cancel: '取消', cancelReason: '取消原因', startAt: '开始', endAt: '结束', place: '服务地点', placeHint: '无法定位时请手动填写地点',
    locate: '定位', located: '已定位', locating: '正在定位…', noGeo: '无法获取定位，请手动填写地点', photo: '上传照片', photos: '服务照片',
    confirmedBy: '确认人', relation: '与老人关系', relationHint: '本人、子女、配偶等', note: '备注', serviceNote: '服务记录',
    today: '今日', month: '本月', all: '全部', detail: '工单详情', visit: '回访', none: '暂无工单', mine: '我的服务工单',
    started: '开始服务', ended: '服务完成', confirmedAt: '确认时间', recordedBy: '记录人',
  },
  visit: { satisfaction: '满意度', note: '回访情况', visitor: '回访人', date: '回访日期', create: '记录回访', order: '工单' },
  settle: {
    provider: '服务商', month: '结算月份', preview: '结算预览', confirm: '确认结算', confirmAsk: '确认结算 {p} {m}？结算后不能重复结算。',
    settled: '已结算', elders: '服务对象', confirmedOrders: '已确认工单', confirmedAmount: '已确认金额', allowance: '月服务补贴',
    paidElsewhere: '其他服务商已结算', payable: '政府支付', excess: '超出补贴（不予支付）', unconfirmed: '未确认（不予结算）',
    explanation: '说明', history: '结算记录', export: '导出', rule: '规则', total: '合计', at: '结算时间', by: '结算人', detail: '结算单',
  },
  yuan: '元',
}

export const en: typeof zh = {
  menu: {
    providers: 'Providers', items: 'Service catalogue', enrolments: 'Home-care elders', orders: 'Work orders', myOrders: 'My orders',
    visits: 'Return visits', settlement: 'Settlement',
  },
  kind: { home_care: 'Home care', canteen: 'Elder canteen', emergency_call: 'Emergency-call operator', institution: 'Institution' },
  providerStatus: { active: 'Active', suspended: 'Suspended', ended: 'Ended' },
  status: { dispatched: 'Dispatched', started: 'Started', done: 'Done, to confirm', confirmed: 'Confirmed', cancelled: 'Cancelled' },
  basis: { dibao: 'Dibao elder', tekun: 'Tekun elder', low_income: 'Low-income elder', centenarian: 'Centenarian', childless_veteran: 'Childless veteran' },
  provider: {
    name: 'Provider', kind: 'Kind', creditCode: 'Credit code', area: 'Service area', contact: 'Contact', phone: 'Phone',
    qualification: 'Qualification', qualificationUntil: 'Qualified until', contractNo: 'Contract no.', contractStart: 'Contract start',
    contractEnd: 'Contract end', status: 'Status', inForce: 'In force', notInForce: 'Not in force', create: 'Register provider',
    edit: 'Edit provider', contract: 'Contract',
  },
  item: {
    code: 'Code', name: 'Item', unit: 'Unit', price: 'Price (yuan)', minutes: 'Minutes', active: 'Active', create: 'New item',
    edit: 'Edit item', inactive: 'Inactive',
  },
  enrol: {
    elder: 'Elder', basis: 'Basis', allowance: 'Monthly allowance (yuan)', provider: 'Provider', startMonth: 'From', endMonth: 'Until',
    status: 'Status', active: 'Active', ended: 'Ended', create: 'Enrol an elder', check: 'Eligibility', eligible: 'Eligible',
    notEligible: 'Not eligible', age: 'Age', end: 'End', endReason: 'Reason', reason: 'Grounds', pick: 'Pick an elder first',
  },
  order: {
    no: 'Order', elder: 'Elder', address: 'Address', item: 'Service', units: 'Units', amount: 'Amount (yuan)', date: 'Date',
    provider: 'Provider', status: 'Status', dispatch: 'Dispatch', worker: 'Worker', start: 'Start', end: 'End', confirm: 'Confirm',
    cancel: 'Cancel', cancelReason: 'Reason', startAt: 'Started', endAt: 'Ended', place: 'Place', placeHint: 'Type the place when location is unavailable',
    locate: 'Locate', located: 'Located', locating: 'Locating…', noGeo: 'Location unavailable: type the place', photo: 'Upload photo', photos: 'Photos',
    confirmedBy: 'Confirmed by', relation: 'Relation', relationHint: 'self, child, spouse…', note: 'Note', serviceNote: 'Service record',
    today: 'Today', month: 'This month', all: 'All', detail: 'Order', visit: 'Visit', none: 'No orders', mine: 'My work orders',
    started: 'Started', ended: 'Done', confirmedAt: 'Confirmed at', recordedBy: 'Recorded by',
  },
  visit: { satisfaction: 'Satisfaction', note: 'Findings', visitor: 'Visitor', date: 'Date', create: 'Record visit', order: 'Order' },
  settle: {
    provider: 'Provider', month: 'Month', preview: 'Preview', confirm: 'Confirm settlement', confirmAsk: 'Settle {p} for {m}? A month is settled once.',
    settled: 'Settled', elders: 'Elders', confirmedOrders: 'Confirmed orders', confirmedAmount: 'Confirmed amount', allowance: 'Allowance',
    paidElsewhere: 'Paid to other providers', payable: 'Paid by the government', excess: 'Excess (not paid)', unconfirmed: 'Not confirmed (not settled)',
    explanation: 'Explanation', history: 'Settlements', export: 'Export', rule: 'Rule', total: 'Total', at: 'Settled at', by: 'By', detail: 'Settlement',
  },
  yuan: 'yuan',
}
