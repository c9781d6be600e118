// Runs a child process asynchronously (so that several run at once, and so
// that a stand-in server in this process can answer it), with a timeout that
// kills it: a hang is a failure the test reports, never a stuck test run.
import { spawn } from 'node:child_process'
import { BIN } from './home.js'

export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** killed by the timeout: it did not end by itself */
  timedOut: boolean
}

export interface ChildOptions {
  /** the whole environment: nothing of this process's leaks in */
  env: NodeJS.ProcessEnv
  timeoutMs: number
  input?: string
  /** the working folder; this process's when not given */
  cwd?: string
  /** run as this user and group (needs root): to meet permission errors that root never meets */
  uid?: number
  gid?: number
  /** a new session: no controlling terminal, so the AWS CLI reads an MFA code from stdin, not /dev/tty */
  detached?: boolean
}

export const runChild = (file: string, args: readonly string[], o: ChildOptions): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: o.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
      ...(o.uid === undefined ? {} : { uid: o.uid }),
      ...(o.gid === undefined ? {} : { gid: o.gid }),
      detached: o.detached ?? false,
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, o.timeoutMs)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdin.on('error', () => {}) // a child that exits without reading its input
    child.stdin.end(o.input ?? '')
    child.on('error', er => {
      clearTimeout(timer)
      reject(er)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, timedOut })
    })
  })

/**
 * The command line that runs the built awscache as a user would: with no
 * NODE_OPTIONS at all, whatever the environment given. (tap's process-info
 * loader, which tap puts in every child's NODE_OPTIONS, is already taken out
 * for every child by untracked-children.mjs.)
 */
export const AWSCACHE_COMMAND: readonly string[] = ['/usr/bin/env', '-u', 'NODE_OPTIONS', process.execPath, BIN]

/** The built awscache, as a user runs it. */
export const runAwscache = (args: readonly string[], o: ChildOptions): Promise<ChildResult> =>
  runChild(AWSCACHE_COMMAND[0] as string, [...AWSCACHE_COMMAND.slice(1), ...args], o)

/** Runs `fn` over `items`, at most `limit` at a time, results in order. */
export const inPool = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export const describeEnd = (r: ChildResult, timeoutMs: number): string =>
  r.timedOut
    ? `did not end within ${timeoutMs / 1000}s (killed)`
    : r.signal
      ? `killed by ${r.signal}`
      : `exit ${r.code}`

/** Removes a temporary folder a test made, whatever modes (0000, say) it left inside. */
export { removeTestFolder } from './temp.js'
