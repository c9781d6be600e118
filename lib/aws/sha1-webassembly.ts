// SHA-1 (FIPS 180-4) of a text's UTF-8: the padding here, the block
// compression in WebAssembly (lib/aws/sha1.wat). For the many digests of
// list and prune (lib/aws/digests.ts says when): about 2 ms to set up, then
// microseconds a digest, where JavaScript's own SHA-1 is interpreted until
// V8 tiers it up, and node:crypto costs about 5 ms to load.
import { padMessage } from './sha1.js'
import { SHA1_WASM } from './sha1-wasm.js'

// WebAssembly's JavaScript API is typed in TypeScript's DOM library, not in
// @types/node 20: what this file uses of it.
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object
      Instance: new (module: object) => { exports: unknown }
    }
  | undefined

interface Sha1Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number }
  /** hashes the padded message from MESSAGE to `end`; the digest's bytes at 0 */
  sha1(end: number): void
}

// where sha1.wat reads the padded message
const MESSAGE = 384
const PAGE = 65536

interface Sha1 {
  exports: Sha1Exports
  /** views of the memory's buffer, made again when memory.grow replaces it */
  bytes: Buffer
  view: DataView
  /** bytes from MESSAGE on */
  message: Uint8Array
}

// A Buffer, for its native hex reading: done in JavaScript, it costs more
// than the hashing while V8 interprets it. (Not Buffer#write for the text:
// Node.js 22.7.0 writes a one-byte string's characters above U+007F as
// Latin-1 there once V8 has optimized the caller, nodejs/node#54521.)
const withViews = (exports: Sha1Exports): Sha1 => ({
  exports,
  bytes: Buffer.from(exports.memory.buffer),
  view: new DataView(exports.memory.buffer),
  message: new Uint8Array(exports.memory.buffer, MESSAGE),
})

// Null where there is no WebAssembly to be had: a Node.js started with
// --jitless or --no-expose-wasm has none, and one whose address space is
// limited (ulimit -v below about 12 GB) cannot make a WebAssembly memory, for
// which V8 reserves about 10 GB of guard pages.
const instantiate = (): Sha1 | null => {
  if (typeof WebAssembly === 'undefined') return null
  try {
    return withViews(
      new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SHA1_WASM, 'base64'))).exports as Sha1Exports,
    )
  } catch {
    return null
  }
}

let state: Sha1 | null | undefined

// undefined when there is no WebAssembly, or no memory for this text
const sha1Of = (size: number): Sha1 | undefined => {
  state ??= instantiate()
  if (state === null) return undefined
  const { memory } = state.exports
  if (size > memory.buffer.byteLength) {
    try {
      memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE))
    } catch {
      return undefined
    }
    state = withViews(state.exports)
  }
  return state
}

const utf8 = new TextEncoder()

/** Lower-case hex SHA-1 of the text's UTF-8; undefined where WebAssembly cannot be had (above). */
export const sha1HexInWebAssembly = (text: string): string | undefined => {
  // at most 3 bytes of UTF-8 per UTF-16 unit, then at most 72 of padding
  const sha1 = sha1Of(MESSAGE + text.length * 3 + 72)
  if (sha1 === undefined) return undefined
  const { exports, bytes, view, message } = sha1
  const n = utf8.encodeInto(text, message).written
  exports.sha1(padMessage(bytes, view, MESSAGE, n))
  return bytes.toString('hex', 0, 20)
}
