import type { OptionDef } from './command-def.js'

/** Options every command takes, before or after its name. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionDef>> = {
  'cache-dir': {
    type: 'string',
    describe: 'the AWS CLI cache folder [default: $AWSCACHE_CACHE_DIR or ~/.aws/cli/cache]',
    complete: 'folder',
  },
}

/** For the commands that colour something: on a terminal unless NO_COLOR or TERM=dumb; the option decides. */
export const COLOR_OPTION: OptionDef = {
  type: 'boolean',
  describe:
    'colour even when not on a terminal (--no-color: never); default: on a terminal, unless NO_COLOR is set or TERM=dumb',
}

/** Handled before any command: they print yargs' help or the version. */
export const HELP_OPTIONS: Readonly<Record<string, OptionDef>> = {
  help: { type: 'boolean', alias: 'h', default: false, describe: 'Show help' },
  version: { type: 'boolean', alias: 'V', default: false, describe: 'Show version number' },
}
