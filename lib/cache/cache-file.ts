import { lstatSync, type Stats } from 'node:fs'
import { errorCode } from '../errors.js'
import { describeFsError, readOpenedFile, type OpenedFile } from './read-text-file.js'

/** Which file, at which version: the fields of an lstat that a rewrite or replacement changes. */
export type FileIdentity = Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs'>

/** False when either is unknown. */
export const sameIdentity = (a: FileIdentity | null | undefined, b: FileIdentity | null | undefined): boolean =>
  !!a && !!b && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs

/**
 * A file of one of the AWS CLI's caches as read: its text, or why it could
 * not be read (never its content: these files hold secrets).
 *
 * identity is what was on disk when the file was read (the directory entry's
 * own lstat, or the fstat of the regular file that was read, which is the
 * same): a removal that must not touch a newer file checks it again. Null
 * when even the lstat failed. mode is the permission bits of a regular file;
 * null for a symbolic link (reading follows it: its target's bits count).
 */
export type CacheFile =
  | { identity: FileIdentity; mode: number | null; text: string; error: null }
  | { identity: FileIdentity | null; mode: number | null; text: null; error: string }

const lstatOrMissing = (file: string): Stats | undefined => {
  try {
    return lstatSync(file, { throwIfNoEntry: false })
  } catch (er) {
    if (errorCode(er) === 'ENOTDIR') return undefined
    throw er
  }
}

// Only these four fields are kept: a Stats object has eighteen, four of them
// Dates, and an entry keeps its identity for as long as it is listed.
const identityFrom = (st: Stats): FileIdentity => ({ dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs })

// Plain numbers, not bigint stats (dearer, and read once per entry): mtimeMs
// keeps a fraction of a microsecond, and an inode above 2**53 would need a
// twin that differs only in its lowest bits, with the same size and time.
export const identityOf = (file: string): FileIdentity | undefined => {
  const st = lstatOrMissing(file)
  return st && identityFrom(st)
}

const modeOf = (st: Stats): number | null => (st.isFile() ? st.mode & 0o7777 : null)

const fromContent = (st: Stats, mode: number | null, content: OpenedFile): CacheFile => {
  const identity = identityFrom(st)
  if (content.kind === 'text') {
    if (content.invalidUtf8) return { identity, mode, text: null, error: 'not valid UTF-8' }
    return { identity, mode, text: content.text, error: null }
  }
  if (content.kind === 'unreadable') return { identity, mode, text: null, error: content.reason }
  return { identity, mode, text: null, error: 'symbolic link to a missing file' }
}

/**
 * Reads one cache file (`file` is absolute) of at most `maxBytes`; undefined
 * when it does not exist. Never blocks (a FIFO), never reads a device.
 */
export const readCacheFile = (file: string, maxBytes: number): CacheFile | undefined => {
  // Opened without following a link, the file read is the directory entry
  // itself: its fstat is the file's identity, and nothing can be swapped in
  // between a look at the file and the read (a link to /dev/zero, a FIFO).
  const direct = readOpenedFile(file, maxBytes, false)
  if (direct.kind === 'missing') return undefined
  if (direct.kind !== 'link' && direct.stats !== null) return fromContent(direct.stats, modeOf(direct.stats), direct)
  // A symbolic link (read through, as the AWS CLI does), or nothing opened:
  // the identity is the link's own lstat.
  let st: Stats | undefined
  try {
    st = lstatOrMissing(file)
  } catch (er) {
    // a folder that cannot be searched, a symbolic-link loop: unreadable, never a crash
    return { identity: null, mode: null, text: null, error: describeFsError(er) }
  }
  if (st === undefined) return undefined
  if (direct.kind === 'unreadable')
    return { identity: identityFrom(st), mode: modeOf(st), text: null, error: direct.reason }
  // what the link points to is opened and judged the same way, whatever it is by then
  return fromContent(st, modeOf(st), readOpenedFile(file, maxBytes, true))
}
