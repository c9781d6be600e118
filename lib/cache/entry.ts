import { lstatSync, type Stats } from 'node:fs'
import { basename } from 'node:path'
import { errorCode } from '../errors.js'
import { isWritableUtc, parseExpiration } from './expiration.js'
import { describeFsError, readOpenedFile, type OpenedFile } from './read-text-file.js'

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

/** Which file, at which version: the fields of an lstat that a rewrite or replacement changes. */
export type FileIdentity = Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs'>

/** False when either is unknown. */
export const sameIdentity = (a: FileIdentity | null | undefined, b: FileIdentity | null | undefined): boolean =>
  !!a && !!b && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs

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

const lstatOrMissing = (file: string): Stats | undefined => {
  try {
    return lstatSync(file, { throwIfNoEntry: false })
  } catch (er) {
    if (errorCode(er) === 'ENOTDIR') return undefined
    throw er
  }
}

// Plain numbers, not bigint stats (dearer, and read once per entry): mtimeMs
// keeps a fraction of a microsecond, and an inode above 2**53 would need a
// twin that differs only in its lowest bits, with the same size and time.
export const identityOf = (file: string): FileIdentity | undefined => lstatOrMissing(file)

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

const modeOf = (st: Stats): number | null => (st.isFile() ? st.mode & 0o7777 : null)

const fromContent = (id: string, file: string, identity: FileIdentity, mode: number | null, content: OpenedFile): Entry => {
  if (content.kind === 'text') {
    if (content.invalidUtf8) return { id, file, identity, mode, error: 'not valid UTF-8' }
    return entryAt(id, file, identity, mode, parseEntry(content.text))
  }
  if (content.kind === 'unreadable') return { id, file, identity, mode, error: content.reason }
  return { id, file, identity, mode, error: 'symbolic link to a missing file' }
}

/** Reads one cache entry; `file` is absolute. Undefined when it does not exist. */
export const readEntry = (file: string, id = basename(file, '.json')): Entry | undefined => {
  // Opened without following a link, the file read is the directory entry
  // itself: its fstat is the entry's identity, and nothing can be swapped in
  // between a look at the file and the read (a link to /dev/zero, a FIFO).
  const direct = readOpenedFile(file, MAX_ENTRY_BYTES, false)
  if (direct.kind === 'missing') return undefined
  if (direct.kind !== 'link' && direct.stats !== null) return fromContent(id, file, direct.stats, modeOf(direct.stats), direct)
  // A symbolic link (read through, as the AWS CLI does), or nothing opened:
  // the identity is the link's own lstat.
  let st: Stats | undefined
  try {
    st = lstatOrMissing(file)
  } catch (er) {
    // a folder that cannot be searched, a symbolic-link loop: an unreadable entry, never a crash
    return { id, file, identity: null, mode: null, error: describeFsError(er) }
  }
  if (st === undefined) return undefined
  if (direct.kind === 'unreadable') return { id, file, identity: st, mode: modeOf(st), error: direct.reason }
  // what the link points to is opened and judged the same way, whatever it is by then
  return fromContent(id, file, st, modeOf(st), readOpenedFile(file, MAX_ENTRY_BYTES, true))
}
