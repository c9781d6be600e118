import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { errorCode } from '../errors.js'

export type TextFile =
  { kind: 'missing' } | { kind: 'text'; text: string; invalidUtf8: boolean } | { kind: 'unreadable'; reason: string }

/** A file read by readOpenedFile: what was read comes with the fstat of the very file it came from. */
export type OpenedFile =
  | { kind: 'missing' }
  /** links not followed, and the path names one (or a path loop) */
  | { kind: 'link' }
  | { kind: 'text'; text: string; invalidUtf8: boolean; stats: Stats }
  /** stats: null when nothing could be opened */
  | { kind: 'unreadable'; reason: string; stats: Stats | null }

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
}

export const describeFsError = (er: unknown): string => {
  const code = errorCode(er)
  return (code && REASONS[code]) ?? (code ? `cannot read (${code})` : 'cannot read')
}

// Never block on a FIFO or device that took a file's place. (Windows has
// neither flag, nor FIFOs.)
const READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const NOFOLLOW = constants.O_NOFOLLOW ?? 0
// what open(2) with O_NOFOLLOW says of a symbolic link: ELOOP (Linux, macOS), EMLINK (FreeBSD), EFTYPE (NetBSD)
const LINK_REFUSED = new Set(['ELOOP', 'EMLINK', 'EFTYPE'])

const decode = (bytes: Buffer): { text: string; invalidUtf8: boolean } => {
  const text = bytes.toString('utf8')
  // U+FFFD is what invalid UTF-8 decodes to; only then is the strict decoder worth its cost
  if (!text.includes('\ufffd')) return { text, invalidUtf8: false }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), invalidUtf8: false }
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true }
  }
}

// One buffer for every file that fits in it: a folder of a thousand entries
// would otherwise allocate (and collect) a thousand. What is read is decoded
// into a string before the next read.
const SCRATCH_BYTES = 64 * 1024
let scratch: Buffer | undefined

const bufferFor = (size: number): Buffer =>
  size <= SCRATCH_BYTES ? (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)) : Buffer.allocUnsafe(size)

/**
 * Opens a file without blocking (and, unless `followLinks`, without following
 * a symbolic link), then judges the opened file itself, whatever the path
 * names by now: a regular file of at most `maxBytes`, of which no more than
 * its size is read. A check before the open could be outdated by the time
 * of the read; this cannot.
 */
export const readOpenedFile = (path: string, maxBytes: number, followLinks: boolean): OpenedFile => {
  let fd: number
  try {
    fd = openSync(path, followLinks ? READ : READ | NOFOLLOW)
  } catch (er) {
    const code = errorCode(er)
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
    if (!followLinks && code && LINK_REFUSED.has(code)) return { kind: 'link' }
    return { kind: 'unreadable', reason: describeFsError(er), stats: null }
  }
  let stats: Stats | null = null
  try {
    stats = fstatSync(fd)
    if (stats.isDirectory()) return { kind: 'unreadable', reason: 'is a folder', stats }
    if (!stats.isFile()) return { kind: 'unreadable', reason: 'not a regular file', stats }
    if (stats.size > maxBytes) return { kind: 'unreadable', reason: `larger than ${maxBytes} bytes`, stats }
    // the size the fstat gave, and no more: a file that grows meanwhile is read as it was
    const size = stats.size
    const buf = bufferFor(size)
    let got = 0
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got)
      if (n === 0) break
      got += n
    }
    const { text, invalidUtf8 } = decode(buf.subarray(0, got))
    return { kind: 'text', text, invalidUtf8, stats }
  } catch (er) {
    return { kind: 'unreadable', reason: describeFsError(er), stats }
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a small text file (following links: a config file is often one)
 * without ever blocking on a FIFO or device and without reading more than
 * `maxBytes`. A missing file is not an error.
 */
export const readTextFile = (path: string, maxBytes: number): TextFile => {
  const file = readOpenedFile(path, maxBytes, true)
  if (file.kind === 'text') return { kind: 'text', text: file.text, invalidUtf8: file.invalidUtf8 }
  if (file.kind === 'unreadable') return { kind: 'unreadable', reason: file.reason }
  return { kind: 'missing' }
}
