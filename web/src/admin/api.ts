// 系统管理: accounts, the audit log and the jobs as typed functions (docs/api.md), so that no view
// spells a path. Lists give their path to `usePagedList`.
import { download, get, post, put } from '../api'
import type { Page } from '../types'
import type { Account, AccountBody, AuditVerify } from './types'

/** The accounts of the administrator's region (the server answers them whole; a page is read too). */
export async function accountsList(): Promise<Account[]> {
  const res = await get<Account[] | Page<Account>>('/accounts')
  return Array.isArray(res) ? res : res.items
}
export const accountCreate = (body: AccountBody) => post<Account>('/accounts', body)
export const accountUpdate = (id: number, body: AccountBody) => put<Account>(`/accounts/${id}`, body)
export const accountsExport = () => download('/accounts/export', undefined, 'accounts.xlsx')

export const AUDIT = '/audit'
export const AUDIT_EXPORT = '/audit/export'
export const auditVerify = () => get<AuditVerify>('/audit/verify')

export const JOBS = '/admin/jobs'
