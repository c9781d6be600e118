// The spellings botocore has written for Credentials.Expiration:
// "2026-11-26T11:29:21+00:00" (CLI v2), "…Z" (CLI v1), "…UTC" (old botocore),
// with or without fractional seconds.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/i

/** Milliseconds since the epoch, or undefined for text that is not such a date. */
export const parseExpiration = (text: string): number | undefined => {
  const m = ISO.exec(text.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[]
  const ms = Math.round(Number(`0.${m[7] ?? 0}`) * 1000)
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms)
  const check = new Date(utc)
  // reject Feb 30 and friends rather than rolling them over
  if (check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMonth() !== month! - 1) {
    return undefined
  }
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
