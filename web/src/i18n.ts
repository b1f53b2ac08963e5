import { createI18n } from 'vue-i18n'
import { assistanceEn, assistanceZh } from './assistance/i18n'
import { verificationEn, verificationZh } from './verification/i18n'
import { elderlyEn, elderlyZh } from './elderly/i18n'
import { charityEn, charityZh } from './charity/i18n'
import { planEn, planZh } from './plan/i18n'

const zh = {
  app: { title: '大民政综合保障平台', short: '大民政', bureau: '区民政局' },
  common: {
    search: '查询', reset: '重置', create: '新增', edit: '编辑', save: '保存', cancel: '取消', close: '关闭',
    delete: '删除', remove: '移除', detail: '详情', back: '返回', confirm: '确定', actions: '操作', all: '全部',
    yes: '是', no: '否', none: '无', loading: '加载中…', noData: '暂无数据', export: '导出Excel',
    totalCapped: '符合条件的记录超过 {n} 条，仅可翻阅前 {n} 条，请选择更小的区划或输入查询条件',
    exporting: '正在导出…', exported: '已下载 {name}', total: '共 {n} 条', refresh: '刷新', print: '打印',
    saved: '已保存', created: '已创建', region: '所在地区', chooseRegion: '选择地区', allRegions: '全部地区',
    pleaseSelect: '请选择', pleaseInput: '请输入', required: '必填', masked: '已脱敏', unmasked: '完整信息',
    conflict: '数据已被他人修改，请刷新后重试', version: '版本', createdAt: '创建时间', updatedAt: '更新时间',
    formHasErrors: '请更正标红的字段', open: '打开', moreFilters: '更多条件', fewerFilters: '收起条件',
  },
  lang: { switch: 'English', zh: '中文', en: 'English' },
  menu: {
    dashboard: '人口概况', home: '首页', persons: '人员管理', households: '家庭户管理', imports: '数据导入',
    system: '系统管理', accounts: '账号管理', audit: '审计日志', jobs: '后台任务', apidocs: '接口文档', toggle: '菜单',
  },
  login: {
    title: '用户登录', username: '用户名', password: '密码', submit: '登录', usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码', throttled: '登录尝试过于频繁', throttledHint: '每次失败后需等待的时间会逐渐变长（最多几分钟）；忘记密码请联系系统管理员。',
    footer: '本系统含个人敏感信息，访问与操作均记入审计日志。',
  },
  header: { logout: '退出登录', role: '角色', region: '辖区', loggedOut: '已退出登录' },
  region: { tree: '行政区划', loadFailed: '地区加载失败', levels: { province: '省', city: '市', county: '区县', town: '镇街', village: '村居', grid: '网格' } },
  person: {
    title: '人员管理', q: '关键字', qPlaceholder: '身份证号 / 姓名 / 拼音首字母', name: '姓名', idNumber: '身份证号',
    gender: '性别', birthDate: '出生日期', bornIn: '{year}年', age: '年龄', ageRange: '年龄段', ageMin: '最小', ageMax: '最大',
    ethnicity: '民族', phone: '联系电话', hukouRegion: '户籍地', region: '居住地', regionName: '所在地区',
    hukouType: '户籍类型', disability: '残疾', disabilityKind: '残疾类别', disabilityGrade: '残疾等级',
    certificateNo: '残疾证号', priorityCare: '优抚类别', orphan: '孤儿', alive: '状态', aliveYes: '在世',
    aliveNo: '已故', deathDate: '死亡日期', household: '所属家庭户', relation: '与户主关系', grid: '网格',
    altIdType: '证件类型', altId: '证件号码', noIdNumber: '无身份证号', unmaskSwitch: '显示敏感信息',
    showFull: '查看完整信息', showMasked: '脱敏显示', create: '新增人员', edit: '编辑人员', detail: '人员详情',
    gradeN: '{n}级', noDisability: '无', basic: '基本信息', status: '状态与类别', viewHousehold: '查看家庭户',
    derivedHint: '有身份证号时，性别和出生日期由号码自动得出', maskedEditWarning: '当前为脱敏数据，无法编辑',
    notInHousehold: '未入户',
  },
  household: {
    title: '家庭户管理', q: '关键字', qPlaceholder: '户主或成员身份证号 / 姓名 / 拼音首字母 / 地址', head: '户主',
    address: '家庭住址', region: '所在村居', memberCount: '人数', members: '家庭成员', history: '成员变动记录',
    create: '新增家庭户', edit: '编辑家庭户', editMembers: '编辑成员', detail: '家庭户详情', addNew: '添加新人员',
    addExisting: '添加已登记人员', memberNew: '新登记', memberExisting: '已登记', searchPerson: '输入身份证号、姓名或拼音首字母搜索',
    relation: '与户主关系', exactlyOneHead: '必须且只能有一名户主', needMembers: '至少需要一名成员',
    joinedOn: '入户日期', leftOn: '离户日期', current: '在户', move: '从原户迁入', alreadyInHousehold: '已属于其他家庭户（编号 {id}）',
    personPicked: '已选人员',
  },
  dashboard: {
    title: '人口概况', persons: '登记人口', alive: '在世人口', households: '家庭户数', avgSize: '平均户规模',
    byChild: '下级区域人口分布', pyramid: '人口年龄金字塔', elderly: '老年人口', elderly60: '60岁以上',
    elderly80: '80岁以上', elderly90: '90岁以上', elderly100: '百岁老人', disabilityByKind: '残疾人按类别',
    disabilityByGrade: '残疾人按等级', disabilityTotal: '持证残疾人', male: '男', female: '女', asOf: '统计日期',
    personsSeries: '人口', householdsSeries: '户数', elderlySeries: '60岁以上', people: '人', grade: '{n}级',
  },
  imports: {
    title: '数据导入', kind: '导入类型', kindPersons: '人员', kindHouseholds: '家庭户', mode: '导入方式',
    allOrNothing: '全部成功才导入', validOnly: '仅导入有效行', allOrNothingHint: '任何一行有错误则整批不导入',
    validOnlyHint: '有效行导入，错误行列出供修改后重新导入', template: '下载模板', file: '选择文件', drop: '将 .xlsx 或 .csv 文件拖到此处，或',
    click: '点击选择', start: '开始导入', progress: '导入进度', status: '状态', total: '总行数', processed: '已处理',
    inserted: '成功导入', failedRows: '错误行数', errors: '错误明细', row: '行号', field: '字段', reason: '原因',
    noFile: '请先选择文件', statuses: { queued: '排队中', running: '导入中', done: '已完成', rejected: '已拒绝（未导入任何数据）', failed: '失败' },
    fileHint: '支持 .xlsx、.csv（UTF-8 或 GBK），单个文件不超过 50 MB', again: '再导入一个文件',
  },
  account: {
    title: '账号管理', username: '用户名', displayName: '名称', role: '角色', region: '管辖地区', active: '启用',
    lockedUntil: '锁定至', password: '密码', passwordHint: '至少8位，包含字母和数字', passwordEditHint: '留空则不修改密码',
    create: '新增账号', edit: '编辑账号', enabled: '启用', disabled: '停用',
    providerId: '服务商编号', providerHint: '服务商账号须绑定已登记的服务商（养老助残儿童 → 服务商名册）',
  },
  audit: {
    title: '审计日志', seq: '序号', at: '时间', actor: '操作人', action: '操作', entity: '对象', entityId: '对象编号',
    region: '地区', ip: 'IP地址', detail: '详情', hash: '哈希', verify: '校验哈希链', verifyOk: '哈希链完整：共 {n} 条记录，未发现篡改',
    verifyBroken: '哈希链在第 {seq} 条断开：{reason}（共 {n} 条）',
    actions: {
      login: '登录', login_failed: '登录失败', logout: '退出', person_create: '新增人员', person_update: '修改人员',
      person_unmask: '查看人员完整信息', household_create: '新增家庭户', household_update: '修改家庭户',
      household_unmask: '查看家庭户完整信息', export: '导出', import: '导入', account_create: '新增账号',
      account_update: '修改账号', region_create: '新增网格', audit_verify: '校验哈希链',
    },
  },
  jobs: {
    id: '编号', kind: '任务类型', region: '地区', state: '状态', progress: '进度', started: '开始时间', finished: '结束时间',
    outcome: '结果', requestedBy: '发起人', system: '全区（系统任务）',
    kinds: { import: '数据导入', verification_run: '核对任务', outreach_run: '事找人搜索', charity_checkpoints: '慈善账本校验点发布', charity_verification: '慈善账本校验' },
    states: { queued: '排队中', running: '运行中', succeeded: '已完成', failed: '失败' },
  },
  apidocs: {
    title: '接口文档', filter: '按路径或说明筛选', params: '参数', requestBody: '请求体', responses: '响应',
    in: '位置', type: '类型', requiredCol: '必填', description: '说明', noParams: '无参数', loadFailed: '接口文档加载失败',
    version: '版本', endpoints: '{n} 个接口', schemas: '数据结构',
  },
  errors: { notFound: '页面不存在', forbidden: '无权访问', network: '网络错误' },
  asst: assistanceZh,
  ver: verificationZh,
  eld: elderlyZh,
  ch: charityZh,
  pl: planZh,
}

type Messages = typeof zh

const en: Messages = {
  app: { title: 'Integrated Civil Affairs Platform', short: 'Civil Affairs', bureau: 'District Civil Affairs Bureau' },
  common: {
    search: 'Search', reset: 'Reset', create: 'New', edit: 'Edit', save: 'Save', cancel: 'Cancel', close: 'Close',
    delete: 'Delete', remove: 'Remove', detail: 'Details', back: 'Back', confirm: 'OK', actions: 'Actions', all: 'All',
    yes: 'Yes', no: 'No', none: 'None', loading: 'Loading…', noData: 'No data', export: 'Export Excel',
    totalCapped: 'More than {n} records match; only the first {n} can be paged through. Choose a smaller region or search.',
    exporting: 'Exporting…', exported: 'Downloaded {name}', total: '{n} records', refresh: 'Refresh', print: 'Print',
    saved: 'Saved', created: 'Created', region: 'Region', chooseRegion: 'Choose region', allRegions: 'All regions',
    pleaseSelect: 'Please select', pleaseInput: 'Please enter', required: 'Required', masked: 'Masked', unmasked: 'Full data',
    conflict: 'Someone else changed this record; reload and try again', version: 'Version', createdAt: 'Created', updatedAt: 'Updated',
    formHasErrors: 'Please correct the fields marked in red', open: 'Open', moreFilters: 'More filters', fewerFilters: 'Fewer filters',
  },
  lang: { switch: '中文', zh: '中文', en: 'English' },
  menu: {
    dashboard: 'Population', home: 'Home', persons: 'Persons', households: 'Households', imports: 'Data import',
    system: 'System', accounts: 'Accounts', audit: 'Audit log', jobs: 'Background jobs', apidocs: 'API docs', toggle: 'Menu',
  },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password', throttled: 'Too many attempts', throttledHint: 'Each failure makes the next wait longer (a few minutes at most); ask the administrator if you forgot the password.',
    footer: 'This system holds sensitive personal data; every access is written to the audit log.',
  },
  header: { logout: 'Sign out', role: 'Role', region: 'Region', loggedOut: 'Signed out' },
  region: { tree: 'Regions', loadFailed: 'Could not load regions', levels: { province: 'Province', city: 'City', county: 'County', town: 'Town', village: 'Village', grid: 'Grid' } },
  person: {
    title: 'Persons', q: 'Keyword', qPlaceholder: 'ID number / name / pinyin initials', name: 'Name', idNumber: 'ID number',
    gender: 'Gender', birthDate: 'Date of birth', bornIn: '{year}', age: 'Age', ageRange: 'Age', ageMin: 'Min', ageMax: 'Max',
    ethnicity: 'Ethnicity', phone: 'Phone', hukouRegion: 'Hukou region', region: 'Residence', regionName: 'Region',
    hukouType: 'Hukou type', disability: 'Disability', disabilityKind: 'Disability kind', disabilityGrade: 'Disability grade',
    certificateNo: 'Certificate no.', priorityCare: 'Priority care', orphan: 'Orphan', alive: 'Status', aliveYes: 'Alive',
    aliveNo: 'Deceased', deathDate: 'Date of death', household: 'Household', relation: 'Relation to head', grid: 'Grid',
    altIdType: 'Document type', altId: 'Document no.', noIdNumber: 'No ID number', unmaskSwitch: 'Show sensitive data',
    showFull: 'Show full data', showMasked: 'Show masked', create: 'New person', edit: 'Edit person', detail: 'Person',
    gradeN: 'Grade {n}', noDisability: 'None', basic: 'Basic information', status: 'Status and categories', viewHousehold: 'Open household',
    derivedHint: 'With an ID number, gender and date of birth are derived from it', maskedEditWarning: 'Masked data cannot be edited',
    notInHousehold: 'No household',
  },
  household: {
    title: 'Households', q: 'Keyword', qPlaceholder: 'ID number / name / pinyin initials of a member, or address', head: 'Head',
    address: 'Address', region: 'Village', memberCount: 'Members', members: 'Members', history: 'Membership history',
    create: 'New household', edit: 'Edit household', editMembers: 'Edit members', detail: 'Household', addNew: 'Add new person',
    addExisting: 'Add registered person', memberNew: 'New', memberExisting: 'Registered', searchPerson: 'Search by ID number, name or pinyin initials',
    relation: 'Relation', exactlyOneHead: 'Exactly one member must be the head', needMembers: 'At least one member is needed',
    joinedOn: 'Joined', leftOn: 'Left', current: 'Current', move: 'Move from old household', alreadyInHousehold: 'Already in household {id}',
    personPicked: 'Selected person',
  },
  dashboard: {
    title: 'Population overview', persons: 'Registered persons', alive: 'Alive', households: 'Households', avgSize: 'Avg household size',
    byChild: 'Population by sub-region', pyramid: 'Age pyramid', elderly: 'Elderly', elderly60: 'Aged 60+',
    elderly80: 'Aged 80+', elderly90: 'Aged 90+', elderly100: 'Centenarians', disabilityByKind: 'Disability by kind',
    disabilityByGrade: 'Disability by grade', disabilityTotal: 'Certified disabled', male: 'Male', female: 'Female', asOf: 'As of',
    personsSeries: 'Persons', householdsSeries: 'Households', elderlySeries: 'Aged 60+', people: '', grade: 'Grade {n}',
  },
  imports: {
    title: 'Data import', kind: 'Kind', kindPersons: 'Persons', kindHouseholds: 'Households', mode: 'Mode',
    allOrNothing: 'All or nothing', validOnly: 'Valid rows only', allOrNothingHint: 'Any error rejects the whole file',
    validOnlyHint: 'Valid rows are stored; bad rows are listed for correction', template: 'Download template', file: 'File', drop: 'Drop an .xlsx or .csv file here, or',
    click: 'click to choose', start: 'Start import', progress: 'Progress', status: 'Status', total: 'Rows', processed: 'Processed',
    inserted: 'Imported', failedRows: 'Rows with errors', errors: 'Errors', row: 'Row', field: 'Field', reason: 'Reason',
    noFile: 'Choose a file first', statuses: { queued: 'Queued', running: 'Running', done: 'Done', rejected: 'Rejected (nothing stored)', failed: 'Failed' },
    fileHint: '.xlsx or .csv (UTF-8 or GBK), up to 50 MB', again: 'Import another file',
  },
  account: {
    title: 'Accounts', username: 'Username', displayName: 'Display name', role: 'Role', region: 'Region', active: 'Active',
    lockedUntil: 'Locked until', password: 'Password', passwordHint: 'At least 8 characters with letters and digits', passwordEditHint: 'Leave empty to keep the password',
    create: 'New account', edit: 'Edit account', enabled: 'Active', disabled: 'Disabled',
    providerId: 'Provider ID', providerHint: 'A provider account is bound to a registered provider (Elderly, disability & children → Providers)',
  },
  audit: {
    title: 'Audit log', seq: 'Seq', at: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', entityId: 'Entity id',
    region: 'Region', ip: 'IP', detail: 'Detail', hash: 'Hash', verify: 'Verify hash chain', verifyOk: 'Hash chain intact: {n} entries, no tampering found',
    verifyBroken: 'Hash chain broken at entry {seq}: {reason} ({n} entries)',
    actions: {
      login: 'Sign in', login_failed: 'Failed sign-in', logout: 'Sign out', person_create: 'Person created', person_update: 'Person updated',
      person_unmask: 'Person unmasked', household_create: 'Household created', household_update: 'Household updated',
      household_unmask: 'Household unmasked', export: 'Export', import: 'Import', account_create: 'Account created',
      account_update: 'Account updated', region_create: 'Grid created', audit_verify: 'Chain verified',
    },
  },
  jobs: {
    id: 'ID', kind: 'Kind', region: 'Region', state: 'State', progress: 'Progress', started: 'Started', finished: 'Finished',
    outcome: 'Outcome', requestedBy: 'Requested by', system: 'District (system job)',
    kinds: { import: 'Data import', verification_run: 'Verification run', outreach_run: 'Outreach search', charity_checkpoints: 'Charity checkpoints', charity_verification: 'Charity ledger verification' },
    states: { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
  },
  apidocs: {
    title: 'API documentation', filter: 'Filter by path or summary', params: 'Parameters', requestBody: 'Request body', responses: 'Responses',
    in: 'In', type: 'Type', requiredCol: 'Required', description: 'Description', noParams: 'No parameters', loadFailed: 'Could not load the API description',
    version: 'Version', endpoints: '{n} endpoints', schemas: 'Schemas',
  },
  errors: { notFound: 'Page not found', forbidden: 'Access denied', network: 'Network error' },
  asst: assistanceEn,
  ver: verificationEn,
  eld: elderlyEn,
  ch: charityEn,
  pl: planEn,
}

export const LOCALE_KEY = 'mz.locale'
export type Locale = 'zh-CN' | 'en'

function initialLocale(): Locale {
  try {
    const v = localStorage.getItem(LOCALE_KEY)
    if (v === 'en' || v === 'zh-CN') return v
  } catch {
    /* private mode */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  try {
    localStorage.setItem(LOCALE_KEY, l)
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'
  document.title = (l === 'en' ? en : zh).app.title
}
