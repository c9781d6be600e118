// --refresh and exec as a hostile or unlucky user meets them, through the
// built bin and a stand-in `aws` on PATH: nothing cached is lost when the
// refresh fails, a fresh short session is used once, aws runs for the profile
// named, no signal opens Node's inspector, no Node setting prints a secret.
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { BIN, cacheDirOf, fixtureHome, setExpiration } from '../helpers/home.js'
import { tempFolder } from '../helpers/temp.js'
import { runAwscache } from '../helpers/child.js'
import { runInProcess } from '../helpers/in-process.js'

const READONLY = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'
const HOUR = 3_600_000
const NODE_DIR = join(process.execPath, '..')

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A home whose readonly entry has `leftMs` left, a second profile sharing it, and a stand-in aws. */
const setUp = (leftMs: number) => {
  const home = fixtureHome('aws-cli-v2-home', leftMs)
  appendFileSync(
    join(home, '.aws', 'config'),
    '\n[profile readonly-too]\nrole_arn = arn:aws:iam::123456789999:role/readonly\nsource_profile = my-iam-profile\n',
  )
  const file = join(cacheDirOf(home), `${READONLY}.json`)
  const original = readFileSync(file, 'utf8')
  const bin = tempFolder('awscache-fakeaws-')
  const log = join(bin, 'log')
  const started = join(bin, 'started')
  const fresh = join(bin, 'fresh.json')
  // the stand-in: logs its arguments, says it started, waits, then (maybe) caches a session and exits
  writeFileSync(
    join(bin, 'aws'),
    [
      '#!/bin/sh',
      `echo "$*" >> ${log}`,
      `touch ${started}`,
      // held until the test is done with it (a condition, not a time)
      'if [ -n "$FAKE_AWS_HOLD" ]; then while [ ! -e "$FAKE_AWS_HOLD" ]; do sleep 0.05; done; fi',
      // as the real CLI: the MFA prompt on stderr, the code from stdin, the caller identity on stdout
      'if [ -n "$FAKE_AWS_TALK" ]; then printf "Enter MFA code for arn:aws:iam::123456789000:mfa/me: " >&2; read -r code; echo "MFA code read: $code" >&2;',
      '  printf \'{\\n    "UserId": "AROAEXAMPLE:me",\\n    "Account": "123456789999",\\n    "Arn": "arn:aws:sts::123456789999:assumed-role/readonly/me"\\n}\\n\'; fi',
      `if [ -n "$FAKE_AWS_WRITE" ]; then cp ${fresh} ${file}; fi`,
      'exit "${FAKE_AWS_EXIT:-0}"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  )
  /** what `aws` caches when FAKE_AWS_WRITE is set: a new session good for `ms` */
  const freshFor = (ms: number) => {
    writeFileSync(fresh, original.replace(/"AccessKeyId": "[^"]+"/, '"AccessKeyId": "ASIAFRESHFRESHFRESH1"'))
    setExpiration(fresh, Date.now() + ms)
  }
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: `${bin}:${NODE_DIR}:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    ...extra,
  })
  const runs = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [])
  const asides = () => readdirSync(cacheDirOf(home)).filter(n => n.endsWith('.removing'))
  return { home, file, original, bin, started, freshFor, env, runs, asides }
}

/**
 * Runs the bin; `during` is called with its pid once it runs. Under tap, a
 * child's NODE_OPTIONS is tap's: env(1) sets the one asked for just before
 * node starts (and execs it, so the pid is node's).
 */
const run = (args: string[], env: NodeJS.ProcessEnv, during?: (pid: number) => Promise<void>): Promise<Run> =>
  new Promise((resolve, reject) => {
    const { NODE_OPTIONS, ...rest } = env
    const node = [
      '-u',
      'NODE_OPTIONS',
      ...(NODE_OPTIONS ? [`NODE_OPTIONS=${NODE_OPTIONS}`] : []),
      process.execPath,
      BIN,
    ]
    const child = spawn('/usr/bin/env', [...node, ...args], { env: rest, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    // ended when the bin has and `during` has done what it does (it may look after the bin's end)
    const duringDone = during ? during(child.pid as number) : Promise.resolve()
    duringDone.catch(reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      void duringDone.then(() => resolve({ code, signal, stdout, stderr }))
    })
  })

// what needs no process of its own (no signal, no Node option, no terminal): main() in this process
const inProcess = async (args: string[], env: NodeJS.ProcessEnv): Promise<Run> => {
  const r = await runInProcess(args, { env })
  return { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr }
}

const waitFor = async (file: string): Promise<void> => {
  for (let i = 0; i < 600 && !existsSync(file); i++) await sleep(50)
  if (!existsSync(file)) throw new Error(`${file} never appeared`)
}

const inspectorPort = (): Promise<'open' | 'closed'> =>
  new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port: 9229 })
    socket.on('connect', () => {
      socket.destroy()
      resolve('open')
    })
    socket.on('error', () => resolve('closed'))
  })

t.test('--refresh --min-remaining: a failed or impossible refresh keeps the cached session', async t => {
  for (const [name, extra, code, message] of [
    [
      'aws fails',
      { FAKE_AWS_EXIT: '255' },
      1,
      /aws --profile readonly sts get-caller-identity failed \(exit 255\); nothing printed; the cached session was kept/,
    ],
    ['aws caches nothing', {}, 3, /still holds no usable session .*the cached session was kept/],
  ] as const) {
    const s = setUp(12 * HOUR)
    const r = await inProcess(['env', 'readonly', '--refresh', '--min-remaining', '13h'], s.env(extra))
    t.same([r.code, r.stdout], [code, ''], `${name}: ${r.stderr}`)
    t.match(r.stderr, message)
    t.equal(s.runs().length, 1, `${name}: aws ran once`)
    t.equal(readFileSync(s.file, 'utf8'), s.original, `${name}: the 12-hour session is still there`)
    t.same(s.asides(), [])
  }
  const s = setUp(12 * HOUR)
  const noAws = await inProcess(['sql', 'readonly', '--refresh', '--min-remaining', '13h'], {
    ...s.env(),
    PATH: NODE_DIR === '/usr/bin' ? tempFolder('awscache-empty-') : NODE_DIR,
  })
  t.same([noAws.code, noAws.stdout], [1, ''])
  t.match(noAws.stderr, /the aws command is not on PATH/)
  t.equal(readFileSync(s.file, 'utf8'), s.original, 'no aws: the session is untouched')
})

t.test('--refresh --min-remaining 1h on a 1-hour role: the fresh 59-minute session is used, once', async t => {
  const s = setUp(20 * 60_000)
  s.freshFor(59 * 60_000)
  const r = await inProcess(['env', 'readonly', '--refresh', '--min-remaining', '1h'], s.env({ FAKE_AWS_WRITE: '1' }))
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^export AWS_ACCESS_KEY_ID='ASIAFRESHFRESHFRESH1'$/m)
  t.match(r.stderr, /warning: the fresh session for "readonly" has 5\dm left, less than --min-remaining 1h/)
  t.equal(s.runs().length, 1, 'aws was asked once')
  t.same(s.asides(), [])
})

t.test(
  "--refresh: the AWS CLI's prompt and stdin reach the user, its JSON does not; one line says what came of it",
  async t => {
    const s = setUp(-60_000)
    s.freshFor(HOUR)
    const r = await runAwscache(['env', 'readonly', '--refresh'], {
      env: s.env({ FAKE_AWS_WRITE: '1', FAKE_AWS_TALK: '1' }),
      input: '123456\n',
      timeoutMs: 60_000,
    })
    t.equal(r.code, 0, r.stderr)
    t.match(r.stdout, /^export AWS_ACCESS_KEY_ID='ASIAFRESHFRESHFRESH1'$/m)
    t.notMatch(r.stdout, /UserId|Arn/, 'stdout holds only the exports')
    t.notMatch(r.stderr, /UserId|"Arn"/, "nor does stderr show the CLI's JSON")
    t.match(
      r.stderr,
      /Enter MFA code for arn:aws:iam::123456789000:mfa\/me: MFA code read: 123456\n/,
      'the prompt reached the user, the code reached the CLI',
    )
    t.match(r.stderr, /\nawscache: refreshed readonly: 59m left\n/)
    t.equal(
      r.stderr.split('\n').filter(l => l.startsWith('awscache:')).length,
      2,
      'running…, refreshed…: two lines of its own',
    )
  },
)

t.test('--refresh runs aws for the profile named, not another sharing its entry', async t => {
  const s = setUp(-60_000)
  s.freshFor(HOUR)
  const r = await inProcess(['env', 'readonly-too', '--refresh'], s.env({ FAKE_AWS_WRITE: '1' }))
  t.equal(r.code, 0, r.stderr)
  t.same(s.runs(), ['--profile readonly-too sts get-caller-identity'])
  t.match(r.stderr, /running aws --profile readonly-too sts get-caller-identity/)
})

t.test('SIGUSR1 never opens the inspector', async t => {
  const checkClosed = async (t: Test, r: Promise<Run>, what: string) => {
    const done = await r
    t.notMatch(done.stderr, /Debugger listening/, `${what}: no inspector`)
    return done
  }
  // while aws runs, for env and for exec: not passed on to exec's command, which had not started (a
  // command that lives a while, to get it if it were)
  for (const args of [
    ['env', 'readonly', '--refresh'],
    ['exec', '--refresh', 'readonly', 'sleep', '0.5'],
  ]) {
    const s = setUp(-60_000)
    s.freshFor(HOUR)
    let port: string | undefined
    const release = join(s.bin, 'release')
    const r = await checkClosed(
      t,
      run(args, s.env({ FAKE_AWS_WRITE: '1', FAKE_AWS_HOLD: release }), async pid => {
        await waitFor(s.started)
        process.kill(pid, 'SIGUSR1')
        await sleep(700)
        port = await inspectorPort()
        writeFileSync(release, '')
      }),
      args[0] as string,
    )
    t.equal(port, 'closed', `${args[0]}: nothing listens on 127.0.0.1:9229`)
    t.equal(r.code, 0, r.stderr)
  }
  // exec's command runs: passed on to it (it dies of it, and awscache of the same; sh execs sleep,
  // so that no orphaned sleep holds awscache's output open for 5 seconds)
  const s = setUp(HOUR)
  const marker = join(s.bin, 'cmd-started')
  let port: string | undefined
  const r = await checkClosed(
    t,
    run(['exec', 'readonly', 'sh', '-c', `touch ${marker}; exec sleep 5`], s.env(), async pid => {
      await waitFor(marker)
      process.kill(pid, 'SIGUSR1')
      await sleep(300)
      port = await inspectorPort()
    }),
    'exec',
  )
  t.equal(port, 'closed')
  t.same([r.code, r.signal], [null, 'SIGUSR1'], 'the command got it')
})

t.test('NODE_DEBUG and NODE_OPTIONS never make awscache print a secret', async t => {
  const s = setUp(-60_000)
  const h = setUp(HOUR)
  const secret = JSON.parse(h.original).Credentials.SecretAccessKey as string
  const shellKeys = {
    AWS_ACCESS_KEY_ID: 'AKIASHELLSHELLSHELL1',
    AWS_SECRET_ACCESS_KEY: 'shell-secret-key-value',
    AWS_SESSION_TOKEN: 'shell-token-value',
  }
  for (const debug of ['child_process', 'CHILD_PROCESS', 'child*', '*', 'net,fs,child_process']) {
    const exec = await run(['exec', 'readonly', 'true'], h.env({ NODE_DEBUG: debug }))
    t.same([exec.code, exec.stdout], [1, ''], `exec, NODE_DEBUG=${debug}`)
    t.match(exec.stderr, /(^|\n)awscache: NODE_DEBUG turns on child_process[^\n]*\n$/)
    t.notOk(exec.stderr.includes(secret))
    const refresh = await run(['env', 'readonly', '--refresh'], s.env({ NODE_DEBUG: debug, ...shellKeys }))
    t.same([refresh.code, refresh.stdout], [1, ''], `--refresh, NODE_DEBUG=${debug}`)
    t.notOk(refresh.stderr.includes('shell-secret-key-value'), "the shell's keys are not printed")
    t.same(s.runs(), [], 'aws was not run')
  }
  // sections that print no secret: awscache runs, and stderr holds none
  for (const [args, debug] of [
    [['exec', 'readonly', 'true'], 'fs,net,module,esm'],
    [['env', 'readonly'], '*'],
    [['sql', 'readonly'], '*'],
  ] as const) {
    const r = await run([...args], h.env({ NODE_DEBUG: debug }))
    t.equal(r.code, 0, `${args.join(' ')}, NODE_DEBUG=${debug}: ${r.stderr.slice(-300)}`)
    t.notOk(r.stderr.includes(secret), `${args.join(' ')}, NODE_DEBUG=${debug}: no secret on stderr`)
  }
  for (const options of [
    '--inspect=127.0.0.1:0',
    '--inspect_brk=127.0.0.1:0 --inspect-wait=0',
    '--heapsnapshot-signal=SIGUSR2',
    '--report-on-signal --report-filename=stderr',
  ]) {
    if (options.includes('brk')) continue // waits for a debugger before any code runs: Node's own start-up
    const r = await run(['env', 'readonly'], h.env({ NODE_OPTIONS: options }))
    t.same([r.code, r.stdout], [1, ''], `NODE_OPTIONS=${options}: ${r.stderr}`)
    t.notOk(r.stderr.includes(secret))
    t.match(r.stderr, /awscache: .*start awscache without it\n$/)
  }
  const harmless = await run(['env', 'readonly'], h.env({ NODE_OPTIONS: '--max-old-space-size=200 --no-warnings' }))
  t.equal(harmless.code, 0, harmless.stderr)
})
