import { formatLeft } from '../lib/output/left.js'
import type { SessionRecord } from '../lib/sessions/session-record.js'
import { printable } from './io.js'
import { localTime } from './local-time.js'
import { staleWindowSeconds } from '../lib/sessions/sessions.js'
import { sessionLoginLapsed } from '../lib/logins/logins.js'

/** On LEFT: valid, but its login has expired and will not renew. */
export const LAPSED_MARK = '!'

const HEADERS = ['PROFILE', 'ACCOUNT', 'ROLE', 'SESSION', 'EXPIRES', 'LEFT'] as const

// The columns that give way, in this order on a tie, when the table is wider
// than the terminal: the names. An account id, an expiry and the time left are
// read whole or not at all.
const SHRINKABLE = [0, 2, 3]

const LEFT_COLUMN = 5

const GAP = '  '

const COLOR = { red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' }

const cells = (r: SessionRecord): string[] => {
  const profile = r.profiles.length ? r.profiles.join(',') : '-'
  if (r.error !== null) return [profile, '-', '-', '-', '-', `unreadable ${r.id}: ${r.error}`]
  return [
    profile,
    r.accountId ?? '-',
    r.type === 'login' ? '(aws login)' : (r.roleName ?? '-'),
    r.sessionName ?? '-',
    r.expiration ? localTime(r.expiration) : '-',
    // a short mark, explained on stderr by list
    formatLeft(r.expiresInSeconds ?? 0) + (sessionLoginLapsed(r) ? ` ${LAPSED_MARK}` : ''),
  ]
}

const rowColor = (r: SessionRecord): string | undefined => {
  if (r.error !== null) return COLOR.dim
  if (r.expired) return COLOR.red
  if ((r.expiresInSeconds ?? 0) < staleWindowSeconds(r.type)) return COLOR.yellow
  return undefined
}

/** Widths in terminal cells, and cutting to a width. */
export interface Measure {
  width(text: string): number
  /** `text` cut to `width` cells, ending in `…` when cut; whole characters (emoji sequences) only */
  elide(text: string, width: number): string
}

const PLAIN = /^[\x20-\x7e]*$/

// Printable ASCII, the usual table: one cell a character, nothing more to load.
const ascii: Measure = {
  width: text => text.length,
  elide: (text, width) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`),
}

// string-width (with its emoji and East Asian width tables) and the grapheme
// segmenter cost more to set up than drawing the table: only for text that needs them.
const unicode = async (): Promise<Measure> => {
  const { default: stringWidth } = await import('string-width')
  const graphemes = new Intl.Segmenter()
  return {
    width: stringWidth,
    elide: (text, width) => {
      if (stringWidth(text) <= width) return text
      let kept = ''
      let used = 0
      for (const { segment } of graphemes.segment(text)) {
        const w = stringWidth(segment)
        if (used + w > width - 1) break
        kept += segment
        used += w
      }
      return `${kept}…`
    },
  }
}

/** How to measure these texts. */
export const measureFor = async (texts: readonly string[]): Promise<Measure> =>
  texts.every(t => PLAIN.test(t)) ? ascii : unicode()

/**
 * Narrows the widest name columns, a cell at a time (the profile first on a
 * tie, never below its header), until the table fits in `limit` cells.
 */
const fitted = (widths: number[], minimums: readonly number[], limit: number): number[] => {
  const fit = [...widths]
  const total = (): number => fit.reduce((a, b) => a + b, 0) + GAP.length * (fit.length - 1)
  while (total() > limit) {
    let widest: number | undefined
    for (const i of SHRINKABLE) {
      if (
        (fit[i] as number) > (minimums[i] as number) &&
        (widest === undefined || (fit[i] as number) > (fit[widest] as number))
      )
        widest = i
    }
    if (widest === undefined) break // as narrow as it gets: the terminal wraps it
    fit[widest] = (fit[widest] as number) - 1
  }
  return fit
}

/**
 * The human-readable table of `list`; colour only when asked for. `limit`:
 * the terminal's width in cells (undefined: none, as into a pipe). Widths are
 * display widths: a CJK character or an emoji takes two cells.
 */
export const renderTable = async (records: SessionRecord[], color: boolean, limit?: number): Promise<string> => {
  // the ACTIVE column only when this shell uses one of the sessions
  const showActive = records.some(r => r.active)
  const headers: readonly string[] = showActive ? [...HEADERS, 'ACTIVE'] : HEADERS
  const rows = records.map(r => [...cells(r), ...(showActive ? [r.active ? '*' : ''] : [])].map(printable))
  const { width, elide } = await measureFor(rows.flat())
  // an unreadable entry's reason runs on past the columns (it takes LEFT's place): it sets no width
  const widths = headers.map((h, c) =>
    Math.max(
      width(h),
      ...rows.map((row, i) => (c === LEFT_COLUMN && records[i]?.error !== null ? 0 : width(row[c] as string))),
    ),
  )
  const fit = limit === undefined ? widths : fitted(widths, headers.map(width), limit)
  const cell = (text: string, i: number): string => (SHRINKABLE.includes(i) ? elide(text, fit[i] as number) : text)
  const line = (row: readonly string[], reason: boolean): string =>
    row
      .map((text, i) => {
        const shown = cell(text, i)
        if (i === row.length - 1 || (reason && i === LEFT_COLUMN)) return shown
        return shown + ' '.repeat(Math.max(0, (fit[i] as number) - width(shown)))
      })
      .join(GAP)
  const body = rows.map((row, i) => {
    const record = records[i] as SessionRecord
    const text = line(row, record.error !== null)
    const c = color ? rowColor(record) : undefined
    return c ? `${c}${text}${COLOR.reset}` : text
  })
  return [line(headers, false), ...body].map(l => l.trimEnd()).join('\n') + '\n'
}

/**
 * The width to fit the table in: the terminal's, else $COLUMNS when set to a
 * number; none into a pipe, which gets whole rows.
 */
export const terminalWidth = async (): Promise<number | undefined> => {
  // process.stdout only on a terminal: over a pipe setting it up costs time and makes the pipe non-blocking
  if ((await import('node:tty')).isatty(1) && process.stdout.columns > 0) return process.stdout.columns
  const columns = process.env.COLUMNS
  return columns !== undefined && /^[1-9][0-9]{0,5}$/.test(columns) ? Number(columns) : undefined
}
