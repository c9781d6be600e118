import { join } from 'node:path'
import { readCacheDir, entryFileNames } from './cache-dir.js'
import { isReadable, readEntry, type ReadableEntry } from './entry.js'
import { AwscacheError, EXIT } from './errors.js'
import { nearestNames } from './nearest-names.js'
import type { AwsPaths, Env } from './paths.js'
import { indexProfiles, type ProfileIndex } from './profile-index.js'
import { loadAwsConfig, type AwsConfig, type Settings } from './profiles.js'
import { sessionRecord, type SessionRecord } from './session-record.js'
import { shellWord } from './shell-words.js'

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

interface Loaded {
  config: AwsConfig
  index: ProfileIndex
}

const load = ({ paths, env }: CacheInputs): Loaded => {
  const config = loadAwsConfig(paths)
  return { config, index: indexProfiles(config, env) }
}

const settingsOf = (config: AwsConfig, profiles: string[]): Settings | undefined =>
  profiles.length ? config.profiles.get(profiles[0] as string) : undefined

export interface Listing {
  records: SessionRecord[]
  warnings: string[]
}

const byProfileThenId = (a: SessionRecord, b: SessionRecord): number => {
  const pa = a.profiles[0]
  const pb = b.profiles[0]
  if (pa !== undefined && pb !== undefined && pa !== pb) return pa < pb ? -1 : 1
  if (pa === undefined && pb !== undefined) return 1
  if (pa !== undefined && pb === undefined) return -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Every entry in the cache folder, described and sorted by profile. */
export const listSessions = (inputs: CacheInputs): Listing => {
  const { config, index } = load(inputs)
  const records = readCacheDir(inputs.paths.cacheDir).map(entry => {
    const profiles = index.profilesOfKey.get(entry.id) ?? []
    return sessionRecord(entry, profiles, settingsOf(config, profiles), inputs.now)
  })
  return { records: records.sort(byProfileThenId), warnings: config.warnings }
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

const freshSessionHint = (profiles: string[]): string[] =>
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

/**
 * The cached session of a profile (or of an entry id or id prefix), ready to
 * export. Throws an AwscacheError with exit 3 when there is none, 4 when it
 * has expired, 1 when it cannot be read.
 */
export const findSession = (wanted: string, inputs: CacheInputs): FoundSession => {
  const { config, index } = load(inputs)
  const warnings = [...config.warnings]
  let id: string
  let settings: Settings | undefined
  if (config.profiles.has(wanted)) {
    const key = index.keyOfProfile.get(wanted)
    if (!key) {
      throw new AwscacheError(
        `profile "${wanted}" has no cached session: it assumes no role and uses no SSO`,
        EXIT.noSession,
      )
    }
    id = key.key
    settings = config.profiles.get(wanted)
  } else {
    id = entryIdFor(wanted, inputs.paths.cacheDir, config)
  }
  const profiles = index.profilesOfKey.get(id) ?? []
  settings ??= settingsOf(config, profiles)
  const file = join(inputs.paths.cacheDir, `${id}.json`)
  const entry = readEntry(file)
  const asked = profiles.length ? profiles : config.profiles.has(wanted) ? [wanted] : []
  if (!entry) {
    throw new AwscacheError(`no cached session for profile "${wanted}"`, EXIT.noSession, freshSessionHint(asked))
  }
  if (!isReadable(entry)) {
    throw new AwscacheError(`cached session ${entry.file} cannot be read: ${entry.error}`, EXIT.error)
  }
  const record = sessionRecord(entry, profiles, settings, inputs.now)
  const left = record.expiresInSeconds as number
  if (record.expired) {
    throw new AwscacheError(
      `the cached session for "${wanted}" expired at ${record.expiration}`,
      EXIT.expired,
      freshSessionHint(asked),
    )
  }
  if (left < EXPIRY_WINDOW_SECONDS) {
    warnings.push(
      `the session for "${wanted}" expires in ${Math.ceil(left / 60)} min; the AWS CLI already treats it as stale`,
    )
  }
  return { entry, record, profiles, settings, warnings }
}
