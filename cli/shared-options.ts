import type { Argv } from 'yargs'
import type { GlobalArgs } from './inputs.js'

export interface ProfileArgs extends GlobalArgs {
  profile: string
}

export const profileArgument = (y: Argv<GlobalArgs>): Argv<ProfileArgs> =>
  y.positional('profile', {
    type: 'string',
    demandOption: true,
    describe: 'profile name, or a cache entry id (or a unique prefix of 6+ characters)',
  }) as Argv<ProfileArgs>

/** The help lines of a --format / --dialect table. */
export const choicesHelp = (table: Record<string, { description: string }>): string =>
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
) => ({
  alias,
  choices: Object.keys(table) as K[],
  default: fallback,
  describe: `${what}:\n${choicesHelp(table)}`,
})
