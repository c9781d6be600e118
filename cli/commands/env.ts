import { ENV_FORMATS, formatEnv, markerVariables, type EnvFormatName } from '../../lib/env-formats.js'
import { formatLeft } from '../../lib/left.js'
import { PROFILE_ARGUMENT, tableOption, type CommandDef } from '../command-def.js'
import { output, say, warn } from '../io.js'
import { sessionForUse } from '../session-for-use.js'
import { SESSION_OPTIONS, type SessionArgs } from '../session-options.js'

export interface EnvArgs extends SessionArgs {
  format: EnvFormatName
  mark: boolean
}

export const definition: CommandDef = {
  name: 'env',
  describe: "Print shell code that sets a profile's cached session variables",
  positionals: [PROFILE_ARGUMENT],
  options: {
    ...SESSION_OPTIONS,
    format: tableOption<EnvFormatName>(ENV_FORMATS, 'sh', 'f', 'output format'),
    mark: {
      type: 'boolean',
      default: false,
      describe: 'also set AWSCACHE_PROFILE and AWSCACHE_EXPIRES (Unix seconds), and say on stderr which session is now active',
    },
  },
  examples: [
    ['eval "$($0 env my-role)"', 'use the session in this shell (bash, zsh)'],
    ['$0 env my-role --format fish | source', 'the same in fish'],
    ['$0 env my-role --format dotenv > .env', 'for docker run --env-file .env'],
  ],
}

export const handler = async (argv: EnvArgs): Promise<void> => {
  const found = await sessionForUse(argv)
  const { credentials } = found.entry
  const text = formatEnv(argv.format, credentials, argv.mark ? markerVariables(argv.profile, credentials) : [])
  found.warnings.forEach(warn)
  if (argv.mark) say(`using ${argv.profile}: ${formatLeft(found.record.expiresInSeconds as number)} left`)
  output(text)
}
