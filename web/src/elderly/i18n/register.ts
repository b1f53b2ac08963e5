// the elderly register, capability assessment and visits: console texts (zh and en in the same shape), under `eld.register`.
export const zh = {}
export const en: typeof zh = {}
