import { EXIT, type ExitCode } from '../lib/errors.js'
import { findLeftovers, mendLeftover, type Leftover, type LeftoverResult } from '../lib/cache/leftovers.js'
import { say } from './io.js'

const line = (l: Leftover, r: LeftoverResult): string => {
  const by = `set aside by awscache process ${l.pid}, which is gone`
  switch (r.kind) {
    case 'put-back':
    case 'would-put-back':
      return `${r.kind === 'put-back' ? 'put back' : 'would put back'} ${l.entryFile} (${by})`
    case 'removed':
    case 'superseded':
    case 'would-remove':
      return `${r.kind === 'would-remove' ? 'would remove' : 'removed'} ${l.file} (${by}; a newer entry is in place)`
    default:
      return `cannot mend ${l.file} (${by}): ${'reason' in r ? r.reason : r.kind}`
  }
}

/**
 * Entries that an interrupted awscache (killed, say) left set aside under a
 * hidden name, put back or removed, one stderr line each. Returns the exit code.
 */
export const mendLeftovers = (cacheDir: string, dryRun: boolean): ExitCode => {
  let code: ExitCode = EXIT.ok
  for (const leftover of findLeftovers(cacheDir)) {
    const result = mendLeftover(leftover, dryRun)
    say(line(leftover, result))
    if (result.kind === 'failed') code = EXIT.error
  }
  return code
}
