// From the command line to a handler: parse it against the command table,
// show help through yargs when asked, run the command otherwise.
import { nearestNames } from '../lib/sessions/nearest-names.js'
import { autoPrune } from './auto-prune.js'
import { allDefinitions, COMMANDS, loadCommand } from './command-table.js'
import { GLOBAL_OPTIONS } from './global-options.js'
import { output } from './io.js'
import { parseCommandLine } from './parse-command-line.js'
import { UsageError } from './usage-error.js'

const EXIT_CODES = `Exit codes:
  0  done
  1  error (an unreadable entry or file, a value that cannot be quoted safely,
     an entry that could not be removed)
  2  usage (unknown command or option, missing argument)
  3  no cached session for that profile (or no such profile)
  4  the cached session has expired
  exec returns its command's exit code (126, 127: it cannot be run, or is not found)
  console: 1 also when the sign-in endpoint refuses the session or cannot be reached
  logins <profile>: 3 it uses no login or none is cached, 4 the login expired and will not renew`

const showHelp = async (args: readonly string[]): Promise<void> => {
  // yargs asks for the current folder as it loads, which may have been deleted
  try {
    process.cwd()
  } catch {
    process.chdir('/')
  }
  const { renderHelp } = await import('./help.js')
  const help = await renderHelp({
    args,
    commands: await allDefinitions(),
    globals: GLOBAL_OPTIONS,
    epilogue: EXIT_CODES,
    width: Math.min(100, process.stdout.columns ?? 100),
  })
  if (!help.ok) throw new UsageError(undefined, help.message, ['see: awscache --help'])
  output(help.text)
}

// AWSCACHE_AUTO_PRUNE=1 prunes before the others: before these it would name
// an entry twice (clear -n), or take the one rm was asked for and make rm fail
const REMOVES_ENTRIES = new Set(['rm', 'clear', 'prune'])

export const run = async (args: readonly string[]): Promise<void> => {
  const parsed = await parseCommandLine(
    args,
    async name => (await loadCommand(name))?.definition,
    name => nearestNames(name, Object.keys(COMMANDS)),
  )
  if (parsed.kind === 'help') return showHelp(args)
  if (parsed.kind === 'usage') {
    const { command, message, hints } = parsed.problem
    throw new UsageError(command, message, hints)
  }
  const { name } = parsed.command
  const { handler } = await (loadCommand(name) as ReturnType<typeof loadCommand> & object)
  // prune's module (and its imports) only when it is to run
  if (!REMOVES_ENTRIES.has(name) && autoPrune()) (await import('./prune-sessions.js')).autoPruneFirst(parsed.args)
  await handler(parsed.args as never)
}
