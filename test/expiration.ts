import t from 'tap'
import { formatIsoUtc, parseExpiration } from '../lib/expiration.js'

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
  for (const bad of ['', 'soon', '2026-11-26', '2026-11-26T11:29:21', '2026-02-30T00:00:00Z', '2026-11-26T25:00:00Z', '1795688961', '2026-11-26T11:29:21+00:00 extra']) {
    t.equal(parseExpiration(bad), undefined, JSON.stringify(bad))
  }
})

t.test('printed in UTC, ending in Z', async t => {
  t.equal(formatIsoUtc(at), '2026-11-26T11:29:21Z')
  t.equal(formatIsoUtc(at + 123), '2026-11-26T11:29:21.123Z')
})
