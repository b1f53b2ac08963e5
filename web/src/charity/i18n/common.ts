// 慈善公益 console texts shared by the sections: menu, common words, vocabularies (fallbacks of GET /charity/meta).
export const zh = {
  menu: {
    group: '慈善公益', donations: '捐赠登记', campaigns: '募捐活动', funds: '基金与项目', allocations: '资金拨付',
    pools: '资金池', ledger: '公开账本', report: '年度报告', portal: '信息公开平台',
  },
  common: {
    yuan: '元', from: '开始日期', to: '结束日期', general: '非定向（慈善会统筹）', createdBy: '经办人',
    charity: '区慈善会', charityOf: '{county}慈善会',
  },
  vocab: {
    categories: {
      dibao: '低保家庭', tekun: '特困人员', low_income: '低收入家庭', elderly: '困难老年人', disabled: '困难残疾人',
      children: '困境儿童', students: '困难学生', disaster: '受灾群众',
    },
    designation_kinds: { undesignated: '非定向', fund: '定向基金', project: '定向项目', region: '定向地区', category: '定向受助群体' },
    donor_kinds: { person: '个人', company: '单位' },
    forms: { money: '资金', goods: '物资' },
    channels: { bank_transfer: '银行转账', wechat: '微信支付', alipay: '支付宝', cash: '现金', goods: '物资捐赠' },
    recipient_kinds: { project: '慈善项目', household: '困难家庭', organisation: '机构' },
  },
}

export const en: typeof zh = {
  menu: {
    group: 'Charity', donations: 'Donations', campaigns: 'Campaigns', funds: 'Funds & projects', allocations: 'Allocations',
    pools: 'Pools', ledger: 'Public ledger', report: 'Annual report', portal: 'Public portal',
  },
  common: {
    yuan: 'yuan', from: 'From', to: 'To', general: 'Undesignated (general)', createdBy: 'Recorded by',
    charity: 'District Charity Federation', charityOf: '{county} Charity Federation',
  },
  vocab: {
    categories: {
      dibao: 'Dibao households', tekun: 'Extreme-poverty persons', low_income: 'Low-income households', elderly: 'Elderly in hardship',
      disabled: 'Disabled persons in hardship', children: 'Children in difficulty', students: 'Students in hardship', disaster: 'Disaster victims',
    },
    designation_kinds: { undesignated: 'Undesignated', fund: 'A fund', project: 'A project', region: 'A region', category: 'A beneficiary group' },
    donor_kinds: { person: 'Person', company: 'Company' },
    forms: { money: 'Money', goods: 'Goods' },
    channels: { bank_transfer: 'Bank transfer', wechat: 'WeChat Pay', alipay: 'Alipay', cash: 'Cash', goods: 'Goods' },
    recipient_kinds: { project: 'Project', household: 'Household', organisation: 'Organisation' },
  },
}
