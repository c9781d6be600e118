import { dirname } from 'node:path'
import { parseDuration } from '../lib/sessions/duration.js'
import { AwscacheError, EXIT } from '../lib/errors.js'
import { permissionWarnings } from '../lib/cache/permissions.js'
import { sessionForUse as useSession, type AwsRunner, type SessionResult } from '../lib/sessions/session-policy.js'
import type { FoundSession } from '../lib/sessions/sessions.js'
import { formatLeft } from '../lib/output/left.js'
import { holdingSignals } from './hold-signals.js'
import { cacheInputs } from './inputs.js'
import { say } from './io.js'
import { realAws } from './run-aws.js'
import type { SessionArgs } from './session-options.js'

const minRemainingSeconds = (text: string | undefined): number => {
  if (text === undefined) return 0
  const seconds = parseDuration(text)
  if (seconds === undefined)
    throw new AwscacheError(`--min-remaining "${text}" is not a duration such as 15m or 1h`, EXIT.usage)
  return seconds
}

const REFRESH_EXIT: Record<Extract<SessionResult, { kind: 'refresh-failed' }>['cause'], 1 | 3> = {
  'no-profile': EXIT.noSession,
  unavailable: EXIT.error,
  'cannot-set-aside': EXIT.error,
  failed: EXIT.error,
  'nothing-written': EXIT.noSession,
}

/** The session, or the error that says why there is none: exit codes are chosen here. */
const sessionOrError = (result: SessionResult): FoundSession => {
  switch (result.kind) {
    case 'found':
      return result.session
    case 'too-short':
      throw new AwscacheError(result.message, EXIT.expired)
    case 'refresh-failed': {
      const back = result.putBack
      const kept = !back
        ? ''
        : back.kind === 'failed'
          ? `; the short session could not be put back: ${back.reason}`
          : '; the cached session was kept'
      throw new AwscacheError(`${result.reason}; nothing printed${kept}`, REFRESH_EXIT[result.cause])
    }
    default:
      throw result.error
  }
}

/**
 * The session env, sql and exec use: the cached one, or with --refresh a
 * fresh one that the real AWS CLI makes and caches (lib/session-policy.ts).
 */
export const sessionForUse = async (argv: SessionArgs, aws: AwsRunner = realAws): Promise<FoundSession> => {
  const request = {
    wanted: argv.profile,
    minSeconds: minRemainingSeconds(argv.minRemaining),
    minText: argv.minRemaining,
    refresh: argv.refresh,
  }
  const inputs = cacheInputs(argv)
  const decide = () => useSession(request, inputs, aws, Date.now)
  // an entry set aside for --refresh must be back before a signal ends the process
  const result = argv.refresh ? holdingSignals(decide) : decide()
  const found = sessionOrError(result)
  // the AWS CLI's own output is dropped (cli/run-aws.ts): this line says what came of it
  if (result.kind === 'found' && result.refreshed)
    say(`refreshed ${argv.profile}: ${formatLeft(found.record.expiresInSeconds)} left`)
  // credentials others can read deserve a word, as ssh gives for keys
  found.warnings.push(...permissionWarnings({ cacheDir: dirname(found.entry.file), entries: [found.entry] }))
  return found
}
