import type { CommandDef } from '../command-def.js'
import { EXIT } from '../../lib/errors.js'
import { removeSessions } from '../../lib/cache/remove-sessions.js'
import { removalTarget } from '../../lib/sessions/removal-target.js'
import { loadProfileIndex, type ListedSession } from '../../lib/sessions/sessions.js'
import { cacheInputs } from '../inputs.js'
import { refuseLoginFolder } from '../login-folder-guard.js'
import { reportError } from '../io.js'
import { REMOVAL_OPTIONS, reportRemovals, type RemovalArgs } from '../removal-report.js'

export interface RmArgs extends RemovalArgs {
  names: string[]
}

export const definition: CommandDef = {
  name: 'rm',
  describe: "Remove profiles' cached sessions (the AWS CLI asks for MFA again next time)",
  positionals: [
    {
      name: 'names',
      variadic: true,
      describe: 'profile names, or cache entry ids (or unique prefixes of 6+ characters)',
      complete: 'profile',
      missing: 'give the profile names (or entry ids) whose sessions to remove (awscache list shows them)',
    },
  ],
  options: REMOVAL_OPTIONS,
  examples: [
    ['$0 rm dev-admin', 'end the dev-admin session now'],
    ['$0 rm dev-admin prod-admin --dry-run', 'what would go'],
  ],
}

export const handler = (argv: RmArgs): void => {
  const inputs = cacheInputs(argv)
  refuseLoginFolder(inputs.paths)
  const loaded = loadProfileIndex(inputs)
  const sessions: ListedSession[] = []
  let unmatched = false
  for (const name of new Set(argv.names)) {
    const target = removalTarget(name, inputs, loaded)
    if (target.kind === 'none') {
      reportError(target.reason)
      unmatched = true
    } else if (!sessions.some(s => s.entry.id === target.session.entry.id)) sessions.push(target.session)
  }
  const code = reportRemovals(removeSessions(sessions, { dryRun: argv.dryRun, guard: false }), argv)
  process.exitCode = code !== EXIT.ok ? code : unmatched ? EXIT.noSession : EXIT.ok
}
