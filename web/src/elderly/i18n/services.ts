// emergency calls, canteens, institutions: console texts (zh and en in the same shape), under `eld.services`.
export const zh = {}
export const en: typeof zh = {}
