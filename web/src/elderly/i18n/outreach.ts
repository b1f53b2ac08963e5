// allowances and 事找人: console texts (zh and en in the same shape), under `eld.outreach`.
export const zh = {}
export const en: typeof zh = {}
