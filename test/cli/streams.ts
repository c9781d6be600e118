// Streams and signals: a reader that goes away (| head -1), a stdout that is
// closed or full, Ctrl-C or a kill in the middle of a long listing. Each
// must end awscache cleanly: no stack trace, no message about a pipe, and
// an exit code a script can rely on.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Readable } from 'node:stream'
import t, { type Test } from 'tap'
import { AWSCACHE_COMMAND, removeTestFolder, runChild, type ChildResult } from '../helpers/child.js'
import { home, writeManyEntries } from '../helpers/corpus.js'
import { cacheDirOf } from '../helpers/home.js'
import { hasCommand, missingReason } from '../helpers/shells.js'

const TIMEOUT_MS = 30_000
const ENTRIES = 5000

// Enough entries that every listing is far larger than a pipe's buffer (64 KiB).
const h = home()
t.teardown(() => removeTestFolder(h))
writeManyEntries(cacheDirOf(h), ENTRIES)
const env = { PATH: '/usr/bin:/bin', HOME: h, LANG: 'C.UTF-8' }

// spawn() itself, for the tests that hold the pipes in their own hands
const spawnAwscache = (args: string[]): ChildProcessByStdio<null, Readable, Readable> =>
  spawn(AWSCACHE_COMMAND[0] as string, [...AWSCACHE_COMMAND.slice(1), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })

const noTrace = (t: Test, stderr: string, what: string): void => {
  t.notMatch(stderr, /^\s+at /m, `${what}: no stack trace`)
  t.notMatch(stderr, /Error:|EPIPE|ERR_|internal error/, `${what}: no error about the stream`)
}

// Runs a shell pipeline with awscache in it ($AWSCACHE expands to the built binary).
const pipeline = (script: string): Promise<ChildResult> =>
  runChild('bash', ['-c', `set -o pipefail\nAWSCACHE="${AWSCACHE_COMMAND.join(' ')}"\n${script}`], {
    env,
    timeoutMs: TIMEOUT_MS,
  })

t.test('awscache list | head -1: the header, exit 0, nothing on stderr', async t => {
  for (const args of ['list', 'list --all', 'list --json', 'list --all --json']) {
    // the unreadable entries' warnings are silenced; only what the pipe does is looked at
    const r = await pipeline(`$AWSCACHE ${args} 2>/dev/null | head -1; echo "exit $?" >&2`)
    t.equal(r.timedOut, false, `${args}: ended`)
    t.equal(r.stdout.split('\n').length, 2, `${args}: one line came out`)
    t.equal(r.stderr, 'exit 0\n', `${args} | head -1: exit 0 (pipefail), stderr empty`)
  }
})

t.test('messages and output to the same reader (2>&1 | head -c 1): exit 0', async t => {
  // the broken entries' warnings go to the pipe too, after head has gone
  const r = await pipeline('$AWSCACHE list --json 2>&1 | head -c 1 >/dev/null')
  t.equal(r.code, 0, 'exit 0 with pipefail')
  noTrace(t, r.stderr, '2>&1 | head -c 1')
})

t.test('a reader of stderr gone: the listing still comes out, exit 0', async t => {
  const child = spawnAwscache(['list'])
  child.stderr.destroy()
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  const [code] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s])),
  )
  t.equal(code, 0, 'exit 0')
  t.match(stdout, /^PROFILE /, 'the listing came out')
})

t.test('a reader gone before the first write: exit 0, no trace', async t => {
  const child = spawnAwscache(['list', '--json'])
  // the child needs far longer to start than this takes: its first write meets a closed pipe
  child.stdout.destroy()
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s])),
  )
  t.same([code, signal], [0, null], 'exit 0')
  t.notMatch(stderr, /EPIPE|^\s+at /m, 'no trace')
})

t.test('stdout closed (>&-): exit 0, no trace', async t => {
  // stderr goes through the pipe to the test, stdout is closed
  const r = await pipeline('$AWSCACHE list 2>&1 >&- | grep -v skipped >&2; exit "${PIPESTATUS[0]}"')
  t.equal(r.code, 0, 'exit 0')
  noTrace(t, r.stderr, '>&-')
})

t.test(
  'stdout full (/dev/full): exit 1, no trace',
  { skip: !existsSync('/dev/full') && 'no /dev/full here' },
  async t => {
    // stderr to the pipe, stdout to the full device
    const r = await pipeline('$AWSCACHE list --json 2>&1 >/dev/full | grep -v skipped >&2; exit "${PIPESTATUS[0]}"')
    t.equal(r.code, 1, 'exit 1: the output was lost')
    noTrace(t, r.stderr, '/dev/full')
    t.match(r.stderr, /^awscache: .*(write|output|space)/m, 'says the output could not be written')
  },
)

// A long listing into a pipe nobody reads: awscache blocks in write() with
// the pipe full, in the middle of its output, when the signal arrives.
const interrupted = async (t: Test, signal: 'SIGINT' | 'SIGTERM', args: string[]): Promise<void> => {
  const child = spawnAwscache([...args])
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let received = 0
  const closed = new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s])),
  )
  // the first chunk: the listing has begun; then stop reading, so that the pipe fills
  await new Promise<void>(resolve =>
    child.stdout.once('data', (d: Buffer) => {
      received += d.length
      child.stdout.pause()
      resolve()
    }),
  )
  child.kill(signal)
  child.stdout.on('data', (d: Buffer) => (received += d.length))
  child.stdout.resume()
  const [code, sig] = await closed
  t.ok(
    sig === signal || code === 128 + (signal === 'SIGINT' ? 2 : 15),
    `${args.join(' ')}: ended by ${signal} (${sig ?? code})`,
  )
  t.ok(received > 0, 'it had begun to print')
  const traces = stderr.split('\n').filter(l => !/skipped/.test(l))
  noTrace(t, traces.join('\n'), `${signal} during ${args.join(' ')}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  t.test(`${signal} in the middle of a long list: ends at once, no trace`, async t => {
    await interrupted(t, signal, ['list', '--json', '--all'])
    await interrupted(t, signal, ['list', '--all'])
  })
}

t.test(
  'a stdout pipe left non-blocking by another process: all of the output, exit 0',
  { skip: !hasCommand('python3') && missingReason('python3') },
  async t => {
    // O_NONBLOCK belongs to the pipe's open file, shared by everything that
    // inherits it: once set, a full pipe makes write() fail with EAGAIN.
    const setNonBlocking = `python3 -c 'import fcntl, os; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)'`
    const r = await pipeline(
      `{ ${setNonBlocking} && $AWSCACHE list --all --json 2>/dev/null; echo "exit $?" >&2; } | { sleep 1; wc -c; }`,
    )
    const whole = await runChild(
      AWSCACHE_COMMAND[0] as string,
      [...AWSCACHE_COMMAND.slice(1), 'list', '--all', '--json'],
      { env, timeoutMs: TIMEOUT_MS },
    )
    t.ok(whole.stdout.length > 256 * 1024, 'the listing is far larger than the pipe')
    t.equal(r.stderr, 'exit 0\n', 'exit 0')
    t.equal(Number(r.stdout.trim()), Buffer.byteLength(whole.stdout), 'every byte came out')
  },
)
