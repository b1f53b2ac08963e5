// 系统管理: accounts, the audit log and the job runner's jobs, aliases of the generated schemas.
import type { components } from '../api/schema'

type S = components['schemas']

export type Account = S['AccountView']
/** An account's create or update body (every field optional; the server says what is missing). */
export type AccountBody = S['AccountBody']
export type AuditEntry = S['AuditView']
export type AuditVerify = S['VerifyView']
export type Job = S['JobView']
