import {
  canUnset,
  ENV_FORMATS,
  formatEnv,
  MARKER_NAMES,
  markerVariables,
  PROFILE_VARIABLES,
  regionVariables,
  staleAccountVariables,
  type EnvFormatName,
  type SessionCredentials,
} from '../../lib/output/env-formats.js'
import { formatLeft } from '../../lib/output/left.js'
import { shellWord } from '../../lib/output/shell-words.js'
import { PROFILE_ARGUMENT, tableOption, type CommandDef } from '../command-def.js'
import { output, say, warn } from '../io.js'
import { realAws, realAwsForPrograms } from '../run-aws.js'
import { sessionForUse } from '../session-for-use.js'
import { UsageError } from '../usage-error.js'
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
      describe:
        'also set AWSCACHE_PROFILE and AWSCACHE_EXPIRES (Unix seconds), and say on stderr which session is now active',
    },
  },
  examples: [
    ['eval "$($0 env my-role)"', 'use the session in this shell (bash, zsh)'],
    ['$0 env my-role --format fish | source', 'the same in fish'],
    ['$0 env my-role --format dotenv > .env', 'for docker run --env-file .env'],
  ],
}

export const handler = async (argv: EnvArgs): Promise<void> => {
  // the credential_process JSON is exactly AWS's shape: no room for the markers, and none is dropped quietly
  if (argv.mark && argv.format === 'json') {
    throw new UsageError(
      'env',
      '--mark cannot be used with --format json: the credential_process JSON holds the credentials only',
    )
  }
  // json is what credential_process reads: its caller's stdin is nobody's keyboard
  const found = await sessionForUse(argv, argv.format === 'json' ? realAwsForPrograms : realAws)
  const credentials: SessionCredentials = { ...found.entry.credentials, accountId: found.record.accountId }
  const extra = [
    ...regionVariables(found.settings?.region),
    ...(argv.mark ? markerVariables(argv.profile, credentials) : []),
  ]
  // a profile variable left behind would win over the keys; markers left behind would name another session
  const unset = [...PROFILE_VARIABLES, ...staleAccountVariables(credentials), ...(argv.mark ? [] : MARKER_NAMES)]
  const text = formatEnv(argv.format, credentials, extra, unset)
  found.warnings.forEach(warn)
  const replaced = PROFILE_VARIABLES.filter(name => process.env[name] !== undefined)
  if (canUnset(argv.format) && replaced.length) {
    say(
      `this also unsets ${replaced.map(name => `${name}=${shellWord(process.env[name] ?? '')}`).join(' ')}, so that no tool picks a profile over the session's keys`,
    )
  }
  if (argv.mark) say(`using ${argv.profile}: ${formatLeft(found.record.expiresInSeconds)} left`)
  output(text)
}
