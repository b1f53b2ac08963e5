// 慈善公益 console and portal texts: one file per section, mounted under `ch` in src/i18n.ts
// (the charity supermarket's under `ch.supermarket`).
import * as common from './i18n/common'
import * as donations from './i18n/donations'
import * as funds from './i18n/funds'
import * as allocations from './i18n/allocations'
import * as ledger from './i18n/ledger'
import * as report from './i18n/report'
import * as portal from './i18n/portal'
import * as supermarket from './i18n/supermarket'

export const charityZh = {
  ...common.zh,
  ...donations.zh,
  ...funds.zh,
  ...allocations.zh,
  ...ledger.zh,
  ...report.zh,
  ...portal.zh,
  supermarket: supermarket.zh,
}

export const charityEn: typeof charityZh = {
  ...common.en,
  ...donations.en,
  ...funds.en,
  ...allocations.en,
  ...ledger.en,
  ...report.en,
  ...portal.en,
  supermarket: supermarket.en,
}
