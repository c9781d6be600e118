import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { errorCode } from './errors.js'

export type TextFile =
  | { kind: 'missing' }
  | { kind: 'text'; text: string; invalidUtf8: boolean }
  | { kind: 'unreadable'; reason: string }

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

/**
 * Reads a small text file without ever blocking on a FIFO or device and
 * without reading more than `maxBytes`. A missing file is not an error.
 */
export const readTextFile = (path: string, maxBytes: number): TextFile => {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (er) {
    const code = errorCode(er)
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
    return { kind: 'unreadable', reason: describeFsError(er) }
  }
  try {
    const st = fstatSync(fd)
    if (st.isDirectory()) return { kind: 'unreadable', reason: 'is a folder' }
    if (!st.isFile()) return { kind: 'unreadable', reason: 'not a regular file' }
    if (st.size > maxBytes) return { kind: 'unreadable', reason: `larger than ${maxBytes} bytes` }
    const buf = Buffer.alloc(st.size)
    let got = 0
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got)
      if (n === 0) break
      got += n
    }
    const bytes = buf.subarray(0, got)
    let text: string
    let invalidUtf8 = false
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      invalidUtf8 = true
      text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    }
    return { kind: 'text', text, invalidUtf8 }
  } catch (er) {
    return { kind: 'unreadable', reason: describeFsError(er) }
  } finally {
    closeSync(fd)
  }
}
