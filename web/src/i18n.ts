import { createI18n } from 'vue-i18n'
import { assistanceEn, assistanceZh } from './assistance/i18n'
import { verificationEn, verificationZh } from './verification/i18n'
import { elderlyEn, elderlyZh } from './elderly/i18n'
import { charityEn, charityZh } from './charity/i18n'
import { planEn, planZh } from './plan/i18n'
import { registryEn, registryZh } from './registry/i18n'
import { adminEn, adminZh } from './admin/i18n'

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
  dashboard: {
    title: '人口概况', persons: '登记人口', alive: '在世人口', households: '家庭户数', avgSize: '平均户规模',
    byChild: '下级区域人口分布', pyramid: '人口年龄金字塔', elderly: '老年人口', elderly60: '60岁以上',
    elderly80: '80岁以上', elderly90: '90岁以上', elderly100: '百岁老人', disabilityByKind: '残疾人按类别',
    disabilityByGrade: '残疾人按等级', disabilityTotal: '持证残疾人', male: '男', female: '女', asOf: '统计日期',
    personsSeries: '人口', householdsSeries: '户数', elderlySeries: '60岁以上', people: '人', grade: '{n}级',
  },
  errors: { notFound: '页面不存在', forbidden: '无权访问', network: '网络错误' },
  ...registryZh,
  ...adminZh,
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
  dashboard: {
    title: 'Population overview', persons: 'Registered persons', alive: 'Alive', households: 'Households', avgSize: 'Avg household size',
    byChild: 'Population by sub-region', pyramid: 'Age pyramid', elderly: 'Elderly', elderly60: 'Aged 60+',
    elderly80: 'Aged 80+', elderly90: 'Aged 90+', elderly100: 'Centenarians', disabilityByKind: 'Disability by kind',
    disabilityByGrade: 'Disability by grade', disabilityTotal: 'Certified disabled', male: 'Male', female: 'Female', asOf: 'As of',
    personsSeries: 'Persons', householdsSeries: 'Households', elderlySeries: 'Aged 60+', people: '', grade: 'Grade {n}',
  },
  errors: { notFound: 'Page not found', forbidden: 'Access denied', network: 'Network error' },
  ...registryEn,
  ...adminEn,
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
