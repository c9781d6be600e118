// `awscache console` end to end: the built bin asks a loopback stand-in for
// the federation endpoint (test/helpers/sts-standin.ts) through HTTPS_PROXY,
// trusting its private CA through AWS_CA_BUNDLE. Every child also gets
// test/helpers/no-network.mjs: no name resolves but localhost, so nothing a
// test sends can leave the machine, even where the proxy is (rightly) not used.
// Skipped, loudly, without openssl (test/ci-tools.ts makes CI have it).
import { chmodSync, readFileSync, appendFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import t, { type Test as Tap } from 'tap'
import { runChild, type ChildResult } from '../helpers/child.js'
import { runInProcess } from '../helpers/in-process.js'
import { BIN, cacheDirOf, fixtureHome } from '../helpers/home.js'
import { shout } from '../helpers/real-aws.js'
import { findOpenssl, startStsStandin, type StsStandin } from '../helpers/sts-standin.js'
import { tempFolder } from '../helpers/temp.js'

const missing = findOpenssl()
  ? false
  : 'the console end-to-end test did NOT run: no openssl command (the stand-in needs it for its certificate)'
if (missing) shout([missing])

const NO_NETWORK = new URL('../helpers/no-network.mjs', import.meta.url).pathname
const TIMEOUT_MS = 60_000

const ENTRIES = {
  mfa: 'e16b54f656ccb369e72315ccbae6695711f5ba16',
  readonly: '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69',
  sso: '3bb1ad0606315a2d0327168fa7674d716cba411a',
}

interface Keys {
  AccessKeyId: string
  SecretAccessKey: string
  SessionToken: string
}

const keysOf = (home: string, id: string): Keys =>
  (JSON.parse(readFileSync(join(cacheDirOf(home), `${id}.json`), 'utf8')) as { Credentials: Keys }).Credentials

// a command that records its arguments, one a line, and exits with $EXIT_WITH (0)
const recorder = (dir: string, name: string): { file: string; log: string } => {
  const file = join(dir, name)
  const log = join(dir, `${name}.log`)
  writeFileSync(file, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done >> '${log}'\nexit "\${EXIT_WITH:-0}"\n`)
  chmodSync(file, 0o755)
  return { file, log }
}

t.test('awscache console, against a loopback federation endpoint', { skip: missing }, async t => {
  t.setTimeout(300_000)
  const standin: StsStandin = await startStsStandin({ hosts: ['signin.aws.amazon.com', 'signin.amazonaws-us-gov.com'] })
  t.teardown(() => standin.stop())

  const home = fixtureHome('aws-cli-v2-home')
  // chained: the readonly role's settings (so readonly's entry), its source another role;
  // gov-dev: sso-dev's SSO settings (its entry) in a GovCloud region
  appendFileSync(
    join(home, '.aws', 'config'),
    [
      '',
      '[profile chained]',
      'role_arn = arn:aws:iam::123456789999:role/readonly',
      'source_profile = some-role-requiring-mfa',
      '[profile gov-dev]',
      'sso_session = acme',
      'sso_account_id = 111122223333',
      'sso_role_name = Developer',
      'region = us-gov-west-1',
      '',
    ].join('\n'),
  )
  const tools = tempFolder('awscache-console-bin-')
  const basePath = [dirname(process.execPath), '/usr/bin', '/bin'].join(':')
  const baseEnv = {
    PATH: basePath,
    HOME: home,
    LANG: 'C.UTF-8',
    HTTPS_PROXY: standin.proxyUrl,
    AWS_CA_BUNDLE: standin.caFile,
  }

  const envWith = (extra: Record<string, string | undefined>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...baseEnv }
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) delete env[name]
      else env[name] = value
    }
    return env
  }
  // what is refused before any request needs no process of its own (nor its network guard)
  const refusedHere = async (args: string[], extra: Record<string, string | undefined> = {}): Promise<ChildResult> => {
    const r = await runInProcess(['console', ...args], { env: envWith(extra) })
    return { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false }
  }
  const run = (args: string[], extra: Record<string, string | undefined> = {}): Promise<ChildResult> => {
    const env = envWith(extra)
    return runChild(
      '/usr/bin/env',
      ['-u', 'NODE_OPTIONS', process.execPath, '--import', NO_NETWORK, BIN, 'console', ...args],
      { env, timeoutMs: TIMEOUT_MS },
    )
  }
  const signinRequests = () => standin.requests.filter(r => r.action === 'getSigninToken')
  const secretsOf = (keys: Keys) => [keys.SecretAccessKey, keys.SessionToken]
  const allSecrets = Object.values(ENTRIES).flatMap(id => secretsOf(keysOf(home, id)))
  // a failure: one line on stderr, nothing on stdout, no secret and no sign-in token anywhere
  const failsWith = (t: Tap, r: ChildResult, code: number, message: RegExp, what: string) => {
    t.equal(r.code, code, `${what}: exit ${code} (${r.stderr})`)
    t.equal(r.stdout, '', `${what}: stdout stays empty`)
    t.match(r.stderr, message, what)
    t.notOk(
      allSecrets.some(s => r.stderr.includes(s)),
      `${what}: no secret on stderr`,
    )
    t.notOk(
      standin.signinTokens.some(s => r.stderr.includes(s)),
      `${what}: no sign-in token on stderr`,
    )
  }
  const oneLine = (t: Tap, r: ChildResult, what: string) =>
    t.equal(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .filter(l => !l.startsWith('  ')).length,
      1,
      `${what}: one line (and hints)`,
    )

  t.test('--print: one URL on stdout, the session sent only to the endpoint', async t => {
    const before = signinRequests().length
    const r = await run(['some-role-requiring-mfa', '--print'])
    t.equal(r.code, 0, r.stderr)
    t.equal(r.stderr, '', 'nothing on stderr')
    t.match(r.stdout, /^https:\/\/signin\.aws\.amazon\.com\/federation\?[^\n]+\n$/, 'exactly one URL line')
    const url = new URL(r.stdout.trim())
    t.same(
      Object.fromEntries(url.searchParams),
      {
        Action: 'login',
        Issuer: 'awscache',
        Destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
        SigninToken: standin.signinTokens.at(-1),
      },
      "the login URL: the endpoint's token, the console of the profile's region",
    )
    const sent = signinRequests().slice(before)
    t.equal(sent.length, 1, 'one request')
    const keys = keysOf(home, ENTRIES.mfa)
    t.match(sent[0], { host: 'signin.aws.amazon.com', method: 'GET', path: '/federation', status: 200 })
    t.same(JSON.parse(sent[0]?.params.Session ?? ''), {
      sessionId: keys.AccessKeyId,
      sessionKey: keys.SecretAccessKey,
      sessionToken: keys.SessionToken,
    })
    t.equal(sent[0]?.params.SessionDuration, undefined, 'no SessionDuration unless asked')
    t.notOk(
      secretsOf(keys).some(s => r.stdout.includes(s)),
      'the keys are not in the URL',
    )
    t.same(standin.refused, [], 'the proxy was asked for nothing else')
  })

  t.test('--duration is sent as SessionDuration; the console home without a region', async t => {
    const before = signinRequests().length
    const r = await run(['--print', '--duration', '2h', 'readonly'])
    t.equal(r.code, 0, r.stderr)
    t.equal(new URL(r.stdout.trim()).searchParams.get('Destination'), 'https://console.aws.amazon.com/')
    t.equal(signinRequests().slice(before)[0]?.params.SessionDuration, '7200')
  })

  t.test('--destination; the partition from the region (GovCloud), through the same proxy', async t => {
    const s3 = await run([
      'sso-dev',
      '--print',
      '--destination',
      'https://s3.console.aws.amazon.com/s3/home?region=eu-west-1',
    ])
    t.equal(s3.code, 0, s3.stderr)
    t.equal(
      new URL(s3.stdout.trim()).searchParams.get('Destination'),
      'https://s3.console.aws.amazon.com/s3/home?region=eu-west-1',
    )
    const home = await run(['sso-dev', '--print'])
    t.equal(
      new URL(home.stdout.trim()).searchParams.get('Destination'),
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    )
    const before = signinRequests().length
    const gov = await run(['gov-dev', '--print'])
    t.equal(gov.code, 0, gov.stderr)
    const url = new URL(gov.stdout.trim())
    t.equal(url.host, 'signin.amazonaws-us-gov.com')
    t.equal(
      url.searchParams.get('Destination'),
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    )
    t.equal(signinRequests().slice(before)[0]?.host, 'signin.amazonaws-us-gov.com', "the partition's own sign-in host")
  })

  t.test('refused before any request: bad options, role chaining, no session, an expired one', async t => {
    const before = standin.requests.length
    const cases: [string[], number, RegExp][] = [
      [
        ['chained', '--duration', '1h'],
        2,
        /--duration cannot be used for "chained": its role is assumed with another role's credentials \(role chaining\)/,
      ],
      [['readonly', '--duration', '10m'], 2, /--duration must be between 15m and 12h/],
      [['readonly', '--duration', 'soon'], 2, /is not a duration/],
      [['readonly', '--destination', 'http://console.aws.amazon.com/'], 2, /--destination must be an https:\/\/ URL/],
      [['readonly', '--destination', 'https://example.com/'], 2, /--destination must be a page under aws\.amazon\.com/],
      [
        ['gov-dev', '--destination', 'https://console.aws.amazon.com/'],
        2,
        /under amazonaws-us-gov\.com \(the session's partition is aws-us-gov\)/,
      ],
      [['my-iam-profile'], 3, /no cached session|no session|static/],
      [['no-such-profile'], 3, /no profile or cache entry named "no-such-profile"/],
      [['readonly', '--print'], 1, /AWS_CA_BUNDLE "\/nonexistent\/ca\.pem": no such file; nothing was sent/],
      [['readonly', '--print'], 1, /NODE_DEBUG turns on undici/],
      [['readonly', '--print'], 1, /NODE_DEBUG turns on stream/],
      [
        ['readonly', '--print'],
        1,
        /^awscache: HTTPS_PROXY \(or https_proxy\) is not a URL such as http:\/\/proxy\.example\.com:3128; nothing was sent\n$/,
      ],
    ]
    const extras: Record<string, string>[] = [
      {},
      {},
      {},
      {},
      {},
      {},
      {},
      {},
      { AWS_CA_BUNDLE: '/nonexistent/ca.pem' },
      { NODE_DEBUG: 'net,undici' },
      { NODE_DEBUG: 'stream' },
      { HTTPS_PROXY: 'http://me:hunter2@ proxy' },
    ]
    for (const [i, [args, code, message]] of cases.entries()) {
      // NODE_DEBUG is Node's own: a process of its own
      const runIt = extras[i]?.NODE_DEBUG === undefined ? refusedHere : run
      const r = await runIt(['--print', ...args.filter(a => a !== '--print')], extras[i])
      failsWith(t, r, code, message, args.join(' '))
    }
    const expiredHome = fixtureHome('aws-cli-v2-home', -3_600_000)
    const expired = await refusedHere(['sso-dev', '--print'], { HOME: expiredHome })
    failsWith(t, expired, 4, /expired at/, 'expired')
    t.equal(standin.requests.length, before, 'nothing was sent')
    // chaining is about the profile: the same entry without chaining may ask for a duration
    t.equal((await run(['readonly', '--print', '--duration', '1h'])).code, 0)
  })

  t.test("Node's own debug output of the connection shows no secret", async t => {
    const r = await run(['readonly', '--print'], { NODE_DEBUG: 'net,tls,http,https,http2,fs' })
    t.equal(r.code, 0, 'these sections print no request or answer: not refused')
    t.match(r.stderr, /TLS \d+: client/, 'the debug output was on')
    t.notOk(
      allSecrets.some(s => r.stderr.includes(s)),
      'no secret on stderr',
    )
    t.notOk(
      standin.signinTokens.some(s => r.stderr.includes(s)),
      'no sign-in token on stderr',
    )
  })

  t.test('a session the endpoint refuses: one line in words, exit 1, nothing on stdout', async t => {
    const keys = keysOf(home, ENTRIES.sso)
    for (const status of [400, 403]) {
      standin.signinRefusals.set(keys.AccessKeyId, status)
      const r = await run(['sso-dev', '--print'])
      failsWith(
        t,
        r,
        1,
        new RegExp(`^awscache: the sign-in endpoint refused the session \\(HTTP ${status}\\): it may have expired`),
        `HTTP ${status}`,
      )
      oneLine(t, r, `HTTP ${status}`)
    }
    standin.signinRefusals.delete(keys.AccessKeyId)
  })

  t.test('NO_PROXY covering the host: no proxy, and then no way out of this machine', async t => {
    for (const extra of [{ NO_PROXY: 'signin.aws.amazon.com' }, { no_proxy: '.amazon.com' }, { NO_PROXY: '*' }]) {
      const before = standin.requests.length
      const r = await run(['readonly', '--print'], extra)
      failsWith(
        t,
        r,
        1,
        /^awscache: could not reach signin\.aws\.amazon\.com: getaddrinfo ENOTFOUND signin\.aws\.amazon\.com\n$/,
        JSON.stringify(extra),
      )
      t.equal(standin.requests.length, before, 'the stand-in got nothing')
    }
  })

  t.test('the proxy as the AWS CLI takes it: https_proxy, never HTTP_PROXY for https', async t => {
    const lower = await run(['readonly', '--print'], { HTTPS_PROXY: undefined, https_proxy: standin.proxyUrl })
    t.equal(lower.code, 0, lower.stderr)
    const httpOnly = await run(['readonly', '--print'], { HTTPS_PROXY: undefined, HTTP_PROXY: standin.proxyUrl })
    failsWith(t, httpOnly, 1, /could not reach signin\.aws\.amazon\.com: getaddrinfo ENOTFOUND/, 'HTTP_PROXY only')
  })

  t.test('without AWS_CA_BUNDLE the stand-in is not trusted, and gets no keys', async t => {
    const before = standin.requests.length
    const r = await run(['readonly', '--print'], { AWS_CA_BUNDLE: undefined })
    failsWith(t, r, 1, /^awscache: could not reach signin\.aws\.amazon\.com: .*certificate/, 'untrusted certificate')
    oneLine(t, r, 'untrusted certificate')
    t.equal(standin.requests.length, before, 'no request reached it')
  })

  t.test('the browser: $BROWSER, else xdg-open, gets the URL as its one argument', async t => {
    const browser = recorder(tools, 'my-browser')
    const r = await run(['some-role-requiring-mfa'], { BROWSER: browser.file })
    t.equal(r.code, 0, r.stderr)
    t.equal(r.stdout, '', 'stdout stays empty')
    t.equal(r.stderr, '')
    const opened = readFileSync(browser.log, 'utf8')
    t.equal(
      opened,
      `https://signin.aws.amazon.com/federation?Action=login&Issuer=awscache&Destination=${encodeURIComponent('https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1')}&SigninToken=${standin.signinTokens.at(-1)}\n`,
    )

    const xdgDir = tempFolder('awscache-xdg-')
    const xdg = recorder(xdgDir, 'xdg-open')
    const viaXdg = await run(['readonly'], { PATH: `${xdgDir}:${basePath}` })
    t.equal(viaXdg.code, 0, viaXdg.stderr)
    t.equal(viaXdg.stdout, '')
    t.match(readFileSync(xdg.log, 'utf8'), /^https:\/\/signin\.aws\.amazon\.com\/federation\?Action=login&[^\n]+\n$/)

    const failing = await run(['readonly'], { BROWSER: browser.file, EXIT_WITH: '3' })
    failsWith(
      t,
      failing,
      1,
      /could not open the browser: .*my-browser exited with 3\n  use --print/,
      'the browser fails',
    )
    t.notMatch(failing.stderr, /https:/, 'the URL is not in the message')
  })

  t.test('no browser to open: said before any request, pointing at --print', async t => {
    const before = standin.requests.length
    const empty = tempFolder('awscache-nobrowser-')
    const none = await run(['readonly'], { PATH: empty })
    failsWith(t, none, 1, /^awscache: no xdg-open command to open a browser with\n  use --print/, 'no xdg-open')
    const gone = await run(['readonly'], { BROWSER: '/nonexistent/browser' })
    failsWith(
      t,
      gone,
      1,
      /^awscache: BROWSER names no command that can be run \(\/nonexistent\/browser\)/,
      'BROWSER names nothing',
    )
    t.equal(standin.requests.length, before, 'nothing was sent')
    t.notOk(existsSync(join(empty, 'xdg-open')))
  })
})
