import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readCacheDir, entryFileNames } from '../cache/cache-dir.js'
import { isReadable, readEntry, type Entry, type ReadableEntry } from '../cache/entry.js'
import { AwscacheError, EXIT, ExpiredSessionError, NoCachedSessionError } from '../errors.js'
import { formatLeft } from '../output/left.js'
import { nearestNames } from './nearest-names.js'
import type { AwsPaths, Env } from '../aws/paths.js'
import {
  indexProfiles,
  profilesByKey,
  profilesByLoginKey,
  profilesOfKey,
  type ProfileIndex,
} from '../aws/profile-index.js'
import { parseAssumedRoleArn } from '../aws/arn.js'
import { cacheKeysOf, loginKeyOf, type Resolution } from '../aws/profile-resolution.js'
import { loadAwsConfig, type AwsConfig, type Settings } from '../aws/profiles.js'
import { sessionRecord, type ReadableSessionRecord, type SessionRecord } from './session-record.js'
import { shellWord } from '../output/shell-words.js'
import { LOGIN_REFRESH_SECONDS, readLoginCacheDir } from '../logins/login-cache.js'
import { loginAsEntry, readLoginEntry } from '../logins/login-entry.js'

export interface CacheInputs {
  paths: AwsPaths
  env: Env
  /** milliseconds since the epoch */
  now: number
}

/** The AWS CLI treats a session as stale this long before it expires. */
export const EXPIRY_WINDOW_SECONDS = 15 * 60

/**
 * How long before its expiry the AWS CLI stops using a session: 15 minutes
 * for a role session, 5 for an `aws login` key (which lasts 15 minutes, and
 * is renewed then).
 */
export const staleWindowSeconds = (type: SessionRecord['type']): number =>
  type === 'login' ? LOGIN_REFRESH_SECONDS : EXPIRY_WINDOW_SECONDS

/** Shortest id prefix accepted in place of a profile name. */
export const MIN_ID_PREFIX = 6

export interface Loaded {
  config: AwsConfig
  index: ProfileIndex
}

/** The profiles and their cache keys, read once for a command that resolves several names. */
export const loadProfileIndex = ({ paths, env }: CacheInputs): Loaded => {
  const config = loadAwsConfig(paths)
  return { config, index: indexProfiles(config, env) }
}

// the settings the CLI resolved the profile with (an [sso-session]'s merged in)
const resolvedSettings = (index: ProfileIndex, name: string | undefined): Settings | undefined => {
  const resolution = name === undefined ? undefined : index.resolutions.get(name)
  return resolution?.kind === 'session' || resolution?.kind === 'login' ? resolution.settings : undefined
}

const settingsOf = (index: ProfileIndex, profiles: string[]): Settings | undefined =>
  resolvedSettings(index, profiles[0])

export interface ListedSession {
  entry: Entry
  record: SessionRecord
}

export interface Listing {
  sessions: ListedSession[]
  warnings: string[]
  /** the config the profiles were read from */
  config: AwsConfig
}

const byProfileThenId = ({ record: a }: ListedSession, { record: b }: ListedSession): number => {
  const pa = a.profiles[0]
  const pb = b.profiles[0]
  if (pa !== undefined && pb !== undefined && pa !== pb) return pa < pb ? -1 : 1
  if (pa === undefined && pb !== undefined) return 1
  if (pa !== undefined && pb === undefined) return -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export interface ListOptions {
  /**
   * also the `aws login` sessions (type "login"), for list and status; never
   * for what removes sessions (removing a login file is a logout)
   */
  logins?: boolean
  /** only the entries this keeps (status: the one in use), whose profiles are found without hashing every key */
  only?: (entry: Entry) => boolean
}

// The role an entry's assumed-role ARN names, as a key text spells it: the
// texts to hash first when looking for the entry's profiles.
const namesRoleOf = (entry: Entry): ((text: string) => boolean) => {
  const assumed = isReadable(entry) && entry.assumedRoleArn ? parseAssumedRoleArn(entry.assumedRoleArn) : undefined
  if (!assumed) return () => false
  return text => text.includes(`:${assumed.accountId}:role/`) && text.includes(`/${assumed.roleName}"`)
}

/** Every entry in the cache folder (and with `logins` the login folder), described and sorted by profile. */
export const listSessions = (inputs: CacheInputs, options: ListOptions = {}): Listing => {
  const { config, index } = loadProfileIndex(inputs)
  const { only } = options
  const describe = (entry: Entry, profiles: string[] = []): ListedSession => {
    const settings = settingsOf(index, profiles)
    return { entry, record: sessionRecord(entry, profiles, settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID) }
  }
  const profilesOfEntry = (entry: Entry): string[] | undefined =>
    only ? profilesOfKey(index, entry.id, namesRoleOf(entry)) : profilesByKey(index).get(entry.id)
  const sessions = readCacheDir(inputs.paths.cacheDir)
    .filter(entry => only?.(entry) ?? true)
    .map(entry => describe(entry, profilesOfEntry(entry)))
  const warnings = [...config.warnings]
  const loginDir = inputs.paths.loginCacheDir
  if (options.logins && loginDir !== undefined) {
    // a missing folder (no `aws login` yet) costs one failed readdir
    const logins = readLoginCacheDir(loginDir)
    warnings.push(...logins.warnings)
    for (const entry of logins.sessions.map(loginAsEntry)) {
      if (only?.(entry) ?? true) sessions.push(describe(entry, profilesByLoginKey(index).get(entry.id)))
    }
  }
  return { sessions: sessions.sort(byProfileThenId), warnings, config }
}

export interface FoundSession {
  entry: ReadableEntry
  record: ReadableSessionRecord
  /** the profiles that map to the entry */
  profiles: string[]
  /** settings of the profile asked for, or of the first that maps to the entry */
  settings: Settings | undefined
  warnings: string[]
}

export const freshSessionHint = (profiles: string[], type?: SessionRecord['type']): string[] => {
  if (type === 'login') return loginRenewalHint(profiles)
  return profiles.length
    ? [`to get a fresh one, run: aws --profile ${shellWord(profiles[0] as string)} sts get-caller-identity`]
    : ['no profile maps to this entry: use its profile with the aws command to get a fresh one']
}

// the ids named in a message: all of a few, else the first and how many more
const someIds = (ids: string[]): string =>
  ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`

// The CLI renews a login's key by itself while the login lasts (12 hours by
// default); after that only a new `aws login` helps.
const loginRenewalHint = (profiles: string[]): string[] => {
  const profile = profiles[0]
  if (profile === undefined)
    return ['no profile uses this aws login session: run aws login with the profile that should use it']
  const p = shellWord(profile)
  return [
    `the AWS CLI renews its key while the login lasts: use --refresh, or run: aws --profile ${p} sts get-caller-identity`,
    `if the login has ended, log in again: aws login --profile ${p}`,
  ]
}

const idsIn = (dir: string): string[] => entryFileNames(dir).map(name => name.slice(0, -'.json'.length))

// a login folder that cannot be read holds no id anyone could name: the name is then no id
const loginIdsIn = (dir: string): string[] => {
  try {
    return idsIn(dir)
  } catch {
    return []
  }
}

// `wanted` is not a profile: an entry id (its file name, with or without
// .json), or a unique prefix of one (of a role session, or of an `aws login`
// session: login ids are longer, never the same)
const entryIdFor = (wanted: string, paths: AwsPaths, config: AwsConfig): { id: string; login: boolean } => {
  const roleIds = idsIn(paths.cacheDir)
  const loginIds =
    paths.loginCacheDir === undefined || resolve(paths.loginCacheDir) === resolve(paths.cacheDir)
      ? []
      : loginIdsIn(paths.loginCacheDir)
  const ids = [...roleIds, ...loginIds]
  const found = (id: string) => ({ id, login: !roleIds.includes(id) })
  if (ids.includes(wanted)) return found(wanted)
  const asFile = wanted.endsWith('.json') ? wanted.slice(0, -'.json'.length) : undefined
  if (asFile !== undefined && ids.includes(asFile)) return found(asFile)
  const matches = wanted ? ids.filter(id => id.startsWith(wanted)) : []
  if (matches.length && wanted.length < MIN_ID_PREFIX) {
    throw new AwscacheError(
      `no profile named "${wanted}", and an entry id prefix needs at least ${MIN_ID_PREFIX} characters`,
      EXIT.noSession,
      [`entry ids that start so: ${someIds(matches)}`],
    )
  }
  if (matches.length === 1) return found(matches[0] as string)
  if (matches.length > 1) {
    throw new AwscacheError(
      `"${wanted}" is the start of ${matches.length} entry ids (${someIds(matches)}): give more of it`,
      EXIT.usage,
    )
  }
  const near = nearestNames(wanted, config.profiles.keys())
  throw new AwscacheError(
    `no profile or cache entry named "${wanted}"${noConfigFiles(paths) ? `: there is no AWS config file (${paths.configFile})` : ''}`,
    EXIT.noSession,
    near.length
      ? [`did you mean: ${near.join(', ')}?`]
      : noConfigFiles(paths)
        ? ['profiles are set up with "aws configure" (or "aws configure sso"); once you use one, its session is cached']
        : [],
  )
}

// a fresh machine: neither file exists (asked only on the way to an error)
const noConfigFiles = (paths: AwsPaths): boolean => !existsSync(paths.configFile) && !existsSync(paths.credentialsFile)

export interface ResolvedName {
  /** the entry's id: its file is `<cacheDir>/<id>.json` (which may not exist) */
  id: string
  /** an `aws login` session: its file is `<loginCacheDir>/<id>.json`, never to be removed */
  login: boolean
  file: string
  /** the profiles that map to the entry */
  profiles: string[]
  /** settings of the profile asked for, or of the first that maps to the entry */
  settings: Settings | undefined
  /** the profiles to name in a hint on getting a fresh session */
  hintProfiles: string[]
}

/**
 * Which entry a name means: a profile's (by its cache key), else an entry id
 * or a unique id prefix. The name never becomes part of a path itself.
 */
export const resolveName = (wanted: string, inputs: CacheInputs, loaded = loadProfileIndex(inputs)): ResolvedName => {
  const { config, index } = loaded
  const resolution = index.resolutions.get(wanted)
  // a profile's entry, and the profiles that share it, found without hashing every profile's key
  const { id, login, profiles } = resolution
    ? resolution.kind === 'login'
      ? { id: loginKeyOf(resolution), login: true, profiles: index.profilesOfLoginArn.get(resolution.loginArn) }
      : sessionOf(wanted, resolution, inputs.paths.cacheDir, index)
    : entryOf(entryIdFor(wanted, inputs.paths, config), index)
  const loginDir = inputs.paths.loginCacheDir
  if (login && loginDir === undefined) throw noCachedSession(wanted, [])
  return {
    id,
    login,
    file: entryFile(login ? (loginDir as string) : inputs.paths.cacheDir, id),
    profiles: profiles ?? [],
    settings: resolution ? resolvedSettings(index, wanted) : settingsOf(index, profiles ?? []),
    hintProfiles: profiles?.length ? profiles : resolution ? [wanted] : [],
  }
}

interface EntryOfName {
  id: string
  login: boolean
  profiles: string[] | undefined
}

const entryOf = ({ id, login }: { id: string; login: boolean }, index: ProfileIndex): EntryOfName => ({
  id,
  login,
  profiles: (login ? profilesByLoginKey(index) : profilesByKey(index)).get(id),
})

const entryFile = (cacheDir: string, id: string): string => join(resolve(cacheDir), `${id}.json`)

const modifiedAt = (file: string): number => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return -1
  }
}

// A profile's entry; of two (written with and without --profile), the one
// the CLI wrote last: it rewrites an entry whenever it fetches a new session.
const sessionOf = (
  wanted: string,
  resolution: Exclude<Resolution, { kind: 'login' }>,
  cacheDir: string,
  index: ProfileIndex,
): EntryOfName => {
  if (resolution.kind === 'refused') {
    throw new AwscacheError(
      `profile "${wanted}" has no session: the AWS CLI refuses it: ${resolution.reason}`,
      EXIT.noSession,
    )
  }
  if (resolution.kind === 'none') {
    throw new AwscacheError(`profile "${wanted}" has no cached session: ${resolution.reason}`, EXIT.noSession)
  }
  const keys = cacheKeysOf(resolution)
  let newest = 0
  if (keys.length > 1) {
    const times = keys.map(key => modifiedAt(entryFile(cacheDir, key)))
    for (let i = 1; i < keys.length; i++) if ((times[i] as number) > (times[newest] as number)) newest = i
  }
  const text = resolution.keyTexts[newest] as string
  return { id: keys[newest] as string, login: false, profiles: index.profilesOfKeyText.get(text) }
}

export const noCachedSession = (wanted: string, hintProfiles: string[]): AwscacheError =>
  new NoCachedSessionError(`no cached session for profile "${wanted}"`, EXIT.noSession, freshSessionHint(hintProfiles))

const noLoginSession = (wanted: string, hintProfiles: string[], file: string): AwscacheError => {
  const profile = hintProfiles[0]
  return new NoCachedSessionError(
    `no aws login session for profile "${wanted}" (no ${file})`,
    EXIT.noSession,
    profile === undefined ? [] : [`to log in, run: aws login --profile ${shellWord(profile)}`],
  )
}

/** The entry a resolved name means: a role session, or an `aws login` session as an Entry. */
export const readResolvedEntry = (resolved: ResolvedName): Entry | undefined =>
  resolved.login ? readLoginEntry(resolved.file, resolved.id) : readEntry(resolved.file)

/**
 * The cached session of a profile (or of an entry id or id prefix), ready to
 * export. Throws an AwscacheError with exit 3 when there is none, 4 when it
 * has expired, 1 when it cannot be read.
 */
export const findSession = (wanted: string, inputs: CacheInputs): FoundSession => {
  const loaded = loadProfileIndex(inputs)
  try {
    return findLoadedSession(wanted, inputs, loaded)
  } catch (er) {
    // the config's warnings would be lost with the error, and they often say
    // why: "no profile named P" because the config file is a folder, say
    // (the error itself is kept: its class tells --refresh what it may mend)
    if (er instanceof AwscacheError) er.hints.push(...loaded.config.warnings.map(w => `warning: ${w}`))
    throw er
  }
}

const findLoadedSession = (wanted: string, inputs: CacheInputs, loaded: Loaded): FoundSession => {
  const warnings = [...loaded.config.warnings]
  const resolved = resolveName(wanted, inputs, loaded)
  const { file, profiles, settings, hintProfiles, login } = resolved
  const entry = readResolvedEntry(resolved)
  if (!entry) throw login ? noLoginSession(wanted, hintProfiles, file) : noCachedSession(wanted, hintProfiles)
  if (!isReadable(entry)) {
    const what = login ? 'aws login session' : 'cached session'
    throw new AwscacheError(`${what} ${entry.file} cannot be read: ${entry.error}`, EXIT.error)
  }
  const record = sessionRecord(entry, profiles, settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID)
  const left = record.expiresInSeconds
  if (record.expired) {
    const subject = login ? `the aws login session's key for "${wanted}"` : `the cached session for "${wanted}"`
    throw new ExpiredSessionError(subject, record.expiration, freshSessionHint(hintProfiles, record.type))
  }
  if (left < staleWindowSeconds(record.type)) {
    warnings.push(
      login
        ? `the aws login session's key for "${wanted}" has ${formatLeft(left)} left; the AWS CLI renews it on its next use (--refresh does that now)`
        : `the session for "${wanted}" has ${formatLeft(left)} left; the AWS CLI already treats it as stale`,
    )
  }
  return { entry, record, profiles, settings, warnings }
}
