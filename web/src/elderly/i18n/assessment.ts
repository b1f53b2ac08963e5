// capability assessment and visits: console texts (zh and en in the same shape), under `eld.assessment`.
export const zh = {
  menu: { assessments: '能力评估', due: '待复评', assess: '能力评估登记', visits: '探访提醒' },
  assess: {
    title: '老年人能力评估', person: '评估对象', pickPerson: '输入姓名、身份证号或拼音首字母', date: '评估日期', reason: '评估原因',
    second: '第二评估员', note: '备注', items: '评估项目', subtotal: '小计', total: '总分', answered: '已评 {n} / {m} 项',
    adjustments: '等级调整', coma: '处于昏迷状态（直接评定为完全失能）', dementia: '确诊痴呆或其他精神和行为障碍',
    risks: '近30天照护风险事件（次）', falls: '跌倒', choking: '噎食', selfHarm: '自杀、自伤', wandering: '走失',
    submit: '提交评估', saved: '评估已保存', result: '评估结果', preliminary: '初步等级', level: '最终等级',
    nextDue: '下次评估', explanation: '计算说明', again: '评估下一位', history: '评估记录', unanswered: '请评定全部 {n} 项',
    pickFirst: '请先选择评估对象', selfCare: '特困供养自理能力', points: '{n} 分',
  },
  list: {
    all: '全部评估', due: '30天内到期', overdue: '已逾期', level: '能力等级', person: '姓名', age: '年龄', region: '所在地区',
    assessedOn: '评估日期', total: '总分', nextDue: '下次评估', assessor: '评估员', reason: '原因', history: '记录',
  },
  person: {
    title: '能力评估与探访', latest: '最近评估', none: '尚未评估', assess: '新评估', living: '居住状况', recorded: '已登记',
    derived: '据户籍推算', editLiving: '登记居住状况', livingSaved: '居住状况已保存', plans: '探访计划', addPlan: '新建探访计划',
    category: '探访对象类别', interval: '间隔（天）', firstDue: '首次探访日期', planSaved: '探访计划已建立', noPlans: '暂无探访计划',
    card: '能力评估', view: '查看评估与探访',
  },
  visit: {
    title: '登记探访', list: '探访提醒', overdue: '已逾期', dueSoon: '7天内到期', all: '全部计划', category: '类别',
    nextDue: '应探访日期', lastVisit: '上次探访', daysOverdue: '逾期 {n} 天', visitedOn: '探访日期', findings: '探访情况',
    findingsHint: '身体、居住、生活照料、精神状况等（至少4个字）', needs: '需求与帮扶', needsHint: '如需上门服务、安装平安钟等',
    record: '登记探访', saved: '探访已登记，下次探访：{d}', conflict: '该计划已被他人更新', history: '探访记录', visitor: '探访人',
    count: '已探访 {n} 次', open: '登记',
  },
}

export const en: typeof zh = {
  menu: { assessments: 'Assessments', due: 'Reassessments due', assess: 'New assessment', visits: 'Visit reminders' },
  assess: {
    title: 'Capability assessment', person: 'Person', pickPerson: 'Name, ID number or pinyin initials', date: 'Assessed on', reason: 'Reason',
    second: 'Second assessor', note: 'Note', items: 'Items', subtotal: 'Subtotal', total: 'Total', answered: '{n} of {m} answered',
    adjustments: 'Level adjustments', coma: 'In a coma (totally impaired outright)', dementia: 'Diagnosed dementia or mental disorder',
    risks: 'Care-risk events in the last 30 days', falls: 'Falls', choking: 'Choking', selfHarm: 'Suicide / self-harm', wandering: 'Wandering',
    submit: 'Submit', saved: 'Assessment saved', result: 'Result', preliminary: 'Preliminary level', level: 'Final level',
    nextDue: 'Next assessment', explanation: 'How it was computed', again: 'Assess another', history: 'History', unanswered: 'Answer all {n} items',
    pickFirst: 'Choose the person first', selfCare: 'Self-care (tekun)', points: '{n} points',
  },
  list: {
    all: 'All', due: 'Due in 30 days', overdue: 'Overdue', level: 'Level', person: 'Name', age: 'Age', region: 'Region',
    assessedOn: 'Assessed on', total: 'Total', nextDue: 'Next due', assessor: 'Assessor', reason: 'Reason', history: 'History',
  },
  person: {
    title: 'Assessments and visits', latest: 'Latest assessment', none: 'Not assessed yet', assess: 'Assess', living: 'Living situation', recorded: 'recorded',
    derived: 'derived from the household', editLiving: 'Record living situation', livingSaved: 'Living situation saved', plans: 'Visit plans', addPlan: 'New visit plan',
    category: 'Category', interval: 'Interval (days)', firstDue: 'First visit on', planSaved: 'Visit plan created', noPlans: 'No visit plans',
    card: 'Capability assessment', view: 'Assessments and visits',
  },
  visit: {
    title: 'Record a visit', list: 'Visit reminders', overdue: 'Overdue', dueSoon: 'Due in 7 days', all: 'All plans', category: 'Category',
    nextDue: 'Due on', lastVisit: 'Last visit', daysOverdue: '{n} days overdue', visitedOn: 'Visited on', findings: 'Findings',
    findingsHint: 'Health, housing, care, mood (at least 4 characters)', needs: 'Needs and help', needsHint: 'e.g. home care, an emergency-call device',
    record: 'Record visit', saved: 'Visit recorded; next visit {d}', conflict: 'The plan was updated by someone else', history: 'Visits', visitor: 'Visitor',
    count: '{n} visits', open: 'Record',
  },
}
