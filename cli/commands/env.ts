import type { Argv, ArgumentsCamelCase } from 'yargs'
import { ENV_FORMATS, formatEnv, type EnvFormatName } from '../../lib/env-formats.js'
import { findSession } from '../../lib/sessions.js'
import { cacheInputs, type GlobalArgs } from '../inputs.js'
import { output, warn } from '../io.js'
import { choicesHelp, profileArgument, type ProfileArgs } from '../shared-options.js'

export const command = 'env <profile>'
export const describe = "Print shell code that sets a profile's cached session variables"

interface EnvArgs extends ProfileArgs {
  format: EnvFormatName
}

export const builder = (y: Argv<GlobalArgs>): Argv<EnvArgs> =>
  profileArgument(y)
    .option('format', {
      alias: 'f',
      choices: Object.keys(ENV_FORMATS) as EnvFormatName[],
      default: 'sh' as EnvFormatName,
      describe: `output format:\n${choicesHelp(ENV_FORMATS)}`,
    })
    .example('eval "$($0 env my-role)"', 'use the session in this shell (bash, zsh)')
    .example('$0 env my-role --format fish | source', 'the same in fish')
    .example('$0 env my-role --format dotenv > .env', 'for docker run --env-file .env')

export const handler = (argv: ArgumentsCamelCase<EnvArgs>): void => {
  const found = findSession(argv.profile, cacheInputs(argv))
  const text = formatEnv(argv.format, found.entry.credentials)
  found.warnings.forEach(warn)
  output(text)
}
