// emergency calls, canteens, institutions: console texts (zh and en in the same shape), under `eld.services`.
export const zh = {
  menu: {
    duty: '平安钟值守', alarms: '呼叫记录', devices: '平安钟设备', priority: '安装优先名单',
    canteens: '长者食堂', meal: '助餐登记', canteenSettlement: '助餐结算',
    institutions: '养老机构', subsidies: '机构补贴', indicators: '机构指标',
  },
  deviceKind: { pendant: '呼叫器（挂坠）', watch: '智能手表', fixed: '固定式呼叫机', phone: '老人手机' },
  deviceStatus: { active: '在用', removed: '已拆除' },
  alarmKind: { sos: '一键呼救', fall: '跌倒报警', no_activity: '长时间无活动', low_battery: '设备低电量', other: '其他' },
  alarmStatus: { raised: '待响应', acknowledged: '已响应', dispatched: '已派员/已通知家属', arrived: '已到场', closed: '已结案' },
  step: { acknowledge: '响应', dispatch: '派员上门', call_family: '通知家属', arrive: '到场', close: '结案', raise: '呼叫' },
  outcome: { false_alarm: '误报', resolved_by_phone: '电话处置', family_handled: '家属处置', on_site_help: '上门帮扶', hospital: '送医', other: '其他' },
  reason: { tekun: '特困（三无、五保）', dibao_severe_disability: '低保重度残疾', aged90: '90岁以上', aged80: '80岁以上' },
  tier: { top: '特困、90岁以上', needy: '低保、低收入', aged80: '80岁以上', base: '60岁以上本地户籍', none: '不享受补贴' },
  slot: { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' },
  kind: { nursing_home: '养老院（敬老院）', day_care: '日间照料中心', happiness_home: '农村幸福院', rehab_centre: '康园中心' },
  ownership: { public: '公办', private: '民办', public_private: '公建民营' },
  facilityStatus: { active: '运营中', closed: '已停业' },
  subsidyKind: { construction: '建设补贴（新增床位）', operating: '运营补贴' },
  device: {
    serial: '设备编号', holder: '持有老人', kind: '设备类型', phone: '绑定电话', installedOn: '安装日期', removedOn: '拆除日期',
    status: '状态', fee: '服务费（元/年）', note: '备注', install: '安装平安钟', remove: '拆除', removeReason: '拆除原因',
    q: '姓名或设备编号', removed: '已拆除', installed: '已安装',
  },
  priority: {
    tier: '优先档次', tier1: '第一档', tier2: '第二档', reasons: '优先理由', age: '年龄', hasDevice: '已安装',
    missing: '只看未安装', missingN: '未安装 {n} 人', totalN: '共 {n} 人', install: '安装', q: '姓名',
    hint: '第一档：特困（三无、五保）老人、低保重度残疾老人、90岁以上老人；第二档：其他80岁以上老人（平安通安装优先顺序）',
  },
  alarm: {
    raisedAt: '呼叫时间', elder: '老人', kind: '呼叫类型', status: '状态', response: '响应用时', arrival: '到场用时',
    elapsed: '已用时', handler: '处置人', outcome: '处置结果', handle: '处置', steps: '处置经过', note: '处置说明',
    at: '发生时间', atHint: '默认为现在；补录时填写实际时间', raise: '登记呼叫', device: '设备', openOnly: '只看未结案',
    stepDone: '已记录', conflict: '该呼叫已被他人处置，已刷新', callBack: '回拨电话',
  },
  duty: {
    title: '24小时值守', open: '未结案', last24h: '24小时内呼叫', avgResponse: '平均响应', worstResponse: '最长响应',
    waiting: '最长等待', autoRefresh: '每15秒自动刷新', updated: '更新于', noOpen: '当前没有未结案的呼叫',
  },
  canteen: {
    name: '食堂名称', region: '所在地', address: '地址', seats: '座位', price: '每餐价格（元）', status: '状态',
    create: '新增食堂', edit: '修改食堂', q: '食堂名称',
  },
  meal: {
    canteen: '食堂', elder: '就餐老人', date: '就餐日期', slot: '餐次', price: '餐价（元）', subsidy: '补贴（元）',
    pays: '个人支付（元）', tier: '补贴档次', record: '登记用餐', recorded: '已登记', quote: '补贴试算', explanation: '计算说明',
    list: '今日已登记', pickCanteen: '请先选择食堂', pickElder: '请先选择老人', idNumber: '老人身份证号（读卡或输入）',
  },
  settlement: {
    month: '结算月份', meals: '餐数', subsidy: '补贴合计（元）', paid: '个人支付合计（元）', confirm: '确认结算',
    confirmed: '已结算', preview: '预览（未结算）', confirmTip: '确认后该月不能再登记用餐，确定结算？', done: '已确认结算',
    by: '结算人', history: '结算记录',
  },
  institution: {
    name: '机构名称', kind: '类型', ownership: '运营性质', region: '所在地', beds: '床位', residents: '在院', occupancy: '入住率',
    openedOn: '开业日期', licence: '备案/许可证号', address: '地址', status: '状态', create: '新增机构', edit: '修改机构',
    residentList: '在院老人', admit: '办理入住', discharge: '离院', bed: '床位号', admittedOn: '入住日期', leftOn: '离院日期',
    reason: '离院原因', tekun: '特困供养', showAll: '含已离院', q: '机构名称', elder: '老人',
  },
  subsidy: {
    institution: '机构', year: '年度', kind: '补贴类型', beds: '床位（张）', residentDays: '入住人日', amount: '金额（元）',
    explanation: '计算说明', record: '核定补贴', recorded: '已核定', none: '该机构本年度无可核定的补贴', history: '已核定补贴',
    rule: '民办机构新增床位一次性补贴每张5000元；民办、公建民营机构按实际入住床位每张每年1000元（按人日折算）',
  },
  indicator: {
    town: '镇街', institutions: '机构数', beds: '床位', elderly: '60岁以上老人', perThousand: '每千名老人床位（张）',
    occupancy: '入住率（%）', tekun: '特困人员', tekunIn: '集中供养', rate: '集中供养率（%）', total: '合计', chart: '各镇街每千名老人床位',
  },
  seconds: '{m}分{s}秒', hours: '{h}小时{m}分',
}

export const en: typeof zh = {
  menu: {
    duty: 'Emergency duty', alarms: 'Alarms', devices: 'Emergency devices', priority: 'Installation priority',
    canteens: 'Elder canteens', meal: 'Record a meal', canteenSettlement: 'Canteen settlement',
    institutions: 'Institutions', subsidies: 'Bed subsidies', indicators: 'Institution indicators',
  },
  deviceKind: { pendant: 'Pendant', watch: 'Smart watch', fixed: 'Fixed unit', phone: 'Elder phone' },
  deviceStatus: { active: 'Active', removed: 'Removed' },
  alarmKind: { sos: 'SOS', fall: 'Fall', no_activity: 'No activity', low_battery: 'Low battery', other: 'Other' },
  alarmStatus: { raised: 'Raised', acknowledged: 'Acknowledged', dispatched: 'Dispatched', arrived: 'Arrived', closed: 'Closed' },
  step: { acknowledge: 'Acknowledge', dispatch: 'Dispatch staff', call_family: 'Call family', arrive: 'Arrived', close: 'Close', raise: 'Raised' },
  outcome: { false_alarm: 'False alarm', resolved_by_phone: 'Resolved by phone', family_handled: 'Family handled', on_site_help: 'Helped on site', hospital: 'To hospital', other: 'Other' },
  reason: { tekun: 'Tekun (三无/五保)', dibao_severe_disability: 'Dibao, severe disability', aged90: 'Aged 90+', aged80: 'Aged 80+' },
  tier: { top: 'Tekun / 90+', needy: 'Dibao / low income', aged80: 'Aged 80+', base: 'Local 60+', none: 'No subsidy' },
  slot: { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner' },
  kind: { nursing_home: 'Nursing home', day_care: 'Day-care centre', happiness_home: 'Rural happiness home', rehab_centre: 'Rehabilitation centre' },
  ownership: { public: 'Public', private: 'Private', public_private: 'Publicly built, privately run' },
  facilityStatus: { active: 'Open', closed: 'Closed' },
  subsidyKind: { construction: 'Construction (new beds)', operating: 'Operating' },
  device: {
    serial: 'Serial', holder: 'Holder', kind: 'Kind', phone: 'Phone', installedOn: 'Installed', removedOn: 'Removed on',
    status: 'Status', fee: 'Fee (yuan/year)', note: 'Note', install: 'Install a device', remove: 'Remove', removeReason: 'Reason',
    q: 'Name or serial', removed: 'Removed', installed: 'Installed',
  },
  priority: {
    tier: 'Tier', tier1: 'Tier 1', tier2: 'Tier 2', reasons: 'Reasons', age: 'Age', hasDevice: 'Installed',
    missing: 'Missing only', missingN: '{n} missing', totalN: '{n} elders', install: 'Install', q: 'Name',
    hint: 'Tier 1: tekun (三无/五保) elders, dibao elders with severe disability, aged 90+; tier 2: other elders aged 80+',
  },
  alarm: {
    raisedAt: 'Raised', elder: 'Elder', kind: 'Kind', status: 'Status', response: 'Response', arrival: 'Arrival',
    elapsed: 'Elapsed', handler: 'Handler', outcome: 'Outcome', handle: 'Handle', steps: 'Steps', note: 'Note',
    at: 'When', atHint: 'Now by default; enter the real time when recording afterwards', raise: 'Record a call', device: 'Device', openOnly: 'Open only',
    stepDone: 'Recorded', conflict: 'Someone else handled this alarm; reloaded', callBack: 'Call back',
  },
  duty: {
    title: '24-hour duty', open: 'Open', last24h: 'Calls in 24 h', avgResponse: 'Average response', worstResponse: 'Worst response',
    waiting: 'Longest waiting', autoRefresh: 'Refreshes every 15 s', updated: 'Updated', noOpen: 'No open alarm',
  },
  canteen: {
    name: 'Name', region: 'Region', address: 'Address', seats: 'Seats', price: 'Meal price (yuan)', status: 'Status',
    create: 'New canteen', edit: 'Edit canteen', q: 'Name',
  },
  meal: {
    canteen: 'Canteen', elder: 'Diner', date: 'Date', slot: 'Meal', price: 'Price (yuan)', subsidy: 'Subsidy (yuan)',
    pays: 'Elder pays (yuan)', tier: 'Tier', record: 'Record meal', recorded: 'Recorded', quote: 'Subsidy', explanation: 'Explanation',
    list: 'Recorded today', pickCanteen: 'Choose a canteen first', pickElder: 'Choose the diner first', idNumber: 'Diner\'s ID number (card or typed)',
  },
  settlement: {
    month: 'Month', meals: 'Meals', subsidy: 'Subsidy (yuan)', paid: 'Paid by elders (yuan)', confirm: 'Confirm settlement',
    confirmed: 'Settled', preview: 'Preview (not settled)', confirmTip: 'No more meals can be recorded for the month afterwards. Settle?', done: 'Settled',
    by: 'Settled by', history: 'Settlements',
  },
  institution: {
    name: 'Name', kind: 'Kind', ownership: 'Ownership', region: 'Region', beds: 'Beds', residents: 'Residents', occupancy: 'Occupancy',
    openedOn: 'Opened', licence: 'Licence', address: 'Address', status: 'Status', create: 'New institution', edit: 'Edit institution',
    residentList: 'Residents', admit: 'Admit', discharge: 'Discharge', bed: 'Bed', admittedOn: 'Admitted', leftOn: 'Left',
    reason: 'Reason', tekun: 'Tekun', showAll: 'Include former', q: 'Name', elder: 'Elder',
  },
  subsidy: {
    institution: 'Institution', year: 'Year', kind: 'Kind', beds: 'Beds', residentDays: 'Resident-days', amount: 'Amount (yuan)',
    explanation: 'Explanation', record: 'Record subsidies', recorded: 'Recorded', none: 'No subsidy is due for this institution and year', history: 'Recorded subsidies',
    rule: 'Private institutions: 5,000 yuan per new bed once; private and 公建民营: 1,000 yuan per occupied bed-year (resident-days)',
  },
  indicator: {
    town: 'Town', institutions: 'Institutions', beds: 'Beds', elderly: 'Elderly 60+', perThousand: 'Beds per 1000 elderly',
    occupancy: 'Occupancy (%)', tekun: 'Tekun persons', tekunIn: 'In institutions', rate: 'Concentrated rate (%)', total: 'Total', chart: 'Beds per 1000 elderly by town',
  },
  seconds: '{m} min {s} s', hours: '{h} h {m} min',
}
