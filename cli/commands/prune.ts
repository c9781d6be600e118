import type { CommandDef } from '../command-def.js'
import { prune, type PruneOptions } from '../prune-sessions.js'
import { REMOVAL_OPTIONS } from '../removal-report.js'

export type PruneArgs = PruneOptions

export const definition: CommandDef = {
  name: 'prune',
  describe: 'Remove the expired sessions',
  positionals: [],
  options: {
    ...REMOVAL_OPTIONS,
    unreadable: { type: 'boolean', default: false, describe: 'also remove entries that cannot be read as a session' },
    within: {
      type: 'string',
      describe: 'also remove sessions that expire within this time (15m, 1h, 1h30m)',
      complete: 'none',
      duration: true,
    },
  },
  examples: [
    ['$0 prune', 'remove the expired sessions'],
    ['$0 prune --within 15m --dry-run', 'what would go, counting those the AWS CLI already treats as stale'],
  ],
}

export const handler = (argv: PruneArgs): void => {
  process.exitCode = prune(argv)
}
