import { AwscacheError, EXIT } from '../lib/errors.js'
import { shellWord } from '../lib/shell-words.js'

/** The command that makes the AWS CLI resolve a profile, and so cache its session. */
export const refreshCommand = (profile: string): string[] => ['--profile', profile, 'sts', 'get-caller-identity']

/**
 * Runs the real AWS CLI for a profile with the user's terminal, so that it can
 * ask for an MFA code; its output goes to stderr, keeping stdout clean for eval.
 */
export const runAwsFor = async (profile: string): Promise<void> => {
  // loaded only when needed: every env and list would pay for it otherwise
  const { spawnSync } = await import('node:child_process')
  const args = refreshCommand(profile)
  const shown = ['aws', ...args].map(shellWord).join(' ')
  const r = spawnSync('aws', args, { stdio: ['inherit', 2, 'inherit'] })
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new AwscacheError(
      missing ? 'cannot refresh: the aws command is not on PATH (install the AWS CLI)' : `cannot run ${shown}: ${r.error.message}`,
      EXIT.error,
    )
  }
  if (r.status !== 0) {
    throw new AwscacheError(`${shown} failed (${r.signal ? `killed by ${r.signal}` : `exit ${r.status}`}); nothing printed`, EXIT.error)
  }
}
