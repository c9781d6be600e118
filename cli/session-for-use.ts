import { dirname } from 'node:path'
import { parseDuration } from '../lib/duration.js'
import { AwscacheError, EXIT, NoCachedSessionError } from '../lib/errors.js'
import { readEntry } from '../lib/entry.js'
import { formatLeft } from '../lib/left.js'
import { permissionWarnings } from '../lib/permissions.js'
import { removeEntryFile } from '../lib/remove-entry.js'
import { findSession, resolveName, type FoundSession } from '../lib/sessions.js'
import { shellWord } from '../lib/shell-words.js'
import { cacheInputs } from './inputs.js'
import { say } from './io.js'
import { refreshCommand, runAwsFor } from './run-aws.js'
import type { SessionArgs } from './session-options.js'

const minRemainingSeconds = (text: string | undefined): number => {
  if (text === undefined) return 0
  const seconds = parseDuration(text)
  if (seconds === undefined) throw new AwscacheError(`--min-remaining "${text}" is not a duration such as 15m or 1h`, EXIT.usage)
  return seconds
}

// What findSession says when there is no session worth using: missing or expired.
const isRefreshable = (er: unknown): boolean =>
  er instanceof NoCachedSessionError || (er instanceof AwscacheError && er.exitCode === EXIT.expired)

const lookUp = (argv: SessionArgs, minSeconds: number): FoundSession => {
  const found = findSession(argv.profile, cacheInputs(argv))
  const left = found.record.expiresInSeconds as number
  if (left < minSeconds) {
    throw new AwscacheError(
      `the cached session for "${argv.profile}" has ${formatLeft(left)} left, less than --min-remaining ${argv.minRemaining}`,
      EXIT.expired,
    )
  }
  // credentials others can read deserve a word, as ssh gives for keys
  found.warnings.push(...permissionWarnings({ cacheDir: dirname(found.entry.file), entries: [found.entry] }))
  return found
}

/**
 * The session env, sql and exec use: the cached one, or with --refresh a
 * fresh one that the real AWS CLI makes and caches.
 */
export const sessionForUse = async (argv: SessionArgs): Promise<FoundSession> => {
  const minSeconds = minRemainingSeconds(argv.minRemaining)
  try {
    return lookUp(argv, minSeconds)
  } catch (er) {
    if (!argv.refresh || !isRefreshable(er)) throw er
  }
  const inputs = cacheInputs(argv)
  const resolved = resolveName(argv.profile, inputs)
  const profile = resolved.hintProfiles[0]
  if (profile === undefined) {
    throw new AwscacheError(`no profile maps to entry ${resolved.id}: awscache cannot ask the AWS CLI for a fresh one`, EXIT.noSession)
  }
  // the AWS CLI reuses an entry until 15 minutes before it expires: to get a
  // longer one, the short one must go (unless the CLI has just replaced it)
  const stale = readEntry(resolved.file)
  if (stale) removeEntryFile(resolved.file, stale.identity)
  say(`no usable cached session for "${argv.profile}": running ${['aws', ...refreshCommand(profile)].map(shellWord).join(' ')}`)
  await runAwsFor(profile)
  try {
    return lookUp(argv, minSeconds)
  } catch (er) {
    if (!isRefreshable(er)) throw er
    throw new AwscacheError(
      `the AWS CLI ran, but ${inputs.paths.cacheDir} still holds no usable session for "${argv.profile}" (does it cache elsewhere?)`,
      EXIT.noSession,
    )
  }
}
