// 大民政工作计划 console texts: one file per section, mounted under `pl` in src/i18n.ts.
import * as plan from './i18n/plan'
import * as progress from './i18n/progress'

export const planZh = {
  ...plan.zh,
  progress: progress.zh,
}

export const planEn: typeof planZh = {
  ...plan.en,
  progress: progress.en,
}
