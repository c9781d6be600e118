// The spellings botocore has written for Credentials.Expiration:
// "2026-11-26T11:29:21+00:00" (CLI v2), "…Z" (CLI v1), "…UTC" (old botocore),
// with or without fractional seconds.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/i

/** Milliseconds since the epoch, or undefined for text that is not such a date. */
export const parseExpiration = (text: string): number | undefined => {
  const m = ISO.exec(text.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  // milliseconds, truncated: rounding .9996 up would roll 23:59:59 over into the next day
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'))
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  // reject Feb 30 and friends rather than rolling them over
  if (date.getUTCDate() !== day) return undefined
  const utc = date.getTime()
  const zone = (m[8] as string).toUpperCase()
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return utc
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)
  return utc - sign * offset * 60_000
}

/** ISO 8601 in UTC ending in Z, with milliseconds only when there are some. */
export const formatIsoUtc = (ms: number): string =>
  new Date(ms).toISOString().replace('.000Z', 'Z')
