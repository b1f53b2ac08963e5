// 年度报告: console texts (zh and en in the same shape).
export const zh = {
  report: {
    year: '年度', export: '导出Excel', print: '打印报告', printTitle: '慈善年度收支报告', sheetTitle: '{charity}{year}年度慈善收支报告',
    sheetLead: '本报告列示{year}年度接收捐赠（资金和物资）及慈善资金拨付情况，数据来自慈善公开账本，金额单位为元。',
    summary: '收支概况', openingBalance: '年初结余', closingBalance: '年末结余', incomeTotal: '捐赠收入合计', spendingTotal: '拨付支出合计',
    money: '资金捐赠', goods: '物资捐赠（估值）', donations: '捐赠笔数', donors: '捐赠人数', donationsDonors: '捐赠笔数 / 人数',
    allocations: '拨付笔数', households: '受助家庭', organisations: '受助机构', byMonth: '分月收支', byMonthChart: '分月收入与支出（元）',
    month: '月份', amount: '金额', incomeByFund: '收入（按基金）', spendingByFund: '支出（按基金）', byDonorKind: '收入（按捐赠人类型）',
    byRecipientKind: '支出（按受助对象）', byCampaign: '收入（按募捐活动）', byProject: '支出（按项目）', supermarket: '慈善超市',
    sm: {
      donated_in_fen: '捐赠物资入库（估值）', purchased_in_fen: '采购物资入库', redeemed_out_fen: '兑换发放', written_off_fen: '过期报损',
      points_issued: '发放积分', points_redeemed: '兑换积分', households_served: '服务家庭数', redemptions: '兑换次数',
    },
  },
}

export const en: typeof zh = {
  report: {
    year: 'Year', export: 'Export Excel', print: 'Print report', printTitle: 'Annual charity report', sheetTitle: '{charity}: income and spending {year}',
    sheetLead: 'Donations received (money and goods) and allocations made in {year}, from the charity’s public ledger; amounts in yuan.',
    summary: 'Summary', openingBalance: 'Opening balance', closingBalance: 'Closing balance', incomeTotal: 'Income', spendingTotal: 'Spending',
    money: 'Money', goods: 'Goods (valued)', donations: 'Donations', donors: 'Donors', donationsDonors: 'Donations / donors',
    allocations: 'Allocations', households: 'Households', organisations: 'Organisations', byMonth: 'By month', byMonthChart: 'Income and spending by month (yuan)',
    month: 'Month', amount: 'Amount', incomeByFund: 'Income by fund', spendingByFund: 'Spending by fund', byDonorKind: 'Income by donor kind',
    byRecipientKind: 'Spending by recipient', byCampaign: 'Income by campaign', byProject: 'Spending by project', supermarket: 'Charity supermarket',
    sm: {
      donated_in_fen: 'Donated goods in (valued)', purchased_in_fen: 'Purchased goods in', redeemed_out_fen: 'Redeemed', written_off_fen: 'Written off (expired)',
      points_issued: 'Points issued', points_redeemed: 'Points redeemed', households_served: 'Households served', redemptions: 'Redemptions',
    },
  },
}
