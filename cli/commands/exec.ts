import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import {
  markerVariables,
  PROFILE_VARIABLES,
  regionVariables,
  sessionVariables,
  staleAccountVariables,
} from '../../lib/output/env-formats.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { spawnDebugRefusal } from '../../lib/node-diagnostics.js'
import { PROFILE_ARGUMENT, type CommandDef } from '../command-def.js'
import { signalsDelivered } from '../hold-signals.js'
import { warn } from '../io.js'
import { sessionForUse } from '../session-for-use.js'
import { SESSION_OPTIONS, type SessionArgs } from '../session-options.js'

export interface ExecArgs extends SessionArgs {
  /** the words after the profile */
  command: string[]
}

export const definition: CommandDef = {
  name: 'exec',
  describe: "Run a command with a profile's cached session in its environment",
  positionals: [PROFILE_ARGUMENT],
  rest: { name: 'command', describe: 'the command to run, and its arguments' },
  options: SESSION_OPTIONS,
  examples: [
    ['$0 exec dev-admin -- terraform plan', 'run terraform with the dev-admin session'],
    ['$0 exec --refresh dev-admin aws s3 ls', 'ask for MFA first if the session is gone'],
  ],
}

// what a shell says, rather than spawn's "spawn /etc/passwd EACCES"
const cannotRunReason = (er: NodeJS.ErrnoException): string =>
  er.code === 'EACCES'
    ? 'permission denied'
    : er.code === 'ENOEXEC'
      ? 'not an executable format'
      : er.code === 'EISDIR'
        ? 'is a folder'
        : er.message

const FORWARDED = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGINT'] as const

export const handler = async (argv: ExecArgs): Promise<void> => {
  const [file = '', ...args] = argv.command
  // a shell finds no command of an empty name either (spawn would refuse it as an argument)
  if (file === '') throw new AwscacheError('cannot run "": command not found', EXIT.notFound)
  // before the session is even read: spawn would print the command's environment
  const debugging = spawnDebugRefusal(process.env.NODE_DEBUG)
  if (debugging) throw new AwscacheError(debugging, EXIT.error)
  const found = await sessionForUse(argv)
  found.warnings.forEach(warn)
  const env = { ...process.env }
  const credentials = { ...found.entry.credentials, accountId: found.record.accountId }
  for (const name of [...PROFILE_VARIABLES, ...staleAccountVariables(credentials)]) delete env[name]
  // what `awscache-use` would set: a prompt inside the command names this session, not the shell's
  const session = [
    ...sessionVariables(credentials),
    ...regionVariables(found.settings?.region),
    ...markerVariables(argv.profile, credentials),
  ]
  for (const [name, value] of session) {
    // an environment ends each value at a NUL: the command would get another value than the cached one
    if (value.includes('\0'))
      throw new AwscacheError(
        `${name}: a value holds a NUL character, which an environment cannot carry; nothing was run`,
        EXIT.error,
      )
    env[name] = value
  }

  // A SIGUSR1 that came while --refresh ran aws (spawnSync: the event loop
  // stood still) was for awscache, which ignores it, not for a command that
  // had not started: let it reach the listener of before, not the one below.
  await signalsDelivered()
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
    throw new AwscacheError(
      `cannot run ${file}: ${notFound ? 'command not found' : cannotRunReason(er)}`,
      notFound ? EXIT.notFound : EXIT.cannotRun,
    )
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
