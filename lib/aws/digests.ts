// The hex digests the AWS CLI names its cache files with: SHA-1 for role and
// SSO sessions, SHA-256 for `aws login` sessions. SHA-1 is the one looked up
// in every command, so it does without node:crypto (lib/aws/sha1.ts says why)
// wherever Node.js has WebAssembly.
import type * as Crypto from 'node:crypto'
import { hasWebAssembly, sha1HexInWebAssembly } from './sha1.js'

const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto')

/** Lower-case hex SHA-1 of the text's UTF-8. */
export const sha1Hex = (text: string): string =>
  hasWebAssembly() ? sha1HexInWebAssembly(text) : crypto().hash('sha1', text, 'hex')

/** Lower-case hex SHA-256 of the text's UTF-8. */
export const sha256Hex = (text: string): string => crypto().hash('sha256', text, 'hex')
