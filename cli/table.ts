import { formatLeft } from '../lib/output/left.js'
import type { SessionRecord } from '../lib/sessions/session-record.js'
import { printable } from './io.js'
import { localTime } from './local-time.js'
import { EXPIRY_WINDOW_SECONDS } from '../lib/sessions/sessions.js'
import { sessionLoginLapsed } from '../lib/logins/logins.js'

/** On LEFT: valid, but its login has expired and will not renew. */
export const LAPSED_MARK = '!'

const HEADERS = ['PROFILE', 'ACCOUNT', 'ROLE', 'SESSION', 'EXPIRES', 'LEFT'] as const

const COLOR = { red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' }

const cells = (r: SessionRecord): string[] => {
  const profile = r.profiles.length ? r.profiles.join(',') : '-'
  if (r.error !== null) return [profile, '-', '-', '-', '-', `unreadable ${r.id}: ${r.error}`]
  return [
    profile,
    r.accountId ?? '-',
    r.roleName ?? '-',
    r.sessionName ?? '-',
    r.expiration ? localTime(r.expiration) : '-',
    // a short mark, explained on stderr by list
    formatLeft(r.expiresInSeconds ?? 0) + (sessionLoginLapsed(r) ? ` ${LAPSED_MARK}` : ''),
  ]
}

const rowColor = (r: SessionRecord): string | undefined => {
  if (r.error !== null) return COLOR.dim
  if (r.expired) return COLOR.red
  if ((r.expiresInSeconds ?? 0) < EXPIRY_WINDOW_SECONDS) return COLOR.yellow
  return undefined
}

/** The human-readable table of `list`; colour only when asked for. */
export const renderTable = (records: SessionRecord[], color: boolean): string => {
  // the ACTIVE column only when this shell uses one of the sessions
  const showActive = records.some(r => r.active)
  const headers: readonly string[] = showActive ? [...HEADERS, 'ACTIVE'] : HEADERS
  const rows = records.map(r => [...cells(r), ...(showActive ? [r.active ? '*' : ''] : [])].map(printable))
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(row => (row[i] as string).length)))
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ')
  const body = rows.map((row, i) => {
    const text = line(row)
    const c = color ? rowColor(records[i] as SessionRecord) : undefined
    return c ? `${c}${text}${COLOR.reset}` : text
  })
  return [line(headers), ...body].map(l => l.trimEnd()).join('\n') + '\n'
}
