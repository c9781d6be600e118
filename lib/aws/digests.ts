// The hex digests the AWS CLI names its cache files with. node:crypto (and
// the streams under it) costs about 5 ms to load: a command that looks up one
// profile (env, sql, exec) hashes one or two key texts, which JavaScript does
// in a fraction of that. From the third digest on, as when every profile's
// key is wanted (list), node:crypto is cheaper: JavaScript's cost grows with
// each digest (measured: README "Speed").
import type * as Crypto from 'node:crypto'
import { sha1HexJs } from './sha1.js'

const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto')

const DIGESTS_IN_JAVASCRIPT = 2
let digestsInJavascript = 0

/** Lower-case hex SHA-1 of the text's UTF-8. */
export const sha1Hex = (text: string): string =>
  digestsInJavascript++ < DIGESTS_IN_JAVASCRIPT ? sha1HexJs(text) : crypto().hash('sha1', text, 'hex')

/** Lower-case hex SHA-256 of the text's UTF-8. */
export const sha256Hex = (text: string): string => crypto().hash('sha256', text, 'hex')
