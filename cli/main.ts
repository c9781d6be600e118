// One command line in, one exit code out: what the bin runs, and what tests
// run in-process against a home folder.
import { ExpiredSessionError } from '../lib/errors.js'
import { reportError } from './io.js'
import { run } from './run.js'

export const main = async (args: readonly string[]): Promise<number> => {
  process.exitCode = undefined
  try {
    await run(args)
  } catch (er) {
    // an expiry is shown in local time, as the list table shows it
    const shown = er instanceof ExpiredSessionError ? (await import('./local-time.js')).inLocalTime(er) : er
    process.exitCode = reportError(shown)
  }
  return Number(process.exitCode ?? 0)
}
