import type { Argv, ArgumentsCamelCase } from 'yargs'
import { readEntry } from '../../lib/entry.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { removeSessions } from '../../lib/remove-sessions.js'
import { sessionRecord } from '../../lib/session-record.js'
import { loadProfileIndex, noCachedSession, resolveName, type ListedSession } from '../../lib/sessions.js'
import { cacheInputs, type GlobalArgs } from '../inputs.js'
import { reportError } from '../io.js'
import { removalOptions, reportRemovals, type RemovalArgs } from '../removal-report.js'

export const command = 'rm <names..>'
export const describe = "Remove profiles' cached sessions (the AWS CLI asks for MFA again next time)"

interface RmArgs extends RemovalArgs {
  names: string[]
}

export const builder = (y: Argv<GlobalArgs>): Argv<RmArgs> =>
  (removalOptions(y).positional('names', {
    type: 'string',
    array: true,
    demandOption: true,
    describe: 'profile names, or cache entry ids (or unique prefixes of 6+ characters)',
  }) as unknown as Argv<RmArgs>)
    .example('$0 rm dev-admin', 'end the dev-admin session now')
    .example('$0 rm dev-admin prod-admin --dry-run', 'what would go')

export const handler = (argv: ArgumentsCamelCase<RmArgs>): void => {
  const inputs = cacheInputs(argv)
  const loaded = loadProfileIndex(inputs)
  const sessions: ListedSession[] = []
  let unmatched = false
  for (const name of new Set(argv.names)) {
    try {
      const resolved = resolveName(name, inputs, loaded)
      const entry = readEntry(resolved.file)
      if (!entry) throw noCachedSession(name, resolved.hintProfiles)
      if (sessions.some(s => s.entry.id === entry.id)) continue
      sessions.push({ entry, record: sessionRecord(entry, resolved.profiles, resolved.settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID) })
    } catch (er) {
      if (!(er instanceof AwscacheError) || er.exitCode !== EXIT.noSession) throw er
      reportError(er)
      unmatched = true
    }
  }
  const code = reportRemovals(removeSessions(sessions, { dryRun: argv.dryRun, guard: false }), argv)
  process.exitCode = code !== EXIT.ok ? code : unmatched ? EXIT.noSession : EXIT.ok
}
