// home care: providers, catalogue, orders, settlement: console texts (zh and en in the same shape), under `eld.care`.
export const zh = {}
export const en: typeof zh = {}
