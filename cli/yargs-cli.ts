// The command tree: every command, option and help text, parsed by yargs.
import { createRequire } from 'node:module'
import yargs from 'yargs'
import { AwscacheError, EXIT } from '../lib/errors.js'
import * as clear from './commands/clear.js'
import * as env from './commands/env.js'
import * as exec from './commands/exec.js'
import * as init from './commands/init.js'
import * as list from './commands/list.js'
import * as profiles from './commands/profiles.js'
import * as prune from './commands/prune.js'
import * as rm from './commands/rm.js'
import * as sql from './commands/sql.js'
import * as status from './commands/status.js'
import { splitExec } from './exec-args.js'
import * as unset from './commands/unset.js'

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string }

const EXIT_CODES = `Exit codes:
  0  done
  1  error (an unreadable entry or file, a value that cannot be quoted safely,
     an entry that could not be removed)
  2  usage (unknown command or option, missing argument)
  3  no cached session for that profile (or no such profile)
  4  the cached session has expired
  exec returns its command's exit code (126, 127: it cannot be run, or is not found)`

export const runCli = async (args: string[]): Promise<void> => {
  const execSplit = splitExec(args)
  await yargs(execSplit?.ours ?? args)
    .scriptName('awscache')
    .usage('$0 <command> [options]\n\nShow and use the role sessions the AWS CLI has cached in ~/.aws/cli/cache.')
    .option('cache-dir', {
      type: 'string',
      describe: 'the AWS CLI cache folder [default: $AWSCACHE_CACHE_DIR or ~/.aws/cli/cache]',
      global: true,
      requiresArg: true,
    })
    .option('color', {
      type: 'boolean',
      default: true,
      describe: 'colour the table on a terminal (--no-color, or NO_COLOR=1, turns it off)',
      global: true,
    })
    .command(list)
    .command(env)
    .command(sql)
    .command(exec)
    .command(status)
    .command(rm)
    .command(clear)
    .command(prune)
    .command(unset)
    .command(init)
    .command(profiles)
    .middleware(argv => {
      if (prune.autoPrune() && argv._[0] !== 'prune') prune.autoPruneFirst(argv)
    }, false)
    .demandCommand(1, 'give a command (awscache --help lists them)')
    .recommendCommands()
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .alias('V', 'version')
    .epilogue(EXIT_CODES)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((msg: string | null, err: Error | undefined) => {
      // yargs reports its own parsing errors as YError; anything else came from a handler
      if (err && err.name !== 'YError') throw err
      const text = (msg ?? err?.message ?? 'usage error').replace(/\s*\n\s*/g, ' ')
      throw new AwscacheError(text, EXIT.usage, ['see: awscache --help'])
    })
    .parseAsync(execSplit?.ours ?? args, { execCommand: execSplit?.command ?? [] })
}
