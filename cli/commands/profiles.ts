import type { CommandDef } from '../command-def.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { cacheInputs, type GlobalArgs } from '../inputs.js'
import { output, warn } from '../io.js'

export const definition: CommandDef = {
  name: 'profiles',
  describe: 'Print the profile names of your AWS config, one a line (for completion and scripts)',
  positionals: [],
  options: {},
  examples: [['$0 profiles | fzf | xargs $0 rm', 'pick a profile whose session to end']],
}

export const handler = (argv: GlobalArgs): void => {
  const config = loadAwsConfig(cacheInputs(argv).paths)
  config.warnings.forEach(warn)
  const names = [...config.profiles.keys()].sort()
  output(names.map(n => `${n}\n`).join(''))
}
