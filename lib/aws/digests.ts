// The hex digests the AWS CLI names its cache files with: SHA-1 for role and
// SSO sessions, SHA-256 for `aws login` sessions.
//
// SHA-1 is looked up by every command, and node:crypto (with the streams
// under it) costs about 5 ms to load: a command that looks up one profile
// (env, sql, exec, rm, status) hashes its one or two key texts in JavaScript
// (lib/aws/sha1.ts), quicker than setting up WebAssembly (about 2 ms); from the
// third digest on, as when every profile's key is wanted (list, prune), the
// WebAssembly SHA-1 (lib/aws/sha1-webassembly.ts) is quicker, as interpreted
// JavaScript costs more with every digest. Without WebAssembly (Node.js
// started with --jitless or --no-expose-wasm, or in too small an address
// space): node:crypto. README "Speed".
import type * as Crypto from 'node:crypto'
import { sha1HexInJavaScript } from './sha1.js'
import { sha1HexInWebAssembly } from './sha1-webassembly.js'

const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto')

const DIGESTS_IN_JAVASCRIPT = 2
let digests = 0

/** Lower-case hex SHA-1 of the text's UTF-8. */
export const sha1Hex = (text: string): string =>
  digests++ < DIGESTS_IN_JAVASCRIPT
    ? sha1HexInJavaScript(text)
    : (sha1HexInWebAssembly(text) ?? crypto().hash('sha1', text, 'hex'))

/** Lower-case hex SHA-256 of the text's UTF-8. */
export const sha256Hex = (text: string): string => crypto().hash('sha256', text, 'hex')
