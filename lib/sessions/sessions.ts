import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readCacheDir, entryFileNames } from '../cache/cache-dir.js'
import { isReadable, readEntry, type Entry, type ReadableEntry } from '../cache/entry.js'
import { AwscacheError, EXIT, ExpiredSessionError, NoCachedSessionError } from '../errors.js'
import { nearestNames } from './nearest-names.js'
import type { AwsPaths, Env } from '../aws/paths.js'
import { indexProfiles, type ProfileIndex } from '../aws/profile-index.js'
import type { Resolution } from '../aws/profile-resolution.js'
import { loadAwsConfig, type AwsConfig, type Settings } from '../aws/profiles.js'
import { sessionRecord, type SessionRecord } from './session-record.js'
import { shellWord } from '../output/shell-words.js'

export interface CacheInputs {
  paths: AwsPaths
  env: Env
  /** milliseconds since the epoch */
  now: number
}

/** The AWS CLI treats a session as stale this long before it expires. */
export const EXPIRY_WINDOW_SECONDS = 15 * 60

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
  return resolution?.kind === 'session' ? resolution.settings : undefined
}

const settingsOf = (index: ProfileIndex, profiles: string[]): Settings | undefined => resolvedSettings(index, profiles[0])

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

/** Every entry in the cache folder, described and sorted by profile. */
export const listSessions = (inputs: CacheInputs): Listing => {
  const { config, index } = loadProfileIndex(inputs)
  const sessions = readCacheDir(inputs.paths.cacheDir).map(entry => {
    const profiles = index.profilesOfKey.get(entry.id) ?? []
    const settings = settingsOf(index, profiles)
    return { entry, record: sessionRecord(entry, profiles, settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID) }
  })
  return { sessions: sessions.sort(byProfileThenId), warnings: config.warnings, config }
}

export interface FoundSession {
  entry: ReadableEntry
  record: SessionRecord
  /** the profiles that map to the entry */
  profiles: string[]
  /** settings of the profile asked for, or of the first that maps to the entry */
  settings: Settings | undefined
  warnings: string[]
}

export const freshSessionHint = (profiles: string[]): string[] =>
  profiles.length
    ? [`to get a fresh one, run: aws --profile ${shellWord(profiles[0] as string)} sts get-caller-identity`]
    : ['no profile maps to this entry: use its profile with the aws command to get a fresh one']

// `wanted` is not a profile: an entry id, or a unique prefix of one
const entryIdFor = (wanted: string, cacheDir: string, config: AwsConfig): string => {
  const ids = entryFileNames(cacheDir).map(name => name.slice(0, -'.json'.length))
  if (ids.includes(wanted)) return wanted
  const matches = wanted.length >= MIN_ID_PREFIX ? ids.filter(id => id.startsWith(wanted)) : []
  if (matches.length === 1) return matches[0] as string
  if (matches.length > 1) {
    throw new AwscacheError(
      `"${wanted}" is the start of ${matches.length} entry ids (${matches.slice(0, 3).join(', ')}…): give more of it`,
      EXIT.usage,
    )
  }
  const near = nearestNames(wanted, config.profiles.keys())
  throw new AwscacheError(
    `no profile or cache entry named "${wanted}"`,
    EXIT.noSession,
    near.length ? [`did you mean: ${near.join(', ')}?`] : [],
  )
}

export interface ResolvedName {
  /** the entry's id: its file is `<cacheDir>/<id>.json` (which may not exist) */
  id: string
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
  const id = resolution ? sessionKeyOf(wanted, resolution, inputs.paths.cacheDir) : entryIdFor(wanted, inputs.paths.cacheDir, config)
  const profiles = index.profilesOfKey.get(id) ?? []
  return {
    id,
    file: entryFile(inputs.paths.cacheDir, id),
    profiles,
    settings: resolution ? resolvedSettings(index, wanted) : settingsOf(index, profiles),
    hintProfiles: profiles.length ? profiles : resolution ? [wanted] : [],
  }
}

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
const sessionKeyOf = (wanted: string, resolution: Resolution, cacheDir: string): string => {
  if (resolution.kind === 'refused') {
    throw new AwscacheError(`profile "${wanted}" has no session: the AWS CLI refuses it: ${resolution.reason}`, EXIT.noSession)
  }
  if (resolution.kind === 'none') {
    throw new AwscacheError(`profile "${wanted}" has no cached session: ${resolution.reason}`, EXIT.noSession)
  }
  const [first, ...others] = resolution.keys as [string, ...string[]]
  if (!others.length) return first
  let newest = first
  let newestAt = modifiedAt(entryFile(cacheDir, first))
  for (const key of others) {
    const at = modifiedAt(entryFile(cacheDir, key))
    if (at > newestAt) [newest, newestAt] = [key, at]
  }
  return newest
}

export const noCachedSession = (wanted: string, hintProfiles: string[]): AwscacheError =>
  new NoCachedSessionError(`no cached session for profile "${wanted}"`, EXIT.noSession, freshSessionHint(hintProfiles))

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
  const { file, profiles, settings, hintProfiles } = resolveName(wanted, inputs, loaded)
  const entry = readEntry(file)
  if (!entry) throw noCachedSession(wanted, hintProfiles)
  if (!isReadable(entry)) {
    throw new AwscacheError(`cached session ${entry.file} cannot be read: ${entry.error}`, EXIT.error)
  }
  const record = sessionRecord(entry, profiles, settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID)
  const left = record.expiresInSeconds as number
  if (record.expired) {
    throw new ExpiredSessionError(`the cached session for "${wanted}"`, record.expiration as string, freshSessionHint(hintProfiles))
  }
  if (left < EXPIRY_WINDOW_SECONDS) {
    warnings.push(
      `the session for "${wanted}" expires in ${Math.ceil(left / 60)} min; the AWS CLI already treats it as stale`,
    )
  }
  return { entry, record, profiles, settings, warnings }
}
