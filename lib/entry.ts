import { lstatSync } from 'node:fs'
import { basename } from 'node:path'
import { errorCode } from './errors.js'
import { parseExpiration } from './expiration.js'
import { readTextFile } from './read-text-file.js'

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
   * What was on disk when the entry was read (device, inode, size, mtime of
   * the directory entry itself): a removal that must not touch a newer file
   * checks it again.
   */
  identity: string
}

export interface ReadableEntry extends EntryBase {
  error: null
  /** "sso" for ProviderType sso, else an assumed role (AssumeRole, web identity) */
  type: 'assume-role' | 'sso'
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const CREDENTIAL_FIELDS = ['AccessKeyId', 'SecretAccessKey', 'SessionToken'] as const

/**
 * Understands an entry's text. Returns the reason it is not a cached session
 * otherwise; a reason never quotes the file's content, which holds secrets.
 */
export const parseEntry = (
  text: string,
): Omit<ReadableEntry, 'id' | 'file' | 'identity'> | { error: string } => {
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

export const identityOf = (file: string): string | undefined => {
  try {
    const st = lstatSync(file, { bigint: true })
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`
  } catch (er) {
    if (errorCode(er) === 'ENOENT' || errorCode(er) === 'ENOTDIR') return undefined
    throw er
  }
}

/** Reads one cache entry; `file` is absolute. Undefined when it does not exist. */
export const readEntry = (file: string): Entry | undefined => {
  const base = { id: basename(file, '.json'), file }
  // taken before reading: if the file is replaced meanwhile, the identity no longer matches
  const identity = identityOf(file)
  if (identity === undefined) return undefined
  const content = readTextFile(file, MAX_ENTRY_BYTES)
  if (content.kind === 'missing') return { ...base, identity, error: 'symbolic link to a missing file' }
  if (content.kind === 'unreadable') return { ...base, identity, error: content.reason }
  if (content.invalidUtf8) return { ...base, identity, error: 'not valid UTF-8' }
  return { ...base, identity, ...parseEntry(content.text) }
}
