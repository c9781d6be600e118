// SSO logins end to end: the REAL AWS CLI v2 (Debian's, which knows SSO but
// not `aws login`) makes role sessions from SSO logins through the loopback
// stand-in for the SSO portal and STS, while the logins are valid (a role
// chained from the legacy login: 2.9.19 cannot chain from an [sso-session]); then the
// logins expire (their expiresAt rewritten, as time would) and awscache's
// `logins` and `list` must say which sessions can no longer be renewed.
// Skipped, loudly, without /usr/bin/aws or openssl.
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { runChild, type ChildResult } from '../helpers/child.js'
import { BIN } from '../helpers/home.js'
import { AWS, missingTools, shout, standinEnv, startAwsRunner } from '../helpers/real-aws.js'
import { startStsStandin } from '../helpers/sts-standin.js'
import { tempFolder } from '../helpers/temp.js'

const HOSTS = [
  'sts.amazonaws.com',
  'sts.us-east-1.amazonaws.com',
  'portal.sso.us-east-1.amazonaws.com',
  'portal.sso.eu-central-1.amazonaws.com',
]
const ACME_START_URL = 'https://acme.awsapps.com/start'
const LEGACY_START_URL = 'https://legacy.awsapps.com/start'

const missingHere = missingTools()
const missing = missingHere.length ? `the SSO logins end-to-end test did NOT run: ${missingHere.join('; ')}` : false
if (missing) shout([missing])

const sha1 = (s: string): string => createHash('sha1').update(s, 'utf8').digest('hex')
// as `aws sso login` writes it: …UTC
const utc = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'UTC')

t.test(
  'the real AWS CLI makes sessions from SSO logins; once those expire, logins and list say so',
  { skip: missing },
  async t => {
    t.setTimeout(300_000)
    const acmeToken = `acme-${randomBytes(24).toString('base64url')}`
    const legacyToken = `legacy-${randomBytes(24).toString('base64url')}`
    const standin = await startStsStandin({ hosts: HOSTS, ssoAccessTokens: [acmeToken, legacyToken] })
    t.teardown(() => standin.stop())

    const home = tempFolder('awscache-e2e-sso-')
    mkdirSync(join(home, '.aws'))
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile sso-dev]
sso_session = acme
sso_account_id = 555555555555
sso_role_name = Developer
region = us-east-1

[sso-session acme]
sso_start_url = ${ACME_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile sso-legacy]
sso_start_url = ${LEGACY_START_URL}
sso_region = eu-central-1
sso_account_id = 666666666666
sso_role_name = ReadOnly
region = us-east-1

[profile chained]
role_arn = arn:aws:iam::777777777777:role/deployer
source_profile = sso-legacy
role_session_name = deploy
region = us-east-1
`,
    )
    const ssoDir = join(home, '.aws', 'sso', 'cache')
    mkdirSync(ssoDir, { recursive: true })
    const acmeFile = join(ssoDir, `${sha1('acme')}.json`)
    const legacyFile = join(ssoDir, `${sha1(LEGACY_START_URL)}.json`)
    const writeTokens = (expiresAt: number, registrationExpiresAt: number): void => {
      writeFileSync(
        acmeFile,
        JSON.stringify({
          startUrl: ACME_START_URL,
          region: 'us-east-1',
          accessToken: acmeToken,
          expiresAt: utc(expiresAt),
          clientId: 'awscache-test-client',
          clientSecret: 'awscache-test-client-secret',
          registrationExpiresAt: utc(registrationExpiresAt),
          refreshToken: 'awscache-test-refresh-token',
        }),
        { mode: 0o600 },
      )
      writeFileSync(
        legacyFile,
        JSON.stringify({
          startUrl: LEGACY_START_URL,
          region: 'eu-central-1',
          accessToken: legacyToken,
          expiresAt: utc(expiresAt),
        }),
        { mode: 0o600 },
      )
    }
    writeTokens(Date.now() + 8 * 3600_000, Date.now() + 30 * 86400_000)

    const env = { ...standinEnv(home, standin), NO_COLOR: '1' }
    // the CLI's runs share one interpreter (each run its own argv, streams and exit status)
    const runner = startAwsRunner(AWS, env, 90_000)
    t.teardown(() => runner.close())
    const aws = (profile: string): Promise<ChildResult> =>
      runner.run(['--profile', profile, 'sts', 'get-caller-identity'], '')
    const awscache = (args: string[]): Promise<ChildResult> =>
      runChild(process.execPath, [BIN, ...args], { env, timeoutMs: 30_000 })

    // 1. the logins are valid: the real CLI makes a session for each profile
    for (const profile of ['sso-dev', 'sso-legacy', 'chained']) {
      const r = await aws(profile)
      t.equal(r.code, 0, `aws --profile ${profile}: ${r.stderr}`)
    }
    t.equal(
      standin.requests.filter(r => r.action === 'GetRoleCredentials').length,
      3,
      'the SSO portal was asked, with the cached tokens (the chained role too)',
    )
    t.equal(
      readdirSync(join(home, '.aws', 'cli', 'cache')).filter(n => n.endsWith('.json')).length,
      3,
      'three sessions cached',
    )

    const valid = await awscache(['logins', '--json'])
    t.equal(valid.code, 0, valid.stderr)
    const logins = JSON.parse(valid.stdout) as {
      name: string
      profiles: string[]
      expired: boolean
      refreshable: boolean
    }[]
    t.same(logins.map(l => [l.name, l.profiles, l.expired, l.refreshable]).sort(), [
      ['acme', ['sso-dev'], false, true],
      [LEGACY_START_URL, ['chained', 'sso-legacy'], false, false],
    ])
    for (const p of ['sso-dev', 'sso-legacy', 'chained'])
      t.equal((await awscache(['logins', p])).code, 0, `logins ${p}: valid`)
    const listed = JSON.parse((await awscache(['list', '--json'])).stdout) as {
      profiles: string[]
      login: { name: string; expired: boolean } | null
    }[]
    t.same(listed.map(r => [r.profiles[0], r.login?.name, r.login?.expired]).sort(), [
      ['chained', LEGACY_START_URL, false],
      ['sso-dev', 'acme', false],
      ['sso-legacy', LEGACY_START_URL, false],
    ])
    t.notMatch((await awscache(['list'])).stdout, /!/, 'no mark while the logins are valid')

    // 2. the logins expire, and the client registration too: nothing renews them
    writeTokens(Date.now() - 60_000, Date.now() - 60_000)
    const expiredText = [readFileSync(acmeFile, 'utf8'), readFileSync(legacyFile, 'utf8')]
    const none = await awscache(['logins'])
    t.equal(none.code, 0)
    t.equal(none.stdout.trim().split('\n').length, 1, 'no login left but under --all')
    const legacy = await awscache(['logins', 'sso-legacy'])
    t.equal(legacy.code, 4)
    t.equal(legacy.stdout, '')
    t.match(legacy.stderr, /aws sso login --profile sso-legacy/)
    const chained = await awscache(['logins', 'chained'])
    t.equal(chained.code, 4)
    t.match(
      chained.stderr,
      /SSO login "https:\/\/legacy\.awsapps\.com\/start" of profile "chained" expired.*\n.*aws sso login --profile sso-legacy\n/,
      'the profile that holds the login settings',
    )
    const list = await awscache(['list'])
    t.equal(list.code, 0)
    t.equal(
      list.stdout.split('\n').filter(l => / !$/.test(l)).length,
      3,
      'every session marked: valid, but cannot be renewed',
    )
    t.match(list.stderr, /SSO login "acme" has expired and will not renew: .*aws sso login --profile sso-dev/)
    t.match(
      list.stderr,
      /SSO login "https:\/\/legacy\.awsapps\.com\/start" has expired .*aws sso login --profile sso-legacy/,
    )
    const after = JSON.parse((await awscache(['list', '--json'])).stdout) as {
      expired: boolean
      login: { expired: boolean; refreshable: boolean }
    }[]
    t.same(
      after.map(r => [r.expired, r.login.expired, r.login.refreshable]),
      [
        [false, true, false],
        [false, true, false],
        [false, true, false],
      ],
    )

    // and the real CLI agrees that the sessions still work (aws/aws-cli#9845): no call to the portal
    const before = standin.requests.length
    const again = await aws('sso-legacy')
    t.equal(again.code, 0, again.stderr)
    t.equal(
      standin.requests.slice(before).filter(r => r.action === 'GetRoleCredentials').length,
      0,
      'the cached session was used',
    )
    t.same(
      [readFileSync(acmeFile, 'utf8'), readFileSync(legacyFile, 'utf8')],
      expiredText,
      'the login files are left as they were',
    )
  },
)
