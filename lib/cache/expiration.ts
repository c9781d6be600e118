// The spellings botocore has written for Credentials.Expiration:
// "2026-11-26T11:29:21+00:00" (CLI v2), "…Z" (CLI v1), "…UTC" (old botocore),
// with or without fractional seconds.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/i

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const daysInMonth = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (DAYS_IN_MONTH[month - 1] as number)

// Date.UTC reads years 0-99 as 1900-1999: counting from 400 years later (one
// whole Gregorian cycle, always 146097 days) avoids that without a Date object.
const CYCLE_YEARS = 400
const CYCLE_MS = 146_097 * 86_400_000

/** Milliseconds since the epoch, or undefined for text that is not such a date. */
export const parseExpiration = (text: string): number | undefined => {
  const m = ISO.exec(text.trim())
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = Number(m[4])
  const minute = Number(m[5])
  const second = Number(m[6])
  // milliseconds, truncated: rounding .9996 up would roll 23:59:59 over into the next day
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
  // Feb 30 and friends are refused rather than rolled over
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined
  }
  const utc = Date.UTC(year + CYCLE_YEARS, month - 1, day, hour, minute, second, ms) - CYCLE_MS
  const zone = m[8] as string
  const sign = zone[0] === '-' ? -1 : zone[0] === '+' ? 1 : 0
  // Z, UTC, GMT
  if (sign === 0) return utc
  const digits = zone.slice(1).replace(':', '')
  const offsetHours = Number(digits.slice(0, 2))
  const offsetMinutes = Number(digits.slice(2) || 0)
  // no zone is a day or more from UTC (Python, and so the AWS CLI, refuses one)
  if (offsetHours >= 24 || offsetMinutes > 59) return undefined
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000
}

// 0000-01-01T00:00:00Z and the last millisecond of 9999, in UTC
const FIRST_WRITABLE = Date.UTC(CYCLE_YEARS, 0, 1) - CYCLE_MS
const LAST_WRITABLE = Date.UTC(10_000, 0, 1) - 1

/**
 * Whether formatIsoUtc can write the time as YYYY-MM-DDTHH:MM:SSZ: a year
 * of four digits in UTC (an offset can carry 9999-12-31T23:00-05:00 into
 * the year 10000, which ISO 8601 writes +010000-…).
 */
export const isWritableUtc = (ms: number): boolean => ms >= FIRST_WRITABLE && ms <= LAST_WRITABLE

/** ISO 8601 in UTC ending in Z, with milliseconds only when there are some. */
export const formatIsoUtc = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')
