import type { OptionDef } from './command-def.js'

/** Options every command takes, before or after its name. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionDef>> = {
  'cache-dir': {
    type: 'string',
    describe: 'the AWS CLI cache folder [default: $AWSCACHE_CACHE_DIR or ~/.aws/cli/cache]',
    complete: 'folder',
  },
  color: {
    type: 'boolean',
    default: true,
    describe: 'colour the table on a terminal (--no-color, or NO_COLOR=1, turns it off)',
  },
}

/** Handled before any command: they print yargs' help or the version. */
export const HELP_OPTIONS: Readonly<Record<string, OptionDef>> = {
  help: { type: 'boolean', alias: 'h', describe: 'Show help' },
  version: { type: 'boolean', alias: 'V', describe: 'Show version number' },
}
