import { basename } from 'node:path'
import { readCacheFile, type FileIdentity } from './cache-file.js'
import { isWritableUtc, parseExpiration } from './expiration.js'
import { isObject } from './json-values.js'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** milliseconds since the epoch */
  expiration: number
}

interface EntryBase {
  /** file name without ".json" */
  id: string
  /** absolute path */
  file: string
  /**
   * What was on disk when the entry was read (the directory entry's own
   * lstat, or the fstat of the regular file that was read, which is the
   * same): a removal that must not touch a newer file checks it again.
   * Null when even the lstat failed.
   */
  identity: FileIdentity | null
  /**
   * Permission bits of a regular file as the lstat found them; null for a
   * symbolic link (reading follows it: its target's bits are what count).
   */
  mode: number | null
}

export interface ReadableEntry extends EntryBase {
  error: null
  /**
   * "sso" for ProviderType sso, else an assumed role (AssumeRole, web
   * identity); "login" for an `aws login` session (lib/logins/login-entry.ts)
   */
  type: 'assume-role' | 'sso' | 'login'
  credentials: Credentials
  /** AssumedRoleUser.Arn */
  assumedRoleArn: string | null
  /** Credentials.AccountId (CLI v1 writes it) */
  accountId: string | null
}

export interface UnreadableEntry extends EntryBase {
  error: string
}

export type Entry = ReadableEntry | UnreadableEntry

export const isReadable = (entry: Entry): entry is ReadableEntry => entry.error === null

// A real entry is a few kilobytes; anything far larger is not one.
export const MAX_ENTRY_BYTES = 1024 * 1024

const CREDENTIAL_FIELDS = ['AccessKeyId', 'SecretAccessKey', 'SessionToken'] as const

/**
 * Understands an entry's text. Returns the reason it is not a cached session
 * otherwise; a reason never quotes the file's content, which holds secrets.
 */
export const parseEntry = (
  text: string,
): Omit<ReadableEntry, 'id' | 'file' | 'identity' | 'mode'> | { error: string } => {
  if (text.trim() === '') return { error: 'empty file' }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { error: 'not valid JSON (truncated or not an AWS CLI cache entry)' }
  }
  if (!isObject(data)) return { error: 'JSON is not an object' }
  const creds = data.Credentials
  if (!isObject(creds)) return { error: 'no "Credentials" object' }
  for (const field of CREDENTIAL_FIELDS) {
    const value = creds[field]
    if (typeof value !== 'string' || value === '') {
      return { error: `"Credentials.${field}" is missing, empty or not a string` }
    }
  }
  const expirationText = creds.Expiration
  if (typeof expirationText !== 'string') {
    return { error: '"Credentials.Expiration" is missing or not a string' }
  }
  const expiration = parseExpiration(expirationText)
  if (expiration === undefined) return { error: '"Credentials.Expiration" is not a date' }
  if (!isWritableUtc(expiration)) return { error: '"Credentials.Expiration" is outside the years 0000 to 9999 in UTC' }
  const user = data.AssumedRoleUser
  const arn = isObject(user) && typeof user.Arn === 'string' ? user.Arn : null
  return {
    error: null,
    type: data.ProviderType === 'sso' ? 'sso' : 'assume-role',
    credentials: {
      accessKeyId: creds.AccessKeyId as string,
      secretAccessKey: creds.SecretAccessKey as string,
      sessionToken: creds.SessionToken as string,
      expiration,
    },
    assumedRoleArn: arn,
    accountId: typeof creds.AccountId === 'string' ? creds.AccountId : null,
  }
}

type Parsed = ReturnType<typeof parseEntry>

// Spelled out, not spread: a spread followed by more fields builds a slow
// (dictionary-mode) object in V8, and a folder holds thousands of entries.
const entryAt = (id: string, file: string, identity: FileIdentity, mode: number | null, parsed: Parsed): Entry =>
  parsed.error === null
    ? {
        id,
        file,
        identity,
        mode,
        error: null,
        type: parsed.type,
        credentials: parsed.credentials,
        assumedRoleArn: parsed.assumedRoleArn,
        accountId: parsed.accountId,
      }
    : { id, file, identity, mode, error: parsed.error }

/** Reads one cache entry; `file` is absolute. Undefined when it does not exist. */
export const readEntry = (file: string, id = basename(file, '.json')): Entry | undefined => {
  const content = readCacheFile(file, MAX_ENTRY_BYTES)
  if (content === undefined) return undefined
  const { identity, mode } = content
  if (content.error !== null) return { id, file, identity, mode, error: content.error }
  return entryAt(id, file, content.identity, mode, parseEntry(content.text))
}
