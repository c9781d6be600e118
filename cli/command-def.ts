// A command as data: its words, options and examples. From these one
// definition come the parser (cli/parse-command-line.ts), the --help text
// (cli/help.ts, through yargs) and completion.

/** What a shell completes for a value. */
export type Completion = 'profile' | 'folder' | 'file' | 'choices' | 'none'

export interface OptionDef {
  type: 'boolean' | 'string'
  /** one letter, used as -x */
  alias?: string
  choices?: readonly string[]
  default?: boolean | string
  describe: string
  /** what completes the value of a string option */
  complete?: Completion
  /** a string option whose value must read as a duration (15m, 1h30m, 0) */
  duration?: true
}

export interface PositionalDef {
  name: string
  describe: string
  /** takes every remaining word (rm's names); at least one */
  variadic?: boolean
  /** may be left out (the last positional only) */
  optional?: true
  choices?: readonly string[]
  complete: Completion
  /** the usage error when it is not given */
  missing: string
}

export interface CommandDef {
  name: string
  describe: string
  positionals: readonly PositionalDef[]
  options: Readonly<Record<string, OptionDef>>
  examples: readonly (readonly [command: string, meaning: string])[]
  /**
   * Words after the positionals belong to another program (exec's command):
   * options end with the last positional, and one `--` right after it is dropped.
   */
  rest?: { name: string; describe: string }
}

/** What a handler is given: options by camelCase name, positionals by name, `rest` as its name. */
export type ParsedArgs = Record<string, string | boolean | string[] | undefined>

export const camelCase = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** The help lines of a --format / --dialect table. */
const choicesHelp = (table: Record<string, { description: string }>): string =>
  Object.entries(table)
    .map(([name, { description }]) => `  ${name}: ${description}`)
    .join('\n')

/**
 * An option whose values are the names of a formatter table (ENV_FORMATS,
 * SQL_DIALECTS, UNSET_FORMATS): choices, default and help all come from it.
 */
export const tableOption = <K extends string>(
  table: Record<K, { description: string }>,
  fallback: K,
  alias: string,
  what: string,
): OptionDef => ({
  type: 'string',
  alias,
  choices: Object.keys(table),
  default: fallback,
  describe: `${what}:\n${choicesHelp(table)}`,
  complete: 'choices',
})

export const PROFILE_ARGUMENT: PositionalDef = {
  name: 'profile',
  describe: 'profile name, or a cache entry id (or a unique prefix of 6+ characters)',
  complete: 'profile',
  missing: 'give a profile name (awscache profiles lists them)',
}
