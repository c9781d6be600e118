import { spawn, spawnSync } from 'node:child_process'
import { accessSync, closeSync, constants, openSync, readdirSync, readSync, realpathSync, symlinkSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import type { Duplex } from 'node:stream'
import { runChild, type ChildResult } from './child.js'
import { findOpenssl, type StsStandin } from './sts-standin.js'
import { tempFolder } from './temp.js'

/** The real AWS CLI v2 the end-to-end tests drive (Debian's; a pyenv shim on PATH must not get a say). */
export const AWS = process.env.AWSCACHE_TEST_AWS || '/usr/bin/aws'

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Why the real-CLI tests cannot run here; empty when they can. */
export const missingTools = (): string[] => [
  ...(isExecutable(AWS) ? [] : [`no AWS CLI at ${AWS} (apt-get install awscli, or set AWSCACHE_TEST_AWS)`]),
  ...(findOpenssl()
    ? []
    : ['no openssl command (apt-get install openssl): the STS stand-in needs it for its certificate']),
]

/** A skipped real-CLI test says so where nobody can miss it. */
export const shout = (lines: string[]): void => {
  const bar = '!'.repeat(78)
  process.stderr.write(`\n${bar}\n${lines.map(l => `!! ${l}`).join('\n')}\n${bar}\n\n`)
}

/** What `aws --version` says (v1 before 1.17 said it on stderr), or '' when it does not run. */
export const awsVersion = (aws: string): string => {
  const r = spawnSync(aws, ['--version'], {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: tmpdir(), LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim()
}

const isV1 = (version: string): boolean => version.startsWith('aws-cli/1.')

export type AwsV1Search =
  | { found: true; path: string; version: string }
  /** looked: what was tried; misconfigured: AWSCACHE_TEST_AWS_V1 names no v1 (a failure, not a skip) */
  | { found: false; looked: string[]; misconfigured: boolean }

const listAws = (dir: string): string[] => {
  const file = join(dir, 'aws')
  return isExecutable(file) ? [file] : []
}

// pyenv's own versions, each its own Python (pip install awscli puts v1 there)
const pyenvAws = (): string[] => {
  const roots = [process.env.PYENV_ROOT, '/root/.pyenv', join(homedir(), '.pyenv')].filter((r): r is string => !!r)
  return roots.flatMap(root => {
    try {
      return readdirSync(join(root, 'versions'))
        .sort()
        .flatMap(v => listAws(join(root, 'versions', v, 'bin')))
    } catch {
      return []
    }
  })
}

// Shims are left out: which version a pyenv shim runs depends on the
// environment and folder it is run from, and the tests give the CLI neither.
const pathAws = (): string[] =>
  [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.local', 'bin'), '/usr/local/bin', '/usr/bin']
    .filter(dir => dir && !/[/\\]shims$/.test(dir))
    .flatMap(listAws)

/**
 * The AWS CLI v1 to drive: AWSCACHE_TEST_AWS_V1, else the first `aws` of a
 * pyenv version, then on PATH, whose `--version` says aws-cli/1.
 */
export const findAwsV1 = (): AwsV1Search => {
  const wanted = process.env.AWSCACHE_TEST_AWS_V1
  if (wanted) {
    const version = isExecutable(wanted) ? awsVersion(wanted) : ''
    if (isV1(version)) return { found: true, path: wanted, version }
    return {
      found: false,
      looked: [`AWSCACHE_TEST_AWS_V1=${wanted}: ${version ? `says ${JSON.stringify(version)}` : 'does not run'}`],
      misconfigured: true,
    }
  }
  const looked: string[] = []
  const seen = new Set<string>()
  for (const candidate of [...pyenvAws(), ...pathAws()]) {
    let real: string
    try {
      real = realpathSync(candidate)
    } catch {
      continue
    }
    if (seen.has(real)) continue
    seen.add(real)
    const version = awsVersion(candidate)
    if (isV1(version)) return { found: true, path: candidate, version }
    looked.push(`${candidate}: ${version ? JSON.stringify(version.split('\n')[0]) : 'does not run'}`)
  }
  return { found: false, looked, misconfigured: false }
}

/**
 * The environment in which the real AWS CLI (first on PATH, whatever else
 * this machine has) and awscache run with HOME `home`, reaching AWS only
 * through the stand-in.
 */
export const standinEnv = (home: string, standin: Pick<StsStandin, 'proxyUrl' | 'caFile'>): Record<string, string> => {
  const bin = tempFolder('awscache-awsbin-')
  symlinkSync(AWS, join(bin, 'aws'))
  return {
    PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
    HTTPS_PROXY: standin.proxyUrl,
    AWS_CA_BUNDLE: standin.caFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
}

// Runs the AWS CLI's own script (the file `aws` is) once per request, in one
// interpreter: the script, its argv, stdin, stdout, stderr and exit status are
// each run's own (fds 0-2 point at files of the run), only the interpreter's
// start and imports (about 1 s of CPU each) are shared. Requests come on fd 3,
// one JSON line each ({args, input}); the reply is one JSON line.
const AWS_RUNNER = `
import json, os, runpy, socket, sys, tempfile, traceback
script = sys.argv[1]
channel = socket.socket(fileno=3)
requests = channel.makefile('rb')
saved = [os.dup(fd) for fd in (0, 1, 2)]
for line in requests:
    job = json.loads(line)
    files = [tempfile.TemporaryFile() for _ in range(3)]
    files[0].write(job['input'].encode('utf-8'))
    files[0].flush()
    files[0].seek(0)
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, f in enumerate(files):
        os.dup2(f.fileno(), fd)
    sys.stdin = open(0, 'r', encoding='utf-8', closefd=False)
    sys.argv = [script] + job['args']
    code = 0
    try:
        runpy.run_path(script, run_name='__main__')
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    for fd in (0, 1, 2):
        os.dup2(saved[fd], fd)
    out = []
    for f in files[1:]:
        f.seek(0)
        out.append(f.read().decode('utf-8', 'replace'))
    for f in files:
        f.close()
    channel.sendall((json.dumps({'code': code, 'stdout': out[0], 'stderr': out[1]}) + '\\n').encode('utf-8'))
`

/** The Python interpreter an `aws` script names on its #! line; undefined for anything else (a frozen binary). */
export const pythonOf = (script: string): string | undefined => {
  const buffer = Buffer.alloc(256)
  let fd: number | undefined
  try {
    fd = openSync(script, 'r')
    const n = readSync(fd, buffer, 0, buffer.length, 0)
    const first = buffer.subarray(0, n).toString('latin1').split('\n')[0] ?? ''
    return /^#!\s*(\/\S*python[\d.]*)\s*$/.exec(first)?.[1]
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export interface AwsRunner {
  /** one `aws ARGS` with `input` on stdin, as its own process would be */
  run(args: readonly string[], input: string): Promise<ChildResult>
  close(): Promise<void>
}

/**
 * Many runs of the AWS CLI `aws` in one environment (detached: no terminal, so
 * an MFA code is read from stdin), one at a time. An `aws` that is no Python
 * script runs as a process each time.
 */
export const startAwsRunner = (aws: string, env: NodeJS.ProcessEnv, timeoutMs: number): AwsRunner => {
  const python = pythonOf(aws)
  if (!python)
    return {
      run: (args, input) => runChild(aws, args, { env, input, detached: true, timeoutMs }),
      close: async () => {},
    }
  const child = spawn(python, ['-c', AWS_RUNNER, aws], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  })
  const channel = child.stdio[3] as Duplex
  let log = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (log += d))
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d))
  let ended = false
  let pending = ''
  let waiting: ((line: string | undefined) => void) | undefined
  const settle = (line: string | undefined): void => {
    const w = waiting
    waiting = undefined
    w?.(line)
  }
  channel.setEncoding('utf8')
  channel.on('data', (d: string) => {
    pending += d
    const at = pending.indexOf('\n')
    if (at < 0) return
    const line = pending.slice(0, at)
    pending = pending.slice(at + 1)
    settle(line)
  })
  channel.on('error', () => {})
  const closed = new Promise<void>(resolve =>
    child.on('close', () => {
      ended = true
      settle(undefined)
      resolve()
    }),
  )
  const killGroup = (): void => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }
  const gone = (timedOut: boolean): ChildResult => ({
    code: null,
    signal: null,
    stdout: '',
    stderr: `the AWS CLI's interpreter ended: ${log}`,
    timedOut,
  })
  return {
    run: (args, input) =>
      new Promise(resolve => {
        if (ended) return resolve(gone(false))
        let timedOut = false
        const timer = setTimeout(() => {
          timedOut = true
          killGroup()
        }, timeoutMs)
        waiting = line => {
          clearTimeout(timer)
          if (line === undefined) return resolve(gone(timedOut))
          const r = JSON.parse(line) as { code: number; stdout: string; stderr: string }
          resolve({ code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false })
        }
        channel.write(`${JSON.stringify({ args, input })}\n`)
      }),
    close: async () => {
      channel.end()
      const timer = setTimeout(killGroup, timeoutMs)
      await closed
      clearTimeout(timer)
    },
  }
}
