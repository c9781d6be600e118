import { writeSync } from 'node:fs'
import { AwscacheError, errorCode } from '../lib/errors.js'
import { UsageError } from './usage-error.js'

// stdout carries only what a machine reads; every message goes to stderr.
//
// Both are written once a command's text is complete, straight to file
// descriptors 1 and 2 (a large text a 64 KiB piece at a time, writeAll):
// setting up process.stdout or process.stderr (a stream over a pipe or a
// terminal) costs more than reading a typical cache folder. Only on Windows
// does anything go through them (guardStreams): yargs hands its help text
// back (cli/help.ts).

const PAUSE = new Int32Array(new SharedArrayBuffer(4))

/** Waits `ms` without spinning: for a descriptor left non-blocking by another program. */
export const pause = (ms: number): void => {
  Atomics.wait(PAUSE, 0, 0, ms)
}

/** Writes `length` bytes of `bytes` to `fd`; throws what write(2) throws, but for EAGAIN. */
const writeBytes = (fd: number, bytes: Uint8Array, length: number): void => {
  let done = 0
  while (done < length) {
    try {
      done += writeSync(fd, bytes, done, length - done)
    } catch (er) {
      if (errorCode(er) !== 'EAGAIN') throw er
      // a pipe or terminal left non-blocking by another process, and full: let its reader catch up
      pause(1)
    }
  }
}

// Texts are encoded into one buffer, a piece at a time, and written from it:
// a copy of a large output (a thousand sessions as JSON) would be as large as
// the output, and fresh memory is dear (each new page is a fault).
export const PIECE_BYTES = 64 * 1024
let piece: Buffer | undefined
const encoder = new TextEncoder()

/** Writes all of `texts`, one after the other, to `fd` as UTF-8 (exported for its test). */
export const writeAll = (fd: number, texts: readonly string[]): void => {
  const bytes = (piece ??= Buffer.allocUnsafe(PIECE_BYTES))
  let filled = 0
  for (const text of texts) {
    let rest = text
    while (rest !== '') {
      // whole characters only: a pair of surrogates is never split between pieces
      const { read, written } = encoder.encodeInto(rest, filled === 0 ? bytes : bytes.subarray(filled))
      filled += written
      rest = rest.slice(read)
      if (rest !== '') {
        writeBytes(fd, bytes, filled)
        filled = 0
      }
    }
  }
  writeBytes(fd, bytes, filled)
}

// A Windows console takes UTF-16 (WriteConsoleW), which only the streams
// speak: writeSync would send UTF-8 bytes through the console's code page.
const STREAMS_ONLY = process.platform === 'win32'

const cannotWrite = (er: unknown): never => {
  // a reader that goes away (| head -1) is not an error; a disk that is full is
  if (errorCode(er) === 'EPIPE') process.exit(0)
  toStderr(`awscache: cannot write the output (${errorCode(er) ?? 'error'})\n`)
  process.exit(1)
}

let guarded = false

/** Whether anything may have been written through process.stdout or process.stderr (which may still be writing). */
export const streamsInUse = (): boolean => guarded

/** The same rules for what is printed through process.stdout and process.stderr (Windows). */
export const guardStreams = (): void => {
  if (guarded) return
  guarded = true
  process.stdout.on('error', cannotWrite)
  // messages nobody reads any more must not cost the output
  process.stderr.on('error', () => {})
}

type Sink = (fd: 1 | 2, text: string) => void

// Tests that run commands in-process (test/helpers/in-process.ts) read what
// would have been written here; the bin never sets it.
let sink: Sink | undefined

/** Sends everything written to stdout and stderr to `to` instead (undefined: back to the descriptors). */
export const redirectOutput = (to: Sink | undefined): void => {
  sink = to
}

/** Writes `texts`, one after the other, to stdout (1) or stderr (2) by the rules above. */
const write = (fd: 1 | 2, ...texts: string[]): void => {
  if (sink) {
    sink(fd, texts.join(''))
    return
  }
  if (STREAMS_ONLY) {
    guardStreams()
    for (const text of texts) (fd === 1 ? process.stdout : process.stderr).write(text)
    return
  }
  try {
    writeAll(fd, texts)
  } catch (er) {
    // the output cannot be lost quietly; messages nobody reads any more must not cost it
    if (fd === 1) cannotWrite(er)
  }
}

const toStderr = (text: string): void => write(2, text)

export const output = (text: string): void => write(1, text)

/**
 * Writes `value` as JSON (indented by two spaces) and a newline to stdout:
 * what --json prints. The newline is not added to the JSON's text, which
 * would copy it whole.
 */
export const outputJson = (value: unknown): void => write(1, JSON.stringify(value, null, 2), '\n')

// A message may quote a name the user typed or a file holds: no control
// characters, and none of the invisible ones that reorder or hide text
// (bidirectional controls, zero-width characters, line and paragraph separators,
// soft hyphens, fillers, variation selectors, tag characters), nor a lone surrogate.
export const printable = (s: string): string =>
  s.replace(
    /[\x00-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}\ud800-\udfff]/gu,
    '?',
  )

export const warn = (message: string): void => toStderr(`awscache: warning: ${printable(message)}\n`)

export const say = (message: string): void => toStderr(`awscache: ${printable(message)}\n`)

/** A question on stderr, the answer to follow on the same line. */
export const question = (text: string): void => toStderr(printable(text))

/** A line under a message, indented. */
export const sayMore = (line: string): void => toStderr(`  ${line}\n`)

export const reportError = (er: unknown): number => {
  if (er instanceof UsageError && er.command !== undefined) {
    toStderr(`awscache ${er.command}: ${printable(er.message)}\n`)
    for (const hint of er.hints) sayMore(printable(hint))
    return er.exitCode
  }
  if (er instanceof AwscacheError) {
    say(er.message)
    for (const hint of er.hints) sayMore(printable(hint))
    return er.exitCode
  }
  // never a stack trace: it could hold a value read from a cache entry
  say(`internal error: ${er instanceof Error ? (er.message.split('\n')[0] ?? '') : String(er)}`)
  return 1
}
