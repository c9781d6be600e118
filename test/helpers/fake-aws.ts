// A stand-in for the aws command, for the session policy run in-process.
import type { AwsRunner } from '../../lib/sessions/session-policy.js'

/** Each run does `effect` (write an entry, say) and answers `failure`; `unavailable`: aws is not there. */
export const standIn = (effect: () => void = () => {}, failure?: string, unavailable?: string) => {
  const runs: string[][] = []
  const runner: AwsRunner = {
    unavailable: () => unavailable,
    run: args => {
      runs.push(args)
      effect()
      return failure
    },
  }
  return { runner, runs }
}
