import type { CommandDef } from '../command-def.js'
import { EXIT } from '../../lib/errors.js'
import { countNonEntries, removeSessions } from '../../lib/cache/remove-sessions.js'
import { listSessions } from '../../lib/sessions/sessions.js'
import { cacheInputs } from '../inputs.js'
import { refuseLoginFolder } from '../login-folder-guard.js'
import { say, warn } from '../io.js'
import { mendLeftovers } from '../leftovers-report.js'
import { REMOVAL_OPTIONS, reportRemovals, type RemovalArgs } from '../removal-report.js'

export const definition: CommandDef = {
  name: 'clear',
  describe: 'Remove every cached session (the AWS CLI asks for MFA again next time)',
  positionals: [],
  options: REMOVAL_OPTIONS,
  examples: [
    ['$0 clear --dry-run', 'what would go'],
    ['$0 clear', 'end every cached session, say before handing over the laptop'],
  ],
}

export const handler = (argv: RemovalArgs): void => {
  const inputs = cacheInputs(argv)
  refuseLoginFolder(inputs.paths)
  // first: an entry an interrupted awscache left set aside still holds keys
  const mended = mendLeftovers(inputs.paths.cacheDir, argv.dryRun)
  const listing = listSessions(inputs)
  listing.warnings.forEach(warn)
  if (!listing.sessions.length) say('no cached sessions to remove')
  const code = reportRemovals(removeSessions(listing.sessions, { dryRun: argv.dryRun, guard: false }), argv)
  process.exitCode = code === EXIT.ok ? mended : code
  const others = countNonEntries(inputs.paths.cacheDir)
  if (others)
    say(`left ${others} other ${others === 1 ? 'item' : 'items'} in ${inputs.paths.cacheDir} alone (not cache entries)`)
}
