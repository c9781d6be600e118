import type { OptionDef } from './command-def.js'
import type { GlobalArgs } from './inputs.js'

export interface ProfileArgs extends GlobalArgs {
  profile: string
}

export interface SessionArgs extends ProfileArgs {
  refresh: boolean
  minRemaining: string | undefined
}

/** --refresh and --min-remaining, shared by env, sql and exec. */
export const SESSION_OPTIONS: Readonly<Record<string, OptionDef>> = {
  refresh: {
    type: 'boolean',
    default: false,
    describe:
      'with no valid cached session, run "aws --profile P sts get-caller-identity" to make one (it may ask for MFA)',
  },
  'min-remaining': {
    type: 'string',
    describe: 'a session with less time left than this (15m, 1h) counts as none',
    complete: 'none',
    duration: true,
  },
}
