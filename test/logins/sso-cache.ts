import { createHash } from 'node:crypto'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import t from 'tap'
import {
  parseSsoFile,
  readSsoCacheDir,
  readSsoTokenOf,
  ssoRefreshable,
  ssoTokenKey,
  type SsoToken,
} from '../../lib/logins/sso-cache.js'
import { FIXTURES, LATEST_FIXTURE_NOW } from '../helpers/home.js'
import { tempFolder } from '../helpers/temp.js'

const FIXTURE_SSO = join(FIXTURES, 'aws-cli-v2-latest-home', '.aws', 'sso', 'cache')

t.test('the key is the SHA-1 of the [sso-session] name, or of a legacy start URL as written', async t => {
  // the file names the newest CLI wrote in the fixture
  t.equal(ssoTokenKey('corp'), 'ee0bfd2552fbd840c02cc48b6e823320543c450f')
  t.equal(ssoTokenKey('stale'), 'a4e976a3d3fc6d0b40453de216fbbe2e9aaecdc4')
  t.equal(ssoTokenKey('https://legacy.awsapps.com/start#/'), 'ac60cfe620e0b9d4aa02d26761573a831bdae14f')
  t.not(
    ssoTokenKey('https://legacy.awsapps.com/start'),
    ssoTokenKey('https://legacy.awsapps.com/start#/'),
    'as written: no normalising',
  )
  // what python3's hashlib.sha1(name.encode('utf-8')) gives: UTF-8
  t.equal(
    ssoTokenKey('\u00e9'),
    createHash('sha1')
      .update(Buffer.from([0xc3, 0xa9]))
      .digest('hex'),
  )
})

t.test('both expiresAt spellings, and ISO 8601 with an offset', async t => {
  const at = Date.UTC(2026, 11, 2, 15, 56, 46)
  for (const spelling of [
    '2026-12-02T15:56:46UTC',
    '2026-12-02T15:56:46Z',
    '2026-12-02T16:56:46+01:00',
    '2026-12-02T15:56:46.000Z',
  ]) {
    t.match(
      parseSsoFile(JSON.stringify({ accessToken: 'x', expiresAt: spelling })),
      { kind: 'token', expiration: at },
      spelling,
    )
  }
  t.match(parseSsoFile(JSON.stringify({ accessToken: 'x', expiresAt: 'soon' })), {
    kind: 'unreadable',
    error: '"expiresAt" is not a date',
  })
  t.match(parseSsoFile(JSON.stringify({ accessToken: 'x', expiresAt: 'z', registrationExpiresAt: 'never' })), {
    kind: 'unreadable',
  })
  t.match(
    parseSsoFile(
      JSON.stringify({ accessToken: 'x', expiresAt: '2026-12-02T15:56:46Z', registrationExpiresAt: 'never' }),
    ),
    { kind: 'token', registrationExpiration: null },
  )
})

t.test('tokens have an accessToken; client registrations do not, and are no logins', async t => {
  const { files, warnings } = readSsoCacheDir(FIXTURE_SSO)
  t.same(warnings, [])
  const kinds = Object.fromEntries(files.map(f => [f.id, f.kind]))
  t.same(kinds, {
    '787ef34d0a944c01385765faa28b5e67d1c08f33': 'registration',
    a4e976a3d3fc6d0b40453de216fbbe2e9aaecdc4: 'token',
    ac60cfe620e0b9d4aa02d26761573a831bdae14f: 'token',
    'botocore-client-id-us-east-1': 'registration',
    c953316f665023e0fc6683d10023b56c133176e1: 'registration',
    ee0bfd2552fbd840c02cc48b6e823320543c450f: 'token',
  })
  const corp = readSsoTokenOf(FIXTURE_SSO, 'corp')
  t.match(corp, {
    kind: 'token',
    startUrl: 'https://corp.awsapps.com/start',
    region: 'eu-west-1',
    expiration: Date.UTC(2026, 11, 2, 15, 56, 35),
    registrationExpiration: Date.UTC(2027, 2, 2, 7, 56, 35),
    hasRefreshGrant: true,
  })
  t.match(
    readSsoTokenOf(FIXTURE_SSO, 'https://legacy.awsapps.com/start#/'),
    { kind: 'token', hasRefreshGrant: false },
    'a legacy token has no refresh token',
  )
  t.equal(readSsoTokenOf(FIXTURE_SSO, 'nobody'), undefined)
  t.match(
    parseSsoFile('{"accessToken": "", "expiresAt": "2026-12-02T15:56:46Z"}'),
    { kind: 'unreadable' },
    'an empty accessToken is no token',
  )
})

t.test('the refreshable rule (SSOTokenProvider._refresh_access_token)', async t => {
  const token = (over: Record<string, unknown>): SsoToken => {
    const parsed = parseSsoFile(
      JSON.stringify({
        accessToken: 'A',
        expiresAt: '2026-12-02T08:00:00Z',
        refreshToken: 'R',
        clientId: 'C',
        clientSecret: 'S',
        registrationExpiresAt: '2027-03-02T07:56:35UTC',
        ...over,
      }),
    )
    if (parsed.kind !== 'token') throw new Error(parsed.kind)
    return { id: 'x', file: 'x', identity: null, mode: null, ...parsed }
  }
  const now = LATEST_FIXTURE_NOW
  t.equal(ssoRefreshable(token({}), true, now), true, 'an [sso-session] token with everything')
  t.equal(ssoRefreshable(token({}), false, now), false, 'a legacy login never renews')
  for (const missing of ['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt']) {
    t.equal(ssoRefreshable(token({ [missing]: undefined }), true, now), false, `without ${missing}`)
  }
  t.equal(
    ssoRefreshable(token({ registrationExpiresAt: '2026-12-01T07:56:55UTC' }), true, now),
    false,
    'registration expired',
  )
  t.equal(
    ssoRefreshable(token({ registrationExpiresAt: new Date(now).toISOString() }), true, now),
    false,
    'registration ending now',
  )
  t.equal(
    ssoRefreshable(token({ expiresAt: '2020-01-01T00:00:00Z' }), true, now),
    true,
    'an expired access token still renews',
  )
})

t.test('hostile files: one reason each, never the content, never a hang', async t => {
  const dir = tempFolder('awscache-sso-')
  const secret = 'aoaSECRETqq'
  writeFileSync(join(dir, 'empty.json'), '')
  writeFileSync(join(dir, 'truncated.json'), `{"accessToken": "${secret}", "expiresAt": "2026-12`)
  writeFileSync(join(dir, 'array.json'), `["${secret}"]`)
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ accessToken: secret, pad: 'x'.repeat(1024 * 1024) }))
  execFileSync('mkfifo', [join(dir, 'fifo.json')])
  symlinkSync('/dev/zero', join(dir, 'zero.json'))
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.json'))
  mkdirSync(join(dir, 'folder.json'))
  const { files, warnings } = readSsoCacheDir(dir)
  t.same(warnings, [])
  t.same(
    files.map(f => [f.id, f.kind]),
    [
      ['array', 'unreadable'],
      ['big', 'unreadable'],
      ['dangling', 'unreadable'],
      ['empty', 'unreadable'],
      ['fifo', 'unreadable'],
      ['truncated', 'unreadable'],
      ['zero', 'unreadable'],
    ],
  )
  t.notMatch(JSON.stringify(files), /SECRET/)
  t.same(readSsoCacheDir(join(dir, 'missing')), { files: [], warnings: [] }, 'no folder: no logins')
  t.match(readSsoCacheDir(join(dir, 'empty.json')).warnings, [/^SSO logins: .*not a folder/])
})
