// The hex digests the AWS CLI names its cache files with. node:crypto (and
// the streams under it, a tenth of a command's start-up) is loaded when a
// digest is first computed: commands that compute none (unset, init) start
// without it. A digest in JavaScript costs more than the loading once a
// config has a few dozen profiles (tried: README "Speed").
import type * as Crypto from 'node:crypto'

const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto')

/** Lower-case hex SHA-1 of the text's UTF-8. */
export const sha1Hex = (text: string): string => crypto().hash('sha1', text, 'hex')

/** Lower-case hex SHA-256 of the text's UTF-8. */
export const sha256Hex = (text: string): string => crypto().hash('sha256', text, 'hex')
