// credential_process end to end: the REAL AWS CLI v2 caches an MFA role
// session (through the loopback STS stand-in, the code typed once on stdin);
// then a profile whose credential_process is `awscache env P --format json`
// resolves, in the real AWS CLI and in boto3 (Debian's python3-boto3), to
// exactly that session, with no MFA prompt. An expired session fails with
// awscache's reason; --refresh with no terminal fails at once, never waits.
//
// Needs /usr/bin/aws and openssl (skipped loudly without them), and for the
// boto3 part /usr/bin/python3 with boto3: missing, it fails in CI (CI=true)
// and is skipped loudly elsewhere. Needs dist/ (npm test builds it first).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { describeEnd, runChild, type ChildResult } from '../helpers/child.js'
import { BIN, setExpiration } from '../helpers/home.js'
import { AWS, missingTools, shout, standinEnv, startAwsRunner, type AwsRunner } from '../helpers/real-aws.js'
import { startStsStandin } from '../helpers/sts-standin.js'
import { tempFolder } from '../helpers/temp.js'

const HOSTS = ['sts.amazonaws.com', 'sts.us-east-1.amazonaws.com']
const PYTHON = '/usr/bin/python3'
const TIMEOUT_MS = 60_000

const missingHere = missingTools()
const missing = missingHere.length
  ? `the credential_process end-to-end test did NOT run: ${missingHere.join('; ')}`
  : false
if (missing) shout([missing])

const hasBoto3 = spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore', timeout: TIMEOUT_MS }).status === 0
const inCi = process.env.CI === 'true'
const boto3Missing = hasBoto3
  ? false
  : `no boto3 for ${PYTHON} (apt-get install python3-boto3): the boto3 part did NOT run`
if (boto3Missing && !inCi) shout([boto3Missing])

// detached: no controlling terminal, as for a program started by an IDE, cron or CI; the runs
// share one interpreter (test/helpers/real-aws.ts), each its own argv, streams and exit status
let runner: AwsRunner | undefined
const aws = (args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<ChildResult> => {
  runner ??= startAwsRunner(AWS, env, TIMEOUT_MS)
  return runner.run(args, input)
}

// Like runChild, but stdin stays open and silent until the child has ended, as a pipe nobody writes to.
const withOpenStdin = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      // the whole group (detached: the child leads it), and stdin closed: nothing left waiting on it
      try {
        process.kill(-(child.pid as number), 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      child.stdin.destroy()
    }, TIMEOUT_MS)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdin.on('error', () => {})
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      child.stdin.destroy()
      resolve({ code, signal, stdout, stderr, timedOut })
    })
  })

const BOTO3_SCRIPT = `
import boto3, json, sys
session = boto3.Session(profile_name=sys.argv[1])
frozen = session.get_credentials().get_frozen_credentials()
arn = session.client('sts', region_name='us-east-1').get_caller_identity()['Arn']
print(json.dumps({'accessKey': frozen.access_key, 'arn': arn}))
`

t.test('credential_process = awscache env P --format json', { skip: missing }, async t => {
  t.setTimeout(300_000)
  const standin = await startStsStandin({ hosts: HOSTS, sessionSeconds: 3 * 3600 })
  t.teardown(() => standin.stop())
  t.teardown(() => runner?.close())

  const home = tempFolder('awscache-credproc-')
  mkdirSync(join(home, '.aws'))
  // the absolute path of awscache (here node and the built bin): an SDK runs it without a shell's PATH
  const awscache = `${process.execPath} ${BIN}`
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
      '[profile mfa-role-cached]',
      `credential_process = ${awscache} env mfa-role --format json`,
      'region = us-east-1',
      '[profile mfa-role-refresh]',
      `credential_process = ${awscache} env mfa-role --format json --refresh`,
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
  const assumeRoles = () => standin.requests.filter(r => r.action === 'AssumeRole').length

  // 1. the real CLI caches the session: the MFA code is typed once
  const first = await aws(['--profile', 'mfa-role', 'sts', 'get-caller-identity'], env, '123456\n')
  t.equal(first.code, 0, `${describeEnd(first, TIMEOUT_MS)}: ${first.stderr}`)
  t.equal(assumeRoles(), 1)
  const session = standin.issued.at(-1)!
  const entries = readdirSync(cacheDir).filter(f => f.endsWith('.json'))
  t.equal(entries.length, 1, 'one cached session')

  // 2. the AWS CLI through credential_process: the cached session, no MFA prompt (stdin is empty)
  const viaCli = await aws(['--profile', 'mfa-role-cached', 'sts', 'get-caller-identity'], env)
  t.equal(viaCli.code, 0, `${describeEnd(viaCli, TIMEOUT_MS)}: ${viaCli.stderr}`)
  t.equal(JSON.parse(viaCli.stdout).Arn, session.arn)
  t.equal(standin.requests.at(-1)?.action, 'GetCallerIdentity')
  t.equal(standin.requests.at(-1)?.signedBy, session.accessKeyId, "signed with the cached session's key")
  t.equal(assumeRoles(), 1, 'no new AssumeRole')
  t.notMatch(viaCli.stderr, /MFA/i, 'no MFA prompt')

  // 3. boto3 through the same profile
  t.test('boto3', { skip: !inCi && boto3Missing }, async t => {
    if (boto3Missing) return t.fail(`${boto3Missing} (CI installs python3-boto3; see .ci/run)`)
    const r = await runChild(PYTHON, ['-c', BOTO3_SCRIPT, 'mfa-role-cached'], {
      env,
      detached: true,
      timeoutMs: TIMEOUT_MS,
    })
    t.equal(r.code, 0, `${describeEnd(r, TIMEOUT_MS)}: ${r.stderr}`)
    t.same(JSON.parse(r.stdout), { accessKey: session.accessKeyId, arn: session.arn })
    t.equal(standin.requests.at(-1)?.signedBy, session.accessKeyId, "signed with the cached session's key")
    t.equal(assumeRoles(), 1, 'no new AssumeRole')
  })

  // 4. --refresh with no terminal: one clear line at once, never a wait on stdin, nothing run
  t.test('--refresh with no terminal fails at once, whatever stdin is', async t => {
    setExpiration(join(cacheDir, entries[0]!), Date.now() - 60_000)
    const empty = await aws(['--profile', 'mfa-role-refresh', 'sts', 'get-caller-identity'], env)
    t.equal(empty.timedOut, false, 'no hang')
    t.not(empty.code, 0)
    t.match(
      empty.stderr,
      /awscache: cannot refresh "mfa-role": the AWS CLI would ask for its MFA code, and there is no terminal to ask on [^\n]*; run awscache env mfa-role --refresh in a terminal first; nothing printed/,
    )
    // stdin a pipe that stays open (an IDE's, a CI runner's): the inner aws would wait on it for ever
    const open = await withOpenStdin(AWS, ['--profile', 'mfa-role-refresh', 'sts', 'get-caller-identity'], env)
    t.equal(open.timedOut, false, 'no hang')
    t.not(open.code, 0)
    t.match(open.stderr, /no terminal to ask on/)
    t.equal(assumeRoles(), 1, 'the AWS CLI was not run to ask for a code')
  })

  // 5. expired, without --refresh: the AWS CLI fails with awscache's reason, no prompt
  t.test('an expired session: the reason, a non-zero exit', async t => {
    setExpiration(join(cacheDir, entries[0]!), Date.now() - 60_000)
    const r = await aws(['--profile', 'mfa-role-cached', 'sts', 'get-caller-identity'], env)
    t.equal(r.timedOut, false)
    t.not(r.code, 0)
    t.match(r.stderr, /awscache: the cached session for "mfa-role" expired at [^\n]*\n/)
    t.match(r.stderr, /aws --profile mfa-role sts get-caller-identity/, 'and how to get a fresh one')
    t.equal(assumeRoles(), 1)
  })
})
