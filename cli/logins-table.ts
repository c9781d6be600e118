// The table of `logins`, and its one line for `logins <profile>`. Times are
// local. A console login's EXPIRES and LEFT are its current access key's (15
// minutes at a time): with REFRESH yes the CLI renews the key while the login
// lasts (up to 12 hours, an end its file does not hold).
import { formatLeft } from '../lib/output/left.js'
import { lapsed, type LoginRecord } from '../lib/logins/logins.js'
import { printable } from './io.js'
import { localDate, localTime } from './local-time.js'

const HEADERS = ['LOGIN', 'KIND', 'PROFILES', 'EXPIRES', 'LEFT', 'REFRESH'] as const

const COLOR = { red: '\x1b[31m', dim: '\x1b[2m', reset: '\x1b[0m' }

export interface LoginCells {
  login: string
  kind: string
  profiles: string
  expires: string
  left: string
  refresh: string
}

/** REFRESH: yes, no, or (an SSO login) until the day its client registration ends. */
const refreshCell = (r: LoginRecord): string => {
  if (!r.refreshable) return 'no'
  if (r.kind === 'sso' && r.registrationExpiration !== null) return `until ${localDate(r.registrationExpiration)}`
  return 'yes'
}

export const loginCells = (r: LoginRecord): LoginCells => {
  const base = { login: r.name, kind: r.kind, profiles: r.profiles.length ? r.profiles.join(',') : '-' }
  if (r.error !== null) return { ...base, expires: '-', left: '-', refresh: `unreadable ${r.id}: ${r.error}` }
  const seconds = r.expiresInSeconds ?? 0
  return {
    ...base,
    expires: r.expiration ? localTime(r.expiration) : '-',
    // an expired token that renews is not a lapsed login
    left: seconds <= 0 && r.refreshable ? 'renews' : formatLeft(seconds),
    refresh: refreshCell(r),
  }
}

/** `logins <profile>`: one line. */
export const loginLine = (r: LoginRecord): string => {
  const c = loginCells(r)
  const renew =
    c.refresh === 'no' ? 'does not renew' : c.refresh === 'yes' ? 'renews by itself' : `renews by itself ${c.refresh}`
  const when = r.expired ? `expired at ${c.expires}` : `expires ${c.expires}, ${c.left} left`
  return `${printable(c.login)} (${c.kind}, ${printable(c.profiles)}): ${when}, ${renew}\n`
}

export const renderLoginsTable = (records: LoginRecord[], color: boolean): string => {
  const rows = records.map(r => Object.values(loginCells(r)).map(printable))
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map(row => (row[i] as string).length)))
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ')
  const body = rows.map((row, i) => {
    const r = records[i] as LoginRecord
    const c = !color ? undefined : r.error !== null ? COLOR.dim : lapsed(r) ? COLOR.red : undefined
    return c ? `${c}${line(row)}${COLOR.reset}` : line(row)
  })
  return [line(HEADERS), ...body].map(l => l.trimEnd()).join('\n') + '\n'
}
