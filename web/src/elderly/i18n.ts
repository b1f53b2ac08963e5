// 养老助残儿童 console texts: one file per section, under `eld.<section>`.
import * as assessment from './i18n/assessment'
import * as care from './i18n/care'
import * as services from './i18n/services'
import * as outreach from './i18n/outreach'

export const elderlyZh = {
  menu: { group: '养老助残儿童' },
  assessment: assessment.zh,
  care: care.zh,
  services: services.zh,
  outreach: outreach.zh,
}

export const elderlyEn: typeof elderlyZh = {
  menu: { group: 'Elderly, disability & children' },
  assessment: assessment.en,
  care: care.en,
  services: services.en,
  outreach: outreach.en,
}
