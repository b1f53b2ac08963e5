// 基金与项目: console texts (zh and en in the same shape).
export const zh = {
  fund: {
    title: '慈善基金', create: '新增基金', code: '基金代码', codeHint: '字母、数字或短横线，捐赠定向到基金时使用', name: '基金名称',
    purpose: '基金用途', income: '累计收入（元）', spent: '累计支出（元）', balance: '结余（元）',
  },
  project: {
    title: '慈善项目', create: '新增项目', fund: '所属基金', name: '项目名称', region: '实施地区', target: '目标金额（元）',
    raised: '定向募集（元）', allocated: '已拨付（元）', progress: '募集进度', period: '起止日期', statusLabel: '状态',
    status: { open: '进行中', closed: '已结束' }, startsOn: '开始日期', endsOn: '结束日期', description: '项目说明',
    allFunds: '全部基金', allStatus: '全部状态', allocations: '拨付记录',
    progressHint: '募集进度 = 定向本项目的捐赠 ÷ 目标金额；已拨付为项目已花出的金额',
  },
}

export const en: typeof zh = {
  fund: {
    title: 'Funds', create: 'New fund', code: 'Code', codeHint: 'Letters, digits or dashes; used when a donation is designated to the fund', name: 'Name',
    purpose: 'Purpose', income: 'Income (yuan)', spent: 'Spent (yuan)', balance: 'Balance (yuan)',
  },
  project: {
    title: 'Projects', create: 'New project', fund: 'Fund', name: 'Name', region: 'Region', target: 'Target (yuan)',
    raised: 'Designated to it (yuan)', allocated: 'Allocated (yuan)', progress: 'Raised', period: 'Period', statusLabel: 'Status',
    status: { open: 'Open', closed: 'Closed' }, startsOn: 'Starts', endsOn: 'Ends', description: 'Description',
    allFunds: 'All funds', allStatus: 'Any status', allocations: 'Allocations',
    progressHint: 'Raised = donations designated to the project ÷ target; allocated is what the project has spent',
  },
}
