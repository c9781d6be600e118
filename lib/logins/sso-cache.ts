// SSO logins: the tokens `aws sso login` leaves in ~/.aws/sso/cache, one per
// [sso-session] (or per start URL of a legacy profile), beside the client
// registrations the same command keeps there. A token is what an SSO profile
// gets its role credentials with; it is not a set of AWS credentials itself.
import { join } from 'node:path'
import { sha1Hex } from '../aws/digests.js'
import { readCacheFile, type FileIdentity } from '../cache/cache-file.js'
import { entryFileNames } from '../cache/cache-dir.js'
import { isWritableUtc, parseExpiration } from '../cache/expiration.js'
import { isObject, nonEmpty } from '../cache/json-values.js'

/** A real token file is about 1 kB. */
export const MAX_SSO_FILE_BYTES = 1024 * 1024

/** botocore's SSO token folder: fixed, no variable moves it. */
export const ssoCacheDir = (home: string): string => join(home, '.aws', 'sso', 'cache')

/**
 * SSOTokenLoader._generate_cache_key: SHA-1 of the [sso-session] name, or of
 * a legacy profile's sso_start_url exactly as written, as UTF-8.
 */
export const ssoTokenKey = (sessionNameOrStartUrl: string): string => sha1Hex(sessionNameOrStartUrl)

interface SsoFileBase {
  /** file name without ".json" */
  id: string
  /** absolute path */
  file: string
  identity: FileIdentity | null
  /** permission bits of a regular file; null for a symbolic link */
  mode: number | null
}

export interface SsoToken extends SsoFileBase {
  kind: 'token'
  error: null
  startUrl: string | null
  region: string | null
  /** expiresAt, ms since the epoch */
  expiration: number
  /** registrationExpiresAt, ms since the epoch; null when absent or not a date */
  registrationExpiration: number | null
  /**
   * What SSOTokenProvider._refresh_access_token needs besides a registration
   * in the future: refreshToken, clientId and clientSecret. Only tokens of an
   * [sso-session] login have a refresh token.
   */
  hasRefreshGrant: boolean
}

/** A client registration (no accessToken): not a login. */
export interface SsoRegistration extends SsoFileBase {
  kind: 'registration'
  error: null
}

export interface UnreadableSsoFile extends SsoFileBase {
  kind: 'unreadable'
  error: string
}

export type SsoFile = SsoToken | SsoRegistration | UnreadableSsoFile

type Parsed =
  Omit<SsoToken, keyof SsoFileBase> | Omit<SsoRegistration, keyof SsoFileBase> | { kind: 'unreadable'; error: string }

const unreadable = (error: string): Parsed => ({ kind: 'unreadable', error })

// "2026-12-02T15:56:46UTC" (aws sso login, through JSONFileCache), "…Z" (after
// a refresh), ISO 8601 with an offset: parseExpiration reads all of them
const timeOf = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined
  const ms = parseExpiration(v)
  return ms !== undefined && isWritableUtc(ms) ? ms : undefined
}

/**
 * Understands a file of the SSO folder. A token has an accessToken (as
 * SSOTokenLoader requires, with expiresAt); a file without one is a client
 * registration. A reason never quotes the content, which holds tokens.
 */
export const parseSsoFile = (text: string): Parsed => {
  if (text.trim() === '') return unreadable('empty file')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return unreadable('not valid JSON (truncated or not an SSO cache file)')
  }
  if (!isObject(data)) return unreadable('JSON is not an object')
  if (!('accessToken' in data)) return { kind: 'registration', error: null }
  if (!nonEmpty(data.accessToken)) return unreadable('"accessToken" is empty or not a string')
  if (typeof data.expiresAt !== 'string') return unreadable('"expiresAt" is missing or not a string')
  const expiration = timeOf(data.expiresAt)
  if (expiration === undefined) return unreadable('"expiresAt" is not a date')
  return {
    kind: 'token',
    error: null,
    startUrl: nonEmpty(data.startUrl) ? data.startUrl : null,
    region: nonEmpty(data.region) ? data.region : null,
    expiration,
    registrationExpiration: timeOf(data.registrationExpiresAt) ?? null,
    hasRefreshGrant: nonEmpty(data.refreshToken) && nonEmpty(data.clientId) && nonEmpty(data.clientSecret),
  }
}

/**
 * Whether the CLI renews the token by itself (SSOTokenProvider, within 15
 * minutes of its expiry): only for an [sso-session] login, with a refresh
 * token, client id and secret, and a client registration that has not expired.
 * A legacy login (a profile's own sso_start_url) never renews. Whether the
 * SSO session behind it is still open on the server is not on disk.
 */
export const ssoRefreshable = (token: SsoToken, viaSsoSession: boolean, now: number): boolean =>
  viaSsoSession && token.hasRefreshGrant && token.registrationExpiration !== null && token.registrationExpiration > now

/** Reads one file of the SSO folder (`file` absolute); undefined when it does not exist. */
export const readSsoFile = (file: string, id: string): SsoFile | undefined => {
  const content = readCacheFile(file, MAX_SSO_FILE_BYTES)
  if (content === undefined) return undefined
  const { identity, mode } = content
  const parsed: Parsed = content.error !== null ? unreadable(content.error) : parseSsoFile(content.text)
  return { id, file, identity, mode, ...parsed } as SsoFile
}

/** The token file of an [sso-session] name or a legacy start URL, in the SSO folder `dir`. */
export const readSsoTokenOf = (dir: string, sessionNameOrStartUrl: string): SsoFile | undefined => {
  const id = ssoTokenKey(sessionNameOrStartUrl)
  return readSsoFile(join(dir, `${id}.json`), id)
}

export interface SsoCacheListing {
  /** every file, tokens, registrations and unreadable ones, in file-name order */
  files: SsoFile[]
  /** a folder that cannot be read: one line, never fatal */
  warnings: string[]
}

/** Every file of the SSO folder (missing folder: none). */
export const readSsoCacheDir = (dir: string): SsoCacheListing => {
  let names: string[]
  try {
    names = entryFileNames(dir)
  } catch (er) {
    return { files: [], warnings: [`SSO logins: ${er instanceof Error ? er.message : String(er)}`] }
  }
  const files: SsoFile[] = []
  for (const name of names) {
    const file = readSsoFile(join(dir, name), name.slice(0, -'.json'.length))
    if (file) files.push(file)
  }
  return { files, warnings: [] }
}
