// --refresh end to end: awscache runs the REAL AWS CLI v2 (through the
// loopback STS stand-in) when a profile has no usable session, the CLI asks
// for the MFA code (answered on stdin) and caches a session, and awscache
// hands out exactly that session. Skipped, loudly, without /usr/bin/aws or openssl.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { runChild, type ChildResult } from '../helpers/child.js'
import { BIN, setExpiration } from '../helpers/home.js'
import { AWS, missingTools, shout, standinEnv } from '../helpers/real-aws.js'
import { startStsStandin } from '../helpers/sts-standin.js'
import { tempFolder } from '../helpers/temp.js'

const HOSTS = ['sts.amazonaws.com', 'sts.us-east-1.amazonaws.com']

const missingHere = missingTools()
const missing = missingHere.length ? `the --refresh end-to-end test did NOT run: ${missingHere.join('; ')}` : false
if (missing) shout([missing])

// detached: no terminal, so the AWS CLI reads the MFA code from stdin
const run = (args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<ChildResult> =>
  runChild(process.execPath, [BIN, ...args], { env, input, detached: true, timeoutMs: 60_000 })

const exportsOf = (stdout: string) =>
  Object.fromEntries([...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map(m => [m[1], m[2]]))

t.test('--refresh through the real AWS CLI', { skip: missing }, async t => {
  t.setTimeout(180_000)
  const standin = await startStsStandin({ hosts: HOSTS, sessionSeconds: 3 * 3600 })
  t.teardown(() => standin.stop())

  const home = tempFolder('awscache-refresh-')
  mkdirSync(join(home, '.aws'))
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile base]',
      'region = us-east-1',
      '[profile mfa-role]',
      'role_arn = arn:aws:iam::123456789999:role/developer',
      'source_profile = base',
      'mfa_serial = arn:aws:iam::123456789000:mfa/me',
      'role_session_name = me',
      'region = us-east-1',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[base]\naws_access_key_id = AKIAEXAMPLEBASE00000\naws_secret_access_key = base-secret\n',
  )
  const env = standinEnv(home, standin)
  const cacheDir = join(home, '.aws', 'cli', 'cache')
  const entries = () => {
    try {
      return readdirSync(cacheDir).filter(f => f.endsWith('.json'))
    } catch {
      return []
    }
  }

  // 1. nothing cached: the CLI is run, asks for MFA (stdin), and caches a session
  const first = await run(['env', 'mfa-role', '--refresh'], env, '123456\n')
  t.equal(first.code, 0, first.stderr)
  t.match(
    first.stderr,
    /no usable cached session for "mfa-role": running aws --profile mfa-role sts get-caller-identity/,
  )
  // the CLI's get-caller-identity JSON is dropped (it went to stderr once): one line instead
  t.notMatch(first.stderr, /"Arn":/, "the CLI's own output is not shown")
  t.notMatch(first.stdout, /"Arn":/)
  t.match(first.stderr, /\nawscache: refreshed mfa-role: 2h 59m left\n/, 'one line says what came of it')
  const assume = standin.requests.filter(r => r.action === 'AssumeRole')
  t.equal(assume.length, 1)
  t.equal(assume[0]?.params.TokenCode, '123456', 'the MFA code typed reached STS')
  const issued1 = standin.issued.at(-1)!
  t.same(
    exportsOf(first.stdout),
    {
      AWS_ACCESS_KEY_ID: issued1.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued1.secretAccessKey,
      AWS_SESSION_TOKEN: issued1.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(issued1.expiration).toISOString().replace('.000Z', 'Z'),
      // issue 15: the session's account, from its assumed-role ARN
      AWS_ACCOUNT_ID: '123456789999',
      // the profile's region, as --profile would use it
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    },
    'stdout holds only the exports, of the session the CLI cached',
  )
  t.equal(entries().length, 1)

  // 2. cached and valid: the CLI is not run again
  const again = await run(['env', 'mfa-role', '--refresh'], env)
  t.equal(again.code, 0)
  t.equal(standin.requests.filter(r => r.action === 'AssumeRole').length, 1, 'no second AssumeRole')
  t.equal(exportsOf(again.stdout).AWS_ACCESS_KEY_ID, issued1.accessKeyId)

  // 3. expired: refreshed
  const file = join(cacheDir, entries()[0]!)
  setExpiration(file, Date.now() - 60_000)
  const expired = await run(['env', 'mfa-role', '--refresh'], env, '654321\n')
  t.equal(expired.code, 0, expired.stderr)
  const issued2 = standin.issued.at(-1)!
  t.not(issued2.accessKeyId, issued1.accessKeyId)
  t.equal(exportsOf(expired.stdout).AWS_ACCESS_KEY_ID, issued2.accessKeyId)
  t.equal(JSON.parse(readFileSync(file, 'utf8')).Credentials.AccessKeyId, issued2.accessKeyId)

  // 4. less left than --min-remaining: the short entry goes, the CLI makes a longer one
  setExpiration(file, Date.now() + 30 * 60_000)
  const longer = await run(
    ['exec', '--refresh', '--min-remaining', '1h', 'mfa-role', '--', 'printenv', 'AWS_ACCESS_KEY_ID'],
    env,
    '111111\n',
  )
  t.equal(longer.code, 0, longer.stderr)
  const issued3 = standin.issued.at(-1)!
  t.not(issued3.accessKeyId, issued2.accessKeyId)
  t.equal(longer.stdout, `${issued3.accessKeyId}\n`, 'exec ran the command with the fresh session')

  // 5. the CLI fails (STS unreachable): exit 1, nothing on stdout
  for (const f of entries()) rmSync(join(cacheDir, f))
  const bad = await run(
    ['sql', 'mfa-role', '--refresh'],
    { ...env, HTTPS_PROXY: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
    '123456\n',
  )
  t.equal(bad.code, 1)
  t.equal(bad.stdout, '')
  t.match(bad.stderr, /aws --profile mfa-role sts get-caller-identity failed/)
})
