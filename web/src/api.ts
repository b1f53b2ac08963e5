// Same-origin JSON client for /api/v1 (docs/api.md).
export interface FieldMessage { field: string; message: string; message_en?: string }
export interface ApiErrorBody { code: string; field?: string | null; message?: string; message_en?: string; errors?: FieldMessage[] }

export class ApiError extends Error {
  status: number
  code: string
  field: string | null
  zh: string
  en: string
  /** Every failing field when the server reports several (`error.errors`, beyond the first in `field`). */
  errors: FieldMessage[]
  constructor(status: number, body: ApiErrorBody | null, fallback: string) {
    const zh = body?.message || fallback
    super(zh)
    this.status = status
    this.code = body?.code || (status === 0 ? 'network' : 'http_' + status)
    this.field = body?.field ?? null
    this.zh = zh
    this.en = body?.message_en || body?.message || fallback
    this.errors = Array.isArray(body?.errors) ? body!.errors!.filter((x) => x && typeof x.field === 'string') : []
  }
  text(locale: string): string {
    return locale.startsWith('en') ? this.en : this.zh
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function qs(query?: Query): string {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    p.set(k, String(v))
  }
  const s = p.toString()
  return s ? '?' + s : ''
}

let onUnauthorized: (() => void) | null = null
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn
}

const HEADERS = { 'X-Requested-With': 'minzheng' }

async function send(method: string, path: string, opts: { query?: Query; body?: unknown; form?: FormData } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...HEADERS }
  let body: BodyInit | undefined
  if (opts.form) body = opts.form
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(path + qs(opts.query), { method, headers, body, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器', message_en: 'Cannot reach the server' }, String(e))
  }
  if (!res.ok) {
    let parsed: ApiErrorBody | null = null
    try {
      const j = await res.json()
      parsed = j?.error ?? null
    } catch {
      /* not JSON */
    }
    const err = new ApiError(res.status, parsed, `HTTP ${res.status}`)
    if (res.status === 401 && !path.endsWith('/auth/login') && !path.endsWith('/auth/me') && onUnauthorized) onUnauthorized()
    throw err
  }
  return res
}

export async function api<T>(method: string, path: string, opts: { query?: Query; body?: unknown; form?: FormData } = {}): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', '/api/v1' + path, { query })
export const post = <T>(path: string, body?: unknown) => api<T>('POST', '/api/v1' + path, { body })
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', '/api/v1' + path, { body })
export const upload = <T>(path: string, form: FormData) => api<T>('POST', '/api/v1' + path, { form })
export const del = <T = void>(path: string) => api<T>('DELETE', '/api/v1' + path)

/** Uploads one file as multipart `field` (default `file`) with any extra text fields; CSRF header included. */
export function uploadFile<T>(path: string, file: File, extra: Record<string, string> = {}, field = 'file'): Promise<T> {
  const fd = new FormData()
  for (const [k, v] of Object.entries(extra)) fd.append(k, v)
  fd.append(field, file, file.name)
  return upload<T>(path, fd)
}

/** Downloads a file (export, template) with the session cookie and the CSRF header, then saves it. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const res = await send('GET', '/api/v1' + path, { query })
  const blob = await res.blob()
  let name = fallbackName
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd)
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  if (star) name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
  else if (plain) name = plain[1]
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}
