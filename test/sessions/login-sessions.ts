// An `aws login` profile through lib/sessions in-process (the fixture home the
// newest CLI wrote, its clock moved to now), with a stand-in for the aws
// command: its login file is its session, and --refresh runs aws and reads the
// file again, never setting it aside, moving, rewriting or deleting it (that
// would be a logout: the refresh token goes with the file).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { awsPaths } from '../../lib/aws/paths.js'
import { LOGIN_REFRESH_SECONDS } from '../../lib/logins/login-cache.js'
import { sessionForUse, type SessionRequest } from '../../lib/sessions/session-policy.js'
import { findSession, listSessions, resolveName, type CacheInputs } from '../../lib/sessions/sessions.js'
import { FIXTURES, LATEST_FIXTURE_NOW, latestFixtureHome } from '../helpers/home.js'
import { standIn } from '../helpers/fake-aws.js'

const LOGIN_ID = '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b'
const MINUTE = 60_000
const EXPORTED = JSON.parse(
  readFileSync(join(FIXTURES, 'aws-cli-v2-latest-home', 'export-credentials.console-admin.json'), 'utf8'),
) as Record<string, string>

const setUp = (elapsedMs: number, env: Record<string, string> = {}) => {
  const home = latestFixtureHome(elapsedMs)
  const dir = join(home, '.aws', 'login', 'cache')
  const file = join(dir, `${LOGIN_ID}.json`)
  const inputs: CacheInputs = { paths: awsPaths({ env, home }), env, now: Date.now() }
  const original = readFileSync(file)
  const { ino, mtimeMs } = statSync(file)
  /** the login file, its folder and its inode are as they were */
  const untouched = (t: Test) => {
    t.same(readFileSync(file), original, 'the login file has the same bytes')
    t.equal(statSync(file).ino, ino, 'and the same inode')
    t.equal(statSync(file).mtimeMs, mtimeMs, 'and was not written')
    t.same(readdirSync(dir), [`${LOGIN_ID}.json`], 'nothing else in the login folder')
  }
  return { home, dir, file, inputs, original, untouched }
}

/** What the AWS CLI does when it renews the key: the file rewritten in place, a key good for `leftMs`. */
const renewIn = (file: string, leftMs: number) => () => {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { accessToken: Record<string, string> }
  data.accessToken.accessKeyId = 'ASIARENEWEDRENEWED01'
  data.accessToken.expiresAt = new Date(Math.floor((Date.now() + leftMs) / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z')
  writeFileSync(file, JSON.stringify(data))
}

const req = (o: Partial<SessionRequest> = {}): SessionRequest => ({
  wanted: 'console-admin',
  minSeconds: 0,
  refresh: true,
  ...o,
})

t.test('a login profile resolves to its login file; by id too', async t => {
  const { file, inputs } = setUp(0)
  t.match(resolveName('console-admin', inputs), { id: LOGIN_ID, login: true, file, profiles: ['console-admin'] })
  t.match(resolveName(LOGIN_ID, inputs), { id: LOGIN_ID, login: true, file, profiles: ['console-admin'] })
  t.match(resolveName(LOGIN_ID.slice(0, 8), inputs), { id: LOGIN_ID, login: true })
  t.match(resolveName('via-console', inputs), { login: false }, 'a role chained from a login is a role session')
})

t.test("its session: the values the newest CLI exports, the profile's region, no warning", async t => {
  const { inputs } = setUp(0)
  const found = findSession('console-admin', inputs)
  const { credentials } = found.entry
  t.same(
    [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken],
    [EXPORTED.AccessKeyId, EXPORTED.SecretAccessKey, EXPORTED.SessionToken],
  )
  // the home's times are the fixture's moved to now: the expiry, moved back, is the exported one
  const moved = credentials.expiration - (inputs.now - LATEST_FIXTURE_NOW)
  t.ok(
    Math.abs(moved - Date.parse(EXPORTED.Expiration as string)) <= 2000,
    `expiry ${new Date(moved).toISOString()} is ${EXPORTED.Expiration}`,
  )
  t.equal(found.settings?.region, 'us-west-2')
  t.match(found.record, {
    type: 'login',
    accountId: '111122223333',
    roleArn: null,
    roleName: null,
    sessionName: null,
    assumedRoleArn: null,
  })
  t.same(found.warnings, [], '13 minutes left: more than the 5 the CLI renews in')
})

t.test(
  'under 5 minutes left: a warning, as a role session in its stale window; expired: exit 4 with how to renew',
  async t => {
    const late = setUp(10 * MINUTE)
    const found = findSession('console-admin', late.inputs)
    t.match(found.warnings, [/key for "console-admin" has [34]m left; the AWS CLI renews it/])
    t.ok((found.record.expiresInSeconds as number) < LOGIN_REFRESH_SECONDS)
    const gone = setUp(20 * MINUTE)
    t.throws(() => findSession('console-admin', gone.inputs), {
      exitCode: 4,
      message: /aws login session's key for "console-admin" expired at/,
      hints: [
        /use --refresh, or run: aws --profile console-admin sts get-caller-identity/,
        /aws login --profile console-admin/,
      ],
    })
    gone.untouched(t)
  },
)

t.test('list: the login is a row of type "login", only when asked for (never for removal)', async t => {
  const { inputs, file } = setUp(0)
  const all = listSessions(inputs, { logins: true })
  const login = all.sessions.filter(s => s.record.type === 'login')
  t.equal(login.length, 1)
  t.match(login[0]?.record, {
    id: LOGIN_ID,
    file,
    profiles: ['console-admin'],
    accessKeyId: EXPORTED.AccessKeyId,
    expired: false,
    error: null,
  })
  t.notOk(
    listSessions(inputs).sessions.some(s => s.record.type === 'login'),
    'what clear and prune list holds no login',
  )
})

t.test('$AWS_LOGIN_CACHE_DIRECTORY is where the login file is looked for', async t => {
  const { home, file } = setUp(0)
  const env = { AWS_LOGIN_CACHE_DIRECTORY: '$NOWHERE/logins', NOWHERE: join(home, 'elsewhere') }
  const inputs: CacheInputs = { paths: awsPaths({ env, home }), env, now: Date.now() }
  t.match(resolveName('console-admin', inputs), { file: join(home, 'elsewhere', 'logins', `${LOGIN_ID}.json`) })
  t.throws(() => findSession('console-admin', inputs), {
    exitCode: 3,
    message: /no aws login session for profile "console-admin"/,
  })
  t.notOk(listSessions(inputs, { logins: true }).sessions.some(s => s.record.file === file))
})

t.test('--refresh with a usable key: aws is not run', async t => {
  const { inputs, untouched } = setUp(0)
  const aws = standIn()
  t.match(sessionForUse(req(), inputs, aws.runner, Date.now), { kind: 'found', refreshed: false })
  t.same(aws.runs, [])
  untouched(t)
})

t.test('--refresh with an expired key: aws runs once for the profile, the renewed key is read', async t => {
  const { inputs, file } = setUp(20 * MINUTE)
  const aws = standIn(renewIn(file, 15 * MINUTE))
  const { ino } = statSync(file)
  const r = sessionForUse(req(), inputs, aws.runner, Date.now)
  t.match(r, {
    kind: 'found',
    refreshed: true,
    session: { entry: { credentials: { accessKeyId: 'ASIARENEWEDRENEWED01' } } },
  })
  t.same(aws.runs, [['--profile', 'console-admin', 'sts', 'get-caller-identity']])
  t.equal(statSync(file).ino, ino, 'the same file, rewritten in place by the CLI alone')
})

for (const [name, failure, unavailable] of [
  ['aws fails', 'aws --profile console-admin sts get-caller-identity failed (exit 255)', undefined],
  ['aws is interrupted', 'aws --profile console-admin sts get-caller-identity failed (killed by SIGINT)', undefined],
  ['aws is missing', undefined, 'cannot refresh: the aws command is not on PATH (install the AWS CLI)'],
] as const) {
  for (const [state, elapsed, min] of [
    ['expired', 20 * MINUTE, 0],
    // under 5 minutes left: the AWS CLI would renew it
    ['too short for --min-remaining', 10 * MINUTE, 3600],
  ] as const) {
    t.test(`--refresh, key ${state}, ${name}: the login file is never touched`, async t => {
      const { inputs, untouched } = setUp(elapsed)
      let during: string[] = []
      const aws = standIn(
        () => (during = readdirSync(join(inputs.paths.loginCacheDir as string))),
        failure,
        unavailable,
      )
      const r = sessionForUse(req({ minSeconds: min, minText: '1h' }), inputs, aws.runner, Date.now)
      t.match(r, { kind: 'refresh-failed', cause: unavailable ? 'unavailable' : 'failed' })
      t.notOk('putBack' in r && r.putBack, 'nothing was set aside to put back')
      t.equal(aws.runs.length, unavailable ? 0 : 1)
      if (!unavailable)
        t.same(during, [`${LOGIN_ID}.json`], 'while aws ran, the login file was where the CLI looks for it')
      untouched(t)
    })
  }
}

t.test(
  '--refresh, aws succeeds but the key is still expired (the login has ended): nothing-written, file untouched',
  async t => {
    const { inputs, untouched } = setUp(20 * MINUTE)
    const aws = standIn()
    t.match(sessionForUse(req(), inputs, aws.runner, Date.now), {
      kind: 'refresh-failed',
      cause: 'nothing-written',
      reason: /aws login --profile console-admin/,
    })
    t.equal(aws.runs.length, 1)
    untouched(t)
  },
)

t.test(
  '--min-remaining a login can never give: the key there is used with a warning, aws runs at most once, no loop',
  async t => {
    // 13 minutes left: the CLI would not renew it (over 5 left), so aws is not run, and nothing is said refreshed
    const kept = setUp(0)
    const once = standIn()
    const r = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), kept.inputs, once.runner, Date.now)
    t.match(r, { kind: 'found', refreshed: false })
    if (r.kind === 'found') {
      t.equal(r.session.entry.credentials.accessKeyId, EXPORTED.AccessKeyId)
      t.match(r.session.warnings, [
        /has 1[23]m left, less than --min-remaining 1h: a login's keys last 15 minutes at most; the AWS CLI renews it when under 5 minutes are left; used anyway/,
      ])
    }
    t.equal(once.runs.length, 0)
    kept.untouched(t)
    // 3 minutes left: aws renews it for 15 minutes, still under an hour
    const short = setUp(10 * MINUTE)
    const renew = standIn(renewIn(short.file, 15 * MINUTE))
    const fresh = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), short.inputs, renew.runner, Date.now)
    t.match(fresh, {
      kind: 'found',
      refreshed: true,
      session: { entry: { credentials: { accessKeyId: 'ASIARENEWEDRENEWED01' } } },
    })
    if (fresh.kind === 'found')
      t.match(fresh.session.warnings, [
        /has 1[45]m left, less than --min-remaining 1h: a login's keys last 15 minutes at most;.* used anyway/,
      ])
    t.equal(renew.runs.length, 1)
  },
)

t.test('without --refresh: expired and too-short, nothing run, nothing touched', async t => {
  const gone = setUp(20 * MINUTE)
  t.match(sessionForUse(req({ refresh: false }), gone.inputs, standIn().runner, Date.now), { kind: 'expired' })
  gone.untouched(t)
  const kept = setUp(0)
  t.match(
    sessionForUse(req({ refresh: false, minSeconds: 3600, minText: '1h' }), kept.inputs, standIn().runner, Date.now),
    { kind: 'too-short' },
  )
  kept.untouched(t)
})

t.test('an unreadable login file: exit 1 and never a refresh (aws would not mend it, nor may awscache)', async t => {
  const { inputs, file } = setUp(0)
  writeFileSync(file, '{"accessToken": ')
  const aws = standIn()
  t.match(sessionForUse(req(), inputs, aws.runner, Date.now), {
    kind: 'unreadable',
    error: { message: /aws login session .* cannot be read: not valid JSON/ },
  })
  t.same(aws.runs, [])
  t.equal(readFileSync(file, 'utf8'), '{"accessToken": ')
})

t.test('--refresh: "refreshed" only when the AWS CLI wrote a new key', async t => {
  // 3 minutes left; aws runs and succeeds, but writes nothing (a CLI too old for aws login)
  const short = setUp(10 * MINUTE)
  const aws = standIn()
  const r = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), short.inputs, aws.runner, Date.now)
  t.match(r, { kind: 'found', refreshed: false })
  t.equal(aws.runs.length, 1)
  short.untouched(t)
})
