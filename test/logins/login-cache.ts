import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  loginCacheDir,
  loginCacheKey,
  parseLoginSession,
  readLoginCacheDir,
  readLoginSessionOf,
} from '../../lib/logins/login-cache.js'
import { FIXTURES, latestFixtureHome } from '../helpers/home.js'
import { tempFolder } from '../helpers/temp.js'

const FIXTURE_LOGINS = join(FIXTURES, 'aws-cli-v2-latest-home', '.aws', 'login', 'cache')
const ALICE = 'arn:aws:iam::111122223333:user/alice'

t.test('the key is the SHA-256 of the login ARN, as the newest CLI names the file', async t => {
  t.equal(loginCacheKey(ALICE), '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b')
  // UTF-8, not UTF-16 or Latin-1
  t.equal(
    loginCacheKey('\u00e9'),
    createHash('sha256')
      .update(Buffer.from([0xc3, 0xa9]))
      .digest('hex'),
  )
  t.not(loginCacheKey('é'), loginCacheKey('\u00e9'.normalize('NFD')), 'no normalisation: bytes as written')
})

t.test('the folder: $AWS_LOGIN_CACHE_DIRECTORY with $VAR and ~ expanded, else ~/.aws/login/cache', async t => {
  t.equal(loginCacheDir({}, '/h'), '/h/.aws/login/cache')
  t.equal(loginCacheDir({ AWS_LOGIN_CACHE_DIRECTORY: '~/logins' }, '/h'), '/h/logins')
  t.equal(loginCacheDir({ AWS_LOGIN_CACHE_DIRECTORY: '$X/l', X: '/x' }, '/h'), '/x/l')
  t.equal(loginCacheDir({ AWS_LOGIN_CACHE_DIRECTORY: '' }, '/h'), '/h/.aws/login/cache', 'empty: unset')
})

t.test('the fixture written by the newest AWS CLI reads as a refreshable session of alice', async t => {
  const session = readLoginSessionOf(FIXTURE_LOGINS, ALICE)
  if (!session || session.error !== null) throw new Error(`unreadable: ${session?.error}`)
  const exported = JSON.parse(
    readFileSync(join(FIXTURES, 'aws-cli-v2-latest-home', 'export-credentials.console-admin.json'), 'utf8'),
  ) as Record<string, string>
  t.equal(session.credentials.accessKeyId, exported.AccessKeyId)
  t.equal(session.credentials.secretAccessKey, exported.SecretAccessKey)
  t.equal(session.credentials.sessionToken, exported.SessionToken)
  t.equal(session.credentials.expiration, Date.parse(exported.Expiration as string))
  t.equal(session.accountId, '111122223333')
  t.equal(session.refreshable, true)
  t.equal(session.loginArn, ALICE, "the id token's sub, checked against the file name")
})

t.test('parse: what is refused, in words that never quote the content', async t => {
  const good = {
    accessToken: {
      accessKeyId: 'ASIA1',
      secretAccessKey: 'SECRET1',
      sessionToken: 'TOKEN1',
      accountId: '1',
      expiresAt: '2026-12-02T08:10:46Z',
    },
    refreshToken: 'REFRESH1',
    dpopKey: 'KEY1',
  }
  const ok = parseLoginSession(JSON.stringify(good))
  t.equal(ok.error, null)
  t.equal(
    parseLoginSession(
      JSON.stringify({ ...good, accessToken: { ...good.accessToken, expiresAt: '2026-12-02T08:10:46UTC' } }),
    ).error,
    null,
    '…UTC too',
  )
  t.match(
    parseLoginSession(JSON.stringify({ ...good, refreshToken: undefined })),
    { error: null, refreshable: false },
    'no refresh token: will not renew',
  )
  t.match(
    parseLoginSession(JSON.stringify({ ...good, dpopKey: '' })),
    { refreshable: false },
    'no DPoP key: will not renew',
  )
  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['{', /not valid JSON/],
    ['[]', /not an object/],
    [JSON.stringify({ accessToken: 'SECRET1' }), /no "accessToken" object/],
    [JSON.stringify({ ...good, accessToken: { ...good.accessToken, sessionToken: '' } }), /accessToken.sessionToken/],
    [JSON.stringify({ ...good, accessToken: { ...good.accessToken, expiresAt: 'SECRET1' } }), /not a date/],
    [
      JSON.stringify({ ...good, accessToken: { ...good.accessToken, expiresAt: 12 } }),
      /expiresAt" is missing or not a string/,
    ],
  ]
  for (const [text, reason] of bad) {
    const r = parseLoginSession(text)
    t.match(r.error, reason, text.slice(0, 40))
    t.notMatch(r.error, /SECRET1|TOKEN1|REFRESH1/)
  }
})

t.test(
  'the folder: links not followed to a FIFO, nothing fatal, the sub trusted only when it hashes to the name',
  async t => {
    const dir = tempFolder('awscache-logins-')
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const fixture = readFileSync(join(FIXTURE_LOGINS, `${loginCacheKey(ALICE)}.json`), 'utf8')
    writeFileSync(join(dir, 'renamed.json'), fixture)
    writeFileSync(join(dir, 'junk.json'), 'not json')
    mkdirSync(join(dir, 'folder.json'))
    symlinkSync('/dev/zero', join(dir, 'zero.json'))
    const { sessions, warnings } = readLoginCacheDir(dir)
    t.same(warnings, [])
    t.same(
      sessions.map(s => [s.id, s.error ?? 'ok']),
      [
        ['junk', 'not valid JSON (truncated or not an aws login session)'],
        ['renamed', 'ok'],
        ['zero', 'not a regular file'],
      ],
    )
    const renamed = sessions[1]
    t.equal(renamed?.error === null && renamed.loginArn, null, 'a sub that does not hash to the name names nothing')
    t.same(readLoginCacheDir(join(dir, 'missing')), { sessions: [], warnings: [] }, 'no folder: no logins')
    writeFileSync(join(dir, 'file'), '')
    t.match(readLoginCacheDir(join(dir, 'file')).warnings, [/not a folder/])
  },
)

t.test('latestFixtureHome moves the fixture to now, each time keeping its spelling', async t => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0)
  const home = latestFixtureHome(60_000, now)
  t.teardown(() => rmSync(home, { recursive: true, force: true }))
  const session = readLoginSessionOf(join(home, '.aws', 'login', 'cache'), ALICE)
  if (!session || session.error !== null) throw new Error('unreadable')
  // written at 07:55:35 for 15 minutes; the fixture's moment is 07:57:00, and a minute has passed
  t.equal(session.credentials.expiration - now, (13 * 60 + 35 - 60) * 1000)
  const sso = readFileSync(join(home, '.aws', 'sso', 'cache', 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'), 'utf8')
  t.match(sso, /"expiresAt": "2030-01-01T19:58:35UTC"/, '…UTC kept')
})
