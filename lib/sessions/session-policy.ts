// "Use the cache, or refresh through the AWS CLI": the session env, sql and
// exec hand out, decided in one place (aws-vault's CachedSessionProvider is
// the model). The `aws` command is passed in, so that the whole policy runs
// in-process in tests with a stand-in.
import { AwscacheError, EXIT, NoCachedSessionError } from '../errors.js'
import { formatLeft } from '../output/left.js'
import { shellWord } from '../output/shell-words.js'
import { putBack, setAside, unlinkAside, type PutBackResult } from '../cache/remove-entry.js'
import { LOGIN_REFRESH_SECONDS } from '../logins/login-cache.js'
import { findSession, resolveName, type CacheInputs, type FoundSession, type ResolvedName } from './sessions.js'

/** The command that makes the AWS CLI resolve a profile, and so cache its session. */
export const refreshCommand = (profile: string): string[] => ['--profile', profile, 'sts', 'get-caller-identity']

export interface AwsRunner {
  /** Why `aws` cannot be run at all (not on PATH, say), or undefined: asked before anything is touched. */
  unavailable(): string | undefined
  /**
   * Runs `aws args` to completion, synchronously (an entry set aside must be
   * back before a signal can end the process); undefined when it succeeded,
   * else why not. `why` says why it runs, for the person watching.
   */
  run(args: string[], why: string): string | undefined
  /**
   * Why the AWS CLI could not ask for an MFA code here (no terminal), or
   * undefined. Asked only for a profile whose role needs one; a runner
   * without it lets the CLI ask where it can (a code piped to stdin, say).
   */
  cannotPrompt?(): string | undefined
}

export interface SessionRequest {
  /** a profile name, an entry id or a unique id prefix */
  wanted: string
  /** a session with less left than this counts as none (0: any unexpired one) */
  minSeconds: number
  /** --min-remaining as written, for messages */
  minText?: string | undefined
  /** make a fresh session through the AWS CLI when there is no usable one */
  refresh: boolean
}

export type SessionResult =
  /** `warnings` of the session may say it has less left than asked for (a fresh one from the CLI) */
  | { kind: 'found'; session: FoundSession; refreshed: boolean }
  | { kind: 'none' | 'expired' | 'unreadable' | 'bad-name'; error: AwscacheError }
  | { kind: 'too-short'; session: FoundSession; message: string }
  | {
      kind: 'refresh-failed'
      /** unavailable: aws not run; failed: aws ran and failed; nothing-written: it ran but cached nothing usable */
      cause: 'no-profile' | 'unavailable' | 'cannot-set-aside' | 'failed' | 'nothing-written'
      reason: string
      /** what became of the short session set aside to make room, if one was */
      putBack?: PutBackResult
    }

type Lookup = Exclude<SessionResult, { kind: 'refresh-failed' }>

const tooShortMessage = (wanted: string, left: number, minText: string | undefined): string =>
  `the cached session for "${wanted}" has ${formatLeft(left)} left, less than --min-remaining ${minText ?? ''}`.trimEnd()

/** The cached session and what it is worth, without the AWS CLI. */
export const lookUpSession = (req: SessionRequest, inputs: CacheInputs): Lookup => {
  let session: FoundSession
  try {
    session = findSession(req.wanted, inputs)
  } catch (er) {
    if (!(er instanceof AwscacheError)) throw er
    if (er instanceof NoCachedSessionError) return { kind: 'none', error: er }
    if (er.exitCode === EXIT.expired) return { kind: 'expired', error: er }
    if (er.exitCode === EXIT.error) return { kind: 'unreadable', error: er }
    return { kind: 'bad-name', error: er }
  }
  const left = session.record.expiresInSeconds
  if (left < req.minSeconds)
    return { kind: 'too-short', session, message: tooShortMessage(req.wanted, left, req.minText) }
  return { kind: 'found', session, refreshed: false }
}

/**
 * The session to use: the cached one when it is good enough; else, with
 * `refresh`, a fresh one that `aws` makes and caches (run at most once).
 *
 * The AWS CLI reuses an entry until 15 minutes before it expires, so a
 * session too short for --min-remaining is set aside first (renamed, never
 * deleted) and put back whenever no fresh one comes: `aws` missing, failing,
 * or caching nothing. A fresh session shorter than asked for is the longest
 * the role gives: it is used, with a warning, not refused and asked for again.
 */
export const sessionForUse = (
  req: SessionRequest,
  inputs: CacheInputs,
  aws: AwsRunner,
  clock: () => number,
): SessionResult => {
  const first = lookUpSession(req, inputs)
  if (first.kind === 'found' || !req.refresh) return first
  if (first.kind !== 'none' && first.kind !== 'expired' && first.kind !== 'too-short') return first

  const resolved = resolveName(req.wanted, inputs)
  // the profile the user named, even when others share its entry (they may differ in MFA, region…)
  const profile = resolved.profiles.includes(req.wanted) ? req.wanted : resolved.hintProfiles[0]
  if (profile === undefined) {
    return {
      kind: 'refresh-failed',
      cause: 'no-profile',
      reason: `no profile maps to entry ${resolved.id}: awscache cannot ask the AWS CLI for a fresh one`,
    }
  }
  const unavailable = aws.unavailable()
  if (unavailable) return { kind: 'refresh-failed', cause: 'unavailable', reason: unavailable }
  // a login renews with its refresh token: no MFA code, nothing set aside
  if (resolved.login) return renewLogin(req, inputs, aws, clock, first, profile, resolved)
  // the CLI would wait for a code nobody can type: say so now rather than hang
  const noPrompt = resolved.settings?.mfa_serial ? aws.cannotPrompt?.() : undefined
  if (noPrompt) {
    return {
      kind: 'refresh-failed',
      cause: 'unavailable',
      reason: `cannot refresh "${profile}": the AWS CLI would ask for its MFA code, and ${noPrompt}; run awscache env ${shellWord(profile)} --refresh in a terminal first`,
    }
  }

  let aside: string | undefined
  if (first.kind === 'too-short') {
    const set = setAside(first.session.entry.file, first.session.entry.identity)
    if (set.kind === 'aside') aside = set.aside
    else if (set.kind === 'refused' || set.kind === 'failed') {
      return {
        kind: 'refresh-failed',
        cause: 'cannot-set-aside',
        reason: `cannot set the short session ${first.session.entry.file} aside to make room for a fresh one: ${set.reason}`,
      }
    }
    // replaced or gone: the AWS CLI got there first; it decides again below
  }
  const why = first.kind === 'too-short' ? first.message : `no usable cached session for "${req.wanted}"`
  const restore = (): { putBack?: PutBackResult } =>
    aside === undefined ? {} : { putBack: putBack(aside, resolved.file) }

  const failed = aws.run(refreshCommand(profile), why)
  if (failed !== undefined) return { kind: 'refresh-failed', cause: 'failed', reason: failed, ...restore() }

  const fresh = lookUpSession(req, { ...inputs, now: clock() })
  if (fresh.kind === 'found' || fresh.kind === 'too-short') {
    if (aside !== undefined) unlinkAside(aside)
    const { session } = fresh
    if (fresh.kind === 'too-short') {
      session.warnings.push(
        `the fresh session for "${req.wanted}" has ${formatLeft(session.record.expiresInSeconds)} left, less than --min-remaining ${req.minText ?? ''}: the longest the role gives, used anyway`,
      )
    }
    return { kind: 'found', session, refreshed: true }
  }
  return {
    kind: 'refresh-failed',
    cause: 'nothing-written',
    reason: `the AWS CLI ran, but ${inputs.paths.cacheDir} still holds no usable session for "${req.wanted}" (does it cache elsewhere?)`,
    ...restore(),
  }
}

/**
 * --refresh for an `aws login` session: the AWS CLI renews the key in place
 * (with the refresh token, when under 5 minutes are left), and the file is
 * read again. Nothing is set aside, moved or deleted first, whatever happens:
 * the file holds the refresh token, and without it the login is over.
 */
const renewLogin = (
  req: SessionRequest,
  inputs: CacheInputs,
  aws: AwsRunner,
  clock: () => number,
  first: Lookup,
  profile: string,
  resolved: ResolvedName,
): SessionResult => {
  // a login's key lasts 15 minutes, and is renewed only in its last 5: the
  // key there is the longest there is, so it is used, never asked for again
  const useShort = (session: FoundSession, refreshed: boolean): SessionResult => {
    const left = session.record.expiresInSeconds
    const when =
      left > LOGIN_REFRESH_SECONDS
        ? `; the AWS CLI renews it when under ${LOGIN_REFRESH_SECONDS / 60} minutes are left`
        : ''
    session.warnings.push(
      `the aws login session's key for "${req.wanted}" has ${formatLeft(left)} left, less than --min-remaining ${req.minText ?? ''}: a login's keys last 15 minutes at most${when}; used anyway`,
    )
    return { kind: 'found', session, refreshed }
  }
  // the AWS CLI would not renew it yet: running it would change nothing
  if (first.kind === 'too-short' && first.session.record.expiresInSeconds > LOGIN_REFRESH_SECONDS) {
    return useShort(first.session, false)
  }
  const before = first.kind === 'too-short' ? first.session.entry.credentials.accessKeyId : undefined
  const why = first.kind === 'too-short' ? first.message : `no usable aws login session key for "${req.wanted}"`
  const failed = aws.run(refreshCommand(profile), why)
  if (failed !== undefined) return { kind: 'refresh-failed', cause: 'failed', reason: failed }
  const fresh = lookUpSession(req, { ...inputs, now: clock() })
  // "refreshed" only when the CLI wrote a new key
  const renewed = (session: FoundSession): boolean => session.entry.credentials.accessKeyId !== before
  if (fresh.kind === 'found') return { kind: 'found', session: fresh.session, refreshed: renewed(fresh.session) }
  if (fresh.kind === 'too-short') return useShort(fresh.session, renewed(fresh.session))
  return {
    kind: 'refresh-failed',
    cause: 'nothing-written',
    reason: `the AWS CLI ran, but ${resolved.file} still holds no usable key for "${req.wanted}" (has the login ended? run: aws login --profile ${shellWord(profile)})`,
  }
}
