import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import type { Argv, ArgumentsCamelCase } from 'yargs'
import { markerVariables, PROFILE_VARIABLES, regionVariables, sessionVariables } from '../../lib/env-formats.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import type { GlobalArgs } from '../inputs.js'
import { warn } from '../io.js'
import { sessionForUse, sessionOptions, type SessionArgs } from '../session-for-use.js'
import { profileArgument } from '../shared-options.js'

export const command = 'exec <profile> [command..]'
export const describe = "Run a command with a profile's cached session in its environment"

interface ExecArgs extends SessionArgs {
  /** set by runCli from the words after the profile, which yargs never sees */
  execCommand: string[]
}

export const builder = (y: Argv<GlobalArgs>): Argv<ExecArgs> =>
  (sessionOptions(profileArgument(y)) as unknown as Argv<ExecArgs>)
    .positional('command', { type: 'string', array: true, describe: 'the command to run, and its arguments' })
    .example('$0 exec dev-admin -- terraform plan', 'run terraform with the dev-admin session')
    .example('$0 exec --refresh dev-admin aws s3 ls', 'ask for MFA first if the session is gone')

const FORWARDED = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGINT'] as const

export const handler = async (argv: ArgumentsCamelCase<ExecArgs>): Promise<void> => {
  const [file, ...args] = argv.execCommand
  if (file === undefined) throw new AwscacheError('exec: give the command to run after the profile', EXIT.usage, ['see: awscache exec --help'])
  const found = await sessionForUse(argv)
  found.warnings.forEach(warn)
  const env = { ...process.env }
  for (const name of PROFILE_VARIABLES) delete env[name]
  const { credentials } = found.entry
  // what `awscache-use` would set: a prompt inside the command names this session, not the shell's
  const session = [...sessionVariables(credentials), ...regionVariables(found.settings?.region), ...markerVariables(argv.profile, credentials)]
  for (const [name, value] of session) {
    // an environment ends each value at a NUL: the command would get another value than the cached one
    if (value.includes('\0')) throw new AwscacheError(`${name}: a value holds a NUL character, which an environment cannot carry; nothing was run`, EXIT.error)
    env[name] = value
  }

  const child = spawn(file, args, { stdio: 'inherit', env })
  // Ctrl-C on a terminal already reaches the whole foreground group, child
  // included: forwarding it too would deliver it twice.
  const forward = (signal: NodeJS.Signals) => () => {
    if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal)
  }
  const handlers = FORWARDED.map(signal => [signal, forward(signal)] as const)
  for (const [signal, h] of handlers) process.on(signal, h)

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (c, s) => resolve([c, s]))
  }).catch((er: NodeJS.ErrnoException) => {
    // as a shell says it: 127 not found, 126 not runnable
    const notFound = er.code === 'ENOENT'
    throw new AwscacheError(`cannot run ${file}: ${notFound ? 'command not found' : er.message}`, notFound ? EXIT.notFound : EXIT.cannotRun)
  })
  for (const [s, h] of handlers) process.off(s, h)
  if (signal) {
    // die of the same signal, so that the caller sees what the child did
    // (no listener may stay to catch it, whoever added one)
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
    process.exitCode = 128 + (constants.signals[signal] ?? 0)
    return
  }
  process.exitCode = code ?? 1
}
