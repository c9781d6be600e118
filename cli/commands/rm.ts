import type { CommandDef } from '../command-def.js'
import { readEntry } from '../../lib/cache/entry.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { removeSessions } from '../../lib/cache/remove-sessions.js'
import { sessionRecord } from '../../lib/sessions/session-record.js'
import {
  loadProfileIndex,
  noCachedSession,
  resolveName,
  type ListedSession,
  type ResolvedName,
} from '../../lib/sessions/sessions.js'
import { shellWord } from '../../lib/output/shell-words.js'
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

// Removing a login file is a logout, and the AWS CLI has its own command for it.
const loginNotRemoved = (name: string, resolved: ResolvedName): AwscacheError => {
  const profile = resolved.profiles.includes(name) ? name : resolved.profiles[0]
  const how =
    profile === undefined
      ? 'aws logout --profile P (P: a profile with that login_session) ends it'
      : `aws logout --profile ${shellWord(profile)} ends it`
  return new AwscacheError(`"${name}" is an aws login session, which awscache does not remove: ${how}`, EXIT.noSession)
}

export const handler = (argv: RmArgs): void => {
  const inputs = cacheInputs(argv)
  refuseLoginFolder(inputs.paths)
  const loaded = loadProfileIndex(inputs)
  const sessions: ListedSession[] = []
  let unmatched = false
  for (const name of new Set(argv.names)) {
    try {
      const resolved = resolveName(name, inputs, loaded)
      if (resolved.login) throw loginNotRemoved(name, resolved)
      const entry = readEntry(resolved.file)
      if (!entry) throw noCachedSession(name, resolved.hintProfiles)
      if (sessions.some(s => s.entry.id === entry.id)) continue
      sessions.push({
        entry,
        record: sessionRecord(entry, resolved.profiles, resolved.settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID),
      })
    } catch (er) {
      if (!(er instanceof AwscacheError) || er.exitCode !== EXIT.noSession) throw er
      reportError(er)
      unmatched = true
    }
  }
  const code = reportRemovals(removeSessions(sessions, { dryRun: argv.dryRun, guard: false }), argv)
  process.exitCode = code !== EXIT.ok ? code : unmatched ? EXIT.noSession : EXIT.ok
}
