import { accessSync, closeSync, constants, openSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { spawnDebugRefusal } from '../lib/node-diagnostics.js'
import type { AwsRunner } from '../lib/sessions/session-policy.js'
import { shellWord } from '../lib/output/shell-words.js'
import { say } from './io.js'

// Where a shell would find the command (an empty PATH element is the current folder).
const onPath = (command: string, path: string | undefined): string | undefined => {
  for (const dir of (path ?? '/usr/bin:/bin').split(delimiter)) {
    const file = join(dir || '.', command)
    try {
      if (!statSync(file).isFile()) continue
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return undefined
}

/**
 * The real AWS CLI, run with the user's terminal (stdin, stderr) so that it
 * can ask for an MFA code. What it prints on stdout (the caller identity, as
 * JSON) is of no use here and would not belong on awscache's stdout: it is
 * dropped, and the caller says in one line what came of it.
 */
export const realAws: AwsRunner = {
  unavailable: () =>
    spawnDebugRefusal(process.env.NODE_DEBUG) ??
    (onPath('aws', process.env.PATH)
      ? undefined
      : 'cannot refresh: the aws command is not on PATH (install the AWS CLI)'),
  run: (args, why) => {
    const shown = ['aws', ...args].map(shellWord).join(' ')
    say(`${why}: running ${shown}`)
    // loaded only when needed, synchronously: the caller may hold an entry aside
    const { spawnSync } = process.getBuiltinModule('node:child_process')
    const r = spawnSync('aws', args, { stdio: ['inherit', 'ignore', 'inherit'] })
    if (r.error) {
      const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT'
      return missing
        ? 'cannot refresh: the aws command is not on PATH (install the AWS CLI)'
        : `cannot run ${shown}: ${r.error.message}`
    }
    if (r.status !== 0) return `${shown} failed (${r.signal ? `killed by ${r.signal}` : `exit ${r.status}`})`
    return undefined
  },
}

// The AWS CLI asks for an MFA code on the controlling terminal (/dev/tty),
// else on stdin. A program that runs awscache as its credential_process gives
// it neither a terminal nor a stdin anyone types into: the CLI would wait.
const noTerminal = (): string | undefined => {
  // loaded only when a refresh is due: start-up stays as it was
  if (process.platform === 'win32' || process.getBuiltinModule('node:tty').isatty(0)) return undefined
  try {
    closeSync(openSync('/dev/tty', 'r+'))
    return undefined
  } catch {
    return 'there is no terminal to ask on (stdin is not one, and there is no controlling terminal)'
  }
}

/**
 * The real AWS CLI for a program reading awscache's output (credential_process:
 * `env --format json`): an MFA code is asked for on a terminal only, never
 * waited for on stdin.
 */
export const realAwsForPrograms: AwsRunner = { ...realAws, cannotPrompt: noTerminal }
