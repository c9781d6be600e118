import { accessSync, constants } from 'node:fs'
import { findOpenssl } from './sts-standin.js'

/** The real AWS CLI v2 the end-to-end tests drive (Debian's; a pyenv shim on PATH must not get a say). */
export const AWS = process.env.AWSCACHE_TEST_AWS || '/usr/bin/aws'

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Why the real-CLI tests cannot run here; empty when they can. */
export const missingTools = (): string[] => [
  ...(isExecutable(AWS) ? [] : [`no AWS CLI at ${AWS} (apt-get install awscli, or set AWSCACHE_TEST_AWS)`]),
  ...(findOpenssl() ? [] : ['no openssl command (apt-get install openssl): the STS stand-in needs it for its certificate']),
]

/** A skipped real-CLI test says so where nobody can miss it. */
export const shout = (lines: string[]): void => {
  const bar = '!'.repeat(78)
  process.stderr.write(`\n${bar}\n${lines.map(l => `!! ${l}`).join('\n')}\n${bar}\n\n`)
}
