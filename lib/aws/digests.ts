// The hex digests the AWS CLI names its cache files with: SHA-1 for role and
// SSO sessions, SHA-256 for `aws login` sessions. SHA-1 is the one looked up
// in every command, so it does without node:crypto (lib/aws/sha1.ts says why).
import type * as Crypto from 'node:crypto'

export { sha1Hex } from './sha1.js'

/** Lower-case hex SHA-256 of the text's UTF-8. */
export const sha256Hex = (text: string): string =>
  (process.getBuiltinModule('node:crypto') as typeof Crypto).hash('sha256', text, 'hex')
