// Times shown to people are local, drawn with luxon; machine output keeps
// ISO 8601 UTC. Loaded only where a time is shown (the table, an expiry).
import { DateTime } from 'luxon'
import { AwscacheError } from '../lib/errors.js'
import type { ExpiredSessionError } from '../lib/errors.js'

/** "2026-11-26 13:29": the list table's spelling, in this machine's time zone. */
export const localTime = (iso: string): string => DateTime.fromISO(iso).toLocal().toFormat('yyyy-MM-dd HH:mm')

/** The same error, its time in local time. */
export const inLocalTime = (er: ExpiredSessionError): AwscacheError =>
  new AwscacheError(`${er.subject} expired at ${localTime(er.expiration)}`, er.exitCode, er.hints)
