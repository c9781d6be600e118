// `aws login` sessions (AWS CLI 2.32+): console credentials for the CLI, one
// file per login ARN in the login cache folder (botocore's
// LoginCredentialsLoader). Unlike an SSO token, a file here *is* a set of AWS
// credentials, refreshed in place by the CLI; deleting it is a logout.
import { join } from 'node:path'
import { sha256Hex } from '../aws/digests.js'
import { expandUser, expandVars, type Env } from '../aws/paths.js'
import { readCacheFile, type FileIdentity } from '../cache/cache-file.js'
import { entryFileNames } from '../cache/cache-dir.js'
import type { Credentials } from '../cache/entry.js'
import { isWritableUtc, parseExpiration } from '../cache/expiration.js'
import { isObject, nonEmpty } from '../cache/json-values.js'

/** A real login file is about 1.5 kB. */
export const MAX_LOGIN_FILE_BYTES = 1024 * 1024

/**
 * The CLI and SDKs renew the access key with the refresh token when less
 * than this is left (LoginCredentialFetcher._REFRESH_THRESHOLD).
 */
export const LOGIN_REFRESH_SECONDS = 5 * 60

/**
 * get_login_token_cache_directory: $AWS_LOGIN_CACHE_DIRECTORY with $VAR and
 * ~ expanded, else ~/.aws/login/cache. An empty value counts as unset (the CLI
 * would read the current folder; nothing of the user's belongs there).
 */
export const loginCacheDir = (env: Env, home: string): string => {
  const set = env.AWS_LOGIN_CACHE_DIRECTORY
  if (set !== undefined && set.trim() !== '') return expandUser(expandVars(set, env), home)
  return join(home, '.aws', 'login', 'cache')
}

/** generate_login_cache_key: lower-case hex SHA-256 of the ARN's UTF-8. */
export const loginCacheKey = (loginArn: string): string => sha256Hex(loginArn)

interface LoginFileBase {
  /** file name without ".json": the SHA-256 of the login ARN */
  id: string
  /** absolute path */
  file: string
  identity: FileIdentity | null
  /** permission bits of a regular file; null for a symbolic link */
  mode: number | null
}

export interface ReadableLoginSession extends LoginFileBase {
  error: null
  credentials: Credentials
  /** accessToken.accountId */
  accountId: string | null
  /**
   * The CLI can renew the access key by itself: the file holds the refresh
   * token and the DPoP key a refresh needs (whether the login behind them
   * is still open is known only to the sign-in service).
   */
  refreshable: boolean
  /**
   * The login ARN (the id token's `sub`), when it hashes to the file's name:
   * what names the login when no profile does.
   */
  loginArn: string | null
}

export interface UnreadableLoginSession extends LoginFileBase {
  error: string
}

export type LoginSession = ReadableLoginSession | UnreadableLoginSession

const TOKEN_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const

type Parsed =
  (Omit<ReadableLoginSession, keyof LoginFileBase | 'loginArn'> & { subject: string | null }) | { error: string }

// The `sub` claim of a JWT's payload, read without checking the signature:
// it only names the login, and is trusted only if it hashes to the file name.
const jwtSubject = (jwt: unknown): string | null => {
  if (typeof jwt !== 'string') return null
  const payload = jwt.split('.')[1]
  if (payload === undefined) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return isObject(claims) && nonEmpty(claims.sub) ? claims.sub : null
  } catch {
    return null
  }
}

/**
 * Understands a login file's text. A reason never quotes the content, which
 * holds a private key and tokens.
 */
export const parseLoginSession = (text: string): Parsed => {
  if (text.trim() === '') return { error: 'empty file' }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { error: 'not valid JSON (truncated or not an aws login session)' }
  }
  if (!isObject(data)) return { error: 'JSON is not an object' }
  const token = data.accessToken
  if (!isObject(token)) return { error: 'no "accessToken" object' }
  for (const field of TOKEN_FIELDS) {
    if (!nonEmpty(token[field])) return { error: `"accessToken.${field}" is missing, empty or not a string` }
  }
  if (typeof token.expiresAt !== 'string') return { error: '"accessToken.expiresAt" is missing or not a string' }
  const expiration = parseExpiration(token.expiresAt)
  if (expiration === undefined) return { error: '"accessToken.expiresAt" is not a date' }
  if (!isWritableUtc(expiration)) return { error: '"accessToken.expiresAt" is outside the years 0000 to 9999 in UTC' }
  return {
    error: null,
    credentials: {
      accessKeyId: token.accessKeyId as string,
      secretAccessKey: token.secretAccessKey as string,
      sessionToken: token.sessionToken as string,
      expiration,
    },
    accountId: nonEmpty(token.accountId) ? token.accountId : null,
    refreshable: nonEmpty(data.refreshToken) && nonEmpty(data.dpopKey),
    subject: jwtSubject(data.idToken),
  }
}

/** Reads one login file (`file` absolute); undefined when it does not exist. */
export const readLoginSession = (file: string, id: string): LoginSession | undefined => {
  const content = readCacheFile(file, MAX_LOGIN_FILE_BYTES)
  if (content === undefined) return undefined
  const { identity, mode } = content
  if (content.error !== null) return { id, file, identity, mode, error: content.error }
  const parsed = parseLoginSession(content.text)
  if (parsed.error !== null) return { id, file, identity, mode, error: parsed.error }
  return {
    id,
    file,
    identity,
    mode,
    error: null,
    credentials: parsed.credentials,
    accountId: parsed.accountId,
    refreshable: parsed.refreshable,
    loginArn: parsed.subject !== null && loginCacheKey(parsed.subject) === id ? parsed.subject : null,
  }
}

/** The login session of a login ARN, in the login cache folder `dir`. */
export const readLoginSessionOf = (dir: string, loginArn: string): LoginSession | undefined => {
  const id = loginCacheKey(loginArn)
  return readLoginSession(join(dir, `${id}.json`), id)
}

export interface LoginCacheListing {
  sessions: LoginSession[]
  /** a folder that cannot be read: one line, never fatal */
  warnings: string[]
}

/** Every login file in the folder (missing folder: none), in file-name order. */
export const readLoginCacheDir = (dir: string): LoginCacheListing => {
  let names: string[]
  try {
    names = entryFileNames(dir)
  } catch (er) {
    return { sessions: [], warnings: [`aws login sessions: ${er instanceof Error ? er.message : String(er)}`] }
  }
  const sessions: LoginSession[] = []
  for (const name of names) {
    const session = readLoginSession(join(dir, name), name.slice(0, -'.json'.length))
    if (session) sessions.push(session)
  }
  return { sessions, warnings: [] }
}
