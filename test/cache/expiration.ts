import t from 'tap'
import { formatIsoUtc, isWritableUtc, parseExpiration } from '../../lib/cache/expiration.js'
import { parseEntry } from '../../lib/cache/entry.js'
import { prng } from '../helpers/prng.js'

const at = Date.UTC(2026, 10, 26, 11, 29, 21)

t.test('every spelling botocore has written', async t => {
  t.equal(parseExpiration('2026-11-26T11:29:21+00:00'), at, 'CLI v2')
  t.equal(parseExpiration('2026-11-26T11:29:21Z'), at, 'CLI v1')
  t.equal(parseExpiration('2026-11-26T11:29:21UTC'), at, 'old botocore strftime %Z')
  t.equal(parseExpiration('2026-11-26T11:29:21.123000+00:00'), at + 123, 'fractions')
  t.equal(parseExpiration('2026-11-26T11:29:21.5Z'), at + 500)
  t.equal(parseExpiration('2026-11-26 11:29:21 UTC'), at)
  t.equal(parseExpiration('2026-11-26T13:29:21+02:00'), at, 'offsets')
  t.equal(parseExpiration('2026-11-26T06:29:21-0500'), at)
  t.equal(parseExpiration('2026-11-26t11:29:21z'), at)
})

t.test('anything else is not a date', async t => {
  for (const bad of [
    '',
    'soon',
    '2026-11-26',
    '2026-11-26T11:29:21',
    '2026-02-30T00:00:00Z',
    '2026-11-26T25:00:00Z',
    '1795688961',
    '2026-11-26T11:29:21+00:00 extra',
  ]) {
    t.equal(parseExpiration(bad), undefined, JSON.stringify(bad))
  }
})

t.test('a zone a day or more from UTC, or with over 59 minutes, is not a date', async t => {
  for (const bad of [
    '2026-11-26T11:29:21+24:00',
    '2026-11-26T11:29:21-24:00',
    '2026-11-26T11:29:21+99:00',
    '2026-11-26T11:29:21-9959',
    '2026-11-26T11:29:21+05:60',
    '2026-11-26T11:29:21+00:99',
  ]) {
    t.equal(parseExpiration(bad), undefined, bad)
  }
  t.equal(parseExpiration('2026-11-27T11:28:21+23:59'), at, 'the widest offset there can be')
  t.equal(parseExpiration('2026-11-25T11:30:21-23:59'), at)
})

t.test('a time outside the years 0000-9999 in UTC cannot be written as YYYY-MM-DDTHH:MM:SSZ', async t => {
  const edges: [string, boolean][] = [
    ['9999-12-31T23:59:59Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['0000-01-01T00:00:00Z', true],
    ['9999-12-31T23:00:00-05:00', false],
    ['9999-12-31T23:59:59-00:01', false],
    ['0000-01-01T00:00:00+00:01', false],
    ['0000-01-01T05:00:00+05:00', true],
  ]
  for (const [text, writable] of edges) {
    const ms = parseExpiration(text) as number
    t.equal(isWritableUtc(ms), writable, text)
    if (writable) t.match(formatIsoUtc(ms), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/, text)
  }
  // in an entry: unreadable, with the reason
  const entry = (Expiration: string) =>
    JSON.stringify({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration } })
  t.match(parseEntry(entry('9999-12-31T23:00:00-05:00')), {
    error: '"Credentials.Expiration" is outside the years 0000 to 9999 in UTC',
  })
  t.match(parseEntry(entry('0000-01-01T00:00:00+14:00')), { error: /outside the years 0000 to 9999/ })
  t.match(parseEntry(entry('2026-11-26T11:29:21+25:00')), { error: '"Credentials.Expiration" is not a date' })
  t.match(parseEntry(entry('9999-12-31T23:59:59Z')), {
    error: null,
    credentials: { expiration: Date.UTC(9999, 11, 31, 23, 59, 59) },
  })
})

t.test('printed in UTC, ending in Z', async t => {
  t.equal(formatIsoUtc(at), '2026-11-26T11:29:21Z')
  t.equal(formatIsoUtc(at + 123), '2026-11-26T11:29:21.123Z')
})

// The parser as it was first written, with Date objects: the specification
// for the faster one, on random dates (leap days, years 0-99, every zone form).
const referenceParse = (text: string): number | undefined => {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/i.exec(
      text.trim(),
    )
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'))
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  if (date.getUTCDate() !== day) return undefined
  const utc = date.getTime()
  const zone = (m[8] as string).toUpperCase()
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return utc
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000
}

t.test('the same answer as the Date-object parser, on 20,000 random dates', async t => {
  const seed = Number(process.env.AWSCACHE_TEST_SEED ?? Date.now() % 1_000_000)
  const r = prng(seed)
  const two = (n: number) => String(n).padStart(2, '0')
  let valid = 0
  let mismatches = 0
  for (let i = 0; i < 20_000; i++) {
    const year = r.pick([r.int(0, 99), r.int(1600, 2400), r.int(0, 9999), 2000, 1900, 2024, 2100])
    const text =
      `${String(year).padStart(4, '0')}-${two(r.int(0, 13))}-${two(r.int(0, 32))}${r.pick(['T', ' ', 't'])}` +
      `${two(r.int(0, 24))}:${two(r.int(0, 60))}:${two(r.int(0, 60))}${r.pick(['', '.5', '.123456', '.9999'])}` +
      r.pick(['Z', 'z', 'UTC', ' UTC', 'gmt', '+00:00', '-05:00', '+0530', '-11', '+14:00', '+2'])
    const expected = referenceParse(text)
    if (expected !== undefined) valid++
    if (parseExpiration(text) !== expected && mismatches++ < 5)
      t.equal(parseExpiration(text), expected, `${text} (seed ${seed})`)
  }
  t.equal(mismatches, 0, `seed ${seed}`)
  t.ok(valid > 5_000 && valid < 19_000, `${valid} valid dates among them`)
})

t.test('Expiration edge cases', async t => {
  const last = Date.UTC(2026, 11, 31, 23, 59, 59)
  t.equal(
    parseExpiration('2026-12-31T23:59:59.9996Z'),
    last + 999,
    'fractions truncate: no roll-over into the next day',
  )
  t.equal(parseExpiration('2026-11-26T11:29:21.123456789+00:00'), Date.UTC(2026, 10, 26, 11, 29, 21, 123))
  t.equal(new Date(parseExpiration('0050-01-01T00:00:00Z') as number).getUTCFullYear(), 50, 'year 50 is not 1950')
  t.equal(parseExpiration('9999-12-31T23:59:59Z'), Date.UTC(9999, 11, 31, 23, 59, 59))
  for (const bad of [
    '2026-11-26T11:60:00Z',
    '2026-11-26T11:30:60Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
  ]) {
    t.equal(parseExpiration(bad), undefined, bad)
  }
})
