// Times shown to people are local, drawn with luxon; machine output keeps
// ISO 8601 UTC. Loaded only where a time is shown (the tables, an expiry).
import { DateTime } from 'luxon'
import { AwscacheError } from '../lib/errors.js'
import type { ExpiredSessionError } from '../lib/errors.js'

// The spelling is fixed (ASCII digits, Gregorian calendar) whatever the
// locale; told so, luxon formats without looking up the locale's Intl data,
// which was a third of the list table's run (README "Speed").
const FIXED_SPELLING = { locale: 'en-US', numberingSystem: 'latn', outputCalendar: 'gregory' } as const

// the times here are awscache's own ISO 8601 UTC (formatIsoUtc), which Date
// reads as well as luxon's ISO parser, at a fraction of its cost
const local = (iso: string): DateTime => DateTime.fromMillis(Date.parse(iso), FIXED_SPELLING)

/** "2026-11-26 13:29": the list table's spelling, in this machine's time zone. */
export const localTime = (iso: string): string => local(iso).toFormat('yyyy-MM-dd HH:mm')

/** "2026-11-26": the date alone, in this machine's time zone. */
export const localDate = (iso: string): string => local(iso).toFormat('yyyy-MM-dd')

/** The same error, its time in local time. */
export const inLocalTime = (er: ExpiredSessionError): AwscacheError =>
  new AwscacheError(`${er.subject} expired at ${localTime(er.expiration)}`, er.exitCode, er.hints)
