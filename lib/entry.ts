import { constants, lstatSync, readFileSync, type BigIntStats } from 'node:fs'
import { basename } from 'node:path'
import { errorCode } from './errors.js'
import { parseExpiration } from './expiration.js'
import { describeFsError, readTextFile } from './read-text-file.js'

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

const identityOfStats = (st: BigIntStats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`

const lstatOrMissing = (file: string): BigIntStats | undefined => {
  try {
    return lstatSync(file, { bigint: true, throwIfNoEntry: false })
  } catch (er) {
    if (errorCode(er) === 'ENOTDIR') return undefined
    throw er
  }
}

export const identityOf = (file: string): string | undefined => {
  const st = lstatOrMissing(file)
  return st && identityOfStats(st)
}

// Read without blocking, should a FIFO have taken the file's place since the
// lstat. (Node.js takes open(2) flags as a number too; @types/node knows only strings.)
const NONBLOCKING = (constants.O_RDONLY | constants.O_NONBLOCK) as unknown as string

/**
 * The text of a plain regular file in one call (the folder can hold
 * thousands), or undefined whenever readTextFile must judge it: a read error,
 * no text (a FIFO that took the file's place reads as nothing), a text that
 * may have grown past the limit, or U+FFFD, which is what invalid UTF-8
 * decodes to.
 */
const quickText = (file: string): string | undefined => {
  let text: string
  try {
    text = readFileSync(file, { encoding: 'utf8', flag: NONBLOCKING })
  } catch {
    return undefined
  }
  return text.trim() === '' || text.length > MAX_ENTRY_BYTES / 4 || text.includes('\ufffd') ? undefined : text
}

/** Reads one cache entry; `file` is absolute. Undefined when it does not exist. */
export const readEntry = (file: string): Entry | undefined => {
  const base = { id: basename(file, '.json'), file }
  // taken before reading: if the file is replaced meanwhile, the identity no longer matches
  let st: BigIntStats | undefined
  try {
    st = lstatOrMissing(file)
  } catch (er) {
    // a folder that cannot be searched, a symbolic-link loop: an unreadable entry, never a crash
    return { ...base, identity: '', error: describeFsError(er) }
  }
  if (st === undefined) return undefined
  const identity = identityOfStats(st)
  const text = st.isFile() && st.size <= MAX_ENTRY_BYTES ? quickText(file) : undefined
  if (text !== undefined) return { ...base, identity, ...parseEntry(text) }
  const content = readTextFile(file, MAX_ENTRY_BYTES)
  if (content.kind === 'missing') return { ...base, identity, error: 'symbolic link to a missing file' }
  if (content.kind === 'unreadable') return { ...base, identity, error: content.reason }
  if (content.invalidUtf8) return { ...base, identity, error: 'not valid UTF-8' }
  return { ...base, identity, ...parseEntry(content.text) }
}
